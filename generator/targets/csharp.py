"""The C# target: naming, type mapping, literals, XML doc comments and the file manifest of a C# SDK.

The SDK is an SDK-style project (netstandard2.0, C# 7.2, Newtonsoft.Json) in one namespace made from the package
name (`azml-client` -> `AzmlClient`): models (src/Models.cs), the client and its operations' <Operation>Params
classes (src/Client.cs), and the runtime: runtime/csharp/src/*.cs (options, credentials, Azure ML credentials,
requests, JSON, errors, the HttpClient pipeline with retries, hooks and logging, pagers, long-running operations'
pollers, event, JSON-lines and binary streams), real C# unit-tested on its own
(tests/test_csharp_runtime.py), copied into src/ with only its namespace placeholder `Clientgen.Runtime` replaced,
beside src/SdkInfo.cs, the one per-spec file it reads (User-Agent, the raw send's credential place). Every decision
about C# text (identifiers, types, attributes, literals, doc comments) is made here; the templates only lay it out.

Everything the templates get is render.Code, made for one place by one function here:

- identifiers (`class_name`, `member_name`, `local_name`, `namespace_name`): ASCII letters, digits, '_'
  and the letters naming keeps (naming.is_name_letter: `名前`, `café`), never starting with a digit; keywords, contextual ones too, escaped
  with '@' where a lower-case name can meet one; a type named like one the runtime or the framework uses gets
  the suffix Model, a member named like one the runtime, `object`, its class or Newtonsoft's conventions
  (ShouldSerialize<Name>, <Name>Specified) define gets the suffix Value (Members); uniqueness (case-insensitive,
  so names differing only in case never meet) per scope by naming.Scope, the second name getting a number;
- string literals (`literal`): regular "..." literals holding printable ASCII only: quotes and backslashes
  escaped, every other character a \\uXXXX escape (UTF-16 units: pairs for astral characters, and a lone
  surrogate from JSON as the escape of that unit, which compiles); never verbatim or interpolated strings;
- numbers (`literal`): what C# cannot spell as a literal (NaN, infinities, integers beyond 64 bits) as the
  expression that makes it; enum members beyond `long` are left out of code and named in the doc comment;
- XML doc comments (`doc`, `doc_text`): every line starts with '///'; C#'s line terminators (\\n, \\r,
  U+0085, U+2028, U+2029) and the other vertical spaces end a line; other characters that are not printable
  (controls, bidi and other format characters, lone surrogates, non-characters) become spaces, so neither a
  line break, a character XML forbids nor Trojan Source text survives; &, < and > are entities;
- `//` comments (`comment`): one line, printable characters only;
- the project file and the README: textformats' XML and Markdown escapers.

"Unset" vs "explicit null" for an optional nullable field is decided once, here: such a field is a property with
a backing field and a set-flag; Newtonsoft's ShouldSerialize<Name>() convention omits it while unset and sends
null once it was assigned null. Every other optional field is omitted when null (NullValueHandling.Ignore).

A oneOf/anyOf (ir.UnionModel) is a class holding the raw JToken and its shape (discriminator, mapping, variant
types), with From<Variant>/As<Variant> per variant: the runtime's ClientgenUnion reads a variant only when the value
fits its schema and the discriminator names it, and writes the discriminator when building one; a variant's
required string discriminator starts as the one value naming it. A multipart/form-data body is the model itself,
split into parts by the runtime's ClientgenRequest.MultipartBody.

Per operation the method tells the runtime its operationId (for ClientOptions.RetryOperations), its Accept header
and where its credential goes (a ClientgenAuth from ir.Operation.credential, or null: none is sent). Its required
parameters and its body are its own arguments; its optional parameters are the settable properties of one
`<Operation>Params` class (named by the type rule, apart from the models), passed as `parameters = null`; then
`RequestOptions options = null` (the call's own retries, timeout and headers) and the CancellationToken. Grouped
methods call the client's.

What a method does with its built request is decided here too (_calling), as the statements the template prints:
decode the answer (Task<T>); a paged operation returns the runtime's AsyncPager<Item> at once (ClientgenPaging, with
lambdas reading the page's items and next link or cursor by their properties' names); a long-running operation's
method, Start<Operation>Async, returns Task<Operation<Result>> (Operation<object> when it gives no value); a
streamed answer gives Task<EventStream<Item>> or Task<JsonLinesStream<Item>>; a binary answer also gets
<Operation>StreamAsync, giving Task<Stream>. The spec's operations are named first, then the Start methods, then
the Stream variants, so a derived name never takes one the spec gave.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .. import __version__, ir
from ..config import Options
from ..errors import Diagnostic
from ..naming import Scope, Words, camel, key, name_characters, pascal, shorten, split_ascii_words, type_name
from ..render import Code, OutputFile, RuntimeFile, code, join, runtimes_root
from ..textformats import markdown_code, markdown_text, printable_line, text_line, text_lines, xml_text
from ..write import is_device_name
from . import author, summary, with_lines_trimmed

NAME = "csharp"

KEYWORDS = frozenset("""
abstract as base bool break byte case catch char checked class const continue decimal default delegate do double
else enum event explicit extern false finally fixed float for foreach goto if implicit in int interface internal is
lock long namespace new null object operator out override params private protected public readonly ref return sbyte
sealed short sizeof stackalloc static string struct switch this throw true try typeof uint ulong unchecked unsafe
ushort using virtual void volatile while
add alias ascending async await by descending dynamic equals from get global group into join let nameof on orderby
partial remove select set value var when where yield unmanaged
""".split())

RUNTIME_SOURCES = tuple(sorted(path.name for path in (runtimes_root() / "csharp" / "src").glob("*.cs")))
RUNTIME_NAMESPACE = "Clientgen.Runtime"  # the placeholder the runtime's sources use for the SDK's namespace


def _runtime_types() -> tuple[str, ...]:
    """The types the runtime's sources declare, the per-spec ClientgenSdkInfo and the generated Client."""
    declared = (re.findall(r"^    (?:public|internal) (?:sealed |static )?(?:class|interface) (\w+)",
                           (runtimes_root() / "csharp" / "src" / name).read_text(encoding="utf-8"), re.M)
                for name in RUNTIME_SOURCES)
    return ("Client", "ClientgenSdkInfo") + tuple(name for names in declared for name in names)


# Public and internal types of the generated runtime: a model with one of these names gets a suffix.
RUNTIME_TYPES = _runtime_types()
# Framework names the generated code (and the README's example) uses unqualified: a model of that name in our
# namespace would shadow them.
FRAMEWORK_TYPES = ("System", "Newtonsoft", "Object", "String", "Boolean", "Int32", "Int64", "Double", "Single",
                   "Math", "Type", "Uri", "Guid", "DateTime", "DateTimeOffset", "TimeSpan", "Exception", "Func",
                   "Action", "Task", "CancellationToken", "CancellationTokenSource", "Stream", "MemoryStream",
                   "StringReader", "Encoding", "Environment", "Random", "Regex", "List", "Dictionary", "IDictionary",
                   "IList", "IEnumerable", "IReadOnlyDictionary", "IReadOnlyList", "KeyValuePair", "Nullable",
                   "IDisposable", "IEquatable", "Convert", "Attribute", "CultureInfo", "StringComparer",
                   "StringComparison", "StringBuilder", "HttpClient", "HttpClientHandler", "HttpMethod",
                   "HttpRequestMessage", "HttpResponseMessage", "HttpRequestException", "HttpCompletionOption",
                   "ByteArrayContent", "SslProtocols", "AuthenticationException", "WebExceptionStatus", "HashSet",
                   "ISet", "Match", "RegexOptions", "DateTimeKind", "DateTimeZoneHandling",
                   "ArgumentException", "ArgumentNullException", "InvalidOperationException", "NotSupportedException",
                   "OperationCanceledException", "PlatformNotSupportedException", "FormatException",
                   "JsonConvert", "JsonConverter", "JsonConverterAttribute", "JsonSerializer",
                   "JsonSerializerSettings", "JsonProperty", "JsonPropertyAttribute", "JsonExtensionData",
                   "JsonExtensionDataAttribute", "JsonReader", "JsonWriter", "JsonTextReader", "JsonToken",
                   "JsonException", "JsonSerializationException", "JsonReaderException", "Required",
                   "NullValueHandling", "DateParseHandling", "FloatParseHandling", "DateFormatHandling",
                   "MissingMemberHandling", "Formatting", "IsoDateTimeConverter", "JToken", "JObject", "JArray",
                   "JValue", "JTokenType", "Interlocked", "Monitor", "Array", "Buffer", "Char", "Byte", "Enum",
                   "Assembly", "AssemblyName", "DateTimeStyles", "NumberStyles", "IFormatProvider",
                   "Timeout", "Activator", "WebException", "IOException", "UTF8Encoding", "DictionaryEntry",
                   "JProperty", "MissingMethodException", "ArgumentOutOfRangeException", "IFormattable",
                   "InvalidCastException", "Enumerable", "Collections", "Linq", "Net", "Text", "Threading", "Tasks",
                   "Json", "Tuple", "JTokenEqualityComparer", "StringWriter",
                   "Globalization", "Http", "Converters", "Console", "Stopwatch", "Process", "ProcessStartInfo",
                   "Collection", "Win32Exception", "PlatformID", "HttpMessageHandler", "DelegatingHandler",
                   "ObjectModel", "ComponentModel", "Diagnostics", "Azure")
# Members every object has, and what the generated types define: a property or operation may not take these names.
OBJECT_MEMBERS = ("ToString", "Equals", "GetHashCode", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals")
# Names a model's attributes and an enum's members use in expressions: a member of that name would capture them.
MODEL_MEMBERS = OBJECT_MEMBERS + ("Required", "NullValueHandling", "ClientgenText", "ClientgenDateConverter")
ENUM_MEMBERS = MODEL_MEMBERS + ("Value",)

_PRIMS = {  # kind -> (C# type, is a value type)
    ir.PrimKind.STRING: ("string", False),
    ir.PrimKind.INT32: ("int", True),
    ir.PrimKind.INT64: ("long", True),
    ir.PrimKind.FLOAT: ("float", True),
    ir.PrimKind.DOUBLE: ("double", True),
    ir.PrimKind.BOOL: ("bool", True),
    ir.PrimKind.DATE: ("DateTime", True),  # the date part; sent as yyyy-MM-dd
    ir.PrimKind.DATETIME: ("DateTimeOffset", True),
    ir.PrimKind.UUID: ("Guid", True),
    ir.PrimKind.BYTES: ("byte[]", False),
    ir.PrimKind.BINARY: ("byte[]", False),
    ir.PrimKind.ANY: ("object", False),
}


# C#'s line terminators (and the other vertical spaces, which no reader should see inside one comment line).

_INT32 = (-(2 ** 31), 2 ** 31 - 1)
_INT64 = (-(2 ** 63), 2 ** 63 - 1)
_UINT64 = (0, 2 ** 64 - 1)


# ---- names ---------------------------------------------------------------------------------------------------
def identifier(text: str) -> Code:
    """Any joined name -> a legal C# identifier (a leading digit gets a prefix, nothing else is kept)."""
    text = name_characters(str(text))
    if not text:
        return Code("Value")
    if text[0].isdigit():
        text = "N" + text
    return Code(text)


def dotnet_words(words: Words) -> Words:
    """.NET capitalisation: a SCREAMING_CASE name becomes Pascal (IN_STOCK -> InStock), and so does an initialism
    of more than two letters (HTTPServer -> HttpServer); two-letter ones stay (RunMLService -> RunMLService)."""
    letters = [w for w in words if any(c.isalpha() for c in w)]
    screaming = bool(letters) and all(w.isupper() for w in letters)
    return tuple(w[:1] + w[1:].lower() if w.isupper() and (screaming or len(w.rstrip("0123456789")) > 2) else w
                 for w in words)


def _words(words: Words) -> Words:
    """A name's words cut to naming.MAX_NAME characters (a 20,000-character name stays a name), in .NET case."""
    return dotnet_words(shorten(words))


def class_name(words: Words, reserved: Iterable[str] = ()) -> Code:
    """PascalCase type name; one that the runtime, the framework or the namespace uses gets the suffix Model
    (keywords are lower case, so no PascalCase name can be one)."""
    name = Code(type_name(identifier(pascal(_words(words)))))
    taken = name in RUNTIME_TYPES or name in FRAMEWORK_TYPES or name in tuple(reserved)
    return code("{}Model", name) if taken else name


def member_name(words: Words) -> Code:
    """PascalCase property, method or enum member name."""
    return identifier(pascal(_words(words)))


class Members:
    """The one rule for member names (properties, enum members, methods, parameters, accessors) in one scope: a
    name that the language, the runtime or the enclosing type already defines (`reserved`) gets the suffix
    `Value` (`ToString` -> `ToStringValue`, a parameter `body` -> `bodyValue`); a name another generated member
    of the scope took gets a number (`Pet`, `pet` -> `Pet`, `Pet2`). Case-insensitive, like naming.key."""

    def __init__(self, reserved: Iterable[str] = (), taken: Iterable[str] = ()):
        self._reserved = {key((name,)) for name in reserved}
        self._scope = Scope([(name,) for name in reserved] + [(name,) for name in taken])

    def reserve(self, name: str) -> None:
        """A name that becomes the scope's own once a member claims it (a convention it brings along)."""
        self._reserved.add(key((name,)))
        self._scope.unique(name)

    def clashes(self, name: str) -> bool:
        return key((name,)) in self._reserved

    def claim(self, name: Code) -> Code:
        if self.clashes(name):
            name = code("{}Value", name)
        return self._scope.unique(name)


def local_name(words: Words) -> Code:
    """camelCase parameter name; keywords (also contextual ones) are escaped with '@'."""
    name = str(identifier(camel(_words(words))))
    if name.startswith("N") and name[1:2].isdigit():
        name = "n" + name[1:]
    return Code("@" + name if name in KEYWORDS else name)


def scope_name(name: Code) -> Code:
    """A parameter's name as XML doc comments refer to it (without the '@' escape)."""
    return Code(name.lstrip("@"))


def namespace_name(options: Options, api: ir.ApiSpec) -> tuple[str, Code]:
    """(package id, namespace): 'azml-client' -> ('azml-client', 'AzmlClient'). The package id is text for the
    project file and the README (escaped there); the namespace is an identifier that names no type the SDK
    uses and, being the project's file name, no Windows device (CON, NUL, COM1...)."""
    if options.package_name:
        words = shorten(split_ascii_words(options.package_name))
    else:
        words = shorten(split_ascii_words(api.title)) + ("client",)
    words = words or ("api", "client")
    namespace = identifier(pascal(dotnet_words(words)))
    if namespace in RUNTIME_TYPES or namespace in FRAMEWORK_TYPES or is_device_name(namespace):
        namespace = code("{}Sdk", namespace)
    package_id = options.package_name or ".".join(pascal((w,)) for w in words)
    return package_id, namespace


# ---- literals ------------------------------------------------------------------------------------------------
def string_literal(text: object) -> Code:
    """A C# regular string literal: only printable ASCII stays as it is; everything else is a \\u escape of its
    UTF-16 code units (a pair beyond U+FFFF; a lone surrogate, which JSON allows, as its own unit)."""
    out = ['"']
    for char in str(text):
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif " " <= char <= "~":
            out.append(char)
        else:
            point = ord(char)
            if point > 0xFFFF:
                point -= 0x10000
                out.append(f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}")
            else:
                out.append(f"\\u{point:04x}")
    out.append('"')
    return Code("".join(out))


def _double(value: float) -> Code:
    if math.isnan(value):
        return Code("double.NaN")
    if math.isinf(value):
        return Code("double.PositiveInfinity" if value > 0 else "double.NegativeInfinity")
    return Code(repr(value))  # 0.1, -0.0, 1e+22, 5e-324: all C# double literals


def literal(value: object) -> Code:
    """A C# literal for a JSON value from the spec: strings, numbers, booleans, null; others as their JSON text.
    A number C# cannot spell as a literal becomes the expression that makes it (double.NaN,
    double.PositiveInfinity); an integer beyond 64 bits becomes the nearest double."""
    if value is None:
        return Code("null")
    if isinstance(value, bool):
        return Code("true" if value else "false")
    if isinstance(value, int):
        if _INT32[0] <= value <= _INT32[1]:
            return Code(str(value))
        if _INT64[0] <= value <= _INT64[1]:
            return Code(f"{value}L")
        if _UINT64[0] <= value <= _UINT64[1]:
            return Code(f"{value}UL")
        try:
            return _double(float(value))
        except OverflowError:
            return _double(math.inf if value > 0 else -math.inf)
    if isinstance(value, float):
        return _double(value)
    if isinstance(value, str):
        return string_literal(value)
    return string_literal(json.dumps(value, sort_keys=True, ensure_ascii=False))


def long_literal(value: object) -> Code | None:
    """A C# long literal, or None when the value is no integer a long can hold (2^63, 2^70, 1.5)."""
    if isinstance(value, int) and not isinstance(value, bool) and _INT64[0] <= value <= _INT64[1]:
        return literal(value)
    return None


# ---- comment text --------------------------------------------------------------------------------------------
def _xml_content(text: str) -> str:
    """XML character data: the markup characters as entities (the text holds only printable characters)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text_or(text: str, fallback: str) -> str:
    """The spec's text, or the fallback when it has nothing a doc comment would show (empty, blanks, controls)."""
    return text if text_lines(text) else fallback


def doc(text: object, tag: str = "summary", name: Code | None = None) -> tuple[Code, ...]:
    """Spec text as the lines of an XML doc comment (`/// <summary>` ... `/// </summary>`); () for no text.
    `name` is the identifier a <param> tag refers to.

    Every line starts with '///', so no text can end the comment (no C# line terminator is left in a line);
    &, < and > are escaped, so none can end or open an XML element; characters XML forbids are gone."""
    lines = text_lines(text)
    if not lines:
        return ()
    opening = code('/// <{} name="{}">', Code(tag), name) if name is not None else code("/// <{}>", Code(tag))
    body = tuple(Code(("/// " + _xml_content(line)).rstrip()) for line in lines)
    return (opening,) + body + (code("/// </{}>", Code(tag)),)


def doc_text(text: object) -> Code:
    """Spec text inside one line of an XML doc comment: one line, printable, XML-escaped."""
    return Code(_xml_content(text_line(text)))


def comment(text: object) -> Code:
    """Spec text on one `//` comment line: no line terminator, printable characters only."""
    return Code(text_line(text))


# ---- types ---------------------------------------------------------------------------------------------------
class Types:
    """C# type names for IR types, knowing the API's model names."""

    def __init__(self, api: ir.ApiSpec, namespace: Code):
        self._scope = Scope([(n,) for n in RUNTIME_TYPES + FRAMEWORK_TYPES + (namespace,)])
        self._namespace = namespace
        self.names: dict[str, Code] = {
            model.name: self._scope.unique(class_name(model.words, _reserved_in(model, namespace)))
            for model in api.models}
        self.others: list[Code] = []  # the SDK's other types (an operation's <Operation>Params), named after the models
        self.kinds = {m.name: m for m in api.models}
        self.variant_tag = api.variant_tag

    def new_type(self, words: Words) -> Code:
        """A type of the SDK's own beside the models, by the same rule, unique among all of them."""
        name = self._scope.unique(class_name(words, (self._namespace,)))
        self.others.append(name)
        return name

    def name(self, t: ir.TypeRef) -> Code:
        if isinstance(t, ir.Prim):
            return Code(_PRIMS[t.kind][0])
        if isinstance(t, ir.Array):
            return code("List<{}>", self.name(t.item))
        if isinstance(t, ir.Map):
            return code("Dictionary<string, {}>", self.name(t.value))
        return self.names[t.name]

    def example(self, t: ir.TypeRef, depth: int = 0) -> Code:
        """A C# expression of this type, for the README's usage example: made of names and constants only (an
        enum's first member, a union's first From method), so no spec text reaches the Markdown."""
        model = self.kinds[t.name] if isinstance(t, ir.Named) else None
        if isinstance(t, ir.Named) and isinstance(model, ir.UnionModel):
            if not model.variants or depth > 3:
                return code("new {}(null)", self.names[t.name])
            stem = union_stems(model, self.names[t.name])[0]
            return code("{}.From{}({})", self.names[t.name], stem, self.example(model.variants[0].type, depth + 1))
        if isinstance(t, ir.Prim):
            if t.kind is ir.PrimKind.STRING:
                return Code('"..."')
            if t.kind in (ir.PrimKind.BYTES, ir.PrimKind.BINARY):
                return Code("new byte[0]")
            if t.kind is ir.PrimKind.ANY:
                return Code("new object()")
            return code("default({})", self.name(t))
        if isinstance(t, ir.Named) and isinstance(model, ir.EnumModel):
            members, _ = _enum_members(model, self.names[t.name])
            if members:
                return code("{}.{}", self.names[t.name], members[0].name)
            return code("new {}(default({}))", self.names[t.name], _enum_type(model))
        return code("new {}()", self.name(t))

    def is_value(self, t: ir.TypeRef) -> bool:
        return isinstance(t, ir.Prim) and _PRIMS[t.kind][1]

    def field_type(self, t: ir.TypeRef, required: bool, nullable: bool) -> Code:
        """The one place that decides how optional and nullable values are typed: a value type is made
        Nullable<T> unless the field is required and not nullable; reference types can hold null already."""
        name = self.name(t)
        if self.is_value(t) and (nullable or not required):
            return code("{}?", name)
        return name


def _reserved_in(model: ir.Model, namespace: Code) -> tuple[str, ...]:
    """Names a model's class may not take: the namespace's, and the names of the members an enum or a union
    class defines itself (a member may not be named like its class, CS0542)."""
    if isinstance(model, ir.UnionModel):
        return (namespace, "Raw") + OBJECT_MEMBERS
    if isinstance(model, ir.EnumModel):
        return (namespace, "Value") + OBJECT_MEMBERS
    return (namespace,)


def union_stems(model: ir.UnionModel, class_name_: Code) -> list[Code]:
    """Per variant the stem of its accessors From<stem> and As<stem>: unique, and never making a method named
    like its class (a union class AsCat with a variant Cat)."""
    names = Members([class_name_[len(prefix):] for prefix in ("From", "As") if class_name_.startswith(prefix)])
    return [names.claim(member_name(v.words)) for v in model.variants]


def _date_converter(t: ir.TypeRef) -> str | None:
    """The JsonProperty argument that makes a date field (or a list/map of dates) travel as yyyy-MM-dd."""
    if isinstance(t, ir.Prim) and t.kind is ir.PrimKind.DATE:
        return "converter"
    if isinstance(t, (ir.Array, ir.Map)):
        inner = t.item if isinstance(t, ir.Array) else t.value
        if isinstance(inner, ir.Prim) and inner.kind is ir.PrimKind.DATE:
            return "item"
    return None


def _enum_type(model: ir.EnumModel) -> Code:
    return Code("string" if model.base is ir.PrimKind.STRING else "long")


# ---- views the templates lay out: every string in them is Code -------------------------------------------------
@dataclass(frozen=True)
class FieldView:
    name: Code
    type: Code
    attributes: tuple[Code, ...]  # C# attribute lines
    tracked: bool  # optional + nullable: backing field and set-flag, ShouldSerialize<Name>()
    backing: Code  # the backing field's name (tracked fields)
    flag: Code  # the set-flag's name (tracked fields)
    doc: tuple[Code, ...]
    initial: Code | None = None  # the property's initial value (a variant's discriminator), a literal


@dataclass(frozen=True)
class EnumMemberView:
    name: Code
    value: Code  # literal
    value_doc: Code  # the literal, inside a doc comment


@dataclass(frozen=True)
class VariantView:
    stem: Code  # the accessors are From<stem> and As<stem>
    type: Code  # the C# type FromX takes
    read_type: Code  # what AsX returns: the type, made Nullable<T> for value types (null: not this variant)
    dates: Code  # "true" when the variant is a date (or a list/map of them), made as yyyy-MM-dd


@dataclass(frozen=True)
class ModelView:
    name: Code
    doc: tuple[Code, ...]
    is_enum: bool
    fields: tuple[FieldView, ...]
    extra: Code | None  # name of the [JsonExtensionData] dictionary, when extra fields are kept
    enum_type: Code  # "string" or "long"
    members: tuple[EnumMemberView, ...]
    kind: Code = Code("object")  # object, enum, union
    variants: tuple[VariantView, ...] = ()  # union variants
    discriminator: Code = Code("null")  # literal: the discriminator's wire name
    mapping: tuple[tuple[Code, int], ...] = ()  # (value literal, variant index)


@dataclass(frozen=True)
class ParamView:
    name: Code  # a required parameter's name in the method, an optional one's property in <Operation>Params
    value: Code  # the expression the method passes on: the parameter, or the property of the Params object
    wire: Code  # literal
    add: Code  # the ClientgenRequest method: PathParam, QueryParam, HeaderParam, CookieParam
    type: Code
    required: bool
    null_check: bool
    style: Code  # literal
    explode: Code  # true / false
    doc: tuple[Code, ...]


@dataclass(frozen=True)
class ParamsView:
    """The class <Operation>Params: one settable property per optional parameter (ParamView.name, .type, .doc)."""
    name: Code
    doc: tuple[Code, ...]
    properties: tuple[ParamView, ...]


@dataclass(frozen=True)
class BodyView:
    name: Code
    type: Code
    add: Code  # JsonBody, BinaryBody, TextBody, FormBody, MultipartBody
    media_type: Code  # literal
    required: bool
    is_binary: bool


@dataclass(frozen=True)
class OperationView:
    name: Code
    method: Code  # literal
    path: Code  # literal
    doc: tuple[Code, ...]
    arguments: Code  # the parameter list, cancellation token included
    params: tuple[ParamView, ...]
    body: BodyView | None
    null_checks: tuple[Code, ...]
    returns: Code  # Task, Task<T>, AsyncPager<T>, Task<Operation<T>>, Task<EventStream<T>>, Task<Stream>, ...
    result_type: Code | None  # what the README's example gets back; None: nothing
    errors: tuple[tuple[Code, Code], ...]  # (status literal, C# type)
    example_args: Code  # for the README
    example_args_then: Code  # the same, followed by ", " when there are any (more arguments follow in the README)
    http_markdown: Code  # "METHOD /path" in a README table's code span
    returns_markdown: Code  # the return type in a README table's code span
    operation_id: Code  # literal: the spec's operationId (ClientOptions.RetryOperations names it)
    accept: Code  # literal: the Accept header
    auth: Code  # a ClientgenAuth expression, or null: where the credential goes
    empty: Code  # a string[] expression: the 2xx statuses that give null without content
    forward: Code  # the arguments a grouped method passes on to the client's method
    params_type: ParamsView | None  # the class of the optional parameters, when there are any
    modifiers: Code = Code("async ")  # "async " when the method awaits, "" when it returns what it made (a pager)
    send: tuple[Code, ...] = ()  # the statements after the request is built: send it, return what the method gives
    shape: Code = Code("call")  # call, pager, poller, events, lines, download: which README example shows it


def _enum_members(model: ir.EnumModel, class_name_: Code) -> tuple[tuple[EnumMemberView, ...], tuple[object, ...]]:
    """(members, values left out): a long enum's values that no long can hold are no members (they would not
    compile); the doc comment names them."""
    names = Members([class_name_, *ENUM_MEMBERS])
    members, dropped = [], []
    for v in model.values:
        value = literal(v.value) if model.base is ir.PrimKind.STRING else long_literal(v.value)
        if value is None:
            dropped.append(v.value)
            continue
        members.append(EnumMemberView(names.claim(member_name(v.words)), value, Code(_xml_content(value))))
    return tuple(members), tuple(dropped)


class _Members:
    """The property names of one model class, by the one member rule (Members): a name the class, `object` or
    Newtonsoft's conventions already define gets the suffix Value, a name another property took gets a number.
    Newtonsoft binds a method ShouldSerialize<Name>() (which a tracked property has) and a property
    <Name>Specified to the property <Name>: claiming <Name> reserves those, and no name is claimed whose
    conventions would bind a property already claimed."""

    def __init__(self, reserved: Iterable[str]):
        self._reserved = {key((name,)) for name in reserved}
        self._names: set[str] = set()

    def claim(self, name: Code, tracked: bool = False) -> Code:
        if key((name,)) in self._reserved:
            name = code("{}Value", name)
        candidate, number = name, 1
        while not self._free(candidate, tracked):
            number += 1
            candidate = code("{}{}", name, number)
        self._names.add(key((candidate,)))
        self._reserved.update(self._conventions(candidate, tracked))
        return candidate

    @staticmethod
    def _conventions(name: str, tracked: bool) -> set[str]:
        keys = {key((name, "Specified"))}
        return keys | {key(("ShouldSerialize", name))} if tracked else keys

    def _free(self, name: str, tracked: bool) -> bool:
        own = key((name,))
        return own not in self._reserved and own not in self._names and not (
            self._conventions(name, tracked) & self._names)


def _model_view(model: ir.Model, types: Types) -> ModelView:
    name = types.names[model.name]
    if isinstance(model, ir.EnumModel):
        members, dropped = _enum_members(model, name)
        text = model.description
        if dropped:
            listed = ", ".join(json.dumps(v) for v in dropped)
            text = f"{text}\n\nThe spec also lists values a long cannot hold, left out here: {listed}.".strip()
        return ModelView(name, doc(text), True, (), None, _enum_type(model), members, kind=Code("enum"))
    if isinstance(model, ir.UnionModel):
        variants = tuple(VariantView(stem, types.name(v.type), types.field_type(v.type, False, True),
                                     Code("true" if _date_converter(v.type) else "false"))
                         for stem, v in zip(union_stems(model, name), model.variants))
        return ModelView(name, doc(model.description), False, (), None, Code(""), (), kind=Code("union"),
                         variants=variants, discriminator=literal(model.discriminator),
                         mapping=tuple((literal(value), index) for value, index in model.mapping))
    properties, extra = _property_names(model, name)
    fields = []
    for f, prop in zip(model.fields, properties):
        tracked = f.nullable and not f.required
        args = [literal(f.wire)]
        if f.required:
            args.append(Code("Required = Required.AllowNull" if f.nullable else "Required = Required.Always"))
        else:
            args.append(Code("NullValueHandling = NullValueHandling.Include" if f.nullable
                             else "NullValueHandling = NullValueHandling.Ignore"))
        converter = _date_converter(f.type)
        if converter == "item":
            args.append(Code("ItemConverterType = typeof(ClientgenDateConverter)"))
        attributes = [code("[JsonProperty({})]", Code(", ").join(args))]
        if converter == "converter":
            attributes.append(Code("[JsonConverter(typeof(ClientgenDateConverter))]"))
        text = f.description
        if f.default is not ir.NO_DEFAULT:
            shown = json.dumps(f.default, ensure_ascii=False, allow_nan=True)
            text = f"{text}\n\nThe service's default: {shown}".strip()
        if tracked:
            text = f"{text}\n\nNullable: assigning null sends null; leaving it unset omits it.".strip()
        base = Code(prop[:1].lower() + prop[1:])
        tag = types.variant_tag(model.name, f.wire) if f.required else None
        initial = None
        if tag is not None and f.type == ir.Prim(ir.PrimKind.STRING) and not tracked:
            initial = literal(tag)  # a variant's discriminator: new Cat { Name = "tom" } is a cat
            text = f"{text}\n\nSet to the value that names this variant; a union's From method checks it.".strip()
        fields.append(FieldView(prop, types.field_type(f.type, f.required, f.nullable), tuple(attributes),
                                tracked, code("_{}Value", base), code("_{}IsSet", base), doc(text), initial))
    return ModelView(name, doc(model.description), False, tuple(fields), extra, Code(""), ())


def _property_names(model: ir.ObjectModel, name: Code) -> tuple[list[Code], Code | None]:
    """(each field's property name, the extra properties' dictionary's name or None), by the member rule of _Members."""
    names = _Members([name] + list(MODEL_MEMBERS))
    properties = [names.claim(member_name(f.words), f.nullable and not f.required) for f in model.fields]
    extra = names.claim(Code("AdditionalProperties")) if model.additional is not None else None
    return properties, extra


_ADDERS = {ir.ParamLocation.PATH: "PathParam", ir.ParamLocation.QUERY: "QueryParam",
           ir.ParamLocation.HEADER: "HeaderParam", ir.ParamLocation.COOKIE: "CookieParam"}
_BODIES = {ir.BodyKind.JSON: "JsonBody", ir.BodyKind.BINARY: "BinaryBody", ir.BodyKind.TEXT: "TextBody",
           ir.BodyKind.FORM: "FormBody", ir.BodyKind.MULTIPART: "MultipartBody"}
_DEFAULT_MEDIA = {ir.BodyKind.JSON: "application/json", ir.BodyKind.TEXT: "text/plain",
                  ir.BodyKind.BINARY: "application/octet-stream", ir.BodyKind.FORM: "application/x-www-form-urlencoded",
                  ir.BodyKind.MULTIPART: "multipart/form-data"}


# What every operation method's scope holds besides its parameters: the body, the optional parameters' object, the
# per-call options and the cancellation token are its own parameters, the rest are locals of its body.
_OPERATION_LOCALS = ("body", "parameters", "options", "cancellationToken", "request", "response", "errors", "page")
_REQUEST = Code("request, errors, options, cancellationToken")  # what the pipeline's SendAsync takes
_SEND = code("_pipeline, {}", _REQUEST)  # what the runtime's other senders take
_PAGE_STYLES = {ir.PageStyle.NEXT_LINK: "ClientgenPaging.NextLink",
                ir.PageStyle.LINK_HEADER: "ClientgenPaging.LinkHeader",
                ir.PageStyle.CURSOR: "ClientgenPaging.Cursor", ir.PageStyle.OFFSET: "ClientgenPaging.Offset"}


def method_words(op: ir.Operation) -> Words:
    """The words of an operation's method: a long-running operation's method starts it (StartStartJobAsync)."""
    return ("start",) + op.words if op.long_running is not None else op.words


def has_download(op: ir.Operation) -> bool:
    """Whether the operation also gets a method reading its binary answer as a Stream (<Op>StreamAsync)."""
    success = op.success
    return (success is not None and success.kind is ir.BodyKind.BINARY and op.stream is None and op.paging is None
            and op.long_running is None)


def _result(op: ir.Operation, types: Types) -> tuple[Code | None, str]:
    """(the C# type of the value the answer holds, how the runtime reads it: json, text or binary); None: no value.
    For a long-running operation that is its final result; for a stream, each item."""
    success = op.success
    value = op.long_running.result if op.long_running is not None else success.type if success is not None else None
    if success is None or value is None:
        return None, "json"
    if op.stream is not None:
        return types.name(value), "text" if success.kind is ir.BodyKind.TEXT else "json"
    if success.kind is ir.BodyKind.BINARY:
        return Code("byte[]"), "binary"
    if success.kind is ir.BodyKind.TEXT:
        return Code("string"), "text"
    # A value that may be absent (a 204 beside the 200) is null then: value types become Nullable<T>.
    return types.field_type(value, not op.may_be_empty, False), "json"


def _calling(op: ir.Operation, types: Types, result: Code | None, kind: str,
             empty: Code) -> tuple[str, Code, Code | None, tuple[Code, ...]]:
    """How a method sends its built request and what it returns: (its shape, its return type, what a caller gets
    from it, the statements). A long-running operation starts and returns its poller; a paged one returns its
    pager at once (nothing sent yet); a streamed one returns its open stream; the rest decode the answer."""
    if op.long_running is not None:
        value = result or Code("object")
        decode = code("response => ClientgenPipeline.Decode<{}>(response, {}, {})", value, literal(kind),
                      empty) if result is not None else Code("null")
        start = code("return await Operation<{}>.StartAsync({}, {}, {}).ConfigureAwait(false);", value, _SEND,
                     literal(op.long_running.final_state.value), decode)
        return "poller", code("Task<Operation<{}>>", value), code("Operation<{}>", value), (start,)
    page_type = op.success.type if op.success is not None else None
    if op.paging is not None and page_type is not None:  # build.py pages only an answer with a type
        paging = op.paging
        page, item = types.name(page_type), types.name(paging.item)
        model = types.kinds.get(page_type.name) if isinstance(page_type, ir.Named) else None
        fields = dict(zip((f.wire for f in model.fields), _property_names(model, types.names[model.name])[0])) if (
            isinstance(model, ir.ObjectModel)) else {}
        items = code("page => page.{}", fields[paging.items]) if paging.items is not None else Code("page => page")
        next_ = code("page => page.{}", fields[paging.next]) if paging.next is not None and paging.style in (
            ir.PageStyle.NEXT_LINK, ir.PageStyle.CURSOR) else Code("null")
        pager = code("AsyncPager<{}>", item)
        make = code("return ClientgenPaging.Pager<{}, {}>({}, {}, {}, {}, {});", page, item, _SEND,
                    Code(_PAGE_STYLES[paging.style]), items, next_, literal(paging.param))
        return "pager", pager, pager, (make,)
    if op.stream is not None:
        sse = op.stream is ir.StreamKind.SSE
        stream = code("{}<{}>", Code("EventStream" if sse else "JsonLinesStream"), result)
        open_ = code("return await ClientgenStreams.{}<{}>({}, {}).ConfigureAwait(false);",
                     Code("EventsAsync" if sse else "JsonLinesAsync"), result, _SEND, literal(kind))
        return "events" if sse else "lines", code("Task<{}>", stream), stream, (open_,)
    if result is None:
        return "call", Code("Task"), None, (code("await _pipeline.SendAsync({}).ConfigureAwait(false);", _REQUEST),)
    return "call", code("Task<{}>", result), result, (
        code("var response = await _pipeline.SendAsync({}).ConfigureAwait(false);", _REQUEST),
        code("return ClientgenPipeline.Decode<{}>(response, {}, {});", result, literal(kind), empty))


# What a method of each shape does beyond one call, for its doc comment.
_REMARKS = {
    "pager": "Returns the pager at once: nothing is sent until its first MoveNextAsync, and each next page is fetched "
             "when the items before it are used up (with this call's options).",
    "poller": "Sends the first request and returns the operation: WaitForCompletionAsync polls it to its end (with "
              "this call's options) and gives its result, or throws OperationFailedException.",
    "events": "The server-sent events, decoded as they arrive; disposing the stream closes the connection.",
    "lines": "One value per line, decoded as it arrives; disposing the stream closes the connection.",
    "download": "The answer's body as a Stream, read as it arrives; disposing it closes the connection.",
}


def _download_view(op: ir.Operation, view: OperationView, names: Members) -> OperationView:
    """The operation's method reading its binary answer as a Stream, as it arrives (named after all the others')."""
    name = code("{}Async", names.claim(member_name(op.words + ("stream",))))
    open_ = code("return await ClientgenStreams.BinaryAsync({}).ConfigureAwait(false);", _SEND)
    return replace(view, name=name, doc=view.doc + doc(_REMARKS["download"], "remarks"), returns=Code("Task<Stream>"),
                   result_type=Code("Stream"), returns_markdown=markdown_code("Task<Stream>"), send=(open_,),
                   shape=Code("download"))


def auth(scheme: ir.SecurityScheme | None) -> Code:
    """The runtime's ClientgenAuth for a security scheme: where the credential goes (header, query, cookie), under
    which name, in which form (key: as given, an Authorization key with `Bearer `; bearer; basic); null: nowhere."""
    if scheme is None:
        return Code("null")
    form = scheme.form
    return code("new ClientgenAuth({}, {}, {})", literal(scheme.location.value), literal(scheme.param_name),
                literal(form))


def string_array(values: Iterable[str]) -> Code:
    """A C# string[] expression of literals."""
    items = [literal(v) for v in values]
    return code("new[] {{ {} }}", join(", ", items)) if items else Code("new string[0]")


def _operation_view(op: ir.Operation, types: Types, names: Members) -> OperationView:
    scope = Members(_OPERATION_LOCALS)
    method = code("{}Async", names.claim(member_name(method_words(op))))
    optional = [p for p in op.parameters if not p.required]
    params_name = types.new_type(op.words + ("params",)) if optional else None
    properties = Members(OBJECT_MEMBERS + (params_name,)) if optional else None
    params = []
    for p in op.parameters:
        type_name = types.field_type(p.type, p.required, False)
        text = _text_or(p.description, f"The {p.location.value} parameter {json.dumps(p.wire, ensure_ascii=False)}.")
        if p.required:
            name = scope.claim(local_name(p.words))
            value, lines_ = name, doc(text, "param", scope_name(name))
        else:
            name = properties.claim(member_name(p.words))
            value, lines_ = code("parameters?.{}", name), doc(f"{text}\n\nNull: not sent.".strip())
        params.append(ParamView(name, value, literal(p.wire), Code(_ADDERS[p.location]), type_name, p.required,
                                p.required and not types.is_value(p.type), literal(p.style),
                                Code("true" if p.explode else "false"), lines_))
    params_type = None
    if params_name is not None:
        params_type = ParamsView(params_name, doc(f"The optional parameters of {method}: each one left null is not sent."),
                                 tuple(p for p in params if not p.required))
    body = None
    if op.body is not None:
        body_kind = op.body.kind
        type_name = {ir.BodyKind.BINARY: Code("BinaryBody"), ir.BodyKind.TEXT: Code("string")}.get(
            body_kind) or types.name(op.body.type)
        media = op.body.media_type if "*" not in op.body.media_type else _DEFAULT_MEDIA[body_kind]
        body = BodyView(Code("body"), type_name, Code(_BODIES[body_kind]), literal(media), op.body.required,
                        body_kind is ir.BodyKind.BINARY)
    # (declaration, name): required parameters, the body, the optional parameters' object, the options, the token.
    signature = [(code("{} {}", p.type, p.name), p.name) for p in params if p.required]
    if body is not None:
        signature.append((code("{} body", body.type) if body.required else code("{} body = null", body.type),
                          Code("body")))
    if params_type is not None:
        signature.append((code("{} parameters = null", params_type.name), Code("parameters")))
    signature += [
        (Code("RequestOptions options = null"), Code("options")),
        (Code("CancellationToken cancellationToken = default(CancellationToken)"), Code("cancellationToken"))]
    arguments = [declaration for declaration, _ in signature]
    forward = [name for _, name in signature]
    null_checks = tuple(p.name for p in params if p.null_check)
    if body is not None and body.required:
        null_checks += (Code("body"),)
    result_type, kind = _result(op, types)
    empty = [r.status for r in op.responses if r.is_success and r.type is None] if op.may_be_empty else []
    errors = tuple((literal(r.status), types.name(r.type)) for r in op.errors
                   if r.kind is ir.BodyKind.JSON and r.type is not None)
    text = _text_or("\n\n".join(t for t in (op.summary, op.description) if t), f"{op.method} {op.path}")
    lines = list(doc(text))
    described = any(p.description for p in op.parameters) or (op.body is not None and op.body.description)
    if described:  # once one argument has a <param>, each must have one (CS1573)
        lines += [line for p in params if p.required for line in p.doc]
        if op.body is not None:
            lines += doc(_text_or(op.body.description, "The request body."), "param", Code("body"))
        if params_type is not None:
            lines += doc("The optional parameters; null: none is sent.", "param", Code("parameters"))
        lines += doc("This call's own retries, timeout and headers; null: the client's.", "param", Code("options"))
        lines += doc("Cancels the request.", "param", Code("cancellationToken"))
    if empty:
        listed = ", ".join(empty)
        lines += doc(f"The value; null when the service answers {listed} without content.", "returns")
    if op.deprecated:
        lines.append(Code("/// <remarks>Deprecated by the service.</remarks>"))
    example = [types.example(p.type) for p in op.parameters if p.required]
    if body is not None and op.body is not None and body.required:
        example.append(Code("new byte[0]") if body.is_binary else Code('"..."') if body.type == "string"
                       else types.example(op.body.type))
    shape, returns, result_type, send = _calling(op, types, result_type, kind, string_array(empty))
    if shape in _REMARKS:
        lines += doc(_REMARKS[shape], "remarks")
    return OperationView(method, literal(op.method), literal(op.path),
                         tuple(lines), join(", ", arguments), tuple(params), body, null_checks, returns,
                         result_type, errors, join(", ", example),
                         code("{}, ", join(", ", example)) if example else Code(""),
                         markdown_code(f"{op.method} {op.path}"), markdown_code(returns),
                         literal(op.operation_id), literal(op.accept), auth(op.credential), string_array(empty),
                         join(", ", forward), params_type, Code("" if shape == "pager" else "async "), send,
                         Code(shape))


@dataclass(frozen=True)
class GroupView:
    property: Code  # client.<property>
    class_name: Code  # <Tag>Operations
    doc: tuple[Code, ...]  # summary lines, for the property and the class
    operations: tuple[OperationView, ...]  # the flat methods' views: the same signatures, delegating to the client


# What the Client class defines itself: a group property may not take these names (nor the class's own, CS0542).
CLIENT_MEMBERS = ("Client", "DefaultBaseUri", "BaseUri", "Send", "SendAsync", "Dispose", "_pipeline") + OBJECT_MEMBERS


def group_class_name(words: Words) -> Code:
    return identifier(pascal(dotnet_words(shorten(words) + ("operations",))))


def _group_views(api: ir.ApiSpec, types: Types, namespace: Code,
                 views: dict[Words, tuple[OperationView, ...]]) -> list[GroupView]:
    """Per tag, a class holding the same methods, each calling the client's (one implementation), reached as a
    property of the client (client.Pets.ListPetsAsync()). Class names avoid the runtime's, the framework's, the
    namespace's and the models' names; property names follow the member rule: one the client defines or every
    type name the client's code uses in an expression (ClientgenPipeline.Decode, ...) gets the suffix Value, one
    an operation or a group class took gets a number. A property named like a model is harmless: C# looks up a
    name in a type context (parameter and return types, typeof, new) among types only."""
    classes = Scope([(n,) for n in RUNTIME_TYPES + FRAMEWORK_TYPES + (namespace,)]
                    + [(n,) for n in list(types.names.values()) + types.others])
    class_names = [classes.unique(group_class_name(group.words)) for group in api.groups]
    properties = Members(CLIENT_MEMBERS + RUNTIME_TYPES + FRAMEWORK_TYPES + (namespace,),
                         [view.name for methods in views.values() for view in methods] + class_names)
    groups = []
    for group, class_name_ in zip(api.groups, class_names):
        text = _text_or(group.description, f"The operations tagged {json.dumps(group.tag, ensure_ascii=False)}.")
        groups.append(GroupView(properties.claim(member_name(group.words)), class_name_, doc(text),
                                tuple(view for words in group.operations for view in views[words])))
    return groups


# ---- the manifest ----------------------------------------------------------------------------------------------
_MSBUILD_SPECIAL = re.compile(r"[%$@';?*]")


def msbuild_text(text: object) -> Code:
    """A property value in the project file: MSBuild's own special characters as its %XX escapes (so no `$(...)`
    property, `@(...)` item or property function is evaluated, and `%3B` stays text), then XML-escaped."""
    return xml_text(_MSBUILD_SPECIAL.sub(lambda m: f"%{ord(m[0]):02X}", printable_line(text)))


def package_warnings(options: Options) -> list[Diagnostic]:
    """Nothing of the NuGet package's own: its id defaults to one made from the package name, which NuGet takes."""
    return []


def _package_properties(api: ir.ApiSpec, options: Options, package_id: str) -> list[tuple[Code, Code]]:
    """The project file's NuGet properties, as (element name, escaped value), those with no value left out."""
    meta = options.metadata
    values = [("PackageId", package_id), ("Version", options.sdk_version),
              ("Authors", ", ".join(author(entry)[0] for entry in meta.authors)),
              ("Description", summary(api, options)), ("PackageLicenseExpression", meta.license or ""),
              ("PackageProjectUrl", meta.homepage or meta.repository or ""), ("RepositoryUrl", meta.repository or ""),
              ("RepositoryType", "git" if meta.repository else ""), ("PackageReadmeFile", "README.md")]
    return [(Code(name), msbuild_text(value)) for name, value in values if value]


def files(api: ir.ApiSpec, options: Options) -> list[OutputFile | RuntimeFile]:
    package_id, namespace = namespace_name(options, api)
    package_id = options.metadata.nuget_package_id or package_id
    types = Types(api, namespace)
    models = [_model_view(m, types) for m in api.models]
    op_names = Members(["Send", "Dispose"])  # stems: SendAsync is the raw escape hatch
    # The spec's own operations are named first, then the Start methods, then the Stream variants: a name the
    # spec gave keeps it, and a derived one that meets it gets the number.
    started = {op.words: _operation_view(op, types, op_names)
               for op in sorted(api.operations, key=lambda op: op.long_running is not None)}
    views: dict[Words, tuple[OperationView, ...]] = {op.words: (started[op.words],) for op in api.operations}
    for op in api.operations:
        if has_download(op):
            views[op.words] += (_download_view(op, views[op.words][0], op_names),)
    operations = [view for methods in views.values() for view in methods]
    groups = _group_views(api, types, namespace, views)
    scheme = api.credential_scheme
    example = next((op for op in operations if op.shape == "call"), None)
    # The first operation with a model body too (RunMLServiceAsync(new ServiceInput { ... }) for Azure ML).
    objects = {types.names[m.name] for m in api.models if isinstance(m, ir.ObjectModel)}
    example_body = next((op for op in operations if op.shape == "call" and op.body is not None
                         and op.body.add == "JsonBody" and op.body.type in objects
                         and op.example_args in ("", f"new {op.body.type}()")), None)
    shown = {shape: next((op for op in operations if op.shape == shape), None)
             for shape in ("pager", "poller", "events", "lines", "download")}
    context = {
        "title": comment(api.title),
        "title_doc": doc_text(api.title),
        "package_properties": _package_properties(api, options, package_id),
        "title_markdown": markdown_text(api.title),
        "version_markdown": markdown_text(api.version),
        "description": doc(api.description, "remarks"),
        "package_id_comment": comment(package_id),
        "package_id_markdown": markdown_text(package_id),
        "namespace": namespace,
        "clientgen_version": Code(__version__),
        "user_agent_prefix": literal(f"{package_id}/{options.sdk_version} clientgen/{__version__} csharp/"),
        "base_url": literal(api.base_url.rstrip("/")) if api.base_url else Code("null"),
        "has_base_url": bool(api.base_url),
        "base_url_doc": doc_text(api.base_url or ""),
        "raw_send_auth": auth(scheme),
        "auth_text": doc_text(f"where each operation's security scheme puts it (none for an operation that requires "
                              f"none); SendAsync puts it as {scheme.param_name}: {scheme.prefix}<value>"),
        "models": models,
        "operations": operations,
        "params_types": [methods[0].params_type for methods in views.values() if methods[0].params_type],  # once
        "groups": groups,
        "example": example,
        "example_body": example_body,
        "params_example": next((op for op in operations if op.params_type is not None), None),
        "pager_example": shown["pager"],
        "poller_example": shown["poller"],
        "events_example": shown["events"],
        "lines_example": shown["lines"],
        "download_example": shown["download"],
        "upload_example": next((op for op in operations if op.body is not None and op.body.is_binary
                                and op.example_args == "new byte[0]" and op.shape == "call"), None),
        "has_unions": any(isinstance(m, ir.UnionModel) for m in api.models),
        "has_multipart": any(op.body is not None and op.body.kind is ir.BodyKind.MULTIPART for op in api.operations),
    }
    runtime = [RuntimeFile(f"src/{name}", f"src/{name}", {RUNTIME_NAMESPACE: namespace}) for name in RUNTIME_SOURCES]
    return [
        OutputFile("Project.csproj.j2", f"{namespace}.csproj", context),
        OutputFile("README.md.j2", "README.md", context),
        OutputFile("Models.cs.j2", "src/Models.cs", context),
        OutputFile("Client.cs.j2", "src/Client.cs", context),
        OutputFile("SdkInfo.cs.j2", "src/SdkInfo.cs", context),
        *runtime,
    ]


FILTERS = {"literal": literal, "doc": doc, "doc_text": doc_text, "xml": doc_text, "comment": comment}


format_files = with_lines_trimmed  # the templates emit formatted code

"""The C# target: naming, type mapping, literals, XML doc comments and the file manifest of a C# SDK.

The SDK is an SDK-style project (netstandard2.0, C# 7.2, Newtonsoft.Json) in one namespace made from the package
name (`azml-client` -> `AzmlClient`): models (src/Models.cs), the client (src/Client.cs), errors
(src/ApiException.cs) and the HTTP runtime (src/Runtime.cs, on HttpClient). Every decision about C# text
(identifiers, types, attributes, literals, doc comments) is made here; the templates only lay it out.

"Unset" vs "explicit null" for an optional nullable field is decided once, here: such a field is a property with
a backing field and a set-flag; Newtonsoft's ShouldSerialize<Name>() convention omits it while unset and sends
null once it was assigned null. Every other optional field is omitted when null (NullValueHandling.Ignore).

A oneOf/anyOf (ir.UnionModel) is a class holding the raw JToken, with From<Variant>/As<Variant> per variant (the
runtime's ClientgenUnion checks the JSON shape and the discriminator); a multipart/form-data body is the model
itself, split into parts by the runtime's ClientgenRequest.MultipartBody.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .. import __version__, ir
from ..config import Options
from ..naming import Scope, Words, camel, pascal, split_words
from ..render import OutputFile

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

# Public and internal types of the generated runtime: a model with one of these names gets a suffix.
RUNTIME_TYPES = ("Client", "ClientOptions", "ClientCredential", "AccessToken", "RawResponse", "BinaryBody",
                 "ClientException", "ApiException", "TransportException", "RequestTimeoutException",
                 "ResponseDecodeException", "ClientgenJson", "ClientgenRequest", "ClientgenResponse",
                 "ClientgenPipeline", "ClientgenDateConverter", "ClientgenDateTimeConverter", "ClientgenEnumConverter",
                 "ClientgenText", "ClientgenUnion", "ClientgenUnionConverter", "IClientgenUnion")
# Framework names the generated code uses unqualified: a model of that name in our namespace would shadow them.
FRAMEWORK_TYPES = ("System", "Newtonsoft", "Object", "String", "Boolean", "Int32", "Int64", "Double", "Single",
                   "Math", "Type", "Uri", "Guid", "DateTime", "DateTimeOffset", "TimeSpan", "Exception", "Func",
                   "Action", "Task", "CancellationToken", "CancellationTokenSource", "Stream", "MemoryStream",
                   "StringReader", "Encoding", "Environment", "Random", "Regex", "List", "Dictionary", "IDictionary",
                   "IList", "IEnumerable", "IReadOnlyDictionary", "IReadOnlyList", "KeyValuePair", "Nullable",
                   "IDisposable", "IEquatable", "Convert", "Attribute", "CultureInfo", "StringComparer",
                   "StringComparison", "StringBuilder", "HttpClient", "HttpClientHandler", "HttpMethod",
                   "HttpRequestMessage", "HttpResponseMessage", "HttpRequestException", "HttpCompletionOption",
                   "ByteArrayContent", "ServicePointManager", "SecurityProtocolType", "SslProtocols",
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
                   "Globalization", "Http", "Converters")
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

# Characters C# (and Unicode) treat as line ends: a doc or // comment must never contain one.
_LINE_BREAKS = ("\r\n", "\r", "\u2028", "\u2029", "\u0085", "\x0b", "\x0c")


# ---- names ---------------------------------------------------------------------------------------------------
def identifier(text: str) -> str:
    """Any joined name -> a legal C# identifier (a leading digit gets a prefix, nothing else is kept)."""
    text = "".join(c for c in text if c.isascii() and (c.isalnum() or c == "_"))
    if not text:
        return "Value"
    if text[0].isdigit():
        text = "N" + text
    return text


def dotnet_words(words: Words) -> Words:
    """.NET capitalisation: a SCREAMING_CASE name becomes Pascal (IN_STOCK -> InStock), and so does an initialism
    of more than two letters (HTTPServer -> HttpServer); two-letter ones stay (RunMLService -> RunMLService)."""
    letters = [w for w in words if any(c.isalpha() for c in w)]
    screaming = bool(letters) and all(w.isupper() for w in letters)
    return tuple(w[:1] + w[1:].lower() if w.isupper() and (screaming or len(w.rstrip("0123456789")) > 2) else w
                 for w in words)


def class_name(words: Words, reserved: tuple[str, ...] = ()) -> str:
    """PascalCase type name; one that the runtime, the framework or the namespace uses gets the suffix Model
    (keywords are lower case, so no PascalCase name can be one)."""
    name = identifier(pascal(dotnet_words(words)))
    return name + "Model" if name in RUNTIME_TYPES or name in FRAMEWORK_TYPES or name in reserved else name


def member_name(words: Words) -> str:
    """PascalCase property, method or enum member name."""
    return identifier(pascal(dotnet_words(words)))


def local_name(words: Words) -> str:
    """camelCase parameter name; keywords (also contextual ones) are escaped with '@'."""
    name = identifier(camel(dotnet_words(words)))
    if name[0].isupper() and name.startswith("N") and name[1:2].isdigit():
        name = "n" + name[1:]
    return "@" + name if name in KEYWORDS else name


def namespace_name(options: Options, api: ir.ApiSpec) -> tuple[str, str]:
    """(package id, namespace): 'azml-client' -> ('azml-client', 'AzmlClient')."""
    words = split_words(options.package_name) if options.package_name else split_words(api.title) + ("client",)
    words = words or ("api", "client")
    namespace = identifier(pascal(dotnet_words(words)))
    package_id = options.package_name or ".".join(pascal((w,)) for w in words)
    return package_id, namespace


# ---- literals and comment text -------------------------------------------------------------------------------
def string_literal(text: str) -> str:
    """A C# regular string literal: only printable ASCII stays as it is; everything else is a \\u escape."""
    out = ['"']
    for char in str(text):
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif " " <= char <= "~":
            out.append(char)
        else:
            units = char.encode("utf-16-be").hex()  # a surrogate pair for characters beyond U+FFFF
            out.extend(f"\\u{units[i:i + 4]}" for i in range(0, len(units), 4))
    out.append('"')
    return "".join(out)


def literal(value: object) -> str:
    """A C# literal for a JSON scalar from the spec (strings, numbers, booleans, null); others as JSON text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value}L" if not -(2**31) <= value < 2**31 else str(value)
    if isinstance(value, float):
        return repr(value) if value == value and value not in (float("inf"), float("-inf")) else "double.NaN"
    if isinstance(value, str):
        return string_literal(value)
    return string_literal(json.dumps(value, sort_keys=True, ensure_ascii=False))


def _clean_lines(text: str) -> list[str]:
    text = str(text)
    for brk in _LINE_BREAKS:
        text = text.replace(brk, "\n")
    lines = []
    for line in text.split("\n"):
        line = "".join(c if c.isprintable() else " " for c in line).rstrip()
        lines.append(line)
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def xml_text(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def doc(text: str, tag: str = "summary", attributes: str = "") -> list[str]:
    """Spec text as the lines of an XML doc comment (`/// <summary>` ... `/// </summary>`); [] for no text.

    Every line starts with '///', so no text can end the comment; &, < and > are escaped, so none can end or
    open an XML element; Unicode line separators count as line ends."""
    lines = _clean_lines(text)
    if not lines:
        return []
    body = [("/// " + xml_text(line)).rstrip() for line in lines]
    return [f"/// <{tag}{attributes}>"] + body + [f"/// </{tag}>"]


def comment(text: str) -> str:
    """Spec text on one line (for // comments and Markdown): line ends become spaces."""
    return " ".join(" ".join(_clean_lines(text)).split())


# ---- types ---------------------------------------------------------------------------------------------------
class Types:
    """C# type names for IR types, knowing the API's model names."""

    def __init__(self, api: ir.ApiSpec, namespace: str):
        scope = Scope([(n,) for n in RUNTIME_TYPES + FRAMEWORK_TYPES + (namespace,)])
        self.names = {model.name: scope.unique(class_name(model.words, _reserved_in(model, namespace)))
                      for model in api.models}
        self.kinds = {m.name: m for m in api.models}

    def name(self, t: ir.TypeRef) -> str:
        if isinstance(t, ir.Prim):
            return _PRIMS[t.kind][0]
        if isinstance(t, ir.Array):
            return f"List<{self.name(t.item)}>"
        if isinstance(t, ir.Map):
            return f"Dictionary<string, {self.name(t.value)}>"
        return self.names[t.name]

    def example(self, t: ir.TypeRef, depth: int = 0) -> str:
        """A C# expression of this type, for the README's usage example."""
        model = self.kinds[t.name] if isinstance(t, ir.Named) else None
        if isinstance(t, ir.Named) and isinstance(model, ir.UnionModel):
            if not model.variants or depth > 3:
                return f"new {self.names[t.name]}(null)"
            stem = union_stems(model, self.names[t.name])[0]
            return f"{self.names[t.name]}.From{stem}({self.example(model.variants[0].type, depth + 1)})"
        if isinstance(t, ir.Prim):
            if t.kind is ir.PrimKind.STRING:
                return '"..."'
            if t.kind in (ir.PrimKind.BYTES, ir.PrimKind.BINARY):
                return "new byte[0]"
            if t.kind is ir.PrimKind.ANY:
                return "new object()"
            return f"default({self.name(t)})"
        if isinstance(t, ir.Named) and isinstance(model, ir.EnumModel):
            return f"new {self.names[t.name]}({literal(model.values[0].value)})"
        return f"new {self.name(t)}()"

    def is_value(self, t: ir.TypeRef) -> bool:
        return isinstance(t, ir.Prim) and _PRIMS[t.kind][1]

    def field_type(self, t: ir.TypeRef, required: bool, nullable: bool) -> str:
        """The one place that decides how optional and nullable values are typed: a value type is made
        Nullable<T> unless the field is required and not nullable; reference types can hold null already."""
        name = self.name(t)
        if self.is_value(t) and (nullable or not required):
            return name + "?"
        return name


def _reserved_in(model: ir.Model, namespace: str) -> tuple[str, ...]:
    """Names a model's class may not take: the namespace's, and the names of the members an enum or a union
    class defines itself (a member may not be named like its class, CS0542)."""
    if isinstance(model, ir.UnionModel):
        return (namespace, "Raw") + OBJECT_MEMBERS
    if isinstance(model, ir.EnumModel):
        return (namespace, "Value") + OBJECT_MEMBERS
    return (namespace,)


def union_stems(model: ir.UnionModel, class_name_: str) -> list[str]:
    """Per variant the stem of its accessors From<stem> and As<stem>: unique, and never making a method named
    like its class (a union class AsCat with a variant Cat)."""
    reserved = [(class_name_[len(prefix):],) for prefix in ("From", "As") if class_name_.startswith(prefix)]
    scope = Scope(reserved)
    return [scope.unique(member_name(v.words) or "Value") for v in model.variants]


def _date_converter(t: ir.TypeRef) -> str | None:
    """The JsonProperty argument that makes a date field (or a list/map of dates) travel as yyyy-MM-dd."""
    if isinstance(t, ir.Prim) and t.kind is ir.PrimKind.DATE:
        return "converter"
    if isinstance(t, (ir.Array, ir.Map)):
        inner = t.item if isinstance(t, ir.Array) else t.value
        if isinstance(inner, ir.Prim) and inner.kind is ir.PrimKind.DATE:
            return "item"
    return None


# ---- views the templates lay out -----------------------------------------------------------------------------
@dataclass(frozen=True)
class FieldView:
    name: str
    type: str
    attributes: tuple[str, ...]  # C# attribute lines
    tracked: bool  # optional + nullable: backing field and set-flag, ShouldSerialize<Name>()
    backing: str  # the backing field's name (tracked fields)
    flag: str  # the set-flag's name (tracked fields)
    doc: list[str]


@dataclass(frozen=True)
class EnumMemberView:
    name: str
    value: str  # literal
    doc: list[str]


@dataclass(frozen=True)
class VariantView:
    stem: str  # the accessors are From<stem> and As<stem>
    type: str  # the C# type FromX takes
    read_type: str  # what AsX returns: the type, made Nullable<T> for value types (null: not this variant)
    dates: str  # "true" when the variant is a date (or a list/map of them), made as yyyy-MM-dd


@dataclass(frozen=True)
class ModelView:
    name: str
    doc: list[str]
    is_enum: bool
    fields: tuple[FieldView, ...]
    extra: str | None  # name of the [JsonExtensionData] dictionary, when extra fields are kept
    enum_type: str  # "string" or "long"
    members: tuple[EnumMemberView, ...]
    kind: str = "object"  # object, enum, union
    variants: tuple[VariantView, ...] = ()  # union variants
    discriminator: str = "null"  # literal: the discriminator's wire name
    mapping: tuple[tuple[str, int], ...] = ()  # (value literal, variant index)


@dataclass(frozen=True)
class ParamView:
    name: str
    wire: str  # literal
    add: str  # the ClientgenRequest method: PathParam, QueryParam, HeaderParam, CookieParam
    type: str
    required: bool
    null_check: bool
    style: str  # literal
    explode: str  # true / false
    doc: list[str]


@dataclass(frozen=True)
class BodyView:
    name: str
    type: str
    add: str  # JsonBody, BinaryBody, TextBody, FormBody
    media_type: str  # literal
    required: bool
    is_binary: bool


@dataclass(frozen=True)
class OperationView:
    name: str
    method: str  # literal
    path: str  # literal
    doc: list[str]
    arguments: str  # the parameter list, cancellation token included
    params: tuple[ParamView, ...]
    body: BodyView | None
    null_checks: tuple[str, ...]
    returns: str  # Task or Task<T>
    result_type: str | None
    result_kind: str  # literal: json, text, binary (unused when result_type is None)
    errors: tuple[tuple[str, str], ...]  # (status literal, C# type)
    example_args: str  # for the README
    http_text: str  # "METHOD /path" on one line, for the README


def _model_view(model: ir.Model, types: Types) -> ModelView:
    name = types.names[model.name]
    if isinstance(model, ir.EnumModel):
        scope = Scope([(name,)] + [(m,) for m in ENUM_MEMBERS])
        members = tuple(EnumMemberView(scope.unique(member_name(v.words)), literal(v.value), [])
                        for v in model.values)
        return ModelView(name, doc(model.description), True, (), None,
                         "string" if model.base is ir.PrimKind.STRING else "long", members, kind="enum")
    if isinstance(model, ir.UnionModel):
        variants = tuple(VariantView(stem, types.name(v.type), types.field_type(v.type, False, True),
                                     "true" if _date_converter(v.type) else "false")
                         for stem, v in zip(union_stems(model, name), model.variants))
        return ModelView(name, doc(model.description), False, (), None, "", (), kind="union", variants=variants,
                         discriminator=literal(model.discriminator),
                         mapping=tuple((literal(value), index) for value, index in model.mapping))
    scope = Scope([(name,)] + [(m,) for m in MODEL_MEMBERS])
    fields = []
    for f in model.fields:
        prop = scope.unique(member_name(f.words))
        tracked = f.nullable and not f.required
        args = [literal(f.wire)]
        if f.required:
            args.append("Required = Required.AllowNull" if f.nullable else "Required = Required.Always")
        else:
            args.append("NullValueHandling = NullValueHandling.Include" if f.nullable
                        else "NullValueHandling = NullValueHandling.Ignore")
        converter = _date_converter(f.type)
        if converter == "item":
            args.append("ItemConverterType = typeof(ClientgenDateConverter)")
        attributes = [f"[JsonProperty({', '.join(args)})]"]
        if converter == "converter":
            attributes.append("[JsonConverter(typeof(ClientgenDateConverter))]")
        text = f.description
        if f.default is not ir.NO_DEFAULT:
            text = f"{text}\n\nThe service's default: {json.dumps(f.default, ensure_ascii=False)}".strip()
        if tracked:
            text = f"{text}\n\nNullable: assigning null sends null; leaving it unset omits it.".strip()
        base = camel(f.words) or "value"
        fields.append(FieldView(prop, types.field_type(f.type, f.required, f.nullable), tuple(attributes),
                                tracked, f"_{identifier(base)}Value", f"_{identifier(base)}IsSet", doc(text)))
    extra = scope.unique("AdditionalProperties") if model.additional is not None else None
    return ModelView(name, doc(model.description), False, tuple(fields), extra, "", ())


_ADDERS = {ir.ParamLocation.PATH: "PathParam", ir.ParamLocation.QUERY: "QueryParam",
           ir.ParamLocation.HEADER: "HeaderParam", ir.ParamLocation.COOKIE: "CookieParam"}
_BODIES = {ir.BodyKind.JSON: "JsonBody", ir.BodyKind.BINARY: "BinaryBody", ir.BodyKind.TEXT: "TextBody",
           ir.BodyKind.FORM: "FormBody", ir.BodyKind.MULTIPART: "MultipartBody"}
_DEFAULT_MEDIA = {ir.BodyKind.JSON: "application/json", ir.BodyKind.TEXT: "text/plain",
                  ir.BodyKind.BINARY: "application/octet-stream", ir.BodyKind.FORM: "application/x-www-form-urlencoded",
                  ir.BodyKind.MULTIPART: "multipart/form-data"}


def _operation_view(op: ir.Operation, types: Types, names: Scope) -> OperationView:
    scope = Scope([("body",), ("cancellation", "token"), ("request",), ("response",), ("errors",)])
    params = []
    for p in op.parameters:
        type_name = types.field_type(p.type, p.required, False)
        name = scope.unique(local_name(p.words))
        text = p.description or f"The {p.location.value} parameter {json.dumps(p.wire, ensure_ascii=False)}."
        params.append(ParamView(name, literal(p.wire), _ADDERS[p.location], type_name, p.required,
                                p.required and not types.is_value(p.type), literal(p.style),
                                "true" if p.explode else "false", doc(text, "param", f' name="{scope_name(name)}"')))
    body = None
    if op.body is not None:
        body_kind = op.body.kind
        type_name = {ir.BodyKind.BINARY: "BinaryBody", ir.BodyKind.TEXT: "string"}.get(body_kind) or types.name(
            op.body.type)
        media = op.body.media_type if "*" not in op.body.media_type else _DEFAULT_MEDIA[body_kind]
        body = BodyView("body", type_name, _BODIES[body_kind], literal(media), op.body.required,
                        body_kind is ir.BodyKind.BINARY)
    required = [f"{p.type} {p.name}" for p in params if p.required]
    optional = [f"{p.type} {p.name} = null" for p in params if not p.required]
    arguments = list(required)
    if body is not None:
        (arguments if body.required else optional).append(
            f"{body.type} body" + ("" if body.required else " = null"))
    arguments += optional
    arguments.append("CancellationToken cancellationToken = default(CancellationToken)")
    null_checks = tuple(p.name for p in params if p.null_check)
    if body is not None and body.required:
        null_checks += ("body",)
    success = op.success
    result_type: str | None
    if success is None or success.type is None:
        returns, result_type, kind = "Task", None, "json"
    elif success.kind is ir.BodyKind.BINARY:
        returns, result_type, kind = "Task<byte[]>", "byte[]", "binary"
    elif success.kind is ir.BodyKind.TEXT:
        returns, result_type, kind = "Task<string>", "string", "text"
    else:
        result_type = types.name(success.type)
        returns, kind = f"Task<{result_type}>", "json"
    errors = tuple((literal(r.status), types.name(r.type)) for r in op.errors
                   if r.kind is ir.BodyKind.JSON and r.type is not None)
    text = "\n\n".join(t for t in (op.summary, op.description) if t) or f"{op.method} {op.path}"
    lines = doc(text)
    described = any(p.description for p in op.parameters) or (op.body is not None and op.body.description)
    if described:  # once one argument has a <param>, each must have one (CS1573)
        lines += [line for p in params if p.required for line in p.doc]
        if op.body is not None:
            lines += doc(op.body.description or "The request body.", "param", ' name="body"')
        lines += [line for p in params if not p.required for line in p.doc]
        lines += doc("Cancels the request.", "param", ' name="cancellationToken"')
    if op.deprecated:
        lines.append("/// <remarks>Deprecated by the service.</remarks>")
    example = [types.example(p.type) for p in op.parameters if p.required]
    if body is not None and op.body is not None and body.required:
        example.append("new byte[0]" if body.is_binary else '"..."' if body.type == "string"
                       else types.example(op.body.type))
    return OperationView(names.unique(member_name(op.words)) + "Async", literal(op.method), literal(op.path), lines,
                         ", ".join(arguments), tuple(params), body, null_checks, returns, result_type,
                         literal(kind), errors, ", ".join(example), comment(f"{op.method} {op.path}"))


@dataclass(frozen=True)
class GroupView:
    property: str  # client.<property>
    class_name: str  # <Tag>Operations
    doc: list[str]  # summary lines, for the property and the class
    operations: tuple[OperationView, ...]  # the flat methods' views, rendered by the same macro


# What the Client class defines itself: a group property may not take these names (nor the class's own, CS0542).
CLIENT_MEMBERS = ("Client", "DefaultBaseUri", "BaseUri", "Send", "SendAsync", "Dispose") + OBJECT_MEMBERS


def group_class_name(words: Words) -> str:
    return identifier(pascal(dotnet_words(words + ("operations",))))


def _group_views(api: ir.ApiSpec, types: Types, namespace: str,
                 operations: list[OperationView]) -> list[GroupView]:
    """Per tag, a class holding the same methods on the client's pipeline, reached as a property of the client
    (client.Pets.ListPetsAsync()). Class names avoid the runtime's, the framework's, the namespace's and the models'
    names; property names avoid the client's members, its operations and every type name the client's code uses
    in an expression (ClientgenPipeline.Decode, ...). A property named like a model is harmless: C# looks up a
    name in a type context (parameter and return types, typeof, new) among types only."""
    by_words = {op.words: view for op, view in zip(api.operations, operations)}
    classes = Scope([(n,) for n in RUNTIME_TYPES + FRAMEWORK_TYPES + (namespace,)]
                    + [(n,) for n in types.names.values()])
    class_names = [classes.unique(group_class_name(group.words)) for group in api.groups]
    properties = Scope([(n,) for n in CLIENT_MEMBERS + RUNTIME_TYPES + FRAMEWORK_TYPES + (namespace,)]
                       + [(view.name,) for view in operations] + [(n,) for n in class_names])
    groups = []
    for group, class_name_ in zip(api.groups, class_names):
        text = group.description or f"The operations tagged {json.dumps(group.tag, ensure_ascii=False)}."
        groups.append(GroupView(properties.unique(member_name(group.words) or "Operations"), class_name_, doc(text),
                                tuple(by_words[words] for words in group.operations)))
    return groups


def scope_name(name: str) -> str:
    """A parameter's name as XML doc comments refer to it (without the '@' escape)."""
    return name.lstrip("@")


# ---- the manifest ----------------------------------------------------------------------------------------------
def files(api: ir.ApiSpec, options: Options) -> list[OutputFile]:
    package_id, namespace = namespace_name(options, api)
    types = Types(api, namespace)
    models = [_model_view(m, types) for m in api.models]
    op_names = Scope([("Send",), ("Dispose",)])  # stems: SendAsync is the raw escape hatch
    operations = [_operation_view(op, types, op_names) for op in api.operations]
    groups = _group_views(api, types, namespace, operations)
    scheme = api.credential_scheme
    example = next(iter(operations), None)
    # The first operation with a model body too (RunMLServiceAsync(new ServiceInput { ... }) for Azure ML).
    objects = {types.names[m.name] for m in api.models if isinstance(m, ir.ObjectModel)}
    example_body = next((op for op in operations if op.body is not None and op.body.add == "JsonBody"
                         and op.body.type in objects
                         and op.example_args in ("", f"new {op.body.type}()")), None)
    context = {
        "title": comment(api.title),
        "title_doc": xml_text(comment(api.title)),
        "version_text": comment(api.version),
        "description": doc(api.description, "remarks"),
        "package_id": package_id,
        "package_id_xml": xml_text(package_id),
        "namespace": namespace,
        "sdk_version": options.sdk_version,
        "clientgen_version": __version__,
        "user_agent_prefix": literal(f"{package_id}/{options.sdk_version} clientgen/{__version__} csharp/"),
        "base_url": literal(api.base_url.rstrip("/")) if api.base_url else "null",
        "base_url_text": comment(api.base_url) if api.base_url else "",
        "auth_name": literal(scheme.param_name),
        "auth_prefix": literal(scheme.prefix),
        "auth_in_query": "true" if scheme.location is ir.ParamLocation.QUERY else "false",
        "auth_text": xml_text(comment(f"{scheme.param_name}: {scheme.prefix}<value>")),
        "models": models,
        "operations": operations,
        "groups": groups,
        "example": example,
        "example_body": example_body,
        "has_unions": any(isinstance(m, ir.UnionModel) for m in api.models),
        "has_multipart": any(op.body is not None and op.body.kind is ir.BodyKind.MULTIPART for op in api.operations),
    }
    return [
        OutputFile("Project.csproj.j2", f"{namespace}.csproj", context),
        OutputFile("README.md.j2", "README.md", context),
        OutputFile("Models.cs.j2", "src/Models.cs", context),
        OutputFile("Client.cs.j2", "src/Client.cs", context),
        OutputFile("ApiException.cs.j2", "src/ApiException.cs", context),
        OutputFile("Runtime.cs.j2", "src/Runtime.cs", context),
    ]


FILTERS = {"literal": literal, "doc": doc, "comment": comment, "xml": xml_text}


def format_file(path: str, text: str) -> str:
    """Templates emit formatted C#; only trailing spaces and a final newline are normalised."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).rstrip("\n") + "\n"

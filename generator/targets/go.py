"""The Go target: naming, type mapping, literals and the file manifest of a Go SDK (standard library only).

The SDK is one package in a module of its own: models.go (structs with their own MarshalJSON/UnmarshalJSON, which
refuse an unset required field and a missing one, enums as typed constants, oneOf/anyOf unions as structs keeping
the raw JSON value with a <Union>From<Variant> constructor and an As<Variant> reader per variant, and the shapes,
the schemas by which a union reads only the variant whose own schema fits), client.go (NewClient, one method per
operation, each with its credential's place, Accept, a *<Operation>Params for its optional parameters and trailing
...CallOption; a paged operation's returns a *Pager, a long-running one's is Begin<Operation> returning a *Poller, a
streamed answer's an *EventStream or *LineStream, and a binary answer also has <Operation>Stream returning an
io.ReadCloser), sdkinfo.go (this spec's values the runtime reads by name: SDK name and version, default base URL,
where Send puts the credential), the runtime (runtime/go/*.go, real Go source unit-tested there, copied with only
its package clause renamed: options, per-call options, hooks, logging, errors, values, parameters and bodies, auth
per operation and the Azure ML credential, retries only where a re-send is safe, pages, pollers and streams), go.mod
and README.md. Every decision about Go text (identifiers with initialisms, types with
pointer / Nullable optionality, literals, comments) is made here; the templates only lay it out. The templates
emit gofmt-formatted code themselves: struct fields are separated by blank lines (so gofmt has no columns to
align) and constant blocks are padded here; the runtime's sources are gofmt-clean (its tests check it).

Everything handed to the templates is `render.Code`, made by one of the escaping functions below for one place:
`exported`/`unexported` (identifiers: ASCII letters, digits, '_' and naming's letters, never a keyword), `literal` (an interpreted
string literal with every non-ASCII or special character escaped, or a number Go can spell), `doc` (`//` comment
lines), `comment` (text inside one `//` line), and textformats' Markdown escapers for README.md.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .. import __version__, ir
from ..config import Options
from ..errors import Diagnostic
from ..naming import Scope, Words, key, name_characters, shorten, split_ascii_words
from ..render import Code, OutputFile, RuntimeFile, code, runtimes_root
from ..textformats import markdown_code, markdown_text, unprintable_to_space
from . import unpublishable

NAME = "go"

KEYWORDS = frozenset("""
break case chan const continue default defer else fallthrough for func go goto if import interface map package
range return select struct switch type var
""".split())
# Predeclared identifiers: a local or parameter with one of these names would shadow it.
PREDECLARED = frozenset("""
any append bool byte cap clear close comparable complex complex128 complex64 copy delete error false float32
float64 imag int int16 int32 int64 int8 iota len make max min new nil panic print println real recover rune
string true uint uint16 uint32 uint64 uint8 uintptr
""".split())
# The names under which the generated files (runtime.go, client.go, models.go, the README's example) use the
# standard library's packages: no parameter or local takes one (it would shadow the package), and the SDK's
# package is never named like one (the README's example imports both).
STD_PACKAGES = frozenset("""
base64 bytes context errors exec fmt http httptrace io json log math multipart net os rand regexp runtime slog
sort strconv strings sync textproto time tls url utf8
""".split())
# The words written in capitals in Go names (golint's list): ItemID, BaseURL, RunMLService.
INITIALISMS = frozenset("""
ACL API ASCII CPU CSS DNS EOF GUID HTML HTTP HTTPS ID IP JSON LHS QPS RAM RHS RPC SLA SMTP SQL SSH TCP TLS TTL
UDP UI UID UUID URI URL UTF8 VM XML XMPP XSRF XSS
""".split())
# Exported names of the runtime (runtime/go/), sdkinfo.go and client.go: a model named like one gets the suffix
# Model (as in every language); constants, constructors, params structs and tag groups never take them.
RUNTIME_NAMES = (
    "Client", "NewClient", "Option", "WithCredential", "WithBasicAuth", "WithTokenProvider", "WithHTTPClient",
    "WithTransport", "WithLogger", "WithSecretHeaders", "WithTimeout", "WithMaxRetries", "WithRetryOperations",
    "WithUserAgent", "WithHeader", "CallOption", "WithCallMaxRetries", "WithCallTimeout", "WithCallHeader",
    "TokenProvider", "TokenProviderFunc", "AzureMLCredential", "AzureMLCredentialFromCommand", "APIError",
    "TransportError", "TimeoutError", "RequestError", "DecodeError", "CredentialError", "RawResponse", "Nullable",
    "NewNullable", "Null", "Ptr", "Date", "DefaultBaseURL", "DefaultTimeout", "DefaultMaxRetries", "SDKName",
    "SDKVersion", "Pager", "Poller", "OperationError", "EventStream", "ServerSentEvent", "LineStream",
)
_RUNTIME_KEYS = frozenset(key((name,)) for name in RUNTIME_NAMES)
# Methods whose names the standard library (and go vet's stdmethods check) gives a meaning and a signature to:
# an operation's method never takes one (Client.MarshalJSON(ctx) would fail vet and confuse encoding/json).
STD_METHODS = (
    "As", "Error", "Format", "GobDecode", "GobEncode", "Is", "MarshalBinary", "MarshalJSON", "MarshalText",
    "MarshalXML", "ReadByte", "ReadFrom", "ReadRune", "Scan", "Seek", "String", "UnmarshalBinary",
    "UnmarshalJSON", "UnmarshalText", "UnmarshalXML", "UnreadByte", "UnreadRune", "Unwrap", "WriteByte",
    "WriteTo",
)
# Methods of Client that operations must not take (besides STD_METHODS).
CLIENT_METHODS = ("Send", "BaseURL", "Close")
# Methods every model has: no field may take their names.
MODEL_METHODS = ("MarshalJSON", "UnmarshalJSON")
# Names the bodies of generated methods use: parameters never take them (nor those of the standard packages,
# which unexported() already gives the suffix Value).
METHOD_LOCALS = ("c", "ctx", "req", "raw", "err", "out", "params", "body", "options", "newRequest", "authScheme",
                 "errorCase", "decodeError", "jsonResult", "stringResult", "textResult", "binaryResult",
                 "optionalResult", "stream", "newPager", "pageRule", "startPoller", "newEventStream",
                 "newLineStream", "binaryStream", "jsonItem", "stringItem")

_PRIMS = {  # kind -> Go type
    ir.PrimKind.STRING: "string",
    ir.PrimKind.INT32: "int32",
    ir.PrimKind.INT64: "int64",
    ir.PrimKind.FLOAT: "float32",
    ir.PrimKind.DOUBLE: "float64",
    ir.PrimKind.BOOL: "bool",
    ir.PrimKind.DATE: "Date",
    ir.PrimKind.DATETIME: "time.Time",
    ir.PrimKind.UUID: "string",
    ir.PrimKind.BYTES: "[]byte",
    ir.PrimKind.BINARY: "[]byte",
    ir.PrimKind.ANY: "any",
}
# The range of the integer types enum constants are declared in: a value outside it gets no constant.
_INT_RANGES = {ir.PrimKind.INT32: (-(2 ** 31), 2 ** 31 - 1), ir.PrimKind.INT64: (-(2 ** 63), 2 ** 63 - 1)}
# Types whose zero value is nil: an optional field of one of them needs no pointer.
_NILABLE = ("[]", "map[", "any")


# ---- names ---------------------------------------------------------------------------------------------------
def _word(word: str, first_lower: bool = False) -> str:
    if word.upper() in INITIALISMS:
        return word.lower() if first_lower else word.upper()
    if len(word) > 2 and word[-1] in "sS" and word[:-1].upper() in INITIALISMS:  # ids -> IDs, urls -> URLs
        return word.lower() if first_lower else word[:-1].upper() + "s"
    if first_lower:
        return word.lower() if word.isupper() else word[:1].lower() + word[1:]
    return word[:1].upper() + word[1:]


def _identifier(text: str, prefix: str) -> str:
    """A joined name made legal: ASCII letters, digits, '_' and the letters naming keeps (naming.is_name_letter),
    starting with a letter of the prefix's case (so an exported name is exported — `名前` becomes `N名前` — and no
    name is the blank identifier or starts with a digit)."""
    text = name_characters(text)
    if not text or not (text[0].isupper() if prefix.isupper() else text[0].islower()):
        text = prefix + text
    return text


def exported(words: Words) -> Code:
    """('run', 'ML', 'service') -> RunMLService; ('item', 'id') -> ItemID; ('1st',) -> N1st."""
    return Code(_identifier("".join(_word(w) for w in words), "N"))


def unexported(words: Words) -> Code:
    """('item', 'id') -> itemID; ('ID',) -> id; keywords, predeclared names and the names of the standard
    packages the generated code uses get the suffix Value (the one rule for a member's clash in Go)."""
    words = tuple(words) or ("value",)
    name = _identifier(_word(words[0], True) + "".join(_word(w) for w in words[1:]), "n")
    return Code(name + "Value" if name in KEYWORDS or name in PREDECLARED or name in STD_PACKAGES else name)


def class_name(words: Words) -> Code:
    """A model's type name; one named like a runtime type (Client, APIError) gets the suffix Model, as in every
    language (names differing only in case count as the same, as in every Scope)."""
    name = exported(words or ("model",))
    return code("{}Model", name) if key((name,)) in _RUNTIME_KEYS else name


def member_name(words: Words) -> Code:
    return exported(words or ("value",))


def _unique(scope: Scope, name: Code) -> Code:
    """scope.unique() for an escaped name: the name, or the name with digits appended; Code either way."""
    made = scope.unique(name)
    if not isinstance(made, Code):
        raise TypeError(f"{made!r} is not Code")
    return made


def _member(scope: Scope, name: Code, reserved: Iterable[str]) -> Code:
    """A member's name (field, method, parameter) unique in its scope: one clashing with a name the language or
    the runtime already defines there (`reserved`) gets the suffix Value, as in every language where a trailing
    underscore is not idiomatic; one clashing with another member of the spec gets a number."""
    if key((name,)) in {key((r,)) for r in reserved}:
        name = code("{}Value", name)
    return _unique(scope, name)


def _join(parts: Iterable[Code], separator: str = ", ") -> Code:
    """Code joined by a constant separator; a part that is not Code is a TypeError (a clientgen bug)."""
    joined = Code(separator).join(parts)
    if not isinstance(joined, Code):
        raise TypeError(f"joining text that is not Code: {joined[:60]!r}")
    return joined


def package_names(options: Options, api: ir.ApiSpec) -> tuple[Code, Code, Code]:
    """(distribution, module path, package name): 'azml-client' -> ('azml-client', 'example.com/azml-client',
    'azmlclient'). --package-name and --go-module are checked by config.Options (letters, digits and ._~/-);
    a title gives words (ASCII letters and digits), cut to naming.MAX_NAME characters."""
    words = split_ascii_words(options.package_name) if options.package_name else shorten(split_ascii_words(api.title)) + (
        "client",)
    words = words or ("api", "client")
    distribution = options.package_name or "-".join(w.lower() for w in words)
    package = re.sub(r"[^a-z0-9]", "", "".join(words).lower()) or "client"
    if package[0].isdigit():
        package = "x" + package
    if package in KEYWORDS or package in PREDECLARED or package in STD_PACKAGES or package in ("main", "init"):
        package += "pkg"
    module = options.go_module or f"example.com/{distribution}"
    if not re.fullmatch(r"[A-Za-z0-9._~/-]+", module) or not re.fullmatch(r"[A-Za-z0-9._-]+", distribution):
        raise ValueError(f"unchecked Go module path {module!r}")  # config.Options checks both: a clientgen bug
    return Code(distribution), Code(module), Code(package)


# ---- literals and comment text -------------------------------------------------------------------------------
def _string_literal(text: str) -> Code:
    """An interpreted string literal in ASCII: quotes and backslashes escaped, every other character outside
    printable ASCII (controls, line separators, bidi controls, everything non-ASCII) as a \\u or \\U escape. A
    lone surrogate (valid in a JSON string, not in Go) becomes \\uFFFD, which is also what Go's encoding/json
    reads "\\ud800" as."""
    out = ['"']
    for char in text:
        point = ord(char)
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif 0x20 <= point < 0x7F:
            out.append(char)
        elif 0xD800 <= point <= 0xDFFF:
            out.append("\\uFFFD")
        elif point < 0x10000:
            out.append(f"\\u{point:04X}")
        else:
            out.append(f"\\U{point:08X}")
    out.append('"')
    return Code("".join(out))


def literal(value: object) -> Code:
    """A Go literal for a JSON scalar from the spec: an interpreted string literal (never a raw one), an
    integer (an untyped constant: Go's are exact, so the place it is used decides whether it fits) or a float.
    A float Go has no constant for is the expression that makes it (math.Inf(1), math.NaN(),
    math.Copysign(0, -1)): the caller's file then imports math."""
    if value is None:
        return Code("nil")
    if isinstance(value, bool):
        return Code("true" if value else "false")
    if isinstance(value, int):
        return Code(str(value))
    if isinstance(value, float):
        if math.isnan(value):
            return Code("math.NaN()")
        if math.isinf(value):
            return Code("math.Inf(1)" if value > 0 else "math.Inf(-1)")
        if value == 0 and math.copysign(1.0, value) < 0:
            return Code("math.Copysign(0, -1)")
        return Code(repr(value))
    return _string_literal(str(value))


def _fits(value: object, base: ir.PrimKind) -> bool:
    """Whether a typed constant of the enum's base type can hold the value."""
    if base is ir.PrimKind.STRING:
        return isinstance(value, str)
    low, high = _INT_RANGES.get(base, (0, -1))
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _shown(value: object) -> str:
    """A JSON value as a reader of a comment sees it (the comment's escaping comes after)."""
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "NaN" if math.isnan(value) else "+Inf" if value > 0 else "-Inf"
    if isinstance(value, (str, int, float, bool)) or value is None:
        return str(literal(value))
    return json.dumps(value, ensure_ascii=True, allow_nan=True, default=str)


def _clean_lines(text: str) -> list[str]:
    """Spec text as printable lines: \\r\\n, \\r and \\n end a line; every character that is not printable
    (controls, U+0085, U+2028/2029, bidi and other format characters, lone surrogates, unassigned code points)
    becomes a space; runs of whitespace become one space; blank lines are dropped."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    text = unprintable_to_space(text, keep="\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return [line for line in lines if line]


# gofmt turns `` and '' in a doc comment into curly quotes: a space between them keeps the text as written.
_DOUBLED_QUOTES = re.compile(r"(?<=')(?=')|(?<=`)(?=`)")
# A line Go's tools would read as more than text once it follows `// `: a build constraint (go vet reports a
# misplaced one), a directive written with a space (vet: "malformed //go:build line"), a cgo directive, or a
# doc-comment link definition (gofmt moves those to the end of the comment).
_NOT_TEXT = re.compile(r"\+build|go:|line |export |extern |\[[^\]\n]*\]:[ \t]")


def _comment_text(line: str) -> str:
    line = _DOUBLED_QUOTES.sub(" ", line)
    return "- " + line if _NOT_TEXT.match(line) else line


def doc(text: str, indent: str = "") -> Code:
    """Spec text as `// ` comment lines (one paragraph, so gofmt never reformats it into a heading, list or
    code block); '' for no text. A line can never end the comment: every line starts with `// `, and only
    '\\n' ends one. No line starts like a directive, a build constraint or a link definition."""
    if indent.strip():
        raise ValueError(f"doc indent {indent!r}: only whitespace")
    return Code("\n".join(f"{indent}// {_comment_text(line)}" for line in _clean_lines(text)))


def comment(text: str) -> Code:
    """Spec text inside one `//` comment line, after other text: printable, no line break, no doubled quotes."""
    return Code(_DOUBLED_QUOTES.sub(" ", " ".join(_clean_lines(text))))


# ---- types ---------------------------------------------------------------------------------------------------
class Types:
    """Go types for IR types, knowing the API's model names."""

    def __init__(self, api: ir.ApiSpec, scope: Scope):
        self.names = {model.name: _unique(scope, class_name(model.words)) for model in api.models}
        self.kinds = {m.name: m for m in api.models}
        self._spelled: dict[ir.TypeRef, Code] = {}

    def type_name(self, t: ir.TypeRef) -> Code:
        spelled = self._spelled.get(t)
        if spelled is None:
            if isinstance(t, ir.Prim):
                spelled = Code(_PRIMS[t.kind])
            elif isinstance(t, ir.Array):
                spelled = code("[]{}", self.type_name(t.item))
            elif isinstance(t, ir.Map):
                spelled = code("map[string]{}", self.type_name(t.value))
            else:
                spelled = self.names[t.name]
            self._spelled[t] = spelled
        return spelled

    def uses_time(self, t: ir.TypeRef | None) -> bool:
        return t is not None and "time.Time" in self.type_name(t)

    def field_type(self, t: ir.TypeRef, required: bool, nullable: bool) -> tuple[Code, Code]:
        """The one place that decides optionality: (Go type, how the field's presence is tested).

        The test is a format string over the field expression, '' when the field is always written:
        required -> T (nullable: *T, nil is null); optional nullable -> Nullable[T] (unset, null or a value);
        optional slice/map/any -> T (nil is unset); other optional -> *T (nil is unset).
        """
        name = self.type_name(t)
        nilable = name.startswith(_NILABLE)
        if required:
            return (name if nilable or not nullable else code("*{}", name)), Code("")
        if nullable:
            return code("Nullable[{}]", name), Code("{}.IsSet()")
        return (name if nilable else code("*{}", name)), Code("{} != nil")

    def unset(self, f: ir.Field, expr: Code) -> Code:
        """The Go condition under which a required, non-nullable field counts as unset, so that writing it is
        refused (it is never sent as null): nil for slices, maps and any, no value for a union; '' for types
        whose every value is a value (strings, numbers, structs)."""
        if not f.required or f.nullable:
            return Code("")
        if self.type_name(f.type).startswith(_NILABLE):
            return code("{} == nil", expr)
        if isinstance(f.type, ir.Named) and isinstance(self.kinds[f.type.name], ir.UnionModel):
            return code("{}.raw == nil", expr)
        return Code("")

    def shape(self, t: ir.TypeRef) -> Code:
        """The runtime's shape of a type (see shapes in runtime.go): a model by reference to its entry."""
        if isinstance(t, ir.Prim):
            return Code("anyShape()") if t.kind is ir.PrimKind.ANY else code("valueShape[{}]()", self.type_name(t))
        if isinstance(t, ir.Array):
            return code("arrayShape({})", self.shape(t.item))
        if isinstance(t, ir.Map):
            return code("mapShape({})", self.shape(t.value))
        return code("refShape({})", literal(self.names[t.name]))

    def model_shape(self, model: ir.Model) -> ShapeView:
        key_ = literal(self.names[model.name])
        if isinstance(model, ir.EnumModel):
            return ShapeView(key_, Code(""), (), code("valueShape[{}]()", self.names[model.name]))
        if isinstance(model, ir.UnionModel):
            mapping = _join(code("{{{}, {}}}", literal(value), Code(str(index))) for value, index in model.mapping)
            call, first = Code("unionShape"), code("{}, {}", literal(model.discriminator or ""), code(
                "[]mapped{{{}}}", mapping) if model.discriminator and model.mapping else Code("nil"))
            items = tuple(self.shape(v.type) for v in model.variants)
        else:
            call = Code("objectShape")
            first = self.shape(model.additional) if model.additional is not None else Code("nil")
            items = tuple(code("shapeField{{{}, {}, {}, {}}}", literal(f.wire), self.shape(f.type),
                               Code("true" if f.required else "false"), Code("true" if f.nullable else "false"))
                          for f in model.fields)
        return ShapeView(key_, code("{}({},", call, first), items, code("{}({})", call, first))

    def example(self, t: ir.TypeRef, package: Code) -> Code:
        """A Go expression of type t for the README's example call (a placeholder that compiles). Cheap: no
        walk through the models, a dictionary look-up at most."""
        if isinstance(t, ir.Prim):
            if t.kind in (ir.PrimKind.STRING, ir.PrimKind.UUID):
                return Code('"..."')
            if t.kind in (ir.PrimKind.INT32, ir.PrimKind.INT64, ir.PrimKind.FLOAT, ir.PrimKind.DOUBLE):
                return Code("0")
            if t.kind is ir.PrimKind.BOOL:
                return Code("false")
            if t.kind is ir.PrimKind.DATE:
                return code("{}.Date{{}}", package)
            if t.kind is ir.PrimKind.DATETIME:
                return Code("time.Now()")
            return Code("nil")  # bytes, any
        if isinstance(t, (ir.Array, ir.Map)):
            return Code("nil")
        model = self.kinds[t.name]
        if isinstance(model, ir.EnumModel):
            return Code('""' if model.base is ir.PrimKind.STRING else "0")
        return code("{}.{}{{}}", package, self.names[t.name])


# ---- views the templates lay out: every string in them is Code ------------------------------------------------
@dataclass(frozen=True)
class FieldView:
    name: Code
    wire: Code  # a Go literal
    type: Code
    tag: Code  # the struct tag: an interpreted string literal
    present: Code  # a Go condition, '' when always written
    doc: Code
    required: bool = False  # read with objectFields.required: missing is a decode error
    nullable: Code = Code("false")  # true/false: whether a required field may be null
    unset: Code = Code("")  # a Go condition: a required field left unset (nil), refused when writing; ''


@dataclass(frozen=True)
class VariantView:
    name: Code  # the accessor: AsCat
    factory: Code  # the package-level constructor: PetFromCat
    type: Code
    index: Code  # the variant's index in its union's shape (the shapes in models.go)


@dataclass(frozen=True)
class ModelView:
    kind: Code  # object, enum, union
    name: Code
    doc: Code
    fields: tuple[FieldView, ...] = ()
    extra: FieldView | None = None
    known: Code = Code("")  # the wire names of fields, as Go literals joined by ', '
    enum_base: Code | None = None
    members: tuple[tuple[Code, Code], ...] = ()  # enum constants: (padded name, literal)
    variants: tuple[VariantView, ...] = ()  # union variants
    raw_factory: Code = Code("")  # union: the constructor from a raw JSON value
    name_literal: Code = Code('""')  # the type's name as a Go literal: errors name it, shapes are keyed by it


@dataclass(frozen=True)
class ShapeView:
    """A model's entry in models.go's shapes: its schema, by which unions tell their variants apart."""
    key: Code  # literal: the model's Go name
    head: Code  # the constructor call up to its first arguments: objectShape(nil, / unionShape("k", nil,
    items: tuple[Code, ...]  # the rest of the arguments, one a line
    whole: Code  # the whole expression on one line, for a shape without items


@dataclass(frozen=True)
class ParamView:
    name: Code  # a local name (required) or a params struct field
    expr: Code  # how the method body reads it
    wire: Code  # literal
    location: Code  # path, query, header or cookie: names a method of the runtime's request
    type: Code
    style: Code  # literal
    explode: Code  # true/false
    doc: Code  # comment lines for the params struct field


@dataclass(frozen=True)
class OperationView:
    name: Code
    method: Code  # literal
    path: Code  # literal
    http_text: Code  # method and path for the README's table (inside a code span)
    doc: Code
    signature: Code  # the parameter list after the receiver
    returns: Code  # "error" or "(T, error)"
    returns_markdown: Code  # the same, for the README's table
    result_type: Code | None
    result_kind: Code  # none, json, string, text, binary (read whole); pager, poller, stream
    params: tuple[ParamView, ...]  # every parameter, in the spec's order (the query keeps it)
    optional: tuple[ParamView, ...]  # fields of the params struct
    params_struct: Code | None
    params_doc: Code  # of the params struct, where this method declares it ('' for a binary answer's stream method)
    body_kind: Code | None  # json, binary, text, form, multipart: names a method of the runtime's request
    body_media_type: Code  # literal
    body_parts: Code  # multipart: a Go map literal of wire name -> part kind ("file", "text", "json"), or nil
    errors_expr: Code  # the operation's error models: a []errorCase literal, or nil
    call_args: Code = Code("ctx")  # the parameter names of the signature, to pass them on (a group's method)
    request_args: Code = Code("")  # newRequest's arguments: method, path, operationId, Accept, auth scheme
    decode: Code = Code("")  # what the method returns: made from raw and err (read whole), stream and err
    # (a stream), or the call that makes the pager or the poller (result_kind != none)


@dataclass(frozen=True)
class GroupView:
    """The operations of one tag: a type holding the same methods as Client's (each passing its arguments on to
    the flat method), reached with an accessor method of Client: client.Pets().ListPets(ctx, nil)."""
    accessor: Code  # the method of Client: Pets
    type_name: Code  # PetsOperations
    doc: Code  # of the type
    accessor_doc: Code
    operations: tuple[OperationView, ...]


# Characters a JSON name may have in a struct tag (encoding/json's own rule, less space and comma; no quote,
# backslash or backquote): other names are tagged "-", which the models' own MarshalJSON never reads anyway.
_TAG_SAFE = re.compile(r"[A-Za-z0-9!#$%&()*+./:;<=>?@\[\]^_{|}~-]+")


def _tag(wire: str, required: bool) -> Code:
    """The struct tag, as Go writes them: a raw string, which is safe because the name matched _TAG_SAFE (no
    backquote, no line break, nothing outside printable ASCII)."""
    if not _TAG_SAFE.fullmatch(wire) or wire == "-":
        return Code('`json:"-"`')
    return Code(f'`json:"{wire}"`' if required else f'`json:"{wire},omitempty"`')


def _field_doc(text: str, default: object) -> Code:
    if default is not ir.NO_DEFAULT:
        text = f"{text} (the service's default: {_shown(default)})".strip()
    return doc(text, "\t")


def _enum_view(model: ir.EnumModel, name: Code, constants: Scope) -> ModelView:
    """Typed constants for the values a constant of the base type can hold; the others (2^63 for an int64
    enum, a number in a string enum) are named in the doc comment only."""
    base = Code(_PRIMS[model.base])
    kept = [v for v in model.values if _fits(v.value, model.base)]
    names = [_unique(constants, code("{}{}", name, exported(v.words or ("empty",)))) for v in kept]
    width = max((len(n) for n in names), default=0)
    members = tuple((code("{}" + " " * (width - len(n)), n), literal(v.value)) for n, v in zip(names, kept))
    text = model.description or f"{name} is an enumeration of the API."
    left = [v.value for v in model.values if not _fits(v.value, model.base)]
    if left:
        text += (f"\nThe spec also lists values that do not fit in {base}: "
                 f"{', '.join(_shown(value) for value in left)}.")
    return ModelView(Code("enum"), name, doc(text), enum_base=base, members=members)


def _model_view(model: ir.Model, types: Types, constants: Scope) -> ModelView:
    name = types.names[model.name]
    if isinstance(model, ir.EnumModel):
        return _enum_view(model, name, constants)
    if isinstance(model, ir.UnionModel):
        return _union_view(model, name, types, constants)
    scope = Scope([(m,) for m in MODEL_METHODS])
    fields = []
    for f in model.fields:
        go_type, present = types.field_type(f.type, f.required, f.nullable)
        member = _member(scope, member_name(f.words), MODEL_METHODS)
        fields.append(FieldView(member, literal(f.wire), go_type, _tag(f.wire, f.required),
                                code(present, code("m.{}", member)) if present else Code(""),
                                _field_doc(f.description, f.default), required=f.required,
                                nullable=Code("true" if f.nullable else "false"),
                                unset=types.unset(f, code("m.{}", member))))
    extra = None
    if model.additional is not None:
        member = _member(scope, Code("AdditionalProperties"), ())
        extra = FieldView(member, Code('""'), code("map[string]{}", types.type_name(model.additional)),
                          literal('json:"-"'), Code(""),
                          code("\t// {} holds the fields the spec does not name.", member))
    known = _join(f.wire for f in fields)
    return ModelView(Code("object"), name, doc(model.description or f"{name} is a model of the API."),
                     tuple(fields), extra, known, name_literal=literal(name))


def _union_view(model: ir.UnionModel, name: Code, types: Types, package_scope: Scope) -> ModelView:
    """A oneOf/anyOf: a struct holding the raw JSON value, a constructor per variant (package scope, so a model
    named like one pushes it to a suffix) and an As<Variant> reader per variant."""
    scope = Scope([("raw",)])  # <Union>FromRaw is the constructor from a raw value
    variants = []
    for index, v in enumerate(model.variants):
        member = _member(scope, member_name(v.words), ("raw",))
        variants.append(VariantView(code("As{}", member), _unique(package_scope, code("{}From{}", name, member)),
                                    types.type_name(v.type), Code(str(index))))
    raw_factory = _unique(package_scope, code("{}FromRaw", name))
    factories = [v.factory for v in variants]
    readers = [v.name for v in variants]
    how = (f"It keeps the JSON value as it was read (nothing is lost when no shape fits): make it with "
           f"{_either(factories + [raw_factory])}, read it with {_either(readers)} (false when the value does not "
           f"fit that shape's own schema, or its discriminator names another) or Raw.")
    if not variants:
        how = f"It holds a JSON value as read: make it with {raw_factory}, read it with Raw."
    text = model.description or f"{name} is one of several shapes."
    return ModelView(Code("union"), name, doc(f"{text}\n{how}"), variants=tuple(variants), raw_factory=raw_factory,
                     name_literal=literal(name))


def _union_reach(api: ir.ApiSpec) -> list[ir.Model]:
    """The models whose shapes unions need: every union and every model its variants reach, in the spec's
    order."""
    by_name = {m.name: m for m in api.models}
    reached: set[str] = set()
    pending: list[ir.TypeRef | None] = [ir.Named(m.name) for m in api.models if isinstance(m, ir.UnionModel)]
    while pending:  # a stack, not recursion: a chain of models may be long
        t = pending.pop()
        if isinstance(t, ir.Array):
            pending.append(t.item)
        elif isinstance(t, ir.Map):
            pending.append(t.value)
        elif isinstance(t, ir.Named) and t.name not in reached:
            reached.add(t.name)
            model = by_name[t.name]
            if isinstance(model, ir.ObjectModel):
                pending += [f.type for f in model.fields] + [model.additional]
            elif isinstance(model, ir.UnionModel):
                pending += [v.type for v in model.variants]
    return [m for m in api.models if m.name in reached]


def _either(names: list[Code]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _part_kind(t: ir.TypeRef, types: Types) -> str:
    """How a field travels in multipart/form-data (as Python's client sends it): bytes as a file, strings (and
    string enums) as text, everything else as JSON."""
    if isinstance(t, ir.Prim) and t.kind in (ir.PrimKind.BINARY, ir.PrimKind.BYTES):
        return "file"
    if isinstance(t, ir.Prim) and t.kind is ir.PrimKind.STRING:
        return "text"
    if isinstance(t, ir.Named):
        model = types.kinds[t.name]
        if isinstance(model, ir.EnumModel) and model.base is ir.PrimKind.STRING:
            return "text"
    return "json"


def _multipart_parts(t: ir.TypeRef, types: Types) -> Code:
    """A Go map literal of each field's wire name -> part kind for a multipart body's model, or nil; other keys
    are decided by their value (a string is text, the rest JSON)."""
    model = types.kinds.get(t.name) if isinstance(t, ir.Named) else None
    if not isinstance(model, ir.ObjectModel) or not model.fields:
        return Code("nil")
    entries = _join(code("{}: {}", literal(f.wire), literal(_part_kind(f.type, types)))
                              for f in model.fields)
    return code("map[string]string{{{}}}", entries)


def _media_type(body: ir.RequestBody) -> str:
    """The Content-Type a body is sent with: the spec's, or a concrete one for a wildcard."""
    if "*" not in body.media_type:
        return body.media_type
    return {ir.BodyKind.JSON: "application/json", ir.BodyKind.TEXT: "text/plain"}.get(
        body.kind, "application/octet-stream")


def _error_message_key(r: ir.Response, types: Types) -> str:
    """The wire name of an error model's string field named message, or ''."""
    if isinstance(r.type, ir.Named):
        model = types.kinds[r.type.name]
        if isinstance(model, ir.ObjectModel):
            return next((f.wire for f in model.fields if tuple(w.lower() for w in f.words) == ("message",)
                         and f.type == ir.Prim(ir.PrimKind.STRING)), "")
    return ""


def _whole_result(success: ir.Response | None, types: Types) -> tuple[Code | None, str, Code]:
    """(Go type, kind, the runtime's decode function) of an answer read whole: kind none (no value; no
    function), binary, text, string or json."""
    if success is None or success.type is None:
        return None, "none", Code("")
    if success.kind is ir.BodyKind.BINARY:
        return Code("[]byte"), "binary", Code("binaryResult")
    if success.kind is ir.BodyKind.TEXT:
        return Code("string"), "text", Code("textResult")
    result_type = types.type_name(success.type)
    if result_type == "string":
        return result_type, "string", Code("stringResult")
    return result_type, "json", code("jsonResult[{}]", result_type)


def _result(op: ir.Operation, flavor: str, types: Types, errors: Code) -> tuple[Code, Code | None, str, Code]:
    """(what the method returns, the result's type, result_kind, decode) for a method of one flavor: "call" (the
    answer read whole), "pager", "poller", "stream" (the answer read as it arrives: events, lines or a binary
    body; "binary stream" is the second method of a binary answer). decode is the Go expression the method
    returns (from raw and err for a call and a stream: see client.go.j2)."""
    success = op.success
    if flavor == "pager":
        assert op.paging is not None
        item = types.type_name(op.paging.item)
        rule = _join(literal(v or "") for v in (op.paging.style.value, op.paging.items, op.paging.next,
                                                op.paging.param))
        pager = code("*Pager[{}]", item)
        return pager, pager, "pager", code("newPager[{}](ctx, c, req, pageRule{{{}}}, {}, options)", item, rule,
                                            errors)
    if flavor == "poller":
        assert op.long_running is not None
        result = op.long_running.result
        result_type, _, decode = _whole_result(success if result is not None else None, types)
        value = result_type or Code("struct{}")
        poller = code("*Poller[{}]", value)
        return code("({}, error)", poller), poller, "poller", code(
            "startPoller[{}](ctx, c, req, {}, options, {}, {})", value, errors,
            literal(op.long_running.final_state.value), decode or Code("nil"))
    if flavor == "binary stream":
        return Code("(io.ReadCloser, error)"), Code("io.ReadCloser"), "stream", Code("binaryStream(stream, err)")
    if flavor == "stream":
        assert success is not None and success.type is not None
        item = types.type_name(success.type)
        decode = Code("stringItem") if success.kind is ir.BodyKind.TEXT else code("jsonItem[{}]", item)
        kind = "EventStream" if op.stream is ir.StreamKind.SSE else "LineStream"
        stream_type = code("*{}[{}]", Code(kind), item)
        return code("({}, error)", stream_type), stream_type, "stream", code(
            "new{}(stream, err, {})", Code(kind), decode)
    result_type, kind, decode = _whole_result(success, types)
    if result_type is not None and op.may_be_empty:
        # A 2xx the spec allows without content: the value may be absent, a nil pointer.
        empty = [literal(r.status) for r in op.responses if r.is_success and r.type is None]
        result_type = code("*{}", result_type)
        decode = code("optionalResult(raw, err, {}, {})", decode, _join(empty))
    elif result_type is not None:
        decode = code("{}(raw, err)", decode)
    returns = code("({}, error)", result_type) if result_type else Code("error")
    return returns, result_type, kind, decode


def _flavor(op: ir.Operation) -> str:
    """How an operation's method answers: a poller (a long-running operation, even one that pages), a pager, a
    stream, or the answer read whole (a call)."""
    if op.long_running is not None:
        return "poller"
    if op.paging is not None:
        return "pager"
    if op.stream is not None:
        return "stream"
    return "call"


def _has_binary_stream(op: ir.Operation) -> bool:
    """Whether an operation also gets a method reading its binary answer as a stream."""
    success = op.success
    return _flavor(op) == "call" and success is not None and success.kind is ir.BodyKind.BINARY


def _operation_views(op: ir.Operation, names: list[Code], params_name: Code | None,
                     types: Types) -> list[OperationView]:
    """The methods of one operation: names[0] its method (a Begin method for a long-running operation), and
    names[1], where the answer is binary, the method reading it as a stream; both take the same parameters."""
    locals_scope = Scope([(n,) for n in METHOD_LOCALS])
    field_scope = Scope()
    params, optional = [], []
    signature = [Code("ctx context.Context")]
    call_args = [Code("ctx")]
    described = []
    for p in op.parameters:
        go_type = types.type_name(p.type)
        common = dict(wire=literal(p.wire), location=Code(p.location.value), style=literal(p.style),
                      explode=Code("true" if p.explode else "false"))
        if p.required:
            local = _member(locals_scope, unexported(p.words), METHOD_LOCALS)
            params.append(ParamView(local, local, type=go_type, doc=Code(""), **common))
            signature.append(code("{} {}", local, go_type))
            call_args.append(local)
            if p.description:
                described.append(f"{local}: {p.description.strip()}")
        else:
            field = _unique(field_scope, member_name(p.words))
            field_type = go_type if go_type.startswith(_NILABLE) else code("*{}", go_type)
            view = ParamView(field, code("params.{}", field), type=field_type, doc=doc(p.description, "\t"),
                             **common)
            optional.append(view)
            params.append(view)
    body_kind, media_type, parts = None, Code('""'), Code("nil")
    if op.body is not None:
        body_kind = Code(op.body.kind.value)
        media_type = literal(_media_type(op.body))
        body_type = {ir.BodyKind.BINARY: Code("io.Reader"), ir.BodyKind.TEXT: Code("string")}.get(
            op.body.kind) or types.type_name(op.body.type)
        signature.append(code("body {}", body_type))
        call_args.append(Code("body"))
        if op.body.kind is ir.BodyKind.MULTIPART:
            parts = _multipart_parts(op.body.type, types)
    if params_name:
        signature.append(code("params *{}", params_name))
        call_args.append(Code("params"))
    signature.append(Code("options ...CallOption"))
    call_args.append(Code("options..."))
    errors = [code("{{{}, decodeError[{}], {}}}", literal(r.status), types.type_name(r.type),
                   literal(_error_message_key(r, types)))
              for r in op.errors if r.kind is ir.BodyKind.JSON and r.type is not None]
    errors_expr = code("[]errorCase{{{}}}", _join(errors)) if errors else Code("nil")
    text = " ".join(t for t in (op.summary, op.description) if t)
    flavors = [_flavor(op)] + (["binary stream"] if len(names) > 1 else [])
    how = {"call": "", "pager": "It returns a Pager that fetches each page when asked for it.",
           "poller": "It sends the request that starts the operation and returns a Poller that follows it.",
           "stream": "It returns the answer as a stream that reads each item as it arrives; close it.",
           "binary stream": "It returns the answer's body as it arrives; close it."}
    views = []
    for index, (name, flavor) in enumerate(zip(names, flavors)):
        returns, result_type, kind, decode = _result(op, flavor, types, errors_expr)
        summary = " ".join(t for t in (f"{name} calls {op.method} {op.path}.", how[flavor], text) if t)
        views.append(OperationView(
            name=name,
            method=literal(op.method),
            path=literal(op.path),
            http_text=markdown_code(f"{op.method} {op.path}"),
            doc=doc("\n".join([summary] + described)),
            signature=_join(signature),
            returns=returns,
            returns_markdown=markdown_code(returns),
            result_type=result_type,
            result_kind=Code(kind),
            params=tuple(params),
            optional=tuple(optional),
            params_struct=params_name,
            params_doc=doc(f"{params_name} holds the optional parameters of {names[0]}; nil fields are not sent.")
            if params_name and index == 0 else Code(""),
            body_kind=body_kind,
            body_media_type=media_type,
            body_parts=parts,
            errors_expr=errors_expr,
            call_args=_join(call_args),
            request_args=_join([literal(op.method), literal(op.path), literal(op.operation_id), literal(op.accept),
                                _auth(op.credential)]),
            decode=decode,
        ))
    return views


def _method_names(api: ir.ApiSpec, op_scope: Scope) -> list[list[Code]]:
    """Per operation, the names of its methods, unique among Client's methods: first every name the spec gives
    (an operation's own, as it is), then the names made from them (Begin<Op>, <Op>Stream), so a made name never
    takes a name the spec gave another operation: it gets a number instead."""
    reserved = CLIENT_METHODS + STD_METHODS
    given = [None if op.long_running else _member(op_scope, exported(op.words), reserved) for op in api.operations]
    names = []
    for op, name in zip(api.operations, given):
        if name is None:
            names.append([_member(op_scope, exported(("begin",) + op.words), reserved)])
        elif _has_binary_stream(op):
            names.append([name, _member(op_scope, exported(op.words + ("stream",)), reserved)])
        else:
            names.append([name])
    return names


def _params_name(op: ir.Operation, type_scope: Scope) -> Code | None:
    """<Operation>Params, the struct of an operation's optional parameters (None when it has none), named after
    the operation (not its Begin method), unique among the package's types."""
    if not any(not p.required for p in op.parameters):
        return None
    reserved = {key((r,)) for r in CLIENT_METHODS + STD_METHODS}
    name = exported(op.words)
    return _unique(type_scope, code("{}ValueParams" if key((name,)) in reserved else "{}Params", name))


def _auth(scheme: ir.SecurityScheme | None) -> Code:
    """The runtime's authScheme for where a credential goes (nil: nowhere), as a Go expression."""
    if scheme is None:
        return Code("nil")
    form = scheme.form
    return code("&authScheme{{{}, {}, {}}}", literal(scheme.location.value), literal(scheme.param_name),
                literal(form))


def _example_args(op: ir.Operation, view: OperationView, types: Types, package: Code) -> Code:
    """The README's example call's arguments after ctx: a placeholder per required parameter and the body, nil
    for the params struct."""
    args = [Code("ctx")] + [types.example(p.type, package) for p in op.parameters if p.required]
    if op.body is not None:
        args.append({ir.BodyKind.BINARY: Code('strings.NewReader("...")'), ir.BodyKind.TEXT: Code('"..."')}.get(
            op.body.kind) or types.example(op.body.type, package))
    if view.params_struct:
        args.append(Code("nil"))
    return _join(args)


def _group_views(api: ir.ApiSpec, methods: list[list[OperationView]], op_scope: Scope,
                 type_scope: Scope) -> list[GroupView]:
    """Per tag, a type <Tag>Operations (package scope: unique against models, constants, params structs and the
    runtime's names) and an accessor method of Client (unique against Client's methods and the operations).
    Called after every other name is settled, so groups never rename anything."""
    by_words = {op.words: views for op, views in zip(api.operations, methods)}
    groups = []
    for group in api.groups:
        accessor = _member(op_scope, exported(group.words or ("operations",)), CLIENT_METHODS + STD_METHODS)
        type_name = _unique(type_scope, exported((group.words or ("tag",)) + ("Operations",)))
        description = group.description or ""
        groups.append(GroupView(
            accessor=accessor,
            type_name=type_name,
            doc=doc(f"{type_name} holds the operations tagged {literal(group.tag)}, reached with "
                    f"Client.{accessor}(): the same methods as Client's, sending the same requests. "
                    f"{description}".strip()),
            accessor_doc=doc(f"{accessor} returns the operations tagged {literal(group.tag)}."),
            operations=tuple(view for words in group.operations for view in by_words[words]),
        ))
    return groups


@dataclass(frozen=True)
class ExampleCall:
    """A method the README's program of pages, long-running operations and streams calls."""
    name: Code
    args: Code  # after the receiver: ctx, a placeholder per required parameter and the body, nil for the params


@dataclass(frozen=True)
class FlowExamples:
    """The README's program of pages, long-running operations and streams: the first method of each kind."""
    pager: ExampleCall | None
    poller: ExampleCall | None
    events: ExampleCall | None
    lines: ExampleCall | None
    download: ExampleCall | None  # a binary answer read as a stream

    @property
    def any(self) -> bool:
        return any((self.pager, self.poller, self.events, self.lines, self.download))


def _flow_examples(api: ir.ApiSpec, methods: list[list[OperationView]], types: Types, package: Code) -> FlowExamples:
    found: dict[str, ExampleCall] = {}
    for op, views in zip(api.operations, methods):
        flavor = _flavor(op)
        kind = {"stream": "events" if op.stream is ir.StreamKind.SSE else "lines"}.get(flavor, flavor)
        if len(views) > 1:
            kind, view = "download", views[1]
        else:
            view = views[0]
        if kind != "call" and kind not in found:
            found[kind] = ExampleCall(view.name, _example_args(op, view, types, package))
    return FlowExamples(*(found.get(k) for k in ("pager", "poller", "events", "lines", "download")))


def _flow_imports(flows: FlowExamples) -> list[str]:
    """The imports of the README's program of pages, long-running operations and streams ([] when it has none)."""
    if not flows.any:
        return []
    printing = flows.pager or flows.poller or flows.events or flows.lines
    names = ["context", "log"] + (["fmt"] if printing else []) + (["errors"] if flows.poller else []) + (
        ["io", "os"] if flows.download else [])
    args = " ".join(call.args for call in (flows.pager, flows.poller, flows.events, flows.lines, flows.download)
                    if call is not None)
    return names + (["strings"] if "strings.NewReader" in args else []) + (["time"] if "time.Now()" in args else [])


def _model_types(api: ir.ApiSpec) -> list[ir.TypeRef | None]:
    """Every type models.go spells: fields, extra properties, union variants."""
    found: list[ir.TypeRef | None] = []
    for m in api.models:
        if isinstance(m, ir.ObjectModel):
            found += [f.type for f in m.fields] + [m.additional]
        elif isinstance(m, ir.UnionModel):
            found += [v.type for v in m.variants]
    return found


def _imports(*names: str) -> tuple[Code, ...]:
    """Import paths (clientgen's constants), sorted as gofmt keeps them, each as a string literal."""
    return tuple(literal(name) for name in sorted(set(names)))


# ---- the manifest ----------------------------------------------------------------------------------------------
# The runtime's own files that no SDK gets: its tests, and sdkinfo.go, its test values of what the SDK's
# sdkinfo.go (templates/go/sdkinfo.go.j2) says.
_RUNTIME_ONLY = re.compile(r".*_test\.go|sdkinfo\.go")


def runtime_sources() -> list[str]:
    """The runtime's source files every SDK gets, as they are named in runtime/go/ and in the SDK."""
    return sorted(path.name for path in (runtimes_root() / NAME).glob("*.go")
                  if not _RUNTIME_ONLY.fullmatch(path.name))


def package_warnings(options: Options) -> list[Diagnostic]:
    """The module path's default, example.com/<name>, is no place anyone can fetch the module from."""
    if options.go_module is None or options.go_module.startswith("example.com/"):
        return [unpublishable("go-module", "the Go module path is example.com/..., which `go get` cannot fetch")]
    return []


def _package_doc(options: Options) -> str:
    """What go.mod has no room for, in the package documentation: licence, authors, homepage and repository."""
    meta = options.metadata
    parts = [("License", meta.license), ("Authors", ", ".join(meta.authors)), ("Homepage", meta.homepage),
             ("Repository", meta.repository)]
    return ". ".join(f"{name}: {value}" for name, value in parts if value)


def files(api: ir.ApiSpec, options: Options) -> list[OutputFile | RuntimeFile]:
    distribution, module, package = package_names(options, api)
    type_scope = Scope([(n,) for n in RUNTIME_NAMES])
    types = Types(api, type_scope)
    op_scope = Scope([(n,) for n in CLIENT_METHODS + STD_METHODS])
    methods = [_operation_views(op, names, _params_name(op, type_scope), types)
               for op, names in zip(api.operations, _method_names(api, op_scope))]
    operations = [view for views in methods for view in views]
    constants = type_scope  # enum constants share the package scope with the types
    models = [_model_view(m, types, constants) for m in api.models]
    groups = _group_views(api, methods, op_scope, type_scope)
    models_time = any(types.uses_time(t) for t in _model_types(api))
    models_json = any(isinstance(m, ir.UnionModel) for m in api.models)
    client_imports = ["context", "net/http"]
    if any(op.body_kind == "binary" or "io." in op.returns for op in operations):
        client_imports.append("io")
    if any("time.Time" in op.signature or "time.Time" in (op.result_type or "") or
           any("time.Time" in p.type for p in op.optional) for op in operations):
        client_imports.append("time")
    calls = [(op, views[0]) for op, views in zip(api.operations, methods) if _flavor(op) == "call"]
    example = calls[0][1] if calls else None
    example_args = _example_args(calls[0][0], example, types, package) if calls else Code("")
    readme_imports = ["context", "fmt", "log"] + (["errors"] if example else [])
    if "strings.NewReader" in example_args:
        readme_imports.append("strings")
    if "time.Now()" in example_args:
        readme_imports.append("time")
    # The README's second program: the example call (else a raw Send) with per-call options.
    if example is None:
        more_call, more_result = Code('client.Send(ctx, "GET", "/", nil, nil'), True
    else:
        more_call, more_result = code("client.{}({}", example.name, example_args), example.result_type is not None
    more_imports = ["context", "fmt", "log", "log/slog", "net/http", "os", "time"]
    if "strings.NewReader" in example_args:
        more_imports.append("strings")
    flows = _flow_examples(api, methods, types, package)
    context = {
        "title_markdown": markdown_text(api.title),
        "version_markdown": markdown_text(api.version),
        "title_doc": doc(f"Package {package} is a client for {api.title}."),
        "description_doc": doc(options.metadata.description or api.description),
        "package_doc": doc(_package_doc(options)),
        "distribution": distribution,
        "distribution_markdown": markdown_text(distribution),
        "module": module,
        "module_literal": literal(module),
        "package": package,
        "sdk_name_literal": literal(distribution),
        "sdk_version_literal": literal(options.sdk_version),
        "clientgen_version": Code(__version__),
        "clientgen_version_literal": literal(__version__),
        "base_url": literal(api.base_url or ""),
        "base_url_markdown": markdown_text(api.base_url or "none: pass one to NewClient"),
        "raw_send_auth": _auth(api.credential_scheme),
        "models": models,
        "shapes": [types.model_shape(m) for m in _union_reach(api)],
        "models_imports": _imports(*(["time"] if models_time else []), *(["encoding/json"] if models_json else [])),
        "operations": operations,
        "groups": groups,
        "client_imports": _imports(*client_imports),
        "example": example,
        "example_args": example_args,
        "readme_imports": _imports(*readme_imports),
        "more_call": more_call,
        "more_result": more_result,
        "more_imports": _imports(*more_imports),
        "base_url_example": Code('""') if api.base_url else Code('"https://your-service.example.com"'),
        "flows": flows,
        "flow_imports": _imports(*_flow_imports(flows)),
        "go_directive": Code("1.23"),
    }
    return [
        OutputFile("go.mod.j2", "go.mod", context),
        OutputFile("README.md.j2", "README.md", context),
        OutputFile("doc.go.j2", "doc.go", context),
        OutputFile("models.go.j2", "models.go", context),
        OutputFile("client.go.j2", "client.go", context),
        OutputFile("sdkinfo.go.j2", "sdkinfo.go", context),
    ] + [RuntimeFile(source, source, {"clientgenruntime": package}) for source in runtime_sources()]


FILTERS = {"literal": literal, "doc": doc, "comment": comment, "markdown": markdown_text}


def format_files(texts: dict[str, str]) -> dict[str, str]:
    """The templates emit gofmt-formatted Go; nothing runs here, so output never depends on the PATH."""
    return texts

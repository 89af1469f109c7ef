"""The Java target: naming, type mapping, literals and the file manifest of a Java 11+ SDK.

The SDK is a Maven project (pom.xml) with the client, its errors and the HTTP runtime in `<package>` (on
java.net.http.HttpClient and Jackson) and one class per model in `<package>.model`. Every decision about Java
text (identifiers, types, imports, literals, Javadoc) is made here; the templates only lay it out.

"Explicitly null" versus "unset" (nullable optional fields): a model remembers, per such field, whether its
setter was called; a setter called with null sends JSON null, a field never set is left out. That one
mechanism lives in the model template (a private JSON accessor per nullable optional field; `isXSet()` tells).

Unions (oneOf/anyOf) are final classes holding the raw JsonNode (serialised back exactly, so an unknown shape is
never lost), with per variant a factory `fromX(value)` and a reader `asX()` that returns null when the JSON shape
does not fit or the discriminator names another variant. Multipart bodies are encoded by the runtime from the
body model's JSON tree: binary nodes (byte[] fields) as file parts, text as text parts, the rest as JSON parts.
"""

from __future__ import annotations

import dataclasses
import platform
import re
from dataclasses import dataclass

from .. import __version__, ir
from ..config import Options
from ..naming import Scope, Words, camel, pascal, screaming_snake, split_words
from ..render import OutputFile

NAME = "java"

KEYWORDS = frozenset("""
abstract assert boolean break byte case catch char class const continue default do double else enum extends
final finally float for goto if implements import instanceof int interface long native new package private
protected public return short static strictfp super switch synchronized this throw throws transient try void
volatile while true false null _ var yield record sealed permits module exports requires open opens to uses
provides with transitive non
""".split())

# Names a model class must not take: java.lang types the generated code names, the types it imports, and the
# runtime's own classes (models are imported on demand into the client, where these would win or clash).
# (Models are imported into the client one by one, which shadows java.lang, so only the java.lang types that
# generated code itself names are reserved: a model named Record stays Record.)
_JAVA_LANG = frozenset("""
Object String Integer Long Double Float Boolean Byte Short Character Number Void Class Enum Override Deprecated
SuppressWarnings FunctionalInterface Exception RuntimeException Error Throwable Iterable Comparable StringBuilder
CharSequence
""".split())
MODEL_IMPORTS = (
    "com.fasterxml.jackson.annotation.JsonAnyGetter",
    "com.fasterxml.jackson.annotation.JsonAnySetter",
    "com.fasterxml.jackson.annotation.JsonAutoDetect",
    "com.fasterxml.jackson.annotation.JsonCreator",
    "com.fasterxml.jackson.annotation.JsonIgnoreProperties",
    "com.fasterxml.jackson.annotation.JsonInclude",
    "com.fasterxml.jackson.annotation.JsonProperty",
    "com.fasterxml.jackson.annotation.JsonPropertyOrder",
    "com.fasterxml.jackson.annotation.JsonValue",
    "com.fasterxml.jackson.databind.node.NullNode",
    "java.time.LocalDate",
    "java.time.OffsetDateTime",
    "java.util.Arrays",
    "java.util.LinkedHashMap",
    "java.util.List",
    "java.util.Map",
    "java.util.Objects",
    "java.util.UUID",
)
CLIENT_IMPORTS = (
    "com.fasterxml.jackson.core.type.TypeReference",
    "com.fasterxml.jackson.databind.ObjectMapper",
    "java.io.IOException",
    "java.io.InputStream",
    "java.io.UncheckedIOException",
    "java.time.Duration",
    "java.time.LocalDate",
    "java.time.OffsetDateTime",
    "java.util.LinkedHashMap",
    "java.util.List",
    "java.util.Map",
    "java.util.Objects",
    "java.util.UUID",
    "java.util.concurrent.CompletableFuture",
    "javax.net.ssl.SSLContext",
)
RUNTIME_CLASSES = ("Client", "Builder", "ApiException", "ClientException", "TransportException",
                   "RequestTimeoutException", "ResponseDecodeException", "TokenProvider", "AccessToken",
                   "RawResponse", "ApiRuntime")
# What a union class imports besides MODEL_IMPORTS (its names are reserved too).
UNION_IMPORTS = (
    "com.fasterxml.jackson.core.type.TypeReference",
    "com.fasterxml.jackson.databind.JsonNode",
    "com.fasterxml.jackson.databind.ObjectMapper",
)
RESERVED_TYPES = (_JAVA_LANG | {name.rsplit(".", 1)[1] for name in MODEL_IMPORTS + CLIENT_IMPORTS + UNION_IMPORTS}
                  | frozenset(RUNTIME_CLASSES))
# Methods every object has: a generated method must not take these names.
_OBJECT_METHODS = ("equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait", "clone", "finalize")
_CLIENT_METHODS = _OBJECT_METHODS + ("builder", "send", "sendAsync", "getBaseUrl", "objectMapper")

_PRIMS = {
    ir.PrimKind.STRING: "String",
    ir.PrimKind.INT32: "Integer",
    ir.PrimKind.INT64: "Long",
    ir.PrimKind.FLOAT: "Float",
    ir.PrimKind.DOUBLE: "Double",
    ir.PrimKind.BOOL: "Boolean",
    ir.PrimKind.DATE: "LocalDate",
    ir.PrimKind.DATETIME: "OffsetDateTime",
    ir.PrimKind.UUID: "UUID",
    ir.PrimKind.BYTES: "byte[]",
    ir.PrimKind.BINARY: "byte[]",
    ir.PrimKind.ANY: "Object",
}


# ---- names ---------------------------------------------------------------------------------------------------
def identifier(text: str, prefix: str = "n") -> str:
    """A joined name -> a legal Java identifier: never empty, never starting with a digit."""
    if not text:
        return prefix + "Value" if prefix.islower() else prefix + "VALUE"
    if not (text[0].isalpha() or text[0] == "_"):
        text = prefix + text
    return text


def member_name(words: Words) -> str:
    """camelCase field, parameter and method names; keywords and literals get a trailing underscore."""
    name = identifier(camel(words), "n")
    return name + "_" if name in KEYWORDS else name


def class_name(words: Words) -> str:
    """PascalCase type names; names of java.lang, imported and runtime types get a 'Model' suffix."""
    name = identifier(pascal(words), "N")
    return name + "Model" if name in RESERVED_TYPES else name


def constant_name(words: Words) -> str:
    return identifier(screaming_snake(words), "N")  # upper case: never a Java keyword


def package_name(options: Options, api: ir.ApiSpec) -> tuple[str, str, str]:
    """(artifactId, groupId, Java package).

    'azml-client' -> ('azml-client', 'com.example', 'com.example.azmlclient'); --java-package wins for the package.
    """
    words = split_words(options.package_name) if options.package_name else split_words(api.title) + ("client",)
    words = words or ("api", "client")
    artifact = options.package_name or "-".join(w.lower() for w in words)
    if options.java_package:
        package = options.java_package
        segments = [s + "_" if s in KEYWORDS else s for s in package.split(".")]
        package = ".".join(segments)
        group = package.rsplit(".", 1)[0] if "." in package else package
    else:
        last = "".join(w.lower() for w in words)
        last = identifier(last, "n")
        package = "com.example." + (last + "_" if last in KEYWORDS else last)
        group = "com.example"
    return artifact, group, package


# ---- literals and doc text -----------------------------------------------------------------------------------
def _escape_char(char: str) -> str:
    code = ord(char)
    if char == "\\":
        return "\\\\"
    if char == '"':
        return '\\"'
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    if char == "\r":
        return "\\r"
    if 0x20 <= code < 0x7F:
        return char
    if code > 0xFFFF:  # a UTF-16 surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def string_literal(text: str) -> str:
    """A Java string literal in pure ASCII: quotes, backslashes (so no \\u escape survives), controls escaped."""
    return '"' + "".join(_escape_char(c) for c in str(text)) + '"'


def literal(value: object) -> str:
    """A Java literal for a JSON scalar from the spec (null, boolean, long, double, String)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value}L" if not -(2**31) <= value < 2**31 else str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return {"nan": "Double.NaN", "inf": "Double.POSITIVE_INFINITY"}.get(repr(value), "Double.NEGATIVE_INFINITY")
        return repr(value)
    return string_literal(str(value))


def doc(text: str) -> str:
    """Spec text made safe inside a Javadoc comment: it cannot close the comment, start a tag or a unicode escape.

    HTML specials become entities, '@' becomes &#64; (no block or inline tags), '/' after '*' cannot close the
    comment (*&#47;), and every backslash becomes &#92; (javac reads \\uXXXX even in comments).
    """
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(c if c.isprintable() or c == "\n" else " " for c in text)
    text = (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
            .replace("\\", "&#92;").replace("*/", "*&#47;"))
    while "*/" in text:
        text = text.replace("*/", "*&#47;")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def javadoc(text: str, indent: int = 0) -> str:
    """A whole Javadoc block for spec text (empty text: no block), indented by `indent` spaces."""
    body = doc(text)
    if not body:
        return ""
    pad = " " * indent
    lines = [pad + "/**"] + [(pad + " * " + line).rstrip() for line in body.split("\n")] + [pad + " */"]
    return "\n".join(lines)


def comment(text: str) -> str:
    """Spec text on one line of a // comment or a Markdown cell: no line breaks, no unicode escapes."""
    return " ".join(str(text).replace("\\", "\\\\").split())  # doubled: never a \\uXXXX escape


def xml(text: str) -> str:
    """Text inside an XML element of pom.xml."""
    return " ".join(str(text).split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---- types ---------------------------------------------------------------------------------------------------
class Types:
    """Java types for IR types, knowing the API's model names."""

    def __init__(self, api: ir.ApiSpec):
        scope = Scope([(n,) for n in RESERVED_TYPES])
        self.names = {model.name: scope.unique(class_name(model.words)) for model in api.models}
        self.kinds = {m.name: m for m in api.models}

    def java(self, t: ir.TypeRef) -> str:
        """The (boxed, where it matters) Java type of a value: fields, parameters, collections' items."""
        if isinstance(t, ir.Prim):
            return _PRIMS[t.kind]
        if isinstance(t, ir.Array):
            return f"List<{self.java(t.item)}>"
        if isinstance(t, ir.Map):
            return f"Map<String, {self.java(t.value)}>"
        if isinstance(t, ir.Named) and t.name in self.names:
            return self.names[t.name]
        return "Object"  # a shape this target does not type yet: any JSON value

    def type_ref(self, t: ir.TypeRef) -> str:
        """A Jackson TypeReference expression that keeps generic types."""
        return f"new TypeReference<{self.java(t)}>() {{ }}"


def _is_bytes(t: ir.TypeRef) -> bool:
    return isinstance(t, ir.Prim) and t.kind in (ir.PrimKind.BYTES, ir.PrimKind.BINARY)


# ---- views the templates lay out -----------------------------------------------------------------------------
@dataclass(frozen=True)
class FieldView:
    name: str  # the private field and the fluent setter
    getter: str
    wire: str  # a Java string literal
    type: str
    required: bool
    tracked: bool  # nullable and optional: remembers whether it was set, so null can be sent
    set_flag: str  # the boolean field that remembers it (tracked fields)
    json_accessor: str  # the private accessor pair Jackson uses (tracked fields)
    is_set: str  # the public "was it set (maybe to null)?" method (tracked fields)
    javadoc: str  # indented 4
    equals: str  # expression comparing this and `other`
    hash: str  # expression for hashCode's Objects.hash arguments
    show: str  # expression for toString


@dataclass(frozen=True)
class ModelView:
    name: str
    javadoc: str
    fields: tuple[FieldView, ...]
    extra_type: str | None  # additionalProperties' value type
    extra_map_type: str  # Map<String, extra_type>
    extra_name: str
    extra_getter: str
    extra_putter: str
    wire_order: str  # the literals of @JsonPropertyOrder
    enum_type: str | None  # String, Integer or Long for enums
    members: tuple[tuple[str, str], ...]  # enum constants: (NAME, literal)
    unknown: str  # the enum constant for values the spec does not list
    kind: str = "object"  # object, enum, union
    variants: tuple[VariantView, ...] = ()  # union variants, in the spec's order
    discriminator: str = ""  # a literal: the discriminator's wire name ("" for none)
    mapping: tuple[tuple[str, int], ...] = ()  # (value literal, variant index)
    imports: tuple[str, ...] = ()  # what the model's file imports: only what it uses (see _model_imports)


@dataclass(frozen=True)
class VariantView:
    """One shape of a union: made by from<Name>(value), read by as<Name>() (null when the value is not it)."""

    name: str  # PascalCase suffix of fromX / asX
    type: str
    type_ref: str  # TypeReference expression
    fits: str  # a boolean expression on the JsonNode `raw`: may the value be this shape?


@dataclass(frozen=True)
class ParamView:
    name: str
    wire: str  # literal
    location: str  # path, query, header, cookie
    type: str
    required: bool
    style: str  # literal
    explode: str  # true/false
    doc: str  # escaped text for @param


@dataclass(frozen=True)
class BodyView:
    name: str
    type: str
    kind: str  # json, binary, text, form
    media_type: str  # literal
    required: bool
    doc: str


@dataclass(frozen=True)
class OperationView:
    name: str
    async_name: str
    method: str  # literal
    path: str  # literal
    javadoc_lines: tuple[str, ...]  # escaped lines of the summary/description
    args: tuple[ParamView | BodyView, ...]  # in signature order: required params, body, optional params
    short_args: tuple[ParamView | BodyView, ...] | None  # the overload without optional params, if any
    params: tuple[ParamView, ...]
    body: BodyView | None
    returns: str  # sync return type ("void" for none)
    async_returns: str  # CompletableFuture<...>
    stream_params: tuple[tuple[str, str], ...]  # (type, name) of the InputStream overload of a binary body
    stream_call: tuple[str, ...]  # the arguments it passes on
    result_kind: str  # none, json, string, binary, text
    result_type_ref: str  # TypeReference expression for json
    errors: tuple[tuple[str, str], ...]  # (status literal, TypeReference expression)
    deprecated: bool
    http: str  # "METHOD /path" for the README, one safe line


def _field_view(f: ir.Field, types: Types, fields: Scope, methods: Scope, name: str) -> FieldView:
    jtype = types.java(f.type)
    tracked = f.nullable and not f.required
    getter = methods.unique("get" + name[:1].upper() + name[1:].rstrip("_"))
    text = f.description
    if f.default is not ir.NO_DEFAULT and not isinstance(f.default, (list, dict)):
        text = f"{text}\n\nThe service's default: {f.default!r}".strip()
    if f.required:
        text = f"{text}\n\nRequired.".strip()
    if tracked:
        text = f"{text}\n\nNullable: setting null sends JSON null; a field never set is left out.".strip()
    compare = f"Arrays.equals(this.{name}, other.{name})" if _is_bytes(f.type) else \
        f"Objects.equals(this.{name}, other.{name})"
    hashed = f"Arrays.hashCode({name})" if _is_bytes(f.type) else name
    set_flag = fields.unique(name.rstrip("_") + "Set") if tracked else ""
    accessor = methods.unique("json" + name[:1].upper() + name[1:].rstrip("_")) if tracked else ""
    is_set = methods.unique("is" + name[:1].upper() + name[1:].rstrip("_") + "Set") if tracked else ""
    if tracked:
        compare += f" && this.{set_flag} == other.{set_flag}"
        hashed += f", {set_flag}"
    return FieldView(name, getter, string_literal(f.wire), jtype, f.required, tracked, set_flag, accessor, is_set,
                     javadoc(text, 4), compare, hashed,
                     f"Arrays.toString({name})" if _is_bytes(f.type) else name)


def _shape_check(t: ir.TypeRef, types: Types) -> str:
    """A Java boolean expression on the JsonNode `raw`: whether the JSON value can be of type t. Jackson would
    coerce scalars (2.5 read as the String "2.5"), so a union reads a variant only when the JSON shape fits."""
    if isinstance(t, ir.Prim):
        return {
            ir.PrimKind.INT32: "raw.isIntegralNumber() && raw.canConvertToInt()",
            ir.PrimKind.INT64: "raw.isIntegralNumber() && raw.canConvertToLong()",
            ir.PrimKind.FLOAT: "raw.isNumber()",
            ir.PrimKind.DOUBLE: "raw.isNumber()",
            ir.PrimKind.BOOL: "raw.isBoolean()",
            ir.PrimKind.ANY: "!raw.isMissingNode()",
        }.get(t.kind, "raw.isTextual()")
    if isinstance(t, ir.Array):
        return "raw.isArray()"
    if isinstance(t, ir.Map):
        return "raw.isObject()"
    model = types.kinds.get(t.name) if isinstance(t, ir.Named) else None
    if isinstance(model, ir.EnumModel):
        return "raw.isTextual()" if model.base is ir.PrimKind.STRING else "raw.isIntegralNumber()"
    if isinstance(model, ir.ObjectModel):
        return "raw.isObject()"
    return "!raw.isMissingNode()"


def _clean(words: Words) -> Words:
    """Words split again, so that each is letters and digits only (whatever the IR handed over)."""
    return tuple(part for word in words for part in split_words(word))


def _union_view(model: ir.UnionModel, types: Types) -> ModelView:
    name = types.names[model.name]
    scope = Scope()
    variants = tuple(VariantView(scope.unique(identifier(pascal(_clean(v.words)), "N"), "_"), types.java(v.type),
                                 types.type_ref(v.type), _shape_check(v.type, types))
                     for v in model.variants)
    mapping: dict[str, int] = {}
    for value, index in model.mapping:  # Map.ofEntries refuses a key twice: the first mapping wins
        mapping.setdefault(value, index)
    return ModelView(name, javadoc(model.description), (), None, "", "", "", "", "", None, (), "", "union", variants,
                     string_literal(model.discriminator) if model.discriminator else "",
                     tuple((string_literal(value), index) for value, index in mapping.items()))


def _model_view(model: ir.Model, types: Types) -> ModelView:
    if isinstance(model, ir.UnionModel):
        return _union_view(model, types)
    name = types.names[model.name]
    if isinstance(model, ir.EnumModel):
        scope = Scope([("UNKNOWN",)])
        members = tuple((scope.unique(constant_name(v.words), "_"), _enum_literal(v.value, model.base))
                        for v in model.values)
        enum_type = {ir.PrimKind.INT32: "Integer", ir.PrimKind.INT64: "Long"}.get(model.base, "String")
        return ModelView(name, javadoc(model.description), (), None, "", "", "", "", "", enum_type, members,
                         "UNKNOWN", "enum")
    fields = Scope([(m,) for m in _OBJECT_METHODS])
    methods = Scope([(m,) for m in _OBJECT_METHODS])
    names = [fields.unique(member_name(f.words)) for f in model.fields]
    for n in names:
        methods.unique(n)
    views = tuple(_field_view(f, types, fields, methods, n) for f, n in zip(model.fields, names))
    extra_type = extra_name = extra_getter = extra_putter = ""
    if model.additional is not None:
        extra_type = types.java(model.additional)
        extra_name = fields.unique("additionalProperties")
        extra_getter = methods.unique("getAdditionalProperties")
        extra_putter = methods.unique("putAdditionalProperty")
    order = ", ".join(v.wire for v in views)
    return ModelView(name, javadoc(model.description), views, extra_type or None, f"Map<String, {extra_type}>",
                     extra_name, extra_getter, extra_putter, order, None, (), "")


def _enum_literal(value: str | int, base: ir.PrimKind) -> str:
    if base is ir.PrimKind.INT64:
        return f"{int(value)}L"
    if base is ir.PrimKind.INT32:
        return str(int(value))
    return string_literal(str(value))


_IMPORTS = {name.rsplit(".", 1)[1]: name for name in MODEL_IMPORTS + UNION_IMPORTS}
_ANNOTATIONS = {
    "object": ("JsonAutoDetect", "JsonIgnoreProperties", "JsonInclude", "JsonPropertyOrder", "Objects"),
    "enum": ("JsonCreator", "JsonValue", "Objects"),
    "union": ("JsonCreator", "JsonValue", "JsonNode", "NullNode", "ObjectMapper"),
}


def _model_imports(view: ModelView) -> tuple[str, ...]:
    """The imports of a model's file: the fixed ones its template uses for its kind, plus every imported type
    named by its Java type strings and expressions (models of the same package need none; model names never
    equal an imported type's simple name, see RESERVED_TYPES)."""
    used = set(_ANNOTATIONS[view.kind])
    code = [f.type for f in view.fields] + [f.equals for f in view.fields] + [f.hash for f in view.fields]
    code += [f.show for f in view.fields] + [v.type for v in view.variants] + [v.type_ref for v in view.variants]
    if view.fields:
        used.add("JsonProperty")
    if any(f.tracked for f in view.fields):
        used.add("NullNode")
    if view.extra_type:
        used.update(("JsonAnyGetter", "JsonAnySetter", "LinkedHashMap"))
        code.append(view.extra_map_type)
    if view.discriminator:
        used.add("Map")
    for text in code:
        used.update(re.findall(r"\b[A-Z][A-Za-z0-9_]*\b", text))
    return tuple(sorted(_IMPORTS[name] for name in used if name in _IMPORTS))


_DEFAULT_MEDIA = {ir.BodyKind.JSON: "application/json", ir.BodyKind.TEXT: "text/plain",
                  ir.BodyKind.FORM: "application/x-www-form-urlencoded", ir.BodyKind.MULTIPART: "multipart/form-data"}


def _operation_view(op: ir.Operation, types: Types, methods: Scope) -> OperationView:
    scope = Scope([("request",), ("body",), ("errors",), ("response",)])  # the method body's own names
    params = []
    for p in op.parameters:
        params.append(ParamView(scope.unique(member_name(p.words)), string_literal(p.wire), p.location.value,
                                types.java(p.type), p.required, string_literal(p.style),
                                "true" if p.explode else "false",
                                doc(p.description or f"the {p.wire} parameter").replace("\n", " ")))
    body = None
    if op.body is not None:
        kind = op.body.kind
        jtype = {ir.BodyKind.BINARY: "byte[]", ir.BodyKind.TEXT: "String"}.get(kind, types.java(op.body.type))
        media_type = op.body.media_type if "*" not in op.body.media_type else \
            _DEFAULT_MEDIA.get(kind, "application/octet-stream")
        body = BodyView("body", jtype, kind.value, string_literal(media_type), op.body.required,
                        doc(op.body.description or "the request body").replace("\n", " "))
    required = tuple(p for p in params if p.required)
    optional = tuple(p for p in params if not p.required)
    args: tuple[ParamView | BodyView, ...] = required + ((body,) if body else ()) + optional
    short = (required + ((body,) if body else ())) if optional else None
    success = op.success
    if success is None or success.type is None:
        returns, boxed, result_kind, ref = "void", "Void", "none", ""
    elif success.kind is ir.BodyKind.BINARY:
        returns, boxed, result_kind, ref = "byte[]", "byte[]", "binary", ""
    elif success.kind is ir.BodyKind.TEXT:
        returns, boxed, result_kind, ref = "String", "String", "text", ""
    elif success.type == ir.Prim(ir.PrimKind.STRING):
        returns, boxed, result_kind, ref = "String", "String", "string", ""
    else:
        returns = boxed = types.java(success.type)
        result_kind, ref = "json", types.type_ref(success.type)
    errors = tuple((string_literal(r.status), types.type_ref(r.type)) for r in op.errors
                   if r.kind is ir.BodyKind.JSON and r.type is not None)
    text = "\n\n".join(t for t in (op.summary, op.description) if t)
    lines = tuple(doc(text or f"{op.method} {op.path}").split("\n"))
    name = methods.unique(member_name(op.words))
    async_name = methods.unique(name + "Async")
    stream_params: tuple[tuple[str, str], ...] = ()
    stream_call: tuple[str, ...] = ()
    if body is not None and body.kind == "binary":
        stream_params = tuple(("InputStream" if a is body else a.type, a.name) for a in args)
        stream_call = tuple(f"ApiRuntime.readAll({a.name})" if a is body else a.name for a in args)
    return OperationView(name, async_name, string_literal(op.method), string_literal(op.path), lines, args, short,
                         tuple(params), body, returns, f"CompletableFuture<{boxed}>", stream_params, stream_call,
                         result_kind, ref, errors, op.deprecated,
                         comment(f"{op.method} {op.path}").replace("|", "\\|").replace("`", "'"))


@dataclass(frozen=True)
class GroupView:
    """The operations of one tag: a class <Tag>Operations in the client's package holding the same methods as
    the client's (one shared macro renders both), reached with client.<accessor>(); it shares the transport."""

    accessor: str  # client.<accessor>() (also the client's private field holding it)
    class_name: str  # <Tag>Operations
    javadoc_lines: tuple[str, ...]  # escaped lines
    operations: tuple[OperationView, ...]


def _group_views(api: ir.ApiSpec, operations: list[OperationView], types: Types) -> list[GroupView]:
    """Names unique against the client's own members (methods and its `transport` field), the operations'
    methods, and every type the client's file sees (java.lang, imports, runtime classes, models, other groups)."""
    by_words = {op.words: view for op, view in zip(api.operations, operations)}
    accessors = Scope([(m,) for m in _CLIENT_METHODS + ("transport",)]
                      + [(n,) for view in operations for n in (view.name, view.async_name)])
    classes = Scope([(n,) for n in RESERVED_TYPES] + [(n,) for n in types.names.values()])
    groups = []
    for group in api.groups:
        members = tuple(by_words[words] for words in group.operations if words in by_words)
        if not members:
            continue
        text = group.description or f"The operations tagged {group.tag!r}."
        groups.append(GroupView(accessors.unique(member_name(_clean(group.words))),
                                classes.unique(group_class_name(_clean(group.words))),
                                tuple(doc(text).split("\n")), members))
    return groups


def group_class_name(words: Words) -> str:
    return class_name(words + ("Operations",))


_EXAMPLE_IMPORTS = (("List.", "java.util.List"), ("Map.", "java.util.Map"), ("UUID.", "java.util.UUID"),
                    ("LocalDate.", "java.time.LocalDate"), ("OffsetDateTime.", "java.time.OffsetDateTime"))


def _example_value(jtype: str, types: Types) -> str:
    """A value of a Java type for the README's example call."""
    simple = {"String": '"value"', "Integer": "1", "Long": "1L", "Float": "1.0f", "Double": "1.0",
              "Boolean": "true", "byte[]": "new byte[0]", "Object": "null", "LocalDate": "LocalDate.now()",
              "OffsetDateTime": "OffsetDateTime.now()", "UUID": "UUID.randomUUID()"}
    if jtype in simple:
        return simple[jtype]
    if jtype.startswith("List<"):
        return "List.of()"
    if jtype.startswith("Map<"):
        return "Map.of()"
    model = next((m for m in types.kinds.values() if types.names[m.name] == jtype), None)
    if isinstance(model, (ir.EnumModel, ir.UnionModel)):
        return "null"
    return f"new {jtype}()"


# ---- the manifest ----------------------------------------------------------------------------------------------
def files(api: ir.ApiSpec, options: Options) -> list[OutputFile]:
    artifact, group, package = package_name(options, api)
    types = Types(api)
    models = [_model_view(m, types) for m in api.models]
    models = [dataclasses.replace(m, imports=_model_imports(m)) for m in models]
    methods = Scope([(m,) for m in _CLIENT_METHODS])
    operations = [_operation_view(op, types, methods) for op in api.operations]
    groups = _group_views(api, operations, types)
    scheme = api.credential_scheme
    example = next((op for op in operations if not op.deprecated), operations[0] if operations else None)
    example_args = ""
    example_imports: list[str] = []
    if example is not None:
        values = []
        for arg in (example.short_args if example.short_args is not None else example.args):
            value = _example_value(arg.type, types)
            if arg.type in types.names.values() and value.startswith("new "):
                example_imports.append(f"{package}.model.{arg.type}")
            for prefix, name in _EXAMPLE_IMPORTS:
                if value.startswith(prefix):
                    example_imports.append(name)
            values.append(value)
        example_args = ", ".join(values)
    path = package.replace(".", "/")
    context = {
        "api": api,
        "title": comment(api.title),
        "title_doc": doc(api.title),
        "title_xml": xml(api.title),
        "description_doc": doc(api.description),
        "artifact": artifact,
        "group": group,
        "package": package,
        "sdk_version": options.sdk_version,
        "sdk_name_literal": string_literal(artifact),
        "sdk_version_literal": string_literal(options.sdk_version),
        "clientgen_version_literal": string_literal(__version__),
        "clientgen_version": __version__,
        "base_url": literal(api.base_url),
        "base_url_doc": doc(api.base_url) if api.base_url else "none: pass one",
        "auth_name": string_literal(scheme.param_name),
        "auth_prefix": string_literal(scheme.prefix),
        "auth_in_query": "true" if scheme.location is ir.ParamLocation.QUERY else "false",
        "auth_text": doc(f"{scheme.param_name}: {scheme.prefix}<value>"),
        "models": models,
        "operations": operations,
        "groups": groups,
        "example": example,
        "example_args": example_args,
        "example_imports": sorted(set(example_imports)),
        "client_imports": CLIENT_IMPORTS,
        "model_classes": sorted(m.name for m in models),
        "jackson_version": JACKSON_VERSION,
        "generator_python": platform.python_version(),
    }
    out = [
        OutputFile("pom.xml.j2", "pom.xml", context),
        OutputFile("README.md.j2", "README.md", context),
        OutputFile("Client.java.j2", f"src/main/java/{path}/Client.java", context),
        OutputFile("ApiRuntime.java.j2", f"src/main/java/{path}/ApiRuntime.java", context),
    ]
    for error in ("ClientException", "ApiException", "TransportException", "RequestTimeoutException",
                  "ResponseDecodeException", "TokenProvider", "AccessToken", "RawResponse"):
        out.append(OutputFile(f"{error}.java.j2", f"src/main/java/{path}/{error}.java", context))
    for group in groups:
        out.append(OutputFile("Operations.java.j2", f"src/main/java/{path}/{group.class_name}.java",
                              {**context, "group": group}))
    for model in models:
        template = {"enum": "Enum.java.j2", "union": "Union.java.j2"}.get(model.kind, "Model.java.j2")
        out.append(OutputFile(template, f"src/main/java/{path}/model/{model.name}.java", {**context, "model": model}))
    return out


JACKSON_VERSION = "2.21.8"

FILTERS = {"literal": literal, "string": string_literal, "doc": doc, "javadoc": javadoc, "comment": comment,
           "xml": xml}


def format_file(path: str, text: str) -> str:
    """Java output is emitted formatted by the templates; nothing to run."""
    return text

"""The Java target: naming, type mapping, literals, Javadoc and the file manifest of a Java 11+ SDK.

The SDK is a Maven project (pom.xml) with the client, its errors and the HTTP runtime in `<package>` (on
java.net.http.HttpClient and Jackson) and one class per model in `<package>.model`. The runtime is real Java
source in runtime/java/ (unit-tested there with JUnit, tests/test_java_runtime.py), copied into each SDK with only
its package renamed (render.RuntimeFile); what differs per spec sits in SdkInfo.java (SdkInfo.java.j2). Every
decision about the generated Java text (identifiers, types, imports, literals, Javadoc) is made here; the
templates only lay it out.

Everything the templates get is render.Code, made for one place by one function here:

- identifiers (`member_name`, `class_name`, `constant_name`, `package_name`): ASCII letters, digits, '_'
  and the letters naming keeps (naming.is_name_letter: `名前`, `café`), never starting with a digit, at most naming.MAX_NAME characters of
  words; keywords and the reserved literals and contextual words (true, false, null, var, record, yield,
  sealed, permits, _ ...) get a trailing '_'; a class named like a java.lang type the generated code names,
  an imported type or a class of the runtime gets the suffix Model, and so does one whose file name would be
  a Windows device (Con.java, Nul.java, Com1.java...); a package segment that is a keyword or a device gets
  '_'; a member named like one Object, the client or the models already define (getClass, hashCode, equals,
  toString, send, builder, jsonProblem...) gets the suffix '_' (`unclashed`, the one rule for a member's clash);
  uniqueness (case-insensitive, so no two files differ only in case) per scope by naming.Scope;
- string literals (`string_literal`, `literal`): "..." holding printable ASCII only: quotes and backslashes
  escaped, \\n \\r \\t as such, every other character a \\uXXXX escape of its UTF-16 units. javac reads
  \\uXXXX before it lexes, so \\u000a, \\u000d, \\u0022 and \\u005c are never written, and a backslash-u of
  the spec arrives with its backslash doubled, which javac does not read as an escape;
- numbers (`literal`): NaN and the infinities as Double.NaN / Double.POSITIVE_INFINITY /
  Double.NEGATIVE_INFINITY, integers beyond long as a BigInteger expression; enum members that the enum's
  Integer or Long cannot hold are left out of code and named in the Javadoc;
- Javadoc (`javadoc`, `doc_lines`, `doc`): every line starts with ' * '; line terminators (\\n, \\r, U+0085,
  U+2028, U+2029 and the other vertical spaces) end a line; other characters that are not printable
  (controls, bidi and other format characters, lone surrogates, non-characters) become spaces; &, < and > are
  entities, '@' is &#64; (no block or inline tag, at a line's start or anywhere), a backslash is &#92; (no
  unicode escape) and '*/' is '*&#47;' (the comment cannot end);
- `//` comments (`comment`): one line, printable characters only, backslashes doubled (no unicode escape);
- pom.xml and the README: textformats' XML and Markdown escapers.

"Explicitly null" versus "unset" (nullable optional fields): a model remembers, per such field, whether its
setter was called; a setter called with null sends JSON null, a field never set is left out. That one
mechanism lives in the model template (a private JSON accessor per nullable optional field; `isXSet()` tells).

Schemas: every model, enum and union has a static `jsonProblem(JsonNode, strict)` (a ModelSupport.Check) saying
what in a JSON value does not fit its schema (JSON type, required fields, field types, recursively). The client
checks request bodies with it before sending (an unset required field is refused) and 2xx bodies before decoding
(a missing required field is a decode error). Enums are open: final classes whose constants are the listed
values, and a value the spec does not list is kept as it came. Unions (oneOf/anyOf) are final classes holding
the raw JsonNode (serialised back exactly, so an unknown shape is never lost), with per variant a factory
`fromX(value)` that writes the discriminator (and refuses one naming another variant) and a reader `asX()` that
returns null unless the value fits the variant's own schema and the discriminator, if any, names it.

Operations: each request carries its operationId (client options may mark it safe to retry), its Accept header
and where its credential goes (`auth`, from Operation.credential; null: none). The client builds an operation's
Transport.Exchange (request, error models, decoder) in one private method; the blocking method sends it with
Transport.send (HttpClient.send), the async one with Transport.sendAsync. Required parameters and the body are
positional; optional parameters come in one <Operation>Params object (fluent setters); every method also comes
with a trailing RequestOptions, and every shorter form forwards to that full one. A tag group's methods call the
client's. Multipart bodies are encoded by the runtime from the body model's JSON tree: binary nodes (byte[] fields)
as file parts, text as text parts, the rest as JSON parts. A binary body comes as byte[] (sent again on a retry)
and, in the blocking forms, as an InputStream sent as it is read (never re-sent once read from).

Pages, long-running operations and streams (`_kind`, `_shape`) are blocking only, with the runtime's types: a
paged operation's method returns a PagedIterable of its items (each page decoded as JSON checked against the page's
schema; PagedIterable.Rule says how a page names the next); a long-running one's is begin<Operation>, returning a
Poller of its result (started at once, polled when waited for); a server-sent-events or JSON-lines answer is an
EventStream or a LineStream decoding each item as it arrives (Transport.Exchange.streaming); and a binary answer
has, beside its method, <operation>Stream returning the body as an InputStream. Every name is made unique in the
client's method scope, as an operation's are.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import __version__, ir
from ..config import Options
from ..errors import Diagnostic
from ..naming import (Scope, Words, camel, name_characters, pascal, screaming_snake, shorten, split_ascii_words,
                      split_words, type_name)
from ..render import Code, OutputFile, RuntimeFile, code, join, strings_in
from ..textformats import markdown_code, markdown_text, printable_line, text_line, text_lines, xml_text
from ..write import is_device_name
from . import author, summary, unpublishable, with_lines_trimmed

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
CharSequence System IllegalArgumentException IllegalStateException
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
    "com.fasterxml.jackson.databind.JsonNode",
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
    "com.fasterxml.jackson.databind.JsonNode",
    "com.fasterxml.jackson.databind.ObjectMapper",
    "java.io.InputStream",
    "java.net.http.HttpClient",
    "java.time.Duration",
    "java.time.LocalDate",
    "java.time.OffsetDateTime",
    "java.util.List",
    "java.util.Map",
    "java.util.Objects",
    "java.util.Optional",
    "java.util.Set",
    "java.util.UUID",
    "java.util.concurrent.CompletableFuture",
    "javax.net.ssl.SSLContext",
)
# The runtime: real Java sources in runtime/java/ (unit-tested there, tests/test_java_runtime.py), each SDK's copy
# of them with the placeholder package RUNTIME_PACKAGE replaced by the SDK's; SdkInfo, the one per-spec part, is
# rendered from SdkInfo.java.j2 instead of runtime/java's own test copy.
RUNTIME_FOLDER = "src/main/java/clientgen/runtime"
RUNTIME_PACKAGE = "clientgen.runtime"
RUNTIME_SOURCES = ("AccessToken", "ApiException", "ApiRuntime", "AsyncTokenProvider", "AzureMLCredential",
                   "ClientException", "Credential", "CredentialException", "EventStream", "HttpLog", "Interceptor",
                   "ItemStream", "LineReader", "LineStream", "ModelSupport", "OperationFailedException",
                   "PagedIterable", "Poller", "RawResponse", "RequestOptions", "RequestTimeoutException",
                   "ResponseDecodeException", "ServerSentEvent", "TokenProvider", "Transport", "TransportException")
RUNTIME_CLASSES = RUNTIME_SOURCES + ("SdkInfo", "Client", "Builder")
# What a union class imports besides MODEL_IMPORTS (its names are reserved too).
UNION_IMPORTS = (
    "com.fasterxml.jackson.core.type.TypeReference",
    "com.fasterxml.jackson.databind.ObjectMapper",
)
RESERVED_TYPES = (_JAVA_LANG | {name.rsplit(".", 1)[1] for name in MODEL_IMPORTS + CLIENT_IMPORTS + UNION_IMPORTS}
                  | frozenset(RUNTIME_CLASSES))
# Methods every object has: a generated method must not take these names.
_OBJECT_METHODS = ("equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait", "clone", "finalize")
_CLIENT_METHODS = _OBJECT_METHODS + ("builder", "send", "sendAsync", "getBaseUrl", "objectMapper")
# The static method every model, enum and union has: its schema check (ModelSupport.Check), which no member takes.
CHECK_METHOD = Code("jsonProblem")
_MODEL_METHODS = _OBJECT_METHODS + (CHECK_METHOD,)

_PRIMS = {
    ir.PrimKind.STRING: Code("String"),
    ir.PrimKind.INT32: Code("Integer"),
    ir.PrimKind.INT64: Code("Long"),
    ir.PrimKind.FLOAT: Code("Float"),
    ir.PrimKind.DOUBLE: Code("Double"),
    ir.PrimKind.BOOL: Code("Boolean"),
    ir.PrimKind.DATE: Code("LocalDate"),
    ir.PrimKind.DATETIME: Code("OffsetDateTime"),
    ir.PrimKind.UUID: Code("UUID"),
    ir.PrimKind.BYTES: Code("byte[]"),
    ir.PrimKind.BINARY: Code("byte[]"),
    ir.PrimKind.ANY: Code("Object"),
}

# Line terminators, and the other vertical spaces no reader should see inside one comment line.

_INT = (-(2 ** 31), 2 ** 31 - 1)
_LONG = (-(2 ** 63), 2 ** 63 - 1)


# ---- names ---------------------------------------------------------------------------------------------------
def identifier(text: str, prefix: str = "n") -> Code:
    """A joined name -> a legal Java identifier: ASCII letters, digits, '_' and naming's letters, never empty, never starting
    with a digit (`prefix`, a constant, is put before one)."""
    text = name_characters(str(text))
    if not text:
        return Code(prefix + "Value" if prefix.islower() else prefix + "VALUE")
    if not (text[0].isalpha() or text[0] == "_"):
        text = prefix + text
    return Code(text)


def _keyword_safe(name: Code) -> Code:
    return code("{}_", name) if name in KEYWORDS else name


def member_name(words: Words) -> Code:
    """camelCase field, parameter and method names; keywords and literals get a trailing underscore."""
    return _keyword_safe(identifier(camel(shorten(words)), "n"))


def unclashed(name: Code, reserved: tuple[str, ...] | frozenset[str]) -> Code:
    """A member name that a member the language or the runtime defines already has (`reserved`: Object's methods,
    the client's, the models' schema check) gets the suffix '_', the one rule for a member's clash in Java."""
    return code("{}_", name) if name in reserved else name


def class_name(words: Words) -> Code:
    """PascalCase type names; names of java.lang, imported and runtime types, and Windows device names (the
    class's file would be Con.java), get a 'Model' suffix."""
    name = Code(type_name(identifier(pascal(shorten(words)), "N")))
    return code("{}Model", name) if name in RESERVED_TYPES or is_device_name(name) else name


def constant_name(words: Words) -> Code:
    return identifier(screaming_snake(shorten(words)), "N")  # upper case: never a Java keyword


def _package_segment(text: str) -> Code:
    """One segment of a package name (a folder of the SDK too): an identifier, neither a keyword nor a device."""
    segment = identifier(text, "n")
    return code("{}_", segment) if segment in KEYWORDS or is_device_name(segment) else segment


def package_name(options: Options, api: ir.ApiSpec) -> tuple[str, str, Code]:
    """(artifactId, groupId, Java package). The artifact and group ids are text for pom.xml and the README
    (escaped there); the package is a dotted name of identifiers.

    'azml-client' -> ('azml-client', 'com.example', 'com.example.azmlclient'); --java-package wins for the package,
    java-group-id for the group (else the package without its last part).
    """
    words = split_ascii_words(options.package_name) if options.package_name else split_ascii_words(api.title) + ("client",)
    words = shorten(words) or ("api", "client")
    artifact = options.package_name or "-".join(w.lower() for w in words)
    if options.java_package:
        package = join(".", (_package_segment(s) for s in options.java_package.split(".")))
    else:
        package = code("com.example.{}", _package_segment("".join(w.lower() for w in words)))
    group = options.metadata.java_group_id or (package.rsplit(".", 1)[0] if "." in package else str(package))
    return artifact, group, package


def package_warnings(options: Options) -> list[Diagnostic]:
    """Maven Central gives a group only to whoever owns its domain: com.example (the default package's, and the
    group of any package under it) is nobody's."""
    group = options.metadata.java_group_id or options.java_package or "com.example"
    if group == "com.example" or group.startswith("com.example."):
        return [unpublishable("java-group-id", "the Maven groupId is com.example, which Maven Central gives nobody")]
    return []


def pom_text(text: object) -> Code:
    """Text in pom.xml: one line, XML-escaped, and no `${` (Maven would read it as a property to substitute)."""
    return xml_text(printable_line(text).replace("${", "$ {"))


def _pom_metadata(api: ir.ApiSpec, options: Options) -> dict[str, object]:
    """What Maven Central requires of a pom beyond the coordinates: description, url, licences, scm, developers."""
    meta = options.metadata
    license_url = (f"https://spdx.org/licenses/{meta.license}.html"
                   if meta.license and re.fullmatch(r"[A-Za-z0-9.+-]+", meta.license) else None)
    url = meta.homepage or meta.repository
    return {
        "description_xml": pom_text(summary(api, options)),
        "url_xml": pom_text(url) if url else None,
        "license_xml": pom_text(meta.license) if meta.license else None,
        "license_url_xml": pom_text(license_url) if license_url else None,
        "scm_xml": pom_text(meta.repository) if meta.repository else None,
        "scm_connection_xml": pom_text(f"scm:git:{meta.repository}") if meta.repository else None,
        "developers_xml": [(pom_text(name), pom_text(email) if email else None)
                           for name, email in map(author, meta.authors)],
    }


# ---- literals ------------------------------------------------------------------------------------------------
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape_char(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    point = ord(char)
    if 0x20 <= point < 0x7F:
        return char
    if point > 0xFFFF:  # a UTF-16 surrogate pair
        point -= 0x10000
        return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"
    return f"\\u{point:04x}"  # never 000a, 000d, 0022 or 005c: those have their escapes above


def string_literal(text: object) -> Code:
    """A Java string literal in printable ASCII: quotes, backslashes (so no \\u escape survives) and line breaks
    escaped, every other character a \\u escape javac may translate before lexing (a lone surrogate, which JSON
    allows, as its own unit)."""
    text = str(text)
    if _PLAIN_IN_JAVA_STRING.fullmatch(text):
        return Code(f'"{text}"')
    return Code('"' + "".join(_escape_char(c) for c in text) + '"')


_PLAIN_IN_JAVA_STRING = re.compile(r'[ !#-\[\]-~]*')  # printable ASCII but '"' and '\': what _escape_char keeps


def _double(value: float) -> Code:
    if math.isnan(value):
        return Code("Double.NaN")
    if math.isinf(value):
        return Code("Double.POSITIVE_INFINITY" if value > 0 else "Double.NEGATIVE_INFINITY")
    return Code(repr(value))  # 0.1, -0.0, 1e+22, 5e-324: all Java double literals


def literal(value: object) -> Code:
    """A Java literal for a JSON value from the spec: null, boolean, int, long, double, String; other values as
    their JSON text. What Java cannot spell as a literal is the expression that makes it (Double.NaN, a
    BigInteger for an integer beyond long)."""
    if value is None:
        return Code("null")
    if isinstance(value, bool):
        return Code("true" if value else "false")
    if isinstance(value, int):
        if _INT[0] <= value <= _INT[1]:
            return Code(str(value))
        if _LONG[0] <= value <= _LONG[1]:
            return Code(f"{value}L")
        return Code(f'new java.math.BigInteger("{value}")')  # a Python int's digits: no quote, no backslash
    if isinstance(value, float):
        return _double(value)
    if isinstance(value, str):
        return string_literal(value)
    return string_literal(json.dumps(value, sort_keys=True, ensure_ascii=False))


def _integral(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _enum_literal(value: object, base: ir.PrimKind) -> Code | None:
    """An enum constant's value, or None when the enum's Java type cannot hold it (2^63 in a Long enum)."""
    if base in (ir.PrimKind.INT32, ir.PrimKind.INT64):
        number = _integral(value)
        low, high = _INT if base is ir.PrimKind.INT32 else _LONG
        if number is None or not low <= number <= high:
            return None
        return Code(f"{number}L") if base is ir.PrimKind.INT64 else Code(str(number))
    return string_literal(str(value))


# ---- comment text --------------------------------------------------------------------------------------------
def _doc_escape(line: str) -> str:
    """One printable line made safe inside a Javadoc comment: no HTML, no tag, no unicode escape, no end."""
    line = (line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
            .replace("\\", "&#92;"))
    while "*/" in line:
        line = line.replace("*/", "*&#47;")
    return line


def _text_or(text: str, fallback: str) -> str:
    """The spec's text, or the fallback when it has nothing a comment would show (empty, blanks, controls)."""
    return text if text_lines(text) else fallback


def doc_lines(text: object) -> tuple[Code, ...]:
    """Spec text as the escaped lines of a Javadoc comment (the template puts ' * ' before each); () for none."""
    return tuple(Code(_doc_escape(line)) for line in text_lines(text))


def doc(text: object) -> Code:
    """Spec text inside one line of a Javadoc comment (after @param, inside a sentence)."""
    return Code(_doc_escape(text_line(text)))


def javadoc(text: object, indent: int = 0) -> Code:
    """A whole Javadoc block for spec text (no text: an empty Code, no block), indented by `indent` spaces."""
    lines = doc_lines(text)
    if not lines:
        return Code("")
    pad = " " * indent
    return Code("\n".join([pad + "/**"] + [(pad + " * " + line).rstrip() for line in lines] + [pad + " */"]))


def comment(text: object) -> Code:
    """Spec text on one line of a // comment: no line break, printable characters only, backslashes doubled
    (javac reads \\uXXXX even in comments; \\u000a would end the line)."""
    return Code(text_line(text).replace("\\", "\\\\"))


# ---- types ---------------------------------------------------------------------------------------------------
class Types:
    """Java types for IR types, knowing the API's model names."""

    def __init__(self, api: ir.ApiSpec):
        scope = Scope([(n,) for n in RESERVED_TYPES])
        self.names: dict[str, Code] = {model.name: scope.unique(class_name(model.words)) for model in api.models}
        self.kinds = {m.name: m for m in api.models}

    def java(self, t: ir.TypeRef) -> Code:
        """The (boxed, where it matters) Java type of a value: fields, parameters, collections' items."""
        if isinstance(t, ir.Prim):
            return _PRIMS[t.kind]
        if isinstance(t, ir.Array):
            return code("List<{}>", self.java(t.item))
        if isinstance(t, ir.Map):
            return code("Map<String, {}>", self.java(t.value))
        if isinstance(t, ir.Named) and t.name in self.names:
            return self.names[t.name]
        return Code("Object")  # a shape this target does not type yet: any JSON value

    def type_ref(self, t: ir.TypeRef) -> Code:
        """A Jackson TypeReference expression that keeps generic types."""
        return code("new TypeReference<{}>() {{ }}", self.java(t))

    def check(self, t: ir.TypeRef) -> Code:
        """A ModelSupport.Check expression: whether a JSON value fits type t's own schema (JSON type, required
        fields, field types, recursively; see ModelSupport)."""
        if isinstance(t, ir.Prim):
            return code("ModelSupport::{}", _PRIM_CHECKS.get(t.kind, Code("string")))
        if isinstance(t, ir.Array):
            return code("ModelSupport.list({})", self.check(t.item))
        if isinstance(t, ir.Map):
            return code("ModelSupport.map({})", self.check(t.value))
        if isinstance(t, ir.Named) and t.name in self.names:
            return code("{}::{}", self.names[t.name], CHECK_METHOD)
        return Code("ModelSupport::any")


_PRIM_CHECKS = {ir.PrimKind.INT32: Code("int32"), ir.PrimKind.INT64: Code("int64"), ir.PrimKind.FLOAT: Code("number"),
                ir.PrimKind.DOUBLE: Code("number"), ir.PrimKind.BOOL: Code("bool"), ir.PrimKind.BYTES: Code("bytes"),
                ir.PrimKind.BINARY: Code("bytes"), ir.PrimKind.ANY: Code("any"),
                ir.PrimKind.DATETIME: Code("dateTime"), ir.PrimKind.DATE: Code("date"), ir.PrimKind.UUID: Code("uuid")}


def _is_bytes(t: ir.TypeRef) -> bool:
    return isinstance(t, ir.Prim) and t.kind in (ir.PrimKind.BYTES, ir.PrimKind.BINARY)


# ---- views the templates lay out: every string in them is Code -------------------------------------------------
@dataclass(frozen=True)
class FieldView:
    name: Code  # the private field and the fluent setter
    getter: Code
    wire: Code  # a Java string literal
    type: Code
    required: bool
    tracked: bool  # nullable and optional: remembers whether it was set, so null can be sent
    set_flag: Code  # the boolean field that remembers it (tracked fields)
    json_accessor: Code  # the private accessor pair Jackson uses (tracked fields)
    is_set: Code  # the public "was it set (maybe to null)?" method (tracked fields)
    javadoc: Code  # indented 4
    equals: Code  # expression comparing this and `other`
    hash: Code  # expression for hashCode's Objects.hash arguments
    show: Code  # expression for toString
    schema: Code  # its entry in the model's schema: a ModelSupport.field(...) expression


@dataclass(frozen=True)
class ModelView:
    name: Code
    javadoc: Code  # the whole block ("" for none)
    fields: tuple[FieldView, ...]
    extra_type: Code | None  # additionalProperties' value type
    extra_map_type: Code  # Map<String, extra_type>
    extra_name: Code
    extra_getter: Code
    extra_putter: Code
    wire_order: Code  # the literals of @JsonPropertyOrder
    enum_type: Code | None  # String, Integer or Long for enums
    members: tuple[tuple[Code, Code], ...]  # enum constants: (NAME, literal)
    known: Code  # the enum's private list of the constants the spec lists
    kind: Code = Code("object")  # object, enum, union
    variants: tuple[VariantView, ...] = ()  # union variants, in the spec's order
    discriminator: Code = Code("")  # a literal: the discriminator's wire name ("" for none)
    mapping: tuple[tuple[Code, int], ...] = ()  # (value literal, variant index)
    imports: tuple[Code, ...] = ()  # what the model's file imports: only what it uses (see _model_imports)
    doc_lines: tuple[Code, ...] = ()  # the description's escaped lines (a union's Javadoc adds its own text)
    name_literal: Code = Code('""')  # the class name as a string literal, for messages
    check: Code = CHECK_METHOD  # the static schema check's name (ModelSupport.Check)
    extra_check: Code = Code("null")  # the extra properties' check expression
    extra_json: Code = Code("")  # the private any-getter that leaves out the named keys
    integral: Code = Code("false")  # an enum of integers


@dataclass(frozen=True)
class VariantView:
    """One shape of a union: made by from<Name>(value), read by as<Name>() (null when the value is not it)."""

    name: Code  # PascalCase suffix of fromX / asX
    type: Code
    type_ref: Code  # TypeReference expression
    check: Code  # the variant type's ModelSupport.Check expression
    tag: Code  # literal: the discriminator value naming it, or null


@dataclass(frozen=True)
class ParamView:
    name: Code  # the method's parameter (required), or the field of the <Operation>Params class (optional)
    wire: Code  # literal
    location: Code  # path, query, header, cookie
    type: Code
    required: bool
    style: Code  # literal
    explode: Code  # true/false
    doc: Code  # escaped text for @param
    value: Code = Code("")  # the expression the exchange method reads it with: its name, or the params' getter
    getter: Code = Code("")  # the <Operation>Params getter (optional parameters)


@dataclass(frozen=True)
class ParamsView:
    """The optional parameters of one operation: a class <Operation>Params in the client's package with a fluent
    setter and a getter per parameter, the method's last argument before the RequestOptions."""

    name: Code  # the method's parameter: params
    type: Code  # the class
    fields: tuple[ParamView, ...]
    doc: Code
    operation: Code  # the client's method, for the class's Javadoc
    required: bool = False


@dataclass(frozen=True)
class BodyView:
    name: Code
    type: Code
    kind: Code  # json, binary, text, form, multipart
    media_type: Code  # literal
    required: bool
    doc: Code


@dataclass(frozen=True)
class MethodView:
    """One public method of an operation: blocking and async, each with the required arguments only, with the
    <Operation>Params too (if the operation has optional parameters), and with a trailing RequestOptions; the
    blocking ones also with an InputStream for a binary body. Each forwards to the form with every argument and
    the options, which sends the operation's exchange (`Transport.send`, or `sendAsync`); a group's method
    forwards to the client's."""

    name: Code
    returns: Code
    params: tuple[tuple[Code, Code], ...]  # (type, name)
    doc_args: tuple[ParamView | BodyView | ParamsView, ...]
    is_async: bool
    has_options: bool
    forward: Code  # the expression the client's method returns
    delegate: Code  # the expression a group's method returns: the client's same method
    returns_doc: Code = Code("")  # the @return text of a blocking method ("" for void)


@dataclass(frozen=True)
class Form:
    """One kind of public method of an operation, before its overloads: its name and return type, whether it is
    async, how it makes its result from the exchange (`call`: the exchange method's call -> the expression), and
    its @return text. Not a view (never given to a template): _methods makes MethodViews of it."""

    name: Code
    returns: Code
    is_async: bool
    call: Callable[[Code], Code]
    returns_doc: Code


@dataclass(frozen=True)
class OperationView:
    name: Code  # the blocking method (beginX for a long-running operation)
    async_name: Code | None  # None: blocking only (pages, pollers, streams)
    exchange: Code  # the client's private method that builds the operation's Transport.Exchange
    method: Code  # literal
    path: Code  # literal
    javadoc_lines: tuple[Code, ...]  # escaped lines of the summary/description
    args: tuple[ParamView | BodyView | ParamsView, ...]  # in signature order: required params, body, the Params
    short_args: tuple[ParamView | BodyView, ...] | None  # the overload without the Params, if it has one
    params: tuple[ParamView, ...]
    body: BodyView | None
    params_class: ParamsView | None  # the optional parameters' class
    returns: Code  # sync return type ("void" for none)
    result: Code  # the boxed result type (Void for none): Transport.Exchange<result>
    async_returns: Code  # CompletableFuture<...>
    result_kind: Code  # none, json, string, binary, text
    result_type_ref: Code  # TypeReference expression for json
    errors: tuple[tuple[Code, Code], ...]  # (status literal, TypeReference expression)
    deprecated: bool
    http: Code  # "METHOD /path" for the README's table, inside a code span
    returns_markdown: Code  # the return type, inside a README code span
    request: Code  # the expression making its ApiRuntime.Request (method, path, operationId, Accept, auth)
    body_check: Code  # the body's ModelSupport.Check expression, or null
    decode: Code  # the expression decoding `response` into the result (null for none)
    exchange_params: tuple[tuple[Code, Code], ...] = ()  # (type, name) of every argument: the exchange method's
    methods: tuple[MethodView, ...] = ()
    exchange_of: Code = Code("")  # the exchange method's result: the Transport.Exchange of `request` and `errors`
    kind: Code = Code("plain")  # plain, binary, paged, lro, sse, lines (see _kind)
    stream_method: Code | None = None  # binary: the method reading the answer as an InputStream


def _cap(name: Code) -> Code:
    """A member name's stem for derived names (getX, isXSet): its first letter upper case, no keyword '_'."""
    return Code(name[:1].upper() + name[1:].rstrip("_"))


def _field_view(f: ir.Field, types: Types, fields: Scope, methods: Scope, name: Code) -> FieldView:
    jtype = types.java(f.type)
    tracked = f.nullable and not f.required
    getter = methods.unique(unclashed(code("get{}", _cap(name)), _MODEL_METHODS))
    text = f.description
    if f.default is not ir.NO_DEFAULT and not isinstance(f.default, (list, dict)):
        shown = json.dumps(f.default, ensure_ascii=False, allow_nan=True)
        text = f"{text}\n\nThe service's default: {shown}".strip()
    if f.required:
        text = f"{text}\n\nRequired.".strip()
    if tracked:
        text = f"{text}\n\nNullable: setting null sends JSON null; a field never set is left out.".strip()
    compare = code("Arrays.equals(this.{0}, other.{0})", name) if _is_bytes(f.type) else \
        code("Objects.equals(this.{0}, other.{0})", name)
    hashed = code("Arrays.hashCode({})", name) if _is_bytes(f.type) else name
    set_flag = fields.unique(code("{}Set", Code(name.rstrip("_")))) if tracked else Code("")
    accessor = methods.unique(unclashed(code("json{}", _cap(name)), _MODEL_METHODS)) if tracked else Code("")
    is_set = methods.unique(unclashed(code("is{}Set", _cap(name)), _MODEL_METHODS)) if tracked else Code("")
    if tracked:
        compare = code("{} && this.{} == other.{}", compare, set_flag, set_flag)
        hashed = code("{}, {}", hashed, set_flag)
    schema = code("ModelSupport.field({}, {}, {}, {})", string_literal(f.wire), _bool(f.required), _bool(f.nullable),
                  types.check(f.type))
    return FieldView(name, getter, string_literal(f.wire), jtype, f.required, tracked, set_flag, accessor, is_set,
                     javadoc(text, 4), compare, hashed,
                     code("Arrays.toString({})", name) if _is_bytes(f.type) else name, schema)


def _bool(value: bool) -> Code:
    return Code("true" if value else "false")


def _clean(words: Words) -> Words:
    """Words split again, so that each is letters and digits only (whatever the IR handed over)."""
    return tuple(part for word in words for part in split_words(word))


def _union_view(model: ir.UnionModel, types: Types) -> ModelView:
    name = types.names[model.name]
    scope = Scope()
    mapping: dict[str, int] = {}
    for value, index in model.mapping:  # Map.ofEntries refuses a key twice: the first mapping wins
        mapping.setdefault(value, index)
    tags: dict[int, str] = {}
    for value, index in mapping.items():  # building a variant writes the spec's first value naming it
        tags.setdefault(index, value)
    tagged = model.discriminator is not None
    variants = tuple(VariantView(scope.unique(identifier(pascal(shorten(_clean(v.words))), "N"), "_"),
                                 types.java(v.type), types.type_ref(v.type), types.check(v.type),
                                 string_literal(tags[i]) if tagged and i in tags else Code("null"))
                     for i, v in enumerate(model.variants))
    return ModelView(name, javadoc(model.description), (), None, Code(""), Code(""), Code(""), Code(""), Code(""),
                     None, (), Code(""), Code("union"), variants,
                     string_literal(model.discriminator) if model.discriminator else Code(""),
                     tuple((string_literal(value), index) for value, index in mapping.items()) if tagged else (),
                     doc_lines=doc_lines(model.description), name_literal=string_literal(name))


_ENUM_TYPES = {ir.PrimKind.INT32: Code("Integer"), ir.PrimKind.INT64: Code("Long")}


def _enum_view(model: ir.EnumModel, name: Code) -> ModelView:
    """An enum's constants; values its Java type cannot hold (2^63 in a Long enum) are no constants (they would
    not compile): the Javadoc names them."""
    scope = Scope([("KNOWN",)])
    members, dropped = [], []
    for v in model.values:
        value = _enum_literal(v.value, model.base)
        if value is None:
            dropped.append(v.value)
            continue
        members.append((scope.unique(constant_name(v.words), "_"), value))
    text = model.description
    if dropped:
        listed = ", ".join(json.dumps(v, ensure_ascii=False, allow_nan=True) for v in dropped)
        text = f"{text}\n\nThe spec also lists values this type cannot hold, left out here: {listed}.".strip()
    return ModelView(name, javadoc(text), (), None, Code(""), Code(""), Code(""), Code(""), Code(""),
                     _ENUM_TYPES.get(model.base, Code("String")), tuple(members), Code("KNOWN"), Code("enum"),
                     name_literal=string_literal(name), integral=_bool(model.base is not ir.PrimKind.STRING))


def _model_view(model: ir.Model, types: Types) -> ModelView:
    if isinstance(model, ir.UnionModel):
        return _union_view(model, types)
    name = types.names[model.name]
    if isinstance(model, ir.EnumModel):
        return _enum_view(model, name)
    fields = Scope()  # reserved members are kept out by unclashed(): the Scope would fold "hashCode_" into one
    methods = Scope()
    names = [fields.unique(unclashed(member_name(f.words), _MODEL_METHODS)) for f in model.fields]
    for n in names:
        methods.unique(n)
    views = tuple(_field_view(f, types, fields, methods, n) for f, n in zip(model.fields, names))
    extra_type: Code | None = None
    extra_name = extra_getter = extra_putter = extra_json = Code("")
    extra_check = Code("null")
    if model.additional is not None:
        extra_type = types.java(model.additional)
        extra_name = fields.unique(Code("additionalProperties"))
        extra_getter = methods.unique(Code("getAdditionalProperties"))
        extra_putter = methods.unique(Code("putAdditionalProperty"))
        extra_json = methods.unique(Code("jsonAdditionalProperties"))
        extra_check = types.check(model.additional)
    return ModelView(name, javadoc(model.description), views, extra_type,
                     code("Map<String, {}>", extra_type) if extra_type is not None else Code(""),
                     extra_name, extra_getter, extra_putter, join(", ", (v.wire for v in views)), None, (), Code(""),
                     name_literal=string_literal(name), extra_check=extra_check, extra_json=extra_json)


_IMPORTS = {name.rsplit(".", 1)[1]: name for name in MODEL_IMPORTS + UNION_IMPORTS}
_ANNOTATIONS = {
    "object": ("JsonAutoDetect", "JsonIgnoreProperties", "JsonInclude", "JsonPropertyOrder", "Objects", "JsonNode",
               "List"),
    "enum": ("JsonCreator", "JsonValue", "Objects", "JsonNode", "List"),
    "union": ("JsonCreator", "JsonValue", "JsonNode", "NullNode", "ObjectMapper", "List", "Map"),
}


def _model_imports(view: ModelView) -> tuple[Code, ...]:
    """The imports of a model's file: the fixed ones its template uses for its kind, plus every imported type
    named by its Java type strings and expressions (models of the same package need none; model names never
    equal an imported type's simple name, see RESERVED_TYPES)."""
    used = set(_ANNOTATIONS[view.kind])
    source = [f.type for f in view.fields] + [f.equals for f in view.fields] + [f.hash for f in view.fields]
    source += [f.show for f in view.fields] + [v.type for v in view.variants] + [v.type_ref for v in view.variants]
    source += [f.schema for f in view.fields] + [v.check for v in view.variants] + [view.extra_check]
    if view.fields:
        used.add("JsonProperty")
    if any(f.tracked for f in view.fields):
        used.add("NullNode")
    if view.extra_type:
        used.update(("JsonAnyGetter", "JsonAnySetter", "LinkedHashMap"))
        source.append(view.extra_map_type)
    if view.discriminator:
        used.add("Map")
    for text in source:
        used.update(_IDENTIFIER.findall(text))
    return tuple(Code(name) for name in sorted(_IMPORTS[name] for name in used if name in _IMPORTS))


def _models_named(view: object, models: dict[str, Code]) -> frozenset[Code]:
    """The model classes a view's Java text names (every string reachable from it): what a file of the client's
    package rendered from it imports from the model package. A name also met in prose is imported needlessly,
    which javac accepts; none the code names is missed."""
    return frozenset(models[name] for text in strings_in(view) for name in _IDENTIFIER.findall(text)
                     if name in models)


_IDENTIFIER = re.compile(r"(?:[^\W\d]|\$)[\w$]*")  # a Java identifier, whole (names may be any letters: N名前)


_DEFAULT_MEDIA = {ir.BodyKind.JSON: "application/json", ir.BodyKind.TEXT: "text/plain",
                  ir.BodyKind.FORM: "application/x-www-form-urlencoded", ir.BodyKind.MULTIPART: "multipart/form-data"}
# The runtime's Request methods: request.<location>Param(...) and request.<kind>Body(...).
_LOCATIONS = {ir.ParamLocation.PATH: Code("path"), ir.ParamLocation.QUERY: Code("query"),
              ir.ParamLocation.HEADER: Code("header"), ir.ParamLocation.COOKIE: Code("cookie")}
_BODY_KINDS = {ir.BodyKind.JSON: Code("json"), ir.BodyKind.BINARY: Code("binary"), ir.BodyKind.TEXT: Code("text"),
               ir.BodyKind.FORM: Code("form"), ir.BodyKind.MULTIPART: Code("multipart")}


def _operation_view(op: ir.Operation, types: Types, methods: Scope, classes: Scope | None = None) -> OperationView:
    """`methods`: the client's method names so far; `classes`: the type names of the client's package so far (an
    operation with optional parameters adds its <Operation>Params class)."""
    if classes is None:
        classes = _class_scope(types)
    scope = Scope([("request",), ("body",), ("errors",), ("response",), ("options",), ("params",)])  # the method's
    required = []
    for p in op.parameters:
        if p.required:
            name = scope.unique(member_name(p.words))
            required.append(ParamView(name, string_literal(p.wire), _LOCATIONS[p.location], types.java(p.type), True,
                                      string_literal(p.style), Code("true" if p.explode else "false"),
                                      doc(_text_or(p.description, f"the {p.wire} parameter")), name))
    kind = _kind(op)
    stem = member_name(op.words)
    name = methods.unique(unclashed(member_name(("begin",) + op.words) if kind == "lro" else stem, _CLIENT_METHODS))
    base = stem if name == code("{}_", stem) else name
    plain = kind in ("plain", "binary")
    async_name = methods.unique(unclashed(code("{}Async", base), _CLIENT_METHODS)) if plain else None
    stream_name = methods.unique(unclashed(code("{}Stream", base), _CLIENT_METHODS)) if kind == "binary" else None
    exchange = methods.unique(unclashed(code("{}Exchange", base), _CLIENT_METHODS))
    params_class = _params_view(op, types, classes, name)
    optional = params_class.fields if params_class is not None else ()
    body = None
    if op.body is not None:
        body_kind = op.body.kind
        jtype = {ir.BodyKind.BINARY: Code("byte[]"), ir.BodyKind.TEXT: Code("String")}.get(
            body_kind) or types.java(op.body.type)
        media_type = op.body.media_type if "*" not in op.body.media_type else \
            _DEFAULT_MEDIA.get(body_kind, "application/octet-stream")
        body = BodyView(Code("body"), jtype, _BODY_KINDS[body_kind], string_literal(media_type), op.body.required,
                        doc(_text_or(op.body.description, "the request body")))
    positional = tuple(required) + ((body,) if body else ())
    args: tuple[ParamView | BodyView | ParamsView, ...] = positional + ((params_class,) if params_class else ())
    shape = _shape(op, kind, types, name, async_name, stream_name)
    body_check = types.check(op.body.type) if op.body is not None and op.body.kind in (
        ir.BodyKind.JSON, ir.BodyKind.FORM, ir.BodyKind.MULTIPART) else Code("null")
    request = code("new ApiRuntime.Request({}, {}, {}, {}, {})", string_literal(op.method), string_literal(op.path),
                   string_literal(op.operation_id), string_literal(op.accept), auth(op.credential))
    errors = tuple((string_literal(r.status), types.type_ref(r.type)) for r in op.errors
                   if r.kind is ir.BodyKind.JSON and r.type is not None)
    text = "\n\n".join(t for t in (op.summary, op.description) if t)
    lines = doc_lines(_text_or(text, f"{op.method} {op.path}"))
    required_left, optional_left = iter(required), iter(optional)
    in_order = tuple(next(required_left) if p.required else next(optional_left) for p in op.parameters)
    view = OperationView(name, async_name, exchange, string_literal(op.method), string_literal(op.path), lines, args,
                         positional if params_class else None, in_order, body, params_class, shape.returns,
                         shape.result, code("CompletableFuture<{}>", shape.result), shape.result_kind, shape.ref,
                         errors, op.deprecated, markdown_code(f"{op.method} {op.path}"), markdown_code(shape.returns),
                         request, body_check, shape.decode, exchange_of=shape.exchange_of, kind=Code(kind),
                         stream_method=stream_name)
    exchange_params = tuple((Code("InputStream") if a is body and body.kind == "binary" else a.type, a.name)
                            for a in args)
    return dataclasses.replace(view, methods=_methods(view, shape.forms), exchange_params=exchange_params)


@dataclass(frozen=True)
class _Shape:
    """What an operation's kind makes of its answer: the methods' return type, the exchange's result type, how a
    2xx answer is decoded (or opened: exchange_of) and the forms of its public methods. Not a view."""

    returns: Code
    result: Code
    result_kind: Code
    ref: Code
    decode: Code
    exchange_of: Code
    forms: tuple[Form, ...]


def _shape(op: ir.Operation, kind: str, types: Types, name: Code, async_name: Code | None,
           stream_name: Code | None) -> _Shape:
    """An operation's answer as its kind (see _kind) returns it: a pager of the items of pages decoded as checked
    JSON, a poller of the final answer's value, a stream decoding each item, or the value (beside a future of it,
    and an InputStream for a binary one)."""
    success = op.success
    # 2xx statuses the spec allows without content: an empty answer of one is no value (Optional.empty())
    empty = join(", ", sorted({string_literal(r.status) for r in op.responses if r.is_success and r.type is None}))
    if kind == "paged":
        paging = op.paging
        assert paging is not None and success is not None and success.type is not None
        item = types.java(paging.item)
        returns = code("PagedIterable<{}>", item)
        rule = code("PagedIterable.Rule.{}({})", Code(camel(split_words(paging.style.value))),
                    join(", ", [literal(paging.items)] + [literal(v) for v in _RULE_ARGS[paging.style](paging)]))
        decode = code("ApiRuntime.decodeJson(response, new TypeReference<JsonNode>() {{ }}, {}, Set.of({}))",
                      types.check(success.type), empty)
        return _Shape(returns, Code("JsonNode"), Code("json"), Code(""), decode, _exchange_of(decode), (Form(
            name, returns, False, lambda exchanged: code(
                "new PagedIterable<>(this.transport, {}, options, {}, new TypeReference<List<{}>>() {{ }})",
                exchanged, rule, item),
            Code("the items, each page fetched when the items before it are used ({@code byPage()}: the pages)")),))
    if kind == "lro":
        lro = op.long_running
        assert lro is not None
        final = next((r for r in op.responses if r.is_success and r.type == lro.result), None)
        value, result_kind, ref, decode = _result(types, final if lro.result is not None else None,
                                                  Code('Set.of("2XX")'))  # an empty final answer: no value
        result = Code("Void") if value == "void" else value
        returns = code("Poller<{}>", result)
        final_state = string_literal(lro.final_state.value)
        return _Shape(returns, result, result_kind, ref, decode, _exchange_of(decode), (Form(
            name, returns, False,
            lambda exchanged: code("Poller.start(this.transport, {}, options, {})", exchanged, final_state),
            Code("the poller of the operation, started: {@code waitForCompletion()} gives its result")),))
    if kind in ("sse", "lines"):
        assert success is not None and success.type is not None
        decoder = Code("data -> data") if kind == "sse" and success.kind is ir.BodyKind.TEXT else code(
            "ApiRuntime.jsonItem({}, {})", types.type_ref(success.type), types.check(success.type))
        stream_class = Code("EventStream") if kind == "sse" else Code("LineStream")
        returns = code("{}<{}>", stream_class, types.java(success.type))
        opened = code("Transport.Exchange.streaming(request, errors, response -> new {}<>(response, {}))",
                      stream_class, decoder)
        return _Shape(returns, returns, Code("json"), Code(""), Code(""), opened, (Form(
            name, returns, False, _send,
            Code("the items as they arrive; closing it (try-with-resources) closes the connection")),))
    assert async_name is not None
    returns, result_kind, ref, decode = _result(types, success, code("Set.of({})", empty))
    if op.may_be_empty and result_kind != "none":
        returns = code("Optional<{}>", returns)
        decode = code("Optional.ofNullable({})", decode)
    result = Code("Void") if returns == "void" else returns
    forms = [Form(name, returns, False, _send, Code("the result") if returns != "void" else Code("")),
             Form(async_name, code("CompletableFuture<{}>", result), True,
                  lambda exchanged: code("this.transport.sendAsync({}, options)", exchanged), Code(""))]
    if stream_name is not None:
        forms.append(Form(stream_name, Code("InputStream"), False, lambda exchanged: code(
            "this.transport.send({}.streamed(response -> response.body()), options)", exchanged),
            Code("the body as it arrives; closing it closes the connection")))
    return _Shape(returns, result, result_kind, ref, decode, _exchange_of(decode), tuple(forms))


def _exchange_of(decode: Code) -> Code:
    """The exchange of `request` and `errors` whose 2xx answer is read whole and decoded by `decode`."""
    return code("new Transport.Exchange<>(request, errors, response -> {})", decode)


def _kind(op: ir.Operation) -> str:
    """What an operation's method returns: paged (a PagedIterable), lro (a Poller), sse (an EventStream), lines (a
    LineStream), binary (bytes, and also an InputStream from <op>Stream) or plain (its answer's value)."""
    if op.paging is not None:
        return "paged"
    if op.long_running is not None:
        return "lro"
    if op.stream is not None:
        return "sse" if op.stream is ir.StreamKind.SSE else "lines"
    success = op.success
    return "binary" if success is not None and success.type is not None and success.kind is ir.BodyKind.BINARY \
        else "plain"


def _send(exchanged: Code) -> Code:
    return code("this.transport.send({}, options)", exchanged)


# PagedIterable.Rule's factories after the items field: what each style names.
_RULE_ARGS = {ir.PageStyle.NEXT_LINK: lambda p: (p.next,), ir.PageStyle.LINK_HEADER: lambda p: (),
              ir.PageStyle.CURSOR: lambda p: (p.next, p.param), ir.PageStyle.OFFSET: lambda p: (p.param,)}


def _result(types: Types, response: ir.Response | None, empty_set: Code) -> tuple[Code, Code, Code, Code]:
    """(the Java type, the decode kind, the TypeReference, the decode expression) of a response's value; void and
    none for no value. `empty_set`: the 2xx statuses whose empty answer is no value."""
    if response is None or response.type is None:
        return Code("void"), Code("none"), Code(""), Code("null")
    if response.kind is ir.BodyKind.BINARY:
        return Code("byte[]"), Code("binary"), Code(""), code("ApiRuntime.decodeBinary(response, {})", empty_set)
    if response.kind is ir.BodyKind.TEXT:
        return Code("String"), Code("text"), Code(""), code("ApiRuntime.decodeText(response, {})", empty_set)
    if response.type == ir.Prim(ir.PrimKind.STRING):
        return Code("String"), Code("string"), Code(""), code("ApiRuntime.decodeString(response, {})", empty_set)
    ref = types.type_ref(response.type)
    return types.java(response.type), Code("json"), ref, code("ApiRuntime.decodeJson(response, {}, {}, {})", ref,
                                                              types.check(response.type), empty_set)


def _params_view(op: ir.Operation, types: Types, classes: Scope, operation: Code) -> ParamsView | None:
    """The <Operation>Params class of an operation's optional parameters (None: it has none). Its fields and
    fluent setters take the parameters' names, its getters get<Name>, unique in the class and clear of Object's
    methods."""
    optional = [p for p in op.parameters if not p.required]
    if not optional:
        return None
    class_ = classes.unique(class_name(op.words + ("params",)))
    fields, getters = Scope(), Scope()
    names = [fields.unique(unclashed(member_name(p.words), _OBJECT_METHODS)) for p in optional]
    for n in names:
        getters.unique(n)
    out = []
    for p, name in zip(optional, names):
        getter = getters.unique(unclashed(code("get{}", _cap(name)), _OBJECT_METHODS))
        out.append(ParamView(name, string_literal(p.wire), _LOCATIONS[p.location], types.java(p.type), False,
                             string_literal(p.style), Code("true" if p.explode else "false"),
                             doc(_text_or(p.description, f"the {p.wire} parameter")),
                             code("params == null ? null : params.{}()", getter), getter))
    return ParamsView(Code("params"), class_, tuple(out), Code("the optional parameters to send"), operation)


def _class_scope(types: Types) -> Scope:
    """The type names of the client's package: java.lang's, the imported and runtime types, the models."""
    return Scope([(n,) for n in RESERVED_TYPES] + [(n,) for n in types.names.values()])


def auth(scheme: ir.SecurityScheme | None) -> Code:
    """The ApiRuntime.Auth expression for where a credential goes (null: an operation that requires none)."""
    if scheme is None:
        return Code("null")
    form = scheme.form
    return code('new ApiRuntime.Auth("{}", {}, "{}")', Code(scheme.location.value), string_literal(scheme.param_name),
                Code(form))


def _methods(op: OperationView, forms: tuple[Form, ...]) -> tuple[MethodView, ...]:
    """Every public method of an operation (see MethodView), for each of its forms. Each shorter form passes null
    for what it lacks to the full form (every argument and the options) of its kind: the only method of its arity
    and body type there, so the nulls resolve. A binary body comes as bytes (sent again on a retry) and, in
    blocking forms, as an InputStream (sent as it is read, once)."""
    options = (Code("RequestOptions"), Code("options"))
    names = [a.name for a in op.args]
    out = []
    for form in forms:
        streamed_too = op.body is not None and op.body.kind == "binary" and not form.is_async
        for streamed in (False, True) if streamed_too else (False,):
            def typed(args: tuple[ParamView | BodyView | ParamsView, ...]) -> tuple[tuple[Code, Code], ...]:
                return tuple((Code("InputStream") if streamed and a is op.body else a.type, a.name) for a in args)

            def to_full(arguments: list[Code], name: Code = form.name) -> Code:  # the loop's method, bound now
                return code("{}({})", name, join(", ", arguments + [Code("null")]))

            sent = [code("ApiRuntime.stream({})", a.name) if a is op.body and op.body.kind == "binary" and not streamed
                    else a.name for a in op.args]
            full = form.call(code("{}({})", op.exchange, join(", ", sent)))
            out.append(MethodView(form.name, form.returns, typed(op.args) + (options,), op.args, form.is_async, True,
                                  full, Code(""), form.returns_doc))
            out.append(MethodView(form.name, form.returns, typed(op.args), op.args, form.is_async, False,
                                  to_full(names), Code(""), form.returns_doc))
            if op.short_args is not None:
                out.append(MethodView(form.name, form.returns, typed(op.short_args), op.short_args, form.is_async,
                                      False, to_full([a.name for a in op.short_args] + [Code("null")]), Code(""),
                                      form.returns_doc))
    return tuple(dataclasses.replace(m, delegate=code("this.client.{}({})", m.name, join(", ", (n for _, n in m.params))))
                 for m in out)


@dataclass(frozen=True)
class GroupView:
    """The operations of one tag: a class <Tag>Operations in the client's package holding the same methods as
    the client's (one shared macro renders both), reached with client.<accessor>(); it shares the transport."""

    accessor: Code  # client.<accessor>() (also the client's private field holding it)
    class_name: Code  # <Tag>Operations
    javadoc_lines: tuple[Code, ...]  # escaped lines
    operations: tuple[OperationView, ...]


def _group_views(api: ir.ApiSpec, operations: list[OperationView], classes: Scope) -> list[GroupView]:
    """Names unique against the client's own members (methods and its `transport` field), the operations'
    methods, and every type the client's file sees (`classes`: java.lang, imports, runtime classes, models, the
    operations' Params classes, other groups)."""
    by_words = {op.words: view for op, view in zip(api.operations, operations)}
    accessors = Scope([(m.name,) for view in operations for m in view.methods]
                      + [(view.exchange,) for view in operations])
    groups = []
    for group in api.groups:
        members = tuple(by_words[words] for words in group.operations if words in by_words)
        if not members:
            continue
        text = _text_or(group.description, f"The operations tagged {json.dumps(group.tag, ensure_ascii=False)}.")
        groups.append(GroupView(accessors.unique(unclashed(member_name(_clean(group.words)),
                                                           _CLIENT_METHODS + ("transport",))),
                                classes.unique(group_class_name(_clean(group.words))), doc_lines(text), members))
    return groups


def group_class_name(words: Words) -> Code:
    return class_name(shorten(words) + ("Operations",))


_EXAMPLE_IMPORTS = (("List.", Code("java.util.List")), ("Map.", Code("java.util.Map")),
                    ("UUID.", Code("java.util.UUID")), ("LocalDate.", Code("java.time.LocalDate")),
                    ("OffsetDateTime.", Code("java.time.OffsetDateTime")))
_EXAMPLE_VALUES = {"String": '"value"', "Integer": "1", "Long": "1L", "Float": "1.0f", "Double": "1.0",
                   "Boolean": "true", "byte[]": "new byte[0]", "Object": "null", "LocalDate": "LocalDate.now()",
                   "OffsetDateTime": "OffsetDateTime.now()", "UUID": "UUID.randomUUID()"}


def _example_value(jtype: Code, types: Types) -> Code:
    """A value of a Java type for the README's example call: made of constants and type names only."""
    if jtype in _EXAMPLE_VALUES:
        return Code(_EXAMPLE_VALUES[jtype])
    if jtype.startswith("List<"):
        return Code("List.of()")
    if jtype.startswith("Map<"):
        return Code("Map.of()")
    model = next((m for m in types.kinds.values() if types.names[m.name] == jtype), None)
    if isinstance(model, (ir.EnumModel, ir.UnionModel)):
        return Code("null")
    return code("new {}()", jtype)


def _example(example: OperationView | None, types: Types, package: Code) -> tuple[Code, Code, list[Code]]:
    """The README example calls' arguments: the required ones, and every one but the RequestOptions (an empty
    <Operation>Params for the optional parameters); and what the example imports for them."""
    if example is None:
        return Code(""), Code(""), []
    imports: list[Code] = []
    model_names = set(types.names.values())

    def value_of(jtype: Code) -> Code:
        value = _example_value(jtype, types)
        if jtype in model_names and value.startswith("new "):
            imports.append(code("{}.model.{}", package, jtype))
        imports.extend(name for prefix, name in _EXAMPLE_IMPORTS if value.startswith(prefix))
        return value

    values = [value_of(arg.type) for arg in (example.short_args if example.short_args is not None else example.args)]
    full = list(values)
    if example.params_class is not None:
        first = example.params_class.fields[0]
        full.append(code("new {}().{}({})", example.params_class.type, first.name, value_of(first.type)))
        imports.append(code("{}.{}", package, example.params_class.type))
    return join(", ", values), join(", ", full), sorted(set(imports))


@dataclass(frozen=True)
class ExampleView:
    """A README example calling one operation (the first of its kind): its method, the required arguments, and
    the imports they need."""

    op: OperationView
    args: Code
    imports: tuple[Code, ...]


def _example_of(operations: list[OperationView], kinds: tuple[str, ...], types: Types,
                package: Code) -> ExampleView | None:
    """The README's example of the first operation of one of `kinds` (see _kind), or None when the spec has none."""
    op = next((view for view in operations if view.kind in kinds and not view.deprecated), None)
    if op is None:
        return None
    args, _, imports = _example(op, types, package)
    return ExampleView(op, args, tuple(imports))


# ---- the manifest ----------------------------------------------------------------------------------------------
def files(api: ir.ApiSpec, options: Options) -> list[OutputFile | RuntimeFile]:
    artifact, group, package = package_name(options, api)
    types = Types(api)
    models = [_model_view(m, types) for m in api.models]
    models = [dataclasses.replace(m, imports=_model_imports(m)) for m in models]
    methods = Scope()  # the client's own methods are kept out by unclashed()
    classes = _class_scope(types)
    operations = [_operation_view(op, types, methods, classes) for op in api.operations]
    groups = _group_views(api, operations, classes)
    scheme = api.credential_scheme
    example = next((op for op in operations if not op.deprecated), operations[0] if operations else None)
    example_args, example_full_args, example_imports = _example(example, types, package)
    params_classes = [op.params_class for op in operations if op.params_class is not None]
    streaming = {"paged_example": _example_of(operations, ("paged",), types, package),
                 "lro_example": _example_of(operations, ("lro",), types, package),
                 "stream_example": _example_of(operations, ("sse", "lines"), types, package),
                 "download_example": _example_of(operations, ("binary",), types, package)}
    model_names = {str(m.name): m.name for m in models}
    named = {id(op): _models_named(op, model_names) for op in operations}
    path = package.replace(".", "/")
    context = {
        "title_markdown": markdown_text(api.title),
        "version_markdown": markdown_text(api.version),
        "title_doc": doc(api.title),
        **_pom_metadata(api, options),
        "description_lines": doc_lines(api.description),
        "artifact_xml": pom_text(artifact),
        "artifact_markdown": markdown_text(artifact),
        "artifact_code": markdown_code(artifact),  # inside a fenced code block of the README
        "group_xml": pom_text(group),
        "package": package,
        "sdk_version_xml": pom_text(options.sdk_version),
        "sdk_version_code": markdown_code(options.sdk_version),
        "sdk_name_literal": string_literal(artifact),
        "sdk_version_literal": string_literal(options.sdk_version),
        "clientgen_version_literal": string_literal(__version__),
        "clientgen_version": Code(__version__),
        "base_url": literal(api.base_url),
        "has_base_url": bool(api.base_url),
        "base_url_doc": doc(api.base_url) if api.base_url else Code("none: pass one"),
        "raw_send_auth": auth(scheme),
        "models": models,
        "operations": operations,
        "groups": groups,
        "example": example,
        "example_args": example_args,
        "example_full_args": example_full_args,
        "example_imports": example_imports,
        **streaming,
        "streaming_imports": sorted({name for view in streaming.values() if view is not None for name in view.imports}),
        "client_imports": tuple(Code(name) for name in CLIENT_IMPORTS),
        "model_classes": sorted(frozenset().union(*named.values())),  # the models Client.java names
        "jackson_version": Code(JACKSON_VERSION),
    }
    out: list[OutputFile | RuntimeFile] = [
        OutputFile("pom.xml.j2", "pom.xml", context),
        OutputFile("README.md.j2", "README.md", context),
        OutputFile("Client.java.j2", f"src/main/java/{path}/Client.java", context),
        OutputFile("SdkInfo.java.j2", f"src/main/java/{path}/SdkInfo.java", context),
    ]
    for name in RUNTIME_SOURCES:
        out.append(RuntimeFile(f"{RUNTIME_FOLDER}/{name}.java", f"src/main/java/{path}/{name}.java",
                               {RUNTIME_PACKAGE: package}))
    for params in params_classes:
        out.append(OutputFile("Params.java.j2", f"src/main/java/{path}/{params.type}.java",
                              {**context, "params": params,
                               "model_classes": sorted(_models_named(params, model_names))}))
    for group_view in groups:
        imported = frozenset().union(*(named[id(op)] for op in group_view.operations))
        out.append(OutputFile("Operations.java.j2", f"src/main/java/{path}/{group_view.class_name}.java",
                              {**context, "group": group_view, "model_classes": sorted(imported)}))
    for model in models:
        template = {"enum": "Enum.java.j2", "union": "Union.java.j2"}.get(model.kind, "Model.java.j2")
        out.append(OutputFile(template, f"src/main/java/{path}/model/{model.name}.java", {**context, "model": model}))
    return out


JACKSON_VERSION = "2.21.8"

FILTERS = {"literal": literal, "string": string_literal, "doc": doc, "javadoc": javadoc, "comment": comment,
           "xml": xml_text}


format_files = with_lines_trimmed  # the templates emit formatted code

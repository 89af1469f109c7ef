"""The Go target: naming, type mapping, literals and the file manifest of a Go SDK (standard library only).

The SDK is one package in a module of its own: models.go (structs with their own MarshalJSON/UnmarshalJSON,
enums as typed constants, oneOf/anyOf unions as structs keeping the raw JSON value with a <Union>From<Variant>
constructor and an As<Variant> reader per variant), client.go (Client, NewClient, one method per operation),
runtime.go (options, errors, Nullable, parameters, bodies incl. multipart/form-data, auth, retries), go.mod and
README.md. Every decision about Go text (identifiers with initialisms, types with pointer / Nullable optionality,
literals, comments) is made here; the templates only lay it out. The templates emit gofmt-formatted code
themselves: struct fields are separated by blank lines (so gofmt has no columns to align) and constant blocks
are padded here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .. import __version__, ir
from ..config import Options
from ..naming import Scope, Words, split_words
from ..render import OutputFile

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
# The words written in capitals in Go names (golint's list): ItemID, BaseURL, RunMLService.
INITIALISMS = frozenset("""
ACL API ASCII CPU CSS DNS EOF GUID HTML HTTP HTTPS ID IP JSON LHS QPS RAM RHS RPC SLA SMTP SQL SSH TCP TLS TTL
UDP UI UID UUID URI URL UTF8 VM XML XMPP XSRF XSS
""".split())
# Exported names of runtime.go and client.go: models and constants never take them.
RUNTIME_NAMES = (
    "Client", "NewClient", "Option", "WithCredential", "WithTokenProvider", "WithHTTPClient", "WithTimeout",
    "WithMaxRetries", "WithUserAgent", "WithHeader", "TokenProvider", "TokenProviderFunc", "APIError",
    "TransportError", "TimeoutError", "DecodeError", "RawResponse", "Nullable", "NewNullable", "Null", "Ptr",
    "Date", "DefaultBaseURL", "DefaultTimeout", "DefaultMaxRetries", "SDKName", "SDKVersion",
)
# Methods of Client that operations must not take.
CLIENT_METHODS = ("Send", "BaseURL")
# Methods every model has: no field may take their names.
MODEL_METHODS = ("MarshalJSON", "UnmarshalJSON")
# Names the bodies of generated methods use: parameters never take them.
METHOD_LOCALS = ("c", "ctx", "req", "raw", "err", "out", "params", "body", "context", "io", "http", "time",
                 "newRequest", "errorCase", "decodeError", "decodeJSONResult", "decodeStringResult")

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
    """A joined name made legal: ASCII letters, digits and '_' only, never starting with a digit."""
    text = re.sub(r"[^A-Za-z0-9_]", "", text)
    if not text or not (text[0].isalpha() or text[0] == "_"):
        text = prefix + text
    return text


def exported(words: Words) -> str:
    """('run', 'ML', 'service') -> RunMLService; ('item', 'id') -> ItemID; ('1st',) -> N1st."""
    return _identifier("".join(_word(w) for w in words), "N")


def unexported(words: Words) -> str:
    """('item', 'id') -> itemID; ('ID',) -> id; keywords and predeclared names get a trailing '_'."""
    words = tuple(words) or ("value",)
    name = _identifier(_word(words[0], True) + "".join(_word(w) for w in words[1:]), "n")
    return name + "_" if name in KEYWORDS or name in PREDECLARED else name


def class_name(words: Words) -> str:
    return exported(words or ("model",))


def member_name(words: Words) -> str:
    return exported(words or ("value",))


def package_names(options: Options, api: ir.ApiSpec) -> tuple[str, str, str]:
    """(distribution, module path, package name): 'azml-client' -> ('azml-client', 'example.com/azml-client',
    'azmlclient')."""
    words = split_words(options.package_name) if options.package_name else split_words(api.title) + ("client",)
    words = words or ("api", "client")
    distribution = options.package_name or "-".join(w.lower() for w in words)
    package = re.sub(r"[^a-z0-9]", "", "".join(words).lower()) or "client"
    if package[0].isdigit():
        package = "x" + package
    if package in KEYWORDS or package in PREDECLARED or package in ("main", "init"):
        package += "pkg"
    module = options.go_module or f"example.com/{distribution}"
    return distribution, module, package


# ---- literals and comment text -------------------------------------------------------------------------------
def literal(value: object) -> str:
    """A Go literal for a JSON scalar from the spec: an interpreted string literal with every character that
    could end it or confuse a reader escaped; numbers and booleans as Go spells them."""
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if value == value and value not in (float("inf"), float("-inf")) else "0"
    out = ['"']
    for char in str(value):
        code = ord(char)
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\uFFFD")
        elif code < 0x10000:
            out.append(f"\\u{code:04X}")
        else:
            out.append(f"\\U{code:08X}")
    out.append('"')
    return "".join(out)


def _clean_lines(text: str) -> list[str]:
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(c if c == "\n" or (c.isprintable() and unicodedata.category(c) not in ("Cf", "Zl", "Zp"))
                   else " " for c in text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return [line for line in lines if line]


_DOUBLED_QUOTES = re.compile(r"(?<=')(?=')|(?<=`)(?=`)")


def doc(text: str, indent: str = "") -> str:
    """Spec text as `// ` comment lines (one paragraph, so gofmt never reformats it into a heading, list or
    code block); '' for no text. A line can never end the comment: every line starts with `// `."""
    lines = []
    for line in _clean_lines(text):
        if line.startswith(("+build", "go:", "line ", "export ", "extern ")):
            line = "- " + line  # never a build constraint or a directive
        line = _DOUBLED_QUOTES.sub(" ", line)  # gofmt would turn `` and '' into curly quotes
        lines.append(f"{indent}// {line}")
    return "\n".join(lines)


def comment(text: str) -> str:
    """Spec text on one line (README tables, headings)."""
    return " ".join(_clean_lines(text)).replace("`", "'")


# ---- types ---------------------------------------------------------------------------------------------------
class Types:
    """Go types for IR types, knowing the API's model names."""

    def __init__(self, api: ir.ApiSpec, scope: Scope):
        self.names = {model.name: scope.unique(class_name(model.words)) for model in api.models}
        self.kinds = {m.name: m for m in api.models}

    def type_name(self, t: ir.TypeRef) -> str:
        if isinstance(t, ir.Prim):
            return _PRIMS[t.kind]
        if isinstance(t, ir.Array):
            return "[]" + self.type_name(t.item)
        if isinstance(t, ir.Map):
            return "map[string]" + self.type_name(t.value)
        return self.names[t.name]

    def uses_time(self, t: ir.TypeRef | None) -> bool:
        return t is not None and "time.Time" in self.type_name(t)

    def field_type(self, t: ir.TypeRef, required: bool, nullable: bool) -> tuple[str, str]:
        """The one place that decides optionality: (Go type, how the field's presence is tested).

        The test is a format string over the field expression, '' when the field is always written:
        required -> T (nullable: *T, nil is null); optional nullable -> Nullable[T] (unset, null or a value);
        optional slice/map/any -> T (nil is unset); other optional -> *T (nil is unset).
        """
        name = self.type_name(t)
        nilable = name.startswith(_NILABLE)
        if required:
            return (name if nilable or not nullable else "*" + name), ""
        if nullable:
            return f"Nullable[{name}]", "{}.IsSet()"
        return (name if nilable else "*" + name), "{} != nil"


# ---- views the templates lay out -----------------------------------------------------------------------------
@dataclass(frozen=True)
class FieldView:
    name: str
    wire: str  # a Go literal
    type: str
    tag: str  # the whole struct tag, backquotes included
    present: str  # a Go condition, '' when always written
    doc: str


@dataclass(frozen=True)
class VariantView:
    name: str  # the accessor: AsCat
    factory: str  # the package-level constructor: PetFromCat
    type: str
    discriminator: str  # call arguments after the target: the discriminator's wire name and the values that
    # name other variants, as Go literals ("", when there is no discriminator)


@dataclass(frozen=True)
class ModelView:
    kind: str  # object, enum, union
    name: str
    doc: str
    fields: tuple[FieldView, ...] = ()
    extra: FieldView | None = None
    known: str = ""  # the wire names of fields, as Go literals joined by ', '
    enum_base: str | None = None
    members: tuple[tuple[str, str], ...] = ()  # enum constants: (padded name, literal)
    variants: tuple[VariantView, ...] = ()  # union variants
    raw_factory: str = ""  # union: the constructor from a raw JSON value


@dataclass(frozen=True)
class ParamView:
    name: str  # a local name (required) or a params struct field
    expr: str  # how the method body reads it
    wire: str  # literal
    location: str
    type: str
    style: str  # literal
    explode: str  # true/false
    doc: str  # comment lines for the params struct field


@dataclass(frozen=True)
class OperationView:
    name: str
    method: str  # literal
    path: str  # literal
    http_text: str  # method and path for the README
    doc: str
    signature: str  # the parameter list after the receiver
    returns: str  # "error" or "(T, error)"
    result_type: str | None
    result_kind: str  # none, json, string, text, binary
    params: tuple[ParamView, ...]  # every parameter, in the spec's order (the query keeps it)
    optional: tuple[ParamView, ...]  # fields of the params struct
    params_struct: str | None
    params_doc: str
    body_kind: str | None  # json, binary, text, form, multipart
    body_media_type: str  # literal
    body_parts: str  # multipart: a Go map literal of wire name -> part kind ("file", "text", "json"), or nil
    errors_expr: str  # the operation's error models: a []errorCase literal, or nil
    example_args: str  # README: arguments after ctx
    call_args: str = "ctx"  # the parameter names of the signature, to pass them on (a group's method)


@dataclass(frozen=True)
class GroupView:
    """The operations of one tag: a type holding the same methods as Client's (each passing its arguments on to
    the flat method), reached with an accessor method of Client: client.Pets().ListPets(ctx, nil)."""
    accessor: str  # the method of Client: Pets
    type_name: str  # PetsOperations
    doc: str  # of the type
    accessor_doc: str
    operations: tuple[OperationView, ...]


_TAG_SAFE = re.compile(r"[A-Za-z0-9!#$%&()*+./:;<=>?@\[\]^_{|}~-]+")


def _tag(wire: str, required: bool) -> str:
    if not _TAG_SAFE.fullmatch(wire) or wire == "-":
        return '`json:"-"`'
    return f'`json:"{wire}"`' if required else f'`json:"{wire},omitempty"`'


def _field_doc(text: str, default: object) -> str:
    if default is not ir.NO_DEFAULT:
        shown = default if isinstance(default, (str, int, float, bool)) or default is None else str(default)
        text = f"{text} (the service's default: {literal(shown)})".strip()
    return doc(text, "\t")


def _model_view(model: ir.Model, types: Types, constants: Scope) -> ModelView:
    name = types.names[model.name]
    if isinstance(model, ir.EnumModel):
        base = _PRIMS[model.base]
        names = [constants.unique(name + exported(v.words or ("empty",))) for v in model.values]
        width = max((len(n) for n in names), default=0)
        members = tuple((n.ljust(width), literal(v.value)) for n, v in zip(names, model.values))
        return ModelView("enum", name, doc(model.description or f"{name} is an enumeration of the API."),
                         enum_base=base, members=members)
    if isinstance(model, ir.UnionModel):
        return _union_view(model, name, types, constants)
    scope = Scope([(m,) for m in MODEL_METHODS])
    fields = []
    for f in model.fields:
        go_type, present = types.field_type(f.type, f.required, f.nullable)
        member = scope.unique(member_name(f.words))
        fields.append(FieldView(member, literal(f.wire), go_type, _tag(f.wire, f.required),
                                present.format("m." + member) if present else "", _field_doc(f.description,
                                                                                          f.default)))
    extra = None
    if model.additional is not None:
        member = scope.unique("AdditionalProperties")
        extra = FieldView(member, "", "map[string]" + types.type_name(model.additional), '`json:"-"`', "",
                          f"\t// {member} holds the fields the spec does not name.")
    known = ", ".join(f.wire for f in fields)
    return ModelView("object", name, doc(model.description or f"{name} is a model of the API."), tuple(fields),
                     extra, known)


def _union_view(model: ir.UnionModel, name: str, types: Types, package_scope: Scope) -> ModelView:
    """A oneOf/anyOf: a struct holding the raw JSON value, a constructor per variant (package scope, so a model
    named like one pushes it to a suffix) and an As<Variant> reader per variant."""
    scope = Scope([("raw",)])  # <Union>FromRaw is the constructor from a raw value
    variants = []
    for index, v in enumerate(model.variants):
        member = scope.unique(member_name(v.words))
        arguments = literal(model.discriminator or "")
        others = [value for value, target in model.mapping if target != index]
        if model.discriminator and others:
            arguments += ", " + ", ".join(literal(value) for value in others)
        variants.append(VariantView("As" + member, package_scope.unique(name + "From" + member),
                                    types.type_name(v.type), arguments))
    raw_factory = package_scope.unique(name + "FromRaw")
    factories = [v.factory for v in variants]
    readers = [v.name for v in variants]
    how = (f"It keeps the JSON value as it was read (nothing is lost when no shape fits): make it with "
           f"{_either(factories + [raw_factory])}, read it with {_either(readers)} (false when the value is not "
           f"that shape) or Raw.")
    if not variants:
        how = f"It holds a JSON value as read: make it with {raw_factory}, read it with Raw."
    text = model.description or f"{name} is one of several shapes."
    return ModelView("union", name, doc(f"{text}\n{how}"), variants=tuple(variants), raw_factory=raw_factory)


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _zero_example(type_name: str, package: str, types: Types) -> str:
    """A Go expression of type_name for the README's example call (placeholders that compile)."""
    enums = {types.names[m.name]: m for m in types.kinds.values() if isinstance(m, ir.EnumModel)}
    if type_name in enums:
        return '""' if enums[type_name].base is ir.PrimKind.STRING else "0"
    if type_name == "string":
        return '"..."'
    if type_name in ("int32", "int64", "float32", "float64"):
        return "0"
    if type_name == "bool":
        return "false"
    if type_name == "io.Reader":
        return 'strings.NewReader("...")'
    if type_name.startswith(("[]", "map[", "*")) or type_name == "any":
        return "nil"
    if type_name == "time.Time":
        return "time.Now()"
    return f"{package}.{type_name}{{}}"


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


def _multipart_parts(t: ir.TypeRef, types: Types) -> tuple[tuple[str, str], ...]:
    """(wire name, part kind) of each field of a multipart body's model; other keys are decided by their value
    (a string is text, the rest JSON)."""
    model = types.kinds.get(t.name) if isinstance(t, ir.Named) else None
    if not isinstance(model, ir.ObjectModel):
        return ()
    return tuple((f.wire, _part_kind(f.type, types)) for f in model.fields)


def _operation_view(op: ir.Operation, name: str, types: Types, type_scope: Scope, package: str) -> OperationView:
    locals_scope = Scope([(n,) for n in METHOD_LOCALS])
    params_name = None
    optional_params = [p for p in op.parameters if not p.required]
    if optional_params:
        params_name = type_scope.unique(name + "Params")
    field_scope = Scope()
    params, optional = [], []
    signature = ["ctx context.Context"]
    call_args = ["ctx"]
    example = []
    described = []
    for p in op.parameters:
        go_type = types.type_name(p.type)
        common = dict(wire=literal(p.wire), location=p.location.value, style=literal(p.style),
                      explode="true" if p.explode else "false")
        if p.required:
            local = locals_scope.unique(unexported(p.words))
            view = ParamView(local, local, type=go_type, doc="", **common)
            signature.append(f"{local} {go_type}")
            call_args.append(local)
            if p.description:
                described.append(f"{local}: {p.description.strip()}")
            example.append(_zero_example(go_type, package, types))
            params.append(view)
        else:
            field = field_scope.unique(member_name(p.words))
            field_type = go_type if go_type.startswith(_NILABLE) else "*" + go_type
            view = ParamView(field, "params." + field, type=field_type, doc=doc(p.description, "\t"), **common)
            optional.append(view)
            params.append(view)
    body_kind, media_type = None, '""'
    if op.body is not None:
        body_kind = op.body.kind.value
        media = op.body.media_type if "*" not in op.body.media_type else {
            ir.BodyKind.JSON: "application/json", ir.BodyKind.TEXT: "text/plain"}.get(
            op.body.kind, "application/octet-stream")
        media_type = literal(media)
        body_type = {ir.BodyKind.BINARY: "io.Reader", ir.BodyKind.TEXT: "string"}.get(
            op.body.kind, types.type_name(op.body.type))
        signature.append(f"body {body_type}")
        call_args.append("body")
        example.append(_zero_example(body_type, package, types))
    parts = _multipart_parts(op.body.type, types) if op.body and op.body.kind is ir.BodyKind.MULTIPART else ()
    if params_name:
        signature.append(f"params *{params_name}")
        call_args.append("params")
        example.append("nil")
    success = op.success
    if success is None or success.type is None:
        result_type, kind = None, "none"
    elif success.kind is ir.BodyKind.BINARY:
        result_type, kind = "[]byte", "binary"
    elif success.kind is ir.BodyKind.TEXT:
        result_type, kind = "string", "text"
    else:
        result_type = types.type_name(success.type)
        kind = "string" if result_type == "string" else "json"
    errors = []
    for r in op.errors:
        if r.kind is ir.BodyKind.JSON and r.type is not None:
            message_key = ""
            if isinstance(r.type, ir.Named):
                model = types.kinds[r.type.name]
                if isinstance(model, ir.ObjectModel):
                    message_key = next((f.wire for f in model.fields if tuple(w.lower() for w in f.words) ==
                                        ("message",) and f.type == ir.Prim(ir.PrimKind.STRING)), "")
            errors.append(f"{{{literal(r.status)}, decodeError[{types.type_name(r.type)}], {literal(message_key)}}}")
    text = " ".join(t for t in (op.summary, op.description) if t)
    return OperationView(
        name=name,
        method=literal(op.method),
        path=literal(op.path),
        http_text=comment(f"{op.method} {op.path}").replace("|", "\\|"),
        doc=doc("\n".join([f"{name} calls {op.method} {op.path}. {text}".strip()] + described)),
        signature=", ".join(signature),
        returns=f"({result_type}, error)" if result_type else "error",
        result_type=result_type,
        result_kind=kind,
        params=tuple(params),
        optional=tuple(optional),
        params_struct=params_name,
        params_doc=doc(f"{params_name} holds the optional parameters of {name}; nil fields are not sent.")
        if params_name else "",
        body_kind=body_kind,
        body_media_type=media_type,
        body_parts="map[string]string{" + ", ".join(f"{literal(w)}: {literal(k)}" for w, k in parts) + "}"
        if parts else "nil",
        errors_expr="[]errorCase{" + ", ".join(errors) + "}" if errors else "nil",
        example_args=", ".join(["ctx"] + example),
        call_args=", ".join(call_args),
    )


def _group_views(api: ir.ApiSpec, operations: list[OperationView], op_scope: Scope,
                 type_scope: Scope) -> list[GroupView]:
    """Per tag, a type <Tag>Operations (package scope: unique against models, constants, params structs and the
    runtime's names) and an accessor method of Client (unique against Client's methods and the operations).
    Called after every other name is settled, so groups never rename anything."""
    by_words = {op.words: view for op, view in zip(api.operations, operations)}
    groups = []
    for group in api.groups:
        accessor = op_scope.unique(exported(group.words or ("operations",)))
        type_name = type_scope.unique(exported((group.words or ("tag",)) + ("Operations",)))
        description = group.description or ""
        groups.append(GroupView(
            accessor=accessor,
            type_name=type_name,
            doc=doc(f"{type_name} holds the operations tagged {literal(group.tag)}, reached with "
                    f"Client.{accessor}(): the same methods as Client's, sending the same requests. "
                    f"{description}".strip()),
            accessor_doc=doc(f"{accessor} returns the operations tagged {literal(group.tag)}."),
            operations=tuple(by_words[words] for words in group.operations),
        ))
    return groups


def _model_types(api: ir.ApiSpec) -> list[ir.TypeRef | None]:
    """Every type models.go spells: fields, extra properties, union variants."""
    found: list[ir.TypeRef | None] = []
    for m in api.models:
        if isinstance(m, ir.ObjectModel):
            found += [f.type for f in m.fields] + [m.additional]
        elif isinstance(m, ir.UnionModel):
            found += [v.type for v in m.variants]
    return found


# ---- the manifest ----------------------------------------------------------------------------------------------
def files(api: ir.ApiSpec, options: Options) -> list[OutputFile]:
    distribution, module, package = package_names(options, api)
    type_scope = Scope([(n,) for n in RUNTIME_NAMES])
    types = Types(api, type_scope)
    op_scope = Scope([(n,) for n in CLIENT_METHODS])
    # Operation names are unique in the IR; Client's own methods push a clashing one to a suffix.
    operations = [_operation_view(op, op_scope.unique(exported(op.words)), types, type_scope, package)
                  for op in api.operations]
    constants = type_scope  # enum constants share the package scope with the types
    models = [_model_view(m, types, constants) for m in api.models]
    groups = _group_views(api, operations, op_scope, type_scope)
    scheme = api.credential_scheme
    models_time = any(types.uses_time(t) for t in _model_types(api))
    models_json = any(isinstance(m, ir.UnionModel) for m in api.models)
    client_imports = ["context", "net/http"]
    if any(op.body_kind == "binary" for op in operations):
        client_imports.append("io")
    if any("time.Time" in op.signature or "time.Time" in (op.result_type or "") or
           any("time.Time" in p.type for p in op.optional) for op in operations):
        client_imports.append("time")
    example = operations[0] if operations else None
    readme_imports = ["context", "errors", "fmt", "log"]
    if example and "strings.NewReader" in example.example_args:
        readme_imports.append("strings")
    if example and "time.Now()" in example.example_args:
        readme_imports.append("time")
    context = {
        "api": api,
        "title": comment(api.title),
        "title_doc": doc(f"Package {package} is a client for {api.title}."),
        "description_doc": doc(api.description),
        "distribution": distribution,
        "module": module,
        "package": package,
        "sdk_version": options.sdk_version,
        "clientgen_version": __version__,
        "base_url": literal(api.base_url or ""),
        "base_url_text": comment(api.base_url or "none: pass one to NewClient"),
        "auth_name": literal(scheme.param_name),
        "auth_prefix": literal(scheme.prefix),
        "auth_location": literal(scheme.location.value),
        "auth_text": comment(f"{scheme.param_name} ({scheme.location.value}) as {scheme.prefix}<value>"),
        "models": models,
        "models_imports": sorted((["time"] if models_time else []) + (["encoding/json"] if models_json else [])),
        "operations": operations,
        "groups": groups,
        "client_imports": sorted(client_imports),
        "example": example,
        "readme_imports": sorted(readme_imports),
        "go_directive": "1.21",
    }
    return [
        OutputFile("go.mod.j2", "go.mod", context),
        OutputFile("README.md.j2", "README.md", context),
        OutputFile("doc.go.j2", "doc.go", context),
        OutputFile("models.go.j2", "models.go", context),
        OutputFile("client.go.j2", "client.go", context),
        OutputFile("runtime.go.j2", "runtime.go", context),
    ]


FILTERS = {"literal": literal, "doc": doc, "comment": comment}


def format_file(path: str, text: str) -> str:
    """The templates emit gofmt-formatted Go; nothing runs here, so output never depends on the PATH."""
    return text

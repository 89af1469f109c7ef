"""The Python target: naming, type mapping, literals and the file manifest of a Python SDK.

The SDK is a package `<name>/` with dataclass models (models.py), a sync and an async client (client.py),
errors (errors.py) and the HTTP runtime (_runtime.py, on httpx). Every decision about Python text (identifiers,
annotations, codecs, literals, doc strings) is made here; the templates only lay it out.
"""

from __future__ import annotations

import hashlib
import json
import os
import keyword
import platform
from dataclasses import dataclass
from pathlib import Path

from .. import __version__, ir
from ..config import Options
from ..naming import Scope, Words, pascal, snake, split_words
from ..render import OutputFile

NAME = "python"

KEYWORDS = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | {"self", "cls"}
# Names a field must not take: the builtin types that annotations use would be shadowed in the class body.
_SHADOWED = frozenset({"str", "int", "float", "bool", "bytes", "list", "dict", "to_dict", "from_dict"})
# Names the package exports besides its models.
_PACKAGE_NAMES = ("Client", "AsyncClient", "ApiError", "ClientError", "TransportError", "RequestTimeoutError",
                  "ResponseDecodeError", "RawResponse", "TokenProvider", "models", "errors", "client")

_PRIMS = {  # kind -> (annotation, codec)
    ir.PrimKind.STRING: ("str", "_rt.STRING"),
    ir.PrimKind.INT32: ("int", "_rt.INT"),
    ir.PrimKind.INT64: ("int", "_rt.INT"),
    ir.PrimKind.FLOAT: ("float", "_rt.FLOAT"),
    ir.PrimKind.DOUBLE: ("float", "_rt.FLOAT"),
    ir.PrimKind.BOOL: ("bool", "_rt.BOOL"),
    ir.PrimKind.DATE: ("_dt.date", "_rt.DATE"),
    ir.PrimKind.DATETIME: ("_dt.datetime", "_rt.DATETIME"),
    ir.PrimKind.UUID: ("_uuid.UUID", "_rt.UUID"),
    ir.PrimKind.BYTES: ("bytes", "_rt.BYTES"),
    ir.PrimKind.BINARY: ("bytes", "_rt.BYTES"),
    ir.PrimKind.ANY: ("_t.Any", "_rt.ANY"),
}


# ---- names ---------------------------------------------------------------------------------------------------
def identifier(text: str, prefix: str = "n") -> str:
    """Any joined name -> a legal Python identifier (a leading digit gets a prefix)."""
    if not text or not (text[0].isalpha() or text[0] == "_"):
        text = prefix + text
    return text


def member_name(words: Words) -> str:
    name = identifier(snake(words))
    return name + "_" if name in KEYWORDS or name in _SHADOWED else name


def class_name(words: Words) -> str:
    name = identifier(pascal(words), "N")
    return name + "Model" if name in _PACKAGE_NAMES or name in KEYWORDS else name


def constant_name(words: Words) -> str:
    name = identifier(snake(words).upper(), "N")
    return name + "_" if keyword.iskeyword(name) else name


def package_name(options: Options, api: ir.ApiSpec) -> tuple[str, str]:
    """(distribution name, import name): 'azml-client' -> ('azml-client', 'azml_client')."""
    words = split_words(options.package_name) if options.package_name else split_words(api.title) + ("client",)
    words = words or ("api", "client")
    import_name = member_name(words)
    distribution = options.package_name or "-".join(w.lower() for w in words)
    return distribution, import_name


# ---- literals and doc text -----------------------------------------------------------------------------------
def literal(value: object) -> str:
    """A Python literal for a JSON value from the spec; repr() of str/int/float is always a safe literal."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    return repr(str(value))


def doc(text: str) -> str:
    """Spec text made safe inside a triple-quoted doc string (no escape, no closing quotes, printable)."""
    text = "".join(c if c.isprintable() or c == "\n" else " " for c in str(text).replace("\r\n", "\n"))
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').strip()
    if text.endswith('"'):
        text += " "
    return text


def comment(text: str) -> str:
    """Spec text on one comment line."""
    return " ".join(str(text).split())


# ---- types ---------------------------------------------------------------------------------------------------
class Types:
    """Annotations and codec expressions for IR types, knowing the API's model names."""

    def __init__(self, api: ir.ApiSpec):
        scope = Scope([(n,) for n in _PACKAGE_NAMES])
        self.names = {model.name: scope.unique(class_name(model.words)) for model in api.models}
        self.kinds = {m.name: m for m in api.models}

    def annotation(self, t: ir.TypeRef) -> str:
        if isinstance(t, ir.Prim):
            return _PRIMS[t.kind][0]
        if isinstance(t, ir.Array):
            return f"list[{self.annotation(t.item)}]"
        if isinstance(t, ir.Map):
            return f"dict[str, {self.annotation(t.value)}]"
        return self.names[t.name]

    def codec(self, t: ir.TypeRef, models_prefix: str = "") -> str:
        if isinstance(t, ir.Prim):
            return _PRIMS[t.kind][1]
        if isinstance(t, ir.Array):
            return f"_rt.ArrayCodec({self.codec(t.item, models_prefix)})"
        if isinstance(t, ir.Map):
            return f"_rt.MapCodec({self.codec(t.value, models_prefix)})"
        wrapper = {ir.EnumModel: "_rt.EnumCodec", ir.UnionModel: "_rt.UnionCodec"}.get(type(self.kinds[t.name]),
                                                                                        "_rt.ModelCodec")
        return f"{wrapper}({models_prefix}{self.names[t.name]})"


# ---- views the templates lay out -----------------------------------------------------------------------------
@dataclass(frozen=True)
class FieldView:
    name: str
    wire: str
    annotation: str  # with optionality decided
    default: str | None  # a default expression, or None when the caller must pass it
    codec: str
    required: bool
    nullable: bool
    doc: str


@dataclass(frozen=True)
class VariantView:
    name: str  # accessor suffix: as_<name>, from_<name>
    annotation: str
    codec: str


@dataclass(frozen=True)
class ModelView:
    kind: str  # object, enum, union
    name: str
    doc: str
    fields: tuple[FieldView, ...] = ()
    extra: FieldView | None = None  # additionalProperties, kept in a dict
    enum_base: str = ""  # "str" or "int" for enums
    members: tuple[tuple[str, str], ...] = ()  # enum members: (NAME, literal)
    variants: tuple[VariantView, ...] = ()  # union variants
    discriminator: str = "None"  # a literal: the discriminator's wire name, or None
    mapping: str = "{}"  # a literal: discriminator value -> variant index


@dataclass(frozen=True)
class ParamView:
    name: str
    wire: str
    location: str
    annotation: str
    default: str | None
    codec: str
    style: str
    explode: bool
    doc: str


@dataclass(frozen=True)
class BodyView:
    name: str
    annotation: str
    default: str | None
    kind: str  # json, binary, text, form
    media_type: str
    codec: str


@dataclass(frozen=True)
class OperationView:
    name: str
    method: str
    path: str
    doc: str
    positional: tuple[ParamView | BodyView, ...]
    keyword: tuple[ParamView | BodyView, ...]
    params: tuple[ParamView, ...]
    body: BodyView | None
    returns: str
    result_kind: str  # none, json, binary, text
    result_codec: str
    errors: tuple[tuple[str, str], ...]  # (status pattern, codec)


def _field_annotation(annotation: str, required: bool, nullable: bool) -> tuple[str, str | None]:
    """The one place that decides how optional and nullable values are typed and defaulted."""
    if required:
        return (f"{annotation} | None" if nullable else annotation), None
    if nullable:
        return f"{annotation} | None | _rt.Unset", "_rt.UNSET"
    return f"{annotation} | None", "None"


def _model_view(model: ir.Model, types: Types) -> ModelView:
    name = types.names[model.name]
    if isinstance(model, ir.EnumModel):
        scope = Scope()
        members = tuple((scope.unique(constant_name(v.words), "_"), literal(v.value)) for v in model.values)
        return ModelView("enum", name, doc(model.description),
                         enum_base="str" if model.base is ir.PrimKind.STRING else "int", members=members)
    if isinstance(model, ir.UnionModel):
        scope = Scope([("raw",)])
        variants = tuple(VariantView(scope.unique(snake(v.words), "_"), types.annotation(v.type),
                                     types.codec(v.type)) for v in model.variants)
        return ModelView("union", name, doc(model.description), variants=variants,
                         discriminator=literal(model.discriminator), mapping=literal(dict(model.mapping)))
    scope = Scope()
    fields = []
    for f in model.fields:
        annotation, default = _field_annotation(types.annotation(f.type), f.required, f.nullable)
        text = f.description
        if f.default is not ir.NO_DEFAULT:
            text = f"{text}\n\nThe service's default: {literal(f.default)}".strip()
        fields.append(FieldView(scope.unique(member_name(f.words), "_"), f.wire, annotation,
                                default, types.codec(f.type), f.required, f.nullable, doc(text)))
    extra = None
    if model.additional is not None:
        extra = FieldView(scope.unique("additional_properties", "_"), "", f"dict[str, {types.annotation(model.additional)}]",
                          "_dc.field(default_factory=dict)", types.codec(model.additional), False, False,
                          "Properties beyond the ones the spec names.")
    return ModelView("object", name, doc(model.description), tuple(fields), extra)


def _operation_view(op: ir.Operation, types: Types) -> OperationView:
    scope = Scope([("self",), ("body",), ("_rt",), ("_t",), ("_m",)])
    params = []
    for p in op.parameters:
        annotation = types.annotation(p.type)
        params.append(ParamView(scope.unique(member_name(p.words), "_"), p.wire,
                                p.location.value, annotation if p.required else f"{annotation} | None",
                                None if p.required else "None", types.codec(p.type), p.style, p.explode,
                                doc(p.description)))
    body = None
    if op.body is not None:
        kind = op.body.kind
        annotation = {ir.BodyKind.BINARY: "bytes | _t.BinaryIO", ir.BodyKind.TEXT: "str"}.get(
            kind, types.annotation(op.body.type))
        media_type = op.body.media_type if "*" not in op.body.media_type else {
            ir.BodyKind.JSON: "application/json", ir.BodyKind.TEXT: "text/plain"}.get(kind, "application/octet-stream")
        body = BodyView("body", annotation if op.body.required else f"{annotation} | None",
                        None if op.body.required else "None", kind.value, media_type, types.codec(op.body.type))
    required = tuple(p for p in params if p.default is None)
    optional = tuple(p for p in params if p.default is not None)
    positional: tuple[ParamView | BodyView, ...] = required + ((body,) if body else ())
    success = op.success
    if success is None or success.type is None:
        returns, result_kind, result_codec = "None", "none", "_rt.ANY"
    elif success.kind is ir.BodyKind.BINARY:
        returns, result_kind, result_codec = "bytes", "binary", "_rt.BYTES"
    elif success.kind is ir.BodyKind.TEXT:
        returns, result_kind, result_codec = "str", "text", "_rt.STRING"
    else:
        returns, result_kind, result_codec = types.annotation(success.type), "json", types.codec(success.type)
    errors = tuple((r.status, types.codec(r.type)) for r in op.errors if r.kind is ir.BodyKind.JSON and r.type)
    text = "\n\n".join(t for t in (op.summary, op.description) if t)
    lines = [doc(text)] if text else []
    for p in params:
        if p.doc:
            lines.append(f"{p.name}: {p.doc}")
    return OperationView(member_name(op.words), op.method, op.path, "\n".join(lines), positional, optional,
                         tuple(params), body, returns, result_kind, result_codec, errors)


@dataclass(frozen=True)
class GroupView:
    attribute: str  # client.<attribute>
    class_name: str  # <Tag>Operations
    async_class_name: str  # Async<Tag>Operations
    doc: str
    operations: tuple[OperationView, ...]


_CLIENT_MEMBERS = ("send", "close", "aclose", "base_url")


def _group_views(api: ir.ApiSpec, types: Types, operations: list[OperationView]) -> list[GroupView]:
    """Per tag, a class holding the same methods, reached as an attribute of the client (client.pets.list_pets())."""
    by_words = {op.words: view for op, view in zip(api.operations, operations)}
    attributes = Scope([(name,) for name in _CLIENT_MEMBERS] + [(view.name,) for view in operations])
    classes = Scope([(name,) for name in _PACKAGE_NAMES] + [(name,) for name in types.names.values()])
    groups = []
    for group in api.groups:
        class_name = classes.unique(class_name_of_group(group.words))
        groups.append(GroupView(attributes.unique(member_name(group.words), "_"), class_name,
                                classes.unique("Async" + class_name),
                                doc(group.description or f"The operations tagged {group.tag!r}."),
                                tuple(by_words[words] for words in group.operations)))
    return groups


def class_name_of_group(words: Words) -> str:
    return class_name(words + ("Operations",))


# ---- the README's example -------------------------------------------------------------------------------------
_EXAMPLES = {
    ir.PrimKind.STRING: "'text'", ir.PrimKind.INT32: "1", ir.PrimKind.INT64: "1", ir.PrimKind.FLOAT: "1.0",
    ir.PrimKind.DOUBLE: "1.0", ir.PrimKind.BOOL: "True", ir.PrimKind.DATE: "datetime.date(2024, 1, 31)",
    ir.PrimKind.DATETIME: "datetime.datetime(2024, 1, 31, tzinfo=datetime.timezone.utc)",
    ir.PrimKind.UUID: "uuid.UUID(int=1)", ir.PrimKind.BYTES: "b'data'", ir.PrimKind.BINARY: "b'data'",
    ir.PrimKind.ANY: "{}",
}


def example_value(t: ir.TypeRef, api: ir.ApiSpec, types: Types, used: set[str], depth: int = 0) -> str:
    """A Python expression of type t for the README: required fields filled (or the first field), 3 levels deep."""
    if isinstance(t, ir.Prim):
        return _EXAMPLES[t.kind]
    if isinstance(t, ir.Array):
        return f"[{example_value(t.item, api, types, used, depth + 1)}]" if depth < 3 else "[]"
    if isinstance(t, ir.Map):
        return f"{{'key': {example_value(t.value, api, types, used, depth + 1)}}}" if depth < 3 else "{}"
    model = api.model(t.name)
    name = types.names[t.name]
    used.add(name)
    if isinstance(model, ir.EnumModel):
        return f"{name}({literal(model.values[0].value)})"
    if isinstance(model, ir.UnionModel):
        variant = _model_view(model, types).variants[0]
        return f"{name}.from_{variant.name}({example_value(model.variants[0].type, api, types, used, depth + 1)})"
    view = _model_view(model, types)
    chosen = [f for f in view.fields if f.required] or list(view.fields[:1])
    if depth >= 3:
        chosen = [f for f in view.fields if f.required]
    args = ", ".join(f"{f.name}={example_value(mf.type, api, types, used, depth + 1)}"
                     for f, mf in zip(view.fields, model.fields) if f in chosen)
    return f"{name}({args})"


def _example(api: ir.ApiSpec, types: Types, operation: OperationView | None) -> tuple[str, tuple[str, ...]]:
    """(call arguments, model names to import) for the first operation."""
    if operation is None:
        return "", ()
    op = api.operations[0]
    used: set[str] = set()
    params = {p.words: p for p in op.parameters}
    args = []
    for arg, p in zip(operation.positional, list(params.values()) + ([op.body] if op.body else [])):
        if isinstance(arg, BodyView):
            kind = op.body.kind
            args.append("b'...'" if kind is ir.BodyKind.BINARY else "'text'" if kind is ir.BodyKind.TEXT
                        else example_value(op.body.type, api, types, used))
        else:
            args.append(example_value(p.type, api, types, used))
    return ", ".join(args), tuple(sorted(used))


# ---- the manifest ----------------------------------------------------------------------------------------------
def files(api: ir.ApiSpec, options: Options) -> list[OutputFile]:
    distribution, package = package_name(options, api)
    types = Types(api)
    models = [_model_view(m, types) for m in api.models]
    operations = [_operation_view(op, types) for op in api.operations]
    scheme = api.credential_scheme
    example = next((op for op in operations), None)
    example_args, example_models = _example(api, types, example)
    context = {
        "api": api,
        "title": comment(api.title),
        "description": doc(api.description),
        "distribution": distribution,
        "package": package,
        "sdk_version": options.sdk_version,
        "clientgen_version": __version__,
        "base_url": literal(api.base_url),
        "auth_header": literal(scheme.param_name),
        "auth_prefix": literal(scheme.prefix),
        "auth_in_query": scheme.location is ir.ParamLocation.QUERY,
        "auth_name_text": doc(scheme.param_name),
        "auth_value_text": doc(scheme.prefix + "<value>"),
        "models": models,
        "operations": operations,
        "groups": _group_views(api, types, operations),
        "example": example,
        "example_args": example_args,
        "example_models": example_models,
        "example_modules": tuple(m for m in ("datetime", "uuid") if m + "." in example_args),
        "python_requires": ">=3.10",
        "generator_python": platform.python_version(),
    }
    return [
        OutputFile("pyproject.toml.j2", "pyproject.toml", context),
        OutputFile("README.md.j2", "README.md", context),
        OutputFile("__init__.py.j2", f"{package}/__init__.py", context),
        OutputFile("models.py.j2", f"{package}/models.py", context),
        OutputFile("client.py.j2", f"{package}/client.py", context),
        OutputFile("errors.py.j2", f"{package}/errors.py", context),
        OutputFile("_runtime.py.j2", f"{package}/_runtime.py", context),
        OutputFile("py.typed.j2", f"{package}/py.typed", context),
    ]


FILTERS = {"literal": literal, "doc": doc, "comment": comment, "toml": json.dumps}


_CHUNKED_ABOVE = 200_000  # characters; smaller files are formatted whole
_STATEMENTS_PER_CHUNK = 100


def _chunks(text: str) -> list[str]:
    """The module cut between top-level statements (found by the parser, so a string is never split): the header
    up to the first class or function, then groups of _STATEMENTS_PER_CHUNK statements."""
    import ast

    body = ast.parse(text).body
    starts = [min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])]) - 1 for node in body]
    definitions = [i for i, node in enumerate(body)
                   if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))]
    first = definitions[0] if definitions else len(body)
    lines = text.splitlines(keepends=True)
    cuts = sorted({0, len(lines), *starts[first::_STATEMENTS_PER_CHUNK]})
    parts = ("".join(lines[a:b]) for a, b in zip(cuts, cuts[1:]))
    return [part.strip("\n") + "\n" for part in parts if part.strip()]


def _black(chunk: str) -> str:
    import black

    return black.format_str(chunk, mode=black.Mode(target_versions={black.TargetVersion.PY310}))


def _formatted_chunk(chunk: str) -> str:
    """black's output for one top-level statement group, from ~/.cache/clientgen/black when seen before."""
    import black

    digest = hashlib.sha256(f"{black.__version__}\0py310\0{chunk}".encode()).hexdigest()
    cached = _CACHE / digest[:2] / digest
    try:
        return cached.read_text(encoding="utf-8")
    except OSError:
        pass
    result = _black(chunk)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}")
        temporary.write_text(result, encoding="utf-8")
        os.replace(temporary, cached)
    except OSError:
        pass  # a read-only or full cache only costs time
    return result


_CACHE = Path.home() / ".cache" / "clientgen" / "black"


def format_file(path: str, text: str) -> str:
    """black, in-process, on Python files; other files as rendered.

    A large module (a spec with thousands of models) is cut between top-level statements, each part is formatted on its own (cached by content, in parallel on the machine's cores) and the parts are
    joined with two blank lines, which is how black separates top-level definitions. A file so made is as black
    leaves it (the tests run `black --check` on it)."""
    if not path.endswith(".py"):
        return text
    if len(text) < _CHUNKED_ABOVE:
        return _black(text)
    chunks = _chunks(text)
    workers = min(os.cpu_count() or 1, 8)
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers) as pool:
            parts = list(pool.map(_formatted_chunk, chunks, chunksize=64))
    else:
        parts = [_formatted_chunk(chunk) for chunk in chunks]
    return "\n\n".join(parts)

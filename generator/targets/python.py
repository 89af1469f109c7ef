"""The Python target: naming, type mapping, literals and the file manifest of a Python SDK.

The SDK is a package `<name>/` with dataclass models (models/, one module per model, loaded on first use through
the package's PEP 562 `__getattr__`, as the package's own names are), a sync and an async client (client.py),
what differs per SDK for its runtime (_sdkinfo.py), and the runtime: errors.py and the HTTP runtime on httpx
(_runtime.py and the modules it names), real Python source in runtime/python/clientgen_runtime/ copied as it is
(relative imports: no name to substitute). A paged operation's method returns the runtime's Pager, a long-running
one's `begin_` method its Poller, a streamed one's a Stream, and a binary answer gets a second `_stream` method
(a ByteStream). Every decision about Python text (identifiers, annotations, codecs, literals, doc strings) is made
here; the templates only lay it out.
"""

from __future__ import annotations

import dataclasses
import hashlib
import keyword
import os
from dataclasses import dataclass
from pathlib import Path

from .. import __version__, ir
from ..config import Options
from ..errors import Diagnostic
from ..naming import Scope, Words, pascal, snake, split_ascii_words, type_name
from ..packs import read_pack, write_pack
from ..render import Code, OutputFile, RuntimeFile, TemplateError, code, join
from ..textformats import markdown_code, markdown_text, toml_string, unprintable_to_space
from ..write import write_new_files
from . import author, summary

NAME = "python"

KEYWORDS = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | {"self", "cls"}
# Names a field must not take: the builtin types that annotations use would be shadowed in the class body.
_SHADOWED = frozenset({"str", "int", "float", "bool", "bytes", "list", "dict", "to_dict", "from_dict"})
# Names the package exports besides its models.
_PACKAGE_NAMES = ("Client", "AsyncClient", "ApiError", "ClientError", "TransportError", "RequestTimeoutError",
                  "ResponseDecodeError", "CredentialError", "RawResponse", "TokenProvider", "AsyncTokenProvider",
                  "TokenCredential", "AsyncTokenCredential", "AzureMLCredential", "RequestOptions",
                  "BasicCredential", "basic", "UNSET", "Unset", "models", "errors", "client", "OperationFailedError",
                  "Pager", "AsyncPager", "Poller", "AsyncPoller", "Stream", "AsyncStream", "ServerSentEvent",
                  "ByteStream", "AsyncByteStream")
# The runtime's modules (runtime/python/clientgen_runtime/), copied into every SDK package; its __init__.py and
# _sdkinfo.py there are test stand-ins for the SDK's own (templates __init__.py.j2 and _sdkinfo.py.j2).
RUNTIME_MODULES = ("errors.py", "_codecs.py", "_wire.py", "_transport.py", "_paging.py", "_polling.py", "_streams.py",
                   "_azureml.py", "_runtime.py")

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


def member_name(words: Words) -> Code:
    name = identifier(snake(words))
    return Code(name + "_" if name in KEYWORDS or name in _SHADOWED else name)


def class_name(words: Words) -> Code:
    name = type_name(identifier(pascal(words), "N"))
    return Code(name + "Model" if name in _PACKAGE_NAMES or name in KEYWORDS else name)


def constant_name(words: Words) -> Code:
    name = identifier(snake(words).upper(), "N")
    return Code(name + "_" if keyword.iskeyword(name) else name)


def package_name(options: Options, api: ir.ApiSpec) -> tuple[Code, Code]:
    """(distribution name, import name): 'azml-client' -> ('azml-client', 'azml_client'). Both are made of
    words (ASCII letters and digits) or of --package-name, which config.Options checked."""
    words = split_ascii_words(options.package_name) if options.package_name else split_ascii_words(api.title) + ("client",)
    words = words or ("api", "client")
    import_name = member_name(words)
    distribution = options.package_name or "-".join(w.lower() for w in words)
    return Code(distribution), import_name


# ---- literals and doc text -----------------------------------------------------------------------------------
def literal(value: object) -> Code:
    """A Python literal for a JSON value from the spec: repr() of a str is an escaped literal whose every
    non-printable character (line breaks, bidi controls, lone surrogates) is a backslash escape; a number that
    Python cannot spell as a literal (inf, nan) is spelled as the expression that makes it."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return Code(f'float("{value}")')
    if value is None or isinstance(value, (bool, int, float, str)):
        return Code(repr(value))
    if isinstance(value, list):
        return code("[{}]", join(", ", (literal(v) for v in value)))
    if isinstance(value, dict):
        return code("{{{}}}", join(", ", (code("{}: {}", literal(str(k)), literal(v)) for k, v in value.items())))
    return Code(repr(str(value)))


def doc(text: str) -> Code:
    """Spec text made safe inside a triple-quoted doc string: printable, backslashes doubled, no closing
    quotes, and never ending in a quote."""
    text = unprintable_to_space(str(text).replace("\r\n", "\n").replace("\r", "\n"), keep="\n")
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').strip()
    if text.endswith('"'):
        text += " "
    return Code(text)


def docstring(text: Code) -> Code:
    """A doc string's whole contents (made with doc()): one of several lines ends with a line break, so that its
    closing quotes stand on a line of their own (PEP 257), where black and ruff both leave them."""
    return Code(f"{text}\n") if "\n" in text else text


def module_doc(subject: str) -> Code:
    """A generated module's doc string: what it holds (spec text included, escaped here), then who made it."""
    return docstring(doc(f"{subject} Generated by clientgen {__version__}; do not edit."))


def comment(text: str) -> Code:
    """Spec text on one `#` comment line: printable, no line break."""
    return Code(" ".join(unprintable_to_space(str(text)).split()))


# ---- types ---------------------------------------------------------------------------------------------------
class Types:
    """Annotations and codec expressions for IR types, knowing the API's model names."""

    def __init__(self, api: ir.ApiSpec):
        scope = Scope([(n,) for n in _PACKAGE_NAMES])
        self.names = {model.name: scope.unique(class_name(model.words)) for model in api.models}
        modules = Scope()
        # models/<module>.py per model: "_" + its snake-case name, unique in any case (a file system's too)
        self.modules = {model.name: modules.unique(code("_{}", Code(snake(model.words) or "model")), "_")
                        for model in api.models}
        self.kinds = {m.name: m for m in api.models}
        self.variant_tag = api.variant_tag

    def annotation(self, t: ir.TypeRef) -> Code:
        if isinstance(t, ir.Prim):
            return Code(_PRIMS[t.kind][0])
        if isinstance(t, ir.Array):
            return code("list[{}]", self.annotation(t.item))
        if isinstance(t, ir.Map):
            return code("dict[str, {}]", self.annotation(t.value))
        return self.names[t.name]

    def codec(self, t: ir.TypeRef, prefix: Code = Code("")) -> Code:
        """The codec expression; a model is named with `prefix` (`_m.` where models are reached lazily)."""
        if isinstance(t, ir.Prim):
            return Code(_PRIMS[t.kind][1])
        if isinstance(t, ir.Array):
            return code("_rt.ArrayCodec({})", self.codec(t.item, prefix))
        if isinstance(t, ir.Map):
            return code("_rt.MapCodec({})", self.codec(t.value, prefix))
        wrapper = {ir.EnumModel: "_rt.EnumCodec", ir.UnionModel: "_rt.UnionCodec"}.get(type(self.kinds[t.name]),
                                                                                        "_rt.ModelCodec")
        return code(wrapper + "({}{})", prefix, self.names[t.name])

    def lazy_codec(self, t: ir.TypeRef) -> Code:
        """The codec expression for a module that must not load models when it is imported: one that names a model
        reaches it through the lazy models package (`_m.`) on first use."""
        if not self.models_in(t):
            return self.codec(t)
        return code("_rt.LazyCodec(lambda: {})", self.codec(t, Code("_m.")))

    def models_in(self, t: ir.TypeRef) -> set[str]:
        """The spec names of the models a type refers to directly."""
        if isinstance(t, ir.Prim):
            return set()
        if isinstance(t, ir.Array):
            return self.models_in(t.item)
        if isinstance(t, ir.Map):
            return self.models_in(t.value)
        return {t.name}


class Constants:
    """The client module's constants, made once at import instead of on every call: codecs (those naming a model
    resolve it on first use, so importing the client loads no model), auth places and error tables; equal
    expressions share one name."""

    def __init__(self, types: Types) -> None:
        self.types = types
        self.names: dict[Code, Code] = {}

    def _name(self, expression: Code) -> Code:
        if expression not in self.names:
            self.names[expression] = code("_K{}", len(self.names))
        return self.names[expression]

    def codec(self, t: ir.TypeRef) -> Code:
        if isinstance(t, ir.Prim):
            return self.types.codec(t)
        return self._name(self.types.lazy_codec(t))

    def value(self, expression: Code) -> Code:
        """Any other expression made of constants (an Auth, an error table, a paging rule)."""
        return expression if expression in ("None", "()") else self._name(expression)

    def items(self) -> list[tuple[Code, Code]]:
        return [(name, expression) for expression, name in self.names.items()]


# ---- views the templates lay out: every string in them is Code ---------------------------------------------------
@dataclass(frozen=True)
class FieldView:
    name: Code
    wire: Code  # a literal
    annotation: Code  # with optionality decided
    default: Code | None  # a default expression, or None when the caller must pass it
    codec: Code
    required: bool
    nullable: bool
    doc: Code


@dataclass(frozen=True)
class VariantView:
    name: Code  # accessor suffix: as_<name>, from_<name>
    annotation: Code
    codec: Code


@dataclass(frozen=True)
class ModelView:
    kind: Code  # object, enum, union
    name: Code
    name_literal: Code
    doc: Code
    fields: tuple[FieldView, ...] = ()
    extra: FieldView | None = None  # additionalProperties, kept in a dict
    enum_base: Code = Code("")  # "str" or "int" for enums
    members: tuple[tuple[Code, Code], ...] = ()  # enum members: (NAME, literal)
    variants: tuple[VariantView, ...] = ()  # union variants
    discriminator: Code = Code("None")  # a literal: the discriminator's wire name, or None
    mapping: Code = Code("{}")  # a literal: discriminator value -> variant index
    module: Code = Code("")  # models/<module>.py holds it
    module_literal: Code = Code('""')  # its relative import name, ".<module>"


@dataclass(frozen=True)
class ParamView:
    name: Code
    wire: Code  # a literal
    location: Code  # path, query, header, cookie: names a method of the runtime's Request
    annotation: Code
    default: Code | None
    codec: Code
    style: Code  # a literal
    explode: bool
    doc: Code


@dataclass(frozen=True)
class BodyView:
    name: Code
    annotation: Code
    default: Code | None
    kind: Code  # json, binary, text, form, multipart: names a method of the runtime's Request
    media_type: Code  # a literal
    codec: Code


@dataclass(frozen=True)
class OperationView:
    name: Code
    method: Code  # a literal
    path: Code  # a literal
    doc: Code
    positional: tuple[ParamView | BodyView, ...]
    keyword: tuple[ParamView | BodyView, ...]
    params: tuple[ParamView, ...]
    body: BodyView | None
    returns: Code
    returns_literal: Code  # the return annotation as a string literal, for typing.cast
    result_kind: Code  # none, json, binary, text
    result_kind_literal: Code
    result_codec: Code
    errors: Code  # the table of (status pattern, codec) of the errors the spec describes
    request_args: Code  # the runtime Request's keyword arguments: accept, auth, operation
    empty: Code  # a literal: the 2xx statuses the spec allows without content
    forward: Code  # the arguments a grouped method passes on to the client's
    http_text: Code  # method and path for the README's table
    returns_markdown: Code  # the return annotation for the README's table
    shape: Code = Code("call")  # call, pager, poller, stream, bytes: what the method returns
    async_returns: Code = Code("")  # AsyncClient's return annotation (a pager, poller or stream of its own)
    wrapper: Code = Code("")  # the runtime type returned (pager, poller, stream): _rt.Pager, _rt.Poller.start
    async_wrapper: Code = Code("")
    wrapper_args: Code = Code("")  # its arguments after the request's: the paging, the decoder, ...
    coroutine: bool = True  # AsyncClient's method is awaited (a call, a poller's start)


def _field_annotation(annotation: Code, required: bool, nullable: bool) -> tuple[Code, Code | None]:
    """The one place that decides how optional and nullable values are typed and defaulted."""
    if required:
        return (code("{} | None", annotation) if nullable else annotation), None
    if nullable:
        return code("{} | None | _rt.Unset", annotation), Code("_rt.UNSET")
    return code("{} | None", annotation), Code("None")


def _model_view(model: ir.Model, types: Types) -> ModelView:
    view = _model_body_view(model, types)
    module = types.modules[model.name]
    return dataclasses.replace(view, module=module, module_literal=literal(f".{module}"))


def _models_named(model: ir.Model, types: Types) -> set[str]:
    """The spec names of the models (itself included) that a model's fields or variants name."""
    if isinstance(model, ir.EnumModel):
        return set()
    refs = ([v.type for v in model.variants] if isinstance(model, ir.UnionModel)
            else [f.type for f in model.fields] + ([model.additional] if model.additional is not None else []))
    return set().union(*(types.models_in(t) for t in refs))


def _model_imports(model: ir.Model, types: Types) -> list[tuple[Code, Code]]:
    """(module, class name) of every other model that a model's fields or variants name, sorted: imported for type
    checkers only (its codecs reach them lazily)."""
    return sorted((types.modules[n], types.names[n]) for n in _models_named(model, types) - {model.name})


_UNION_DOC = ("One of several shapes: build it with a from_* method (or from the raw JSON value), read it with the "
              "as_* methods (None when the value is not that shape). `raw` always holds the JSON value as received.")


def _model_body_view(model: ir.Model, types: Types) -> ModelView:
    name = types.names[model.name]
    if isinstance(model, ir.EnumModel):
        scope = Scope()
        members = tuple((scope.unique(constant_name(v.words), "_"), literal(v.value)) for v in model.values)
        return ModelView(Code("enum"), name, literal(name), docstring(doc(model.description)),
                         enum_base=Code("str" if model.base is ir.PrimKind.STRING else "int"), members=members)
    if isinstance(model, ir.UnionModel):
        scope = Scope([("raw",)])
        variants = tuple(VariantView(scope.unique(Code(snake(v.words) or "value"), "_"),
                                     types.annotation(v.type), types.lazy_codec(v.type)) for v in model.variants)
        text = "\n\n".join(t for t in (model.description, _UNION_DOC) if t)
        return ModelView(Code("union"), name, literal(name), docstring(doc(text)), variants=variants,
                         discriminator=literal(model.discriminator), mapping=literal(dict(model.mapping)))
    scope = Scope()
    fields = []
    for f in model.fields:
        annotation, default = _field_annotation(types.annotation(f.type), f.required, f.nullable)
        tag = types.variant_tag(model.name, f.wire) if f.required else None
        if tag is not None and f.type == ir.Prim(ir.PrimKind.STRING):
            default = literal(tag)  # a variant's discriminator: Cat(name=...) is a cat
        text = f.description
        if f.default is not ir.NO_DEFAULT:
            text = f"{text}\n\nThe service's default: {literal(f.default)}".strip()
        fields.append(FieldView(scope.unique(member_name(f.words), "_"), literal(f.wire), annotation,
                                default, types.lazy_codec(f.type), f.required, f.nullable, docstring(doc(text))))
    extra = None
    if model.additional is not None:
        extra = FieldView(scope.unique(Code("additional_properties"), "_"), Code('""'),
                          code("dict[str, {}]", types.annotation(model.additional)),
                          Code("_dc.field(default_factory=dict)"), types.lazy_codec(model.additional), False, False,
                          Code("Properties beyond the ones the spec names."))
    return ModelView(Code("object"), name, literal(name), docstring(doc(model.description)), tuple(fields), extra)


def _media_type(body: ir.RequestBody) -> str:
    """The Content-Type a body is sent with: the spec's, or a concrete one for a wildcard."""
    if "*" not in body.media_type:
        return body.media_type
    return {ir.BodyKind.JSON: "application/json", ir.BodyKind.TEXT: "text/plain"}.get(
        body.kind, "application/octet-stream")


def auth_fields(scheme: ir.SecurityScheme) -> Code:
    """Where a scheme's credential goes and in which form: the runtime's Auth(location, name, form) arguments."""
    return join(", ", (literal(scheme.location.value), literal(scheme.param_name), literal(scheme.form)))


def auth(scheme: ir.SecurityScheme | None) -> Code:
    """The runtime's Auth for an operation's security scheme; None: the operation sends no credential."""
    return Code("None") if scheme is None else code("_rt.Auth({})", auth_fields(scheme))


def _operation_view(op: ir.Operation, name: Code, types: Types, constants: Constants) -> OperationView:
    scope = Scope([("self",), ("body",), ("_rt",), ("_t",), ("_m",), ("request_options",)])
    params = []
    for p in op.parameters:
        annotation = types.annotation(p.type)
        params.append(ParamView(scope.unique(member_name(p.words), "_"), literal(p.wire),
                                Code(p.location.value), annotation if p.required else code("{} | None", annotation),
                                None if p.required else Code("None"), constants.codec(p.type), literal(p.style),
                                p.explode, doc(p.description)))
    body = None
    if op.body is not None:
        kind = op.body.kind
        annotation = {ir.BodyKind.BINARY: Code("bytes | _t.BinaryIO | _t.Iterable[bytes]"),
                      ir.BodyKind.TEXT: Code("str")}.get(
            kind, types.annotation(op.body.type))
        body = BodyView(Code("body"), annotation if op.body.required else code("{} | None", annotation),
                        None if op.body.required else Code("None"), Code(kind.value), literal(_media_type(op.body)),
                        constants.codec(op.body.type))
    required = tuple(p for p in params if p.default is None)
    optional = tuple(p for p in params if p.default is not None)
    positional: tuple[ParamView | BodyView, ...] = required + ((body,) if body else ())
    returns, result_kind, result_codec = _result(op.success, types, constants)
    if op.may_be_empty:
        returns = code("{} | None", returns)
    empty = tuple(r.status for r in op.responses if r.is_success and r.type is None) if op.may_be_empty else ()
    errors = constants.value(code("({})", Code("").join(code("({}, {}), ", literal(r.status), constants.codec(r.type))
                                                    for r in op.errors if r.kind is ir.BodyKind.JSON and r.type)))
    text = "\n\n".join(t for t in (op.summary, op.description) if t)
    lines = [doc(text)] if text else []
    for view in params:
        if view.doc:
            lines.append(code("{}: {}", view.name, view.doc))
    request_args = code("accept={}, auth={}, operation={}", literal(op.accept), constants.value(auth(op.credential)),
                        literal(op.operation_id))
    forward = join(", ", [*(a.name for a in positional), *(code("{}={}", a.name, a.name) for a in optional),
                          Code("request_options=request_options")])
    view = OperationView(name, literal(op.method), literal(op.path), docstring(join("\n", lines)),
                         positional, optional, tuple(params), body, returns, literal(str(returns)),
                         Code(result_kind), literal(result_kind), result_codec, errors, request_args,
                         literal(list(empty)), forward, markdown_code(f"{op.method} {op.path}"),
                         markdown_code(returns), async_returns=returns)
    return _returned(op, view, types, constants)


def _result(success: ir.Response | None, types: Types, constants: Constants) -> tuple[Code, str, Code]:
    """(annotation, kind, codec) of the value a response gives: none, json, binary or text."""
    if success is None or success.type is None:
        return Code("None"), "none", Code("_rt.ANY")
    if success.kind is ir.BodyKind.BINARY:
        return Code("bytes"), "binary", Code("_rt.BYTES")
    if success.kind is ir.BodyKind.TEXT:
        return Code("str"), "text", Code("_rt.STRING")
    return types.annotation(success.type), "json", constants.codec(success.type)


def _returned(op: ir.Operation, view: OperationView, types: Types, constants: Constants) -> OperationView:
    """A paged, long-running or streamed operation's view: the runtime type its method returns instead of
    the answer's value (a Pager, a Poller, a Stream), for Client and AsyncClient."""
    def shaped(shape: str, sync: str, asynchronous: str, item: Code, args: Code, coroutine: bool) -> OperationView:
        annotation = code("[{}]", item) if item else Code("")
        return dataclasses.replace(
            view, shape=Code(shape), returns=code("_rt.{}{}", Code(sync), annotation),
            async_returns=code("_rt.{}{}", Code(asynchronous), annotation),
            wrapper=code("_rt.{}", Code(sync + (".start" if coroutine else ""))),
            async_wrapper=code("_rt.{}", Code(asynchronous + (".start" if coroutine else ""))),
            wrapper_args=args, coroutine=coroutine,
            returns_markdown=markdown_code(code("{}{}", Code(sync), annotation)))
    if op.paging is not None:
        paging = op.paging
        args = code(", {}, {}", constants.value(code("_rt.Paging({}, {}, {}, {})", literal(paging.style.value),
                                                     literal(paging.items), literal(paging.next),
                                                     literal(paging.param))), constants.codec(paging.item))
        return shaped("pager", "Pager", "AsyncPager", types.annotation(paging.item), args, False)
    if op.long_running is not None:
        args = code(", {}", constants.value(code("_rt.LongRunning({}, {}, {})",
                                                 literal(op.long_running.final_state.value),
                                                 view.result_kind_literal, view.result_codec)))
        return shaped("poller", "Poller", "AsyncPoller", view.returns, args, True)
    if op.stream is not None:
        decoder = "_rt.SseDecoder" if op.stream is ir.StreamKind.SSE else "_rt.JsonLinesDecoder"
        args = code(", {}({}, {})", Code(decoder), view.result_kind_literal, view.result_codec)  # it holds state
        item = code("_rt.ServerSentEvent[{}]", view.returns) if op.stream is ir.StreamKind.SSE else view.returns
        return shaped("stream", "Stream", "AsyncStream", item, args, False)
    return view


def _byte_stream_view(view: OperationView, name: Code) -> OperationView:
    """The second method of an operation answering binary: the same request, its answer read as a stream."""
    return dataclasses.replace(
        view, name=name, shape=Code("bytes"), returns=Code("_rt.ByteStream"),
        async_returns=Code("_rt.AsyncByteStream"), wrapper=Code("_rt.ByteStream"),
        async_wrapper=Code("_rt.AsyncByteStream"), coroutine=False, returns_markdown=markdown_code("ByteStream"))


def _methods(api: ir.ApiSpec, types: Types, constants: Constants) -> list[list[OperationView]]:
    """Per operation, its client methods: the one named after it (`begin_<name>` for a long-running one, which
    returns the poller), then for a binary answer `<name>_stream`, reading it as a stream. Names are unique among
    the client's members, which never yield to operations, and the operations' own names come first."""
    members = Scope([(name,) for name in _CLIENT_MEMBERS])
    methods = [[_operation_view(op, members.unique(member_name((("begin",) if op.long_running else ()) + op.words),
                                                   "_"), types, constants)] for op in api.operations]
    for op, views in zip(api.operations, methods):
        if views[0].shape == "call" and op.success is not None and op.success.kind is ir.BodyKind.BINARY:
            views.append(_byte_stream_view(views[0], members.unique(member_name(op.words + ("stream",)), "_")))
    return methods


@dataclass(frozen=True)
class GroupView:
    attribute: Code  # client.<attribute>
    module: Code  # _groups/<module>.py holds its classes
    class_name: Code  # <Tag>Operations
    async_class_name: Code  # Async<Tag>Operations
    doc: Code  # of the client's property
    class_doc: Code  # of its classes
    operations: tuple[OperationView, ...]


# Members of Client and AsyncClient (and of the group classes, which hold _transport too) besides the operations.
_CLIENT_MEMBERS = ("send", "close", "aclose", "base_url", "_transport", "_client")


def _group_views(api: ir.ApiSpec, types: Types, methods: list[list[OperationView]]) -> list[GroupView]:
    """Per tag, a class holding the same methods, reached as an attribute of the client (client.pets.list_pets())."""
    by_words = {op.words: views for op, views in zip(api.operations, methods)}
    attributes = Scope([(name,) for name in _CLIENT_MEMBERS] + [(view.name,) for views in methods for view in views])
    classes = Scope([(name,) for name in _PACKAGE_NAMES] + [(name,) for name in types.names.values()])
    groups = []
    for group in api.groups:
        class_name = classes.unique(class_name_of_group(group.words))
        description = group.description or f"The operations tagged {group.tag!r}."
        attribute = attributes.unique(member_name(group.words), "_")
        groups.append(GroupView(attribute, code("_{}", attribute), class_name,
                                classes.unique(code("Async{}", class_name)),
                                docstring(doc(description)),
                                docstring(doc(f"{description} The client's methods of this tag: each calls the "
                                              "client's.")),
                                tuple(view for words in group.operations for view in by_words[words])))
    return groups


def class_name_of_group(words: Words) -> Code:
    return class_name(words + ("Operations",))


# ---- the README's example -------------------------------------------------------------------------------------
_EXAMPLES = {
    ir.PrimKind.STRING: "'text'", ir.PrimKind.INT32: "1", ir.PrimKind.INT64: "1", ir.PrimKind.FLOAT: "1.0",
    ir.PrimKind.DOUBLE: "1.0", ir.PrimKind.BOOL: "True", ir.PrimKind.DATE: "datetime.date(2024, 1, 31)",
    ir.PrimKind.DATETIME: "datetime.datetime(2024, 1, 31, tzinfo=datetime.timezone.utc)",
    ir.PrimKind.UUID: "uuid.UUID(int=1)", ir.PrimKind.BYTES: "b'data'", ir.PrimKind.BINARY: "b'data'",
    ir.PrimKind.ANY: "{}",
}


def example_value(t: ir.TypeRef, api: ir.ApiSpec, types: Types, used: set[Code], depth: int = 0) -> Code:
    """A Python expression of type t for the README: required fields filled (or the first field), 3 levels deep."""
    if isinstance(t, ir.Prim):
        return Code(_EXAMPLES[t.kind])
    if isinstance(t, ir.Array):
        return code("[{}]", example_value(t.item, api, types, used, depth + 1)) if depth < 3 else Code("[]")
    if isinstance(t, ir.Map):
        return code("{{'key': {}}}", example_value(t.value, api, types, used, depth + 1)) if depth < 3 else Code("{}")
    model = api.model(t.name)
    name = types.names[t.name]
    used.add(name)
    if isinstance(model, ir.EnumModel):
        return code("{}({})", name, literal(model.values[0].value))
    if isinstance(model, ir.UnionModel):
        variant = _model_view(model, types).variants[0]
        return code("{}.from_{}({})", name, variant.name,
                    example_value(model.variants[0].type, api, types, used, depth + 1))
    view = _model_view(model, types)
    chosen = [f for f in view.fields if f.required] or list(view.fields[:1])
    if depth >= 3:
        chosen = [f for f in view.fields if f.required]
    args = join(", ", (code("{}={}", f.name, example_value(mf.type, api, types, used, depth + 1))
                       for f, mf in zip(view.fields, model.fields) if f in chosen))
    return code("{}({})", name, args)


_EXAMPLE_OPTIONS = Code('request_options=RequestOptions(timeout=5.0, max_retries=0, '
                        'headers={"azureml-model-deployment": "blue"})')


def _arguments(api: ir.ApiSpec, types: Types, op: ir.Operation, used: set[Code]) -> Code:
    """Example values of an operation's positional arguments: its required parameters, then its body."""
    args = [example_value(p.type, api, types, used) for p in op.parameters if p.required]
    if op.body is not None:
        kind = op.body.kind
        args.append(Code("b'...'") if kind is ir.BodyKind.BINARY else Code("'text'") if kind is ir.BodyKind.TEXT
                    else example_value(op.body.type, api, types, used))
    return join(", ", args)


@dataclass(frozen=True)
class ExampleView:
    """A README example calling one method: `client.<call>`, with the models and modules it uses imported."""

    call: Code  # the method and its arguments
    args: Code
    models: Code  # model names to import, joined
    modules: tuple[Code, ...]  # standard modules the arguments use (datetime, uuid)
    events: bool = False  # a stream of server-sent events (its items have .data)


def _example(api: ir.ApiSpec, types: Types, methods: list[list[OperationView]], shape: str) -> ExampleView | None:
    """An example of the first method of a shape (call, pager, poller, stream, bytes), or None."""
    found = next(((op, view) for op, views in zip(api.operations, methods) for view in views
                  if view.shape == shape), None)
    if found is None:
        return None
    op, view = found
    used: set[Code] = set()
    args = _arguments(api, types, op, used)
    modules = tuple(Code(m) for m in ("datetime", "uuid") if m + "." in args)
    return ExampleView(code("{}({})", view.name, args), args, join(", ", sorted(used)), modules,
                       op.stream is ir.StreamKind.SSE)


# ---- the manifest ----------------------------------------------------------------------------------------------
def _author_toml(entry: str) -> Code:
    """An `authors` entry as pyproject's inline table: {name = "Ada", email = "ada@example.org"}."""
    name, email = author(entry)
    return code("{{name = {}{}}}", toml_string(name), code(", email = {}", toml_string(email)) if email else Code(""))


def package_warnings(options: Options) -> list[Diagnostic]:
    """Nothing of the Python package's own: its name is the package name, which PyPI takes as it is."""
    return []


def files(api: ir.ApiSpec, options: Options) -> list[OutputFile | RuntimeFile]:
    distribution, package = package_name(options, api)
    types = Types(api)
    models = [_model_view(m, types) for m in api.models]
    constants = Constants(types)
    methods = _methods(api, types, constants)
    operations = [view for views in methods for view in views]
    scheme = api.credential_scheme
    groups = _group_views(api, types, methods)
    example = next((op for op in operations), None)
    first = _example(api, types, methods[:1], str(example.shape)) if example else None
    example_args = first.args if first else Code("")
    context = {
        "title_doc": doc(api.title),
        "title_markdown": markdown_text(api.title),
        "version_markdown": markdown_text(api.version),
        "description": doc(api.description),
        "description_toml": toml_string(summary(api, options)),
        "license_toml": toml_string(options.metadata.license) if options.metadata.license else None,
        "authors_toml": [_author_toml(entry) for entry in options.metadata.authors],
        "urls_toml": [(Code(key), toml_string(url)) for key, url in (("Homepage", options.metadata.homepage),
                                                                      ("Repository", options.metadata.repository))
                      if url],
        "distribution": distribution,
        "distribution_literal": literal(str(distribution)),
        "package_literal": literal(str(package)),
        "clientgen_version_literal": literal(__version__),
        "distribution_toml": toml_string(distribution),
        "package": package,
        "sdk_version": literal(options.sdk_version),
        "sdk_version_toml": toml_string(options.sdk_version),
        "clientgen_version": Code(__version__),
        "base_url": literal(api.base_url),
        "base_url_doc": doc(api.base_url or "none; pass one"),
        "raw_send_auth": code("({})", auth_fields(scheme)),
        "models": models,
        "operations": operations,
        "groups": groups,
        "constants": constants.items(),
        "example": example,
        "example_args": example_args,
        "example_args_with_options": join(", ", [*([example_args] if example_args else []), _EXAMPLE_OPTIONS]),
        "example_base_url": Code("") if api.base_url is not None else Code('"https://your-service.example.com", '),
        "example_models": first.models if first else Code(""),
        "example_modules": first.modules if first else (),
        "pager_example": _example(api, types, methods, "pager"),
        "poller_example": _example(api, types, methods, "poller"),
        "stream_example": _example(api, types, methods, "stream"),
        "byte_stream_example": _example(api, types, methods, "bytes"),
        "python_requires": toml_string(">=3.10"),
    }
    title = api.title
    context["module_doc"] = module_doc(f"Clients of {title}: Client (sync) and AsyncClient.")
    models_doc = module_doc(f"Models of {title}, each in its own module, loaded when its name is first used.")
    groups_doc = module_doc(f"The operation groups of {title} (client.<tag>), one module per tag, loaded when the "
                            f"client first reaches the group.")
    return [
        OutputFile("pyproject.toml.j2", "pyproject.toml", context),
        OutputFile("README.md.j2", "README.md", context),
        OutputFile("__init__.py.j2", f"{package}/__init__.py", context),
        OutputFile("models/__init__.py.j2", f"{package}/models/__init__.py", {**context, "module_doc": models_doc}),
        *(OutputFile("models/model.py.j2", f"{package}/models/{view.module}.py",
                     {"module_doc": module_doc(f"{view.name}, a model of {title}."), "model": view,
                      "imports": _model_imports(model, types),
                      "lazy_models": bool(_models_named(model, types))})  # its codecs use `_m` (even for itself)
          for model, view in zip(api.models, models)),
        OutputFile("client.py.j2", f"{package}/client.py", context),
        OutputFile("_groups/__init__.py.j2", f"{package}/_groups/__init__.py", {"module_doc": groups_doc}),
        *(OutputFile("_groups/group.py.j2", f"{package}/_groups/{group.module}.py",
                     {"module_doc": module_doc(f"{group.class_name} and {group.async_class_name} of {title}."),
                      "group": group})
          for group in groups),
        OutputFile("_sdkinfo.py.j2", f"{package}/_sdkinfo.py", context),
        OutputFile("py.typed.j2", f"{package}/py.typed", context),
        *(RuntimeFile(f"clientgen_runtime/{module}", f"{package}/{module}", {}) for module in RUNTIME_MODULES),
    ]


FILTERS = {"literal": literal, "doc": doc, "comment": comment, "toml": toml_string}


def ruff_format_command(folder: str, *, check: bool = False) -> list[str]:
    """ruff's formatter as clientgen runs it on a generated SDK: black's style (line length 88, Python 3.10), isolated
    from any configuration file on the machine, so the output depends only on the text and ruff's version. With
    `check`, it changes nothing and fails when a file is not formatted so (what tests run on generated SDKs)."""
    from ruff import find_ruff_bin

    return [find_ruff_bin(), "format", *(["--check"] if check else []), "--isolated", "--no-cache", "--quiet",
            "--line-length", "88", "--target-version", "py310", folder]


def format_files(texts: dict[str, str]) -> dict[str, str]:
    """Every .py file formatted by ruff's formatter (see ruff_format_command); other files as rendered. A text
    formatted before (by the same ruff, with the same options) is taken from the cache's formatted/ pack of the
    SDK's package (see _format_pack); the others are formatted in ONE run of ruff over a scratch folder, so an SDK
    of thousands of modules is formatted in about a second, and a changed spec reformats only what it changed."""
    sources = {path: text for path, text in texts.items() if path.endswith(".py")}
    if not sources:
        return texts
    pack, header = _format_pack(sources)
    data = {path: text.encode("utf-8", "surrogatepass") for path, text in sources.items()}
    keys = {path: hashlib.sha256(raw).digest() for path, raw in data.items()}
    known = read_pack(pack, header) or {}
    formatted = {path: known[keys[path]] for path in data if keys[path] in known}
    missing = {path: raw for path, raw in data.items() if path not in formatted}
    if missing:
        formatted.update(_ruff_format(missing))
    kept = {keys[path]: formatted[path] for path in data}
    if missing or len(kept) != len(known):
        write_pack(pack, header, sorted(kept.items()))
    return {path: formatted[path].decode("utf-8", "surrogatepass") if path in formatted else text
            for path, text in texts.items()}


def _ruff_format(sources: dict[str, bytes]) -> dict[str, bytes]:
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="clientgen-format-") as scratch:
        folder = os.path.join(scratch, "sdk")
        write_new_files(Path(folder), sources)
        done = subprocess.run(ruff_format_command(folder), capture_output=True, text=True)
        if done.returncode != 0:
            detail = done.stderr.replace(folder + os.sep, "").strip() or f"ruff exited with {done.returncode}"
            raise TemplateError(f"the rendered Python does not parse: {detail}",
                                hint="a template override made invalid Python: fix the template named by the file; "
                                     "with clientgen's own templates this is a bug in clientgen, please report it")
        formatted = {}
        for path in sources:
            with open(os.path.join(folder, path), "rb") as file:
                formatted[path] = file.read()
    return formatted


def _format_pack(sources: dict[str, str]) -> tuple[Path, bytes]:
    """Where the cache keeps what ruff made of each text of one SDK package (formatted/, per package name, a pack
    by the SHA-256 of the text), and the header naming ruff's version and command: a pack made by another ruff or
    with other options is ignored, and every text formatted."""
    from importlib.metadata import version

    from ..fetch import cache_root

    package = min(sources).split("/")[0]
    command = ruff_format_command("SDK")[1:]
    header = f"clientgen formatted 2; ruff {version('ruff')}; {' '.join(command)}\n".encode()
    return cache_root() / "formatted" / f"python-{hashlib.sha256(package.encode()).hexdigest()}", header

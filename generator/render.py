"""Templates and runtime sources -> file contents: one Jinja environment per target, the target's filters, the
target's manifest.

A target lists what it writes as data: `OutputFile`s (template, output path, context), which this module renders
and lets the target format, and `RuntimeFile`s, the SDK's runtime: real source files of the language in
runtime/<language>/, unit-tested there with that language's own tools, copied into each SDK with only names
substituted (its package or namespace), never rendered. Users' template overrides (`--templates DIR`) are
looked up first.

Escaping is a property of the renderer, not of care in each template: a template can print only `Code` — text a
target's escaping functions made for one place in its language (an identifier, a string literal, a comment, a
doc comment, a file name) or a constant of clientgen's — and integers. The environment's `finalize` refuses
anything else, so a raw string from the spec fails the render instead of reaching generated code; string
constants written in a template are its author's, so the compiler marks them `Code`; the output of macros,
`{% set %}` blocks and `{% call %}` blocks is made of printed values and template text, so it is `Code` too.
Before that, `check_context` refuses a context that holds any plain string, so a template cannot even reach
spec text a target did not escape.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame

from .bundled import runtimes_root, templates_root
from .errors import ClientgenError


class Code(str):
    """Text that is safe at one place in generated source: made by a target's escaping function, or a constant
    of clientgen's. Joining and formatting keep the type only when every part is `Code` (or an int), so spec
    text can never be laundered into it; any other operation gives a plain `str`, which templates cannot print.
    """

    __slots__ = ()

    def __add__(self, other: str) -> str:
        joined = str.__add__(self, other)
        return Code(joined) if isinstance(other, Code) else joined

    def join(self, parts: Iterable[object]) -> str:  # type: ignore[override]
        parts = [str(part) if type(part) is int else part for part in parts]
        joined = str.join(self, parts)  # type: ignore[arg-type]
        return Code(joined) if all(isinstance(part, Code) or type(part) is str and part.isdigit()
                                   for part in parts) else joined

    def format(self, *args: object, **kwargs: object) -> str:  # type: ignore[override]
        formatted = str.format(self, *args, **kwargs)
        return Code(formatted) if all(printable(a) for a in (*args, *kwargs.values())) else formatted


def code(template: str, *parts: object) -> Code:
    """A clientgen constant with `{}` holes filled by already safe parts: code("list[{}]", item_type).
    Raises TypeError for a part that is not Code (or an int), so a raw spec string never slips in."""
    for part in parts:
        if not printable(part):
            raise TypeError(f"code({template!r}): part {part!r} ({type(part).__name__}) is not Code")
    return Code(template.format(*parts))


def join(separator: str, parts: Iterable[object]) -> Code:
    """Code parts joined by a clientgen constant: join(", ", names). TypeError for a part that is not Code."""
    parts = list(parts)
    for part in parts:
        if not printable(part):
            raise TypeError(f"join({separator!r}): part {part!r} ({type(part).__name__}) is not Code")
    return Code(separator.join(str(part) for part in parts))


def printable(value: object) -> bool:
    """What a template may print: Code, an int (a loop index, a count) or a bool (a Python literal's spelling)."""
    return isinstance(value, Code) or type(value) in (int, bool)


class UnescapedValue(TypeError):
    """A template printed a value no escaping function made."""


def _finalize(value: object) -> object:
    if printable(value):
        return value
    if isinstance(value, jinja2.Undefined):  # `{{ x if c }}` with c false prints nothing; StrictUndefined raises
        return Code(str(value))
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    raise UnescapedValue(f"prints a {type(value).__name__} no escaping function made ({shown})")


def _trim(value: object, chars: str | None = None) -> object:
    """`|trim`: strips only whitespace, which keeps Code safe (spec text stays inside its comment or literal)."""
    if chars is not None and chars.strip():
        raise UnescapedValue(f"|trim({chars!r}): only whitespace may be trimmed")
    stripped = str(value).strip(chars)
    return Code(stripped) if isinstance(value, Code) else stripped


class _CodeGenerator(CodeGenerator):
    """Jinja's compiler, with a template's own string constants and rendered blocks marked Code, and every
    way of writing output (not only `{{ }}`) passing the finalize check."""

    def visit_Const(self, node: nodes.Const, frame: Frame) -> None:
        value = node.as_const(frame.eval_ctx)
        if type(value) is str:
            self.write(f"environment.template_text({value!r})")
        else:
            super().visit_Const(node, frame)

    def return_buffer_contents(self, frame: Frame, force_unescaped: bool = False) -> None:
        self.writeline(f"return environment.template_text(concat({frame.buffer}))")

    def visit_AssignBlock(self, node: nodes.AssignBlock, frame: Frame) -> None:
        if node.filter is not None:  # `{% set x | filter %}`: the filter's result is checked where it is printed
            super().visit_AssignBlock(node, frame)
            return
        self.push_assign_tracking()
        block_frame = frame.inner()
        block_frame.require_output_check = False
        block_frame.symbols.analyze_node(node)
        self.enter_frame(block_frame)
        self.buffer(block_frame)
        self.blockvisit(node.body, block_frame)
        self.newline(node)
        self.visit(node.target, frame)
        self.write(f" = environment.template_text(concat({block_frame.buffer}))")
        self.pop_assign_tracking(frame)
        self.leave_frame(block_frame)

    def visit_CallBlock(self, node: nodes.CallBlock, frame: Frame) -> None:
        call_frame, macro_ref = self.macro_body(node, frame)
        self.writeline("caller = ")
        self.macro_def(macro_ref, call_frame)
        self.start_write(frame, node)
        self.write("environment.finalize(")
        self.visit_Call(node.call, frame, forward_caller=True)
        self.write(")")
        self.end_write(frame)

    def visit_FilterBlock(self, node: nodes.FilterBlock, frame: Frame) -> None:
        filter_frame = frame.inner()
        filter_frame.symbols.analyze_node(node)
        self.enter_frame(filter_frame)
        self.buffer(filter_frame)
        self.blockvisit(node.body, filter_frame)
        self.start_write(frame, node)
        self.write("environment.finalize(")
        self.visit_Filter(node.filter, filter_frame)
        self.write(")")
        self.end_write(frame)
        self.leave_frame(filter_frame)


class _Environment(jinja2.Environment):
    code_generator_class = _CodeGenerator

    @staticmethod
    def template_text(value: str) -> Code:
        return Code(value)


@dataclass(frozen=True)
class OutputFile:
    template: str  # relative to templates/<language>/
    path: str  # relative to the language's output folder, '/'-separated, made by the target's file_name()
    context: dict[str, Any]


@dataclass(frozen=True)
class RuntimeFile:
    source: str  # relative to runtime/<language>/
    path: str  # relative to the language's output folder
    names: dict[str, Code]  # an identifier the source uses as a placeholder -> the SDK's name for it


class TemplateError(ClientgenError):
    """A template (the user's override, or clientgen's own) that cannot be compiled or rendered."""

    exit_code = 2


@functools.lru_cache(maxsize=None)
def _runtime_source(language: str, source: str) -> str:
    return (runtimes_root() / language / source).read_text(encoding="utf-8")


def runtime_text(language: str, file: RuntimeFile) -> str:
    """The runtime source with each placeholder name, as a whole identifier (a dotted one for Java packages), replaced
    by the SDK's name. A placeholder the source does not use is a bug: the source and its target disagree."""
    text = _runtime_source(language, file.source)
    for placeholder, name in file.names.items():
        if not isinstance(name, Code):
            raise UnescapedValue(f"the name substituted for {placeholder} in {file.source} is not Code")
        pattern = re.compile(r"(?<![\w.])" + re.escape(placeholder) + r"(?!\w)")
        text, count = pattern.subn(lambda match: name, text)
        if not count:
            raise RuntimeError(f"runtime/{language}/{file.source} has no placeholder {placeholder}")
    return text


def environment(language: str, filters: dict[str, Any], overrides: Path | None) -> jinja2.Environment:
    folders = [str(templates_root() / language)]
    if overrides is not None:
        folders.insert(0, str(overrides / language))
    env = _Environment(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        finalize=_finalize,
    )
    env.filters["trim"] = _trim
    env.filters.update(filters)
    return env


_FRAME_FILE = re.compile(r"\.j2$")


def _template_place(error: BaseException, fallback: str) -> str:
    """file:line of the innermost template frame of a rendering error (Jinja maps its frames to template lines)."""
    place = fallback
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if _FRAME_FILE.search(filename):
            place = f"{filename}:{trace.tb_lineno}"
        trace = trace.tb_next
    return place


def _is_override(env: jinja2.Environment, name: str, overrides: Path | None) -> bool:
    if overrides is None:
        return False
    try:
        filename = env.get_template(name).filename or ""
    except jinja2.TemplateError:
        return False
    return Path(filename).resolve().is_relative_to((overrides).resolve())


def check_context(context: dict[str, Any], seen: set[int] | None = None) -> None:
    """A template's context holds no raw text: every string in it, however deep (views are dataclasses, tuples,
    lists and dicts of them), is Code; the rest are numbers, booleans and None. So a template, bundled or the
    user's, cannot even reach spec text that a target did not escape. `seen` holds the ids of objects already
    checked, shared by the contexts of one render (a target's views appear in many of its files' contexts). The
    walk keeps no paths; only a context that fails is walked again, to name the place of what it holds."""
    stack: list[object] = list(context.values())
    seen = set() if seen is None else seen
    while stack:
        value = stack.pop()
        kind = _KINDS.get(type(value)) or _kind(type(value))
        if kind is _Kind.SAFE or id(value) in seen:
            continue
        if kind is _Kind.UNSAFE:
            shown = repr(value)
            raise UnescapedValue(f"the context's {_place(context, value)} is a {type(value).__name__}, not Code "
                                 f"({shown if len(shown) <= 60 else shown[:57] + '...'})")
        seen.add(id(value))
        if kind is _Kind.DATACLASS:
            stack.extend(getattr(value, name) for name in _FIELD_NAMES[type(value)])
        elif kind is _Kind.ITEMS:
            stack.extend(value)  # type: ignore[call-overload]
        else:
            stack.extend(value.values())  # type: ignore[attr-defined]


class _Kind(enum.Enum):
    SAFE = "safe"  # Code, a number, a boolean, None
    DATACLASS = "dataclass"
    ITEMS = "items"  # tuple, list, set, frozenset
    MAPPING = "mapping"  # a dict: its values are checked
    UNSAFE = "unsafe"  # a plain str, or anything else


_KINDS: dict[type, _Kind] = {}
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _kind(kind: type) -> _Kind:
    """What check_context does with a value of this type (decided once per type)."""
    if issubclass(kind, Code) or kind in (int, bool, float, type(None)):
        found = _Kind.SAFE
    elif is_dataclass(kind):
        found = _Kind.DATACLASS
        _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind))
    elif issubclass(kind, (tuple, list, frozenset, set)):
        found = _Kind.ITEMS
    elif issubclass(kind, dict):
        found = _Kind.MAPPING
    else:
        found = _Kind.UNSAFE
    _KINDS[kind] = found
    return found


def strings_in(view: object) -> Iterator[str]:
    """Every string reachable from a view (through dataclass fields, tuples, lists, sets and dict values), each
    object visited once: what a target looks through for the names its text holds."""
    stack: list[object] = [view]
    seen: set[int] = set()
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            yield value
            continue
        kind = _KINDS.get(type(value)) or _kind(type(value))
        if kind in (_Kind.SAFE, _Kind.UNSAFE) or id(value) in seen:
            continue
        seen.add(id(value))
        if kind is _Kind.DATACLASS:
            stack.extend(getattr(value, name) for name in _FIELD_NAMES[type(value)])
        elif kind is _Kind.ITEMS:
            stack.extend(value)  # type: ignore[call-overload]
        else:
            stack.extend(value.values())  # type: ignore[attr-defined]


def _place(context: dict[str, Any], target: object) -> str:
    """Where in the context the object is: `group.operations[3].doc`."""
    stack: list[tuple[object, str]] = [(value, key) for key, value in context.items()]
    seen: set[int] = set()
    while stack:
        value, where = stack.pop()
        if value is target:
            return where
        kind = _KINDS.get(type(value)) or _kind(type(value))
        if kind is _Kind.SAFE or id(value) in seen:
            continue
        seen.add(id(value))
        if kind is _Kind.DATACLASS:
            stack.extend((getattr(value, name), f"{where}.{name}") for name in _FIELD_NAMES[type(value)])
        elif kind is _Kind.ITEMS:
            stack.extend((item, f"{where}[{index}]") for index, item in enumerate(value))  # type: ignore[arg-type]
        elif kind is _Kind.MAPPING:
            stack.extend((item, f"{where}[{key!r}]") for key, item in value.items())  # type: ignore[attr-defined]
    return "value"


def render(target: ModuleType, files: list[OutputFile | RuntimeFile], overrides: Path | None) -> dict[str, bytes]:
    """{output path: bytes} for every file of the manifest: templates rendered and formatted by the target, runtime
    sources as they are (already formatted: each runtime's tests check that)."""
    env = environment(target.NAME, target.FILTERS, overrides)
    runtime: dict[str, bytes] = {}
    rendered: dict[str, str] = {}
    checked: set[int] = set()  # every file's context stays alive until the end, so its objects' ids stay theirs
    for file in files:
        if isinstance(file, RuntimeFile):
            runtime[file.path] = runtime_text(target.NAME, file).encode("utf-8")
            continue
        check_context(file.context, checked)
        try:
            text = env.get_template(file.template).render(**file.context)
        except jinja2.TemplateSyntaxError as exc:
            where = f"{exc.filename or exc.name}:{exc.lineno}"
            raise TemplateError(f"{where}: template syntax error: {exc.message}",
                                hint="fix the template (Jinja syntax: https://jinja.palletsprojects.com/)") from None
        except (UnescapedValue, jinja2.TemplateError) as exc:
            where = _template_place(exc, file.template)
            if not _is_override(env, file.template, overrides) and isinstance(exc, UnescapedValue):
                raise UnescapedValue(f"{where}: {exc}") from None  # clientgen's own template: a bug in clientgen
            raise TemplateError(f"{where}: {exc}",
                                hint="print only what the target prepared, through its filters "
                                     f"({', '.join(sorted(target.FILTERS))})") from None
        rendered[file.path] = text
    formatted = target.format_files(rendered)
    del rendered  # each text is let go once it is bytes: a large SDK is held twice at most, never three times
    out = {**runtime, **{path: formatted.pop(path).encode("utf-8") for path in list(formatted)}}
    return dict(sorted(out.items()))

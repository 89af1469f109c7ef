"""What can go wrong, and where: ClientgenError and its kinds (fatal, with a place and a hint) and Diagnostic
(warnings).

Stages raise a ClientgenError for input clientgen cannot use, and add Diagnostics to a list they are given for
input they can use only in part; the CLI prints both, once, at the end. Every error renders as at most three
lines: what is wrong, where (URL or file, line:column, JSON pointer), and what to do. Each kind has its exit
code; none carries secrets.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_CHECK_CHANGED = 1  # --check: the output would change
EXIT_BAD_INPUT = 2  # the spec, a template override or the options are unusable
EXIT_OUTPUT = 3  # the output could not be written
EXIT_FETCH = 4  # the spec (or a document it references) could not be fetched
EXIT_INTERNAL = 5  # a bug in clientgen


def json_pointer(path: tuple[object, ...] | list[object]) -> str:
    """RFC 6901 pointer for a path of keys and indexes: ('paths', '/a/{b}') -> '#/paths/~1a~1{b}'."""
    return "#" + "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def pointer_path(pointer: str) -> tuple[str, ...]:
    """'#/paths/~1a~1{b}/get' -> ('paths', '/a/{b}', 'get'); the fragment part of a $ref."""
    return tuple(part.replace("~1", "/").replace("~0", "~") for part in pointer.lstrip("#").split("/") if part)


def lookup(node: object, path: tuple[object, ...]) -> tuple[bool, object]:
    """(True, the value at path) or (False, None); list indexes may be ints or digit strings."""
    for part in path:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and str(part).isdigit() and int(str(part)) < len(node):
            node = node[int(str(part))]
        else:
            return False, None
    return True, node


def one_line(text: object, limit: int = 300) -> str:
    """Text for a message line: control characters (terminal escapes, line breaks) shown escaped, length capped."""
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


class ClientgenError(Exception):
    """Any failure the CLI reports as a message and an exit code, never as a traceback: `message` says what,
    `where` where (optional), `hint` what to do (optional)."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, hint: str = "", where: str = ""):
        self.message, self.hint, self.where = message, hint, where
        super().__init__(self.render())

    def render(self) -> str:
        text = one_line(f"{self.where}: {self.message}" if self.where else self.message)
        return f"{text}\n  hint: {one_line(self.hint)}" if self.hint else text


class FetchError(ClientgenError):
    """The spec, or a document it references, could not be read: a network, TLS, HTTP or file problem."""

    exit_code = EXIT_FETCH


class SpecError(ClientgenError):
    """The spec is not usable. `pointer` is a JSON pointer into it; `line` (and `column`) are set where the
    text was available."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, pointer: str = "", source: str = "", line: int | None = None, hint: str = "",
                 column: int | None = None):
        self.pointer, self.source, self.line, self.column = pointer, source, line, column
        where = source or "spec"
        if line is not None:
            where += f":{line}" + (f":{column}" if column is not None else "")
        if pointer:
            where += f" at {pointer}"
        super().__init__(message, hint, where)


@dataclass(frozen=True)
class Diagnostic:
    """A warning about part of the spec that was generated in a reduced form, or left out, and why."""

    pointer: str
    message: str

    def render(self) -> str:
        return one_line(f"warning: {self.pointer}: {self.message}", 500)

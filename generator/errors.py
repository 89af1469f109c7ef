"""What can go wrong, and where: SpecError (fatal, with a place in the spec) and Diagnostic (warnings).

Stages raise SpecError for input clientgen cannot use, and add Diagnostics to a list they are given for input
they can use only in part; the CLI prints both, once, at the end. Neither carries secrets.
"""

from __future__ import annotations

from dataclasses import dataclass


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


class ClientgenError(Exception):
    """Any failure the CLI reports as a message and an exit code, never as a traceback."""

    exit_code = 1


class FetchError(ClientgenError):
    """The spec could not be read: a network, TLS, HTTP or file problem."""


class SpecError(ClientgenError):
    """The spec is not usable. `pointer` is a JSON pointer into it; `line` is set where the text was available."""

    exit_code = 2

    def __init__(self, message: str, pointer: str = "", source: str = "", line: int | None = None, hint: str = ""):
        self.message, self.pointer, self.source, self.line, self.hint = message, pointer, source, line, hint
        super().__init__(self.render())

    def render(self) -> str:
        where = self.source or "spec"
        if self.line is not None:
            where += f":{self.line}"
        if self.pointer:
            where += f" at {self.pointer}"
        text = f"{where}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


@dataclass(frozen=True)
class Diagnostic:
    """A warning about part of the spec that was generated in a reduced form, or left out, and why."""

    pointer: str
    message: str

    def render(self) -> str:
        return f"warning: {self.pointer}: {self.message}"

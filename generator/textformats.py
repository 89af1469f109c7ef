"""Escaping for the files every SDK ships besides its code: Markdown (READMEs), XML (pom.xml, .csproj) and TOML
(pyproject.toml). Language targets use these for those files, as they use their own escaping for code; each
returns render.Code, safe at the one place its name says. Also the first step of comment escaping the targets
share: spec text cut into printable lines (`text_lines`, `text_line`), which each target then escapes for its
own comment syntax.
"""

from __future__ import annotations

import json
import re

from .render import Code


def unprintable_to_space(text: str, keep: str = "") -> str:
    """Every character that is not printable (controls, line and paragraph separators, bidi and other format
    characters, lone surrogates, non-characters), except those in keep, replaced by a space. Most spec text has
    none, which one scan in C tells before any character is looked at in Python."""
    plain = text
    for char in keep:
        plain = plain.replace(char, "")
    if plain.isprintable():
        return text
    return "".join(c if c.isprintable() or c in keep else " " for c in text)


def printable_line(text: object) -> str:
    """Text on one line: whitespace runs (line breaks included) become one space; other characters that are not
    printable (controls, bidi overrides, lone surrogates, zero-width marks) are dropped."""
    text = str(text)
    if not text.isprintable():
        text = "".join(c if c.isprintable() or c.isspace() else "" for c in text)
    return " ".join(text.split())


# Every line terminator of the four languages (C#: U+0085, U+2028, U+2029; Java's javadoc), and the vertical spaces.
_LINE_BREAK = re.compile("\r\n|[\n\r\u0085\u2028\u2029\x0b\x0c]")


def text_lines(text: object) -> list[str]:
    """Spec text as lines: every line terminator ends one; every other character that is not printable (controls,
    bidi and other format characters, lone surrogates, non-characters) is a space; no blank first or last line."""
    lines = [unprintable_to_space(line).rstrip() for line in _LINE_BREAK.split(str(text))]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def text_line(text: object) -> str:
    """Spec text as one printable line, whitespace runs made one space."""
    return " ".join(" ".join(text_lines(text)).split())


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}<>|#!~&])")


def markdown_text(text: object) -> Code:
    """Prose inside a Markdown line (a heading, a paragraph, a table cell): one line, with every character that
    Markdown or the HTML it allows could read as markup backslash-escaped."""
    return Code(_MARKDOWN_SPECIAL.sub(r"\\\1", printable_line(text)))


def markdown_code(text: object) -> Code:
    """Text inside an inline code span in a Markdown table cell: one line, no backquote (it would end the span),
    pipes escaped (GitHub reads them as cell borders even in code)."""
    return Code(printable_line(text).replace("`", "'").replace("|", "\\|"))


def _scalar_values(text: str) -> str:
    """Lone surrogates (valid in a JSON string, not in UTF-8 or TOML) become U+FFFD."""
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)


def toml_string(text: object) -> Code:
    """A TOML basic string: JSON's escapes (\\", \\\\, \\n, \\uXXXX) are TOML's, and nothing else is produced."""
    return Code(json.dumps(_scalar_values(str(text)), ensure_ascii=True))


_XML_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: object) -> Code:
    """Character data or an attribute value in XML: markup characters as entities, and the characters XML 1.0
    does not allow at all (controls, lone surrogates, U+FFFE/FFFF) dropped."""
    cleaned = _XML_FORBIDDEN.sub("", str(text))
    return Code(cleaned.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
                .replace("'", "&apos;"))

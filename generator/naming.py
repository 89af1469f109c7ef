"""Names: split any spec string into words once, join words in each case style, keep names unique in a scope.

Words keep the spec's capitalisation ("RunMLService" -> ("Run", "ML", "Service")) so that targets can keep
initialisms (RunMLService, runMLService) while snake case lowers them (run_ml_service). Uniqueness is decided
on the words' lower-case concatenation, so names that differ only by case or punctuation (pet_id, petId,
Pet-Id) collide here, once, for every language.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

Words = tuple[str, ...]
NameT = TypeVar("NameT", bound=str)
K = TypeVar("K", bound=Any)  # a sortable key: a wire name, or a tuple of them

# Over a name's character classes (U upper, L lower, D digit, O a letter without case): an upper-case run (an
# initialism), a capitalised or lower-case word, digits glued to the letters before them, a run of uncased letters.
_WORD = re.compile(r"U+(?!L)D*|U?L+D*|D+L*|O+D*")


def is_name_letter(char: str) -> bool:
    """A letter outside ASCII that names keep, so that `名前` or `café` stay readable in every language: a letter
    (category L) that Unicode 3.2 already had, so every compiler of the four languages knows it as one; that Python
    reads in an identifier; and whose upper and lower case forms are, too, and stay the same under NFKC (Python
    normalises identifiers so)."""
    if char.isascii() or not unicodedata.category(char).startswith("L"):
        return False
    if not unicodedata.ucd_3_2_0.category(char).startswith("L"):
        return False
    return all(form.isidentifier() and unicodedata.normalize("NFKC", form) == form
               for form in (char, char.upper(), char.lower()))


_ASCII_NAME = re.compile(r"[A-Za-z0-9_]*")


def name_characters(text: str) -> str:
    """Only the characters an identifier may hold in every language: ASCII letters, digits and '_', and the
    letters is_name_letter allows (a name made of ASCII only, the usual case, is matched once, not per character)."""
    if _ASCII_NAME.fullmatch(text):
        return text
    return "".join(c for c in text if c.isascii() and (c.isalnum() or c == "_") or is_name_letter(c))


def _fold(text: str, normal_form: str, keep: Callable[[str], bool]) -> str:
    """Spec text with only name characters left, normalised to `normal_form`: ASCII and the letters `keep` keeps
    stay; combining marks left over go; other letters and digits become their code point (日 -> u26085); any
    other character separates words."""
    out = []
    for char in unicodedata.normalize(normal_form, text):
        if char.isascii() or keep(char):
            out.append(char)
        elif unicodedata.combining(char):
            continue
        elif char.isalnum():
            out.append(f" u{ord(char)} ")
        else:
            out.append(" ")
    return "".join(out)


def _no_letter(char: str) -> bool:
    return False


def split_ascii_words(text: str) -> Words:
    """split_words for a name that must be ASCII (packages, modules, distributions): NFKD, so accents are dropped:
    'Café API' -> ('Cafe', 'API'); '名前' -> ('u21517', 'u21069')."""
    return split_words(_fold(text, "NFKD", _no_letter))


def _character_class(char: str) -> str:
    if char.isascii():
        return "U" if char.isupper() else "L" if char.islower() else "D" if char.isdigit() else " "
    return "U" if char.isupper() else "L" if char.islower() else "O" if is_name_letter(char) else " "


@functools.lru_cache(maxsize=1 << 16)  # each name is split by all four targets, and its words often again
def split_words(text: str) -> Words:
    """'RunMLService' -> ('Run', 'ML', 'Service'); 'pet_id' -> ('pet', 'id'); '/items/{id}' -> ('items', 'id');
    '名前' -> ('名前',); 'caféAu' -> ('café', 'Au')."""
    folded = _fold(text, "NFKC", is_name_letter)  # NFKC, as Python reads identifiers: ﬁ -> fi, full-width -> ASCII
    classes = "".join(_character_class(c) for c in folded)
    return tuple(folded[m.start():m.end()] for m in _WORD.finditer(classes))


def type_name(name: str, prefix: str = "N") -> str:
    """A joined type name that starts with an upper-case letter, as every language's types do: one that does not
    (`名前`: letters without case are the same in every case style, so the type would share its members' name)
    gets `prefix` in front (`N名前`), in every language."""
    return name if name[:1].isupper() else prefix + name


def pascal(words: Iterable[str]) -> str:
    return "".join(word[:1].upper() + word[1:] for word in words)


def camel(words: Iterable[str]) -> str:
    words = list(words)
    if not words:
        return ""
    return words[0].lower() + pascal(words[1:])


def snake(words: Iterable[str]) -> str:
    return "_".join(word.lower() for word in words)


def screaming_snake(words: Iterable[str]) -> str:
    return "_".join(word.upper() for word in words)


def key(words: Iterable[str]) -> str:
    """What two names must differ in to be distinct in every language: letters and digits, case folded."""
    return _NOT_LETTER_OR_DIGIT.sub("", "".join(words)).lower()


_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")  # re's \w is exactly str.isalnum() plus "_"


MAX_NAME = 80  # characters of a name's words: every name fits a file name (255 bytes) in every language


def shorten(words: Words) -> Words:
    """The words of a name cut to MAX_NAME characters in all (a spec's 20,000-character name stays a name, and a
    file name); a Scope then keeps the shortened names unique."""
    kept: list[str] = []
    room = MAX_NAME
    for word in words:
        if room <= 0:
            break
        kept.append(word[:room])
        room -= len(kept[-1])
    return tuple(kept)


class Scope:
    """Hands out names that are unique within one scope (a model's fields, an operation's parameters, ...).

    `claim(words)` returns the words unchanged when free, else with a number appended (("pet", "id", "2")).
    Names reserved up front (by the scope's owner) are never handed out.
    """

    def __init__(self, reserved: Iterable[Words] = ()):
        self._taken = {key(words) for words in reserved}

    def claim(self, words: Words, fallback: str = "value") -> Words:
        words = shorten(words or (fallback,))
        candidate, number = words, 1
        while key(candidate) in self._taken:
            number += 1
            candidate = words + (str(number),)
        self._taken.add(key(candidate))
        return candidate

    def claim_sorted(self, names: Mapping[K, Words], fallback: str = "value") -> dict[K, Words]:
        """Claims the words of every entry in the order of its key (a wire name), not of its place: of two names
        that collide, the one whose key sorts later gets the number, wherever either of them was added, so an
        addition to a spec never renames what was there before (unless it sorts before it)."""
        return {entry: self.claim(names[entry], fallback) for entry in sorted(names)}

    def unique(self, name: NameT, separator: str = "") -> NameT:
        """For a name already joined and escaped by a target: the name, or the name with a number appended.
        The result has the type of `name`, so a target's escaped name (render.Code) stays one: only the
        separator and digits are added."""
        candidate: str = name
        number = 1
        taken = key((candidate,))
        while taken in self._taken:
            number += 1
            candidate = f"{name}{separator}{number}"
            taken = key((candidate,))
        self._taken.add(taken)
        return type(name)(candidate)

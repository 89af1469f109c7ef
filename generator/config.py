"""Options for a run, from the command line and an optional config file, validated into frozen dataclasses.

The config file (`clientgen.toml`, or `[tool.clientgen]` in a pyproject.toml) holds what a team commits. Its keys:
spec, out, languages, package-name, sdk-version, go-module, java-package, templates, timeout, ca-bundle, allow-ref
(a list of reference prefixes), max-spec-size, jobs (processes rendering at once), strict (every validator
finding an error), header-env (a list of "Header-Name=ENV_VAR": the header's value is read from the environment,
never written in the file),
`[pagination.<operationId>]` tables (see PagingRule), and the package metadata: license, authors, description,
homepage, repository, java-group-id, nuget-package-id (see PackageMetadata).

Several services: `[[service]]` entries (`[[tool.clientgen.service]]` in pyproject.toml), each with a `name` and any
of the keys above; the top-level keys are defaults every service inherits, each replaced by the service's own. A
service's output goes to its own `out`, else to `<top-level out>/<name>`. Without `[[service]]` the file is one run.

Command-line values win over the file's (for allow-ref and headers both count; a header named on the command line
replaces the file's of that name); with services, `--out OUT` puts each service in `OUT/<name>`. Relative paths
in the file are relative to the file. An unknown key, a value of the wrong type or an unusable value is an error
naming the file's line (tomllib keeps no positions: `_key_lines` finds the key at the start of a line in its table).
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .errors import ClientgenError
from .fetch import DEFAULT_MAX_BYTES, Settings

if TYPE_CHECKING:
    from .ir import PageStyle

LANGUAGES = ("python", "csharp", "go", "java")
_OPTION_KEYS: dict[str, tuple[type, ...]] = {
    "spec": (str,), "out": (str,), "languages": (list,), "package-name": (str,), "sdk-version": (str,),
    "go-module": (str,), "java-package": (str,), "templates": (str,), "timeout": (float, int), "ca-bundle": (str,),
    "allow-ref": (list,), "max-spec-size": (int,), "header-env": (list,), "pagination": (dict,), "jobs": (int,),
    "strict": (bool,)}
_METADATA_KEYS: dict[str, tuple[type, ...]] = {
    "license": (str,), "authors": (list,), "description": (str,), "homepage": (str,), "repository": (str,),
    "java-group-id": (str,), "nuget-package-id": (str,)}
_TOP_KEYS = _OPTION_KEYS | _METADATA_KEYS | {"service": (list,)}  # service: [[service]] tables, read apart
_SERVICE_KEYS = {"name": (str,)} | _OPTION_KEYS | _METADATA_KEYS
_PAGING_KEYS: dict[str, tuple[type, ...]] = {key: (str,) for key in ("style", "items", "next", "param")}
_WANTED = {str: "a string", list: "a list of strings", int: "a number", float: "a number", dict: "a table",
           bool: "true or false"}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class ConfigError(ClientgenError):
    exit_code = 2


def languages(values: Sequence[str]) -> tuple[str, ...]:
    """Languages as given (each a name, a comma-separated list or `all`), in order, without repeats; unknown names
    are left for Options to refuse."""
    names = [name.strip() for value in values for name in value.split(",") if name.strip()]
    return LANGUAGES if "all" in names else tuple(dict.fromkeys(names))


def split_header_env(text: str) -> tuple[str, str]:
    """'Header-Name=ENV_VAR' -> ('Header-Name', 'ENV_VAR'); ValueError saying what is wrong."""
    name, sep, variable = text.partition("=")
    if not sep or not name.strip() or not variable.strip():
        raise ValueError(f"expected 'Header-Name=ENV_VAR', got {text!r}")
    return name.strip(), variable.strip()


def header_from_env(text: str) -> tuple[str, str]:
    """'Header-Name=ENV_VAR' -> (Header-Name, the variable's value); ValueError when it is malformed or unset."""
    name, variable = split_header_env(text)
    if variable not in os.environ:
        raise ValueError(f"environment variable {variable!r} is not set")
    return name, os.environ[variable]


@dataclass(frozen=True)
class PagingRule:
    """`[pagination.<operationId>]`: how that operation's answers continue, for APIs that say it only in prose.

        [pagination.ListPets]
        style = "cursor"      # next-link, link-header, cursor or offset
        items = "data"        # the page's field holding the items (left out: the page is the array)
        next = "next_cursor"  # next-link: the field holding the next page's URL; cursor: the next cursor
        param = "cursor"      # cursor, offset: the query parameter asking for a page
    """

    operation_id: str
    style: PageStyle
    items: str | None = None
    next: str | None = None
    param: str | None = None

    @staticmethod
    def parse(operation_id: str, table: dict[str, str], where: str) -> PagingRule:
        """The rule of a table whose keys and value types the config reader has checked."""
        from .ir import PageStyle  # here: a run that stops early (its output up to date) never loads the model's module

        place = f"{where}: [pagination.{operation_id}]"
        for key, value in table.items():
            if not value:
                raise ConfigError(f"{place}: {key} must be a non-empty string")
        styles = ", ".join(style.value for style in PageStyle)
        try:
            style = PageStyle(table.get("style", ""))
        except ValueError:
            raise ConfigError(f"{place}: style must be one of {styles}, not {table.get('style')!r}") from None
        needs = {PageStyle.NEXT_LINK: ("next",), PageStyle.CURSOR: ("next", "param"), PageStyle.OFFSET: ("param",),
                 PageStyle.LINK_HEADER: ()}[style]
        missing = [key for key in needs if key not in table]
        if missing:
            raise ConfigError(f"{place}: style {style.value!r} needs {' and '.join(missing)}")
        return PagingRule(operation_id, style, table.get("items"), table.get("next"), table.get("param"))


@dataclass(frozen=True)
class PackageMetadata:
    """What a published SDK package says about itself, in every language's package file (the config file's keys of
    the same names, with '-' for '_'). Values from a config file are checked by `metadata_problem`; values given
    here directly are taken as they are (the targets escape them)."""

    license: str | None = None  # an SPDX identifier, e.g. MIT or Apache-2.0
    authors: tuple[str, ...] = ()  # "Name <email>"
    description: str | None = None
    homepage: str | None = None  # a URL
    repository: str | None = None  # a URL: PyPI's Repository, Maven's scm, NuGet's RepositoryUrl
    java_group_id: str | None = None  # Maven's groupId (default: the Java package's first two parts)
    nuget_package_id: str | None = None  # NuGet's PackageId (default: from the package name)


_SPDX_ID = re.compile(r"LicenseRef-[A-Za-z0-9.-]+|[A-Za-z0-9][A-Za-z0-9.-]*\+?")


def _spdx_expression(text: str) -> bool:
    """Whether text is shaped like an SPDX licence expression: identifiers joined by AND, OR or WITH."""
    if text.count("(") != text.count(")"):
        return False
    words = text.replace("(", " ").replace(")", " ").split()
    return bool(words) and len(words) % 2 == 1 and all(
        (word in ("AND", "OR", "WITH")) if position % 2 else bool(_SPDX_ID.fullmatch(word))
        for position, word in enumerate(words))


def _url(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not re.search(r"\s", text)


def metadata_problem(key: str, value: str) -> tuple[str, str] | None:
    """(what is wrong, what to do) with one package-metadata value of the config file (one author for authors), or
    None when a registry would take it."""
    if not value.strip():
        return "must not be empty", f"give {key} a value, or leave the key out"
    if key == "license" and not _spdx_expression(value):
        return (f"{value!r} is not an SPDX licence identifier",
                "use an identifier from https://spdx.org/licenses/, e.g. MIT, Apache-2.0 or BSD-3-Clause")
    if key in ("homepage", "repository") and not _url(value):
        return f"{value!r} is not an http(s) URL", f"e.g. {key} = \"https://github.com/contoso/azml-client\""
    if key == "authors" and ("<" in value or ">" in value) and not re.fullmatch(
            r"[^<>\n]*<[^<>\s@]+@[^<>\s@]+>\s*", value):
        return f"{value!r} is not 'Name <email>'", 'e.g. authors = ["Ada Lovelace <ada@example.org>"]'
    if key == "authors" and not value.isprintable():
        return f"{value!r} holds a line break or control character", "give each author on one line"
    if key == "java-group-id" and not re.fullmatch(r"[a-z][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+", value):
        return (f"{value!r} is not a Maven group id", "use dotted lower-case words, your domain reversed, "
                "e.g. com.contoso")
    if key == "nuget-package-id" and not re.fullmatch(r"[A-Za-z0-9_.-]{1,100}", value):
        return (f"{value!r} is not a NuGet package id", "use letters, digits, '.', '_' or '-' (at most 100), "
                "e.g. Contoso.AzmlClient")
    return None


@dataclass(frozen=True)
class Options:
    spec: str
    out: Path
    languages: tuple[str, ...]
    package_name: str | None = None  # distribution name, e.g. azml-client; default: from the spec's title
    sdk_version: str = "0.1.0"
    go_module: str | None = None
    java_package: str | None = None
    templates: Path | None = None  # the user's template overrides: <dir>/<language>/<file>.j2
    headers: tuple[tuple[str, str], ...] = ()  # sent when fetching the spec; never printed or written
    timeout: float = 30.0
    ca_bundle: str | None = None
    check: bool = False  # report what would change, write nothing
    allow_refs: tuple[str, ...] = ()  # $ref prefixes allowed beyond the spec's own folder tree or origin
    max_spec_size: int = DEFAULT_MAX_BYTES  # bytes, per document read
    pagination: tuple[PagingRule, ...] = ()  # the config file's [pagination.<operationId>] rules
    metadata: PackageMetadata = PackageMetadata()  # what the SDKs' package files say about them
    force: bool = False  # overwrite generated files edited by hand since clientgen wrote them
    jobs: int = 1  # processes that render languages at once (fanout.py)
    strict: bool = False  # every validator finding is an error (by default those that leave the SDK clear warn)

    def fetch_settings(self) -> Settings:
        return Settings(self.headers, self.timeout, self.ca_bundle, self.max_spec_size, self.allow_refs)

    def __post_init__(self) -> None:
        unknown = [lang for lang in self.languages if lang not in LANGUAGES]
        if unknown or not self.languages:
            raise ConfigError(f"unknown language {', '.join(unknown) or '(none)'}; choose from {', '.join(LANGUAGES)}")
        if self.package_name is not None and not re.fullmatch(r"[A-Za-z][A-Za-z0-9._-]*", self.package_name):
            raise ConfigError(f"--package-name {self.package_name!r}: use letters, digits, '-', '_' or '.', "
                              "starting with a letter (e.g. azml-client)")
        if not re.fullmatch(r"[0-9]+(\.[0-9]+)*([.-]?[A-Za-z0-9]+)*", self.sdk_version):
            raise ConfigError(f"--sdk-version {self.sdk_version!r}: use a version such as 1.2.0")
        if self.java_package is not None and not re.fullmatch(r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*",
                                                              self.java_package):
            raise ConfigError(f"--java-package {self.java_package!r}: use lower-case dotted words, e.g. com.example.api")
        if self.go_module is not None and not re.fullmatch(r"[A-Za-z0-9._~/-]+", self.go_module):
            raise ConfigError(f"--go-module {self.go_module!r}: use a module path such as example.com/azml-client")
        if self.timeout <= 0:
            raise ConfigError("--timeout must be more than 0 seconds")
        if self.max_spec_size <= 0:
            raise ConfigError("--max-spec-size must be a number of bytes above 0")
        if not 1 <= self.jobs <= 64:
            raise ConfigError(f"--jobs {self.jobs}: give a number of processes from 1 to 64 (more than the languages, "
                              "or than the cores, adds nothing)")
        if self.ca_bundle is not None and not Path(self.ca_bundle).is_file():
            raise ConfigError(f"--ca-bundle {self.ca_bundle}: no such file", "give a file of PEM CA certificates")
        if self.templates is not None:
            if not self.templates.is_dir():
                raise ConfigError(f"--templates {self.templates}: no such folder",
                                  "give a folder holding <language>/<template>.j2 overrides")
            if not any((self.templates / language).is_dir() for language in self.languages):
                raise ConfigError(f"--templates {self.templates}: no {'/, '.join(self.languages)}/ folder in it",
                                  "overrides go in DIR/<language>/<template>.j2, e.g. DIR/python/README.md.j2")
        for prefix in self.allow_refs:
            if not prefix.startswith(("http://", "https://")) and "://" in prefix:
                raise ConfigError(f"--allow-ref {prefix}: only http(s) URL prefixes and folders can be allowed")


# ---- reading the file ----------------------------------------------------------------------------------------------
_KEY_PART = r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'"""
_TABLE_LINE = re.compile(rf"\s*(\[\[?)\s*((?:{_KEY_PART})(?:\s*\.\s*(?:{_KEY_PART}))*)\s*\]\]?\s*(#.*)?$")
_KEY_LINE = re.compile(rf"\s*((?:{_KEY_PART})(?:\s*\.\s*(?:{_KEY_PART}))*)\s*=")


def _key_parts(text: str) -> list[str]:
    return [part.strip("\"'") for part in re.findall(_KEY_PART, text)]


def _key_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """The line of each table and key written at the start of a line, by its path in the document:
    ('service', 1, 'pakage-name') -> 7, the entries of an array of tables counted from 0."""
    lines: dict[tuple[str | int, ...], int] = {}
    entries: dict[tuple[str | int, ...], int] = {}  # array of tables -> its last entry's index
    table: tuple[str | int, ...] = ()
    quote = ""  # the delimiter of a multi-line string being read
    for number, line in enumerate(text.splitlines(), 1):
        if quote:
            quote = "" if line.count(quote) % 2 else quote
            continue
        if header := _TABLE_LINE.match(line):
            parts = _key_parts(header[2])
            path: list[str | int] = []
            for position, part in enumerate(parts):
                path.append(part)
                if tuple(path) in entries and (position < len(parts) - 1 or header[1] == "["):
                    path.append(entries[tuple(path)])
            if header[1] == "[[":
                entries[tuple(path)] = entries.get(tuple(path), -1) + 1
                path.append(entries[tuple(path)])
            table = tuple(path)
            lines.setdefault(table, number)
        elif key := _KEY_LINE.match(line):
            lines.setdefault(table + tuple(_key_parts(key[1])), number)
            rest = line[key.end():]
            quote = next((q for q in ('"""', "'''") if rest.count(q) % 2), "")
    return lines


class _File:
    """A config file being read: its path, and where each key is, for messages naming its line."""

    def __init__(self, path: Path, text: str):
        self.path, self.lines = path, _key_lines(text)

    def where(self, place: tuple[str | int, ...]) -> str:
        while place and place not in self.lines:
            place = place[:-1]
        return f"{self.path}:{self.lines[place]}" if place else str(self.path)

    def error(self, place: tuple[str | int, ...], message: str, hint: str = "") -> ConfigError:
        return ConfigError(message, hint, self.where(place))

    def table(self, data: dict[str, Any], kinds: dict[str, tuple[type, ...]], place: tuple[str | int, ...],
              title: str) -> dict[str, Any]:
        """data's keys checked against kinds (unknown keys and wrong types refused), single strings of list keys
        made lists."""
        for key in data:
            if key not in kinds:
                close = difflib.get_close_matches(key, list(kinds), n=1)
                raise self.error(place + (key,), f"unknown key {key!r}" + (
                    f" (did you mean {close[0]!r}?)" if close else f" in {title}" if title else ""),
                    "" if close else f"known keys: {', '.join(kinds)}")
        checked: dict[str, Any] = {}
        for key, value in data.items():
            wanted = kinds[key]
            if isinstance(value, str) and list in wanted:
                value = [value]
            if not isinstance(value, wanted) or (isinstance(value, bool) and bool not in wanted) or (
                    isinstance(value, list) and list in wanted and not all(isinstance(item, str) for item in value)):
                raise self.error(place + (key,), f"{key} must be {_WANTED[wanted[0]]}, not {value!r}")
            checked[key] = value
        return checked

    def settings(self, data: dict[str, Any], kinds: dict[str, tuple[type, ...]], place: tuple[str | int, ...],
                 title: str) -> dict[str, Any]:
        """A table's settings (the top level's or a service's) by option name, paths made absolute, values checked;
        the package metadata under 'metadata' (PackageMetadata's field names), header-env as (header, variable)."""
        table = self.table(data, kinds, place, title)
        settings: dict[str, Any] = {}
        metadata: dict[str, Any] = {}
        base = self.path.parent
        for key, value in table.items():
            name = key.replace("-", "_")
            if key in _METADATA_KEYS:
                for item in value if isinstance(value, list) else [value]:
                    problem = metadata_problem(key, item)
                    if problem:
                        raise self.error(place + (key,), f"{key}: {problem[0]}", problem[1])
                metadata[name] = tuple(value) if isinstance(value, list) else value
            elif key == "pagination":
                settings[name] = self.pagination(value, place + (key,))
            elif key == "header-env":
                try:
                    settings[name] = tuple(split_header_env(item) for item in value)
                except ValueError as exc:
                    raise self.error(place + (key,), f"header-env: {exc}") from None
            elif key == "allow-ref":
                settings["allow_refs"] = tuple(_prefix(prefix, base) for prefix in value)
            elif key == "languages":
                settings[name] = languages(value)
            elif key in ("out", "templates"):
                settings[name] = (base / value).resolve()
            elif key == "ca-bundle":
                settings[name] = str((base / value).resolve())
            elif key == "spec" and not str(value).startswith(("http://", "https://", "git:", "-")):
                settings[name] = str((base / value).resolve())
            else:
                settings[name] = value
        if metadata:
            settings["metadata"] = metadata
        return settings

    def pagination(self, tables: dict[str, Any], place: tuple[str | int, ...]) -> tuple[PagingRule, ...]:
        rules = []
        for op_id, table in tables.items():
            if not isinstance(table, dict):
                raise self.error(place + (op_id,), f"[pagination.{op_id}] must be a table of style, items, next "
                                 "and param")
            checked = self.table(table, _PAGING_KEYS, place + (op_id,), f"[pagination.{op_id}]")
            rules.append(PagingRule.parse(op_id, checked, self.where(place + (op_id,))))
        return tuple(rules)


def read_config_file(path: Path) -> dict[str, Any]:
    """The file's top-level settings by option name (package-name -> package_name; see _File.settings), and its
    [[service]] entries under 'services': name -> that service's own settings, in the file's order."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    file = _File(path, text)
    place: tuple[str | int, ...] = ()
    if path.name == "pyproject.toml":
        place = ("tool", "clientgen")
        data = data.get("tool", {}).get("clientgen", {})
        if not isinstance(data, dict):
            raise file.error(place, "[tool.clientgen] must be a table")
    entries = data.get("service", [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise file.error(place + ("service",), "service must be written [[service]], one table per service",
                         'e.g. [[service]] then name = "billing", spec = "billing.yaml" on the lines below')
    settings = file.settings({key: value for key, value in data.items() if key != "service"}, _TOP_KEYS, place, "")
    services: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(entries):
        own = file.settings(entry, _SERVICE_KEYS, place + ("service", index), "[[service]]")
        name = own.pop("name", None)
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise file.error(place + ("service", index, "name") if name else place + ("service", index),
                             f"[[service]] entry {index + 1}: name {name!r} is missing or not a folder name" if name
                             is not None else f"[[service]] entry {index + 1} has no name",
                             'give each service a name of letters, digits, ".", "_" or "-", e.g. name = "billing"')
        if name in services:
            raise file.error(place + ("service", index, "name"), f"two [[service]] entries are named {name!r}",
                             "give each service its own name")
        services[name] = own
    if services:
        settings["services"] = services
    return settings


def _prefix(prefix: str, base: Path) -> str:
    """An --allow-ref prefix as the policy compares it: a URL as given, a folder made absolute (from base)."""
    if "://" in prefix:
        return prefix
    return str((base / prefix).resolve()) + ("/" if prefix.endswith(("/", "\\")) or (base / prefix).is_dir() else "")


# ---- the runs a command asks for -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Run:
    """One generate() run: a service of the config file (name None without [[service]] entries) and its options."""

    service: str | None
    options: Options


def make_runs(cli: dict[str, Any], config_file: Path | None, services: Sequence[str] = ()) -> list[Run]:
    """The runs the command line asks for: one per chosen [[service]] of the config file (all of them, in the file's
    order, when none is chosen), or the one run of a file without services (or of no file). `cli` holds the
    command line's values by option name (None: not given), headers as (name, value) pairs."""
    file = read_config_file(config_file) if config_file else {}
    defined: dict[str, dict[str, Any]] = file.pop("services", {})
    unknown = [name for name in services if name not in defined]
    if unknown and defined:
        raise ConfigError(f"--service {unknown[0]}: {config_file} has no service of that name; its services: "
                          f"{', '.join(defined)}", "choose one of those names")
    if unknown:
        raise ConfigError(f"--service {unknown[0]}: " + (f"{config_file} has no [[service]] entries" if config_file
                                                         else "there is no config file (./clientgen.toml)"),
                          "define the services as [[service]] entries in clientgen.toml, each with a name")
    if not defined:
        return [Run(None, _options(cli, file, str(config_file or "")))]
    chosen = list(dict.fromkeys(services)) or list(defined)
    if cli.get("spec") is not None and len(chosen) > 1:
        raise ConfigError(f"a SPEC on the command line and {len(chosen)} services: which one is it for?",
                          "choose the service with --service NAME, or put each service's spec in the config file")
    runs = []
    for name in chosen:
        own = defined[name]
        settings = {key: value for key, value in file.items() if key != "metadata"}
        settings |= {key: value for key, value in own.items() if key != "metadata"}
        settings["metadata"] = dict(file.get("metadata", {})) | dict(own.get("metadata", {}))
        given = dict(cli)
        if given.get("out") is not None or "out" not in own:
            base = given.get("out") or file.get("out")
            if base is None:
                raise ConfigError(f"{config_file}: service {name!r} has no out, and there is no top-level out",
                                  f'set out in its [[service]] entry, e.g. out = "sdk/{name}"')
            given["out"] = Path(base) / name
        runs.append(Run(name, _options(given, settings, f"{config_file}: service {name!r}")))
    for first, run in enumerate(runs):
        for other in runs[first + 1:]:
            a, b = run.options.out.resolve(), other.options.out.resolve()
            if a == b or a in b.parents or b in a.parents:
                raise ConfigError(f"{config_file}: services {run.service!r} and {other.service!r} write to the same "
                                  f"folder ({a if a == b or a in b.parents else b})",
                                  "give each [[service]] its own out")
    return runs


def _options(cli: dict[str, Any], settings: dict[str, Any], where: str) -> Options:
    """Options from a table's settings (see _File.settings) overlaid with the command line's explicit values; where
    names the table in messages (the file, and the service)."""
    merged = dict(settings)
    cli = dict(cli)
    if cli.get("allow_refs"):
        given = tuple(_prefix(prefix, Path.cwd()) for prefix in cli["allow_refs"])
        cli["allow_refs"] = tuple(merged.get("allow_refs", ())) + given
    headers: dict[str, tuple[str, str]] = {}
    for header, variable in merged.pop("header_env", ()):
        if variable not in os.environ:
            raise ConfigError(f"{where}: header-env {header}={variable}: environment variable {variable!r} is not "
                              "set", f"export {variable} before running clientgen (its value is never printed)")
        headers[header.lower()] = (header, os.environ[variable])
    for header, value in cli.pop("headers", None) or ():
        headers[header.lower()] = (header, value)
    merged["headers"] = tuple(headers.values())
    merged["metadata"] = PackageMetadata(**merged.get("metadata", {}))
    merged.update({k: v for k, v in cli.items() if v is not None})
    names = {f.name for f in fields(Options)}
    merged = {k: v for k, v in merged.items() if k in names}
    for required in ("spec", "out", "languages"):
        if required not in merged:
            missing = f"no {required.replace('_', '-')} given (on the command line or in the config file)"
            raise ConfigError(f"{where}: {missing}" if ": service " in where else missing)
    merged["out"] = Path(merged["out"])
    merged["languages"] = languages(merged["languages"])
    if merged.get("templates") is not None:
        merged["templates"] = Path(merged["templates"])
    return Options(**merged)

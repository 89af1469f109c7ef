"""Options for one run, from the command line and an optional config file, validated into one frozen dataclass.

The config file (`clientgen.toml`, or `[tool.clientgen]` in a pyproject.toml) holds what a team commits:
spec, out, languages, package-name, sdk-version, go-module, java-package, templates, timeout, ca-bundle,
allow-ref (a list of reference prefixes), max-spec-size, and `[pagination.<operationId>]` tables saying how an
operation's answers continue on further pages (see PagingRule). Secrets never go in it: headers come from the command
line, preferably from the environment (--header-env). Command-line values win over the file's (for allow-ref,
both lists count). Relative paths in the file are relative to the file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from .errors import ClientgenError
from .fetch import DEFAULT_MAX_BYTES, Settings
from .ir import PageStyle

LANGUAGES = ("python", "csharp", "go", "java")
_FILE_KEYS = {"spec", "out", "languages", "package-name", "sdk-version", "go-module", "java-package", "templates",
              "timeout", "ca-bundle", "allow-ref", "max-spec-size", "pagination"}
_FILE_TYPES: dict[str, tuple[type, ...]] = {key: (str,) for key in _FILE_KEYS} | {
    "languages": (list,), "allow-ref": (list,), "timeout": (float, int), "max-spec-size": (int,), "pagination": (dict,)}
_PAGING_KEYS = {"style", "items", "next", "param"}


class ConfigError(ClientgenError):
    exit_code = 2


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
    def parse(operation_id: str, table: object, where: str) -> PagingRule:
        place = f"{where}: [pagination.{operation_id}]"
        if not isinstance(table, dict):
            raise ConfigError(f"{place} must be a table of style, items, next and param")
        unknown = sorted(set(table) - _PAGING_KEYS)
        if unknown:
            raise ConfigError(f"{place}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_PAGING_KEYS))}")
        for key, value in table.items():
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{place}: {key} must be a non-empty string, not {value!r}")
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


def read_config_file(path: Path) -> dict[str, object]:
    """The file's settings with their option names (package-name -> package_name)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("clientgen", {})
    unknown = sorted(set(data) - _FILE_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(_FILE_KEYS))}")
    for key, value in data.items():
        kinds = _FILE_TYPES[key]
        if isinstance(value, str) and list in kinds:
            value = data[key] = [value]
        if not isinstance(value, kinds) or isinstance(value, bool) or (
                isinstance(value, list) and not all(isinstance(item, str) for item in value)):
            wanted = {str: "a string", list: "a list of strings", int: "a number", float: "a number",
                      dict: "a table"}[kinds[0]]
            raise ConfigError(f"{path}: {key} must be {wanted}, not {value!r}")
    settings = {key.replace("-", "_"): value for key, value in data.items()}
    if "pagination" in settings:
        settings["pagination"] = tuple(PagingRule.parse(str(op_id), table, str(path))
                                       for op_id, table in settings["pagination"].items())  # type: ignore[union-attr]
    if "allow_ref" in settings:
        settings["allow_refs"] = tuple(_prefix(str(p), path.parent) for p in settings.pop("allow_ref"))
    for key in ("out", "templates"):
        if key in settings:
            settings[key] = (path.parent / str(settings[key])).resolve()
    if "ca_bundle" in settings:
        settings["ca_bundle"] = str((path.parent / str(settings["ca_bundle"])).resolve())
    if "spec" in settings and not str(settings["spec"]).startswith(("http://", "https://", "-")):
        settings["spec"] = str((path.parent / str(settings["spec"])).resolve())
    return settings


def _prefix(prefix: str, base: Path) -> str:
    """An --allow-ref prefix as the policy compares it: a URL as given, a folder made absolute (from base)."""
    if "://" in prefix:
        return prefix
    return str((base / prefix).resolve()) + ("/" if prefix.endswith(("/", "\\")) or (base / prefix).is_dir() else "")


def make_options(cli: dict[str, object], config_file: Path | None) -> Options:
    """Options from the config file (if any) overlaid with the command line's explicit values."""
    merged: dict[str, object] = read_config_file(config_file) if config_file else {}
    cli = dict(cli)
    if cli.get("allow_refs"):
        given = tuple(_prefix(str(p), Path.cwd()) for p in cli["allow_refs"])  # type: ignore[union-attr]
        cli["allow_refs"] = tuple(merged.get("allow_refs", ())) + given  # type: ignore[arg-type]
    merged.update({k: v for k, v in cli.items() if v is not None})
    names = {f.name for f in fields(Options)}
    merged = {k: v for k, v in merged.items() if k in names}
    for required in ("spec", "out", "languages"):
        if required not in merged:
            raise ConfigError(f"no {required.replace('_', '-')} given (on the command line or in the config file)")
    merged["out"] = Path(str(merged["out"]))
    merged["languages"] = tuple(dict.fromkeys(merged["languages"]))  # type: ignore[arg-type]
    if merged.get("templates") is not None:
        merged["templates"] = Path(str(merged["templates"]))
    return Options(**merged)  # type: ignore[arg-type]

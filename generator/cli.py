"""The `clientgen` command: arguments, config file, progress, messages and exit codes.

Exit codes: 0 done (or, with --check, up to date); 1 with --check, the output would change; 2 the spec, a template
override or the options are unusable; 3 the output could not be written; 4 the spec (or a document it references)
could not be fetched; 5 an internal error, a bug in clientgen. No traceback reaches the user unless --debug asks
for one; every error is at most three lines. Every line printed passes `_redact`: the values of --header and
--header-env never appear, not even in --debug output.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from . import __version__, generate
from .config import LANGUAGES, make_options
from .errors import EXIT_BAD_INPUT, EXIT_INTERNAL, ClientgenError, one_line

EXAMPLES = """\
examples:
  # from a deployed Azure ML service (its swagger_uri; a scoring_uri works too)
  clientgen generate http://10.0.0.4/api/v1/service/diabetes/swagger.json --lang python --out sdk

  # every language, a key from the environment for a service that wants one to show its spec
  export SCORING_KEY="Bearer $(az ml online-endpoint get-credentials ...)"
  clientgen generate "$SWAGGER_URI" --lang all --header-env Authorization=SCORING_KEY --out sdk

  # in CI / pre-commit: fail when the committed SDK is out of date
  clientgen generate --config clientgen.toml --check

  # a spec that references schemas on another host (refused unless allowed)
  clientgen generate spec.yaml --lang go --out sdk --allow-ref https://schemas.example.com/

output: OUT/<language>/ per language, replaced as a whole (only files clientgen wrote are ever removed).
references: a spec file may $ref files in its own folder tree, a fetched spec its own origin; --allow-ref more.
exit codes: 0 ok, 1 --check found changes, 2 bad spec, template or options, 3 output not written,
  4 spec not fetched, 5 internal error (a bug in clientgen: please report it, with --debug output).
"""


class _Parser(argparse.ArgumentParser):
    """argparse, with an argument error as one line and a pointer to --help instead of the whole usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"clientgen: error: {one_line(message)}\n  hint: see '{self.prog} --help'", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)


def _size(text: str) -> int:
    units = {"k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}
    number, unit = (text[:-1], text[-1].lower()) if text[-1:].lower() in units else (text, "")
    try:
        return int(float(number) * units.get(unit, 1))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a size such as 64M or 1000000, got {text!r}") from None


def _header(text: str) -> tuple[str, str]:
    name, sep, value = text.partition(":")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError("expected 'Name: value' (the value is not shown)")
    return name.strip(), value.strip()


def _header_env(text: str) -> tuple[str, str]:
    name, sep, variable = text.partition("=")
    if not sep or not name.strip() or not variable.strip():
        raise argparse.ArgumentTypeError(f"expected 'Header-Name=ENV_VAR', got {text!r}")
    if variable.strip() not in os.environ:
        raise argparse.ArgumentTypeError(f"environment variable {variable.strip()!r} is not set")
    return name.strip(), os.environ[variable.strip()]


def parser() -> argparse.ArgumentParser:
    root = _Parser(
        prog="clientgen",
        description="Generate typed client SDKs (Python, C#, Go, Java) from an OpenAPI / Swagger document.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    root.add_argument("--version", action="version", version=f"clientgen {__version__}")
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    gen = commands.add_parser(
        "generate",
        help="generate SDKs from a spec",
        description="Read SPEC, validate it, and write one SDK per language under OUT/<language>/.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    gen.add_argument("spec", nargs="?", help="http(s) URL (swagger_uri or scoring_uri), file path, or - for stdin")
    gen.add_argument("--lang", dest="languages", action="append", metavar="LANG",
                     help=f"target language, repeatable or comma-separated: {', '.join(LANGUAGES)}, or all")
    gen.add_argument("--out", type=Path, help="output folder; each language goes to OUT/<language>/")
    gen.add_argument("--package-name", help="SDK name, e.g. azml-client (default: from the spec's title)")
    gen.add_argument("--sdk-version", help="version written into the SDK's package file (default 0.1.0)")
    gen.add_argument("--go-module", help="Go module path (default example.com/<package-name>)")
    gen.add_argument("--java-package", help="Java package (default com.example.<name>)")
    gen.add_argument("--templates", type=Path, help="folder of template overrides: DIR/<language>/<name>.j2")
    gen.add_argument("--header", dest="headers", action="append", type=_header, default=[], metavar="'NAME: VALUE'",
                     help="header sent when fetching the spec (repeatable)")
    gen.add_argument("--header-env", dest="env_headers", action="append", type=_header_env, default=[],
                     metavar="NAME=ENV_VAR", help="header whose value is read from an environment variable; "
                     "use it for keys, so they stay out of shell history and CI logs")
    gen.add_argument("--timeout", type=float, help="seconds to wait for the spec (default 30)")
    gen.add_argument("--ca-bundle", help="CA certificates file for HTTPS (verification is always on)")
    gen.add_argument("--allow-ref", dest="allow_refs", action="append", metavar="PREFIX",
                     help="also let $refs (and redirects) reach addresses starting with PREFIX: a URL prefix such "
                     "as https://schemas.example.com/ or a folder (repeatable; default: only the spec's own folder "
                     "tree, or its own origin)")
    gen.add_argument("--max-spec-size", type=_size, metavar="BYTES",
                     help="refuse documents larger than this (default 64M; suffixes K, M, G)")
    gen.add_argument("--config", type=Path, help="a clientgen.toml (or pyproject.toml with [tool.clientgen]): the "
                     "options above, and [pagination.<operationId>] tables for pages a spec describes only in "
                     "prose; default: ./clientgen.toml when it exists")
    gen.add_argument("--check", action="store_true", help="write nothing; exit 1 if the output would change")
    gen.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    gen.add_argument("--debug", action="store_true", help="on an error, also print the traceback (secrets hidden)")
    return root


def _redact(text: str, secrets: list[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    secrets = [value for _, value in args.headers + args.env_headers if value]

    def say(message: str) -> None:
        print(_redact(message, secrets), file=sys.stderr)

    try:
        return _run(args, say if not args.quiet else (lambda message: None), say)
    except KeyboardInterrupt:
        say("clientgen: interrupted; no output file is left half-written")
        return 130
    except Exception as exc:  # noqa: BLE001 - anything not a ClientgenError is a bug, reported as one
        if args.debug:
            say("".join(traceback.format_exception(exc)).rstrip())
        if isinstance(exc, ClientgenError):
            say(f"clientgen: error: {exc.render()}")
            return exc.exit_code
        say(f"clientgen: internal error: {one_line(type(exc).__name__ + ': ' + str(exc), 200)}")
        say("  this is a bug in clientgen; please report it with the output of --debug (no output file is left half-written)")
        return EXIT_INTERNAL


def _run(args: argparse.Namespace, say: Callable[[str], None], warn: Callable[[str], None]) -> int:
    languages = [name.strip() for value in args.languages or [] for name in value.split(",") if name.strip()]
    if "all" in languages:
        languages = list(LANGUAGES)
    config = args.config or (Path("clientgen.toml") if Path("clientgen.toml").is_file() else None)
    options = make_options({
        "spec": args.spec, "out": args.out, "languages": languages or None, "package_name": args.package_name,
        "sdk_version": args.sdk_version, "go_module": args.go_module, "java_package": args.java_package,
        "templates": args.templates, "timeout": args.timeout, "ca_bundle": args.ca_bundle,
        "headers": tuple(args.headers + args.env_headers) or None, "check": args.check or None,
        "allow_refs": tuple(args.allow_refs or ()) or None, "max_spec_size": args.max_spec_size,
    }, config)
    result = generate(options, progress=lambda message: say(f"clientgen: {message}"))
    for notice in result.notices:
        say(f"clientgen: {notice}")
    for diagnostic in result.diagnostics:
        warn(f"clientgen: {diagnostic.render()}")
    for report in result.reports:
        if options.check and report.dirty:
            for label, paths in (("added", report.added), ("changed", report.changed), ("removed", report.removed)):
                for path in paths:
                    warn(f"  would be {label}: {report.folder / path}")
        say(f"clientgen: {report.summary()}")
    if options.check and any(report.dirty for report in result.reports):
        warn("clientgen: the generated SDKs are out of date; run without --check to update them")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

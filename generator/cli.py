"""The `clientgen` command: arguments, config file, progress, messages and exit codes.

Exit codes: 0 done (or, with --check, up to date); 1 with --check, the output would change; 2 the spec or the
options are unusable; 3 the output could not be written; 4 the spec could not be fetched.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__, generate
from .config import LANGUAGES, ConfigError, make_options
from .errors import ClientgenError, FetchError

EXAMPLES = """\
examples:
  # from a deployed Azure ML service (its swagger_uri; a scoring_uri works too)
  clientgen generate http://10.0.0.4/api/v1/service/diabetes/swagger.json --lang python --out sdk

  # every language, a key from the environment for a service that wants one to show its spec
  export SCORING_KEY="Bearer $(az ml online-endpoint get-credentials ...)"
  clientgen generate "$SWAGGER_URI" --lang all --header-env Authorization=SCORING_KEY --out sdk

  # in CI / pre-commit: fail when the committed SDK is out of date
  clientgen generate --config clientgen.toml --check

output: OUT/<language>/ per language, replaced as a whole (only files clientgen wrote are ever removed).
exit codes: 0 ok, 1 --check found changes, 2 bad spec or options, 3 output not written, 4 spec not fetched.
"""


def _header(text: str) -> tuple[str, str]:
    name, sep, value = text.partition(":")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected 'Name: value', got {text.split(':')[0]!r}...")
    return name.strip(), value.strip()


def _header_env(text: str) -> tuple[str, str]:
    name, sep, variable = text.partition("=")
    if not sep or not name.strip() or not variable.strip():
        raise argparse.ArgumentTypeError(f"expected 'Header-Name=ENV_VAR', got {text!r}")
    if variable.strip() not in os.environ:
        raise argparse.ArgumentTypeError(f"environment variable {variable.strip()!r} is not set")
    return name.strip(), os.environ[variable.strip()]


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
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
                     help=f"target language, repeatable: {', '.join(LANGUAGES)}, or all")
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
    gen.add_argument("--config", type=Path, help="a clientgen.toml (or pyproject.toml with [tool.clientgen]); "
                     "default: ./clientgen.toml when it exists")
    gen.add_argument("--check", action="store_true", help="write nothing; exit 1 if the output would change")
    gen.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    say = (lambda message: None) if args.quiet else (lambda message: print(message, file=sys.stderr))
    languages = args.languages
    if languages and "all" in languages:
        languages = list(LANGUAGES)
    config = args.config or (Path("clientgen.toml") if Path("clientgen.toml").is_file() else None)
    try:
        options = make_options({
            "spec": args.spec, "out": args.out, "languages": languages, "package_name": args.package_name,
            "sdk_version": args.sdk_version, "go_module": args.go_module, "java_package": args.java_package,
            "templates": args.templates, "timeout": args.timeout, "ca_bundle": args.ca_bundle,
            "headers": tuple(args.headers + args.env_headers) or None, "check": args.check or None,
        }, config)
        result = generate(options, progress=lambda message: say(f"clientgen: {message}"))
    except FetchError as exc:
        print(f"clientgen: error: {exc}", file=sys.stderr)
        return 4
    except (ClientgenError, ConfigError) as exc:
        print(f"clientgen: error: {exc}", file=sys.stderr)
        return exc.exit_code
    for notice in result.notices:
        say(f"clientgen: {notice}")
    for diagnostic in result.diagnostics:
        print(f"clientgen: {diagnostic.render()}", file=sys.stderr)
    for report in result.reports:
        if options.check and report.dirty:
            for label, paths in (("added", report.added), ("changed", report.changed), ("removed", report.removed)):
                for path in paths:
                    print(f"  would be {label}: {report.folder / path}", file=sys.stderr)
        say(f"clientgen: {report.summary()}")
    if options.check and any(report.dirty for report in result.reports):
        print("clientgen: the generated SDKs are out of date; run without --check to update them", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

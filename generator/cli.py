"""The `clientgen` command: arguments, config file services, progress, messages and exit codes.

`clientgen generate` runs generate() once per chosen service of the config file (or once, without [[service]]
entries); `clientgen diff` runs compat.run() (compat.py compares; this module parses its arguments, and imports
compat only for `diff`). Exit codes: 0 done (or, with --check, up to date); 1 with --check, the output would
change; 2 the spec, a template override or the options are unusable; 3 the output could not be written; 4 the
spec (or a document it references) could not be fetched; 5 an internal error, a bug in clientgen.
With several services a failing one does not stop the others, and the exit code is the worst of theirs. No
traceback reaches the user unless --debug asks for one; every error is at most three lines. Every line printed
passes `_redact`: the values of --header, --header-env and the config's header-env never appear, not even in
--debug output. Messages go to stderr; stdout holds only what --check shows (the diff, or the --json document).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from . import Stage, __version__, generate
from .config import LANGUAGES, ConfigError, Run, header_from_env, languages, make_runs
from .errors import EXIT_BAD_INPUT, EXIT_CHECK_CHANGED, EXIT_INTERNAL, ClientgenError, one_line

EXAMPLES = """\
examples:
  # from a deployed Azure ML service (its swagger_uri; a scoring_uri works too)
  clientgen generate http://10.0.0.4/api/v1/service/diabetes/swagger.json --lang python --out sdk

  # several languages: comma-separated or repeated (--lang python --lang go), or all
  clientgen generate spec.yaml --lang python,go --out sdk

  # every language, a key from the environment for a service that wants one to show its spec
  export SCORING_KEY="Bearer $(az ml online-endpoint get-credentials ...)"
  clientgen generate "$SWAGGER_URI" --lang all --header-env Authorization=SCORING_KEY --out sdk

  # every [[service]] of ./clientgen.toml, in order, each into its own folder; or only some of them
  clientgen generate
  clientgen generate --service scoring --service billing

  # in CI / pre-commit: show the diff and exit 1 when the committed SDKs are out of date
  clientgen generate --check
  clientgen generate --check --json > sdk-status.json   # one JSON document: {"services": [...]}

  # what a spec change means for the SDKs' users: breaking or compatible, and the version bump
  clientgen diff git:HEAD:spec.yaml spec.yaml --fail-on-breaking

  # a spec that references schemas on another host (refused unless allowed)
  clientgen generate spec.yaml --lang go --out sdk --allow-ref https://schemas.example.com/

config file (clientgen.toml; or [tool.clientgen] and [[tool.clientgen.service]] in pyproject.toml):
  out = "sdk"                       # top-level keys: defaults every service inherits
  languages = ["python", "go"]
  license = "MIT"                   # package metadata: license, authors, description, homepage,
  repository = "https://github.com/contoso/sdks"   # repository, java-group-id, nuget-package-id

  [[service]]
  name = "scoring"                  # its output: sdk/scoring/<language>/ (or its own out = "...")
  spec = "https://ml.contoso.com/api/v1/service/diabetes/swagger.json"
  header-env = ["Authorization=SCORING_KEY"]
  package-name = "azml-client"

  [[service]]
  name = "billing"
  spec = "specs/billing.yaml"
  languages = ["java"]
  java-package = "com.contoso.billing"

output: OUT/<language>/ per language; your own files in it are left alone, a generated file you edited is kept
  (reported; --force overwrites it), generated files the spec no longer needs are removed.
progress: on a terminal one status line; in CI logs a line per stage; -q only warnings and errors;
  -v also the time each stage took.
references: a spec file may $ref files in its own folder tree, a fetched spec its own origin; --allow-ref more.
exit codes: 0 ok, 1 --check found changes, 2 bad spec, template or options, 3 output not written,
  4 spec not fetched, 5 internal error (a bug in clientgen: please report it, with --debug output);
  with several services, the worst of theirs.
"""

DIFF_EXAMPLES = """\
examples:
  # what a release of the spec changes for the SDK's users
  clientgen diff git:v1.4.0:openapi.yaml openapi.yaml

  # in CI: fail the build when the deployed service's spec breaks the SDK
  clientgen diff git:origin/main:openapi.yaml "$SWAGGER_URI" --fail-on-breaking

  # for machines: the changes and the bump as JSON on stdout
  clientgen diff old.json new.json --json

exit codes: 0 done (also with breaking changes, unless --fail-on-breaking), 1 breaking changes with
  --fail-on-breaking, 2 a spec cannot be used, 4 a spec cannot be read (or git / the revision is missing).
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
    try:
        return header_from_env(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parser() -> argparse.ArgumentParser:
    root = _Parser(
        prog="clientgen",
        description="Generate typed client SDKs (Python, C#, Go, Java) from an OpenAPI / Swagger document.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    root.add_argument("--version", action="version", version=f"clientgen {__version__}")
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    fetching = _Parser(add_help=False)  # how specs are read: generate's and diff's
    fetching.add_argument("--header", dest="headers", action="append", type=_header, default=[],
                          metavar="'NAME: VALUE'", help="header sent when fetching the spec (repeatable)")
    fetching.add_argument("--header-env", dest="env_headers", action="append", type=_header_env, default=[],
                          metavar="NAME=ENV_VAR", help="header whose value is read from an environment variable; "
                          "use it for keys, so they stay out of shell history and CI logs")
    fetching.add_argument("--timeout", type=float, help="seconds to wait for the spec (default 30)")
    fetching.add_argument("--ca-bundle", help="CA certificates file for HTTPS (verification is always on)")
    fetching.add_argument("--allow-ref", dest="allow_refs", action="append", metavar="PREFIX",
                          help="also let $refs (and redirects) reach addresses starting with PREFIX: a URL prefix "
                          "such as https://schemas.example.com/ or a folder (repeatable; default: only the spec's own "
                          "folder tree, or its own origin)")
    fetching.add_argument("--max-spec-size", type=_size, metavar="BYTES",
                          help="refuse documents larger than this (default 64M; suffixes K, M, G)")
    fetching.add_argument("--debug", action="store_true", help="on an error, also print the traceback (secrets hidden)")
    gen = commands.add_parser(
        "generate",
        help="generate SDKs from a spec, or from every service of the config file",
        description="Read SPEC, validate it, and write one SDK per language under OUT/<language>/; without SPEC, "
                    "do that for each [[service]] of the config file.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[fetching],
    )
    gen.add_argument("spec", nargs="?", help="http(s) URL (swagger_uri or scoring_uri), file path, or - for stdin")
    gen.add_argument("--lang", dest="languages", action="append", metavar="LANG",
                     help=f"target language, repeatable or comma-separated: {', '.join(LANGUAGES)}, or all")
    gen.add_argument("--out", type=Path, help="output folder; each language goes to OUT/<language>/ (with "
                     "[[service]] entries, OUT/<service>/<language>/)")
    gen.add_argument("--package-name", help="SDK name, e.g. azml-client (default: from the spec's title)")
    gen.add_argument("--sdk-version", help="version written into the SDK's package file (default 0.1.0)")
    gen.add_argument("--go-module", help="Go module path (default example.com/<package-name>)")
    gen.add_argument("--java-package", help="Java package (default com.example.<name>)")
    gen.add_argument("--templates", type=Path, help="folder of template overrides: DIR/<language>/<name>.j2")
    gen.add_argument("--config", type=Path, help="a clientgen.toml (or pyproject.toml with [tool.clientgen]): the "
                     "options of this command, [[service]] entries, package metadata, and [pagination.<operationId>] "
                     "tables for pages a spec describes only in prose; default: ./clientgen.toml when it exists")
    gen.add_argument("--service", dest="services", action="append", default=[], metavar="NAME",
                     help="generate only this [[service]] of the config file (repeatable; default: all of them)")
    gen.add_argument("--check", action="store_true",
                     help="write nothing; print the diff of what would change and exit 1 if anything would")
    gen.add_argument("--json", action="store_true", help="with --check: print one JSON document on stdout instead "
                     "of the diff (each folder's added, changed, removed and edited files, and the whole diff)")
    gen.add_argument("--jobs", type=int, metavar="N", help="render up to N languages at once, each in its own "
                     "process (default 1): faster on several cores, and as many times the memory of the model")
    gen.add_argument("--strict", action="store_true", help="make every finding of the spec's validation an error "
                     "(exit 2); by default a finding that leaves the SDK clear (an example or default that does not "
                     "fit its schema, an unknown format, empty responses...) is a warning naming its place")
    gen.add_argument("--force", action="store_true", help="overwrite generated files that were edited by hand "
                     "(by default they are kept, and reported)")
    noise = gen.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    noise.add_argument("-v", "--verbose", action="store_true", help="also print how long each stage took")
    _add_diff_command(commands, parents=[fetching])
    return root


def _add_diff_command(subparsers: argparse._SubParsersAction, parents: Iterable[argparse.ArgumentParser]) -> None:
    """Register `diff`. `parents`: the parser of the options it shares with `generate`, for reading specs
    (--header, --header-env, --timeout, --ca-bundle, --allow-ref, --max-spec-size, --debug)."""
    command = subparsers.add_parser(
        "diff", parents=list(parents), help="what changed between two specs for the SDKs' users",
        description="Compare two specs as the SDKs see them: breaking and compatible changes, each with its place, "
                    "and the semantic-version bump they imply (major, minor or patch).",
        epilog=DIFF_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    command.add_argument("old", metavar="OLD", help="the spec before: a file, an http(s) URL, or git:REV:path "
                         "(e.g. git:HEAD~1:openapi.yaml, as committed at that revision)")
    command.add_argument("new", metavar="NEW", help="the spec after, in the same forms")
    command.add_argument("--json", action="store_true", help="print the report as JSON on stdout")
    command.add_argument("--fail-on-breaking", action="store_true", help="exit 1 when any change is breaking")


def _redact(text: str, secrets: list[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


class _Display:
    """Everything the command prints, redacted: messages on stderr (`stream`), what --check shows on stdout.
    Stages: on a terminal one status line rewritten in place (the service, the stage, its counts), elsewhere (CI
    logs) a line each, none with quiet; warnings and errors always, on lines of their own. With verbose, finish()
    prints the time each stage took."""

    def __init__(self, stream: TextIO, quiet: bool = False, verbose: bool = False):
        self.stream, self.quiet, self.verbose = stream, quiet, verbose
        self.secrets: list[str] = []
        self.live = not quiet and stream.isatty()
        self.times: list[tuple[str, float]] = []
        self._began = time.perf_counter()
        self._stage: tuple[str, float] | None = None
        self._status = False  # a status line is on the terminal

    def _put(self, text: str) -> None:
        self.stream.write(_redact(text, self.secrets))
        self.stream.flush()

    def _clear(self) -> None:
        if self._status:
            self._put("\r\x1b[K")
            self._status = False

    def line(self, message: str, always: bool = False) -> None:
        """A message on a line of its own; with quiet only if always (warnings and errors)."""
        if always or not self.quiet:
            self._clear()
            self._put(message + "\n")

    def show(self, text: str) -> None:
        """text on stdout (redacted); a reader that stops reading (`| head`) only stops seeing the rest."""
        self._clear()
        try:
            sys.stdout.write(_redact(text, self.secrets))
            sys.stdout.flush()
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

    def stage(self, label: str, message: str) -> None:
        """A stage begins (the one before ends): label names it in the timings, message says it to the user."""
        self.end_stage()
        self._stage = (label, time.perf_counter())
        if self.live:
            width = max(20, shutil.get_terminal_size().columns - 1)
            self._put("\r\x1b[K" + one_line(_redact(message, self.secrets), width))
            self._status = True
        else:
            self.line(message)

    def end_stage(self) -> None:
        if self._stage is not None:
            label, start = self._stage
            self.times.append((label, time.perf_counter() - start))
            self._stage = None

    def finish(self) -> None:
        self.end_stage()
        self._clear()
        if self.verbose and self.times:
            width = max(len(label) for label, _ in self.times)
            self.line("clientgen: time per stage (seconds):")
            for label, seconds in self.times:
                self.line(f"  {label:<{width}}  {seconds:7.3f}")
            self.line(f"  {'total':<{width}}  {time.perf_counter() - self._began:7.3f}")


def _describe(stage: Stage, check: bool) -> str:
    return {"fetch": f"reading {stage.detail}", "validate": f"validating{f' ({stage.detail})' if stage.detail else ''}", "build": "building the model",
            "render": f"rendering {stage.language}: {stage.detail}",
            "write": f"{'comparing' if check else 'writing'} {stage.language}: {stage.detail}"}[stage.name]


def _failure(exc: Exception, debug: bool, prefix: str = "") -> tuple[int, str, list[str]]:
    """The exit code, the message (for --json) and the lines that report an exception: a ClientgenError's message,
    or a bug's."""
    lines = ["".join(traceback.format_exception(exc)).rstrip()] if debug else []
    if isinstance(exc, ClientgenError):
        return exc.exit_code, exc.render(), lines + [f"clientgen: {prefix}error: {exc.render()}"]
    message = one_line(type(exc).__name__ + ": " + str(exc), 200)
    return EXIT_INTERNAL, f"internal error: {message}", lines + [
        f"clientgen: {prefix}internal error: {message}",
        "  this is a bug in clientgen; please report it with the output of --debug (no output file is left "
        "half-written)"]


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    display = _Display(sys.stderr, getattr(args, "quiet", False), getattr(args, "verbose", False))
    display.secrets += [value for _, value in getattr(args, "headers", []) + getattr(args, "env_headers", [])
                        if value]
    try:
        if args.command == "diff":
            from . import compat  # here: `generate` needs neither the comparison nor the model it compares

            return compat.run(args, lambda message: display.line(message, always=True))
        return _generate(args, display)
    except KeyboardInterrupt:
        display.line("clientgen: interrupted; no output file is left half-written", always=True)
        return 130
    except Exception as exc:  # noqa: BLE001 - anything not a ClientgenError is a bug, reported as one
        code, _, lines = _failure(exc, getattr(args, "debug", False))
        for line in lines:
            display.line(line, always=True)
        return code
    finally:
        display.finish()


def _generate(args: argparse.Namespace, display: _Display) -> int:
    if args.json and not args.check:
        raise ConfigError("--json goes with --check", "add --check: the JSON document says what would change")
    config = args.config or (Path("clientgen.toml") if Path("clientgen.toml").is_file() else None)
    runs = make_runs({
        "spec": args.spec, "out": args.out, "languages": languages(args.languages or []) or None,
        "package_name": args.package_name, "sdk_version": args.sdk_version, "go_module": args.go_module,
        "java_package": args.java_package, "templates": args.templates, "timeout": args.timeout,
        "ca_bundle": args.ca_bundle, "headers": tuple(args.headers + args.env_headers) or None,
        "check": args.check or None, "force": args.force or None, "allow_refs": tuple(args.allow_refs or ()) or None,
        "max_spec_size": args.max_spec_size, "jobs": args.jobs,
        "strict": args.strict or None,
    }, config, args.services)
    for run in runs:
        display.secrets += [value for _, value in run.options.headers if value]
    outcomes = [_service(run, f"[{index}/{len(runs)}] " if len(runs) > 1 else "", args, display)
                for index, run in enumerate(runs, 1)]
    if args.json:
        documents = [document for _, document in outcomes]
        display.show(json.dumps({"services": documents} if runs[0].service else documents[0], indent=2) + "\n")
    if any(document.get("out_of_date") for _, document in outcomes):
        display.line("clientgen: the generated SDKs are out of date; run without --check to update them", always=True)
    return max(code for code, _ in outcomes)


def _service(run: Run, counter: str, args: argparse.Namespace, display: _Display) -> tuple[int, dict[str, object]]:
    """One run of generate(), reported: its exit code, and its JSON document for --json."""
    name = run.service
    prefix = f"{name}: " if name else ""
    document: dict[str, object] = {"name": name} if name else {}

    def progress(stage: Stage) -> None:
        display.stage(prefix + stage.label, f"clientgen: {counter}{prefix}{_describe(stage, run.options.check)}")

    try:
        result = generate(run.options, progress)
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # noqa: BLE001 - reported as main() would, and the other services still run
        code, message, lines = _failure(exc, args.debug, prefix)
        for line in lines:
            display.line(line, always=True)
        return code, document | {"exit": code, "error": message}
    finally:
        display.end_stage()
    for notice in result.notices:
        display.line(f"clientgen: {prefix}{notice}")
    for diagnostic in result.diagnostics:
        display.line(f"clientgen: {prefix}{diagnostic.render()}", always=True)
    for report in result.reports:
        for path in report.edited:
            display.line(f"clientgen: {prefix}warning: {report.folder / path} was edited by hand since clientgen "
                         "wrote it; kept as it is", always=True)
        if report.edited:
            display.line("  hint: --force replaces them with what the spec generates; listed in .clientgenignore in "
                         "the language folder, they are yours for good", always=True)
        if run.options.check and report.dirty:
            if not args.json:
                display.show(f"# {report.folder}\n{report.unified_diff()}")
            for label, paths in (("added", report.added), ("changed", report.changed), ("removed", report.removed)):
                for path in paths:
                    display.line(f"  would be {label}: {report.folder / path}", always=True)
        display.line(f"clientgen: {prefix}{report.summary()}")
    out_of_date = run.options.check and any(report.dirty for report in result.reports)
    code = EXIT_CHECK_CHANGED if out_of_date else 0
    document |= {"exit": code, "out_of_date": out_of_date,
                 "warnings": [diagnostic.render() for diagnostic in result.diagnostics]}
    if args.json:  # only then: the diff of a first run of a large spec costs as much as rendering it
        document["reports"] = [report.as_json() for report in result.reports]
    return code, document


if __name__ == "__main__":
    sys.exit(main())

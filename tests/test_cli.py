"""The command line and the config file: [[service]] entries, --service, package metadata keys, unknown keys with
their line, --lang lists, progress (terminal, CI log, --quiet, --verbose), --check's diff and --json, --force and
the diff subcommand's wiring."""

from __future__ import annotations

import io
import json
import shutil
import sys
import tomllib
from pathlib import Path

import pytest

from generator.cli import main, parser
from generator.config import ConfigError, PackageMetadata, make_runs, read_config_file

from .servers import SpecServer

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "specs" / "azureml-seed.swagger.json"
PETS = """\
openapi: 3.0.3
info: {title: Pets, version: '1'}
paths:
  /pets:
    get:
      operationId: ListPets
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {type: string}}
"""


def _project(tmp_path: Path, config: str) -> Path:
    """A folder with the seed spec, a small pets spec and clientgen.toml holding config."""
    shutil.copy(SEED, tmp_path / "seed.json")
    (tmp_path / "pets.yaml").write_text(PETS)
    (tmp_path / "clientgen.toml").write_text(config)
    return tmp_path / "clientgen.toml"


TWO_SERVICES = """\
out = "sdk"
languages = ["python"]
license = "MIT"
authors = ["Ada Lovelace <ada@example.org>"]

[[service]]
name = "scoring"
spec = "seed.json"
package-name = "azml-client"
repository = "https://github.com/contoso/scoring"

[[service]]
name = "pets"
spec = "pets.yaml"
out = "elsewhere/pets-sdk"
package-name = "pets-client"
license = "Apache-2.0"
"""


def _pyproject(folder: Path) -> dict:
    return tomllib.loads((folder / "pyproject.toml").read_text())


# ---- several services -------------------------------------------------------------------------------------------
def test_every_service_is_generated_into_its_own_folder_with_its_inherited_settings(tmp_path: Path, capsys,
                                                                                   monkeypatch) -> None:
    _project(tmp_path, TWO_SERVICES)
    monkeypatch.chdir(tmp_path)
    assert main(["generate"]) == 0
    err = capsys.readouterr().err
    scoring, pets = tmp_path / "sdk" / "scoring" / "python", tmp_path / "elsewhere" / "pets-sdk" / "python"
    assert (scoring / "azml_client" / "client.py").is_file() and (pets / "pets_client" / "client.py").is_file()
    assert not (tmp_path / "sdk" / "pets").exists()
    assert err.index("scoring: reading") < err.index("pets: reading")  # in the file's order
    runs = make_runs({}, tmp_path / "clientgen.toml")
    assert [(run.service, run.options.metadata) for run in runs] == [
        ("scoring", PackageMetadata(license="MIT", authors=("Ada Lovelace <ada@example.org>",),
                                    repository="https://github.com/contoso/scoring")),
        ("pets", PackageMetadata(license="Apache-2.0", authors=("Ada Lovelace <ada@example.org>",)))]
    assert _pyproject(scoring)["project"]["name"] == "azml-client"
    assert main(["generate", "--check"]) == 0  # both up to date


def test_service_picks_some_and_an_unknown_name_lists_the_known_ones(tmp_path: Path, capsys, monkeypatch) -> None:
    _project(tmp_path, TWO_SERVICES)
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "--service", "pets", "-q"]) == 0
    assert (tmp_path / "elsewhere" / "pets-sdk" / "python").is_dir() and not (tmp_path / "sdk").exists()
    assert main(["generate", "--service", "scoring", "--service", "pets", "-q"]) == 0
    assert (tmp_path / "sdk" / "scoring" / "python").is_dir()
    capsys.readouterr()
    assert main(["generate", "--service", "billing"]) == 2
    err = capsys.readouterr().err
    assert "--service billing: clientgen.toml has no service of that name; its services: scoring, pets" in err
    assert main(["generate", "--service", "pets", "--config", str(SEED.with_name("conformance.clientgen.toml"))]) == 2
    assert "has no [[service]] entries" in capsys.readouterr().err


def test_out_on_the_command_line_holds_each_service_in_a_folder_of_its_name(tmp_path: Path, monkeypatch) -> None:
    _project(tmp_path, TWO_SERVICES)
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "--out", "ci-out", "--lang", "python,go", "-q"]) == 0
    for service in ("scoring", "pets"):
        for language in ("python", "go"):
            assert (tmp_path / "ci-out" / service / language / ".clientgen-manifest").is_file()


def test_services_in_pyproject_toml(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "seed.json")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "mine"\n\n[tool.clientgen]\nout = "sdk"\nlanguages = ["python"]\n\n'
        '[[tool.clientgen.service]]\nname = "a"\nspec = "seed.json"\n\n'
        '[[tool.clientgen.service]]\nname = "b"\nspec = "seed.json"\npackage-name = "b-client"\n')
    assert main(["generate", "--config", str(tmp_path / "pyproject.toml"), "-q"]) == 0
    assert (tmp_path / "sdk" / "a" / "python" / "myservice_client").is_dir()
    assert (tmp_path / "sdk" / "b" / "python" / "b_client").is_dir()


def test_a_failing_service_does_not_stop_the_others_and_the_exit_code_is_the_worst(tmp_path: Path, capsys,
                                                                                  monkeypatch) -> None:
    _project(tmp_path, TWO_SERVICES.replace('spec = "seed.json"', 'spec = "missing.json"'))
    monkeypatch.chdir(tmp_path)
    assert main(["generate"]) == 4  # the spec file is missing: a fetch error
    err = capsys.readouterr().err
    assert "clientgen: scoring: error:" in err and "missing.json" in err
    assert (tmp_path / "elsewhere" / "pets-sdk" / "python").is_dir()  # the service after it still ran
    (tmp_path / "pets.yaml").write_text(PETS.replace("ok", "all pets"))
    assert main(["generate", "--check", "--service", "pets", "--service", "scoring"]) == 4  # worse than 1
    assert "pets: " in capsys.readouterr().err


@pytest.mark.parametrize(("config", "message"), [
    ('[[service]]\nname = "a"\nspec = "seed.json"\n', "service 'a' has no out, and there is no top-level out"),
    ('out = "sdk"\n[[service]]\nname = "a"\nspec = "seed.json"\nout = "x"\n[[service]]\nname = "b"\n'
     'spec = "seed.json"\nout = "x/b"\n', "services 'a' and 'b' write to the same folder"),
    ('out = "sdk"\n[[service]]\nspec = "seed.json"\n', "clientgen.toml:3: [[service]] entry 1 has no name"),
    ('out = "sdk"\n[[service]]\nname = "a"\n[[service]]\nname = "a"\n', "clientgen.toml:6: two [[service]] entries "
     "are named 'a'"),
    ('out = "sdk"\n[[service]]\nname = "../up"\n', "clientgen.toml:4: [[service]] entry 1: name '../up' is "
     "missing or not a folder name"),
    ('[service]\nname = "a"\n', "clientgen.toml:2: service must be written [[service]]"),
])
def test_service_entries_that_cannot_work_are_errors_naming_the_place(tmp_path: Path, config: str,
                                                                      message: str) -> None:
    path = _project(tmp_path, 'languages = ["python"]\n' + config)
    with pytest.raises(ConfigError) as caught:
        make_runs({}, path)
    assert message in caught.value.render()


def test_a_spec_on_the_command_line_needs_one_service(tmp_path: Path, capsys, monkeypatch) -> None:
    _project(tmp_path, TWO_SERVICES)
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "pets.yaml"]) == 2
    assert "a SPEC on the command line and 2 services" in capsys.readouterr().err
    assert main(["generate", "seed.json", "--service", "pets", "-q"]) == 0  # the seed, as the pets service
    assert (tmp_path / "elsewhere" / "pets-sdk" / "python" / "pets_client").is_dir()


def test_header_env_in_the_config_sends_the_key_and_never_shows_it(tmp_path: Path, capsys, monkeypatch) -> None:
    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(SEED, served / "swagger.json")
    monkeypatch.setenv("CLIENTGEN_CACHE_DIR", str(tmp_path / "cache"))
    with SpecServer(served, required=("Authorization", "Bearer s3cret")) as server:
        config = _project(tmp_path, f'out = "sdk"\nlanguages = ["python"]\n[[service]]\nname = "live"\n'
                                    f'spec = "{server.url}/specs/swagger.json"\n'
                                    'header-env = ["Authorization=SCORING_KEY"]\n')
        monkeypatch.chdir(tmp_path)
        assert main(["generate"]) == 2
        err = capsys.readouterr().err
        assert "header-env Authorization=SCORING_KEY: environment variable 'SCORING_KEY' is not set" in err
        monkeypatch.setenv("SCORING_KEY", "Bearer s3cret")
        config.write_text(config.read_text().replace("[[service]]", 'spec = "nowhere.yaml"\n[[service]]'))
        assert main(["generate", "--debug", "-v"]) == 0
        assert [headers.get("Authorization") for _, headers in server.requests] == ["Bearer s3cret"]
        (tmp_path / "sdk" / "live" / "python" / "README.md").write_text("edited")
        assert main(["generate", "--check", "--json", "--debug"]) == 0
    out, err = capsys.readouterr()
    assert "s3cret" not in out + err
    written = b"".join(p.read_bytes() for p in (tmp_path / "sdk").rglob("*") if p.is_file())
    assert b"s3cret" not in written


# ---- unknown keys, wrong values ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("config", "message"), [
    ('spec = "seed.json"\nout = "sdk"\n\n# the name\npakage-name = "a"\n',
     "clientgen.toml:5: unknown key 'pakage-name' (did you mean 'package-name'?)"),
    ('spec = "seed.json"\nfrobnicate = true\n', "clientgen.toml:2: unknown key 'frobnicate'\n  hint: known keys: "),
    ('out = "sdk"\n[[service]]\nname = "a"\nspec = "seed.json"\n[[service]]\nname = "b"\nlanguage = ["go"]\n',
     "clientgen.toml:7: unknown key 'language' (did you mean 'languages'?)"),
    ('out = "sdk"\n[[service]]\nname = "a"\n[service.pagination.ListPets]\nstyle = "cursor"\ncursor = "c"\n',
     "clientgen.toml:6: unknown key 'cursor' in [pagination.ListPets]"),
    ('[pagination.ListPets]\nstyle = "offset"\nparams = "p"\n',
     "clientgen.toml:3: unknown key 'params' (did you mean 'param'?)"),
    ('spec = "seed.json"\ndescription = """\nfrobnicate = 1\n"""\nlicence = "MIT"\n',
     "clientgen.toml:5: unknown key 'licence' (did you mean 'license'?)"),  # not the line inside the string
    ('out = "sdk"\nservice = [{name = "a", spek = "x"}]\n', "clientgen.toml:2: unknown key 'spek'"),
    ('spec = "seed.json"\ntimeout = "soon"\n', "clientgen.toml:2: timeout must be a number, not 'soon'"),
    ('spec = "seed.json"\n[[service]]\nname = "a"\nauthors = [1]\n',
     "clientgen.toml:4: authors must be a list of strings, not [1]"),
])
def test_unknown_keys_and_wrong_types_name_the_line(tmp_path: Path, config: str, message: str) -> None:
    path = _project(tmp_path, config)
    with pytest.raises(ConfigError) as caught:
        read_config_file(path)
    assert message in caught.value.render()


def test_unknown_keys_in_pyproject_name_their_line(tmp_path: Path, capsys) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "1"\n\n[tool.clientgen]\nout = "sdk"\n'
                                             '\n[[tool.clientgen.service]]\nname = "a"\nsdk_version = "2"\n')
    assert main(["generate", "--config", str(tmp_path / "pyproject.toml")]) == 2
    assert "pyproject.toml:10: unknown key 'sdk_version' (did you mean 'sdk-version'?)" in capsys.readouterr().err


@pytest.mark.parametrize(("key", "value", "message"), [
    ("license", '"MIT License"', "license: 'MIT License' is not an SPDX licence identifier"),
    ("license", '"Apache 2.0"', "is not an SPDX licence identifier"),
    ("license", '"(MIT OR Apache-2.0"', "is not an SPDX licence identifier"),
    ("license", '""', "license: must not be empty"),
    ("homepage", '"github.com/contoso"', "homepage: 'github.com/contoso' is not an http(s) URL"),
    ("repository", '"ftp://contoso.com/x"', "is not an http(s) URL"),
    ("repository", '"https://contoso.com/a b"', "is not an http(s) URL"),
    ("authors", '["Ada <ada at example.org>"]', "authors: 'Ada <ada at example.org>' is not 'Name <email>'"),
    ("authors", '["Ada\\nLovelace"]', "holds a line break"),
    ("java-group-id", '"Com.Contoso"', "java-group-id: 'Com.Contoso' is not a Maven group id"),
    ("java-group-id", '"contoso"', "is not a Maven group id"),
    ("nuget-package-id", '"Contoso Client"', "nuget-package-id: 'Contoso Client' is not a NuGet package id"),
])
def test_package_metadata_is_checked_where_it_is_written(tmp_path: Path, key: str, value: str, message: str) -> None:
    path = _project(tmp_path, f'out = "sdk"\n[[service]]\nname = "a"\n{key} = {value}\n')
    with pytest.raises(ConfigError) as caught:
        read_config_file(path)
    shown = caught.value.render()
    assert shown.startswith(f"{path}:4: {key}: ") and message in shown and "\n  hint: " in shown, shown


def test_package_metadata_that_a_registry_takes(tmp_path: Path) -> None:
    path = _project(tmp_path, 'spec = "seed.json"\nout = "sdk"\nlanguages = "python"\nlicense = "MIT OR Apache-2.0"\n'
                              'authors = "Ada Lovelace <ada@example.org>"\ndescription = "Scores diabetes."\n'
                              'homepage = "https://contoso.com/azml"\nrepository = "http://git.contoso.com/azml"\n'
                              'java-group-id = "com.contoso"\nnuget-package-id = "Contoso.Azml_Client-1"\n')
    [run] = make_runs({}, path)
    assert run.service is None
    assert run.options.metadata == PackageMetadata(
        "MIT OR Apache-2.0", ("Ada Lovelace <ada@example.org>",), "Scores diabetes.", "https://contoso.com/azml",
        "http://git.contoso.com/azml", "com.contoso", "Contoso.Azml_Client-1")


# ---- languages ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("given", [["--lang", "python,go"], ["--lang", "python", "--lang", "go"],
                                   ["--lang", " python , go,python"]])
def test_lang_takes_a_list_or_repeats(tmp_path: Path, given: list[str]) -> None:
    assert main(["generate", str(SEED), "--out", str(tmp_path), "-q", *given]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["go", "python"]


def test_languages_in_the_config_file_may_be_a_comma_list_or_all(tmp_path: Path) -> None:
    path = _project(tmp_path, 'spec = "seed.json"\nout = "sdk"\nlanguages = "python,go"\n')
    assert make_runs({}, path)[0].options.languages == ("python", "go")
    path.write_text('spec = "seed.json"\nout = "sdk"\nlanguages = ["all"]\n')
    assert make_runs({}, path)[0].options.languages == ("python", "csharp", "go", "java")
    assert make_runs({"languages": ("java",)}, path)[0].options.languages == ("java",)  # the command line wins


# ---- progress -----------------------------------------------------------------------------------------------------
class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_in_a_ci_log_is_a_line_per_stage(tmp_path: Path, capsys) -> None:
    assert main(["generate", str(SEED), "--lang", "python", "--out", str(tmp_path)]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines == [f"clientgen: reading {SEED}", "clientgen: validating", "clientgen: building the model",
                     "clientgen: rendering python: 2 operations, 2 models", "clientgen: writing python: 19 files",
                     f"clientgen: {tmp_path / 'python'}: 19 added, 0 changed, 0 removed, 0 unchanged"]


def test_progress_on_a_terminal_rewrites_one_line(tmp_path: Path, monkeypatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["generate", str(SEED), "--lang", "python,go", "--out", str(tmp_path),
                 "--go-module", "github.com/acme/seed-go"]) == 0  # a publishable module path: no warning line
    text = terminal.getvalue()
    statuses = text.split("\r\x1b[K")
    assert "clientgen: rendering go: 2 operations, 2 models" in statuses
    assert "clientgen: writing go: 18 files" in statuses
    lines = text.replace("\r\x1b[K", "\n").split("\n")
    assert sum(1 for line in lines if line.startswith("clientgen: rendering")) == 2
    assert text.count("\n") == 2  # the two summaries; the stages only rewrote the status line
    assert text.endswith("18 added, 0 changed, 0 removed, 0 unchanged\n")


def test_quiet_prints_only_warnings_and_errors(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.stderr", _Terminal())
    spec = tmp_path / "mixed.yaml"
    spec.write_text("openapi: 3.0.3\ninfo: {title: U, version: '1'}\npaths:\n  /x:\n    post:\n      requestBody:\n"
                    "        content:\n          multipart/mixed:\n            schema: {type: object}\n"
                    "      responses:\n        '200': {description: ok}\n")
    assert main(["generate", str(spec), "--lang", "python", "--out", str(tmp_path / "out"), "-q"]) == 0
    text = sys.stderr.getvalue()
    assert "\r" not in text and text.startswith("clientgen: warning: #/paths/~1x/post: left out")
    assert len(text.splitlines()) == 1
    with pytest.raises(SystemExit) as caught:
        main(["generate", str(spec), "--lang", "python", "-q", "-v"])
    assert caught.value.code == 2  # not both
    assert "not allowed with argument -q/--quiet" in sys.stderr.getvalue()


def test_verbose_times_each_stage(tmp_path: Path, capsys) -> None:
    assert main(["generate", str(SEED), "--lang", "python,go", "--out", str(tmp_path), "-v"]) == 0
    err = capsys.readouterr().err
    timings = err[err.index("clientgen: time per stage (seconds):"):].splitlines()[1:]
    assert [line.rsplit(None, 1)[0].strip() for line in timings] == [
        "fetch", "validate", "build", "render python", "write python", "render go", "write go", "total"]
    assert all(float(line.rsplit(None, 1)[1]) >= 0 for line in timings)


# ---- --check, --json, --force -------------------------------------------------------------------------------------
def test_check_prints_the_diff_on_stdout_and_the_files_on_stderr(tmp_path: Path, capsys) -> None:
    spec = tmp_path / "pets.yaml"
    spec.write_text(PETS)
    args = ["generate", str(spec), "--lang", "python", "--out", str(tmp_path / "sdk")]
    assert main(args) == 0
    assert main(args + ["--check"]) == 0
    out, _ = capsys.readouterr()
    assert out == ""
    spec.write_text(PETS.replace("/pets:", "/animals:"))
    assert main(args + ["--check"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"# {tmp_path / 'sdk' / 'python'}\n--- a/")
    assert "+++ b/pets_client/client.py" in out and "+" in out and "/animals" in out
    assert f"  would be changed: {tmp_path / 'sdk' / 'python' / 'pets_client' / 'client.py'}" in err
    assert "out of date; run without --check" in err
    assert main(args + ["--check", "--json"]) == 1
    out, _ = capsys.readouterr()
    document = json.loads(out)
    [report] = document["reports"]
    assert document["out_of_date"] is True and document["exit"] == 1
    assert "pets_client/client.py" in report["changed"] and "/animals" in report["diff"]
    assert set(report) >= {"folder", "added", "changed", "removed", "edited", "unchanged", "diff"}
    assert main(args + ["--json"]) == 2
    assert "--json goes with --check" in capsys.readouterr().err


def test_check_json_of_several_services(tmp_path: Path, capsys, monkeypatch) -> None:
    _project(tmp_path, TWO_SERVICES)
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "-q"]) == 0
    (tmp_path / "pets.yaml").write_text(PETS.replace("ListPets", "ListAllPets"))
    capsys.readouterr()
    assert main(["generate", "--check", "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert [(s["name"], s["exit"], s["out_of_date"]) for s in document["services"]] == [
        ("scoring", 0, False), ("pets", 1, True)]
    assert document["services"][1]["reports"][0]["changed"]


def test_a_hand_edit_is_kept_with_a_warning_and_replaced_with_force(tmp_path: Path, capsys) -> None:
    args = ["generate", str(SEED), "--lang", "python", "--out", str(tmp_path)]
    assert main(args + ["-q"]) == 0
    models = tmp_path / "python" / "myservice_client" / "models" / "_service_input.py"
    models.write_text("# mine\n")
    assert main(args + ["-q"]) == 0
    err = capsys.readouterr().err
    assert f"clientgen: warning: {models} was edited by hand since clientgen wrote it; kept as it is" in err
    assert "hint: --force replaces them" in err
    assert models.read_text() == "# mine\n"
    assert main(args + ["--force", "-q"]) == 0
    assert models.read_text() != "# mine\n"
    assert "edited by hand" not in capsys.readouterr().err


# ---- help and the diff subcommand ----------------------------------------------------------------------------------
def test_help_teaches_services_check_json_and_diff(capsys) -> None:
    for command in (["--help"], ["generate", "--help"]):
        with pytest.raises(SystemExit):
            main(command)
        out = capsys.readouterr().out
        for text in ("[[service]]", "clientgen generate --service scoring", "clientgen generate --check --json",
                     "clientgen diff", "--lang python,go", "header-env"):
            assert text in out, (command, text)
    assert "diff" in parser().format_help()


def test_diff_is_a_subcommand(tmp_path: Path, capsys) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(PETS)
    new.write_text(PETS.replace("ListPets", "ListAllPets"))
    assert main(["diff", str(old), str(old)]) == 0
    assert main(["diff", str(old), str(new), "--fail-on-breaking"]) == 1
    assert "ListPets" in capsys.readouterr().out

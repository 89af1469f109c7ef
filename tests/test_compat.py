"""`clientgen diff`: a table of spec changes with what each means for the SDKs' users (breaking, compatible,
patch) and the version bump, and the command: text and --json, --fail-on-breaking, git:REV:path and URLs."""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import compat, fetch
from generator.cli import main, parser
from generator.errors import ClientgenError, FetchError

from .servers import SpecServer

SPECS = Path(__file__).resolve().parents[1] / "fixtures" / "specs"


def _json(schema_ref: str) -> dict:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}}


BASE: dict = {
    "openapi": "3.0.3",
    "info": {"title": "Pets", "version": "1.0"},
    "security": [],
    "paths": {
        "/pets": {
            "get": {"operationId": "listPets", "tags": ["pets"],
                    "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                        "type": "array", "items": {"$ref": "#/components/schemas/Pet"}}}}}}},
            "post": {"operationId": "createPet", "tags": ["pets"],
                     "requestBody": {"required": True, "content": _json("NewPet")},
                     "responses": {"201": {"description": "created", "content": _json("Pet")},
                                   "default": {"description": "failed", "content": _json("Error")}}},
        },
        "/pets/{petId}": {
            "get": {"operationId": "getPet", "tags": ["pets"],
                    "parameters": [{"name": "petId", "in": "path", "required": True, "schema": {"type": "integer"}}],
                    "responses": {"200": {"description": "ok", "content": _json("Pet")},
                                  "404": {"description": "missing", "content": _json("Error")}}},
        },
    },
    "components": {
        "securitySchemes": {"Key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
        "schemas": {
            "Pet": {"type": "object", "required": ["id", "name"], "properties": {
                "id": {"type": "integer", "format": "int64"}, "name": {"type": "string"},
                "tag": {"type": "string"}, "status": {"$ref": "#/components/schemas/PetStatus"}}},
            "NewPet": {"type": "object", "required": ["name"], "properties": {
                "name": {"type": "string"}, "tag": {"type": "string"}}},
            "PetStatus": {"type": "string", "enum": ["available", "sold"]},
            "Error": {"type": "object", "properties": {"message": {"type": "string"}}},
            "Animal": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}]},
            "Cat": {"type": "object", "properties": {"meows": {"type": "boolean"}}},
            "Dog": {"type": "object", "properties": {"barks": {"type": "boolean"}}},
            "Owner": {"type": "object", "properties": {"name": {"type": "string"}}},
        },
    },
}

Mutation = Callable[[dict], None]


def _node(document: dict, path: tuple) -> Any:
    for part in path:
        document = document[part]
    return document


def put(*path_and_value: Any) -> Mutation:
    *path, value = path_and_value
    return lambda d: _node(d, tuple(path[:-1])).__setitem__(path[-1], copy.deepcopy(value))


def drop(*path: Any) -> Mutation:
    return lambda d: _node(d, path[:-1]).pop(path[-1])


def append(*path_and_value: Any) -> Mutation:
    *path, value = path_and_value
    return lambda d: _node(d, tuple(path)).append(copy.deepcopy(value))


def both(*mutations: Mutation) -> Mutation:
    return lambda d: [m(d) for m in mutations] and None


LIST = ("paths", "/pets", "get")
CREATE = ("paths", "/pets", "post")
GET = ("paths", "/pets/{petId}", "get")
PET = ("components", "schemas", "Pet")
NEW_PET = ("components", "schemas", "NewPet")
B, C, P = "breaking", "compatible", "patch"

CASES: list[tuple[str, Mutation, set[tuple[str, str]], str]] = [
    ("nothing", lambda d: None, set(), "patch"),
    ("operation removed", drop("paths", "/pets/{petId}"), {(B, "operation-removed")}, "major"),
    ("operation renamed", put(*GET, "operationId", "fetchPet"), {(B, "operation-renamed")}, "major"),
    ("path changed", both(put("paths", "/animals/{petId}", BASE["paths"]["/pets/{petId}"]),
                          drop("paths", "/pets/{petId}")), {(B, "operation-moved")}, "major"),
    ("method changed", both(put("paths", "/pets/{petId}", "put", BASE["paths"]["/pets/{petId}"]["get"]),
                            drop(*GET)), {(B, "operation-moved")}, "major"),
    ("operation added", put("paths", "/owners", {"get": {"operationId": "listOwners", "responses": {
        "204": {"description": "none"}}}}), {(C, "operation-added")}, "minor"),
    ("parameter added as required", append(*LIST, "parameters", {"name": "kind", "in": "query", "required": True,
                                                                  "schema": {"type": "string"}}),
     {(B, "parameter-added-required")}, "major"),
    ("required parameters reordered",
     (both(append(*LIST, "parameters", {"name": "a", "in": "query", "required": True, "schema": {"type": "string"}}),
           append(*LIST, "parameters", {"name": "b", "in": "query", "required": True, "schema": {"type": "string"}})),
      both(append(*LIST, "parameters", {"name": "b", "in": "query", "required": True, "schema": {"type": "string"}}),
           append(*LIST, "parameters", {"name": "a", "in": "query", "required": True, "schema": {"type": "string"}}))),
     {(B, "parameters-reordered")}, "major"),
    ("optional parameter added", append(*LIST, "parameters", {"name": "kind", "in": "query",
                                                              "schema": {"type": "string"}}),
     {(C, "parameter-added")}, "minor"),
    ("parameter removed", put(*LIST, "parameters", []), {(B, "parameter-removed")}, "major"),
    ("optional parameter made required", put(*LIST, "parameters", 0, "required", True),
     {(B, "parameter-required")}, "major"),
    ("parameter type changed", put(*LIST, "parameters", 0, "schema", {"type": "string"}),
     {(B, "parameter-type-changed")}, "major"),
    ("parameter moved to a header", put(*LIST, "parameters", 0, "in", "header"),
     {(B, "parameter-moved"), (B, "parameter-encoding-changed")}, "major"),
    ("response field removed", drop(*PET, "properties", "tag"), {(B, "field-removed")}, "major"),
    ("request field removed", drop(*NEW_PET, "properties", "tag"), {(B, "field-removed")}, "major"),
    ("field type changed", put(*PET, "properties", "id", {"type": "string"}), {(B, "field-type-changed")}, "major"),
    ("request field made required", put(*NEW_PET, "required", ["name", "tag"]), {(B, "field-required")}, "major"),
    ("response field made required", put(*PET, "required", ["id", "name", "tag"]), {(C, "field-required")},
     "minor"),
    ("response field made optional", put(*PET, "required", ["id"]), {(B, "field-optional")}, "major"),
    ("request field made optional", drop(*NEW_PET, "required"), {(C, "field-optional")}, "minor"),
    ("response field made nullable", put(*PET, "properties", "tag", "nullable", True), {(B, "field-nullable")},
     "major"),
    ("nullable removed from a response field",
     (put(*PET, "properties", "tag", "nullable", True), lambda d: None), {(C, "field-not-nullable")}, "minor"),
    ("request field made nullable", put(*NEW_PET, "properties", "tag", "nullable", True), {(C, "field-nullable")},
     "minor"),
    ("nullable removed from a request field",
     (put(*NEW_PET, "properties", "tag", "nullable", True), lambda d: None), {(B, "field-not-nullable")}, "major"),
    ("optional request field added", put(*NEW_PET, "properties", "age", {"type": "integer"}), {(C, "field-added")},
     "minor"),
    ("required request field added", both(put(*NEW_PET, "properties", "age", {"type": "integer"}),
                                          append(*NEW_PET, "required", "age")),
     {(B, "field-added-required")}, "major"),
    ("required response field added", both(put(*PET, "properties", "age", {"type": "integer"}),
                                           append(*PET, "required", "age")), {(C, "field-added")}, "minor"),
    ("enum value removed", put("components", "schemas", "PetStatus", "enum", ["available"]),
     {(B, "enum-value-removed")}, "major"),
    ("enum value added", append("components", "schemas", "PetStatus", "enum", "pending"),
     {(C, "enum-value-added")}, "minor"),
    ("response type changed", put(*GET, "responses", "200", "content", _json("Error")),
     {(B, "response-type-changed")}, "major"),
    ("success response removed", drop(*CREATE, "responses", "201"), {(B, "response-removed")}, "major"),
    ("error response added", put(*CREATE, "responses", "409", {"description": "taken", "content": _json("Error")}),
     {(C, "response-added")}, "minor"),
    ("empty success response added", put(*GET, "responses", "204", {"description": "gone"}),
     {(C, "response-added"), (B, "result-may-be-empty")}, "major"),
    ("security added to an operation without", put(*GET, "security", [{"Key": []}]), {(B, "security-added")},
     "major"),
    ("security removed", (put(*GET, "security", [{"Key": []}]), lambda d: None), {(C, "security-removed")},
     "minor"),
    ("model removed", drop("components", "schemas", "Owner"), {(B, "model-removed")}, "major"),
    ("model added", put("components", "schemas", "Vet", {"type": "object", "properties": {
        "name": {"type": "string"}}}), {(C, "model-added")}, "minor"),
    ("union variant removed", put("components", "schemas", "Animal", "oneOf",
                                  [{"$ref": "#/components/schemas/Cat"}, {"type": "string"}]),
     {(B, "variant-removed"), (C, "variant-added")}, "major"),
    ("union variant added", append("components", "schemas", "Animal", "oneOf", {"type": "string"}),
     {(C, "variant-added")}, "minor"),
    ("error model field made required", put("components", "schemas", "Error", "required", ["message"]),
     {(C, "field-required")}, "minor"),
    ("field of a model used both ways made required",
     (put(*CREATE, "responses", "201", "content", _json("NewPet")),
      both(put(*CREATE, "responses", "201", "content", _json("NewPet")), put(*NEW_PET, "required", ["name", "tag"]))),
     {(B, "field-required")}, "major"),
    ("field of a model used both ways made optional",
     (put(*CREATE, "responses", "201", "content", _json("NewPet")),
      both(put(*CREATE, "responses", "201", "content", _json("NewPet")), drop(*NEW_PET, "required"))),
     {(B, "field-optional")}, "major"),
    ("required parameter made optional",
     (append(*LIST, "parameters", {"name": "kind", "in": "query", "required": True, "schema": {"type": "string"}}),
      append(*LIST, "parameters", {"name": "kind", "in": "query", "schema": {"type": "string"}})),
     {(B, "parameter-optional")}, "major"),
    ("request body type changed", put(*CREATE, "requestBody", "content", _json("Pet")),
     {(B, "body-type-changed")}, "major"),
    ("request body made optional", put(*CREATE, "requestBody", "required", False), {(B, "body-optional")}, "major"),
    ("extra fields kept", put(*PET, "additionalProperties", {"type": "string"}), {(C, "additional-added")}, "minor"),
    ("now long-running", put(*CREATE, "x-ms-long-running-operation", True), {(B, "long-running-changed")}, "major"),
    ("enum type changed", put("components", "schemas", "PetStatus", {"type": "integer", "enum": [1, 2]}),
     {(B, "enum-type-changed"), (B, "enum-value-removed"), (C, "enum-value-added")}, "major"),
    ("operation deprecated", put(*LIST, "deprecated", True), {(C, "operation-deprecated")}, "minor"),
    ("operation moved to another tag", put(*LIST, "tags", ["store"]), {(B, "group-changed")}, "major"),
    ("default changed", put(*NEW_PET, "properties", "tag", "default", "none"), {(P, "default-changed")}, "patch"),
    ("discriminator mapping changed",
     (put("components", "schemas", "Animal", "discriminator", {"propertyName": "kind"}),
      put("components", "schemas", "Animal", "discriminator", {"propertyName": "kind", "mapping": {
          "Cat": "#/components/schemas/Cat", "hound": "#/components/schemas/Dog"}})),
     {(B, "mapping-changed"), (C, "mapping-added")}, "major"),
    ("descriptions changed", both(put(*PET, "description", "A pet."), put(*LIST, "summary", "List them"),
                                  put("info", "description", "The pet store.")),
     {(P, "description-changed")}, "patch"),
    ("version changed", put("info", "version", "1.1"), {(P, "info-changed")}, "patch"),
]


def _write(document: dict, path: Path) -> str:
    path.write_text(json.dumps(document))
    return str(path)


def _diff(old: dict, new: dict, folder: Path) -> compat.Report:
    old_file, new_file = _write(old, folder / "old.json"), _write(new, folder / "new.json")
    return compat.compare(compat.read(old_file, fetch.Settings()), compat.read(new_file, fetch.Settings()))


@pytest.mark.parametrize(("change", "mutation", "expected", "bump"), CASES, ids=[case[0] for case in CASES])
def test_each_change_is_classified_with_its_bump(change: str, mutation: Mutation | tuple[Mutation, Mutation],
                                                 expected: set[tuple[str, str]], bump: str, tmp_path: Path) -> None:
    """A mutation of BASE gives NEW; a pair (before, after) gives OLD from the first and NEW from the second."""
    before, after = mutation if isinstance(mutation, tuple) else (lambda d: None, mutation)
    old, new = copy.deepcopy(BASE), copy.deepcopy(BASE)
    before(old)
    after(new)
    report = _diff(old, new, tmp_path)
    assert {(c.severity.value, c.rule) for c in report.changes} == expected, report.text()
    assert report.bump == bump


def test_changes_name_their_place(tmp_path: Path) -> None:
    new = copy.deepcopy(BASE)
    drop(*PET, "properties", "tag")(new)
    put(*LIST, "parameters", 0, "required", True)(new)
    by_rule = {c.rule: c for c in _diff(BASE, new, tmp_path).changes}
    removed = by_rule["field-removed"]
    assert (removed.model, removed.member, removed.pointer) == ("Pet", "field tag",
                                                                "#/components/schemas/Pet/properties/tag")
    required = by_rule["parameter-required"]
    assert (required.where, required.pointer) == ("operation listPets, parameter limit (query)", "#/paths/~1pets/get")


def test_a_swagger2_spec_and_its_openapi3_form_compare_equal(tmp_path: Path) -> None:
    swagger = {"swagger": "2.0", "info": {"title": "Pets", "version": "1"}, "produces": ["application/json"],
               "paths": {"/pets/{petId}": {"get": {"operationId": "getPet", "parameters": [
                   {"name": "petId", "in": "path", "required": True, "type": "integer"},
                   {"name": "fields", "in": "query", "type": "array", "items": {"type": "string"}}],
                   "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}}}}},
               "definitions": {"Pet": {"type": "object", "required": ["name"], "properties": {
                   "name": {"type": "string"}, "tag": {"type": "string", "x-nullable": True}}}}}
    openapi = {"openapi": "3.0.3", "info": {"title": "Pets", "version": "1"},
               "paths": {"/pets/{petId}": {"get": {"operationId": "getPet", "parameters": [
                   {"name": "petId", "in": "path", "required": True, "schema": {"type": "integer"}},
                   {"name": "fields", "in": "query", "style": "form", "explode": False,
                    "schema": {"type": "array", "items": {"type": "string"}}}],
                   "responses": {"200": {"description": "ok", "content": _json("Pet")}}}}},
               "components": {"schemas": {"Pet": {"type": "object", "required": ["name"], "properties": {
                   "name": {"type": "string"}, "tag": {"type": "string", "nullable": True}}}}}}
    assert _diff(swagger, openapi, tmp_path).changes == ()


def _parse(*argv: str) -> argparse.Namespace:
    return parser().parse_args(["diff", *argv])


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, list[str]]:
    said: list[str] = []
    code = compat.run(_parse(*argv), said.append)
    return code, capsys.readouterr().out, said


def test_the_command_prints_text_or_json_and_fails_on_breaking_only_when_asked(tmp_path: Path, capsys) -> None:
    new = copy.deepcopy(BASE)
    drop("paths", "/pets/{petId}")(new)
    put(*NEW_PET, "properties", "age", {"type": "integer"})(new)
    old_file, new_file = _write(BASE, tmp_path / "old.json"), _write(new, tmp_path / "new.json")

    code, out, said = _run(capsys, old_file, new_file)
    assert code == 0 and said == []
    assert out.splitlines()[0] == f"{old_file} -> {new_file}: 1 breaking, 1 compatible, 0 patch; semantic " \
                                  "version bump: major"
    assert "  operation getPet: removed (GET /pets/{petId})  [#/paths/~1pets~1{petId}/get]" in out

    code, out, said = _run(capsys, old_file, new_file, "--json", "--fail-on-breaking")
    report = json.loads(out)
    assert code == 1 and said == ["clientgen: 1 breaking change(s)"]
    assert (report["old"], report["new"], report["bump"]) == (old_file, new_file, "major")
    assert report["counts"] == {"breaking": 1, "compatible": 1, "patch": 0}
    assert report["changes"][0] == {
        "severity": "breaking", "rule": "operation-removed", "message": "removed (GET /pets/{petId})",
        "operation": "getPet", "model": None, "member": None, "pointer": "#/paths/~1pets~1{petId}/get",
        "where": "operation getPet"}
    assert report["changes"][1]["where"] == "model NewPet, field age"

    code, out, _ = _run(capsys, old_file, old_file, "--json", "--fail-on-breaking")
    assert code == 0 and json.loads(out)["bump"] == "patch" and json.loads(out)["changes"] == []


def _git(folder: Path, *argv: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *argv], cwd=folder,
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_git_revisions_are_read_as_committed_with_their_references(tmp_path: Path, capsys, monkeypatch) -> None:
    repo = tmp_path / "repo"
    (repo / "api").mkdir(parents=True)
    _git(repo, "init", "-q")
    document = copy.deepcopy(BASE)
    document["components"]["schemas"]["Pet"] = {"$ref": "pet.json"}  # an external reference, read at the revision
    (repo / "api" / "spec.json").write_text(json.dumps(document))
    pet = copy.deepcopy(BASE["components"]["schemas"]["Pet"])
    pet["properties"]["status"] = {"$ref": "spec.json#/components/schemas/PetStatus"}
    (repo / "api" / "pet.json").write_text(json.dumps(pet))
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "v1")
    _git(repo, "tag", "v1")
    del pet["properties"]["tag"]
    (repo / "api" / "pet.json").write_text(json.dumps(pet))
    monkeypatch.chdir(repo / "api")

    code, out, _ = _run(capsys, "git:v1:api/spec.json", "spec.json", "--json")
    assert code == 0 and [c["rule"] for c in json.loads(out)["changes"]] == ["field-removed"]
    code, out, _ = _run(capsys, "git:HEAD:./spec.json", "git:v1:api/spec.json", "--json")
    assert code == 0 and json.loads(out)["changes"] == []  # the working tree's pet.json is not read for a commit

    with pytest.raises(FetchError, match="no revision 'v9'"):
        _run(capsys, "git:v9:api/spec.json", "spec.json")
    with pytest.raises(FetchError, match="no file 'api/other.json' at that revision"):
        _run(capsys, "git:v1:api/other.json", "spec.json")
    with pytest.raises(ClientgenError, match="expected git:REV:path"):
        _run(capsys, "git:v1", "spec.json")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FetchError, match="not in a git repository"):
        _run(capsys, "git:v1:api/spec.json", str(repo / "api" / "spec.json"))
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(FetchError, match="git is not installed"):
        _run(capsys, "git:v1:api/spec.json", str(repo / "api" / "spec.json"))


def test_specs_from_urls_are_compared(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv(fetch.CACHE_ENV, str(tmp_path / "cache"))
    served = tmp_path / "served"
    served.mkdir()
    seed = json.loads((SPECS / "azureml-seed.swagger.json").read_text())
    (served / "old.json").write_text(json.dumps(seed))
    del seed["paths"]["/"]
    (served / "new.json").write_text(json.dumps(seed))
    with SpecServer(served) as server:
        code, out, _ = _run(capsys, f"{server.url}/specs/old.json", f"{server.url}/specs/new.json?key=x",
                            "--fail-on-breaking")
    assert code == 1 and [path for path, _ in server.requests] == ["/specs/old.json", "/specs/new.json?key=x"]
    assert out.splitlines()[:3] == [
        f"{server.url}/specs/old.json -> {server.url}/specs/new.json?key=…: 1 breaking, 0 compatible, 0 patch; "
        "semantic version bump: major", "breaking:",
        "  operation ServiceHealthCheck: removed (GET /)  [#/paths/~1/get]"]


def test_clientgen_diff_on_the_command_line(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv(fetch.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setenv("SPEC_KEY", "Bearer s3cret-value")
    new = copy.deepcopy(BASE)
    put(*GET, "security", [{"Key": []}])(new)
    served = tmp_path / "served"
    served.mkdir()
    _write(BASE, served / "old.json")
    _write(new, served / "new.json")
    with SpecServer(served, required=("Authorization", "Bearer s3cret-value")) as server:
        urls = [f"{server.url}/specs/old.json", f"{server.url}/specs/new.json"]
        assert main(["diff", *urls, "--header-env", "Authorization=SPEC_KEY"]) == 0
        captured = capsys.readouterr()
        assert "operation getPet: now needs a credential (Key)" in captured.out
        assert main(["diff", *urls, "--header-env", "Authorization=SPEC_KEY", "--fail-on-breaking"]) == 1
        assert "1 breaking change(s)" in capsys.readouterr().err
        assert main(["diff", *urls]) == 4  # no key: the server refuses
    assert "HTTP 401" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)
    assert main(["diff", "git:HEAD:old.json", str(served / "new.json")]) == 4
    err = capsys.readouterr().err
    assert "not in a git repository" in err and len(err.strip().splitlines()) <= 3 and "Traceback" not in err

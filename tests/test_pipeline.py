"""The pipeline stages on fixtures: fetch, external refs, validation messages, the model, writing and the CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import build, fetch, generate, ir, render, resolve, targets, upgrade, validate
from generator.cli import main
from generator.config import LANGUAGES, ConfigError, Options, read_config_file
from generator.errors import SpecError

from .servers import SpecServer

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "fixtures" / "specs"
BROKEN = ROOT / "fixtures" / "broken" / "specs"


def api_of(spec: Path) -> tuple[ir.ApiSpec, list]:
    source = fetch.load(str(spec))
    document = resolve.resolve_external(source)
    diagnostics: list = []
    return build.build(upgrade.upgrade(document), source, diagnostics), diagnostics


def test_seed_spec_model() -> None:
    api, diagnostics = api_of(SPECS / "azureml-seed.swagger.json")
    assert diagnostics == []
    assert api.base_url is None  # host-less Swagger 2.0 read from a file: the caller gives the URL
    run = next(op for op in api.operations if op.operation_id == "RunMLService")
    assert (run.method, run.path, run.security) == ("POST", "/score", ("Bearer",))
    assert run.body.type == ir.Named("ServiceInput") and run.body.kind is ir.BodyKind.JSON
    assert run.success.type == ir.Array(ir.Prim(ir.PrimKind.DOUBLE))  # ServiceOutput, an array alias, inlined
    assert [r.status for r in run.errors] == ["default"]
    service_input = api.model("ServiceInput")
    assert service_input.fields[0].type == ir.Array(ir.Array(ir.Prim(ir.PrimKind.INT64)))
    assert api.credential_scheme.param_name == "Authorization" and api.credential_scheme.prefix == "Bearer "


def test_the_seed_sends_its_key_to_score_only_and_every_operation_says_what_it_accepts() -> None:
    api, _ = api_of(SPECS / "azureml-seed.swagger.json")
    by_id = {op.operation_id: op for op in api.operations}
    assert by_id["RunMLService"].credential.param_name == "Authorization"
    assert by_id["ServiceHealthCheck"].credential is None  # the spec puts no security on it
    assert by_id["RunMLService"].accept == "application/json"


def _spec_with_security(global_security: object, op_security: object) -> dict:
    op: dict = {"responses": {"200": {"description": "ok", "content": {"image/png": {}, "application/json": {}}},
                              "204": {"description": "none"}}}
    if op_security is not None:
        op["security"] = op_security
    document: dict = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/x": {"get": op}},
                      "components": {"securitySchemes": {
                          "Key": {"type": "apiKey", "name": "X-Key", "in": "query"},
                          "Login": {"type": "http", "scheme": "basic"},
                          "Odd": {"type": "mutualTLS"}}}}
    if global_security is not None:
        document["security"] = global_security
    return document


@pytest.mark.parametrize(("global_security", "op_security", "expected"), [
    (None, None, "Key"),  # no security declared anywhere: every operation, in the first scheme's place
    ([{"Key": []}], None, "Key"),
    ([{"Key": []}], [], None),  # security: [] requires nothing
    (None, [{"Login": []}], "Login"),
    ([{"Key": []}], [{"Odd": []}, {}, {"Login": [], "Key": []}], "Login"),  # first supported scheme
    ([{"Key": []}], [{}], None),  # only the empty requirement: nothing is required
    ([], None, None),
])
def test_the_credential_goes_only_where_security_requires_it(global_security: object, op_security: object,
                                                             expected: str | None, tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(_spec_with_security(global_security, op_security)))
    api, _ = api_of(spec)
    operation = api.operations[0]
    assert (operation.credential.name if operation.credential else None) == expected
    assert operation.accept == "image/png, application/json"
    assert operation.may_be_empty  # a 204 beside the 200 that returns the image


def test_external_refs_keep_names_and_recursion_across_files() -> None:
    api, diagnostics = api_of(SPECS / "external" / "api.yaml")
    assert diagnostics == []
    assert [m.name for m in api.models] == ["Pet", "Owner", "Error"]
    owner = api.model("Owner")
    assert owner.fields[1].type == ir.Array(ir.Named("Pet"))
    get_pet = api.operations[0]
    assert get_pet.parameters[0].wire == "petId" and get_pet.parameters[0].location is ir.ParamLocation.PATH
    assert api.base_url == "https://api.example.com/v1"


def test_swagger2_specifics_are_upgraded() -> None:
    api, _ = api_of(SPECS / "kitchen-sink.swagger2.json")
    assert api.base_url == "https://api.example.com/v2"
    list_orders = api.operations[0]
    params = {p.wire: p for p in list_orders.parameters}
    assert (params["ids"].style, params["ids"].explode) == ("form", True)  # collectionFormat multi
    assert (params["fields"].style, params["fields"].explode) == ("form", False)  # csv, Swagger 2.0's default
    receipt = next(op for op in api.operations if op.operation_id == "uploadReceipt")
    assert receipt.body.kind is ir.BodyKind.FORM
    note = next(f for f in api.model("Order").fields if f.wire == "note")
    assert note.nullable  # x-nullable
    assert api.security[0].kind is ir.SecurityKind.HTTP_BASIC


def test_inline_schemas_are_named_by_place_once_and_collisions_are_settled() -> None:
    api, _ = api_of(SPECS / "kitchen-sink.openapi3.yaml")
    names = [m.name for m in api.models]
    assert "NewPetLocation" in names and "PetLocation" not in names  # reached twice via allOf, one model
    assert "LoginRequest" in names and "LoginResponse" in names
    pet = api.model("Pet")
    assert [f.wire for f in pet.fields][-5:] == ["id", "createdAt", "secret", "parent", "children"]
    required = {f.wire for f in pet.fields if f.required}
    assert required == {"name", "id"}  # readOnly createdAt and writeOnly secret are each absent one way
    assert next(f for f in pet.fields if f.wire == "parent").type == ir.Named("Pet")
    client = api.model("Client")
    words = [f.words for f in client.fields]
    assert len({"".join(w).lower() for w in words}) == len(words)  # class/Class, pet_id/petId made distinct
    delete = next(op for op in api.operations if op.method == "DELETE")
    assert delete.operation_id == "DeletePetsPetId" and delete.success.type is None
    assert api.base_url == "https://eu.example.com/api"  # server variables take their defaults


def test_second_run_is_a_no_op_and_check_mode_reports_changes(tmp_path: Path, capsys) -> None:
    spec = tmp_path / "spec.json"  # the output folder's own rules (hand edits, the user's files): tests/test_write.py
    spec.write_bytes((SPECS / "azureml-seed.swagger.json").read_bytes())
    args = ["generate", str(spec), "--lang", "python", "--out", str(tmp_path / "out")]
    assert main(args) == 0
    models = next(tmp_path.glob("out/python/*/models/_service_input.py"))
    stamp = models.stat().st_mtime_ns
    assert main(args) == 0
    assert "up to date" in capsys.readouterr().err
    assert models.stat().st_mtime_ns == stamp  # nothing rewritten
    assert main(args + ["--check"]) == 0
    before = models.read_text()
    document = json.loads(spec.read_text())
    document["definitions"]["ServiceInput"]["description"] = "Rows to score, changed."
    spec.write_text(json.dumps(document))
    assert main(args + ["--check"]) == 1
    assert "would be changed" in capsys.readouterr().err
    assert models.read_text() == before  # check mode writes nothing
    assert main(args) == 0
    assert "Rows to score, changed." in models.read_text()


def test_help_teaches_by_example() -> None:
    done = subprocess.run([sys.executable, "-m", "generator", "generate", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    for text in ("--header-env", "--check", "swagger_uri", "exit codes"):
        assert text in done.stdout


@pytest.fixture
def seed_server(tmp_path: Path):
    """The seed spec at <url>/specs/swagger.json, for requests with `Authorization: Bearer s3cret` only."""
    folder = tmp_path / "served"
    folder.mkdir()
    shutil.copy(SPECS / "azureml-seed.swagger.json", folder / "swagger.json")
    with SpecServer(folder, required=("Authorization", "Bearer s3cret")) as server:
        yield server


def test_scoring_uri_leads_to_its_swagger_and_the_key_stays_secret(tmp_path: Path, capsys, monkeypatch,
                                                                    seed_server: SpecServer) -> None:
    monkeypatch.setenv("SCORING_KEY", "Bearer s3cret")
    base = f"{seed_server.url}/specs"
    code = main(["generate", f"{base}/score", "--lang", "python", "--out", str(tmp_path / "out"),
                 "--header-env", "Authorization=SCORING_KEY"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert [(path, headers.get("Authorization")) for path, headers in seed_server.requests] == [
        ("/specs/swagger.json", "Bearer s3cret")]
    assert "scoring URI" in err
    client = next(tmp_path.glob("out/python/*/client.py")).read_text()
    assert f"DEFAULT_BASE_URL: str | None = '{base}'" in client or f'"{base}"' in client
    written = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and "served" not in p.parts)
    assert b"s3cret" not in written and "s3cret" not in err


def test_fetch_errors_are_clear_and_secret_free(tmp_path: Path, capsys, seed_server: SpecServer) -> None:
    code = main(["generate", f"{seed_server.url}/specs/swagger.json", "--lang", "python", "--out",
                 str(tmp_path / "out"), "--header", "Authorization: Bearer wrong", "--debug"])
    err = capsys.readouterr().err
    assert code == 4
    assert "HTTP 401" in err and "--header-env" in err and "wrong" not in err


def test_spec_error_carries_pointer_and_line() -> None:
    source = fetch.load(str(BROKEN / "missing-responses.yaml"))
    with pytest.raises(SpecError) as caught:
        from generator import validate

        validate.validate(source, source.document)
    assert caught.value.pointer == "#/paths/~1pets/get" and caught.value.line == 6


def test_config_file_supplies_options(tmp_path: Path) -> None:
    config = tmp_path / "clientgen.toml"
    config.write_text(f'spec = "{SPECS / "azureml-seed.swagger.json"}"\nout = "sdk"\nlanguages = ["python"]\n'
                      'package-name = "azml-client"\n')
    assert main(["generate", "--config", str(config), "-q"]) == 0
    assert (tmp_path / "sdk" / "python" / "azml_client" / "client.py").is_file()
    config.write_text('spec = "x"\nsecret-header = "no"\n')
    assert main(["generate", "--config", str(config)]) == 2


def test_wheel_ships_every_languages_templates_and_runtime(tmp_path: Path) -> None:
    import zipfile

    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                   check=True, timeout=300)
    wheel = next(tmp_path.glob("clientgen-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for template in (ROOT / "templates").rglob("*.j2"):
        assert "generator/templates/" + template.relative_to(ROOT / "templates").as_posix() in names
    for language in LANGUAGES:
        api, _ = api_of(SPECS / "azureml-seed.swagger.json")
        files = targets.get(language).files(api, Options(spec="s", out=tmp_path, languages=(language,)))
        shipped = [file.source for file in files if isinstance(file, render.RuntimeFile)]
        assert shipped, f"{language} ships no runtime source"
        for source in shipped:
            assert f"generator/runtime/{language}/{source}" in names


def test_user_templates_override_the_bundled_ones(tmp_path: Path) -> None:
    overrides = tmp_path / "mine" / "python"
    overrides.mkdir(parents=True)
    (overrides / "README.md.j2").write_text("# {{ distribution }} (our own README)\n")
    assert main(["generate", str(SPECS / "azureml-seed.swagger.json"), "--lang", "python", "--out",
                 str(tmp_path / "out"), "--templates", str(tmp_path / "mine"), "-q"]) == 0
    assert (tmp_path / "out" / "python" / "README.md").read_text() == "# myservice-client (our own README)\n"
    assert (tmp_path / "out" / "python" / "myservice_client" / "client.py").is_file()  # the rest: bundled


def test_a_no_op_run_repeats_the_warnings_of_the_run_that_wrote(tmp_path: Path, capsys) -> None:
    spec = tmp_path / "mixed.yaml"
    spec.write_text("openapi: 3.0.3\ninfo: {title: U, version: '1'}\npaths:\n  /x:\n    post:\n"
                    "      requestBody:\n        content:\n          multipart/mixed:\n            schema: {type: object}\n"
                    "      responses:\n        '200': {description: ok}\n")
    args = ["generate", str(spec), "--lang", "python", "--out", str(tmp_path / "out")]
    assert main(args) == 0
    first = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert main(args) == 0
    second = capsys.readouterr().err
    assert first and [line for line in second.splitlines() if "warning" in line] == first
    assert "up to date" in second


def test_an_output_folder_made_again_from_the_same_inputs_comes_from_the_cache_with_its_warnings(
        tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import outputs

    monkeypatch.setenv(fetch.CACHE_ENV, str(tmp_path / "cache"))
    spec = tmp_path / "mixed.yaml"
    spec.write_text("openapi: 3.0.3\ninfo: {title: U, version: '1'}\npaths:\n  /x:\n    post:\n"
                    "      requestBody:\n        content:\n          multipart/mixed:\n            schema: {type: object}\n"
                    "      responses:\n        '200': {description: ok}\n")
    out = tmp_path / "out"
    args = ["generate", str(spec), "--lang", "python,go", "--out", str(out)]
    assert main(args) == 0
    first_warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    written = {path.relative_to(out): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}
    built: list[object] = []
    real_builder = build.Builder
    monkeypatch.setattr(build, "Builder", lambda *args: built.append(args) or real_builder(*args))

    shutil.rmtree(out)
    assert main(args + ["--check"]) == 1  # compared with what was kept: all of it would be added
    assert "would be added" in capsys.readouterr().err and not out.exists()
    assert main(args) == 0
    again = capsys.readouterr().err
    assert built == [] and "as rendered before from the same inputs" in again
    assert [line for line in again.splitlines() if "warning" in line] == first_warnings and first_warnings
    assert {path.relative_to(out): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()} == written

    shutil.rmtree(out / "go")  # one folder up to date, one made from the cache
    assert main(args) == 0 and built == [] and (out / "go").is_dir()
    pack = outputs._pack(out / "go")
    assert pack.is_file()
    pack.write_bytes(pack.read_bytes()[:-3])  # cut short: not trusted, so rendered again
    shutil.rmtree(out / "go")
    assert main(args) == 0 and len(built) == 1
    spec.write_text(spec.read_text().replace("title: U", "title: V"))  # other inputs: rendered, and kept in place
    shutil.rmtree(out)
    assert main(args) == 0 and len(built) == 2
    assert len(list((tmp_path / "cache" / "rendered").iterdir())) == 2  # one pack per output folder


def test_external_refs_are_placed_by_position(tmp_path: Path) -> None:
    (tmp_path / "parts.yaml").write_text(
        "Limit: {name: limit, in: query, schema: {type: integer}}\n"
        "Item: {type: object, properties: {id: {type: string}}}\n")
    (tmp_path / "api.yaml").write_text(
        "openapi: 3.0.3\ninfo: {title: P, version: '1'}\npaths:\n  /items:\n    get:\n"
        "      parameters: [{$ref: 'parts.yaml#/Limit'}]\n      responses:\n        '200':\n"
        "          description: ok\n          content:\n            application/json:\n              schema:\n"
        "                type: object\n                properties:\n                  parameters:\n"
        "                    type: array\n                    items: {$ref: 'parts.yaml#/Item'}\n")
    api, diagnostics = api_of(tmp_path / "api.yaml")
    assert diagnostics == []
    op = api.operations[0]
    assert [p.wire for p in op.parameters] == ["limit"]  # a parameter, copied in place
    assert [m.name for m in api.models] == ["Item", "GetItemsResponse"]  # a schema, even under a property
    response = api.model("GetItemsResponse")
    assert response.fields[0].type == ir.Array(ir.Named("Item"))


def test_a_spec_nested_just_under_the_depth_limit_generates_in_every_language(tmp_path: Path) -> None:
    schema: dict = {"type": "string"}
    for level in range(95):  # two JSON levels each: 198 levels with the document's own, under fetch.MAX_DEPTH
        schema = {"type": "object", "properties": {f"p{level}": schema}} if level % 2 else \
            {"type": "array", "items": schema}
    spec = tmp_path / "deep.json"
    spec.write_text(json.dumps({"openapi": "3.0.3", "info": {"title": "Deep", "version": "1"}, "paths": {"/x": {
        "get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}}}}}}))
    result = generate(Options(spec=str(spec), out=tmp_path / "out", languages=("python", "csharp", "go", "java")))
    assert [report.dirty for report in result.reports] == [True] * 4


def test_non_ascii_names_stay_readable_and_follow_one_rule_in_every_language(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({
        "openapi": "3.0.3", "info": {"title": "Café", "version": "1"},
        "paths": {"/x": {"get": {"operationId": "getCafé", "responses": {"200": {"description": "ok", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/名前"}}}}}}}},
        "components": {"schemas": {"名前": {"type": "object", "properties": {"café": {"type": "string"}}}}}}))
    out = tmp_path / "out"
    generate(Options(spec=str(spec), out=out, languages=("python", "csharp", "go", "java")))
    texts = {language: "\n".join(p.read_text(encoding="utf-8") for p in (out / language).rglob("*")
                                   if p.is_file() and p.suffix in (".py", ".cs", ".go", ".java"))
             for language in ("python", "csharp", "go", "java")}
    assert "class N名前(" in texts["python"] and "café:" in texts["python"]
    assert "class N名前" in texts["csharp"] and " Café " in texts["csharp"]
    assert "type N名前 struct" in texts["go"] and "Café " in texts["go"]
    assert "class N名前" in texts["java"] and " café" in texts["java"]
    assert next((out / "java").rglob("N名前.java"), None) is not None  # the class's file has its name
    for language in ("python", "csharp", "go", "java"):  # package names stay ASCII
        assert all(part.isascii() for p in (out / language).rglob("*") if p.is_dir() for part in p.relative_to(out).parts)


PROCESS_WIDE = {  # settings that would change other code in the caller's process
    "python": ("ssl._create_default_https_context", "socket.setdefaulttimeout", "httpx._config"),
    "csharp": ("ServicePointManager", "AppContext.SetSwitch", "HttpClient.DefaultProxy ="),
    "go": ("http.DefaultTransport =", "http.DefaultClient =", "os.Setenv"),
    "java": ("System.setProperty", "Security.setProperty", "HttpsURLConnection.setDefault", "Authenticator.setDefault"),
}


def test_building_a_client_touches_no_process_wide_setting(tmp_path: Path) -> None:
    out = tmp_path / "out"
    generate(Options(spec=str(SPECS / "conformance.yaml"), out=out, languages=tuple(PROCESS_WIDE)))
    for language, needles in PROCESS_WIDE.items():
        for path in (out / language).rglob("*"):
            if path.suffix in (".py", ".cs", ".go", ".java"):
                text = path.read_text(encoding="utf-8")
                assert not [n for n in needles if n in text], (path, [n for n in needles if n in text])


# ---- pages, long-running operations and streams in the model ---------------------------------------------------
def _built(document: dict, pagination: tuple = ()) -> tuple[ir.ApiSpec, list]:
    diagnostics: list = []
    source = fetch.Source(b"", "spec.yaml", None, document)
    return build.build(document, source, diagnostics, pagination), diagnostics


def _list_api(op: dict, schemas: dict) -> dict:
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/things": {"get": op}},
            "components": {"schemas": schemas}}


_PAGE = {"type": "object", "properties": {"data": {"type": "array", "items": {"type": "string"}},
                                          "more": {"type": ["string", "null"]}}}
_OK_PAGE = {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}}}


def test_pages_are_read_from_x_ms_pageable_and_from_the_config_file(tmp_path: Path) -> None:
    azure, _ = api_of(SPECS / "azure-jobs.swagger2.json")
    paging = {op.operation_id: op.paging for op in azure.operations}
    assert paging["Jobs_List"] == ir.Paging(ir.PageStyle.NEXT_LINK, ir.Named("Job"), "value", "nextLink", None)
    assert paging["Jobs_ListKinds"] == ir.Paging(ir.PageStyle.NEXT_LINK, ir.Prim(ir.PrimKind.STRING), "kinds", None,
                                                 None)  # nextLinkName null: one page, its items listed
    config = tmp_path / "clientgen.toml"
    config.write_text('[pagination.ListThings]\nstyle = "cursor"\nitems = "data"\nnext = "more"\nparam = "after"\n')
    rules = read_config_file(config)["pagination"]
    op = {"operationId": "ListThings", "parameters": [{"name": "after", "in": "query", "schema": {"type": "string"}}],
          "responses": _OK_PAGE}
    api, diagnostics = _built(_list_api(op, {"Page": _PAGE}), rules)
    assert api.operations[0].paging == ir.Paging(ir.PageStyle.CURSOR, ir.Prim(ir.PrimKind.STRING), "data", "more",
                                                 "after")
    assert diagnostics == []


@pytest.mark.parametrize(("table", "message"), [
    ('[pagination.Nope]\nstyle = "link-header"\n', "[pagination.Nope]: the spec has no operation of that operationId"),
    ('[pagination.ListThings]\nstyle = "cursor"\nitems = "data"\nnext = "more"\nparam = "page"\n',
     "no query parameter 'page'"),
    ('[pagination.ListThings]\nstyle = "next-link"\nitems = "rows"\nnext = "more"\n', "no array field 'rows'"),
    ('[pagination.ListThings]\nstyle = "next-link"\nitems = "data"\nnext = "link"\n', "no field 'link'"),
    ('[pagination.ListThings]\nstyle = "pages"\n', "style must be one of next-link, link-header, cursor, offset"),
    ('[pagination.ListThings]\nstyle = "cursor"\nitems = "data"\n', "style 'cursor' needs next and param"),
    ('[pagination.ListThings]\nstyle = "offset"\nparam = "after"\nlimit = "10"\n',
     "clientgen.toml:4: unknown key 'limit' in [pagination.ListThings]"),
])
def test_a_pagination_rule_that_does_not_fit_the_spec_is_an_error_naming_it(tmp_path: Path, table: str,
                                                                           message: str) -> None:
    config = tmp_path / "clientgen.toml"
    config.write_text(table)
    op = {"operationId": "ListThings", "parameters": [{"name": "after", "in": "query", "schema": {"type": "string"}}],
          "responses": _OK_PAGE}
    with pytest.raises(ConfigError) as caught:
        _built(_list_api(op, {"Page": _PAGE}), read_config_file(config)["pagination"])
    assert message in str(caught.value)


def test_an_x_ms_pageable_that_does_not_fit_is_a_warning_and_a_plain_operation() -> None:
    op = {"operationId": "ListThings", "x-ms-pageable": {"nextLinkName": "nextLink"}, "responses": _OK_PAGE}
    api, diagnostics = _built(_list_api(op, {"Page": _PAGE}))
    assert api.operations[0].paging is None
    assert [d.message for d in diagnostics] == ["not paged: its answer has no array field 'value' to page through"]
    assert diagnostics[0].pointer == "#/paths/~1things/get/x-ms-pageable"


def test_long_running_operations_are_marked_or_known_by_their_polling_header() -> None:
    azure, _ = api_of(SPECS / "azure-jobs.swagger2.json")
    lro = {op.operation_id: op.long_running for op in azure.operations}
    assert lro["Jobs_CreateOrUpdate"] == ir.LongRunning(ir.FinalState.AZURE_ASYNC_OPERATION, ir.Named("Job"))
    assert lro["Jobs_Delete"] == ir.LongRunning(ir.FinalState.LOCATION, None)
    assert lro["Jobs_Restart"] == ir.LongRunning(ir.FinalState.LOCATION, ir.Named("Job"))
    assert lro["Jobs_List"] is None

    def answer(status: str, header: str) -> dict:
        return {"operationId": "Make", "responses": {status: {"description": "x", "headers": {header: {
            "schema": {"type": "string"}}}}, "200": {"description": "ok"}}}

    for status, header, method, final in (("202", "Location", "post", ir.FinalState.LOCATION),
                                          ("202", "operation-location", "put", ir.FinalState.ORIGINAL_URI),
                                          ("201", "Azure-AsyncOperation", "patch", ir.FinalState.ORIGINAL_URI)):
        document = _list_api({}, {})
        document["paths"] = {"/make": {method: answer(status, header)}}
        api, _ = _built(document)
        assert api.operations[0].long_running == ir.LongRunning(final, None), (status, header)
    document = _list_api({}, {})
    document["paths"] = {"/make": {"post": answer("201", "Location")}}  # a plain creation
    assert _built(document)[0].operations[0].long_running is None


def test_streamed_answers_are_typed_per_item() -> None:
    def streamed(media_type: str, media: dict) -> ir.Operation:
        op = {"operationId": "Watch", "responses": {"200": {"description": "x", "content": {media_type: media}}}}
        api, _ = _built(_list_api(op, {"Page": _PAGE}))
        return api.operations[0]

    page = {"$ref": "#/components/schemas/Page"}
    sse = streamed("text/event-stream", {"schema": page})
    assert (sse.stream, sse.success.type, sse.success.kind) == (ir.StreamKind.SSE, ir.Named("Page"), ir.BodyKind.JSON)
    lines = streamed("application/x-ndjson", {"schema": {"type": "array", "items": page}})
    assert (lines.stream, lines.success.type) == (ir.StreamKind.JSON_LINES, ir.Named("Page"))
    event = {"type": "object", "properties": {"event": {"type": "string"}, "data": {
        "type": "string", "contentMediaType": "application/json", "contentSchema": page}}}
    assert streamed("text/event-stream", {"itemSchema": event}).success.type == ir.Named("Page")  # OpenAPI 3.2
    assert streamed("text/event-stream", {}).success.type == ir.Prim(ir.PrimKind.STRING)
    both = {"operationId": "Get", "responses": {"200": {"description": "x", "content": {
        "text/event-stream": {"schema": page}, "application/json": {"schema": page}}}}}
    assert _built(_list_api(both, {"Page": _PAGE}))[0].operations[0].stream is None  # JSON on offer: read whole


def test_a_valid_documents_verdict_is_kept_and_an_invalid_one_is_validated_again(tmp_path: Path,
                                                                                 monkeypatch) -> None:
    monkeypatch.setenv(fetch.CACHE_ENV, str(tmp_path / "cache"))
    validations: list[int] = []
    real = validate._with_deep_stack
    monkeypatch.setattr(validate, "_with_deep_stack", lambda work: (validations.append(1), real(work))[1])
    source = fetch.load(str(SPECS / "kitchen-sink.openapi3.yaml"))
    document = resolve.resolve_external(source)
    assert validate.validate(source, document) == "3.0" and len(validations) == 1
    assert validate.validate(source, document) == "3.0" and len(validations) == 1  # the kept verdict
    retitled = {**document, "info": {**document["info"], "title": "Another"}}
    assert validate.validate(source, retitled) == "3.0" and len(validations) == 2  # other content: validated
    for verdict in (tmp_path / "cache" / "validated").iterdir():
        verdict.write_text("garbage")
    assert validate.validate(source, document) == "3.0" and len(validations) == 3  # a broken verdict: ignored
    broken = {**document, "paths": {"/x": {"get": {"responses": 5}}}}
    for attempt in (4, 5):
        with pytest.raises(SpecError):
            validate.validate(source, broken)
        assert len(validations) == attempt  # a failure is never kept: it is reported with its place every time


_FIRST_PROBLEMS = """
import json, sys
from generator import fetch, resolve, validate
if sys.argv[1] == "plain":
    validate._quickened.append(True)  # as if already done: the validator stays as installed
found = []
for path in sys.argv[2:]:
    source = fetch.load(path)
    document = resolve.resolve_external(source)
    for variant in (document, {**document, "paths": {"/x": {"get": {"responses": {"200": {"description": 5}}}}}},
                    {**document, "info": {"title": 5}}):
        problem, warnings = validate._problem(variant, validate.dialect(variant))
        found.append([problem, [[w.message, w.path, w.lenient] for w in warnings]])
from pathable import accessors
print(accessors.SubscriptableAccessor._get_subnode.__name__)  # which one ran
print(json.dumps(found, default=list))
"""


@pytest.mark.parametrize("valid", [True, False])
def test_the_next_language_renders_while_the_verdict_is_awaited_and_nothing_is_written_before_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, valid: bool) -> None:
    import time

    monkeypatch.setenv(fetch.CACHE_ENV, str(tmp_path / "cache"))
    document = fetch.load(str(SPECS / "kitchen-sink.openapi3.yaml")).document
    if not valid:
        document = {**document, "x_unknown": 5}  # builds, but the validator refuses it (no such field)
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document))
    real_problem = validate._problem
    monkeypatch.setattr(validate, "_problem", lambda *args: (time.sleep(2), real_problem(*args))[1])  # forked too
    stages: list[str] = []
    options = Options(spec=str(spec), languages=("python", "go", "csharp"), out=tmp_path / "out")
    if valid:
        generate(options, lambda stage: stages.append(stage.label))
        assert stages.index("render go") < stages.index("write python")  # rendered while the verdict was awaited
        assert stages.index("write go") < stages.index("render csharp")  # never more than two languages held
        assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["csharp", "go", "python"]
    else:
        with pytest.raises(SpecError, match="invalid OpenAPI 3.0 document"):
            generate(options, lambda stage: stages.append(stage.label))
        assert "render go" in stages and not any(label.startswith("write") for label in stages)
        assert not (tmp_path / "out").exists()


def test_the_quickened_validator_finds_what_the_installed_one_finds() -> None:
    specs = [str(path) for path in sorted(SPECS.glob("*.*")) if path.suffix in (".json", ".yaml")
             and "clientgen" not in path.name]
    answers = {}
    for mode in ("plain", "quickened"):
        done = subprocess.run([sys.executable, "-c", _FIRST_PROBLEMS, mode, *specs], capture_output=True, text=True,
                              cwd=ROOT)
        assert done.returncode == 0, done.stderr
        ran, problems = done.stdout.splitlines()
        assert ran == {"plain": "_get_subnode", "quickened": "subnode"}[mode]
        answers[mode] = json.loads(problems)
    assert answers["plain"] == answers["quickened"]
    assert len(answers["plain"]) == 3 * len(specs) >= 18
    for valid, broken, untitled in zip(*[iter(answers["plain"])] * 3):
        assert valid[0] is None and broken[0] is not None  # a description that is no string: an error
        assert untitled[0] is None and ["info", "title"] in [warning[1] for warning in untitled[1]]  # a warning


# ---- several processes rendering -----------------------------------------------------------------------------------
def _tree_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_languages_rendered_by_several_processes_are_the_same_files(tmp_path: Path, capsys) -> None:
    spec = str(SPECS / "kitchen-sink.openapi3.yaml")
    for jobs in ("1", "4"):
        assert main(["generate", spec, "--lang", "all", "--out", str(tmp_path / jobs), "--jobs", jobs, "-v"]) == 0
        assert ("(in another process)" in capsys.readouterr().err) is (jobs == "4")
    assert _tree_of(tmp_path / "1") == _tree_of(tmp_path / "4")


def test_a_failure_in_another_process_is_the_error_it_would_have_been_here(tmp_path: Path, capsys) -> None:
    overrides = tmp_path / "mine" / "java"  # java: the one the second process renders (see fanout._shared_out)
    overrides.mkdir(parents=True)
    (overrides / "README.md.j2").write_text("{{ no_such_name.field }}\n")
    errors = []
    for jobs in ("1", "2"):
        code = main(["generate", str(SPECS / "azureml-seed.swagger.json"), "--lang", "python,java", "--out",
                     str(tmp_path / jobs), "--templates", str(tmp_path / "mine"), "--jobs", jobs, "-q"])
        errors.append((code, capsys.readouterr().err))
    assert errors[0] == errors[1] and errors[0][0] == 2 and "README.md.j2" in errors[0][1]
    assert not (tmp_path / "2" / "java").exists()


@pytest.mark.parametrize(("jobs", "shares"), [
    (1, [("python", "csharp", "go", "java")]),
    (2, [("python", "go"), ("csharp", "java")]),
    (4, [("python",), ("java",), ("csharp",), ("go",)]),
    (9, [("python",), ("java",), ("csharp",), ("go",)]),
])
def test_languages_are_shared_out_by_their_cost(jobs: int, shares: list[tuple[str, ...]]) -> None:
    from generator import fanout

    assert fanout._shared_out(("python", "csharp", "go", "java"), jobs) == shares


# ---- findings that do not stop generation ----------------------------------------------------------------------
def test_findings_that_leave_the_sdk_clear_are_warnings_at_their_place_and_strict_makes_them_errors(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fetch.CACHE_ENV, str(tmp_path / "cache"))
    spec = SPECS / "lenient-findings.openapi3.yaml"
    for run in ("validated", "kept verdict"):  # the second run's warnings come from the kept verdict
        result = generate(Options(spec=str(spec), out=tmp_path / run, languages=("python",)))
        warnings = {diagnostic.pointer: diagnostic.message for diagnostic in result.diagnostics}
        predict = "#/paths/~1v1~1models~1{model}:predict/post/parameters"
        assert warnings.pop("#/info").startswith("'version' is a required property")
        assert warnings.pop("#/paths/~1v2~1health~1live/get/responses").endswith("(the operation is generated "
                                                                                 "without a typed answer)")
        assert "'bytes' is not one of" in warnings.pop(
            "#/components/schemas/PredictRequest/properties/instances/items/oneOf/1/type")  # named, once
        assert warnings.pop(f"{predict}/0/schema/pattern").endswith("(the SDKs do not check patterns)")
        assert warnings.pop(f"{predict}/1/schema/default").startswith("'100' is not of type 'integer'")
        assert "'predictions'" in warnings.pop("#/paths/~1v2~1models~1{model}~1infer/post")
        assert warnings.pop("#/components/schemas/PredictRequest/properties/threshold/default").endswith("read as 0.5")
        assert warnings.pop("#/components/schemas/PredictRequest/properties/verbose/default").endswith("left out of "
                                                                                                     "the SDKs' documentation")
        assert warnings == {}
    api, _ = api_of(spec)
    assert sorted(op.words for op in api.operations) == [  # a shared operationId told apart by route
        ("live",), ("predictions", "v1", "models", "model", "predict"), ("predictions", "v2", "models", "model",
                                                                            "infer")]
    request = next(model for model in api.models if model.name == "PredictRequest")
    assert {f.wire: f.default for f in request.fields} == {"instances": ir.NO_DEFAULT, "threshold": 0.5,
                                                           "verbose": ir.NO_DEFAULT}
    for kept in (False, True):
        if kept:
            generate(Options(spec=str(spec), out=tmp_path / "lenient", languages=("python",)))
        with pytest.raises(SpecError, match="invalid OpenAPI 3.0 document: 'version' is a required property"):
            generate(Options(spec=str(spec), out=tmp_path / "strict", languages=("python",), strict=True))
        assert not (tmp_path / "strict").exists()


def test_swagger2_file_uploads_and_downloads_are_no_finding_and_openapi3_keywords_in_it_warn() -> None:
    source = fetch.load(str(SPECS / "files.swagger2.yaml"))
    diagnostics: list = []
    assert validate.validate(source, resolve.resolve_external(source), diagnostics, strict=False) == "2.0"
    assert [(d.pointer, d.message.split(" (")[-1]) for d in diagnostics] == [
        ("#/paths/~1score/post/parameters/0/schema", "read as OpenAPI 3 reads it)")]
    api, _ = api_of(SPECS / "files.swagger2.yaml")
    upload, download = (next(op for op in api.operations if op.operation_id == name)
                        for name in ("UploadWeights", "DownloadWeights"))
    assert upload.body.kind is ir.BodyKind.MULTIPART and download.success.kind is ir.BodyKind.BINARY


def test_azure_naming_extensions_name_the_sdk_and_leave_the_wire() -> None:
    api, diagnostics = api_of(SPECS / "azure-extensions.swagger2.yaml")
    assert diagnostics == []
    listing = api.operations[0]
    assert [(p.wire, p.words) for p in listing.parameters] == [("$top", ("Max", "Results")), ("sku", ("sku",))]
    assert listing.parameters[1].type == ir.Named("SkuName")  # x-ms-enum's name
    models = {model.name: model for model in api.models}
    vault = models["Vault"]
    assert [(f.wire, f.words) for f in vault.fields] == [("properties", ("Vault", "Properties")),
                                                          ("tenant_id", ("Tenant", "Id"))]
    inner = models[vault.fields[0].type.name]
    assert inner.fields[0].type == ir.Named("SkuName")  # the same name and values: one model for both enums
    assert sorted(name for name in models if name.startswith("Sku")) == ["SkuName"]
    state = models[inner.fields[1].type.name]
    assert state.name == "VaultState" and [(v.value, v.words) for v in state.values] == [(0, ("Creating",)),
                                                                                          (1, ("Ready",))]


def test_strict_is_read_from_the_config_file_as_a_boolean(tmp_path: Path) -> None:
    config = tmp_path / "clientgen.toml"
    config.write_text('spec = "x.yaml"\nout = "sdk"\nlanguages = ["go"]\nstrict = true\n')
    assert read_config_file(config)["strict"] is True
    config.write_text('strict = "yes"\n')
    with pytest.raises(ConfigError, match="strict must be true or false"):
        read_config_file(config)
    config.write_text('jobs = true\n')
    with pytest.raises(ConfigError, match="jobs must be a number"):  # a boolean is no number
        read_config_file(config)


def test_inline_enums_of_one_x_ms_enum_name_are_one_model_of_all_their_values() -> None:
    document = fetch.load(str(SPECS / "azure-extensions.swagger2.yaml")).document
    document["paths"]["/vaults"]["get"]["parameters"][1]["enum"] = ["standard", "premium", "basic"]
    api, _ = _built(upgrade.upgrade(document))
    skus = [model for model in api.models if model.name.startswith("Sku")]
    assert [(m.name, [v.value for v in m.values]) for m in skus] == [("SkuName", ["standard", "premium", "basic"])]

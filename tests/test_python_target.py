"""The Python target: naming and escaping rules, and every fixture spec generating Python that imports,
round-trips its models, passes mypy --strict and is formatted (ruff, black's style)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator import generate
from generator.config import Options
from generator.naming import split_words
from generator.render import TemplateError
from generator.targets import python as target

from .toolchains.python import assert_formatted

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "fixtures" / "specs"
# Every spec in fixtures/specs, and the entry document of the external-refs folder (its other files are parts).
FIXTURE_SPECS = sorted(SPECS.glob("*.json")) + sorted(SPECS.glob("*.yaml")) + [SPECS / "external" / "api.yaml"]


def test_member_names_escape_keywords_and_the_builtins_annotations_use() -> None:
    assert target.member_name(split_words("class")) == "class_"
    assert target.member_name(split_words("match")) == "match_"  # soft keyword
    assert target.member_name(split_words("list")) == "list_"  # would shadow list[...] in the class body
    assert target.member_name(split_words("id")) == "id"  # builtins no annotation uses stay as they are
    assert target.member_name(split_words("2fa")) == "n2fa"


def test_class_names_avoid_the_packages_own_names() -> None:
    assert target.class_name(split_words("client")) == "ClientModel"
    assert target.class_name(split_words("ApiError")) == "ApiErrorModel"
    assert target.class_name(split_words("3d-point")) == "N3dPoint"


def test_spec_text_cannot_break_out_of_doc_strings_or_literals() -> None:
    hostile = 'end """ here \\ and \x00 bell\x07 """'
    text = target.doc(hostile)
    assert '"""' not in text.replace('\\"\\"\\"', "")
    assert eval('"""' + text + '"""')  # a valid string literal
    assert "\x00" not in text and "\x07" not in target.doc("\x07")
    for value in ("it's", 'say "hi"', "\\u0041", "line\nbreak", "🚀"):
        assert eval(target.literal(value)) == value
    assert target.doc('ends with a quote"').endswith('" ')


def run_ok(sdk: Path, program: str) -> None:
    """Run a Python program in the SDK's folder; it prints ok when its own asserts hold."""
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=sdk, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("python-fixtures")
    for spec in FIXTURE_SPECS:
        generate(Options(spec=str(spec), out=out / spec.stem.replace(".", "-"), languages=("python",),
                         package_name=f"fixture-{spec.stem.replace('.', '-')}"))
    return out


def test_every_fixture_spec_passes_mypy_strict_and_is_formatted(generated: Path) -> None:
    packages = sorted(p for p in generated.glob("*/python/fixture_*") if p.is_dir())
    assert len(packages) == len(FIXTURE_SPECS)
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", *map(str, packages)],
                          capture_output=True, text=True, timeout=600)
    assert mypy.returncode == 0, mypy.stdout[-5000:]
    assert_formatted(*packages)


def test_kitchen_sink_models_round_trip_and_tolerate_what_services_send(generated: Path) -> None:
    sdk = generated / "kitchen-sink-openapi3" / "python"
    program = """
import datetime, uuid
from fixture_kitchen_sink_openapi3 import models as m
pet = m.Pet(id=2**63 - 1, name='Rex "the" dog', status=m.PetStatus.IN_STOCK, nickname=None,
            birthday=datetime.date(2020, 2, 29), chip_id=uuid.UUID(int=7), photo=b'\\x00\\xff',
            attributes={'a': 'b'}, location=m.NewPetLocation(lat=1.5), priority=m.Priority.MINUS_1,
            children=[m.Pet(id=3, name='pup')])
wire = pet.to_dict()
assert wire['nickname'] is None and 'tag' not in wire and wire['chipId'] == str(uuid.UUID(int=7)), wire
assert wire['status'] == 'IN_STOCK' and wire['photo'] == 'AP8=' and wire['priority'] == -1, wire
back = m.Pet.from_dict({**wire, 'unknownField': [1, 2]})
assert back == pet, (back, pet)
odd = m.Pet.from_dict({'id': '9007199254740993', 'name': 'x', 'status': 'on-the-moon', 'priority': 42})
assert odd.id == 9007199254740993 and odd.status.value == 'on-the-moon' and odd.priority == 42
assert m.PetStatus('*/') is m.PetStatus.VALUE_2 and m.ClientModel(class_='c').to_dict() == {'class': 'c'}
print('ok')
"""
    run_ok(sdk, program)


def test_unions_keep_the_raw_value_and_read_each_variant(generated: Path) -> None:
    sdk = generated / "unions-openapi31" / "python"
    program = """
import datetime
from fixture_unions_openapi31 import models as m
pet = m.Pet({'petType': 'dog', 'bark': None, 'wag': True})
assert pet.as_cat() is None, 'the discriminator names dog'
dog = pet.as_dog()
assert dog.bark is None and dog.additional_properties == {'wag': True}, dog
cat = m.Pet.from_cat(m.Cat(pet_type='cat', lives=9, friend=pet))
assert cat.raw == {'petType': 'cat', 'lives': 9, 'friend': {'petType': 'dog', 'bark': None, 'wag': True}}, cat.raw
assert cat.as_cat().friend.as_dog() == dog
newer = m.Pet({'petType': 'parrot', 'words': 12})
assert newer.as_cat() is None and newer.as_dog() is None, 'a value naming no variant is none of them'
assert newer.raw['words'] == 12 and newer.value == newer.raw  # nothing is lost
assert isinstance(pet.value, m.Dog) and pet.value == dog
assert m.Pet.from_cat(m.Cat(lives=1)).raw['petType'] == 'cat', 'building a variant writes its discriminator'
try:
    m.Pet.from_cat(m.Cat(pet_type='dog'))
except ValueError as error:
    assert 'names another variant' in str(error), error
else:
    raise AssertionError('a Cat saying it is a dog was accepted')
holder = m.Holder.from_dict({'value': 2.5, 'values': [True, '2024-01-02T03:04:05Z']})
assert holder.value.as_double() == 2.5 and holder.value.as_string() is None
assert holder.values[1].as_datetime() == datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
assert holder.to_dict() == {'value': 2.5, 'values': [True, '2024-01-02T03:04:05Z']}
print('ok')
"""
    run_ok(sdk, program)


def test_multipart_body_sends_files_text_and_json_parts(generated: Path) -> None:
    sdk = generated / "bodies-openapi3" / "python"
    program = """
from fixture_bodies_openapi3 import _runtime as rt, models as m
request = rt.Request('POST', '/documents')
body = m.UploadDocumentRequest(file=b'%PDF\\x00\\xff', title='Über "x"', meta=m.UploadDocumentRequestMeta(author='a'))
request.multipart_body(body, rt.ModelCodec(m.UploadDocumentRequest), 'multipart/form-data')
boundary = request.headers['Content-Type'].split('boundary=')[1]
parts = request.body.split(b'--' + boundary.encode())
assert parts[-1] == b'--\\r\\n' and len(parts) == 5, parts
assert b'name="file"; filename="file"' in parts[1] and parts[1].endswith(b'%PDF\\x00\\xff\\r\\n')
assert parts[2].endswith('Über "x"\\r\\n'.encode()) and b'application/json' in parts[3]
assert parts[3].endswith(b'{"author": "a"}\\r\\n'), parts[3]
print('ok')
"""
    run_ok(sdk, program)


def test_operations_are_also_grouped_by_tag(generated: Path) -> None:
    from .conformance.server import RecordingServer, Reply

    server = RecordingServer([Reply(200, [{"id": 1, "name": "Rex"}])])
    program = """
import asyncio, sys
from fixture_kitchen_sink_openapi3 import AsyncClient, Client
client = Client(sys.argv[1], credential='k')
assert client.pets.list_pets(limit=2)[0].name == client.list_pets(limit=2)[0].name == 'Rex'
async def tagged():
    async with AsyncClient(sys.argv[1], credential='k') as aclient:
        return aclient.pets.create_pet
print(type(client.pets).__name__, hasattr(client.pets, 'get_pet'), asyncio.run(tagged()).__name__)
"""
    try:
        done = subprocess.run([sys.executable, "-c", program, server.url], capture_output=True, text=True,
                              cwd=generated / "kitchen-sink-openapi3" / "python", timeout=60)
    finally:
        server.close()
    assert done.stdout.split() == ["PetsOperations", "False", "create_pet"], done.stderr
    assert [r.raw_path + "?" + "&".join(f"{k}={v}" for k, v in r.query) for r in server.requests] == ["/pets?limit=2"] * 2


def test_a_large_sdk_imports_lazily_and_is_formatted(tmp_path: Path) -> None:
    """`import big` loads no model module and no asyncio; a model's name loads its own module and no other."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_generate import synthetic_spec
    finally:
        sys.path.pop(0)
    import json

    spec = tmp_path / "big.json"
    spec.write_text(json.dumps(synthetic_spec(400)))
    generate(Options(spec=str(spec), out=tmp_path / "out", languages=("python",), package_name="big"))
    package = tmp_path / "out" / "python" / "big"
    assert len(list((package / "models").glob("_model*.py"))) == 400
    assert_formatted(package)
    program = ("import sys, big\n"
               "loaded = lambda: sorted(m for m in sys.modules if m.startswith('big.models._'))\n"
               "print(len(big.__all__), 'asyncio' in sys.modules, loaded(), 'Model7' in dir(big.models))\n"
               "big.Model7\n"
               "big.Client('http://127.0.0.1:9')\n"
               "print(loaded(), 'asyncio' in sys.modules)\n")
    imported = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=package.parent,
                              timeout=120)
    assert imported.stdout.splitlines() == [
        f"{400 + 29} False [] True",  # the models and 29 names of the SDK; nothing loaded yet
        "['big.models._model7'] False"], imported.stderr  # a blocking client made: still no asyncio


def test_the_runtime_is_copied_as_it_is_and_only_sdkinfo_differs_per_spec(generated: Path) -> None:
    runtime = ROOT / "runtime" / "python" / "clientgen_runtime"
    package = generated / "azureml-seed-swagger" / "python" / "fixture_azureml_seed_swagger"
    for module in target.RUNTIME_MODULES:
        assert (package / module).read_bytes() == (runtime / module).read_bytes(), module
    shipped = {path.name for path in package.iterdir()}
    assert shipped == {*target.RUNTIME_MODULES, "__init__.py", "_sdkinfo.py", "client.py", "models", "_groups",
                       "py.typed"}
    info: dict[str, object] = {}
    exec((package / "_sdkinfo.py").read_text(), info)
    assert (info["SDK_NAME"], info["SDK_VERSION"]) == ("fixture-azureml-seed-swagger", "0.1.0")
    assert info["RAW_SEND_AUTH"] == ("header", "Authorization", "key")  # Azure ML's apiKey named Authorization
    assert "runtime-tests" not in (package / "__init__.py").read_text()  # the runtime's stand-ins stay there


def test_every_readme_example_is_python_that_compiles(generated: Path) -> None:
    import re

    readmes = sorted(generated.glob("*/python/README.md"))
    assert len(readmes) == len(FIXTURE_SPECS)
    for readme in readmes:
        blocks = re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
        assert len(blocks) >= 3, readme
        for block in blocks:
            compile(block, str(readme), "exec")
    seed = (generated / "azureml-seed-swagger" / "python" / "README.md").read_text(encoding="utf-8")
    for shown in ("request_options=RequestOptions(timeout=5.0, max_retries=0", "http_client=http",
                  "on_request=on_request", "secret_headers=", "logging.getLogger('fixture_azureml_seed_swagger')",
                  'AzureMLCredential.from_command(\n    ["az", "ml", "online-endpoint", "get-credentials"',
                  "credential=DefaultAzureCredential()"):
        assert shown in seed, shown


def test_an_operations_auth_is_the_runtimes_auth_and_none_sends_no_credential() -> None:
    from generator import ir

    scheme = ir.SecurityScheme("Key", ir.SecurityKind.API_KEY, "X-Key", ir.ParamLocation.QUERY, "")
    assert target.auth(scheme) == "_rt.Auth('query', 'X-Key', 'key')"
    assert target.auth(None) == "None"
    assert target.auth_fields(ir.BEARER) == "'header', 'Authorization', 'bearer'"


def _methods(sdk: Path, package: str, names: str) -> list[str]:
    """'name: returns (async: coroutine?, returns)' of the client's methods named in `names` (comma-separated)."""
    program = f"""
import inspect
from {package} import AsyncClient, Client
for name in {names!r}.split(','):
    sync, asynchronous = getattr(Client, name), getattr(AsyncClient, name)
    print(name, inspect.signature(sync).return_annotation, inspect.iscoroutinefunction(asynchronous),
          inspect.signature(asynchronous).return_annotation, sep='|')
"""
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=sdk, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_paged_and_long_running_operations_return_pagers_and_pollers(generated: Path) -> None:
    sdk = generated / "azure-jobs-swagger2" / "python"
    methods = _methods(sdk, "fixture_azure_jobs_swagger2",
                       "jobs_list,jobs_list_kinds,begin_jobs_create_or_update,begin_jobs_delete,begin_jobs_restart")
    assert methods == [
        "jobs_list|_rt.Pager[Job]|False|_rt.AsyncPager[Job]",
        "jobs_list_kinds|_rt.Pager[str]|False|_rt.AsyncPager[str]",
        "begin_jobs_create_or_update|_rt.Poller[Job]|True|_rt.AsyncPoller[Job]",
        "begin_jobs_delete|_rt.Poller[None]|True|_rt.AsyncPoller[None]",
        "begin_jobs_restart|_rt.Poller[Job]|True|_rt.AsyncPoller[Job]",
    ]
    client = (sdk / "fixture_azure_jobs_swagger2" / "client.py").read_text()
    assert "def jobs_create_or_update(" not in client  # the start method replaces the plain one
    assert "_rt.Paging('next-link', 'kinds', None, None)" in client.replace('"', "'")  # one page, items listed
    readme = (sdk / "README.md").read_text()
    assert "for item in client.jobs_list('text'):" in readme and "poller = client.begin_jobs_create_or_update(" in readme
    assert "## Streams" not in readme


def test_streamed_and_binary_answers_return_streams(generated: Path) -> None:
    sdk = generated / "conformance" / "python"
    assert _methods(sdk, "fixture_conformance", "stream_events,stream_lines,get_image_stream,get_image") == [
        "stream_events|_rt.Stream[_rt.ServerSentEvent[Record]]|False|_rt.AsyncStream[_rt.ServerSentEvent[Record]]",
        "stream_lines|_rt.Stream[Record]|False|_rt.AsyncStream[Record]",
        "get_image_stream|_rt.ByteStream|False|_rt.AsyncByteStream",
        "get_image|bytes|True|bytes",
    ]
    readme = (sdk / "README.md").read_text()
    for shown in ("with client.stream_events() as items:", "print(item.event, item.id, item.data)",
                  "with client.get_image_stream() as body:", "for chunk in body.iter_bytes(65536):"):
        assert shown in readme, shown


def test_begin_and_stream_methods_are_unique_among_the_clients_methods(tmp_path: Path) -> None:
    import json

    binary = {"200": {"description": "x", "content": {"image/png": {"schema": {"type": "string",
                                                                              "format": "binary"}}}}}
    started = {"202": {"description": "started", "headers": {"Operation-Location": {"schema": {"type": "string"}}}}}
    spec = {"openapi": "3.0.3", "info": {"title": "Clash", "version": "1"}, "servers": [{"url": "http://x"}],
            "paths": {
                "/a": {"get": {"operationId": "BeginStartJob", "tags": ["jobs"],
                               "responses": {"200": {"description": "x"}}}},
                "/jobs": {"post": {"operationId": "StartJob", "tags": ["jobs"], "responses": started}},
                "/image-stream": {"get": {"operationId": "GetImageStream", "responses": {"204": {"description": "x"}}}},
                "/image": {"get": {"operationId": "GetImage", "tags": ["jobs"], "responses": binary}},
                "/close": {"get": {"operationId": "Close", "responses": binary}}}}
    (tmp_path / "clash.json").write_text(json.dumps(spec))
    generate(Options(spec=str(tmp_path / "clash.json"), out=tmp_path / "out", languages=("python",),
                     package_name="clash"))
    sdk = tmp_path / "out" / "python"
    names = "begin_start_job,begin_start_job_2,get_image_stream,get_image_stream_2,close_2,close_stream"
    assert [line.split("|")[:2] for line in _methods(sdk, "clash", names)] == [
        ["begin_start_job", "None"], ["begin_start_job_2", "_rt.Poller[None]"], ["get_image_stream", "None"],
        ["get_image_stream_2", "_rt.ByteStream"], ["close_2", "bytes"], ["close_stream", "_rt.ByteStream"]]
    run_ok(sdk, "from clash import Client\nc = Client()\n"
                "assert c.jobs.get_image_stream_2.__name__ == 'get_image_stream_2'\n"
                "assert c.jobs.begin_start_job_2.__name__ == 'begin_start_job_2'\nprint('ok')")


def test_async_client_pages_polls_and_streams(generated: Path) -> None:
    from .conformance.server import RecordingServer, Reply

    record = {"id": 1, "name": "a"}
    servers = [RecordingServer([Reply(200, {"value": [record], "nextLink": "{base}/paged?page=2"}),
                                Reply(200, {"value": [{"id": 2, "name": "b"}]})]),
               RecordingServer([Reply(202, None, (("Operation-Location", "{base}/ops/1"), ("Location", "{base}/jobs/1"),
                                                   ("Retry-After", "0"))),
                                Reply(200, {"status": "Succeeded"}), Reply(200, {"id": "1", "state": "done"})]),
               RecordingServer([Reply(200, chunks=(b'data: {"id": 1, "name": "a"}\n\n', b"data: [DONE]\n\n"))]),
               RecordingServer([Reply(200, chunks=(b"\x00" * 70_000,), headers=(("Content-Type", "image/png"),))])]
    program = """
import asyncio, sys
from fixture_conformance import AsyncClient, JobInput
async def main():
    pages, jobs, events, image = (AsyncClient(url, credential='k') for url in sys.argv[1:])
    names = [record.name async for record in pages.list_pages()]
    poller = await jobs.begin_start_job(JobInput(name='j'))
    job = await poller.result()
    async with events.stream_events() as stream:
        data = [event.data.name async for event in stream]
    async with image.get_image_stream() as body:
        size = sum([len(chunk) async for chunk in body.iter_bytes(65536)])
    print(names, job.state, data, size, poller.status())
asyncio.run(main())
"""
    try:
        done = subprocess.run([sys.executable, "-c", program, *(s.url for s in servers)], capture_output=True,
                              text=True, cwd=generated / "conformance" / "python", timeout=60)
    finally:
        for server in servers:
            server.close()
    assert done.stdout.strip() == "['a', 'b'] done ['a'] 70000 Succeeded", done.stderr
    assert [r.raw_path for r in servers[1].requests] == ["/jobs", "/ops/1", "/jobs/1"]


def test_formatting_reuses_what_ruff_made_of_a_text_and_formats_only_what_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import fetch

    monkeypatch.setenv(fetch.CACHE_ENV, str(tmp_path / "cache"))
    formatted_by_ruff: list[str] = []
    real = target._ruff_format
    monkeypatch.setattr(target, "_ruff_format", lambda sources: (formatted_by_ruff.extend(sources), real(sources))[1])
    texts = {"pkg/a.py": "x = {'a':1}\n", "pkg/b.py": "def f( y ):\n  return y\n", "README.md": "# not Python\n"}
    first = target.format_files(texts)
    assert first == {"pkg/a.py": 'x = {"a": 1}\n', "pkg/b.py": "def f(y):\n    return y\n", "README.md": "# not Python\n"}
    assert sorted(formatted_by_ruff) == ["pkg/a.py", "pkg/b.py"]
    formatted_by_ruff.clear()
    assert target.format_files(texts) == first and formatted_by_ruff == []  # all from the pack
    assert target.format_files({**texts, "pkg/b.py": "z=2\n"})["pkg/b.py"] == "z = 2\n"
    assert formatted_by_ruff == ["pkg/b.py"]  # only the changed text
    (pack,) = (tmp_path / "cache" / "formatted").iterdir()
    data = pack.read_bytes()
    pack.write_bytes(data[:-2] + b"!\n")  # damaged: not trusted
    formatted_by_ruff.clear()
    assert target.format_files({**texts, "pkg/b.py": "z=2\n"})["pkg/b.py"] == "z = 2\n"
    assert sorted(formatted_by_ruff) == ["pkg/a.py", "pkg/b.py"]
    pack.write_bytes(pack.read_bytes().replace(b"; ruff ", b"; ruff 0.0.0-other ", 1))  # another ruff: ignored
    formatted_by_ruff.clear()
    target.format_files(texts)
    assert sorted(formatted_by_ruff) == ["pkg/a.py", "pkg/b.py"]
    with pytest.raises(TemplateError, match="does not parse"):  # what does not parse is never kept
        target.format_files({"pkg/c.py": "def (:\n"})

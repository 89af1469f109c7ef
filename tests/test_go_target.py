"""The Go target: naming, escaping and type mapping in Python, then every spec generated, gofmt-checked, built
and vetted with the real toolchain (and a hostile spec that tries to break out of every comment and literal)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from generator import generate, ir
from generator.config import Options
from generator.render import Code, RuntimeFile
from generator.targets import go

from .conformance.drivers.go.prepare import go_binary, go_env
from .toolchains import go as go_toolchain

ROOT = Path(__file__).resolve().parents[1]
SPECS = sorted(p for p in (ROOT / "fixtures" / "specs").glob("*.*") if p.suffix in (".json", ".yaml", ".yml"))

HOSTILE = {
    "openapi": "3.0.3",
    "info": {
        "title": "Hostile */ \"API\" `x`",
        "version": "1.0\n*/",
        "description": "Line one */ func evil() {}\n\n# Heading\n\n- list\n    code block\n+build linux\n"
                       "//go:generate rm -rf /\n\u2028sep\u0000nul \ud83d\ude80",
    },
    "servers": [{"url": "https://example.com/api\"+evil+\""}],
    "paths": {
        "/things/{type}/{Type}": {
            "get": {
                "operationId": "send",
                "summary": "Summary */ with \"quotes\" and `ticks`\nnext line",
                "parameters": [
                    {"name": "type", "in": "path", "required": True, "schema": {"type": "integer", "format": "int64"},
                     "description": "a keyword */"},
                    {"name": "Type", "in": "path", "required": True, "schema": {"$ref": "#/components/schemas/Color"}},
                    {"name": "func", "in": "query", "required": True, "schema": {"type": "boolean"}},
                    {"name": "1st", "in": "query", "schema": {"type": "array", "items": {"type": "integer"}},
                     "style": "pipeDelimited", "explode": False},
                    {"name": "filter", "in": "query", "schema": {"$ref": "#/components/schemas/Client"},
                     "style": "deepObject", "explode": True},
                    {"name": "ctx", "in": "header", "schema": {"type": "string", "format": "date-time"}},
                    {"name": "session", "in": "cookie", "schema": {"type": "string"}},
                    {"name": "req", "in": "query", "required": True, "schema": {"type": "string", "format": "date"}},
                    {"name": "json", "in": "query", "required": True, "schema": {"type": "string"}},
                    {"name": "fmt", "in": "header", "required": True, "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {"description": "bytes", "content": {
                        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
                    "404": {"description": "nf", "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Client"}}}},
                    "4XX": {"description": "err", "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/APIError"}}}},
                },
            },
            "post": {
                "operationId": "BaseURL",
                "parameters": [
                    {"name": "type", "in": "path", "required": True, "schema": {"type": "integer", "format": "int64"}},
                    {"name": "Type", "in": "path", "required": True, "schema": {"$ref": "#/components/schemas/Color"}},
                ],
                "requestBody": {"required": True, "content": {
                    "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/Client"}}}},
                "responses": {"204": {"description": "none"}},
            },
            "put": {
                "operationId": "put-text",
                "parameters": [
                    {"name": "type", "in": "path", "required": True, "schema": {"type": "integer", "format": "int64"}},
                    {"name": "Type", "in": "path", "required": True, "schema": {"$ref": "#/components/schemas/Color"}},
                ],
                "requestBody": {"content": {"text/plain": {"schema": {"type": "string"}}}},
                "responses": {"200": {"description": "text",
                                      "content": {"text/plain": {"schema": {"type": "string"}}}}},
            },
        },
        "/models": {
            "post": {
                "operationId": "postModels",
                "requestBody": {"content": {"application/json": {
                    "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Levels"}}}}},
                "responses": {"200": {"description": "map", "content": {"application/json": {
                    "schema": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Node"}}}}}},
            },
        },
    },
    "components": {
        "schemas": {
            "Client": {
                "type": "object",
                "description": "Named like the runtime's Client */",
                "properties": {
                    "pet_id": {"type": "integer"}, "petId": {"type": "string"}, "Pet-Id": {"type": "number"},
                    "type": {"type": "string", "description": "desc with `backtick` and */ and \"quote\"\n// x"},
                    "MarshalJSON": {"type": "boolean"},
                    "weird \"wire\" `name`": {"type": "string"},
                    "-": {"type": "string"},
                    "9lives": {"type": "integer", "format": "int32", "default": 9},
                    "url": {"type": "string", "format": "uri"},
                    "blob": {"type": "string", "format": "byte"},
                    "when": {"type": "string", "format": "date", "nullable": True},
                    "anything": {},
                    "id": {"type": "string", "format": "uuid", "nullable": True},
                },
                "required": ["type", "id"],
                "additionalProperties": {"type": "integer", "format": "int64"},
            },
            "APIError": {"type": "object", "properties": {"message": {"type": "string"}, "code": {"type": "integer"}}},
            "Color": {"type": "string", "enum": ["red", "RED", "Red", "", "1st", "func", "x\"y*/"]},
            "Levels": {"type": "integer", "enum": [1, 2, 10]},
            "ColorRed": {"type": "object", "properties": {"a": {"type": "string"}}},
            "Node": {
                "type": "object",
                "required": ["children"],
                "properties": {
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                    "parent": {"$ref": "#/components/schemas/Node"},
                    "meta": {"type": "object", "additionalProperties": True},
                    "created": {"type": "string", "format": "date-time", "nullable": True},
                    "tags": {"type": "array", "items": {"type": "string"}, "nullable": True},
                },
            },
            "Empty": {"type": "object"},
        }
    },
}


# ---- names -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("words, want", [
    (("Run", "ML", "Service"), "RunMLService"),
    (("item", "id"), "ItemID"),
    (("base", "url"), "BaseURL"),
    (("X", "Trace", "Id"), "XTraceID"),
    (("ids",), "IDs"),
    (("base", "urls"), "BaseURLs"),
    (("1st",), "N1st"),
    (("u26085",), "U26085"),
    ((), "Model"),
    (("_",), "N_"),
    (("_x",), "N_x"),
])
def test_exported_names_keep_initialisms(words: tuple[str, ...], want: str) -> None:
    assert go.class_name(words) == want


@pytest.mark.parametrize("words, want", [
    (("item", "id"), "itemID"),
    (("ID",), "id"),
    (("URL", "path"), "urlPath"),
    (("type",), "typeValue"),
    (("func",), "funcValue"),
    (("string",), "stringValue"),
    (("len",), "lenValue"),
    (("9", "lives"), "n9Lives"),
    (("_",), "n_"),
])
def test_unexported_names_escape_keywords_and_predeclared(words: tuple[str, ...], want: str) -> None:
    assert go.unexported(words) == want


def test_package_and_module_names() -> None:
    api = ir.ApiSpec("My API", "1", "", None, (), (), ())
    options = Options(spec="x", out=Path("o"), languages=("go",), package_name="azml-client")
    assert go.package_names(options, api) == ("azml-client", "example.com/azml-client", "azmlclient")
    options = Options(spec="x", out=Path("o"), languages=("go",), package_name="type", go_module="corp.io/x/y")
    assert go.package_names(options, api) == ("type", "corp.io/x/y", "typepkg")
    options = Options(spec="x", out=Path("o"), languages=("go",))
    assert go.package_names(options, api)[2] == "myapiclient"


# ---- literals and comments -------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ['a"b', "back\\slash", "new\nline", "tab\t", "*/ `tick`", "\u2028", "🚀",
                                   "\ud83d", "\x00", "héllo"])
def test_string_literal_is_one_safe_line(value: str) -> None:
    text = go.literal(value)
    assert text.startswith('"') and text.endswith('"')
    body = text[1:-1]
    assert re.fullmatch(r'(?:[ !#-\[\]-~]|\\["\\]|\\u[0-9A-F]{4}|\\U[0-9A-F]{8})*', body), text


def test_literal_of_scalars() -> None:
    assert go.literal(None) == "nil"
    assert go.literal(True) == "true"
    assert go.literal(9007199254740993) == "9007199254740993"
    assert go.literal(1.5) == "1.5"


def test_doc_cannot_break_out() -> None:
    text = go.doc("a */ b\n\n\nc\r\nd\u2028e\x00 //go:generate x\n+build linux\ngo:embed x", "\t")
    lines = text.split("\n")
    assert all(line.startswith("\t// ") for line in lines), lines
    assert not any(line.strip() == "//" for line in lines)  # one paragraph: gofmt never reformats it
    assert "\t// - +build linux" in lines and "\t// - go:embed x" in lines
    assert go.doc("") == ""
    assert go.doc("auth('a', '') and ``x'' ```") == "// auth('a', ' ') and ` `x' ' ` ` `"  # gofmt keeps it
    assert go.comment("a\nb\r\u2028c ``d") == "a b c ` `d"  # one line of a `//` comment


# ---- the escaping rules: everything a template prints is Code made for one place ---------------------------------
def test_escapers_return_code() -> None:
    for made in (go.literal("x"), go.literal(1), go.literal(1.5), go.literal(None), go.doc("x"), go.comment("x"),
                 go.exported(("a",)), go.unexported(("a",)), go.class_name(("a",)), go.member_name(("a",))):
        assert isinstance(made, Code), made


@pytest.mark.parametrize("value, want", [
    (float("inf"), "math.Inf(1)"), (float("-inf"), "math.Inf(-1)"), (float("nan"), "math.NaN()"),
    (-0.0, "math.Copysign(0, -1)"), (0.1 + 0.2, "0.30000000000000004"), (2 ** 70, "1180591620717411303424"),
    ("\ud800 \udfff", '"\\uFFFD \\uFFFD"'), ("`raw` \\", '"`raw` \\\\"'), ("\u202e\u2066", '"\\u202E\\u2066"'),
    ("\r\n\u0085\u2028", '"\\u000D\\u000A\\u0085\\u2028"'), ("\U0001f40d", '"\\U0001F40D"'),
])
def test_literal_spells_what_go_cannot_write_as_given(value: object, want: str) -> None:
    assert go.literal(value) == want


@pytest.mark.parametrize("text", ["a\rfunc init() {}", "a\u2028b\u2029c\u0085d",
                                  "safe\u202e)(pwned\u202c \u2066x\u2069", "\ufeff\u200b\u200d\u00ad",
                                  "lone \ud800 \udfff", "nul\x00\x01\x7f\x1b[31m", "\u000b\u000c\u001c"])
def test_doc_keeps_line_breaks_and_invisible_characters_out(text: str) -> None:
    for made in (go.doc(text), go.doc(text, "\t"), go.comment(text)):
        made.encode("utf-8")  # valid UTF-8: no lone surrogate reaches the source
        assert all(c == "\n" or c == "\t" or (c.isprintable() and c != "\u00ad") for c in made), ascii(made)
        assert all(line.lstrip("\t").startswith("// ") for line in go.doc(text).split("\n") if go.doc(text))
    assert "\n" not in go.comment(text)
    assert go.doc("a\rfunc init() {}") == "// a\n// func init() {}"  # \r ends the line: it becomes one of ours


@pytest.mark.parametrize("line", ["+build linux", "go:build linux", "go:generate rm -rf /", "line 1:2",
                                  "export F", "extern f", "[spec]: https://example.com/x"])
def test_doc_lines_never_read_as_directives_or_link_definitions(line: str) -> None:
    assert go.doc(line) == f"// - {line}"
    assert go.doc(f"text {line}") == f"// text {line}"  # only the start of a line counts


@pytest.mark.parametrize("words, want", [
    (("json",), "jsonValue"), (("fmt",), "fmtValue"), (("url",), "urlValue"), (("errors",), "errorsValue"),
    (("strings",), "stringsValue"), (("context",), "contextValue"), (("http",), "httpValue"), (("any",), "anyValue"),
    (("nil",), "nilValue"), (("x" * 100,), "x" * 100),
])
def test_unexported_names_never_shadow_the_packages_the_code_uses(words: tuple[str, ...], want: str) -> None:
    assert go.unexported(words) == want


@pytest.mark.parametrize("words, want", [
    (("Client",), "ClientModel"), (("client",), "ClientModel"), (("API", "Error"), "APIErrorModel"),
    (("Date",), "DateModel"), (("Raw", "Response"), "RawResponseModel"), (("Client", "Model"), "ClientModel"),
    (("Pet",), "Pet"), (("Model",), "Model"),
])
def test_model_named_like_a_runtime_name_gets_the_suffix_model(words: tuple[str, ...], want: str) -> None:
    assert go.class_name(words) == want


def test_runtime_names_list_every_exported_name_of_the_runtime() -> None:
    sources = [ROOT / "runtime" / "go" / name for name in go.runtime_sources()]
    sources += [ROOT / "templates" / "go" / "sdkinfo.go.j2", ROOT / "templates" / "go" / "client.go.j2"]
    runtime = "\n".join(path.read_text(encoding="utf-8") for path in sources)
    declared = set(re.findall(r"^(?:func|type|const|var) ([A-Z]\w*)", runtime, re.MULTILINE))
    for block in re.findall(r"^const \(\n(.*?)^\)", runtime, re.MULTILINE | re.DOTALL):
        declared |= set(re.findall(r"^\t([A-Z]\w*)", block, re.MULTILINE))
    assert declared and declared <= set(go.RUNTIME_NAMES), declared - set(go.RUNTIME_NAMES)
    methods = set(re.findall(r"^func \(c \*Client\) ([A-Z]\w*)", runtime, re.MULTILINE))
    assert methods <= set(go.CLIENT_METHODS), methods


def test_package_is_never_named_like_a_standard_package_the_readme_imports() -> None:
    api = ir.ApiSpec("t", "1", "", None, (), (), ())
    for name in ("log", "errors", "fmt", "context", "strings", "time", "json", "slog", "http", "os"):
        options = Options(spec="x", out=Path("o"), languages=("go",), package_name=name)
        assert go.package_names(options, api)[2] == name + "pkg"
    long_title = ir.ApiSpec("word " * 500, "1", "", None, (), (), ())
    distribution, module, package = go.package_names(Options(spec="x", out=Path("o"), languages=("go",)),
                                                      long_title)
    assert len(package) <= 90 and package.endswith("client") and module == f"example.com/{distribution}"


def test_required_parameters_never_shadow_packages_locals_or_the_receiver() -> None:
    names = ["json", "fmt", "url", "ctx", "err", "c", "context", "http", "time", "io", "strings", "errors", "string",
             "type", "body", "params"]
    params = tuple(ir.Parameter(n, (n,), ir.ParamLocation.QUERY, ir.Prim(ir.PrimKind.STRING), True, "form", True, "")
                   for n in names)
    marshal = ir.Operation("MarshalJSON", ("Marshal", "JSON"), "GET", "/x", "", "", (), params, None, (), (), False)
    string = ir.Operation("string", ("string",), "GET", "/y", "", "", (), (), None, (), (), False)
    api = ir.ApiSpec("t", "1", "", None, (marshal, string), (), ())
    context = go.files(api, Options(spec="x", out=Path("o"), languages=("go",)))[0].context
    first, second = context["operations"]
    # go vet's stdmethods, fmt.Stringer: a member clashing with a name Go or the runtime defines gets Value
    assert (first.name, second.name) == ("MarshalJSONValue", "StringValue")
    assert [p.name for p in first.params] == [
        "jsonValue", "fmtValue", "urlValue", "ctxValue", "errValue", "cValue", "contextValue", "httpValue",
        "timeValue", "ioValue", "stringsValue", "errorsValue", "stringValue", "typeValue", "bodyValue",
        "paramsValue"]


def test_operations_never_take_the_names_of_the_clients_own_methods() -> None:
    ops = tuple(ir.Operation("".join(w), w, "GET", f"/{i}", "", "", (), (), None, (), (), False)
                for i, w in enumerate([("close",), ("send",), ("base", "URL")]))
    api = ir.ApiSpec("t", "1", "", None, ops, (), ())
    context = go.files(api, Options(spec="x", out=Path("o"), languages=("go",)))[0].context
    assert [op.name for op in context["operations"]] == ["CloseValue", "SendValue", "BaseURLValue"]


def _enum(base: ir.PrimKind, *values: object) -> ir.EnumModel:
    return ir.EnumModel("E", ("E",), base, tuple(ir.EnumValue(v, ("v", str(i))) for i, v in enumerate(values)), "")


def test_enum_values_a_constant_cannot_hold_are_only_documented() -> None:
    model = _enum(ir.PrimKind.INT64, 2 ** 63, -(2 ** 63) - 1, -(2 ** 63), 2 ** 63 - 1, True)
    api = ir.ApiSpec("t", "1", "", None, (), (model,), ())
    scope = go.Scope([(n,) for n in go.RUNTIME_NAMES])
    view = go._model_view(model, go.Types(api, scope), scope)
    assert [value for _, value in view.members] == [str(-(2 ** 63)), str(2 ** 63 - 1)]
    assert "9223372036854775808, -9223372036854775809, true" in view.doc
    small = _enum(ir.PrimKind.INT32, 2 ** 31, 7)
    view = go._model_view(small, go.Types(ir.ApiSpec("t", "1", "", None, (), (small,), ()), scope), scope)
    assert [value for _, value in view.members] == ["7"] and "2147483648" in view.doc
    text = _enum(ir.PrimKind.STRING, "a", 1.5)
    view = go._model_view(text, go.Types(ir.ApiSpec("t", "1", "", None, (), (text,), ()), scope), scope)
    assert [value for _, value in view.members] == ['"a"'] and "1.5" in view.doc


def test_struct_tags_are_raw_strings_only_for_names_that_cannot_end_them() -> None:
    field = ir.Field("a`b", ("a", "b"), ir.Prim(ir.PrimKind.STRING), False, False, ir.NO_DEFAULT, "")
    plain = ir.Field("petId", ("pet", "id"), ir.Prim(ir.PrimKind.STRING), True, False, 1e400, "")
    model = ir.ObjectModel("M", ("M",), (field, plain), "")
    scope = go.Scope([(n,) for n in go.RUNTIME_NAMES])
    view = go._model_view(model, go.Types(ir.ApiSpec("t", "1", "", None, (), (model,), ()), scope), scope)
    assert [f.tag for f in view.fields] == ['`json:"-"`', '`json:"petId"`']
    assert view.fields[1].doc == "\t// (the service's default: +Inf)"


def test_every_string_in_the_context_is_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The manifest's contexts hold only Code, numbers, booleans, None and views of them: no IR object, no str."""
    from generator.render import check_context

    spec = tmp_path / "hostile.json"
    spec.write_text(json.dumps(HOSTILE), encoding="utf-8")
    manifests: list[list] = []
    real = go.files
    monkeypatch.setattr(go, "files", lambda api, options: manifests.append(real(api, options)) or manifests[-1])
    generate(Options(spec=str(spec), out=tmp_path / "out", languages=("go",)))
    assert manifests and manifests[0]
    runtime = [file for file in manifests[0] if isinstance(file, RuntimeFile)]
    assert sorted(file.source for file in runtime) == go.runtime_sources() and runtime
    assert all(type(name) is Code for file in runtime for name in file.names.values())
    for file in manifests[0]:
        if isinstance(file, RuntimeFile):
            continue
        check_context(file.context)
        assert all(type(value) in (Code, bool, tuple, list) or isinstance(value, (go.OperationView, go.FlowExamples))
                   for value in file.context.values()), file.context.keys()


def test_sdk_gets_the_runtime_sources_with_only_the_package_renamed(tmp_path: Path) -> None:
    """Every runtime source but its tests and its sdkinfo.go (the template's goes instead) is in the SDK, as it is
    but for the package clause; the SDK's sdkinfo.go holds this spec's values."""
    generate(Options(spec=str(ROOT / "fixtures" / "specs" / "conformance.yaml"), out=tmp_path / "out",
                     languages=("go",), package_name="azml-client", sdk_version="1.2.3"))
    sdk = tmp_path / "out" / "go"
    runtime = ROOT / "runtime" / "go"
    assert go.runtime_sources() and not any(n.endswith("_test.go") or n == "sdkinfo.go" for n in go.runtime_sources())
    for name in go.runtime_sources():
        source = (runtime / name).read_text(encoding="utf-8")
        assert "package clientgenruntime\n" in source
        assert (sdk / name).read_text(encoding="utf-8") == source.replace("package clientgenruntime\n",
                                                                          "package azmlclient\n")
    assert not any((sdk / p.name).exists() for p in runtime.glob("*_test.go"))
    info = (sdk / "sdkinfo.go").read_text(encoding="utf-8")
    assert 'SDKName    = "azml-client"' in info and 'SDKVersion = "1.2.3"' in info
    assert 'const DefaultBaseURL = ""' in info and "runtime-test" not in info


TRICKY_TEXTS = ["[spec]: https://example.com/x", "# Heading", "Deprecated: use x", "- item\n- item", "1. first",
                "  indented\n\tcode", "``x'' and `y`", "a\u00a0b\u3000c", "go:build linux", "+build linux",
                "//go:generate rm -rf /", "line 1:2", "*/ /* // \\", "名前 café 🐍", "\ud800", "x\r\ny\rz",
                "a\u2028b", "[a]: https://a\n[b]: https://b", "https://example.com/[x]", "#", "# ", "{{ 7*7 }} %v"]


def test_tricky_doc_texts_are_gofmt_clean_and_vet_clean(tmp_path: Path) -> None:
    """Every doc text above as a package doc, a type doc, a field doc and a string constant: gofmt prints
    nothing, go vet passes, and each constant holds what was escaped."""
    go_binary()
    lines = ["// Code generated by clientgen test. DO NOT EDIT.", "", go.doc("Package tricky " + TRICKY_TEXTS[0]),
             "package tricky"]
    for index, text in enumerate(TRICKY_TEXTS):
        lines += ["", go.doc(text) or f"// T{index} is empty.", f"type T{index} struct {{",
                  go.doc(text, "\t") or "\t// F is empty.", f"\tF string {go._tag(text, False)}", "}", "",
                  f"// C{index} is a constant: {go.comment(text)}.", f"const C{index} = {go.literal(text)}"]
    sdk = tmp_path / "tricky"
    sdk.mkdir()
    (sdk / "go.mod").write_text("module example.com/tricky\n\ngo 1.23\n", encoding="utf-8")
    (sdk / "tricky.go").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "`" not in "".join(str(go.literal(t)) for t in TRICKY_TEXTS if "`" not in t)
    go_toolchain.check_module(sdk)


# ---- types -----------------------------------------------------------------------------------------------------
def _types() -> go.Types:
    models = (ir.ObjectModel("Pet", ("Pet",), (), ""), ir.EnumModel("Color", ("Color",), ir.PrimKind.STRING, (), ""),
              ir.ObjectModel("Client", ("Client",), (), ""))
    api = ir.ApiSpec("t", "1", "", None, (), models, ())
    return go.Types(api, go.Scope([(n,) for n in go.RUNTIME_NAMES]))


def test_model_named_like_a_runtime_type_gets_a_suffix() -> None:
    types = _types()
    assert types.names == {"Pet": "Pet", "Color": "Color", "Client": "ClientModel"}


@pytest.mark.parametrize("t, required, nullable, want", [
    (ir.Prim(ir.PrimKind.STRING), True, False, ("string", "")),
    (ir.Prim(ir.PrimKind.INT64), False, False, ("*int64", "{} != nil")),
    (ir.Prim(ir.PrimKind.STRING), False, True, ("Nullable[string]", "{}.IsSet()")),
    (ir.Prim(ir.PrimKind.STRING), True, True, ("*string", "")),
    (ir.Prim(ir.PrimKind.DATETIME), False, False, ("*time.Time", "{} != nil")),
    (ir.Prim(ir.PrimKind.DATE), True, False, ("Date", "")),
    (ir.Prim(ir.PrimKind.BYTES), False, False, ("[]byte", "{} != nil")),
    (ir.Prim(ir.PrimKind.ANY), False, False, ("any", "{} != nil")),
    (ir.Array(ir.Array(ir.Prim(ir.PrimKind.DOUBLE))), False, False, ("[][]float64", "{} != nil")),
    (ir.Map(ir.Named("Pet")), False, True, ("Nullable[map[string]Pet]", "{}.IsSet()")),
    (ir.Named("Pet"), False, False, ("*Pet", "{} != nil")),
    (ir.Named("Color"), True, False, ("Color", "")),
    (ir.Named("Client"), False, False, ("*ClientModel", "{} != nil")),
])
def test_field_type_decides_optionality(t: ir.TypeRef, required: bool, nullable: bool, want: tuple) -> None:
    assert _types().field_type(t, required, nullable) == want


def test_hostile_names_are_settled_in_python(tmp_path: Path) -> None:
    spec = tmp_path / "hostile.json"
    spec.write_text(json.dumps(HOSTILE), encoding="utf-8")
    generate(Options(spec=str(spec), out=tmp_path / "out", languages=("go",)))
    sdk = tmp_path / "out" / "go"
    models = (sdk / "models.go").read_text(encoding="utf-8")
    client = (sdk / "client.go").read_text(encoding="utf-8")
    assert "type ClientModel struct" in models  # a model named like the runtime's Client
    assert "type APIErrorModel struct" in models
    assert re.search(r"\bPetID \*int64", models) and re.search(r"\bPetID2 \*string", models)
    assert "MarshalJSONValue *bool" in models  # a field named like a generated method
    assert "N9lives *int32" in models
    assert "ColorRED2 " in models  # a constant clashing with the model ColorRed (RED sorts first of its words)
    assert ("func (c *Client) SendValue(ctx context.Context, typeValue int64, type2 Color, funcValue bool, "
            "reqValue Date, jsonValue string, fmtValue string, params *SendValueParams, options ...CallOption) "
            "([]byte, error) {") in client
    assert "func (c *Client) BaseURLValue(" in client
    for line in (models + client).splitlines():  # spec text only ever inside a comment or a literal
        if "evil" in line or "*/" in line:
            assert line.lstrip().startswith("//") or '"' in line, line


# ---- the real toolchain ------------------------------------------------------------------------------------------
def _go(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **go_env()})


def _check_sdk(sdk: Path) -> None:
    go_toolchain.check_module(sdk)


@pytest.fixture(scope="module")
def hostile_spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = tmp_path_factory.mktemp("hostile") / "hostile.json"
    spec.write_text(json.dumps(HOSTILE), encoding="utf-8")
    return spec


@pytest.mark.parametrize("spec", SPECS + ["hostile"], ids=lambda s: getattr(s, "name", s))
def test_generated_sdk_is_gofmt_clean_builds_and_vets(spec, hostile_spec: Path, tmp_path: Path) -> None:
    go_binary()
    path = hostile_spec if spec == "hostile" else spec
    generate(Options(spec=str(path), out=tmp_path / "out", languages=("go",), package_name="azml-client"))
    go_toolchain.check(tmp_path / "out" / "go", tmp_path / "work")  # the one compile check (corpus too)


def test_readme_programs_vet_for_a_spec_without_operations(tmp_path: Path) -> None:
    """With no operation to show, the README's programs call BaseURL and Send instead, and still vet."""
    spec = tmp_path / "empty.yaml"
    spec.write_text('openapi: 3.0.3\ninfo: {title: Empty, version: "1"}\npaths: {}\n', encoding="utf-8")
    generate(Options(spec=str(spec), out=tmp_path / "out", languages=("go",)))
    assert 'client.Send(ctx, "GET", "/", nil, nil,' in (tmp_path / "out" / "go" / "README.md").read_text("utf-8")
    go_toolchain.check(tmp_path / "out" / "go", tmp_path / "work")


@pytest.mark.parametrize("spec", ["hostile", "unions.openapi31.yaml"])
def test_generation_is_deterministic(spec: str, hostile_spec: Path, tmp_path: Path) -> None:
    path = hostile_spec if spec == "hostile" else ROOT / "fixtures" / "specs" / spec
    outputs = []
    for name in ("a", "b"):
        generate(Options(spec=str(path), out=tmp_path / name, languages=("go",)))
        outputs.append({p.relative_to(tmp_path / name).as_posix(): p.read_bytes()
                        for p in sorted((tmp_path / name / "go").rglob("*")) if p.is_file()
                        and p.name != ".clientgen-manifest"})
    assert outputs[0] == outputs[1]


RUNTIME_PROGRAM = r'''package main

import (
	"encoding/json"
	"fmt"
	"os"

	sdk "example.com/azml-client"
)

func main() {
	out := map[string]any{}
	value := sdk.ClientModel{Type: "t", When: sdk.Null[sdk.Date](), AdditionalProperties: map[string]int64{"x": 1}}
	data, err := json.Marshal(value)
	out["marshal"], out["err1"] = string(data), fmt.Sprint(err)
	var back sdk.ClientModel
	err = json.Unmarshal([]byte(`{"type":"t","id":"u","extra":5,"anything":12345678901234567891,"when":null}`), &back)
	out["err2"] = fmt.Sprint(err)
	out["id"], out["extra"], out["anything"] = *back.ID, back.AdditionalProperties, fmt.Sprint(back.Anything)
	out["when_null"] = back.When.IsNull()
	var node sdk.Node
	err = json.Unmarshal([]byte(`{"children":[{"children":[]}],"tags":["a"],"more":1}`), &node)
	tags, _ := node.Tags.Get()
	out["err3"], out["children"], out["tags"] = fmt.Sprint(err), len(node.Children), tags
	again, _ := json.Marshal(node)
	out["node"] = string(again)
	json.NewEncoder(os.Stdout).Encode(out)
}
'''


def test_models_round_trip_nullable_extra_and_exact_numbers(hostile_spec: Path, tmp_path: Path) -> None:
    generate(Options(spec=str(hostile_spec), out=tmp_path / "out", languages=("go",), package_name="azml-client"))
    work = tmp_path / "program"
    work.mkdir()
    (work / "main.go").write_text(RUNTIME_PROGRAM, encoding="utf-8")
    sdk = tmp_path / "out" / "go"
    (work / "go.mod").write_text("module runtime.test/x\n\ngo 1.23\n\nrequire example.com/azml-client v0.0.0\n\n"
                                 f"replace example.com/azml-client => {sdk}\n", encoding="utf-8")
    done = _go([go_binary(), "run", "."], work)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout)
    assert json.loads(result["marshal"]) == {"x": 1, "type": "t", "when": None, "id": None}
    assert result["err1"] == result["err2"] == result["err3"] == "<nil>"
    assert result["id"] == "u" and result["extra"] == {"extra": 5} and result["when_null"] is True
    assert result["anything"] == "12345678901234567891"  # json.Number: no float64 on the way
    assert result["children"] == 1 and result["tags"] == ["a"]
    assert json.loads(result["node"]) == {"children": [{"children": []}], "tags": ["a"]}


QUERY_AUTH_SPEC = """
openapi: 3.0.3
info: {title: QAuth, version: "1"}
security: [{key: []}]
paths:
  /ping:
    get:
      operationId: Ping
      parameters:
        - {name: ids, in: query, schema: {type: array, items: {type: integer, format: int64}}, explode: false}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Pong"}}}}
        "4XX": {description: err, content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}}
components:
  securitySchemes:
    key: {type: apiKey, in: query, name: api-key}
  schemas:
    Pong: {type: object, properties: {n: {type: integer, format: int64}}}
    Problem: {type: object, properties: {detail: {type: string}, message: {type: string}}}
"""

BEHAVIOUR_PROGRAM = r'''package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"time"

	sdk "example.com/qauth"
)

func main() {
	out := map[string]any{}
	for _, argument := range os.Args[1:] {
		name, url, _ := strings.Cut(argument, "=")
		ctx := context.Background()
		options := []sdk.Option{sdk.WithCredential("k 1"), sdk.WithMaxRetries(0)}
		if name == "timeout" {
			options = append(options, sdk.WithTimeout(200*time.Millisecond))
		}
		if name == "canceled" {
			cancelled, cancel := context.WithCancel(ctx)
			cancel()
			ctx = cancelled
		}
		client, err := sdk.NewClient(url, options...)
		if err != nil {
			panic(err)
		}
		pong, err := client.Ping(ctx, &sdk.PingParams{IDs: []int64{1, 9007199254740993}})
		result := map[string]any{"error": nil}
		if err == nil {
			result["n"] = *pong.N
		} else {
			result["error"] = err.Error()
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) {
			result["status"], result["message"] = apiErr.StatusCode, apiErr.Message
			if apiErr.Model != nil {
				result["model"] = reflect.TypeOf(apiErr.Model).Name()
			}
		}
		var timeoutErr *sdk.TimeoutError
		result["timeout"] = errors.As(err, &timeoutErr) && errors.Is(err, context.DeadlineExceeded)
		result["canceled"] = errors.Is(err, context.Canceled)
		out[name] = result
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
'''


def test_runtime_behaviour_against_a_recording_server(tmp_path: Path) -> None:
    from .conformance.server import RecordingServer, Reply

    spec = tmp_path / "qauth.yaml"
    spec.write_text(QUERY_AUTH_SPEC, encoding="utf-8")
    generate(Options(spec=str(spec), out=tmp_path / "out", languages=("go",), package_name="qauth"))
    sdk = tmp_path / "out" / "go"
    _check_sdk(sdk)
    work = tmp_path / "program"
    work.mkdir()
    (work / "main.go").write_text(BEHAVIOUR_PROGRAM, encoding="utf-8")
    (work / "go.mod").write_text(f"module behaviour.test/x\n\ngo 1.23\n\nrequire example.com/qauth v0.0.0\n\n"
                                 f"replace example.com/qauth => {sdk}\n", encoding="utf-8")
    servers = {
        "ok": RecordingServer([Reply(200, {"n": 9007199254740993, "extra": [1]})]),
        "problem": RecordingServer([Reply(422, {"detail": "d", "message": "from the model"})]),
        "unauthorized": RecordingServer([Reply(401, b"<p>go away</p>", (("Content-Type", "text/html"),))]),
        "timeout": RecordingServer([Reply(200, {"n": 1}, delay=2.0)]),
        "canceled": RecordingServer([Reply(200, {"n": 1})]),
    }
    try:
        done = _go([go_binary(), "run", ".", *(f"{k}={s.url}" for k, s in servers.items())], work)
        assert done.returncode == 0, done.stdout + done.stderr
        result = json.loads(done.stdout)
        sent = servers["ok"].requests[0]
        assert sent.query == [("ids", "1,9007199254740993"), ("api-key", "k 1")]
        assert "authorization" not in sent.headers
        assert result["ok"] == {"error": None, "n": 9007199254740993, "timeout": False, "canceled": False}
        assert result["problem"]["status"] == 422 and result["problem"]["model"] == "Problem"
        assert result["problem"]["message"] == "from the model"
        assert result["unauthorized"]["status"] == 401 and result["unauthorized"]["message"] == "go away"
        assert len(servers["unauthorized"].requests) == 1  # a static key is not retried after a 401
        assert result["timeout"]["timeout"] is True and "k 1" not in result["timeout"]["error"]
        assert result["canceled"]["canceled"] is True and not servers["canceled"].requests
    finally:
        for server in servers.values():
            server.close()


def _run_program(sdk: Path, work: Path, source: str, *args: str) -> dict:
    """Build and run a main package importing the SDK in `sdk` as `sdk`; its stdout is one JSON object."""
    module = go_toolchain.module_path(sdk)
    work.mkdir(parents=True, exist_ok=True)
    (work / "main.go").write_text(source.replace("example.com/SDK-MODULE", module), encoding="utf-8")
    (work / "go.mod").write_text(f"module program.test/x\n\ngo 1.23\n\nrequire {module} v0.0.0\n\n"
                                 f"replace {module} => {sdk.resolve()}\n", encoding="utf-8")
    done = _go([go_binary(), "run", ".", *args], work)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)


UNION_PROGRAM = r'''package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	sdk "example.com/SDK-MODULE"
)

func main() {
	out := map[string]any{}
	var pet sdk.Pet
	err := json.Unmarshal([]byte(`{"petType":"dog","bark":null,"wag":true}`), &pet)
	_, isCat := pet.AsCat()
	dog, isDog := pet.AsDog()
	out["err1"], out["is_cat"], out["is_dog"] = fmt.Sprint(err), isCat, isDog
	out["bark_null"], out["dog_extra"] = dog.Bark.IsNull(), dog.AdditionalProperties
	dogAgain, _ := json.Marshal(dog)
	out["dog"] = string(dogAgain)
	cat := sdk.PetFromCat(sdk.Cat{PetType: "cat", Lives: sdk.Ptr(int32(9)), Friend: &pet})
	data, err := json.Marshal(cat)
	out["cat"], out["err2"] = string(data), fmt.Sprint(err)
	back, _ := cat.AsCat()
	friend, ok := back.Friend.AsDog()
	out["friend_is_dog"] = ok && friend.PetType == "dog" && friend.AdditionalProperties["wag"] == true
	var newer sdk.Pet
	err = json.Unmarshal([]byte(`{"petType":"parrot","words":12345678901234567891}`), &newer)
	_, newerIsCat := newer.AsCat()
	again, _ := json.Marshal(newer)
	out["err3"], out["newer_is_cat"], out["newer"] = fmt.Sprint(err), newerIsCat, string(again)
	var holder sdk.Holder
	err = json.Unmarshal([]byte(`{"value":2.5,"values":[true,"2024-01-02T03:04:05Z",{"odd":1}]}`), &holder)
	number, isNumber := holder.Value.AsDouble()
	_, isString := holder.Value.AsString()
	flag, isBool := holder.Values[0].AsBool()
	_, firstIsTime := holder.Values[0].AsDatetime()
	when, isTime := holder.Values[1].AsDatetime()
	_, oddIsBool := holder.Values[2].AsBool()
	out["err4"], out["number"], out["is_number"], out["is_string"] = fmt.Sprint(err), number, isNumber, isString
	out["flag"], out["is_bool"], out["first_is_time"] = flag && isBool, isBool, firstIsTime
	out["when"] = isTime && when.Equal(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	out["odd_is_bool"] = oddIsBool
	again, err = json.Marshal(holder)
	out["holder"], out["err5"] = string(again), fmt.Sprint(err)
	made, err := json.Marshal(sdk.Holder{Value: sdk.Ptr(sdk.ClientModelFromString("x")),
		Values: []sdk.HolderValuesItem{sdk.HolderValuesItemFromDatetime(time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)),
			sdk.HolderValuesItemFromRaw(json.RawMessage(`[1, 2]`))}})
	out["made"], out["err6"] = string(made), fmt.Sprint(err)
	var none sdk.Shape
	_, noneIsCircle := none.AsCircle()
	empty, err := json.Marshal(none)
	out["none_is_circle"], out["none"], out["err7"] = noneIsCircle, string(empty), fmt.Sprint(err)
	var null sdk.Shape
	err = json.Unmarshal([]byte(`null`), &null)
	_, nullIsCircle := null.AsCircle()
	out["null_is_circle"], out["err8"] = nullIsCircle, fmt.Sprint(err)
	var square sdk.Shape
	_ = json.Unmarshal([]byte(`{"kind":"Square","side":2}`), &square)
	_, squareIsCircle := square.AsCircle()
	side, squareIsSquare := square.AsSquare()
	out["square"] = !squareIsCircle && squareIsSquare && *side.Side == 2
	json.NewEncoder(os.Stdout).Encode(out)
}
'''


def test_unions_keep_the_raw_value_and_read_each_variant(tmp_path: Path) -> None:
    spec = ROOT / "fixtures" / "specs" / "unions.openapi31.yaml"
    generate(Options(spec=str(spec), out=tmp_path / "out", languages=("go",), package_name="unions"))
    result = _run_program(tmp_path / "out" / "go", tmp_path / "program", UNION_PROGRAM)
    assert all(result[f"err{i}"] == "<nil>" for i in range(1, 9)), result
    assert result["is_cat"] is False and result["is_dog"] is True  # the discriminator names dog
    assert result["bark_null"] is True and result["dog_extra"] == {"wag": True}
    assert json.loads(result["dog"]) == {"petType": "dog", "bark": None, "wag": True}  # additionalProperties: true
    assert json.loads(result["cat"]) == {"petType": "cat", "lives": 9,
                                         "friend": {"petType": "dog", "bark": None, "wag": True}}
    assert result["friend_is_dog"] is True
    assert result["newer_is_cat"] is False  # a discriminator naming no variant reads as none; nothing is lost
    assert result["newer"] == '{"petType":"parrot","words":12345678901234567891}'
    assert result["number"] == 2.5 and result["is_number"] is True and result["is_string"] is False
    assert result["flag"] is True and result["first_is_time"] is False and result["when"] is True
    assert result["odd_is_bool"] is False
    assert json.loads(result["holder"]) == {"value": 2.5, "values": [True, "2024-01-02T03:04:05Z", {"odd": 1}]}
    assert json.loads(result["made"]) == {"value": "x", "values": ["2024-01-02T00:00:00Z", [1, 2]]}
    assert result["none_is_circle"] is False and result["none"] == "null"
    assert result["null_is_circle"] is False and result["square"] is True


def test_union_names_are_settled_in_python() -> None:
    union = ir.UnionModel("Pet", ("Pet",), (ir.UnionVariant(("raw",), ir.Prim(ir.PrimKind.STRING)),
                                            ir.UnionVariant(("Cat",), ir.Named("Cat")),
                                            ir.UnionVariant(("cat",), ir.Prim(ir.PrimKind.INT64))),
                          "kind", (("cat", 1), ("tabby", 1), ("x\"y", 2)), "")
    models = (union, ir.ObjectModel("Cat", ("Cat",), (), ""), ir.ObjectModel("PetFromCat", ("Pet", "From", "Cat"),
                                                                              (), ""))
    api = ir.ApiSpec("t", "1", "", None, (), models, ())
    scope = go.Scope([(n,) for n in go.RUNTIME_NAMES])
    types = go.Types(api, scope)
    view = go._model_view(union, types, scope)
    assert view.kind == "union"
    assert [v.name for v in view.variants] == ["AsRawValue", "AsCat", "AsCat2"]
    assert [v.factory for v in view.variants] == ["PetFromRawValue", "PetFromCat2", "PetFromCat22"]
    assert view.raw_factory == "PetFromRaw"
    assert [v.type for v in view.variants] == ["string", "Cat", "int64"]
    assert [v.index for v in view.variants] == ["0", "1", "2"]
    shape = types.model_shape(union)  # the discriminator's values, in the spec's order, name the variants
    assert shape.head == 'unionShape("kind", []mapped{{"cat", 1}, {"tabby", 1}, {"x\\"y", 2}},'
    assert shape.items == ("valueShape[string]()", 'refShape("Cat")', "valueShape[int64]()")


MULTIPART_PROGRAM = r'''package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	sdk "example.com/SDK-MODULE"
)

func main() {
	client, err := sdk.NewClient(os.Args[1], sdk.WithMaxRetries(0))
	if err != nil {
		panic(err)
	}
	doc, err := client.UploadDocument(context.Background(), sdk.UploadDocumentRequest{
		File: []byte("%PDF\x00\xff"), Title: sdk.Ptr("Über \"x\""),
		Meta: &sdk.UploadDocumentRequestMeta{Author: sdk.Ptr("a")}})
	json.NewEncoder(os.Stdout).Encode(map[string]any{"err": fmt.Sprint(err), "id": *doc.ID})
}
'''


def test_multipart_body_sends_files_text_and_json_parts(tmp_path: Path) -> None:
    from .conformance.server import RecordingServer, Reply

    spec = ROOT / "fixtures" / "specs" / "bodies.openapi3.yaml"
    generate(Options(spec=str(spec), out=tmp_path / "out", languages=("go",), package_name="bodies"))
    server = RecordingServer([Reply(201, {"id": "d1"})])
    try:
        result = _run_program(tmp_path / "out" / "go", tmp_path / "program", MULTIPART_PROGRAM, server.url)
    finally:
        server.close()
    assert result == {"err": "<nil>", "id": "d1"}
    sent = server.requests[0]
    media_type, _, boundary = sent.headers["content-type"].partition("; boundary=")
    assert media_type == "multipart/form-data" and len(boundary) >= 16
    parts = sent.body.split(b"--" + boundary.encode())
    assert parts[0] == b"" and parts[-1] == b"--\r\n" and len(parts) == 5, parts  # pages is unset: no part
    assert parts[1] == (b'\r\nContent-Disposition: form-data; name="file"; filename="file"\r\n'
                        b"Content-Type: application/octet-stream\r\n\r\n%PDF\x00\xff\r\n")
    assert parts[2] == b'\r\nContent-Disposition: form-data; name="title"\r\n\r\n' + 'Über "x"'.encode() + b"\r\n"
    assert parts[3] == (b'\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n'
                        b'{"author":"a"}\r\n')


def test_multipart_part_names_cannot_end_their_header(tmp_path: Path) -> None:
    spec = tmp_path / "names.json"
    spec.write_text(json.dumps({
        "openapi": "3.0.3", "info": {"title": "Names", "version": "1"},
        "paths": {"/up": {"post": {"operationId": "up", "requestBody": {"content": {"multipart/form-data": {
            "schema": {"type": "object", "properties": {"a\"b\r\nX-Evil: 1": {"type": "string"}},
                       "additionalProperties": {"type": "string"}}}}},
            "responses": {"204": {"description": "none"}}}},
            "/file": {"post": {"operationId": "file", "requestBody": {"content": {"multipart/form-data": {
                "schema": {"type": "string", "format": "binary"}}}}, "responses": {"204": {"description": "none"}}}}}}),
        encoding="utf-8")
    generate(Options(spec=str(spec), out=tmp_path / "out", languages=("go",), package_name="names"))
    program = MULTIPART_PROGRAM.split("\tdoc, err :=")[0] + '''\
	body := sdk.UpRequest{AdditionalProperties: map[string]string{"k\\"\\n": "v"}}
	body.ABXEvil1 = sdk.Ptr("w")
	err = client.Up(context.Background(), body)
	fileErr := client.File(context.Background(), []byte("x"))
	json.NewEncoder(os.Stdout).Encode(map[string]any{"err": fmt.Sprint(err), "file": fmt.Sprint(fileErr)})
}
'''
    from .conformance.server import RecordingServer, Reply

    server = RecordingServer([Reply(204, b"")])
    try:
        result = _run_program(tmp_path / "out" / "go", tmp_path / "program", program, server.url)
    finally:
        server.close()
    assert result["err"] == "<nil>" and result["file"] == "<nil>" and len(server.requests) == 2
    single = server.requests[1].body  # a body that is one file: a single part named "file", as in every language
    assert b'name="file"; filename="file"\r\nContent-Type: application/octet-stream\r\n\r\nx\r\n' in single
    body = server.requests[0].body
    assert b'name="k%22%0A"\r\n\r\nv\r\n' in body
    assert b'name="a%22b%0D%0AX-Evil: 1"\r\n\r\nw\r\n' in body
    assert b"\r\nX-Evil" not in body


GROUPS_PROGRAM = r'''package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"

	sdk "example.com/SDK-MODULE"
)

func main() {
	ctx := context.Background()
	client, err := sdk.NewClient(os.Args[1], sdk.WithCredential("k"))
	if err != nil {
		panic(err)
	}
	var pets *sdk.PetsOperations = client.Pets()
	params := &sdk.ListPetsParams{Limit: sdk.Ptr(int32(2)), Tags: []string{"a", "b"}}
	tagged, err1 := pets.ListPets(ctx, params)
	flat, err2 := client.ListPets(ctx, params)
	created, err3 := client.Pets().CreatePet(ctx, sdk.NewPet{Name: "Rex", Tag: sdk.Ptr("dog")})
	_, err4 := client.CreatePet(ctx, sdk.NewPet{Name: "Rex", Tag: sdk.Ptr("dog")})
	raw, err5 := client.Send(ctx, "GET", "pets", nil, http.Header{})
	var decoded []map[string]any
	err6 := raw.JSON(&decoded)
	var wrong struct{}
	emptyErr := (&sdk.RawResponse{StatusCode: 200}).JSON(&wrong)
	_, isDecodeErr := emptyErr.(*sdk.DecodeError)
	json.NewEncoder(os.Stdout).Encode(map[string]any{
		"errs":    fmt.Sprint(err1, err2, err3, err4, err5, err6),
		"tagged":  tagged[0].Name, "flat": flat[0].Name, "created": created.Name,
		"decoded": decoded[0]["name"], "id": fmt.Sprintf("%T", decoded[0]["id"]),
		"empty_is_decode_error": isDecodeErr,
	})
}
'''


def test_operations_are_also_grouped_by_tag(tmp_path: Path) -> None:
    """client.Pets() returns *PetsOperations, whose methods send the same requests as Client's flat ones;
    RawResponse.JSON decodes a Send response (numbers exact, as json.Number)."""
    from .conformance.server import RecordingServer, Reply

    spec = ROOT / "fixtures" / "specs" / "kitchen-sink.openapi3.yaml"
    generate(Options(spec=str(spec), out=tmp_path / "out", languages=("go",), package_name="sink"))
    sdk = tmp_path / "out" / "go"
    client = (sdk / "client.go").read_text(encoding="utf-8")
    assert "func (c *Client) Pets() *PetsOperations {" in client
    assert "func (c *PetsOperations) GetPet(" not in client  # getPet has no tag
    assert "| `Pets()` | `PetsOperations` | `ListPets`, `CreatePet` |" in (sdk / "README.md").read_text("utf-8")
    listed, one = Reply(200, [{"id": 1, "name": "Rex"}]), Reply(201, {"id": 1, "name": "Rex"})
    server = RecordingServer([listed, listed, one, one, listed])
    try:
        result = _run_program(sdk, tmp_path / "program", GROUPS_PROGRAM, server.url)
    finally:
        server.close()
    assert result == {"errs": "<nil> <nil> <nil> <nil> <nil> <nil>", "tagged": "Rex", "flat": "Rex",
                      "created": "Rex", "decoded": "Rex", "id": "json.Number", "empty_is_decode_error": True}
    sent = [r.canonical() for r in server.requests]
    assert len(sent) == 5
    assert sent[0] == sent[1] and sent[2] == sent[3], sent
    assert server.requests[0].query == [("limit", "2"), ("tags", "a,b")]
    assert server.requests[2].method == "POST" and json.loads(server.requests[2].body) == {"name": "Rex", "tag": "dog"}


def test_group_names_are_settled_in_python(tmp_path: Path) -> None:
    """A tag named like an operation, a Client method or a model: the accessor and the type take a suffix, and
    nothing else is renamed."""
    get = lambda op_id, tag: {"get": {"operationId": op_id, "tags": [tag], "description": "d",  # noqa: E731
                                      "responses": {"204": {"description": "none"}}}}
    spec = tmp_path / "tags.json"
    spec.write_text(json.dumps({
        "openapi": "3.0.3", "info": {"title": "Tags", "version": "1"},
        "tags": [{"name": "send", "description": "Sending */ things."}],
        "paths": {"/a": get("sendIt", "pets"), "/b": get("pets", "send"), "/c": get("baseURL", "base url"),
                  "/d": get("other", "pets"),
                  "/e": {"get": {"operationId": "model", "responses": {"200": {"description": "m", "content": {
                      "application/json": {"schema": {"$ref": "#/components/schemas/PetsOperations"}}}}}}}},
        "components": {"schemas": {"PetsOperations": {"type": "object", "properties": {"a": {"type": "string"}}}}}}),
        encoding="utf-8")
    generate(Options(spec=str(spec), out=tmp_path / "out", languages=("go",), package_name="tags"))
    sdk = tmp_path / "out" / "go"
    client = (sdk / "client.go").read_text(encoding="utf-8")
    for line in ("func (c *Client) SendIt(ctx context.Context, options ...CallOption) error {",
                 "func (c *Client) Pets(ctx context.Context, options ...CallOption) error {",
                 "func (c *Client) BaseURLValue(ctx context.Context, options ...CallOption) error {",
                 "func (c *Client) Pets2() *PetsOperations2 {", "func (c *Client) SendValue() *SendOperations {",
                 "func (c *Client) BaseURLValue2() *BaseURLOperations {",
                 "func (c *PetsOperations2) SendIt(ctx context.Context, options ...CallOption) error {",
                 "\treturn c.client.SendIt(ctx, options...)\n",  # one implementation: the group's delegates
                 "func (c *PetsOperations2) Other(ctx context.Context, options ...CallOption) error {",
                 "func (c *SendOperations) Pets(ctx context.Context, options ...CallOption) error {",
                 "// SendOperations holds the operations tagged \"send\", reached with Client.SendValue(): the "):
        assert line in client, line
    assert "type PetsOperations struct" in (sdk / "models.go").read_text(encoding="utf-8")
    _check_sdk(sdk)


# ---- the client contract's rules (docs/client-contract.md), beyond the conformance suite --------------------------
RULES_SPEC = """
openapi: 3.0.3
info: {title: Rules, version: "1"}
paths:
  /jobs:
    post:
      operationId: StartJob
      requestBody: {required: true, content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}}
    put:
      operationId: PutJob
      requestBody: {required: true, content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}}
components:
  schemas:
    Job:
      type: object
      required: [steps, target]
      properties:
        steps: {type: array, items: {type: string}}
        target: {$ref: "#/components/schemas/Target"}
    Target:
      oneOf: [{type: integer, format: int32}, {type: string}]
    Animal:
      oneOf: [{$ref: "#/components/schemas/Bird"}, {$ref: "#/components/schemas/Pen"}]
    Bird:
      type: object
      required: [wings]
      properties: {wings: {type: integer, format: int32}}
    Pen:
      type: object
      required: [animals]
      properties: {animals: {type: array, items: {$ref: "#/components/schemas/Animal"}}}
"""

RULES_PROGRAM = r'''package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	sdk "example.com/SDK-MODULE"
)

func kind(err error) string {
	var apiErr *sdk.APIError
	var timeoutErr *sdk.TimeoutError
	var requestErr *sdk.RequestError
	switch {
	case err == nil:
		return "ok"
	case errors.As(err, &apiErr):
		return fmt.Sprint("api ", apiErr.StatusCode)
	case errors.As(err, &timeoutErr):
		return "timeout: " + err.Error()
	case errors.As(err, &requestErr):
		return "invalid: " + err.Error()
	}
	return "other: " + err.Error()
}

func main() {
	out := map[string]any{}
	fits := func(text string) []bool {
		var animal sdk.Animal
		_ = json.Unmarshal([]byte(text), &animal)
		_, bird := animal.AsBird()
		_, pen := animal.AsPen()
		return []bool{bird, pen}
	}
	out["bird"] = fits(`{"wings": 2}`)
	out["wrong_type"] = fits(`{"wings": "two"}`)
	out["nested_pen"] = fits(`{"animals": [{"wings": 2}, {"animals": []}]}`)
	out["nested_misfit"] = fits(`{"animals": [{"wings": 2.5}]}`)
	out["not_an_object"] = fits(`[1]`)
	_, err := json.Marshal(sdk.Job{Target: sdk.TargetFromString("t")})
	out["unset_slice"] = fmt.Sprint(err)
	_, err = json.Marshal(sdk.Job{Steps: []string{}})
	out["unset_union"] = fmt.Sprint(err)
	var job sdk.Job
	out["missing"] = fmt.Sprint(json.Unmarshal([]byte(`{"steps": []}`), &job))
	out["null"] = fmt.Sprint(json.Unmarshal([]byte(`{"steps": null, "target": 1}`), &job))
	ctx := context.Background()
	good := sdk.Job{Steps: []string{"a"}, Target: sdk.TargetFromInt32(1)}
	for _, argument := range os.Args[1:] {
		name, url, _ := strings.Cut(argument, "=")
		options := []sdk.Option{}
		if name == "post_marked_safe" {
			options = append(options, sdk.WithRetryOperations("StartJob"))
		}
		if name == "post_idempotency_key" {
			options = append(options, sdk.WithHeader("Idempotency-Key", "k-1"))
		}
		release := make(chan struct{})
		if name == "provider_wait" { // a provider that answers only once released
			options = append(options, sdk.WithTokenProvider(sdk.TokenProviderFunc(
				func(context.Context) (string, time.Time, error) {
					<-release
					return "t", time.Now().Add(time.Hour), nil
				})))
		}
		client, err := sdk.NewClient(url, options...)
		if err != nil {
			panic(err)
		}
		switch name {
		case "refused":
			_, err = client.StartJob(ctx, sdk.Job{Target: sdk.TargetFromInt32(1)})
		case "put_504":
			_, err = client.PutJob(ctx, good)
		case "call_timeout":
			_, err = client.PutJob(ctx, good, sdk.WithCallTimeout(200*time.Millisecond), sdk.WithCallMaxRetries(0))
		case "provider_wait":
			done := make(chan struct{})
			go func() { // holds the provider's turn until released
				_, _ = client.StartJob(ctx, good)
				close(done)
			}()
			time.Sleep(100 * time.Millisecond)
			short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
			start := time.Now()
			_, err = client.StartJob(short, good)
			out["provider_wait_fast"] = time.Since(start) < time.Second
			cancel()
			close(release)
			<-done
		default:
			_, err = client.StartJob(ctx, good)
		}
		out[name] = kind(err)
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
'''


def test_unions_required_fields_retries_and_call_options_follow_the_contract(tmp_path: Path) -> None:
    from .conformance.server import RecordingServer, Reply

    spec = tmp_path / "rules.yaml"
    spec.write_text(RULES_SPEC, encoding="utf-8")
    generate(Options(spec=str(spec), out=tmp_path / "out", languages=("go",), package_name="rules"))
    job = {"steps": ["a"], "target": 1}
    now = (("Retry-After", "0"),)
    servers = {
        "refused": RecordingServer([Reply(200, job)]),
        "post_500": RecordingServer([Reply(500, {"message": "x"}), Reply(200, job)]),
        "post_504": RecordingServer([Reply(504, {"message": "x"}), Reply(200, job)]),
        "post_408": RecordingServer([Reply(408, {"message": "x"}, now), Reply(200, job)]),
        "post_marked_safe": RecordingServer([Reply(500, {"message": "x"}, now), Reply(200, job)]),
        "post_idempotency_key": RecordingServer([Reply(502, {"message": "x"}, now), Reply(200, job)]),
        "put_504": RecordingServer([Reply(504, {"message": "x"}, now), Reply(200, job)]),
        "call_timeout": RecordingServer([Reply(200, job, delay=2.0)]),
        "provider_wait": RecordingServer([Reply(200, job)]),
    }
    try:
        result = _run_program(tmp_path / "out" / "go", tmp_path / "program", RULES_PROGRAM,
                              *(f"{k}={s.url}" for k, s in servers.items()))
    finally:
        for server in servers.values():
            server.close()
    assert result["bird"] == [True, False] and result["wrong_type"] == [False, False]
    assert result["nested_pen"] == [False, True] and result["nested_misfit"] == [False, False]
    assert result["not_an_object"] == [False, False]
    assert 'Job: required field "steps" is not set' in result["unset_slice"]
    assert 'Job: required field "target" is not set' in result["unset_union"]
    assert 'Job: required field "target" is missing' in result["missing"]
    assert 'Job: required field "steps" is null' in result["null"]
    assert result["refused"].startswith("invalid: ") and '"steps"' in result["refused"]
    assert not servers["refused"].requests  # refused before anything was sent
    sent = {name: len(server.requests) for name, server in servers.items()}
    assert (result["post_500"], sent["post_500"]) == ("api 500", 1)  # a POST may have run: not re-sent
    assert (result["post_504"], sent["post_504"]) == ("api 504", 1)
    assert (result["post_408"], sent["post_408"]) == ("ok", 2)  # not processed: any method is re-sent
    assert (result["post_marked_safe"], sent["post_marked_safe"]) == ("ok", 2)
    assert (result["post_idempotency_key"], sent["post_idempotency_key"]) == ("ok", 2)
    assert (result["put_504"], sent["put_504"]) == ("ok", 2)
    assert result["call_timeout"] == "timeout: PUT /jobs: no response within 200ms (the call's timeout)"
    # a goroutine waiting for another's call to the token provider gives up with its own context (no lock held)
    assert result["provider_wait"] == "timeout: POST /jobs: no response before the context's deadline"
    assert result["provider_wait_fast"] is True and sent["provider_wait"] == 1
    assert servers["provider_wait"].requests[0].headers["authorization"] == "Bearer t"


def test_operations_carry_their_credential_place_accept_and_optional_result() -> None:
    options = Options(spec="x", out=Path("o"), languages=("go",))
    context = go.files(_conformance_api(), options)[0].context
    ops = {str(op.name): op for op in context["operations"]}
    assert ops["GetPublic"].request_args == '"GET", "/public", "GetPublic", "application/json", nil'
    assert ops["GetWithQueryKey"].request_args.endswith('&authScheme{"query", "api_key", "key"}')
    assert ops["GetWithCookieKey"].request_args.endswith('&authScheme{"cookie", "session", "key"}')
    assert ops["GetWithBasic"].request_args.endswith('&authScheme{"header", "Authorization", "basic"}')
    assert ops["GetWithOauth"].request_args.endswith('&authScheme{"header", "Authorization", "bearer"}')
    assert ops["GetImage"].request_args == ('"GET", "/image", "GetImage", "image/png, application/json", '
                                            '&authScheme{"header", "Authorization", "key"}')
    assert ops["DeleteRecord"].returns == "(*Record, error)"  # a 204 beside the 200: the value may be absent
    assert ops["DeleteRecord"].decode == 'optionalResult(raw, err, jsonResult[Record], "204")'
    assert ops["GetRecord"].returns == "(Record, error)" and ops["GetRecord"].decode == "jsonResult[Record](raw, err)"
    assert ops["ServiceHealthCheck"].decode == "stringResult(raw, err)"
    assert all(op.signature.endswith("options ...CallOption") for op in ops.values())
    assert context["raw_send_auth"] == '&authScheme{"header", "Authorization", "key"}'  # the first scheme


def _conformance_api() -> ir.ApiSpec:
    from generator import build, fetch, resolve, upgrade
    from generator.config import read_config_file

    options = Options(spec=str(ROOT / "fixtures" / "specs" / "conformance.yaml"), out=Path("o"), languages=("go",))
    source = fetch.load(options.spec, options.fetch_settings())
    rules = read_config_file(ROOT / "fixtures" / "specs" / "conformance.clientgen.toml")["pagination"]
    return build.build(upgrade.upgrade(resolve.resolve_external(source)), source, [], rules)


# ---- pages, long-running operations and streams -------------------------------------------------------------
def test_pagers_pollers_and_streams_are_what_their_methods_return() -> None:
    context = go.files(_conformance_api(), Options(spec="x", out=Path("o"), languages=("go",)))[0].context
    ops = {str(op.name): op for op in context["operations"]}
    assert ops["ListPages"].returns == "*Pager[Record]"  # no error: it comes with a page
    assert ops["ListPages"].decode == 'newPager[Record](ctx, c, req, pageRule{"next-link", "value", "nextLink", ""}, ' \
                                      '[]errorCase{{"default", decodeError[ErrorResponse], "message"}}, options)'
    assert ops["ListCursor"].decode.startswith('newPager[Record](ctx, c, req, pageRule{"cursor", "data", "next_cursor", '
                                               '"cursor"}')
    assert ops["ListLinked"].decode.startswith('newPager[Record](ctx, c, req, pageRule{"link-header", "", "", ""}')
    assert "StartJob" not in ops and ops["BeginStartJob"].returns == "(*Poller[Job], error)"
    assert ops["BeginStartJob"].decode.endswith('options, "location", jsonResult[Job])')
    assert ops["BeginRunJob"].decode.endswith('options, "original-uri", jsonResult[Job])')
    assert ops["StreamEvents"].returns == "(*EventStream[Record], error)"
    assert ops["StreamEvents"].decode == "newEventStream(stream, err, jsonItem[Record])"
    assert ops["StreamLines"].returns == "(*LineStream[Record], error)"
    assert ops["GenerateStream"].returns == "(*EventStream[GenerateStreamResponse], error)"
    assert ops["GetImage"].returns == "([]byte, error)"  # beside it, the same answer as a stream
    assert ops["GetImageStream"].returns == "(io.ReadCloser, error)"
    assert ops["GetImageStream"].decode == "binaryStream(stream, err)"
    assert ops["GetImageStream"].request_args == ops["GetImage"].request_args
    flows = context["flows"]
    assert (flows.pager.name, flows.poller.name, flows.events.name, flows.lines.name, flows.download.name) == (
        "ListPages", "BeginStartJob", "StreamEvents", "StreamLines", "GetImageStream")
    assert context["example"].name == "ServiceHealthCheck"


def _op(words: tuple[str, ...], path: str, success: ir.Response, **kwargs: object) -> ir.Operation:
    params = (ir.Parameter("q", ("q",), ir.ParamLocation.QUERY, ir.Prim(ir.PrimKind.STRING), False, "form", True, ""),)
    return ir.Operation("".join(words), words, "POST", path, "", "", kwargs.pop("tags", ()), params, None,
                        (success,), (), False, **kwargs)


_JOB = ir.Response("200", "", "application/json", ir.BodyKind.JSON, ir.Prim(ir.PrimKind.STRING), ("application/json",))
_IMAGE = ir.Response("200", "", "image/png", ir.BodyKind.BINARY, ir.Prim(ir.PrimKind.BINARY), ("image/png",))
_LRO = ir.LongRunning(ir.FinalState.LOCATION, ir.Prim(ir.PrimKind.STRING))


def test_begin_and_stream_methods_never_take_a_name_the_spec_gives() -> None:
    ops = (
        _op(("start", "job"), "/a", _JOB, long_running=_LRO),
        _op(("begin", "start", "job"), "/b", _JOB),  # the spec's own name wins over the made one
        _op(("get", "image"), "/c", _IMAGE, tags=("media",)),
        _op(("get", "image", "stream"), "/d", _JOB),
        _op(("close",), "/e", _IMAGE),  # a name of Client's gets Value; the made one does not need it
        _op(("delete",), "/f", ir.Response("202", "", None, None, None), long_running=ir.LongRunning(
            ir.FinalState.LOCATION, None)),
    )
    api = ir.ApiSpec("t", "1", "", None, ops, (), (), (ir.OperationGroup("media", ("media",), "", (ops[2].words,)),))
    context = go.files(api, Options(spec="x", out=Path("o"), languages=("go",)))[0].context
    names = [str(op.name) for op in context["operations"]]
    assert names == ["BeginStartJob2", "BeginStartJob", "GetImage", "GetImageStream2", "GetImageStream",
                     "CloseValue", "CloseStream", "BeginDelete"]
    views = {name: op for name, op in zip(names, context["operations"])}
    # The params struct is the operation's (not its Begin method's), declared once for both methods of an answer
    assert views["BeginStartJob2"].params_struct == "StartJobParams"
    assert views["GetImage"].params_struct == views["GetImageStream2"].params_struct == "GetImageParams"
    assert views["GetImage"].params_doc and not views["GetImageStream2"].params_doc
    assert views["CloseValue"].params_struct == "CloseValueParams"
    assert views["BeginDelete"].returns == "(*Poller[struct{}], error)"  # no value: nothing to decode
    assert views["BeginDelete"].decode.endswith('"location", nil)')
    # a grouped operation's methods are both delegated to
    assert [str(op.name) for op in context["groups"][0].operations] == ["GetImage", "GetImageStream2"]


def test_locals_of_the_new_methods_are_never_parameters() -> None:
    param = ir.Parameter("stream", ("stream",), ir.ParamLocation.QUERY, ir.Prim(ir.PrimKind.STRING), True, "form",
                         True, "")
    op = ir.Operation("Get", ("get",), "GET", "/x", "", "", (), (param,), None, (_IMAGE,), (), False)
    api = ir.ApiSpec("t", "1", "", None, (op,), (), ())
    context = go.files(api, Options(spec="x", out=Path("o"), languages=("go",)))[0].context
    assert [p.name for p in context["operations"][1].params] == ["streamValue"]


PAGES_PROGRAM = r'''package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	sdk "example.com/SDK-MODULE"
)

func main() {
	ctx := context.Background()
	client, err := sdk.NewClient(os.Args[1], sdk.WithCredential("k"))
	if err != nil {
		panic(err)
	}
	out := map[string]any{}
	var names []string
	for job, err := range client.JobsList(ctx, "2024-01-01").All(ctx) {
		if err != nil {
			panic(err)
		}
		names = append(names, *job.Name)
	}
	out["names"] = names
	poller, err := client.BeginJobsDelete(ctx, "j1", "2024-01-01")
	if err != nil {
		panic(err)
	}
	_, err = poller.PollUntilDone(ctx)
	out["deleted"], out["status"] = err == nil, poller.Status()
	data, _ := json.Marshal(out)
	fmt.Println(string(data))
}
'''


def test_an_azure_swagger_pages_and_polls(tmp_path: Path) -> None:
    """fixtures/specs/azure-jobs.swagger2.json (x-ms-pageable, x-ms-long-running-operation) against a server."""
    from tests.conformance.server import RecordingServer, Reply

    generate(Options(spec=str(ROOT / "fixtures" / "specs" / "azure-jobs.swagger2.json"), out=tmp_path / "out",
                     languages=("go",), package_name="azure-jobs"))
    server = RecordingServer([
        Reply(200, {"value": [{"name": "a"}], "nextLink": "{base}/jobs?page=2"}),
        Reply(200, {"value": [{"name": "b"}]}),
        Reply(202, None, (("Location", "{base}/deleting/1"), ("Retry-After", "0"))),
        Reply(204, None)])
    try:
        result = _run_program(tmp_path / "out" / "go", tmp_path / "work", PAGES_PROGRAM, server.url)
    finally:
        server.close()
    assert result == {"names": ["a", "b"], "deleted": True, "status": "Succeeded"}
    assert [(r.method, r.raw_path) for r in server.requests] == [
        ("GET", "/jobs"), ("GET", "/jobs"), ("DELETE", "/jobs/j1"), ("GET", "/deleting/1")]

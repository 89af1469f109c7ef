"""The C# target: naming, escaping and type mapping rules, and every fixture spec (plus a hostile one) generating
C# that Mono's mcs compiles with -warnaserror and well-formed XML doc comments; the hostile SDK also runs."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from generator import generate, ir
from generator.config import Options
from generator.naming import split_words
from generator.render import OutputFile
from generator.targets import csharp as target

from .conformance.drivers.csharp.build import compile_sdk, mcs_command, newtonsoft_dll
from .toolchains import csharp as csharp_toolchain

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "fixtures" / "specs"
# Every spec in fixtures/specs, and the entry document of each external-refs folder (its other files are parts).
FIXTURE_SPECS = sorted(SPECS.glob("*.json")) + sorted(SPECS.glob("*.yaml")) + sorted(SPECS.glob("*/api.yaml"))

needs_mono = pytest.mark.skipif(shutil.which("mcs") is None or shutil.which("mono") is None,
                                reason="Mono's mcs is not installed (make csharp-deps)")


# ---- naming --------------------------------------------------------------------------------------------------
def test_parameter_names_escape_keywords_contextual_ones_too() -> None:
    assert target.local_name(split_words("class")) == "@class"
    assert target.local_name(split_words("event")) == "@event"
    assert target.local_name(split_words("await")) == "@await"
    assert target.local_name(split_words("value")) == "@value"
    assert target.local_name(split_words("pet_id")) == "petId"
    assert target.local_name(split_words("2fa")) == "n2fa"


def test_pascal_names_follow_dotnet_casing_and_never_start_with_a_digit() -> None:
    assert target.member_name(split_words("RunMLService")) + "Async" == "RunMLServiceAsync"  # the contract's name
    assert target.member_name(split_words("IN_STOCK")) == "InStock"
    assert target.member_name(split_words("HTTPServer")) == "HttpServer"
    assert target.member_name(split_words("class")) == "Class"  # keywords are lower case: Pascal is never one
    assert target.class_name(split_words("3d-point")) == "N3dPoint"
    assert target.identifier("") == "Value"


def test_class_names_avoid_runtime_and_framework_types() -> None:
    for name in ("Client", "ClientOptions", "ApiException", "AccessToken", "Task", "Uri", "List", "JsonConvert"):
        assert target.class_name(split_words(name)) == name + "Model"
    assert target.class_name(split_words("pet"), ("Pet",)) == "PetModel"  # e.g. the namespace's own name
    assert target.class_name(split_words("Record")) == "Record"


def _api(*models: ir.Model) -> ir.ApiSpec:
    return ir.ApiSpec("T", "1", "", None, (), models, ())


def test_models_differing_only_by_case_or_named_like_the_namespace_stay_distinct() -> None:
    field = ir.Field("x", ("x",), ir.Prim(ir.PrimKind.STRING), False, False, ir.NO_DEFAULT, "")
    models = [ir.ObjectModel(n, w, (field,), "") for n, w in
              (("Client", ("Client",)), ("ClientModel", ("Client", "Model")), ("Azml-Client", ("Azml", "Client")))]
    types = target.Types(_api(*models), "AzmlClient")
    assert types.names == {"Client": "ClientModel", "ClientModel": "ClientModel2", "Azml-Client": "AzmlClientModel"}


def test_type_table_and_the_one_optionality_rule() -> None:
    types = target.Types(_api(), "Ns")
    prim = lambda kind: ir.Prim(kind)  # noqa: E731
    assert types.name(prim(ir.PrimKind.INT64)) == "long"
    assert types.name(prim(ir.PrimKind.INT32)) == "int"
    assert types.name(prim(ir.PrimKind.DATETIME)) == "DateTimeOffset"
    assert types.name(prim(ir.PrimKind.UUID)) == "Guid"
    assert types.name(prim(ir.PrimKind.BYTES)) == "byte[]"
    assert types.name(ir.Map(ir.Array(prim(ir.PrimKind.DOUBLE)))) == "Dictionary<string, List<double>>"
    assert types.field_type(prim(ir.PrimKind.INT64), True, False) == "long"
    assert types.field_type(prim(ir.PrimKind.INT64), True, True) == "long?"
    assert types.field_type(prim(ir.PrimKind.INT64), False, False) == "long?"
    assert types.field_type(prim(ir.PrimKind.STRING), False, True) == "string"


def test_members_that_would_capture_attribute_expressions_are_renamed() -> None:
    fields = tuple(ir.Field(w, (w,), ir.Prim(ir.PrimKind.BOOL), False, False, ir.NO_DEFAULT, "")
                   for w in ("Required", "NullValueHandling", "ToString", "Thing", "Type"))
    model = ir.ObjectModel("Thing", ("Thing",), fields, "")
    view = target._model_view(model, target.Types(_api(model), "Ns"))
    # The member rule: a name the class, `object` or the attributes' expressions use gets the suffix Value.
    assert [f.name for f in view.fields] == ["RequiredValue", "NullValueHandlingValue", "ToStringValue", "ThingValue",
                                             "Type"]


def test_operation_views_carry_accept_credential_place_call_options_and_an_absent_value() -> None:
    long_ = ir.Prim(ir.PrimKind.INT64)
    responses = (ir.Response("200", "", "application/json", ir.BodyKind.JSON, long_, ("application/json", "text/csv")),
                 ir.Response("204", "", None, None, None))
    params = tuple(ir.Parameter(w, (w,), ir.ParamLocation.QUERY, ir.Prim(ir.PrimKind.STRING), w != "limit", "form", True,
                                "") for w in ("body", "options", "limit", "parameters"))
    basic = ir.SecurityScheme("Basic", ir.SecurityKind.HTTP_BASIC, "Authorization", ir.ParamLocation.HEADER, "")
    op = ir.Operation("send", ("send",), "GET", "/count", "", "", (), params, None, responses, ("Basic",), False, basic)
    view = target._operation_view(op, target.Types(_api(), "Ns"), target.Members(["Send", "Dispose"]))
    assert view.name == "SendValueAsync"  # SendAsync is the client's raw send: the member rule's suffix
    assert view.returns == "Task<long?>" and view.result_type == "long?"  # a 204 beside the 200: null then
    assert view.empty == 'new[] { "204" }' and view.accept == '"application/json, text/csv"'
    assert view.auth == 'new ClientgenAuth("header", "Authorization", "basic")'
    assert view.operation_id == '"send"'
    # Required parameters are the method's own (named apart from its body, options, token and locals); optional
    # ones are properties of one <Operation>Params object, named apart from what object defines.
    assert [p.name for p in view.params] == ["bodyValue", "optionsValue", "Limit", "parametersValue"]
    assert [p.value for p in view.params] == ["bodyValue", "optionsValue", "parameters?.Limit", "parametersValue"]
    assert view.params_type.name == "SendParams" and [p.type for p in view.params_type.properties] == ["string"]
    assert view.arguments == (
        "string bodyValue, string optionsValue, string parametersValue, SendParams parameters = null, "
        "RequestOptions options = null, CancellationToken cancellationToken = default(CancellationToken)")
    assert view.forward == "bodyValue, optionsValue, parametersValue, parameters, options, cancellationToken"
    plain = ir.Operation("get", ("get",), "GET", "/", "", "", (), (), None, responses[:1], (), False, None)
    view = target._operation_view(plain, target.Types(_api(), "Ns"), target.Members())
    assert view.returns == "Task<long>" and view.empty == "new string[0]" and view.auth == "null"
    query = ir.SecurityScheme("Q", ir.SecurityKind.API_KEY, "api_key", ir.ParamLocation.QUERY, "")
    assert target.auth(query) == 'new ClientgenAuth("query", "api_key", "key")'
    oauth = ir.SecurityScheme("O", ir.SecurityKind.OAUTH2, "Authorization", ir.ParamLocation.HEADER, "")
    assert target.auth(oauth) == 'new ClientgenAuth("header", "Authorization", "bearer")'


def _shaped(words: tuple[str, ...], method: str = "GET", **shape: object) -> ir.Operation:
    """An operation answering 200 with the response `shape` gives (default: a JSON Page), and its paging or
    long-running marks."""
    response = shape.pop("response", ir.Response("200", "", "application/json", ir.BodyKind.JSON, ir.Named("Page")))
    return ir.Operation("".join(words), words, method, "/" + "/".join(words), "", "", (), (), None, (response,), (),
                        False, None, **shape)


_PAGE_FIELDS = (ir.Field("value", ("value",), ir.Array(ir.Prim(ir.PrimKind.STRING)), True, False, ir.NO_DEFAULT, ""),
                ir.Field("@odata.nextLink", ("odata", "next", "link"), ir.Prim(ir.PrimKind.STRING), False, True,
                         ir.NO_DEFAULT, ""))
_BINARY = ir.Response("200", "", "image/png", ir.BodyKind.BINARY, ir.Prim(ir.PrimKind.BINARY))


def _methods(*operations: ir.Operation) -> dict[str, target.OperationView]:
    api = ir.ApiSpec("T", "1", "", None, operations, (ir.ObjectModel("Page", ("Page",), _PAGE_FIELDS, ""),), ())
    files = target.files(api, Options(spec="x", out=Path("o"), languages=("csharp",)))
    client = next(f for f in files if isinstance(f, OutputFile) and f.template == "Client.cs.j2")
    return {view.name: view for view in client.context["operations"]}


def test_pages_operations_and_streams_get_their_methods_and_return_types() -> None:
    sse = ir.Response("200", "", "text/event-stream", ir.BodyKind.JSON, ir.Named("Page"), (), ir.StreamKind.SSE)
    text = ir.Response("200", "", "text/event-stream", ir.BodyKind.TEXT, ir.Prim(ir.PrimKind.STRING), (),
                       ir.StreamKind.SSE)
    lines = ir.Response("200", "", "application/x-ndjson", ir.BodyKind.JSON, ir.Named("Page"), (),
                        ir.StreamKind.JSON_LINES)
    methods = _methods(
        _shaped(("list", "pages"), paging=ir.Paging(ir.PageStyle.NEXT_LINK, ir.Prim(ir.PrimKind.STRING), "value",
                                                    "@odata.nextLink", None)),
        _shaped(("start", "job"), "POST", long_running=ir.LongRunning(ir.FinalState.LOCATION, ir.Named("Page"))),
        _shaped(("delete", "job"), "DELETE", response=ir.Response("202", "", None, None, None),
                long_running=ir.LongRunning(ir.FinalState.LOCATION, None)),
        _shaped(("events",), response=sse), _shaped(("texts",), response=text), _shaped(("lines",), response=lines),
        _shaped(("get", "image"), response=_BINARY))
    assert {name: (view.returns, view.shape) for name, view in methods.items()} == {
        "ListPagesAsync": ("AsyncPager<string>", "pager"),
        "StartStartJobAsync": ("Task<Operation<Page>>", "poller"),
        "StartDeleteJobAsync": ("Task<Operation<object>>", "poller"),  # no value: always null
        "EventsAsync": ("Task<EventStream<Page>>", "events"),
        "TextsAsync": ("Task<EventStream<string>>", "events"),
        "LinesAsync": ("Task<JsonLinesStream<Page>>", "lines"),
        "GetImageAsync": ("Task<byte[]>", "call"),
        "GetImageStreamAsync": ("Task<Stream>", "download")}
    # A pager is returned at once, not awaited; its page's fields are read by their properties' names.
    pager = methods["ListPagesAsync"]
    assert pager.modifiers == "" and pager.send == (
        "return ClientgenPaging.Pager<Page, string>(_pipeline, request, errors, options, cancellationToken, "
        "ClientgenPaging.NextLink, page => page.Value, page => page.OdataNextLink, null);",)
    assert methods["StartStartJobAsync"].send == (
        'return await Operation<Page>.StartAsync(_pipeline, request, errors, options, cancellationToken, "location", '
        'response => ClientgenPipeline.Decode<Page>(response, "json", new string[0])).ConfigureAwait(false);',)
    assert "null).ConfigureAwait(false);" in methods["StartDeleteJobAsync"].send[0]
    assert methods["TextsAsync"].send[0].endswith('(_pipeline, request, errors, options, cancellationToken, "text")'
                                                  '.ConfigureAwait(false);')
    # The Stream variant is the same request, read as it arrives; the plain method still reads it whole.
    assert methods["GetImageStreamAsync"].send == (
        "return await ClientgenStreams.BinaryAsync(_pipeline, request, errors, options, cancellationToken)"
        ".ConfigureAwait(false);",)
    assert methods["GetImageStreamAsync"].params == methods["GetImageAsync"].params


def test_start_and_stream_methods_are_named_after_every_operation_and_never_clash() -> None:
    # The spec's own operations keep their names: a derived name (Start..., ...Stream) that one of them already
    # has gets the number, wherever the operations stand.
    methods = _methods(
        _shaped(("get", "image"), response=_BINARY), _shaped(("get", "image", "stream")),
        _shaped(("start", "job"), "POST", long_running=ir.LongRunning(ir.FinalState.LOCATION, None)),
        _shaped(("start", "start", "job")),
        _shaped(("send",), response=_BINARY))
    assert {name: view.shape for name, view in methods.items()} == {
        "GetImageAsync": "call", "GetImageStreamAsync": "call", "StartStartJob2Async": "poller",
        "StartStartJobAsync": "call", "GetImageStream2Async": "download",
        "SendValueAsync": "call", "SendStreamAsync": "download"}  # SendAsync is the client's raw send
    # A parameter named like the pager's lambda parameter is renamed by the member rule.
    page = ir.Parameter("page", ("page",), ir.ParamLocation.QUERY, ir.Prim(ir.PrimKind.STRING), True, "form", True,
                        "")
    links = ir.Paging(ir.PageStyle.LINK_HEADER, ir.Prim(ir.PrimKind.STRING), "value", None, None)
    paged = replace(_shaped(("list",), paging=links), parameters=(page,))
    view = _methods(paged)["ListAsync"]
    assert [p.name for p in view.params] == ["pageValue"] and "page => page.Value, null, null);" in view.send[0]


def test_params_classes_are_named_apart_from_models_and_runtime_types() -> None:
    # <Operation>Params is a type like any other: a model already named so keeps its name and the class gets a number.
    field = ir.Field("x", ("x",), ir.Prim(ir.PrimKind.STRING), False, False, ir.NO_DEFAULT, "")
    types = target.Types(_api(ir.ObjectModel("GetItemParams", ("Get", "Item", "Params"), (field,), "")), "Ns")
    q = ir.Parameter("q", ("q",), ir.ParamLocation.QUERY, ir.Prim(ir.PrimKind.INT32), False, "form", True, "")
    responses = (ir.Response("204", "", None, None, None),)
    get_item = ir.Operation("getItem", ("get", "item"), "GET", "/", "", "", (), (q,), None, responses, (), False, None)
    view = target._operation_view(get_item, types, target.Members())
    assert types.names["GetItemParams"] == "GetItemParams" and view.params_type.name == "GetItemParams2"
    assert [(p.name, p.type, p.value) for p in view.params_type.properties] == [("Q", "int?", "parameters?.Q")]
    assert types.others == ["GetItemParams2"]
    plain = ir.Operation("y", ("plain",), "GET", "/", "", "", (), (), None, responses, (), False, None)
    assert target._operation_view(plain, types, target.Members()).params_type is None  # no optional parameters


def test_the_runtime_is_copied_with_its_namespace_and_its_types_are_reserved(tmp_path: Path) -> None:
    for name in ("AzureMLCredential", "CredentialException", "ClientgenAttempt", "ClientgenSdkInfo", "ClientgenPipeline"):
        assert name in target.RUNTIME_TYPES and target.class_name(split_words(name)) == name + "Model"
    generate(Options(spec=str(SPECS / "conformance.yaml"), out=tmp_path, languages=("csharp",), package_name="p-q"))
    for name in target.RUNTIME_SOURCES:
        copied = (tmp_path / "csharp" / "src" / name).read_text(encoding="utf-8")
        source = (ROOT / "runtime" / "csharp" / "src" / name).read_text(encoding="utf-8")
        assert "Clientgen.Runtime" not in copied and "namespace PQ\n" in copied
        assert copied == source.replace("namespace Clientgen.Runtime\n", "namespace PQ\n")
    assert not (tmp_path / "csharp" / "src" / "RuntimeTests.cs").exists()  # the runtime's own tests stay home
    info = (tmp_path / "csharp" / "src" / "SdkInfo.cs").read_text(encoding="utf-8")
    assert 'UserAgentPrefix = "p-q/0.1.0 clientgen/' in info


def test_a_variants_discriminator_starts_as_the_value_naming_it() -> None:
    string = ir.Prim(ir.PrimKind.STRING)
    tag = ir.Field("petType", ("pet", "Type"), string, True, False, ir.NO_DEFAULT, "")
    cat = ir.ObjectModel("Cat", ("Cat",), (tag,), "")
    dog = ir.ObjectModel("Dog", ("Dog",), (tag,), "")
    pet = ir.UnionModel("Pet", ("Pet",), (ir.UnionVariant(("Cat",), ir.Named("Cat")),
                                          ir.UnionVariant(("Dog",), ir.Named("Dog"))),
                        "petType", (("cat", 0), ("kitty", 0), ("dog", 1)), "")
    types = target.Types(_api(cat, dog, pet), "Ns")
    assert target._model_view(dog, types).fields[0].initial == '"dog"'
    assert target._model_view(cat, types).fields[0].initial is None  # two values name it: the caller picks


def test_union_accessors_are_unique_and_never_named_like_their_class() -> None:
    string, number = ir.Prim(ir.PrimKind.STRING), ir.Prim(ir.PrimKind.DOUBLE)
    variants = (ir.UnionVariant(("Cat",), string), ir.UnionVariant(("cat",), number))
    union = ir.UnionModel("AsCat", ("As", "Cat"), variants, None, (), "")
    # AsCat() may not be a member of class AsCat: Cat is reserved (suffix Value), the second one gets a number.
    assert target.union_stems(union, "AsCat") == ["CatValue", "CatValue2"]
    raw = ir.UnionModel("Raw", ("Raw",), (ir.UnionVariant(("string",), string),), "kind", (("a", 0),), "")
    types = target.Types(_api(raw), "Ns")
    assert types.names == {"Raw": "RawModel"}  # its property Raw may not be named like the class
    view = target._model_view(raw, types)
    assert [(v.stem, v.type, v.read_type) for v in view.variants] == [("String", "string", "string")]
    assert view.discriminator == '"kind"' and view.mapping == (('"a"', 0),)
    assert types.example(ir.Named("Raw")) == 'RawModel.FromString("...")'
    assert types.field_type(number, False, True) == "double?"  # what AsDouble() returns


# ---- escaping ------------------------------------------------------------------------------------------------
def _csharp_string(literal: str) -> str:
    """Decode a C# regular string literal as target.literal writes it (\\\", \\\\ and \\uXXXX escapes only)."""
    assert literal[0] == literal[-1] == '"'
    body = literal[1:-1]
    assert all(" " <= c <= "~" for c in body), body  # printable ASCII only: no raw line break of any kind
    units, i = [], 0
    while i < len(body):
        if body[i] == "\\":
            if body[i + 1] == "u":
                units.append(int(body[i + 2:i + 6], 16))
                i += 6
                continue
            assert body[i + 1] in '"\\'
            units.append(ord(body[i + 1]))
            i += 2
            continue
        assert body[i] != '"'
        units.append(ord(body[i]))
        i += 1
    return b"".join(u.to_bytes(2, "big") for u in units).decode("utf-16-be")


def test_literals_cannot_break_out_of_a_string() -> None:
    for value in ('say "hi"', "back\\slash", "line\nbreak\r", "sep\u2028\u2029\u0085", "🚀 日本", '\\"; }', "{0}"):
        assert _csharp_string(target.literal(value)) == value
    assert target.literal(9007199254740993) == "9007199254740993L"
    assert target.literal(True) == "true" and target.literal(None) == "null"


def test_doc_comments_cannot_end_the_comment_or_the_xml() -> None:
    hostile = 'a </summary><script>x & y</script> */ "q"\nsecond\u2028third\r\nfourth\x00\x07'
    lines = target.doc(hostile)
    assert lines[0] == "/// <summary>" and lines[-1] == "/// </summary>"
    inner = lines[1:-1]
    assert all(line.startswith("///") for line in lines)
    assert len(inner) == 4  # \n, U+2028 and \r\n all end a line, and each line gets its own ///
    assert "<" not in "".join(inner) and ">" not in "".join(inner)
    assert "&amp;" in inner[0] and "\x00" not in "".join(inner) and "\x07" not in "".join(inner)
    assert target.doc("   \n  ") == ()
    assert "\n" not in target.comment("a\nb\u2028c") and "\u2028" not in target.comment("a\u2028b")


def test_every_csharp_line_terminator_ends_a_doc_line_and_no_comment_holds_one() -> None:
    breaks = "\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029"
    lines = target.doc("x".join(("a",) + breaks) + "x")
    assert len(lines) == 2 + len(breaks) + 1  # <summary>, one line per piece, </summary>
    for text in (target.comment("a" + "".join(breaks) + "b"), target.doc_text("a\u2028b\u0085c"), *lines):
        assert not any(brk in text for brk in breaks + ("\x0b", "\x0c")), text
    assert target.comment("a\u2028static int X;\u2029b") == "a static int X; b"  # one line, still readable


def test_comments_hold_no_bidi_format_or_control_characters() -> None:
    import unicodedata

    trojan = "safe\u202e)(pwned\u202c \u200b\u200d \ufeff \u2066x\u2069 \x1b[31m \x00 \ud800 \ufffe"
    for text in (target.comment(trojan), target.doc_text(trojan), *target.doc(trojan)):
        assert all(unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Cn") for c in text), ascii(text)
    assert target.comment(trojan).startswith("safe )(pwned")


def test_numbers_csharp_cannot_spell_become_expressions_and_enums_leave_out_what_long_cannot_hold() -> None:
    assert target.literal(float("inf")) == "double.PositiveInfinity"
    assert target.literal(float("-inf")) == "double.NegativeInfinity"
    assert target.literal(float("nan")) == "double.NaN"
    assert target.literal(2 ** 63) == "9223372036854775808UL" and target.literal(-(2 ** 63)) == "-9223372036854775808L"
    assert target.literal(2 ** 70) == "1.1805916207174113e+21" and target.literal(10 ** 400) == "double.PositiveInfinity"
    assert target.long_literal(2 ** 63) is None and target.long_literal(2 ** 63 - 1) == "9223372036854775807L"
    assert target.long_literal(True) is None and target.long_literal(1.5) is None
    values = tuple(ir.EnumValue(v, w) for v, w in ((2 ** 63, ("big",)), (1, ("one",)), (-(2 ** 70), ("small",))))
    model = ir.EnumModel("Level", ("Level",), ir.PrimKind.INT64, values, "Levels.")
    view = target._model_view(model, target.Types(_api(model), "Ns"))
    assert [(m.name, m.value) for m in view.members] == [("One", "1")]
    assert "9223372036854775808, -1180591620717411303424" in "".join(view.doc)


def test_namespaces_never_name_a_device_file_or_a_type_the_sdk_uses() -> None:
    api = _api()
    for package, namespace in (("con", "ConSdk"), ("NUL", "NulSdk"), ("com1", "Com1Sdk"), ("lpt9", "Lpt9Sdk"),
                               ("system", "SystemSdk"), ("client", "ClientSdk"), ("console", "ConsoleSdk"),
                               ("azml-client", "AzmlClient"), ("con.tainer", "ConTainer")):
        options = Options(spec="s", out=Path("o"), languages=("csharp",), package_name=package)
        assert target.namespace_name(options, api) == (package, namespace)
    long_title = ir.ApiSpec("word " * 100, "1", "", None, (), (), ())
    _, namespace = target.namespace_name(Options(spec="s", out=Path("o"), languages=("csharp",)), long_title)
    assert namespace.endswith("Client") and len(namespace) <= 90


def test_properties_stay_clear_of_newtonsofts_should_serialize_and_specified_conventions() -> None:
    def field(wire: str, nullable: bool = False) -> ir.Field:
        return ir.Field(wire, split_words(wire), ir.Prim(ir.PrimKind.BOOL), False, nullable, ir.NO_DEFAULT, "")

    model = ir.ObjectModel("M", ("M",), (field("foo", nullable=True), field("ShouldSerializeFoo"),
                                         field("bar"), field("barSpecified"), field("Pet"), field("pet")), "")
    view = target._model_view(model, target.Types(_api(model), "Ns"))
    # Names Newtonsoft's conventions bind to a property are reserved (suffix Value); a second Pet gets a number.
    assert [f.name for f in view.fields] == ["Foo", "ShouldSerializeFooValue", "Bar", "BarSpecifiedValue", "Pet", "Pet2"]
    assert [(f.backing, f.flag) for f in view.fields if f.tracked] == [("_fooValue", "_fooIsSet")]


def test_long_names_are_cut_and_stay_unique() -> None:
    field = ir.Field("x", ("x",), ir.Prim(ir.PrimKind.STRING), False, False, ir.NO_DEFAULT, "")
    models = [ir.ObjectModel(f"M{i}", ("x" * 5000, str(i)), (field,), "") for i in range(3)]
    names = target.Types(_api(*models), "Ns").names
    assert len(set(names.values())) == 3 and all(len(n) <= 90 for n in names.values())


ESCAPE_CASES = [
    *json.loads((ROOT / "fixtures" / "hostile" / "payloads.json").read_text(encoding="utf-8"))["payloads"].values(),
    "\ud800", "x \udfff y", "\udbff\udc00 (a pair split by the spec's parser)", "\U0001f600 \U0010ffff",
    "a\u2028public static int InjectedA = 1; //\u2029public static int InjectedB = 1; //\u0085x",
    "/// <summary>x</summary>\npublic static int InjectedC = 1;\n///", "{0} {{x}} $\"{y}\" @\"z\"",
]

ESCAPE_PROGRAM = """\
public static class Escapes
{
%s

    public static int Main()
    {
        var fields = typeof(Escapes).GetFields();
        System.Console.WriteLine(fields.Length + " " + typeof(Escapes).Assembly.GetTypes().Length);
        foreach (var field in fields)
        {
            var text = (string)field.GetValue(null);
            var units = new System.Text.StringBuilder();
            foreach (var unit in text)
            {
                units.Append(((int)unit).ToString("x4"));
            }

            System.Console.WriteLine(units.ToString());
        }

        System.Console.WriteLine(double.IsPositiveInfinity(Inf) + " " + double.IsNegativeInfinity(NegInf) + " "
                                 + double.IsNaN(NotANumber) + " " + Huge.ToString("R") + " " + MinLong + " " + BigU);
        return 0;
    }

    private static readonly double Inf = %s;
    private static readonly double NegInf = %s;
    private static readonly double NotANumber = %s;
    private static readonly double Huge = %s;
    private static readonly long MinLong = %s;
    private static readonly ulong BigU = %s;
}
"""


@needs_mono
def test_escaped_text_compiles_keeps_every_code_unit_and_injects_nothing(tmp_path: Path) -> None:
    members = []
    for index, text in enumerate(ESCAPE_CASES):
        members += [f"    // {target.comment(text)}", *(f"    {line}" for line in target.doc(text)),
                    f"    public static readonly string S{index} = {target.literal(text)};", ""]
    source = tmp_path / "Escapes.cs"
    values = (float("inf"), float("-inf"), float("nan"), 2 ** 70, -(2 ** 63), 2 ** 63)
    source.write_text(ESCAPE_PROGRAM % ("\n".join(members), *(target.literal(v) for v in values)), encoding="utf-8")
    assert source.read_text(encoding="utf-8").isascii() is False  # comments keep printable non-ASCII text
    exe = tmp_path / "escapes.exe"
    done = subprocess.run(mcs_command([source], exe, target="exe", doc=tmp_path / "Escapes.xml"),
                          capture_output=True, text=True)
    assert done.returncode == 0 and "warning" not in done.stdout + done.stderr, done.stdout + done.stderr
    run = subprocess.run(["mono", str(exe)], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == f"{len(ESCAPE_CASES)} 1"  # one field per case, no other type: nothing was injected
    assert lines[1:-1] == [text.encode("utf-16-be", "surrogatepass").hex() for text in ESCAPE_CASES]
    assert lines[-1] == "True True True 1.1805916207174113E+21 -9223372036854775808 9223372036854775808"


# ---- generated code compiles (and runs) ----------------------------------------------------------------------
HOSTILE_TEXT = 'ends */ and </summary> & <b>bold</b> "quoted" \\ back\nnew line\u2028separator'
HOSTILE: dict = {
    "openapi": "3.0.3",
    "info": {"title": 'Hostile */ "api"\n<x>', "version": "1.0", "description": HOSTILE_TEXT},
    "servers": [{"url": 'http://127.0.0.1:1/base"quote'}],
    "tags": [{"name": "Client", "description": HOSTILE_TEXT}],
    "paths": {
        "/things/{class}/{2nd}": {
            "post": {
                "operationId": "send",
                "tags": ["Client", "second tag: not a group"],
                "description": HOSTILE_TEXT,
                "parameters": [
                    {"name": "class", "in": "path", "required": True, "schema": {"type": "string"},
                     "description": HOSTILE_TEXT},
                    {"name": "2nd", "in": "path", "required": True, "style": "label",
                     "schema": {"type": "array", "items": {"type": "integer"}}},
                    {"name": "body", "in": "query", "schema": {"type": "string"}},
                    {"name": "cancellationToken", "in": "query", "schema": {"type": "integer", "format": "int64"}},
                    {"name": "request", "in": "header", "schema": {"type": "string", "format": "uuid"}},
                    {"name": "errors", "in": "cookie", "schema": {"type": "string"}},
                    {"name": "when", "in": "query", "schema": {"type": "string", "format": "date-time"}},
                    {"name": "pipes", "in": "query", "style": "pipeDelimited", "explode": False,
                     "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Color"}}},
                    {"name": "filter", "in": "query", "style": "deepObject", "explode": True,
                     "schema": {"$ref": "#/components/schemas/Task"}},
                ],
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Client"}}}},
                "responses": {
                    "200": {"description": "ok", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Client"}}}},
                    "4XX": {"description": "client error", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/ApiException"}}}},
                },
            },
        },
        "/dispose": {"delete": {"operationId": "Dispose", "tags": ["form async"], "responses": {"204": {"description": "gone"}}}},
        "/text": {"put": {"operationId": "put text", "tags": ["ClientgenPipeline"], "requestBody": {"content": {"text/plain": {
            "schema": {"type": "string"}}}}, "responses": {"200": {"description": "bytes", "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}}}},
        "/upload": {"post": {"operationId": "upload", "tags": ["Task"], "requestBody": {"content": {"multipart/form-data": {"schema": {
            "type": "object", "properties": {"na\"me\r\n": {"type": "string"},
                                             "blob": {"type": "string", "format": "binary"}, "n": {"type": "integer"},
                                             "color": {"$ref": "#/components/schemas/Color"}}}}}},
            "responses": {"204": {"description": "stored"}}}},
        "/upload-raw": {"post": {"operationId": "upload raw", "tags": ["pets"], "requestBody": {"content": {"multipart/form-data": {
            "schema": {"type": "string", "format": "binary"}}}}, "responses": {"204": {"description": "stored"}}}},
        "/form": {"post": {"operationId": "Form", "tags": ["pets operations"], "requestBody": {"content": {
            "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/Task"}}}},
            "responses": {"200": {"description": "text", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
    },
    "components": {"schemas": {
        "Client": {"type": "object", "description": HOSTILE_TEXT, "required": ["class", "nullable_required"],
                   "properties": {
                       "class": {"type": "string", "description": HOSTILE_TEXT},
                       "Class": {"type": "string"},
                       "client": {"type": "integer"},
                       "ToString": {"type": "boolean"},
                       "Required": {"type": "boolean"},
                       "1st": {"type": "number", "format": "float"},
                       "nullable_required": {"type": "integer", "format": "int64", "nullable": True},
                       "nullable_optional": {"type": "string", "format": "date-time", "nullable": True},
                       "day": {"type": "string", "format": "date"},
                       "days": {"type": "array", "items": {"type": "string", "format": "date"}},
                       "id": {"type": "string", "format": "uuid"},
                       "blob": {"type": "string", "format": "byte"},
                       "anything": {},
                       "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
                       "color": {"$ref": "#/components/schemas/Color"},
                       "level": {"$ref": "#/components/schemas/Level"},
                       "defaulted": {"type": "string", "default": 'x"*/</summary>'},
                   }},
        "ApiException": {"type": "object", "properties": {"message": {"type": "string"}}},
        "Task": {"type": "object", "additionalProperties": True, "properties": {
            "task": {"type": "string"}, "value": {"type": "integer"}}},
        "Color": {"type": "string", "description": HOSTILE_TEXT,
                  "enum": ["red", "Red", "*/", "", '"q"', "1", "Value", "class", "new\nline", "ToString"]},
        "Level": {"type": "integer", "enum": [1, 2, -1]},
        "When": {"oneOf": [{"type": "string", "format": "date"},
                           {"type": "array", "items": {"type": "string", "format": "date"}},
                           {"type": "string", "format": "date-time"}]},
    }},
}

# A model named like each type the generated code uses, with members named like what its expressions use.
for _name in target.RUNTIME_TYPES + target.FRAMEWORK_TYPES:
    HOSTILE["components"]["schemas"].setdefault(_name, {"type": "object", "required": ["required"], "properties": {
        "required": {"type": "boolean"}, "NullValueHandling": {"type": "string", "nullable": True},
        "value": {"type": "integer"}, "self": {"$ref": f"#/components/schemas/{_name}"}}})


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("csharp-fixtures")
    hostile = out / "hostile.json"
    hostile.write_text(json.dumps(HOSTILE), encoding="utf-8")
    for spec in FIXTURE_SPECS + [hostile]:
        name = spec.stem.replace(".", "-") if spec.name != "api.yaml" else spec.parent.name
        generate(Options(spec=str(spec), out=out / name, languages=("csharp",), package_name=f"fixture-{name}"))
    return out


def test_generation_is_deterministic(generated: Path, tmp_path: Path) -> None:
    spec = SPECS / "conformance.yaml"
    generate(Options(spec=str(spec), out=tmp_path / "again", languages=("csharp",), package_name="fixture-conformance"))
    first = {p.relative_to(generated / "conformance"): p.read_bytes() for p in (generated / "conformance").rglob("*")
             if p.is_file()}
    again = {p.relative_to(tmp_path / "again"): p.read_bytes() for p in (tmp_path / "again").rglob("*") if p.is_file()}
    assert first == again


def test_project_file_and_readme(generated: Path) -> None:
    sdk = generated / "conformance" / "csharp"
    project = (sdk / "FixtureConformance.csproj").read_text()
    for needle in ("<TargetFramework>netstandard2.0</TargetFramework>", "<LangVersion>7.2</LangVersion>",
                   "<PackageId>fixture-conformance</PackageId>", "<Version>0.1.0</Version>",
                   '<PackageReference Include="Newtonsoft.Json"'):
        assert needle in project
    readme = (sdk / "README.md").read_text()
    assert "namespace `FixtureConformance`" in readme and "ServiceHealthCheckAsync" in readme
    for needle in ('Headers = { ["azureml-model-deployment"] = "blue" }', "await client.ServiceHealthCheckAsync(options: ",
                   'new GetItemParams { ... }', "HttpClient = http,", "Handler = new TracingHandler",
                   "Log = line => ", 'SecretHeaders = { "x-session-id" }', 'AzureMLCredential.FromCommand("az", "ml"',
                   "new DefaultAzureCredential()", '"https://ml.azure.com/.default"', "ClientCredential.FromTokenProvider"):
        assert needle in readme, needle


def test_tag_groups_are_named_apart_from_client_members_operations_and_types(generated: Path) -> None:
    client = (generated / "hostile" / "csharp" / "src" / "Client.cs").read_text()
    # tag -> property (a client member or a type the client's expressions use: suffix Value; an operation or a
    #     group class: a number) -> class (never a runtime, framework or model type, nor another group's class)
    for tag_property, class_name in (("ClientValue", "ClientOperations"), ("FormAsync2", "FormAsyncOperations"),
                                     ("ClientgenPipelineValue", "ClientgenPipelineOperations"),
                                     ("TaskValue", "TaskOperations"), ("Pets", "PetsOperations"),
                                     ("PetsOperations2", "PetsOperationsOperations")):
        assert f"public {class_name} {tag_property} {{ get; }}" in client
        assert f"{tag_property} = new {class_name}(this);" in client
        assert f"public sealed class {class_name}\n" in client
    # the client, six groups (only first tags make groups) and one operation's optional parameters
    assert client.count("public sealed class ") == 8 and client.count("public sealed class SendParams\n") == 1
    # A grouped method is the client's method, not a copy: each group class only calls the client.
    groups = client.split("public sealed class ClientOperations\n", 1)[1]
    assert "ClientgenRequest" not in groups and "_pipeline" not in groups
    assert "return _client.FormAsync(body, options, cancellationToken);" in groups
    # The tag's hostile description is a doc comment like any other.
    assert "/// ends */ and &lt;/summary&gt; &amp; &lt;b&gt;bold&lt;/b&gt; \"quoted\" \\ back" in client


TAGGED_DRIVER = r"""
using System;
using System.Collections.Generic;
using FixtureKitchenSinkOpenapi3;

public static class Check
{
    public static int Main(string[] args)
    {
        using (var client = new Client(new ClientOptions { BaseUri = new Uri(args[0]), Credential = "k" }))
        {
            var tags = new List<string> { "a b", "c" };
            var tagged = client.Pets.ListPetsAsync(new ListPetsParams { Limit = 2, Tags = tags }).GetAwaiter().GetResult();
            var flat = client.ListPetsAsync(new ListPetsParams { Limit = 2, Tags = tags }).GetAwaiter().GetResult();
            Console.WriteLine(tagged[0].Name + " " + flat[0].Name + " " + client.Pets.GetType().Name + " "
                              + (client.Pets.GetType().GetMethod("GetPetAsync") == null));
            var pet = new NewPet { Name = "Rex", Nickname = null, Birthday = new DateTime(2024, 1, 2) };
            Console.WriteLine(client.Pets.CreatePetAsync(pet).GetAwaiter().GetResult().Id + " "
                              + client.CreatePetAsync(pet).GetAwaiter().GetResult().Id);
        }
        return 0;
    }
}
"""


@needs_mono
def test_operations_are_also_grouped_by_tag(generated: Path, tmp_path: Path) -> None:
    from .conformance.server import RecordingServer, Reply

    pet = {"id": 7, "name": "Rex", "createdAt": "2024-01-02T03:04:05Z", "secret": "s"}
    server = RecordingServer([Reply(200, [pet]), Reply(200, [pet]), Reply(201, pet)])
    try:
        lines = _run(generated / "kitchen-sink-openapi3" / "csharp", TAGGED_DRIVER, tmp_path, server.url)
    finally:
        server.close()
    assert lines == ["Rex Rex PetsOperations True", "7 7"]
    requests = [r.canonical() for r in server.requests]
    assert len(requests) == 4 and requests[0] == requests[1] and requests[2] == requests[3]
    assert [r.headers.get("x-api-key") for r in server.requests] == ["k"] * 4
    assert (requests[0]["method"], requests[0]["path"], requests[0]["query"]) == (
        "GET", "/pets", [("limit", "2"), ("tags", "a b,c")])
    assert (requests[2]["method"], requests[2]["path"], requests[2]["body"]) == (
        "POST", "/pets", {"name": "Rex", "nickname": None, "birthday": "2024-01-02"})


@needs_mono
@pytest.mark.parametrize("name", [s.stem.replace(".", "-") if s.name != "api.yaml" else s.parent.name
                                  for s in FIXTURE_SPECS] + ["hostile"])
def test_every_spec_compiles_warning_free_with_valid_doc_comments(generated: Path, name: str, tmp_path: Path) -> None:
    # The SDK, warnings as errors with its XML doc, and the README's usage example as a program against it.
    csharp_toolchain.check(generated / name / "csharp", tmp_path)


HOSTILE_DRIVER = r"""
using System;
using System.Collections.Generic;
using FixtureHostile;
using Newtonsoft.Json;

public static class Check
{
    public static int Main()
    {
        var client = new ClientModel { Class = "c", NullableRequired = null, Class2 = "C" };
        Console.WriteLine(JsonConvert.SerializeObject(client));
        client.NullableOptional = null;
        client.Day = new DateTime(2024, 5, 6);
        client.Days = new List<DateTime> { new DateTime(2024, 1, 2) };
        client.Color = Color.Value2;
        client.Level = Level.Minus1;
        Console.WriteLine(JsonConvert.SerializeObject(client));
        var back = JsonConvert.DeserializeObject<ClientModel>(
            "{\"class\":\"c\",\"nullable_required\":5,\"color\":\"purple\",\"level\":7,\"day\":\"2024-05-06\",\"new\":1}");
        Console.WriteLine(back.Color.Value + " " + back.Level.Value + " " + back.Day.Value.ToString("yyyy-MM-dd") + " " + (back.Color == new Color("purple")));
        Console.WriteLine(Client.DefaultBaseUri);
        var day = When.FromDate(new DateTime(2024, 5, 6));
        var days = When.FromDateList(new List<DateTime> { new DateTime(2024, 5, 7) });
        var time = When.FromDatetime(new DateTimeOffset(2024, 5, 6, 1, 2, 3, TimeSpan.Zero));
        Console.WriteLine(JsonConvert.SerializeObject(new object[] { day, days, time }));
        Console.WriteLine(day.AsDate().Value.ToString("yyyy-MM-dd") + " " + (day.AsDateList() == null));
        return 0;
    }
}
"""


@needs_mono
def test_hostile_sdk_serialises_unset_null_dates_and_open_enums(generated: Path, tmp_path: Path) -> None:
    library = tmp_path / "Sdk.dll"
    assert compile_sdk(generated / "hostile" / "csharp", library).returncode == 0
    source = tmp_path / "Check.cs"
    source.write_text(HOSTILE_DRIVER, encoding="utf-8")
    exe = tmp_path / "check.exe"
    done = subprocess.run(mcs_command([source], exe, target="exe", references=(library,)), capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    shutil.copy2(newtonsoft_dll(), tmp_path / "Newtonsoft.Json.dll")
    run = subprocess.run(["mono", str(exe)], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert json.loads(lines[0]) == {"class": "c", "Class": "C", "nullable_required": None}
    assert json.loads(lines[1]) == {"class": "c", "Class": "C", "nullable_required": None, "nullable_optional": None,
                                    "day": "2024-05-06", "days": ["2024-01-02"], "color": "*/", "level": -1}
    assert lines[2] == "purple 7 2024-05-06 True"
    assert lines[3] == 'http://127.0.0.1:1/base"quote'
    assert lines[4] == '["2024-05-06",["2024-05-07"],"2024-05-06T01:02:03Z"]'
    assert lines[5] == "2024-05-06 True"


def _run(sdk: Path, program: str, work: Path, *args: str) -> list[str]:
    """Compiles `program` against the SDK and runs it; its output lines."""
    library = work / "Sdk.dll"
    done = compile_sdk(sdk, library)
    assert done.returncode == 0, done.stdout + done.stderr
    source = work / "Check.cs"
    source.write_text(program, encoding="utf-8")
    exe = work / "check.exe"
    done = subprocess.run(mcs_command([source], exe, target="exe", references=(library,)), capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    shutil.copy2(newtonsoft_dll(), work / "Newtonsoft.Json.dll")
    run = subprocess.run(["mono", str(exe), *args], capture_output=True, text=True, cwd=work, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout.splitlines()


UNIONS_DRIVER = r"""
using System;
using FixtureUnionsOpenapi31;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

public static class Check
{
    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new Exception("failed: " + what);
        }
    }

    public static int Main()
    {
        var settings = new JsonSerializerSettings { DateParseHandling = DateParseHandling.None };
        var pet = new Pet(JToken.Parse("{\"petType\":\"dog\",\"bark\":null,\"wag\":true}"));
        Expect(pet.AsCat() == null, "the discriminator names dog");
        var dog = pet.AsDog();
        Expect(dog.Bark == null && Equals(dog.AdditionalProperties["wag"], true), "dog");
        Console.WriteLine(JsonConvert.SerializeObject(dog));
        var cat = Pet.FromCat(new Cat { PetType = "cat", Lives = 9, Friend = pet });
        Console.WriteLine(cat.Raw.ToString(Formatting.None));
        Expect(JsonConvert.SerializeObject(cat.AsCat().Friend.AsDog()) == JsonConvert.SerializeObject(dog), "friend");
        Expect(cat.AsCat().Friend.Equals(pet) && cat.AsCat().Friend.GetHashCode() == pet.GetHashCode(), "equality");
        var newer = new Pet(JToken.Parse("{\"petType\":\"parrot\",\"words\":12}"));
        Expect(newer.AsCat() == null && newer.AsDog() == null, "a kind naming no variant reads as none");
        Expect((int)newer.Raw["words"] == 12, "unknown kinds keep everything");
        Expect(new Pet(JToken.Parse("{\"lives\":3}")).AsCat() == null, "no discriminator: no variant");
        Expect(new Pet(JToken.Parse("{\"petType\":\"cat\",\"lives\":\"nine\"}")).AsCat() == null, "a field of the wrong type");
        Expect(new Pet(JToken.Parse("{\"petType\":\"cat\",\"friend\":{\"petType\":\"cow\"}}")).AsCat() == null, "a nested union that fits no variant");
        Expect(Pet.FromCat(new Cat { Lives = 1 }).Raw["petType"].ToString() == "cat", "a variant built writes its discriminator");
        Expect(Shape.FromCircle(new Circle { Radius = 2 }).Raw["kind"].ToString() == "Circle", "the schema name where there is no mapping");
        try
        {
            Pet.FromDog(new Dog { PetType = "cat" });
            Expect(false, "a discriminator naming another variant is refused");
        }
        catch (ArgumentException error)
        {
            Expect(error.Message.Contains("petType") && error.Message.Contains("cat"), error.Message);
        }

        var precise = new HolderValuesItem(JToken.Parse("\"2024-01-02T03:04:05.123456789-01:30\"")).AsDatetime();
        Expect(precise == new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromMinutes(-90)).AddTicks(1234567), "nine fraction digits, an offset");
        var offset = new HolderValuesItem(JToken.Parse("\"2024-01-02t03:04:05+14:00\"")).AsDatetime();
        Expect(offset.Value.Offset == TimeSpan.FromHours(14) && offset.Value.Hour == 3, "t and +14:00");
        Expect(new HolderValuesItem(JToken.Parse("\"2024-01-02T03:04:05\"")).AsDatetime() == null, "no offset: no RFC 3339");
        Expect(new HolderValuesItem(JToken.Parse("\"2024-01-02T03:04:05.5z\"")).AsDatetime().Value.Millisecond == 500, "z");
        Expect(new HolderValuesItem(JToken.Parse("\"2024-01-02\"")).AsDatetime() == null, "a date is no date-time");
        var answer = new AddPetResponse(JToken.Parse("{\"petType\":\"dog\"}"));
        Expect(answer.AsPet() != null && answer.AsPet().AsDog() != null && answer.AsString() == null, "a nested union");
        Expect(new AddPetResponse(JToken.Parse("{\"lives\":3}")).AsPet() == null, "an object that is no Pet");
        var holder = JsonConvert.DeserializeObject<Holder>(
            "{\"value\":2.5,\"values\":[true,\"2024-01-02T03:04:05Z\"]}", settings);
        Expect(holder.Value.AsDouble() == 2.5 && holder.Value.AsString() == null, "number, not string");
        Expect(holder.Values[0].AsBool() == true && holder.Values[0].AsDatetime() == null, "bool");
        Expect(holder.Values[1].AsDatetime() == new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), "date-time");
        Console.WriteLine(JsonConvert.SerializeObject(holder));
        var shape = JsonConvert.DeserializeObject<Shape>("{\"kind\":\"Circle\",\"radius\":1.5}", settings);
        Expect(shape.AsSquare() == null && shape.AsCircle().Radius == 1.5, "implicit mapping");
        Expect(JsonConvert.DeserializeObject<Shape>("null") == null, "null");
        var when = HolderValuesItem.FromDatetime(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero));
        Console.WriteLine(ClientModel.FromString("x") + " " + when.Raw.ToString(Formatting.None));
        var response = JsonConvert.DeserializeObject<AddPetResponse>("[1, 9007199254740993]", settings);
        Expect(response.AsInt64List()[1] == 9007199254740993L && response.AsString() == null, "list");
        return 0;
    }
}
"""


@needs_mono
def test_unions_keep_the_raw_value_and_read_each_variant(generated: Path, tmp_path: Path) -> None:
    lines = _run(generated / "unions-openapi31" / "csharp", UNIONS_DRIVER, tmp_path)
    assert json.loads(lines[0]) == {"petType": "dog", "bark": None, "wag": True}  # extra properties round-trip
    assert json.loads(lines[1]) == {"petType": "cat", "lives": 9,
                                    "friend": {"petType": "dog", "bark": None, "wag": True}}
    assert lines[2] == '{"value":2.5,"values":[true,"2024-01-02T03:04:05Z"]}'
    assert lines[3] == 'x "2024-01-02T03:04:05Z"'


MULTIPART_DRIVER = r"""
using System;
using FixtureBodiesOpenapi3;

public static class Check
{
    public static int Main(string[] args)
    {
        using (var client = new Client(new ClientOptions { BaseUri = new Uri(args[0]) }))
        {
            var body = new UploadDocumentRequest
            {
                File = new byte[] { 0x25, 0x50, 0x44, 0x46, 0x00, 0xff },
                Title = "\u00dcber \"x\"",
                Meta = new UploadDocumentRequestMeta { Author = "a" },
            };
            var document = client.UploadDocumentAsync(body).GetAwaiter().GetResult();
            Console.WriteLine(document.Id + " " + document.Size);
        }

        return 0;
    }
}
"""


class _Recorder:
    """A local HTTP server that records each request's Content-Type and body and answers with `answer`."""

    def __init__(self, status: int, answer: bytes = b"") -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        seen: list[tuple[str, bytes]] = []
        self.seen = seen

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                seen.append((self.headers["Content-Type"], self.rfile.read(int(self.headers["Content-Length"]))))
                self.send_response(status)
                if answer:
                    self.send_header("Content-Type", "application/vnd.api+json")
                    self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def parts(self, index: int) -> list[bytes]:
        content_type, body = self.seen[index]
        assert content_type.startswith("multipart/form-data; boundary=clientgen-"), content_type
        parts = body.split(b"--" + content_type.split("boundary=")[1].encode())
        assert parts[0] == b"" and parts[-1] == b"--\r\n", parts
        return parts[1:-1]


@needs_mono
def test_multipart_body_sends_files_text_and_json_parts(generated: Path, tmp_path: Path) -> None:
    recorder = _Recorder(201, b'{"id": "d1", "size": 6}')
    try:
        lines = _run(generated / "bodies-openapi3" / "csharp", MULTIPART_DRIVER, tmp_path, recorder.url)
    finally:
        recorder.server.shutdown()
    assert lines == ["d1 6"]
    parts = recorder.parts(0)
    assert len(parts) == 3, parts  # pages is unset: no part
    assert parts[0] == (b'\r\nContent-Disposition: form-data; name="file"; filename="file"\r\n'
                        b"Content-Type: application/octet-stream\r\n\r\n%PDF\x00\xff\r\n")
    assert parts[1] == b'\r\nContent-Disposition: form-data; name="title"\r\n\r\n' + 'Über "x"'.encode() + b"\r\n"
    assert parts[2] == (b'\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n'
                        b'{"author":"a"}\r\n')


HOSTILE_MULTIPART_DRIVER = r"""
using System;
using FixtureHostile;

public static class Check
{
    public static int Main(string[] args)
    {
        using (var client = new Client(new ClientOptions { BaseUri = new Uri(args[0]) }))
        {
            var body = new UploadRequest { NaMe = "t", Blob = new byte[] { 1 }, N = 7, Color = new Color("*/") };
            client.UploadAsync(body).GetAwaiter().GetResult();
            client.UploadRawAsync(new byte[] { 2, 3 }).GetAwaiter().GetResult();
        }

        return 0;
    }
}
"""


@needs_mono
def test_multipart_names_are_escaped_enums_are_text_and_a_bare_file_is_one_part(generated: Path,
                                                                                 tmp_path: Path) -> None:
    recorder = _Recorder(204)
    try:
        _run(generated / "hostile" / "csharp", HOSTILE_MULTIPART_DRIVER, tmp_path, recorder.url)
    finally:
        recorder.server.shutdown()
    assert recorder.parts(0) == [
        b'\r\nContent-Disposition: form-data; name="na%22me%0D%0A"\r\n\r\nt\r\n',
        b'\r\nContent-Disposition: form-data; name="blob"; filename="blob"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n\x01\r\n",
        b'\r\nContent-Disposition: form-data; name="n"\r\nContent-Type: application/json\r\n\r\n7\r\n',
        b'\r\nContent-Disposition: form-data; name="color"\r\n\r\n*/\r\n',
    ]
    assert recorder.parts(1) == [b'\r\nContent-Disposition: form-data; name="file"; filename="file"\r\n'
                                 b"Content-Type: application/octet-stream\r\n\r\n\x02\x03\r\n"]

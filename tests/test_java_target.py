"""The Java target: names, escaping, type mapping, and every spec compiled with javac -Xlint:all -Werror.

The compile tests use tests/toolchains/java.py (the check the real-world corpus uses too: Maven resolves the
dependency classpath once, then one javac run per SDK) and need a JDK and Maven (`make java-deps`); they are
skipped when those are missing.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import generate, ir
from generator.config import Options
from generator.render import Code, RuntimeFile
from generator.targets import java
from tests.toolchains import java as toolchain

ROOT = Path(__file__).resolve().parents[1]
SPECS = sorted(p for p in (ROOT / "fixtures" / "specs").glob("*") if p.suffix in (".json", ".yaml", ".yml"))
HAVE_JAVA = shutil.which("mvn") is not None and shutil.which("javac") is not None
needs_java = pytest.mark.skipif(not HAVE_JAVA, reason="needs javac and mvn: make java-deps")

# Everything a spec can throw at the Java target: keywords, names that differ only by case, leading digits,
# models named like java.lang / imported / runtime types, comment terminators and backslash-u in every text,
# enum values that collide, nullable fields, additionalProperties, all parameter places, all body kinds.
HOSTILE = json.loads(r"""
{
    "openapi": "3.0.3",
    "info": {
        "title": "Hostile */ \\u000a API",
        "version": "1.0 */",
        "description": "Ends a comment */ and starts <b>html</b> @deprecated {@code x} \\u002A\\u002F done \"quote\""
    },
    "servers": [
        {
            "url": "https://example.com/api\"/*\\u0022"
        }
    ],
    "security": [
        {
            "key": []
        }
    ],
    "paths": {
        "/things/{class}": {
            "get": {
                "operationId": "send",
                "summary": "A summary with */ and \\u000d",
                "deprecated": true,
                "parameters": [
                    {
                        "name": "class",
                        "in": "path",
                        "required": true,
                        "schema": {
                            "type": "string"
                        },
                        "description": "*/ bad \\u0022"
                    },
                    {
                        "name": "default",
                        "in": "query",
                        "schema": {
                            "type": "integer",
                            "format": "int64"
                        }
                    },
                    {
                        "name": "Default",
                        "in": "query",
                        "schema": {
                            "type": "integer"
                        }
                    },
                    {
                        "name": "request",
                        "in": "query",
                        "schema": {
                            "type": "array",
                            "items": {
                                "type": "string",
                                "format": "date-time"
                            }
                        },
                        "style": "pipeDelimited",
                        "explode": false
                    },
                    {
                        "name": "filter",
                        "in": "query",
                        "style": "deepObject",
                        "schema": {
                            "type": "object",
                            "additionalProperties": {
                                "type": "string"
                            }
                        }
                    },
                    {
                        "name": "X-Color",
                        "in": "header",
                        "schema": {
                            "$ref": "#/components/schemas/Color"
                        }
                    },
                    {"name": "errors", "in": "query", "schema": {"type": "boolean"}},
                    {"name": "response", "in": "header", "required": true, "schema": {"type": "string", "format": "uuid"}},
                    {
                        "name": "session",
                        "in": "cookie",
                        "schema": {
                            "type": "string"
                        }
                    }
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "$ref": "#/components/schemas/Client"
                                }
                            }
                        }
                    },
                    "4XX": {
                        "description": "bad",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "$ref": "#/components/schemas/String"
                                }
                            }
                        }
                    }
                }
            }
        },
        "/maps": {
            "post": {
                "operationId": "postMaps",
                "requestBody": {
                    "required": true,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "additionalProperties": {
                                    "$ref": "#/components/schemas/Color"
                                }
                            }
                        }
                    }
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "array",
                                    "items": {
                                        "$ref": "#/components/schemas/Objects"
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
        "/other": {
            "put": {
                "operationId": "send_async",
                "requestBody": {
                    "required": true,
                    "content": {
                        "text/plain": {
                            "schema": {
                                "type": "string"
                            }
                        }
                    }
                },
                "responses": {
                    "204": {
                        "description": "none"
                    }
                }
            },
            "post": {
                "operationId": "123 go",
                "requestBody": {
                    "content": {
                        "application/x-www-form-urlencoded": {
                            "schema": {
                                "$ref": "#/components/schemas/Objects"
                            }
                        }
                    }
                },
                "responses": {
                    "200": {
                        "description": "bytes",
                        "content": {
                            "application/octet-stream": {
                                "schema": {
                                    "type": "string",
                                    "format": "binary"
                                }
                            }
                        }
                    }
                }
            },
            "delete": {
                "operationId": "getClass",
                "responses": {
                    "200": {
                        "description": "text",
                        "content": {
                            "text/plain": {
                                "schema": {
                                    "type": "string"
                                }
                            }
                        }
                    }
                }
            }
        }
    },
    "components": {
        "securitySchemes": {
            "key": {
                "type": "apiKey",
                "in": "query",
                "name": "api-key"
            }
        },
        "schemas": {
            "Client": {
                "type": "object",
                "description": "Named like the runtime */ \\u002a/",
                "required": [
                    "class"
                ],
                "properties": {
                    "class": {
                        "type": "string",
                        "description": "a keyword"
                    },
                    "Class": {
                        "type": "string"
                    },
                    "pet_id": {
                        "type": "integer"
                    },
                    "petId": {
                        "type": "integer"
                    },
                    "2fa": {
                        "type": "boolean"
                    },
                    "equals": {
                        "type": "number",
                        "format": "float"
                    },
                    "hashCode": {
                        "type": "number"
                    },
                    "getClass": {
                        "type": "string"
                    },
                    "when": {
                        "type": "string",
                        "format": "date",
                        "nullable": true
                    },
                    "id": {
                        "type": "string",
                        "format": "uuid",
                        "nullable": true
                    },
                    "blob": {
                        "type": "string",
                        "format": "byte"
                    },
                    "anything": {},
                    "color": {
                        "$ref": "#/components/schemas/Color"
                    },
                    "level": {
                        "$ref": "#/components/schemas/Level"
                    },
                    "self": {
                        "$ref": "#/components/schemas/Client"
                    },
                    "null": {
                        "type": "string",
                        "default": "x\"*/\\u0041"
                    },
                    "true": {
                        "type": "integer",
                        "format": "int32",
                        "nullable": true
                    },
                    "_": {
                        "type": "string"
                    },
                    "inline": {
                        "type": "object",
                        "properties": {
                            "a": {
                                "type": "string"
                            }
                        }
                    }
                },
                "additionalProperties": {
                    "type": "integer",
                    "format": "int64"
                }
            },
            "String": {
                "type": "object",
                "properties": {
                    "message": {
                        "type": "string"
                    }
                }
            },
            "Objects": {
                "type": "object",
                "properties": {
                    "list": {
                        "type": "array",
                        "items": {
                            "type": "string"
                        }
                    },
                    "map": {
                        "type": "object",
                        "additionalProperties": true
                    }
                }
            },
            "List": {
                "type": "object",
                "properties": {
                    "x": {
                        "type": "string"
                    }
                }
            },
            "JsonNode": {
                "description": "A union named like a type unions import, ending a comment */ \\u002A\\u002F",
                "oneOf": [
                    {"$ref": "#/components/schemas/String"},
                    {"$ref": "#/components/schemas/List"},
                    {"type": "string"},
                    {"type": "array", "items": {"type": "string"}}
                ],
                "nullable": true,
                "discriminator": {
                    "propertyName": "*/\\u0022",
                    "mapping": {"\\u0022*/": "#/components/schemas/String", "a\"b": "#/components/schemas/List"}
                }
            },
            "ApiException": {
                "type": "object",
                "properties": {
                    "x": {
                        "type": "string"
                    }
                }
            },
            "Color": {
                "type": "string",
                "enum": [
                    "red",
                    "Red",
                    "unknown",
                    "*/",
                    "",
                    "2x",
                    "class",
                    "\\u0022"
                ]
            },
            "Level": {
                "type": "integer",
                "format": "int64",
                "enum": [
                    1,
                    2,
                    9007199254740993
                ]
            }
        }
    }
}
""")


# ---- names ---------------------------------------------------------------------------------------------------
def test_keywords_and_literals_get_an_underscore() -> None:
    for word in ("class", "default", "enum", "int", "true", "false", "null", "var", "yield", "record", "goto"):
        assert java.member_name((word,)) == word + "_"
    assert java.member_name(("Class",)) == "class_"
    assert java.member_name(("pet", "id")) == "petId"
    assert java.member_name(("Run", "ML", "Service")) == "runMLService"


def test_leading_digits_and_empty_names_become_legal_identifiers() -> None:
    assert java.member_name(("2fa",)) == "n2fa"
    assert java.class_name(("2fa",)) == "N2fa"
    assert java.constant_name(("2x",)) == "N2X"
    assert java.member_name(()) == "nValue"
    for name in (java.member_name(("123", "go")), java.class_name(("9",)), java.constant_name(())):
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name), name


def test_models_named_like_runtime_or_java_types_get_a_suffix() -> None:
    for name in ("Client", "ApiException", "String", "Object", "List", "Map", "Objects", "Override", "UUID",
                 "JsonProperty", "TokenProvider", "Builder", "Credential", "RequestOptions", "ModelSupport",
                 "AsyncTokenProvider", "Optional", "Set"):
        assert java.class_name((name,)) == name + "Model"
    # Record and Thread are not named by generated code, and models are imported one by one: they stay.
    assert java.class_name(("Record",)) == "Record"
    assert java.class_name(("service", "input")) == "ServiceInput"


def test_names_differing_only_by_case_are_made_unique() -> None:
    api = _hostile_api()
    client = next(m for m in api.models if m.name == "Client")
    view = java._model_view(client, java.Types(api))
    names = [f.name for f in view.fields]
    assert len(set(n.lower() for n in names)) == len(names)
    assert {"class_", "class2", "petId", "petId2", "n2fa", "null_", "true_"} <= set(names)
    methods = [f.getter for f in view.fields] + names
    assert len(set(methods)) == len(methods)
    assert not {"getClass", "equals", "hashCode", "toString"} & set(methods)


def test_operations_do_not_take_the_clients_own_method_names() -> None:
    api = _hostile_api()
    types = java.Types(api)
    scope = java.Scope()
    names = [java._operation_view(op, types, scope) for op in api.operations]
    flat = [n.name for n in names] + [n.async_name for n in names]
    assert len(set(flat)) == len(flat)
    assert not {"send", "sendAsync", "getClass", "builder"} & set(flat)


def test_members_named_like_object_runtime_or_client_members_get_an_underscore() -> None:
    fields = tuple(ir.Field(wire, words, ir.Prim(ir.PrimKind.STRING), False, False, ir.NO_DEFAULT, "")
                   for wire, words in (("hashCode", ("hash", "code")), ("jsonProblem", ("json", "problem")),
                                       ("class", ("class",))))
    model = ir.ObjectModel("M", ("m",), fields, "")
    api = dataclasses.replace(_hostile_api(), models=(model,))
    view = java._model_view(model, java.Types(api))
    assert [f.name for f in view.fields] == ["hashCode_", "jsonProblem_", "class_"]
    assert [f.getter for f in view.fields] == ["getHashCode", "getJsonProblem", "getClass_"]
    op = dataclasses.replace(api.operations[0], words=("send",))
    view = java._operation_view(op, java.Types(api), java.Scope())
    assert (view.name, view.async_name) == ("send_", "sendAsync_")


CONTRACT = ROOT / "fixtures" / "specs" / "conformance.yaml"


def _contract_views() -> dict[str, java.OperationView]:
    api = _spec_api(CONTRACT)
    types = java.Types(api)
    methods = java.Scope()
    return {op.operation_id: java._operation_view(op, types, methods) for op in api.operations}


def test_each_request_carries_its_operation_id_accept_and_the_credential_place_of_its_scheme() -> None:
    views = _contract_views()
    assert views["GetPublic"].request == \
        'new ApiRuntime.Request("GET", "/public", "GetPublic", "application/json", null)'
    assert views["GetImage"].request.endswith('"GetImage", "image/png, application/json", '
                                              'new ApiRuntime.Auth("header", "Authorization", "key"))')
    assert views["GetWithQueryKey"].request.endswith('new ApiRuntime.Auth("query", "api_key", "key"))')
    assert views["GetWithCookieKey"].request.endswith('new ApiRuntime.Auth("cookie", "session", "key"))')
    assert views["GetWithBasic"].request.endswith('new ApiRuntime.Auth("header", "Authorization", "basic"))')
    assert views["GetWithOauth"].request.endswith('new ApiRuntime.Auth("header", "Authorization", "bearer"))')


def test_a_2xx_without_content_beside_the_value_makes_the_result_optional() -> None:
    views = _contract_views()
    delete, get = views["DeleteRecord"], views["GetRecord"]
    assert delete.returns == "Optional<Record>" and delete.async_returns == "CompletableFuture<Optional<Record>>"
    assert delete.decode == ('Optional.ofNullable(ApiRuntime.decodeJson(response, new TypeReference<Record>() { }, '
                             'Record::jsonProblem, Set.of("204")))')
    assert get.returns == "Record" and get.decode.endswith('Record::jsonProblem, Set.of())')
    assert views["ServiceHealthCheck"].decode == "ApiRuntime.decodeString(response, Set.of())"


def test_optional_parameters_come_in_one_params_object_and_every_form_forwards_to_the_full_one() -> None:
    views = _contract_views()
    item = views["GetItem"]
    shapes = {(m.name, tuple(t for t, _ in m.params)): m.forward for m in item.methods}
    assert shapes == {
        ("getItem", ("String", "GetItemParams", "RequestOptions")):
            "this.transport.send(getItemExchange(itemId, params), options)",
        ("getItem", ("String", "GetItemParams")): "getItem(itemId, params, null)",
        ("getItem", ("String",)): "getItem(itemId, null, null)",
        ("getItemAsync", ("String", "GetItemParams", "RequestOptions")):
            "this.transport.sendAsync(getItemExchange(itemId, params), options)",
        ("getItemAsync", ("String", "GetItemParams")): "getItemAsync(itemId, params, null)",
        ("getItemAsync", ("String",)): "getItemAsync(itemId, null, null)",
    }
    assert item.params_class is not None and item.params_class.type == "GetItemParams"
    assert [(f.name, f.getter, f.value) for f in item.params_class.fields] == [
        ("tags", "getTags", "params == null ? null : params.getTags()"),
        ("q", "getQ", "params == null ? null : params.getQ()"),
        ("xTraceId", "getXTraceId", "params == null ? null : params.getXTraceId()")]
    assert [p.value for p in item.params] == ["itemId"] + [f.value for f in item.params_class.fields]
    # an operation without optional parameters: (required...) and (required..., RequestOptions), no Params
    record = views["GetRecord"]
    assert record.params_class is None
    assert {tuple(t for t, _ in m.params) for m in record.methods} == {("Long",), ("Long", "RequestOptions")}
    # a binary body also comes as an InputStream, sent as it is read (never held whole); bytes stay bytes, which a
    # retry re-sends
    upload = {tuple(t for t, _ in m.params): m.forward for m in views["UploadImage"].methods if not m.is_async}
    assert upload[("InputStream", "RequestOptions")] == "this.transport.send(uploadImageExchange(body), options)"
    assert upload[("byte[]", "RequestOptions")] == ("this.transport.send(uploadImageExchange(ApiRuntime.stream(body)), "
                                                   "options)")
    assert upload[("InputStream",)] == "uploadImage(body, null)"
    assert views["UploadImage"].exchange_params == (("InputStream", "body"),)
    # a group's method calls the client's same method
    assert {m.delegate for m in item.methods} >= {"this.client.getItem(itemId, params, options)",
                                                 "this.client.getItemAsync(itemId)"}


def test_params_classes_and_exchange_methods_take_names_nothing_else_has() -> None:
    api = _hostile_api()
    types = java.Types(api)
    methods, classes = java.Scope(), java._class_scope(types)
    views = [java._operation_view(op, types, methods, classes) for op in api.operations]
    send = next(v for v in views if v.params_class is not None and v.name == "send_")
    # the method's own locals (request, errors, response, options, params) are never a parameter's name
    assert not {"request", "errors", "response", "options", "params"} & {a.name for a in send.args[:-1]}
    fields = send.params_class.fields
    assert len({f.name.lower() for f in fields}) == len(fields)
    assert len({f.getter for f in fields} | {f.name for f in fields}) == 2 * len(fields)
    assert send.exchange not in {v.name for v in views} | {v.async_name for v in views}
    names = [v.params_class.type for v in views if v.params_class is not None]
    assert len(set(names)) == len(names) and not set(names) & set(types.names.values())


def test_request_bodies_and_results_are_checked_against_their_schema() -> None:
    views = _contract_views()
    assert views["CreateOrder"].body_check == "Order::jsonProblem"
    assert views["UploadImage"].body_check == "null"
    api = _spec_api(CONTRACT)
    types = java.Types(api)
    record = java._model_view(api.model("Record"), types)
    assert [f.schema for f in record.fields][:2] == ['ModelSupport.field("id", true, false, ModelSupport::int64)',
                                                    'ModelSupport.field("name", true, false, ModelSupport::string)']
    assert record.fields[2].schema == 'ModelSupport.field("nickname", false, true, ModelSupport::string)'
    assert types.check(ir.Map(ir.Array(ir.Named("Pet")))) == "ModelSupport.map(ModelSupport.list(Pet::jsonProblem))"


@needs_java
def test_grouped_methods_delegate_to_the_clients(tmp_path: Path) -> None:
    sdk = _generate(str(CONTRACT), tmp_path, "groups-check")
    group = (sdk / "src/main/java/com/example/groupscheck/RecordsOperations.java").read_text(encoding="utf-8")
    assert "transport" not in group and "ApiRuntime" not in group
    assert "return this.client.getRecord(id);" in group


# ---- escaping ------------------------------------------------------------------------------------------------
HOSTILE_TEXTS = ["*/ class X {} /*", "a */ b", "**/", "*\\u002F", "\\u000a// x",
                 "@deprecated {@code x}", "<script>&amp;", 'quote " and \\ back', "line\nbreak\r\n*/",
                 "tab\tcontrol\x00\x1b", "emoji 🚀 日本"]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_doc_text_cannot_close_a_comment_start_a_tag_or_a_unicode_escape(text: str) -> None:
    out = java.javadoc(text, 4)
    body = out[len("    /**"):-len("*/")]
    assert "*/" not in body
    assert "\\" not in out and "@" not in out and "<" not in body
    assert all(c.isprintable() for c in out.replace("\n", ""))
    assert "\n" not in java.comment(text) and "\\u" not in java.comment(text).replace("\\\\", "")


def test_javadoc_cannot_be_ended_and_every_line_terminator_starts_a_new_line() -> None:
    assert java.javadoc("a */ b **/ c", 4) == "    /**\n     * a *&#47; b **&#47; c\n     */"
    assert java.javadoc("@deprecated x\n@param y {@code z}") == \
        "/**\n * &#64;deprecated x\n * &#64;param y {&#64;code z}\n */"
    assert java.javadoc("<b>&amp;</b>") == "/**\n * &lt;b&gt;&amp;amp;&lt;/b&gt;\n */"
    for separator in ("\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029", "\x0b", "\x0c"):
        assert java.javadoc(f"one{separator}*/ two") == "/**\n * one\n * *&#47; two\n */", repr(separator)
    # controls, bidi and other format characters, lone surrogates and non-characters become spaces
    assert java.doc("a\x00b\u202ec\ud800d\ufffee\u200bf") == "a b c d e f"
    assert java.javadoc("") == "" and java.javadoc(" \n\x00 ") == "" and java.doc_lines("\n\nx\n\n") == ("x",)


def test_a_spec_backslash_u_never_becomes_a_unicode_escape_in_a_comment() -> None:
    # javac translates \uXXXX before it lexes, in comments too: \u000a would end a // comment
    for text in ("\\u000a static {}", "\\\\u000a", "\\uuuu002a/"):
        assert "\\u" not in java.javadoc(text) and "\\" not in java.doc(text)
        line = java.comment(text)
        for match in re.finditer(r"(\\+)u", line):
            assert len(match.group(1)) % 2 == 0, line  # an escaped backslash: javac reads no escape
    assert java.comment("a\\u000ab\nc\u2028d") == "a\\\\u000ab c d"


def test_string_literals_never_write_the_escapes_javac_would_translate_into_syntax() -> None:
    text = "".join(chr(c) for c in range(0x0, 0x3000)) + "\U0001f680\ud800\\u000a\\u0022"
    out = java.string_literal(text)
    assert out.isascii() and all(" " <= c <= "~" for c in out)
    for match in re.finditer(r"(\\+)u([0-9a-fA-F]{4})", out):
        if len(match.group(1)) % 2 == 1:  # a unicode escape javac translates before lexing
            assert match.group(2).lower() not in ("000a", "000d", "0022", "005c"), match.group(0)
    assert java.string_literal("\n\r\"\\") == '"\\n\\r\\"\\\\"'
    assert java.string_literal("\u2028\U0001f680") == '"\\u2028\\ud83d\\ude80"'


UNICODE_CHECK = """
public final class UnicodeCheck {
    private UnicodeCheck() {
    }

    // COMMENT
    /**
JAVADOC
     */
    public static void main(String[] args) {
        String[] values = {VALUES};
        StringBuilder out = new StringBuilder();
        for (String value : values) {
            for (int i = 0; i < value.length(); i++) {
                out.append(String.format("%04x", (int) value.charAt(i)));
            }
            out.append('\\n');
        }
        System.out.print(out);
    }
}
"""
UNICODE_TEXTS = ["\n", "\r\n", '"', "\\", "\\u000a", "\\\\u0022", "\\\\\\u005c", "\u2028\u0085\x00\x1a",
                 "\ud800 \udfff", "\U0001f680 日本", "*/ static { System.exit(77); } /*", "\\u002a/ x /\\u002a"]


@needs_java
def test_literals_and_comments_survive_javac_exactly(tmp_path: Path) -> None:
    """What javac makes of our literals is the spec's text, code unit for code unit, and no comment ends early."""
    hostile = "\n".join(UNICODE_TEXTS)
    source = (UNICODE_CHECK.replace("VALUES", ", ".join(java.string_literal(t) for t in UNICODE_TEXTS))
              .replace("COMMENT", java.comment(hostile))
              .replace("JAVADOC", "\n".join("     * " + line for line in java.doc_lines(hostile))))
    path = tmp_path / "UnicodeCheck.java"
    path.write_text(source, encoding="utf-8")
    toolchain.javac([path], tmp_path / "classes", str(tmp_path), tmp_path)
    done = subprocess.run(["java", "-cp", str(tmp_path / "classes"), "UnicodeCheck"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    expected = ["".join(f"{unit:04x}" for unit in memoryview(t.encode("utf-16-le", "surrogatepass")).cast("H"))
                for t in UNICODE_TEXTS]
    assert done.stdout.split("\n")[:-1] == expected


def test_contexts_hold_only_code_and_no_ir_object(tmp_path: Path) -> None:
    from generator.render import check_context

    api = _hostile_api()
    for file in java.files(api, Options(spec="x", out=tmp_path, languages=("java",))):
        if isinstance(file, RuntimeFile):  # copied, not rendered: only the names put into it
            assert all(isinstance(name, Code) for name in file.names.values()), file
            continue
        check_context(file.context)
        assert not any(isinstance(value, ir.ApiSpec) for value in file.context.values())


@pytest.mark.parametrize("text", HOSTILE_TEXTS + ["", "\\u0022", "\\\\u0022"])
def test_string_literals_are_ascii_and_cannot_start_a_unicode_escape(text: str) -> None:
    out = java.string_literal(text)
    assert out.isascii() and out.startswith('"') and out.endswith('"')
    inner = out[1:-1]
    # every backslash is part of an escape: \\, \", \n, \t, \r or \uXXXX that *we* wrote
    assert re.fullmatch(r'(?:[^\\"]|\\[\\"ntr]|\\u[0-9a-f]{4})*', inner), out
    # a backslash-u from the spec arrives doubled, so javac never reads it as a unicode escape
    for match in re.finditer(r"(\\+)u", inner):
        backslashes = len(match.group(1))
        if backslashes % 2 == 1:
            assert re.fullmatch(r"[0-9a-f]{4}", inner[match.end():match.end() + 4])


def test_literals_of_json_values() -> None:
    assert java.literal(None) == "null"
    assert java.literal(True) == "true"
    assert java.literal(3) == "3"
    assert java.literal(9007199254740993) == "9007199254740993L"
    assert java.literal(1.5) == "1.5"
    assert java.literal('a"b') == '"a\\"b"'


def test_numbers_java_cannot_spell_become_expressions() -> None:
    assert java.literal(float("nan")) == "Double.NaN"
    assert java.literal(float("inf")) == "Double.POSITIVE_INFINITY"
    assert java.literal(float("-inf")) == "Double.NEGATIVE_INFINITY"
    assert java.literal(-0.0) == "-0.0" and java.literal(0.1 + 0.2) == "0.30000000000000004"
    assert java.literal(2 ** 63 - 1) == "9223372036854775807L" and java.literal(-(2 ** 63)) == "-9223372036854775808L"
    assert java.literal(2 ** 70) == 'new java.math.BigInteger("1180591620717411303424")'
    assert java.literal(-(2 ** 70)) == 'new java.math.BigInteger("-1180591620717411303424")'
    assert java.literal({"a": [1]}) == '"{\\"a\\": [1]}"'


def test_a_nan_default_is_shown_as_json_text_and_enum_values_beyond_long_are_left_out() -> None:
    field = ir.Field("ratio", ("ratio",), ir.Prim(ir.PrimKind.DOUBLE), False, False, float("nan"), "A ratio.")
    model = ir.ObjectModel("Ratios", ("Ratios",), (field,), "")
    level = ir.EnumModel("Big", ("Big",), ir.PrimKind.INT64, (ir.EnumValue(2 ** 63, ("big",)),
                                                               ir.EnumValue(1, ("one",))), "Levels.")
    api = dataclasses.replace(_hostile_api(), models=(model, level))
    view = java._model_view(model, java.Types(api))
    assert view.fields[0].javadoc == "    /**\n     * A ratio.\n     *\n     * The service's default: NaN\n     */"
    enum = java._model_view(level, java.Types(api))
    assert enum.members == (("ONE", "1L"),)
    assert "left out here: 9223372036854775808." in enum.javadoc


# ---- types ---------------------------------------------------------------------------------------------------
def test_type_table() -> None:
    types = java.Types(_hostile_api())
    prim = {k: types.java(ir.Prim(k)) for k in ir.PrimKind}
    assert prim[ir.PrimKind.INT64] == "Long" and prim[ir.PrimKind.INT32] == "Integer"
    assert prim[ir.PrimKind.DATETIME] == "OffsetDateTime" and prim[ir.PrimKind.UUID] == "UUID"
    assert prim[ir.PrimKind.BYTES] == "byte[]" and prim[ir.PrimKind.ANY] == "Object"
    assert types.java(ir.Array(ir.Array(ir.Prim(ir.PrimKind.DOUBLE)))) == "List<List<Double>>"
    assert types.java(ir.Map(ir.Named("Client"))) == "Map<String, ClientModel>"
    assert types.type_ref(ir.Array(ir.Named("String"))) == "new TypeReference<List<StringModel>>() { }"


def test_union_variants_get_unique_legal_accessor_names() -> None:
    union = ir.UnionModel("U", ("U",), (ir.UnionVariant(("a-b",), ir.Prim(ir.PrimKind.STRING)),
                                        ir.UnionVariant(("a", "b"), ir.Prim(ir.PrimKind.INT64)),
                                        ir.UnionVariant(("2", "class"), ir.Array(ir.Prim(ir.PrimKind.INT32)))),
                          "kind", (("x\"*/", 0), ("y", 1), ("x\"*/", 2)), "")
    api = dataclasses.replace(_hostile_api(), models=(union,))
    view = java._model_view(union, java.Types(api))
    names = [v.name for v in view.variants]
    assert len(set(names)) == 3 and all(re.fullmatch(r"[A-Z][A-Za-z0-9_]*", n) for n in names), names
    assert [v.type for v in view.variants] == ["String", "Long", "List<Integer>"]
    assert view.discriminator == '"kind"' and view.mapping == (('"x\\"*/"', 0), ('"y"', 1))
    # each variant is read only when the value fits its own schema (ModelSupport checks, recursively)
    assert [v.check for v in view.variants] == ["ModelSupport::string", "ModelSupport::int64",
                                                 "ModelSupport.list(ModelSupport::int32)"]
    # building a variant writes the spec's first discriminator value naming it
    assert [v.tag for v in view.variants] == ['"x\\"*/"', '"y"', "null"]


def test_package_names() -> None:
    options = Options(spec="x", out=Path("o"), languages=("java",), package_name="azml-client")
    api = _hostile_api()
    assert java.package_name(options, api) == ("azml-client", "com.example", "com.example.azmlclient")
    options = Options(spec="x", out=Path("o"), languages=("java",), package_name="new", java_package="org.acme.api")
    assert java.package_name(options, api) == ("new", "org.acme", "org.acme.api")
    options = Options(spec="x", out=Path("o"), languages=("java",), package_name="int")
    assert java.package_name(options, api)[2] == "com.example.int_"
    # a package segment is a folder too: never a Windows device name
    options = Options(spec="x", out=Path("o"), languages=("java",), package_name="con")
    assert java.package_name(options, api)[2] == "com.example.con_"
    options = Options(spec="x", out=Path("o"), languages=("java",), java_package="org.nul.aux.api")
    assert java.package_name(options, api) == (java.package_name(options, api)[0], "org.nul_.aux_", "org.nul_.aux_.api")


def test_classes_whose_file_would_be_a_windows_device_get_a_suffix(tmp_path: Path) -> None:
    for words, name in ((("con",), "ConModel"), (("NUL",), "NULModel"), (("aux",), "AuxModel"),
                        (("prn",), "PrnModel"), (("com1",), "Com1Model"), (("LPT9",), "LPT9Model")):
        assert java.class_name(words) == name
    assert java.class_name(("console",)) == "Console" and java.class_name(("com", "10")) == "Com10"
    spec = {"openapi": "3.0.3", "info": {"title": "Devices", "version": "1"}, "paths": {},
            "components": {"schemas": {name: {"type": "object", "properties": {"x": {"type": "string"}}}
                                       for name in ("CON", "nul", "Aux", "COM1", "lpt1", "prn")}}}
    path = tmp_path / "devices.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    sdk = _generate(str(path), tmp_path / "out")  # write.check_paths refuses a device file name
    names = sorted(p.stem for p in sdk.rglob("model/*.java"))
    assert names == ["AuxModel", "COM1Model", "CONModel", "Lpt1Model", "NulModel", "PrnModel"], names


# ---- generated output ----------------------------------------------------------------------------------------
def _hostile_api() -> ir.ApiSpec:
    from generator import build, fetch, resolve, upgrade

    src = fetch.load(_tmp_spec())
    return build.build(upgrade.upgrade(resolve.resolve_external(src)), src, [])


_SPEC_FILE: list[str] = []


def _tmp_spec() -> str:
    if not _SPEC_FILE:
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="hostile-java-"))
        (folder / "hostile.json").write_text(json.dumps(HOSTILE), encoding="utf-8")
        _SPEC_FILE.append(str(folder / "hostile.json"))
    return _SPEC_FILE[0]


def _generate(spec: str, out: Path, package_name: str | None = None) -> Path:
    generate(Options(spec=spec, out=out, languages=("java",), package_name=package_name))
    return out / "java"


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = _generate(_tmp_spec(), tmp_path / "a")
    second = _generate(_tmp_spec(), tmp_path / "b")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_spec_text_never_escapes_into_java_source(tmp_path: Path) -> None:
    sdk = _generate(_tmp_spec(), tmp_path)
    for source in sdk.rglob("*.java"):
        text = source.read_text(encoding="utf-8")
        for comment in re.findall(r"/\*\*.*?\*/", text, flags=re.S):
            assert "\\u" not in comment and "@deprecated {" not in comment, source


@pytest.fixture(scope="module")
def hostile_sdk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile spec's SDK, generated once (and so built by Maven once) for the tests below."""
    return _generate(_tmp_spec(), tmp_path_factory.mktemp("hostile"))


def _compiled(sdk: Path, work: Path) -> str:
    """Compiles the SDK with the toolchain check; returns the classpath to run code against it."""
    if not (work / "classes").is_dir():
        toolchain.check(sdk, work)
    return os.pathsep.join([str(work / "classes"), toolchain.dependency_classpath(sdk)])


def _run_java(sdk: Path, sdk_work: Path, source_text: str, main_class: str, work: Path) -> str:
    """Compiles one program (warnings as errors) against the SDK, runs it, returns its output."""
    classpath = _compiled(sdk, sdk_work)
    source = work / "src" / (main_class.rsplit(".", 1)[-1] + ".java")
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(source_text, encoding="utf-8")
    toolchain.javac([source], work / "classes", classpath, work)
    done = subprocess.run(["java", "-cp", os.pathsep.join([str(work / "classes"), classpath]), main_class],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@needs_java
@pytest.mark.parametrize("spec", SPECS + ["hostile"], ids=lambda s: s if isinstance(s, str) else s.name)
def test_every_spec_compiles_warning_free(spec: Path | str, tmp_path: Path, hostile_sdk: Path) -> None:
    sdk = hostile_sdk if spec == "hostile" else _generate(str(spec), tmp_path, "compile-check")
    work = sdk.parent / "work-java" if spec == "hostile" else tmp_path / "work"
    # javac --release 11 -Xlint:all -Werror over every source; raises with the compiler's output on any warning
    classpath = _compiled(sdk, work)
    # the README's examples compile against it too (javac -Xlint:all -Werror): usage with per-call options, the
    # caller's own HttpClient with hooks and logging, the Azure ML credential, and pages, long-running operations
    # and streams where the spec has them; the Entra ID one needs azure-identity
    readme = (sdk / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"```java\n(.*?)```", readme, flags=re.S)
    compiled = [text for text in examples if "com.azure" not in text]
    streaming = int("public class Streaming" in readme)
    assert len(compiled) == 3 + streaming and len(examples) == 4 + streaming, readme
    if spec != "hostile" and spec.name in ("conformance.yaml", "azure-jobs.swagger2.json"):
        assert streaming and "byPage()" in readme and "waitForCompletion(" in readme, readme
    entra = next(text for text in examples if "com.azure" in text)
    assert 'getTokenSync(scope)' in entra and '"https://ml.azure.com/.default"' in entra, entra
    for text in compiled:
        name = re.search(r"public class (\w+)", text).group(1)
        source = tmp_path / name / f"{name}.java"
        source.parent.mkdir()
        source.write_text(text, encoding="utf-8")
        toolchain.javac([source], tmp_path / name / "classes", classpath, tmp_path / name)


CHECK = r"""
import com.example.hostileu000aapiclient.Client;
import com.example.hostileu000aapiclient.model.ClientModel;
import com.example.hostileu000aapiclient.model.Color;
import com.example.hostileu000aapiclient.model.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

public final class Check {
    private Check() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = Client.objectMapper();
        ObjectNode out = json.createObjectNode();
        out.put("base_url", Client.DEFAULT_BASE_URL);
        ArrayNode colors = out.putArray("colors");
        for (Color color : Color.values()) {
            colors.add(color.getValue());
        }
        ArrayNode levels = out.putArray("levels");
        for (Level level : Level.values()) {
            levels.add(level.getValue());
        }
        ClientModel model = new ClientModel().class_("c").when(null).putAdditionalProperty("extra", 9007199254740993L);
        out.set("model", json.valueToTree(model));
        ClientModel back = json.readValue("{\"class\":\"k\",\"id\":null,\"color\":\"purple\",\"level\":2,\"zz\":1}",
                ClientModel.class);
        out.set("back", json.valueToTree(back));
        out.put("back_color", String.valueOf(back.getColor()));
        out.put("back_color_known", back.getColor().isKnown());
        out.put("back_id_set", back.isIdSet());
        out.put("back_when_set", back.isWhenSet());
        System.out.println(json.writeValueAsString(out));
    }
}
"""


@needs_java
def test_hostile_sdk_keeps_every_spec_string_exact_at_run_time(tmp_path: Path, hostile_sdk: Path) -> None:
    output = _run_java(hostile_sdk, hostile_sdk.parent / "work-java", CHECK, "Check", tmp_path)
    result = json.loads(output)
    assert result["base_url"] == HOSTILE["servers"][0]["url"]
    assert result["colors"] == HOSTILE["components"]["schemas"]["Color"]["enum"]
    assert result["levels"] == [1, 2, 9007199254740993]
    # unset fields left out, the nullable field set to null sent as null, extra properties kept exactly
    assert result["model"] == {"class": "c", "when": None, "extra": 9007199254740993}
    # explicit null read back stays explicit; unknown enum values and unknown fields are tolerated
    assert result["back"]["id"] is None and "when" not in result["back"]
    assert result["back"]["level"] == 2 and result["back"]["zz"] == 1
    assert result["back_color"] == "purple"  # a value the spec does not list is kept (an open enum)
    assert result["back"]["color"] == "purple" and result["back_color_known"] is False
    assert result["back_id_set"] is True and result["back_when_set"] is False


@pytest.fixture(scope="module")
def fixture_sdks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The unions and bodies fixtures' SDKs (packages com.example.fixtureunions / fixturebodies)."""
    root = tmp_path_factory.mktemp("fixtures")
    for name in ("unions", "bodies"):
        spec = next(p for p in SPECS if p.name.startswith(name + "."))
        _generate(str(spec), root / name, f"fixture-{name}")
    return root


UNION_CHECK = r"""
import com.example.fixtureunions.Client;
import com.example.fixtureunions.model.Cat;
import com.example.fixtureunions.model.ClientModel;
import com.example.fixtureunions.model.Dog;
import com.example.fixtureunions.model.Holder;
import com.example.fixtureunions.model.Pet;
import com.example.fixtureunions.model.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

public final class UnionCheck {
    private UnionCheck() {
    }

    static void check(boolean ok, Object what) {
        if (!ok) {
            throw new AssertionError(String.valueOf(what));
        }
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = Client.objectMapper();
        Pet pet = json.readValue("{\"petType\":\"dog\",\"bark\":null,\"wag\":true}", Pet.class);
        check(pet.asCat() == null, "the discriminator names dog");
        Dog dog = pet.asDog();
        check(dog.getBark() == null && dog.isBarkSet(), dog);
        check(dog.getAdditionalProperties().equals(Map.of("wag", true)), dog);
        Pet cat = Pet.fromCat(new Cat().petType("cat").lives(9).friend(pet));
        check(json.writeValueAsString(cat).equals(
                "{\"petType\":\"cat\",\"lives\":9,\"friend\":{\"petType\":\"dog\",\"bark\":null,\"wag\":true}}"), cat);
        check(cat.asCat().getFriend().asDog().equals(dog), cat);
        check(cat.asDog() == null && cat.equals(json.readValue(json.writeValueAsString(cat), Pet.class)), cat);
        String parrot = "{\"petType\":\"parrot\",\"words\":12345678901234567}";
        Pet newer = json.readValue(parrot, Pet.class);
        check(newer.asCat() == null && newer.asDog() == null, "a discriminator naming no variant reads as none");
        check(newer.getRaw().get("words").asLong() == 12345678901234567L, newer);
        check(json.writeValueAsString(newer).equals(parrot), "an unknown kind is kept exactly");
        Holder holder = json.readValue("{\"value\":2.5,\"values\":[true,\"2024-01-02T03:04:05Z\",{\"x\":[1]}]}",
                Holder.class);
        check(holder.getValue().asDouble() == 2.5 && holder.getValue().asString() == null, holder);
        check(holder.getValues().get(0).asBool() && holder.getValues().get(0).asDatetime() == null, holder);
        check(holder.getValues().get(1).asDatetime().equals(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)),
                holder);
        check(holder.getValues().get(2).asBool() == null, "a shape no variant has still decodes");
        check(json.writeValueAsString(holder).equals(
                "{\"value\":2.5,\"values\":[true,\"2024-01-02T03:04:05Z\",{\"x\":[1]}]}"), holder);
        check(json.writeValueAsString(new Holder().value(ClientModel.fromString("s"))).equals("{\"value\":\"s\"}"),
                "from a string");
        // building a variant writes its discriminator value; one naming another variant is refused
        check(json.writeValueAsString(Pet.fromCat(new Cat().lives(1))).equals("{\"petType\":\"cat\",\"lives\":1}"),
                "the discriminator is written");
        try {
            Pet.fromDog(new Dog().petType("cat"));
            throw new AssertionError("a dog named cat was built");
        } catch (IllegalArgumentException e) {
            check(e.getMessage().contains("petType"), e.getMessage());
        }
        // a variant whose own schema does not fit (a required field missing, a field of the wrong type) is none
        check(json.readValue("{\"petType\":\"cat\",\"lives\":\"nine\"}", Pet.class).asCat() == null, "lives");
        check(json.readValue("{\"petType\":\"cat\",\"friend\":{\"petType\":\"dog\",\"bark\":1}}", Pet.class)
                .asCat() == null, "a nested union's variant must fit too");
        Shape square = json.readValue("{\"kind\":\"Square\",\"side\":2}", Shape.class);
        check(square.asCircle() == null && square.asSquare().getSide() == 2.0, square);
        check(json.readValue("null", Shape.class) == null, "null");
        System.out.println("ok");
    }
}
"""


@needs_java
def test_unions_keep_the_raw_value_and_read_each_variant(fixture_sdks: Path, tmp_path: Path) -> None:
    sdk = fixture_sdks / "unions" / "java"
    assert _run_java(sdk, sdk.parent / "work", UNION_CHECK, "UnionCheck", tmp_path).strip() == "ok"


MULTIPART_CHECK = r"""
package com.example.fixturebodies;

import com.example.fixturebodies.model.UploadDocumentRequest;
import com.example.fixturebodies.model.UploadDocumentRequestMeta;
import java.nio.charset.StandardCharsets;

public final class MultipartCheck {
    private MultipartCheck() {
    }

    public static void main(String[] args) {
        ApiRuntime.Request request = new ApiRuntime.Request("POST", "/documents");
        UploadDocumentRequest body = new UploadDocumentRequest().file(new byte[] {'%', 'P', 0, (byte) 0xff})
                .title("\u00dcber \"x\"").meta(new UploadDocumentRequestMeta().author("a"));
        request.multipartBody(body, "multipart/form-data");
        ApiRuntime.Request odd = new ApiRuntime.Request("POST", "/documents");
        odd.multipartBody(java.util.Map.of("we\"ird\r\nname", 3), "multipart/form-data");
        System.out.println(new String(odd.body, StandardCharsets.UTF_8).split("\r\n")[1]);
        System.out.println(request.headers.get("Content-Type"));
        System.out.println(java.util.Base64.getEncoder().encodeToString(request.body));
    }
}
"""


@needs_java
def test_multipart_body_sends_files_text_and_json_parts(fixture_sdks: Path, tmp_path: Path) -> None:
    sdk = fixture_sdks / "bodies" / "java"
    output = _run_java(sdk, sdk.parent / "work", MULTIPART_CHECK, "com.example.fixturebodies.MultipartCheck",
                       tmp_path)
    odd, header, raw = output.split("\n", 2)
    # quotes, CR and LF in a part's name are percent-encoded: they cannot end the header or add one
    assert odd == 'Content-Disposition: form-data; name="we%22ird%0D%0Aname"', odd
    assert header.startswith("multipart/form-data; boundary=clientgen-")
    boundary = header.split("boundary=")[1]
    body = base64.b64decode(raw.strip())
    parts = body.split(b"--" + boundary.encode())
    assert parts[0] == b"" and parts[-1] == b"--\r\n", parts
    assert parts[1] == (b'\r\nContent-Disposition: form-data; name="file"; filename="file"\r\n'
                        b"Content-Type: application/octet-stream\r\n\r\n%P\x00\xff\r\n"), parts[1]
    assert parts[2] == b'\r\nContent-Disposition: form-data; name="title"\r\n\r\n' + 'Über "x"'.encode() + b"\r\n"
    assert parts[3] == (b'\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n'
                        b'{"author":"a"}\r\n'), parts[3]
    assert len(parts) == 5, parts  # unset fields (pages) send no part


# ---- operations grouped by tag, RawResponse.json(), model imports -------------------------------------------
def _spec_api(spec: Path) -> ir.ApiSpec:
    from generator import build, fetch, resolve, upgrade

    src = fetch.load(str(spec))
    return build.build(upgrade.upgrade(resolve.resolve_external(src)), src, [])


KITCHEN_SINK = ROOT / "fixtures" / "specs" / "kitchen-sink.openapi3.yaml"


def test_group_names_are_unique_against_client_members_operations_and_types() -> None:
    api = _spec_api(KITCHEN_SINK)
    first = api.operations[0].words  # listPets
    groups = (
        ir.OperationGroup("send", ("send",), "", (first,)),  # a client method
        ir.OperationGroup("transport", ("transport",), "", (first,)),  # the client's field
        ir.OperationGroup("list pets", ("list", "pets"), "", (first,)),  # an operation's method
        ir.OperationGroup("default", ("default",), "*/ @see \\u002A", (first,)),  # a keyword, hostile text
        ir.OperationGroup("taken", ("taken",), "", (first,)),  # its class is named like a model
        ir.OperationGroup("empty", ("empty",), "", ()),  # no operations: no class
    )
    model = ir.ObjectModel("TakenOperations", ("taken", "operations"), (), "")
    api = dataclasses.replace(api, groups=groups, models=api.models + (model,))
    types = java.Types(api)
    methods, classes = java.Scope(), java._class_scope(types)
    operations = [java._operation_view(op, types, methods, classes) for op in api.operations]
    views = java._group_views(api, operations, classes)
    assert [(g.accessor, g.class_name) for g in views] == [
        ("send_", "SendOperations"), ("transport_", "TransportOperations"), ("listPets2", "ListPetsOperations"),
        ("default_", "DefaultOperations"), ("taken", "TakenOperations2")]
    assert types.names["TakenOperations"] == "TakenOperations"
    assert all(g.operations == (operations[0],) for g in views)
    assert "*/" not in "".join(views[3].javadoc_lines) and "\\u" not in "".join(views[3].javadoc_lines)


def test_model_files_import_only_what_they_use(tmp_path: Path) -> None:
    for spec in SPECS:
        sdk = _generate(str(spec), tmp_path / spec.name, "imports-check")
        for source in (sdk / "src" / "main" / "java").rglob("model/*.java"):
            text = source.read_text(encoding="utf-8")
            imports = re.findall(r"^import ([\w.]+);$", text, flags=re.M)
            body = text.split("\n\n", 2)[2]  # after the package line and the imports
            for name in imports:
                assert re.search(r"\b" + name.rsplit(".", 1)[1] + r"\b", body), (source, name)


GROUP_CHECK = r"""
import com.example.ks.Client;
import com.example.ks.ListPetsParams;
import com.example.ks.PetsOperations;
import com.example.ks.model.NewPet;
import com.example.ks.model.Pet;
import java.util.List;

public final class GroupCheck {
    private GroupCheck() {
    }

    public static void main(String[] args) {
        Client client = Client.builder().baseUrl(args[0]).credential("k").build();
        PetsOperations pets = client.pets();
        List<Pet> tagged = pets.listPets(new ListPetsParams().limit(2));
        List<Pet> flat = client.listPets(new ListPetsParams().limit(2), null);
        Pet created = pets.createPetAsync(new NewPet().name("Rex")).join();
        client.createPet(new NewPet().name("Rex"));
        System.out.println(tagged.get(0).getName() + " " + flat.get(0).getName() + " " + created.getName()
                + " " + (client.pets() == pets) + " " + pets);
        System.out.println(client.send("GET", "/pets", null, null).json().get(0).get("id").asLong());
        try {
            client.send("GET", "/text", null, null).json();
            System.out.println("no error");
        } catch (com.example.ks.ResponseDecodeException error) {
            System.out.println("not json " + error.getStatusCode());
        }
    }
}
"""


@needs_java
def test_operations_are_also_grouped_by_tag(tmp_path: Path) -> None:
    from .conformance.server import RecordingServer, Reply

    sdk = _generate(str(KITCHEN_SINK), tmp_path / "sdk", "ks")
    assert (sdk / "src/main/java/com/example/ks/PetsOperations.java").is_file()
    pet = {"id": 9007199254740993, "name": "Rex"}
    server = RecordingServer([Reply(200, [pet]), Reply(200, [pet]), Reply(201, pet), Reply(201, pet),
                              Reply(200, [pet]), Reply(200, b"Healthy", (("Content-Type", "text/html"),))])
    try:
        classpath = _compiled(sdk, tmp_path / "work")
        source = tmp_path / "prog" / "GroupCheck.java"
        source.parent.mkdir()
        source.write_text(GROUP_CHECK, encoding="utf-8")
        toolchain.javac([source], tmp_path / "prog" / "classes", classpath, tmp_path / "prog")
        done = subprocess.run(["java", "-cp", os.pathsep.join([str(tmp_path / "prog" / "classes"), classpath]),
                               "GroupCheck", server.url], capture_output=True, text=True, timeout=120)
    finally:
        server.close()
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.split("\n")[:3] == ["Rex Rex Rex true PetsOperations(baseUrl=" + server.url + ")",
                                          "9007199254740993", "not json 200"], done.stdout
    requests = [r.canonical() for r in server.requests]
    assert requests[0] == requests[1] and requests[0]["query"] == [("limit", "2")], requests
    assert requests[2] == requests[3] and requests[2]["body"] == {"name": "Rex"}, requests


def test_the_runtime_ships_as_written_with_only_its_package_renamed(tmp_path: Path) -> None:
    folder = ROOT / "runtime" / "java" / java.RUNTIME_FOLDER
    sources = sorted(p.stem for p in folder.glob("*.java"))
    # every runtime source ships, except SdkInfo: its test copy; each SDK's is rendered from SdkInfo.java.j2
    assert sorted(java.RUNTIME_SOURCES + ("SdkInfo",)) == sources
    sdk = _generate(str(CONTRACT), tmp_path, "runtime-copy")
    package = sdk / "src/main/java/com/example/runtimecopy"
    for name in java.RUNTIME_SOURCES:
        shipped = (package / f"{name}.java").read_text(encoding="utf-8")
        original = (folder / f"{name}.java").read_text(encoding="utf-8")
        assert shipped == original.replace("package clientgen.runtime;", "package com.example.runtimecopy;", 1)
    # the rendered SdkInfo declares what the runtime's test copy does
    declared = re.compile(r"static final (\S+) (\w+) =")
    assert declared.findall((package / "SdkInfo.java").read_text(encoding="utf-8")) == \
        declared.findall((folder / "SdkInfo.java").read_text(encoding="utf-8"))


# ---- pages, long-running operations and streams -----------------------------------------------------------------
def _paged_views() -> dict[str, java.OperationView]:
    """The conformance API's views with the pagination rules of its config file (Link header, cursor, offset)."""
    from generator import build, fetch, resolve, upgrade
    from generator.config import read_config_file

    src = fetch.load(str(CONTRACT))
    rules = read_config_file(CONTRACT.with_name("conformance.clientgen.toml"))["pagination"]
    api = build.build(upgrade.upgrade(resolve.resolve_external(src)), src, [], rules)
    types, methods = java.Types(api), java.Scope()
    return {op.operation_id: java._operation_view(op, types, methods) for op in api.operations}


def test_a_paged_operation_returns_a_pager_of_its_items_and_has_no_async_form() -> None:
    views = _paged_views()
    pages = views["ListPages"]
    assert (pages.name, pages.async_name, pages.returns) == ("listPages", None, "PagedIterable<Record>")
    assert not any(m.is_async for m in pages.methods)
    full = next(m.forward for m in pages.methods if m.has_options)
    assert full == ('new PagedIterable<>(this.transport, listPagesExchange(), options, '
                    'PagedIterable.Rule.nextLink("value", "nextLink"), new TypeReference<List<Record>>() { })')
    # each page is decoded as JSON checked against the page's schema; the pager reads the items and the link
    assert pages.result == "JsonNode"
    assert pages.decode == ('ApiRuntime.decodeJson(response, new TypeReference<JsonNode>() { }, '
                            'RecordPage::jsonProblem, Set.of())')
    rules = {name: next(m.forward for m in views[name].methods if m.has_options).split(", ")[3:-1]
             for name in ("ListLinked", "ListCursor", "ListOffset")}
    assert rules == {"ListLinked": ["PagedIterable.Rule.linkHeader(null)"],
                     "ListCursor": ['PagedIterable.Rule.cursor("data"', '"next_cursor"', '"cursor")'],
                     "ListOffset": ['PagedIterable.Rule.offset("items"', '"offset")']}
    # the optional parameters still come in their Params object, before the options
    assert {tuple(t for t, _ in m.params) for m in views["ListCursor"].methods} == {
        (), ("ListCursorParams",), ("ListCursorParams", "RequestOptions")}


def test_a_long_running_operation_is_begun_and_returns_a_poller_of_its_result() -> None:
    views = _contract_views()
    start, run, export = views["StartJob"], views["RunJob"], views["ExportJob"]
    assert (start.name, start.async_name, start.returns) == ("beginStartJob", None, "Poller<Job>")
    assert [m.name for m in start.methods] == ["beginStartJob", "beginStartJob"]
    assert next(m.forward for m in start.methods if m.has_options) == \
        'Poller.start(this.transport, beginStartJobExchange(body), options, "location")'
    # the result is the final answer's value (an empty final answer is none), never Optional for the 202
    assert start.result == "Job" and start.decode.endswith('Job::jsonProblem, Set.of("2XX"))')
    assert next(m.forward for m in run.methods if m.has_options).endswith('options, "original-uri")')
    assert export.name == "beginExportJob"


def test_streams_return_event_and_line_streams_decoding_each_item() -> None:
    views = _contract_views()
    events, lines, generate_ = views["StreamEvents"], views["StreamLines"], views["GenerateStream"]
    assert (events.returns, events.async_name) == ("EventStream<Record>", None)
    assert events.exchange_of == ('Transport.Exchange.streaming(request, errors, response -> new EventStream<>('
                                  'response, ApiRuntime.jsonItem(new TypeReference<Record>() { }, '
                                  'Record::jsonProblem)))')
    assert lines.returns == "LineStream<Record>" and "new LineStream<>(response" in lines.exchange_of
    assert next(m.forward for m in events.methods if m.has_options) == \
        "this.transport.send(streamEventsExchange(), options)"
    assert generate_.returns == "EventStream<GenerateStreamResponse>"
    assert '"GenerateStream", "text/event-stream, application/json", ' in generate_.request
    # an event whose data is a plain string is the string itself
    api = _spec_api(CONTRACT)
    op = next(o for o in api.operations if o.operation_id == "StreamEvents")
    text = dataclasses.replace(op.success, kind=ir.BodyKind.TEXT, type=ir.Prim(ir.PrimKind.STRING))
    view = java._operation_view(dataclasses.replace(op, responses=(text,)), java.Types(api), java.Scope())
    assert view.returns == "EventStream<String>"
    assert view.exchange_of.endswith("new EventStream<>(response, data -> data))")


def test_a_binary_answer_also_comes_as_a_stream_method() -> None:
    image = _contract_views()["GetImage"]
    assert (image.name, image.async_name, image.stream_method) == ("getImage", "getImageAsync", "getImageStream")
    shapes = {(m.name, m.returns, tuple(t for t, _ in m.params)): m.forward for m in image.methods}
    assert shapes[("getImageStream", "InputStream", ("RequestOptions",))] == \
        "this.transport.send(getImageExchange().streamed(response -> response.body()), options)"
    assert shapes[("getImageStream", "InputStream", ())] == "getImageStream(null)"
    assert shapes[("getImage", "byte[]", ())] == "getImage(null)"


def test_begin_and_stream_methods_are_unique_against_every_other_method() -> None:
    api = _spec_api(CONTRACT)
    ops = {op.operation_id: op for op in api.operations}
    public = ops["GetPublic"]
    clashing = [dataclasses.replace(public, operation_id="BeginStartJob", words=("begin", "start", "job")),
                ops["StartJob"],
                ops["GetImage"],
                dataclasses.replace(public, operation_id="GetImageStream", words=("get", "image", "stream")),
                dataclasses.replace(ops["StartJob"], operation_id="Send", words=("send",))]
    for order in (clashing, clashing[::-1]):
        types, methods = java.Types(api), java.Scope()
        views = {op.operation_id: java._operation_view(op, types, methods) for op in order}
        names = [m.name for view in views.values() for m in view.methods] + [v.exchange for v in views.values()]
        distinct = set(names)
        assert len(distinct) == len({n.lower() for n in distinct}), names
        per_op = [{m.name for m in view.methods} | {view.exchange} for view in views.values()]
        assert all(not a & b for i, a in enumerate(per_op) for b in per_op[i + 1:]), per_op
        assert views["StartJob"].name.startswith("beginStartJob")
        assert views["GetImage"].stream_method.startswith("getImageStream")
        assert views["BeginStartJob"].name != views["StartJob"].name
        assert views["GetImageStream"].name != views["GetImage"].stream_method
        assert views["Send"].name == "beginSend"
    types, methods = java.Types(api), java.Scope()
    first = [java._operation_view(op, types, methods) for op in clashing]
    assert (first[0].name, first[1].name) == ("beginStartJob", "beginStartJob2")
    assert (first[2].stream_method, first[3].name) == ("getImageStream", "getImageStream2")

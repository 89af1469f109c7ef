"""Swagger 2.0 shapes -> OpenAPI 3 shapes, so that `build.py` reads one dialect.

A new document is returned; the input is not changed. Covered: schemes/host/basePath -> servers, definitions ->
components.schemas, securityDefinitions -> components.securitySchemes, consumes/produces -> media types, body
and formData parameters -> requestBody, collectionFormat -> style/explode, `type: file` -> binary strings,
`x-nullable` -> nullable, a parameter's `x-ms-enum` -> its schema's. Parameter and response references are inlined (their targets may turn into request
bodies); schema references stay references, pointed at their new section.
"""

from __future__ import annotations

import copy
from typing import Any

from .resolve import iter_refs

_REF_SECTIONS = {"#/definitions/": "#/components/schemas/"}
_COLLECTION_FORMATS = {  # collectionFormat -> (style, explode)
    "csv": ("form", False),
    "multi": ("form", True),
    "ssv": ("spaceDelimited", False),
    "pipes": ("pipeDelimited", False),
    "tsv": ("form", False),
}
_SCHEMA_KEYS = ("type", "format", "items", "enum", "default", "minimum", "maximum", "pattern", "minLength",
                "maxLength", "minItems", "maxItems", "uniqueItems", "multipleOf", "exclusiveMinimum",
                "exclusiveMaximum", "x-ms-enum")  # x-ms-enum: Azure's name and value names of the enum
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")


def upgrade(document: dict) -> dict:
    """An OpenAPI 3 document for any input: Swagger 2.0 is converted, OpenAPI 3.x is returned as it is."""
    if "swagger" not in document:
        return document
    source = copy.deepcopy(document)
    for _, ref in list(iter_refs(source)):
        for old, new in _REF_SECTIONS.items():
            if ref["$ref"].startswith(old):
                ref["$ref"] = new + ref["$ref"][len(old):]
    _nullable(source)
    out: dict[str, Any] = {"openapi": "3.0.3", "info": source.get("info", {})}
    servers = _servers(source)
    if servers:
        out["servers"] = servers
    for key in ("tags", "externalDocs", "security"):
        if key in source:
            out[key] = source[key]
    out.update({k: v for k, v in source.items() if k.startswith("x-")})
    consumes = source.get("consumes") or ["application/json"]
    produces = source.get("produces") or ["application/json"]
    out["paths"] = {}
    for route, item in (source.get("paths") or {}).items():
        new_item: dict[str, Any] = {k: v for k, v in item.items() if k not in _METHODS and k != "parameters"}
        shared = [_param_target(source, p) for p in item.get("parameters", [])]
        if shared:
            new_item["parameters"] = [_parameter(p) for p in shared if p.get("in") not in ("body", "formData")]
        for method in _METHODS:
            if method in item:
                new_item[method] = _operation(source, item[method], shared, consumes, produces)
        out["paths"][route] = new_item
    components: dict[str, Any] = {}
    if source.get("definitions"):
        components["schemas"] = source["definitions"]
    schemes = {name: _security_scheme(scheme) for name, scheme in (source.get("securityDefinitions") or {}).items()}
    if schemes:
        components["securitySchemes"] = schemes
    if components:
        out["components"] = components
    return out


def _nullable(node: Any) -> None:
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("x-nullable") is True:
                node["nullable"] = True
            if node.get("type") == "file":
                node["type"], node["format"] = "string", "binary"
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _servers(source: dict) -> list[dict]:
    host, base_path = source.get("host"), source.get("basePath", "")
    if not host:
        return [{"url": base_path}] if base_path and base_path != "/" else []
    schemes = source.get("schemes") or ["https"]
    scheme = "https" if "https" in schemes else schemes[0]
    return [{"url": f"{scheme}://{host}{base_path.rstrip('/')}"}]


def _param_target(source: dict, param: dict) -> dict:
    ref = param.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/parameters/"):
        return source.get("parameters", {}).get(ref[len("#/parameters/"):], param)
    return param


def _parameter(param: dict) -> dict:
    new = {k: v for k, v in param.items() if k not in _SCHEMA_KEYS and k not in ("collectionFormat", "allowEmptyValue")}
    schema = {k: param[k] for k in _SCHEMA_KEYS if k in param}
    new["schema"] = schema
    if schema.get("type") == "array":
        style, explode = _COLLECTION_FORMATS.get(param.get("collectionFormat", "csv"), ("form", False))
        if param.get("in") in ("path", "header"):
            style = "simple"
        new["style"], new["explode"] = style, explode
    return new


def _operation(source: dict, op: dict, shared: list[dict], consumes: list[str], produces: list[str]) -> dict:
    new = {k: v for k, v in op.items() if k not in ("parameters", "responses", "consumes", "produces", "schemes")}
    own = [_param_target(source, p) for p in op.get("parameters", [])]
    own_keys = {(p.get("name"), p.get("in")) for p in own}
    params = [p for p in shared if (p.get("name"), p.get("in")) not in own_keys] + own
    consumes = op.get("consumes") or consumes
    produces = op.get("produces") or produces
    new["parameters"] = [_parameter(p) for p in own if p.get("in") not in ("body", "formData")]
    if not new["parameters"]:
        del new["parameters"]
    body = next((p for p in params if p.get("in") == "body"), None)
    form = [p for p in params if p.get("in") == "formData"]
    if body is not None:
        new["requestBody"] = {
            "content": {mt: {"schema": body.get("schema", {})} for mt in consumes},
            "required": bool(body.get("required", False)),
        }
        if body.get("description"):
            new["requestBody"]["description"] = body["description"]
    elif form:
        form_types = [mt for mt in consumes if mt in ("multipart/form-data", "application/x-www-form-urlencoded")]
        if any(p.get("type") == "file" or p.get("schema", {}).get("format") == "binary" for p in form):
            form_types = ["multipart/form-data"]
        schema = {
            "type": "object",
            "properties": {p["name"]: _parameter(p)["schema"] | {key: p[key] for key in ("description", "x-ms-client-name")
                                                                  if p.get(key)} for p in form},
        }
        required = [p["name"] for p in form if p.get("required")]
        if required:
            schema["required"] = required
        new["requestBody"] = {
            "content": {mt: {"schema": schema} for mt in form_types or ["application/x-www-form-urlencoded"]},
            "required": bool(required),
        }
    new["responses"] = {}
    for status, response in (op.get("responses") or {}).items():
        ref = response.get("$ref") if isinstance(response, dict) else None
        if isinstance(ref, str) and ref.startswith("#/responses/"):
            response = source.get("responses", {}).get(ref[len("#/responses/"):], {})
        converted = {"description": response.get("description", "")}
        if "schema" in response:
            converted["content"] = {mt: {"schema": response["schema"]} for mt in produces}
        if "headers" in response:
            converted["headers"] = {name: {"schema": {k: v for k, v in h.items() if k in _SCHEMA_KEYS}}
                                    for name, h in response["headers"].items()}
        new["responses"][str(status)] = converted
    return new


def _security_scheme(scheme: dict) -> dict:
    kind = scheme.get("type")
    description = {"description": scheme["description"]} if scheme.get("description") else {}
    if kind == "basic":
        return {"type": "http", "scheme": "basic"} | description
    if kind == "oauth2":
        flow_names = {"implicit": "implicit", "password": "password", "application": "clientCredentials",
                      "accessCode": "authorizationCode"}
        flow = {k: v for k, v in scheme.items() if k in ("authorizationUrl", "tokenUrl")}
        flow["scopes"] = scheme.get("scopes", {})
        return {"type": "oauth2", "flows": {flow_names.get(scheme.get("flow", ""), "implicit"): flow}} | description
    return {k: v for k, v in scheme.items() if k in ("type", "name", "in", "description")}

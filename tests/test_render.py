"""The renderer's escaping guarantee: templates print only render.Code, and contexts hold no raw text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import build, fetch, render, resolve, targets, upgrade
from generator.config import LANGUAGES, Options
from generator.errors import ClientgenError
from generator.render import Code, OutputFile, RuntimeFile, UnescapedValue, check_context, code

from .hostile.specs import all_specs, write

_IMPORTS = re.compile(r"{%-?\s*(?:include|import|from|extends)\s+\"([^\"]+)\"")


class _Target:
    """A minimal target for rendering one template folder."""

    NAME = "python"
    FILTERS = {"upper_code": lambda text: Code(str(text).upper())}

    @staticmethod
    def format_files(texts: dict[str, str]) -> dict[str, str]:
        return texts


def _render(tmp_path: Path, template: str, **context: object) -> str:
    (tmp_path / "python").mkdir(parents=True, exist_ok=True)
    (tmp_path / "python" / "t.j2").write_text(template)
    out = render.render(_Target, [OutputFile("t.j2", "t.txt", dict(context))], tmp_path)  # type: ignore[arg-type]
    return out["t.txt"].decode()


@pytest.mark.parametrize("template", [
    "{{ raw }}",
    "{{ name ~ '!' }}",
    "{{ name|replace('a', 'b') }}",
    "{{ name.upper() }}",
    "{{ name[1:] }}",
    "{{ '%s'|format(name) }}",
    "{{ 1.5 }}",
    "{{ none }}",
    "{% filter replace('x', 'y') %}x{% endfilter %}",
    "{% set joined = [name, 'x']|join('-') %}{{ joined ~ '' }}",
])
def test_a_template_cannot_print_what_no_escaping_function_made(template: str, tmp_path: Path) -> None:
    with pytest.raises(render.TemplateError) as caught:
        _render(tmp_path, template, name=Code("Pet"), raw_holder=[Code("x")], raw=1.5)
    assert "t.j2:1" in str(caught.value)


def test_what_a_template_may_print(tmp_path: Path) -> None:
    text = _render(tmp_path, "{% macro m(x) %}<{{ x }}>{% endmacro %}{% set s %}[{{ n }}]{% endset %}"
                             "{{ m(name) }}{{ s }}{{ 'const' }}{{ n }}{{ flag }}{{ name|upper_code }}"
                             "{{ ', '.join(names) }}{{ name|trim }}{{ 'a' if flag }}{{ 'b' if not flag }}",
                   name=Code("Pet"), n=3, flag=True, names=(Code("a"), Code("b")))
    assert text == "<Pet>[3]const3TruePETa, bPeta"


def test_a_context_holding_raw_text_is_refused_wherever_it_is() -> None:
    @dataclass(frozen=True)
    class View:
        name: Code
        inner: tuple[object, ...]

    check_context({"ok": View(Code("a"), (Code("b"), 1, None, True, {"k": Code("v")}))})
    places = {"value": "raw", "value.inner[1]": View(Code("a"), (Code("b"), "raw")), "value[0]['k']": [{"k": "raw"}],
              "value.inner[0]": View(Code("a"), (Path("x"),)), "value[1]": (Code("a"), b"bytes")}
    shared: set[int] = set()
    for place, bad in places.items():
        with pytest.raises(UnescapedValue, match=re.escape(f"the context's {place} is a ")):
            check_context({"ok": Code("a"), "value": bad}, shared)


def test_code_is_kept_only_when_every_part_is_code() -> None:
    assert isinstance(code("list[{}]", Code("int")), Code)
    with pytest.raises(TypeError):
        code("list[{}]", "int")
    assert type(Code("a") + Code("b")) is Code and type(Code("a") + "b") is str and type("a" + Code("b")) is str
    assert type(Code(", ").join([Code("a"), Code("b")])) is Code and type(Code(", ").join(["a"])) is str
    assert type(Code("{}").format(Code("a"))) is Code and type(Code("{}").format("a")) is str


def test_a_broken_override_is_an_error_naming_its_line(tmp_path: Path) -> None:
    with pytest.raises(ClientgenError) as caught:
        _render(tmp_path, "line one\n{% if %}\n")
    assert "t.j2:2: template syntax error" in str(caught.value)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_raw_spec_text_reaches_any_bundled_template_and_every_template_is_rendered(language: str,
                                                                                      tmp_path: Path) -> None:
    """Every context the target makes from the hostile specs passes check_context, and between them the specs
    render every template of the language (those only included by others too)."""
    target = targets.get(language)
    used: set[str] = set()
    for spec in all_specs():
        source = fetch.load(str(write(spec, tmp_path)))
        api = build.build(upgrade.upgrade(resolve.resolve_external(source)), source, [])
        files = target.files(api, Options(spec=str(source.location), out=tmp_path / "out", languages=(language,)))
        templated = [file for file in files if isinstance(file, OutputFile)]
        for file in templated:
            check_context(file.context)
        used |= {file.template for file in templated}
        render.render(target, files, None)
    folder = render.templates_root() / language
    for name in sorted(used):
        used |= set(_IMPORTS.findall((folder / name).read_text(encoding="utf-8")))
    assert used == {path.relative_to(folder).as_posix() for path in folder.rglob("*.j2")}


def test_a_runtime_source_gets_only_its_placeholder_names_replaced(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "python").mkdir()
    (tmp_path / "python" / "rt.java").write_text(
        "package clientgen.runtime;\nimport clientgen.runtime.model.Pet;\n"
        "class A { String s = \"clientgen.runtimes\"; Object o = my.clientgen.runtime.X; }\n")
    monkeypatch.setattr(render, "runtimes_root", lambda: tmp_path)
    render._runtime_source.cache_clear()
    try:
        file = RuntimeFile("rt.java", "A.java", {"clientgen.runtime": Code("com.acme.pets")})
        assert render.runtime_text("python", file) == (
            "package com.acme.pets;\nimport com.acme.pets.model.Pet;\n"
            "class A { String s = \"clientgen.runtimes\"; Object o = my.clientgen.runtime.X; }\n")
        assert render.render(_Target, [file], None) == {"A.java": render.runtime_text("python", file).encode()}
        with pytest.raises(RuntimeError, match="no placeholder clientgenruntime"):
            render.runtime_text("python", RuntimeFile("rt.java", "A.java", {"clientgenruntime": Code("x")}))
        with pytest.raises(UnescapedValue):
            render.runtime_text("python", RuntimeFile("rt.java", "A.java", {"clientgen.runtime": "raw.text"}))
    finally:
        render._runtime_source.cache_clear()

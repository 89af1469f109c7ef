"""The SDKs' package files (pyproject.toml, the .csproj, go.mod with doc.go, pom.xml) carry the configured package
metadata so that each SDK can be published as generated; hostile metadata stays text; the defaults no registry
takes are warned about, once per config key; the shipped build files hold no strictness flags of clientgen's."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from generator import generate
from generator.config import LANGUAGES, Options, PackageMetadata
from generator.targets import package_diagnostics

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "fixtures" / "specs" / "conformance.yaml"
POM = "{http://maven.apache.org/POM/4.0.0}"

METADATA = PackageMetadata(license="Apache-2.0", authors=("Ada Lovelace <ada@example.org>", "Charles Babbage"),
                           description="Scores diabetes progression.", homepage="https://acme.example.org/sdk",
                           repository="https://github.com/acme/scoring-sdk", java_group_id="org.acme",
                           nuget_package_id="Acme.Scoring")
# Every value tries to leave its place: a TOML string, an XML element, a CDATA section, a line, an MSBuild
# property or property function, a Maven property.
HOSTILE = 'MIT" <b>&amp; ]]> </license>\nevil = "1" $(MSBuildProjectDirectory) $([System.IO.File]::ReadAllText(x)) ${env.HOME} %3B'
HOSTILE_METADATA = PackageMetadata(license=HOSTILE, authors=(f"{HOSTILE} <a@b.c>",), description=HOSTILE,
                                   homepage=f"https://acme.example.org/?q={HOSTILE}", repository=HOSTILE,
                                   java_group_id="org.acme", nuget_package_id="Acme.Scoring")
ONE_LINE = " ".join(HOSTILE.split())


def _generate(out: Path, metadata: PackageMetadata, **options: object) -> Path:
    generate(Options(spec=str(SPEC), out=out, languages=LANGUAGES, package_name="acme-scoring", metadata=metadata,
                     **options))  # type: ignore[arg-type]
    return out


def _pyproject(out: Path) -> dict:
    return tomllib.loads((out / "python" / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _csproj(out: Path) -> dict[str, str]:
    root = ET.parse(next((out / "csharp").glob("*.csproj"))).getroot()
    return {element.tag: element.text or "" for group in root.iter("PropertyGroup") for element in group}


def _pom(out: Path) -> ET.Element:
    return ET.parse(out / "java" / "pom.xml").getroot()


def _pom_text(pom: ET.Element, path: str) -> list[str]:
    return [element.text or "" for element in pom.findall("/".join(POM + part for part in path.split("/")))]


def _msbuild_unescaped(text: str) -> str:
    return re.sub(r"%([0-9A-F]{2})", lambda m: chr(int(m[1], 16)), text)


def test_every_package_file_carries_the_metadata(tmp_path: Path) -> None:
    out = _generate(tmp_path / "sdk", METADATA, go_module="github.com/acme/scoring-go")
    project = _pyproject(out)
    assert project["license"] == "Apache-2.0" and project["description"] == "Scores diabetes progression."
    assert project["authors"] == [{"name": "Ada Lovelace", "email": "ada@example.org"}, {"name": "Charles Babbage"}]
    assert project["urls"] == {"Homepage": "https://acme.example.org/sdk",
                               "Repository": "https://github.com/acme/scoring-sdk"}
    assert "Typing :: Typed" in project["classifiers"] and project["readme"] == "README.md"

    csproj = _csproj(out)
    assert {key: csproj[key] for key in ("PackageId", "Authors", "Description", "PackageLicenseExpression",
                                         "PackageProjectUrl", "RepositoryUrl", "Version")} == {
        "PackageId": "Acme.Scoring", "Authors": "Ada Lovelace, Charles Babbage",
        "Description": "Scores diabetes progression.", "PackageLicenseExpression": "Apache-2.0",
        "PackageProjectUrl": "https://acme.example.org/sdk", "RepositoryUrl": "https://github.com/acme/scoring-sdk",
        "Version": "0.1.0"}

    assert (out / "go" / "go.mod").read_text().splitlines()[0] == "module github.com/acme/scoring-go"
    doc = (out / "go" / "doc.go").read_text()
    assert "// Scores diabetes progression." in doc and "License: Apache-2.0." in doc
    assert "Repository: https://github.com/acme/scoring-sdk" in doc

    pom = _pom(out)
    assert _pom_text(pom, "groupId") == ["org.acme"] and _pom_text(pom, "artifactId") == ["acme-scoring"]
    assert _pom_text(pom, "description") == ["Scores diabetes progression."]
    assert _pom_text(pom, "url") == ["https://acme.example.org/sdk"]
    assert _pom_text(pom, "licenses/license/name") == ["Apache-2.0"]
    assert _pom_text(pom, "licenses/license/url") == ["https://spdx.org/licenses/Apache-2.0.html"]
    assert _pom_text(pom, "scm/url") == ["https://github.com/acme/scoring-sdk"]
    assert _pom_text(pom, "scm/connection") == ["scm:git:https://github.com/acme/scoring-sdk"]
    assert _pom_text(pom, "developers/developer/name") == ["Ada Lovelace", "Charles Babbage"]
    assert _pom_text(pom, "developers/developer/email") == ["ada@example.org"]
    release = [p for p in pom.iter(f"{POM}profile") if p.findtext(f"{POM}id") == "release"]
    plugins = {p.findtext(f"{POM}artifactId") for profile in release for p in profile.iter(f"{POM}plugin")}
    assert plugins == {"maven-source-plugin", "maven-javadoc-plugin"}


def test_defaults_come_from_the_package_name_and_the_spec(tmp_path: Path) -> None:
    out = _generate(tmp_path / "sdk", PackageMetadata(), java_package="io.acme.scoring.client")
    project = _pyproject(out)
    assert project["description"] == "The cross-language conformance API of clientgen."  # info.description
    assert "license" not in project and "authors" not in project and "urls" not in project
    csproj = _csproj(out)
    assert csproj["PackageId"] == "acme-scoring" and csproj["Description"] == project["description"]
    assert "PackageLicenseExpression" not in csproj and "RepositoryUrl" not in csproj
    pom = _pom(out)
    assert _pom_text(pom, "groupId") == ["io.acme.scoring"]  # the Java package without its last part
    assert pom.find(f"{POM}licenses") is None and pom.find(f"{POM}scm") is None
    assert "License:" not in (out / "go" / "doc.go").read_text()


def test_hostile_metadata_stays_text_in_every_package_file(tmp_path: Path) -> None:
    out = _generate(tmp_path / "sdk", HOSTILE_METADATA)
    project = _pyproject(out)  # parses: no string was left
    assert project["license"] == HOSTILE and project["description"] == ONE_LINE
    assert project["urls"]["Repository"] == HOSTILE and "evil" not in project
    assert project["authors"] == [{"name": ONE_LINE, "email": "a@b.c"}]

    # MSBuild reads %XX escapes: nothing evaluates ($(...), @(...), property functions) and %3B stays text.
    csproj = _csproj(out)
    for key in ("PackageLicenseExpression", "Description", "Authors", "RepositoryUrl"):
        assert _msbuild_unescaped(csproj[key]) == ONE_LINE, key
        assert "$" not in csproj[key] and "@" not in csproj[key], key

    pom = _pom(out)  # parses: no element was left
    assert _pom_text(pom, "licenses/license/name") == [ONE_LINE.replace("${", "$ {")]
    assert _pom_text(pom, "licenses/license/url") == []  # not an SPDX identifier: no URL made of it
    assert _pom_text(pom, "scm/url") == [ONE_LINE.replace("${", "$ {")]
    assert "${env" not in (out / "java" / "pom.xml").read_text()

    doc = (out / "go" / "doc.go").read_text()
    assert all(line.startswith("//") or line.startswith("package ") or not line for line in doc.splitlines())


def test_warnings_name_each_unpublishable_default_once() -> None:
    defaults = Options(spec="s", out=Path("o"), languages=LANGUAGES)
    found = package_diagnostics(defaults)
    assert [d.pointer for d in found] == ["config go-module", "config java-group-id"]
    assert all("set " + d.pointer.removeprefix("config ") + " in the config file" in d.message for d in found)
    assert package_diagnostics(Options(spec="s", out=Path("o"), languages=("python", "csharp"))) == []
    published = Options(spec="s", out=Path("o"), languages=LANGUAGES, go_module="github.com/acme/scoring-go",
                        metadata=METADATA)
    assert package_diagnostics(published) == []
    # The group from a com.example Java package is as unpublishable as the default one.
    example_package = Options(spec="s", out=Path("o"), languages=("java",), java_package="com.example.acme",
                              metadata=PackageMetadata(license="MIT", repository="https://github.com/acme/x"))
    assert [d.pointer for d in package_diagnostics(example_package)] == ["config java-group-id"]


def test_a_run_reports_the_warnings_once_and_none_when_the_keys_are_set(tmp_path: Path) -> None:
    result = generate(Options(spec=str(SPEC), out=tmp_path / "defaults", languages=LANGUAGES))
    pointers = [d.pointer for d in result.diagnostics if d.pointer.startswith("config ")]
    assert pointers == ["config go-module", "config java-group-id"], (
        "generate() must add targets.package_diagnostics(options) to result.diagnostics after building the model")
    result = generate(Options(spec=str(SPEC), out=tmp_path / "published", languages=LANGUAGES, metadata=METADATA,
                              go_module="github.com/acme/scoring-go"))
    assert [d for d in result.diagnostics if d.pointer.startswith("config ")] == []


def test_shipped_build_files_hold_no_strictness_flags(tmp_path: Path) -> None:
    out = _generate(tmp_path / "sdk", METADATA)
    shipped = (out / "java" / "pom.xml").read_text() + next((out / "csharp").glob("*.csproj")).read_text()
    for flag in ("-Werror", "-Xlint", "TreatWarningsAsErrors", "warnaserror", "WarningsAsErrors"):
        assert flag not in shipped, flag


@pytest.mark.skipif(shutil.which("mvn") is None or shutil.which("javac") is None, reason="needs mvn: make java-deps")
def test_java_sdk_packages_with_sources_and_javadoc_jars(tmp_path: Path) -> None:
    out = _generate(tmp_path / "sdk", HOSTILE_METADATA)
    done = subprocess.run(["mvn", "-q", "-B", "-Prelease", "package"], cwd=out / "java", capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, (done.stdout + done.stderr)[-5000:]
    assert sorted(p.name for p in (out / "java" / "target").glob("*.jar")) == [
        "acme-scoring-0.1.0-javadoc.jar", "acme-scoring-0.1.0-sources.jar", "acme-scoring-0.1.0.jar"]


def test_python_sdk_builds_a_wheel_with_the_metadata(tmp_path: Path) -> None:
    out = _generate(tmp_path / "sdk", METADATA)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path / "wheel"),
                           str(out / "python")], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (done.stdout + done.stderr)[-5000:]
    wheel = next((tmp_path / "wheel").glob("acme_scoring-0.1.0-*.whl"))
    metadata = zipfile.ZipFile(wheel).read("acme_scoring-0.1.0.dist-info/METADATA").decode()
    for line in ("License-Expression: Apache-2.0", "Summary: Scores diabetes progression.",
                 "Author-email: Ada Lovelace <ada@example.org>", "Project-URL: Repository, https://github.com/acme/scoring-sdk"):
        assert line in metadata.splitlines(), line

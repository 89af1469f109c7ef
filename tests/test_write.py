"""The output folder (generator/write.py), with real files: --check and its diff, the user's files, hand edits, stale
files, .clientgenignore, a run killed at any point, and the same bytes under any locale, time zone and hash seed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import generate, write
from generator.config import Options

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "fixtures" / "specs"


def _spec(operations: tuple[str, ...] = ("listPets", "getOwner"), note: str = "The name.") -> dict:
    """A spec with one operation per name, each answering with its own model (`<Name>Result`, a `name` field
    described by note in the first model, the one of MODELS, and by "The name." in the others)."""
    paths, schemas = {}, {}
    for name in operations:
        model = name[0].upper() + name[1:] + "Result"
        answer = {"application/json": {"schema": {"$ref": f"#/components/schemas/{model}"}}}
        paths[f"/{name}"] = {"get": {"operationId": name, "parameters": [
            {"name": "limit", "in": "query", "schema": {"type": "integer"}}],
            "responses": {"200": {"description": "ok", "content": answer}}}}
        described = note if name == operations[0] else "The name."
        schemas[model] = {"type": "object", "properties": {"name": {"type": "string", "description": described}}}
    return {"openapi": "3.0.3", "info": {"title": "Pets", "version": "1"}, "paths": paths,
            "components": {"schemas": schemas}}


def _run(tmp_path: Path, spec: dict, language: str = "python", **options: object) -> write.Report:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    result = generate(Options(spec=str(path), out=tmp_path / "out", languages=(language,), **options))
    return result.reports[0]


def _tree(folder: Path) -> dict[str, object]:
    """Every entry under folder but real folders: bytes for a file, ('link', target) for a link (never followed)."""
    tree: dict[str, object] = {}
    for base, folders, names in os.walk(folder):
        for name in names + [f for f in folders if os.path.islink(os.path.join(base, f))]:
            path = Path(base) / name
            key = path.relative_to(folder).as_posix()
            tree[key] = ("link", os.readlink(path)) if path.is_symlink() else path.read_bytes()
    return tree


MODELS = "pets_client/models/_list_pets_result.py"  # the module of the model whose description a test changes


def _models(tmp_path: Path) -> Path:
    return tmp_path / "out" / "python" / MODELS


# ---- --check ----------------------------------------------------------------------------------------------------
def test_check_says_whether_anything_would_change_and_shows_the_changed_lines(tmp_path: Path) -> None:
    assert _run(tmp_path, _spec()).dirty
    before = _tree(tmp_path / "out")
    clean = _run(tmp_path, _spec(), check=True)
    assert not clean.dirty and clean.unified_diff() == "" and clean.as_json()["diff"] == ""

    report = _run(tmp_path, _spec(("listPets", "getOwner", "getVet"), note="The pet's name."), check=True)
    assert report.dirty and _tree(tmp_path / "out") == before  # --check writes nothing
    assert f"python/{MODELS}" not in report.changed  # paths are relative to the language folder
    assert MODELS in report.changed
    diff = report.unified_diff()
    assert f"--- a/{MODELS}\n+++ b/{MODELS}\n" in diff
    removed = [line for line in diff.splitlines() if line.startswith("-") and "The name." in line]
    added = [line for line in diff.splitlines() if line.startswith("+") and "The pet's name." in line]
    assert removed and added, diff
    assert "+    def get_vet(" in diff
    document = report.as_json()
    assert set(document) == {"folder", "added", "changed", "removed", "edited", "unchanged", "diff"}
    assert document["changed"] == sorted(report.changed) and document["unchanged"] == len(report.unchanged) > 0
    assert document["folder"] == str(tmp_path / "out" / "python")
    json.dumps(document)  # plain JSON

    assert _run(tmp_path, _spec(("listPets", "getOwner", "getVet"), note="The pet's name.")).dirty
    assert not _run(tmp_path, _spec(("listPets", "getOwner", "getVet"), note="The pet's name."), check=True).dirty


def test_the_diff_shows_added_and_removed_files_against_dev_null_binary_files_in_a_line_and_is_capped(
        tmp_path: Path) -> None:
    folder = tmp_path / "sdk"
    write.write(folder, {"gone.txt": b"old\n", "same.txt": b"same\n", "image.png": b"\x89PNG\0\1",
                         "text.txt": b"one\ntwo"}, "inputs-1", [])
    files = {"new.txt": b"fresh\n", "same.txt": b"same\n", "image.png": b"\x89PNG\0\2", "text.txt": b"one\nthree",
             "long.txt": "".join(f"line {i}\n" for i in range(1000)).encode(), "empty.txt": b""}
    report = write.write(folder, files, "inputs-2", [], check=True)
    full = report.as_json()["diff"]
    assert "--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1 @@\n+fresh\n" in full
    assert "--- a/gone.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-old\n" in full
    assert "Binary files a/image.png and b/image.png differ\n" in full
    assert "--- /dev/null\n+++ b/empty.txt\n" in full
    assert "-two\n\\ No newline at end of file\n+three\n\\ No newline at end of file\n" in full
    assert "same.txt" not in full and "+line 999\n" in full
    capped = report.unified_diff(max_lines=50)
    lines = capped.splitlines()
    assert len(lines) == 51 and lines[:50] == full.splitlines()[:50]
    assert lines[-1] == f"... {len(full.splitlines()) - 50} more diff lines not shown (--json gives the whole diff)"
    assert report.unified_diff() == "".join(line + "\n" for line in full.splitlines()[:400]) + \
        f"... {len(full.splitlines()) - 400} more diff lines not shown (--json gives the whole diff)\n"
    escape = write.write(folder, {"text.txt": b"one\n\x1b[2Jtwo"}, "inputs-3", [], check=True)
    assert "Binary files a/text.txt and b/text.txt differ" in escape.unified_diff()  # no terminal escapes shown


def test_a_no_op_run_rewrites_nothing_and_check_on_it_is_clean(tmp_path: Path) -> None:
    _run(tmp_path, _spec())
    client = tmp_path / "out" / "python" / "pets_client" / "client.py"
    runtime = tmp_path / "out" / "python" / "pets_client" / "_runtime.py"
    stamp, runtime_stamp = client.stat().st_mtime_ns, runtime.stat().st_mtime_ns
    report = _run(tmp_path, _spec())
    assert not report.dirty and "up to date" in report.summary()
    assert client.stat().st_mtime_ns == stamp
    changed = _run(tmp_path, _spec(("listPets",)))
    assert "pets_client/client.py" in changed.changed and client.stat().st_mtime_ns != stamp
    assert "pets_client/_runtime.py" in changed.unchanged and runtime.stat().st_mtime_ns == runtime_stamp  # not rewritten


def test_a_no_op_run_reads_only_files_changed_since_last_seen_and_sees_an_edit_that_keeps_size_and_mtime(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write, "_tick", lambda signatures: 0)  # no timestamp step to wait out: trusted at once
    read: list[str] = []
    real_read = write._Tree.read_file
    monkeypatch.setattr(write._Tree, "read_file", lambda tree, path: read.append(path) or real_read(tree, path))
    _run(tmp_path, _spec())
    read.clear()
    assert "up to date" in _run(tmp_path, _spec()).summary()
    assert set(read) == {write.MANIFEST}  # the write recorded what it wrote: nothing else is read
    models = _models(tmp_path)
    before, status = models.read_bytes(), models.stat()
    models.write_bytes(before.replace(b"The name.", b"The nam!."))  # same size, same mtime: only ctime tells
    os.utime(models, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert models.stat().st_size == status.st_size and models.stat().st_mtime_ns == status.st_mtime_ns
    assert _run(tmp_path, _spec()).edited == [MODELS]
    models.write_bytes(before)  # undone: a run reads it, finds clientgen's bytes, and records it again
    assert not _run(tmp_path, _spec(note="Another.")).edited
    changed = _run(tmp_path, _spec())
    assert changed.changed == [MODELS]
    read.clear()
    assert not _run(tmp_path, _spec()).dirty
    assert MODELS not in read and len(read) > 1  # written files are trusted; hard-linked ones (new ctime) are read
    read.clear()
    assert not _run(tmp_path, _spec()).dirty and set(read) == {write.MANIFEST}  # and recorded then
    write._seen_record(tmp_path / "out" / "python").write_text("{not json")  # a broken record: files are read
    read.clear()
    assert not _run(tmp_path, _spec()).dirty
    assert MODELS in read


@pytest.mark.parametrize(("change_times", "tick"), [
    ([1_733_000_000_123_456_789, 1_733_000_001_987_654_321], 20_000_000),  # nanoseconds: the clock lag only
    ([1_733_000_000_000_000_000, 1_733_000_002_000_000_000], 2_000_000_000),  # FAT, HFS+: whole seconds
    ([1_733_000_000_120_000_000, 1_733_000_000_370_000_000], 20_000_000),  # exFAT: hundredths
    ([1_733_000_000_100_000_000, 1_733_000_000_300_000_000], 200_000_000),  # tenths
])
def test_a_signature_is_trusted_only_two_timestamp_steps_after_its_change(change_times: list[int], tick: int) -> None:
    assert write._tick([[1, 1, 10, t, t] for t in change_times]) == tick


# ---- the user's files, hand edits, stale files -------------------------------------------------------------
USER_FILES = {"LICENSE": b"MIT License\n", "conftest.py": b"import pytest\n", ".github/workflows/ci.yml": b"on: push\n",
              "pets_client/__pycache__/client.cpython-311.pyc": b"\0\1", "notes/empty/.keep": b""}


def test_the_users_files_survive_every_regeneration(tmp_path: Path) -> None:
    folder = tmp_path / "out" / "python"
    folder.mkdir(parents=True)
    (folder / "LICENSE").write_bytes(USER_FILES["LICENSE"])  # there before clientgen's first run
    _run(tmp_path, _spec())
    for path, data in USER_FILES.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
    (folder / "docs").symlink_to(tmp_path)  # a link of the user's: carried over as a link, never followed
    (folder / "empty-folder").mkdir()
    for operations, note in ((("listPets", "getOwner"), "The name."), (("listPets",), "The name."),
                             (("listPets", "getVet"), "Its name."), (("listPets", "getVet"), "Its name.")):
        report = _run(tmp_path, _spec(operations, note))
        assert report.edited == []
        tree = _tree(folder)
        assert {path: tree.get(path) for path in USER_FILES} == USER_FILES
        assert tree["docs"] == ("link", str(tmp_path)) and (folder / "empty-folder").is_dir()
        assert "Its name." in _models(tmp_path).read_text() or note == "The name."
    assert "def get_vet(" in (folder / "pets_client" / "client.py").read_text()
    manifest = (folder / write.MANIFEST).read_text()
    assert not [path for path in USER_FILES if path in manifest]  # never claimed as clientgen's


def test_where_the_file_system_refuses_hard_links_the_users_files_are_copied(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _run(tmp_path, _spec())
    folder = tmp_path / "out" / "python"
    (folder / "LICENSE").write_text("mine\n")
    (folder / "docs").symlink_to(tmp_path)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", refuse)
    assert _run(tmp_path, _spec(("listPets",))).dirty
    assert (folder / "LICENSE").read_text() == "mine\n" and os.readlink(folder / "docs") == str(tmp_path)
    assert "def get_owner(" not in (folder / "pets_client" / "client.py").read_text()


def test_a_hand_edit_is_reported_and_kept_until_force(tmp_path: Path) -> None:
    _run(tmp_path, _spec())
    models = _models(tmp_path)
    models.write_text(models.read_text() + "# my own addition\n")
    edited = models.read_bytes()
    for operations in (("listPets", "getOwner"), ("listPets", "getOwner"), ("listPets", "getVet")):
        report = _run(tmp_path, _spec(operations, note="Another note."))
        assert report.edited == [MODELS], report
        assert models.read_bytes() == edited  # kept as the user left it, whatever the spec says now
        assert MODELS not in report.changed + report.unchanged
        assert f"# kept {MODELS}" in (tmp_path / "out" / "python" / write.MANIFEST).read_text()
    checked = _run(tmp_path, _spec(("listPets", "getVet"), note="Another note."), check=True)
    assert checked.edited == [MODELS] and not checked.dirty
    forced = _run(tmp_path, _spec(("listPets", "getVet"), note="Another note."), check=True, force=True)
    assert forced.dirty and "-# my own addition" in forced.unified_diff()
    report = _run(tmp_path, _spec(("listPets", "getVet"), note="Another note."), force=True)
    assert report.changed == [MODELS] and report.edited == []
    assert "# my own addition" not in models.read_text() and "Another note." in models.read_text()
    assert "# kept" not in (tmp_path / "out" / "python" / write.MANIFEST).read_text()
    assert not _run(tmp_path, _spec(("listPets", "getVet"), note="Another note.")).edited


def test_an_edit_undone_is_clientgens_again_and_a_deleted_generated_file_comes_back(tmp_path: Path) -> None:
    _run(tmp_path, _spec())
    models = _models(tmp_path)
    original = models.read_bytes()
    models.write_bytes(b"# mine\n")
    assert _run(tmp_path, _spec(note="New note.")).edited == [MODELS]
    models.write_bytes(original)  # the user goes back to what clientgen wrote
    report = _run(tmp_path, _spec(note="New note."))
    assert report.changed == [MODELS] and "New note." in models.read_text()
    models.unlink()
    assert _run(tmp_path, _spec(note="New note.")).added == [MODELS] and models.is_file()


def test_a_users_file_where_clientgen_now_writes_one_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "out" / "python"
    folder.mkdir(parents=True)
    (folder / "README.md").write_text("# our own readme\n")
    report = _run(tmp_path, _spec())
    assert report.edited == ["README.md"] and (folder / "README.md").read_text() == "# our own readme\n"
    assert _run(tmp_path, _spec(), force=True).changed == ["README.md"]
    assert "# our own readme" not in (folder / "README.md").read_text()


def test_a_link_at_a_generated_path_is_an_edit_and_never_followed(tmp_path: Path) -> None:
    _run(tmp_path, _spec())
    outside = tmp_path / "outside.py"
    outside.write_text("# outside the folder\n")
    models = _models(tmp_path)
    models.unlink()
    models.symlink_to(outside)
    report = _run(tmp_path, _spec(note="Changed."))
    assert report.edited == [MODELS] and models.is_symlink()
    forced = _run(tmp_path, _spec(note="Changed."), check=True, force=True)
    assert f"Binary files a/{MODELS} and b/{MODELS} differ" in forced.unified_diff()
    _run(tmp_path, _spec(note="Changed."), force=True)
    assert not models.is_symlink() and "Changed." in models.read_text()
    assert outside.read_text() == "# outside the folder\n"


def test_the_files_of_a_removed_operation_disappear(tmp_path: Path) -> None:
    _run(tmp_path, _spec(("listPets", "getOwner")), "java")
    model = next((tmp_path / "out" / "java").rglob("GetOwnerResult.java"))
    params = next((tmp_path / "out" / "java").rglob("GetOwnerParams.java"))
    report = _run(tmp_path, _spec(("listPets",)), "java")
    assert not model.exists() and not params.exists()
    assert {model.name, params.name} <= {Path(path).name for path in report.removed}
    assert next((tmp_path / "out" / "java").rglob("ListPetsResult.java")).is_file()
    assert "GetOwner" not in (tmp_path / "out" / "java" / write.MANIFEST).read_text()


def test_a_stale_file_edited_by_hand_is_kept_until_force(tmp_path: Path) -> None:
    _run(tmp_path, _spec(("listPets", "getOwner")), "java")
    model = next((tmp_path / "out" / "java").rglob("GetOwnerResult.java"))
    model.write_text("// mine now\n")
    report = _run(tmp_path, _spec(("listPets",)), "java")
    assert [Path(path).name for path in report.edited] == ["GetOwnerResult.java"] and model.is_file()
    report = _run(tmp_path, _spec(("listPets",)), "java", force=True)
    assert [Path(path).name for path in report.removed] == ["GetOwnerResult.java"] and not model.exists()


# ---- .clientgenignore -------------------------------------------------------------------------------------------
def test_clientgenignore_gives_generated_paths_to_the_user(tmp_path: Path) -> None:
    _run(tmp_path, _spec())
    folder = tmp_path / "out" / "python"
    (folder / "README.md").write_text("# ours\n")
    (folder / write.IGNORE_FILE).write_text("# taken over\nREADME.md\npets_client/**/*.py\n!pets_client/client.py\n")
    report = _run(tmp_path, _spec(("listPets", "getVet"), note="New."))
    assert report.edited == [] and "README.md" in report.ignored and MODELS in report.ignored
    assert (folder / "README.md").read_text() == "# ours\n"
    assert "New." not in _models(tmp_path).read_text()  # not written
    assert "def get_vet(" in (folder / "pets_client" / "client.py").read_text()  # taken back by the ! rule
    manifest = (folder / write.MANIFEST).read_text()
    assert "# ignored README.md" in manifest and f"# ignored {MODELS}" in manifest
    assert not _run(tmp_path, _spec(("listPets", "getVet"), note="New.")).dirty
    _run(tmp_path, _spec(("listPets",), note="New."))
    assert _models(tmp_path).is_file()  # an ignored file is never removed, though the spec no longer needs it
    (folder / write.IGNORE_FILE).write_text("README.md\n")  # the models are clientgen's again: rewritten
    report = _run(tmp_path, _spec(("listPets",), note="New."))
    assert "New." in _models(tmp_path).read_text() and report.edited == []  # the user had not changed it
    assert (folder / "README.md").read_text() == "# ours\n"
    (folder / write.IGNORE_FILE).write_text("")  # the user had changed README.md: an edit now, kept
    assert _run(tmp_path, _spec(("listPets",), note="New.")).edited == ["README.md"]
    assert (folder / "README.md").read_text() == "# ours\n"


@pytest.mark.parametrize(("rules", "ignored", "kept"), [
    ("README.md", ["README.md", "docs/README.md"], ["README.mdx", "xREADME.md"]),
    ("/README.md", ["README.md"], ["docs/README.md"]),  # anchored
    ("*.md", ["a.md", "x/y/b.md"], ["a.mdx", "md"]),
    ("docs/*.md", ["docs/a.md"], ["docs/x/a.md", "x/docs/a.md"]),  # a / in the middle anchors
    ("docs/", ["docs/a.md", "x/docs/b/c.py"], ["docs", "docsx/a"]),  # folders only
    ("docs", ["docs", "docs/a.md", "x/docs"], ["docsx"]),
    ("**/models.py", ["models.py", "a/b/models.py"], ["models.pyc"]),
    ("src/**", ["src/a", "src/a/b.py"], ["src", "x/src/a"]),
    ("a/**/b.py", ["a/b.py", "a/x/y/b.py"], ["b.py", "x/a/b.py"]),
    ("file?.txt", ["file1.txt", "d/fileA.txt"], ["file.txt", "file12.txt", "file/.txt"]),
    ("[abc].py", ["a.py", "c.py"], ["d.py", "ab.py"]),
    ("[!abc].py", ["d.py"], ["a.py", "/.py"]),
    ("[a-c]x", ["bx"], ["dx"]),
    ("*.py\n!keep.py", ["a.py"], ["keep.py", "d/keep.py"]),
    ("build/\n!build/keep.py", ["build/keep.py"], []),  # no taking a file back out of an ignored folder
    ("# a comment\n\n  \n", [], ["# a comment", "a"]),
    ("\\#hash\n\\!bang", ["#hash", "!bang"], ["hash"]),
    ("trailing   ", ["trailing"], ["trailing   "]),
    ("space\\ ", ["space "], ["space"]),
    ("*", ["a", "a/b/c"], []),
    ("[unclosed", ["[unclosed"], ["u"]),
    ("[z-a]\n[/]x\nok", ["ok"], ["z", "a", "/x", "x"]),  # classes that cannot match: match nothing, as in git
])
def test_clientgenignore_follows_gitignore_syntax(rules: str, ignored: list[str], kept: list[str]) -> None:
    ignore = write.Ignore(rules)
    assert [path for path in ignored if path not in ignore] == []
    assert [path for path in kept if path in ignore] == []


def test_a_linked_clientgenignore_is_refused(tmp_path: Path) -> None:
    _run(tmp_path, _spec())
    (tmp_path / "rules").write_text("*\n")
    (tmp_path / "out" / "python" / write.IGNORE_FILE).symlink_to(tmp_path / "rules")
    with pytest.raises(write.OutputError, match="not a regular file"):
        _run(tmp_path, _spec(note="x"))


def test_a_users_file_in_the_way_of_a_generated_folder_is_an_error_that_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "out" / "python"
    _run(tmp_path, _spec())
    (folder / "docs").write_text("mine")
    files = {**{path: (folder / path).read_bytes() for path in ("README.md",)}, "docs/index.md": b"# docs\n"}
    before = _tree(folder)
    with pytest.raises(write.OutputError, match="docs is in the way of a file clientgen generates"):
        write.write(folder, files, "other-inputs", [])
    assert _tree(folder) == before and [p.name for p in folder.parent.iterdir()] == ["python"]


# ---- a run killed at any point ------------------------------------------------------------------------------
_CHILD = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from generator import generate, write
from generator.config import Options
if sys.argv[4] == "two-renames":
    write._RENAMEAT2 = None  # as on a system without an atomic exchange
def progress(stage):
    print(getattr(stage, "name", stage), flush=True)
generate(Options(spec=sys.argv[2], out=Path(sys.argv[3]), languages=("java",)), progress=progress)
print("done", flush=True)
"""


def _state(out: Path) -> dict[str, object]:
    """What the next run sees: the folder, or the one a run killed mid-swap parked (the next run puts it back)."""
    if (out / "java").exists():
        return _tree(out / "java")
    parked = [path for path in out.iterdir() if path.name.startswith(".java.old-")]
    assert len(parked) == 1, list(out.iterdir())
    return _tree(parked[0])


@pytest.mark.parametrize("swap", ["exchange", "two-renames"])
def test_a_run_killed_at_any_point_leaves_the_old_output_or_the_new_never_a_mix(tmp_path: Path, swap: str) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_generate import synthetic_spec

    specs = [tmp_path / "a.json", tmp_path / "b.json"]
    specs[0].write_text(json.dumps(synthetic_spec(60)))
    changed = synthetic_spec(50)  # ten operations and models fewer
    changed["components"]["schemas"]["Model1"]["properties"]["name"]["description"] = "Renamed."
    specs[1].write_text(json.dumps(changed))
    out = tmp_path / "out"
    (out / "java").mkdir(parents=True)
    (out / "java" / "LICENSE").write_text("the user's\n")
    trees = []
    for spec in specs:
        generate(Options(spec=str(spec), out=out, languages=("java",)))
        trees.append(_tree(out / "java"))
    assert trees[0] != trees[1] and all(tree["LICENSE"] == b"the user's\n" for tree in trees)

    def child(spec: Path) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-c", _CHILD, str(ROOT), str(spec), str(out), swap],
                                stdout=subprocess.PIPE, text=True)

    current = 1
    # delays after the write stage began (the swap is in there), and one while rendering
    for delay in (0.0, 0.002, 0.005, 0.01, 0.02, 0.04, 0.08, None):
        process = child(specs[1 - current])
        for line in process.stdout:  # type: ignore[union-attr]
            if line.strip() == ("write" if delay is not None else "render"):
                break
        time.sleep(delay if delay is not None else 0.3)
        process.send_signal(signal.SIGKILL)
        process.wait()
        state = _state(out)
        mixed = [sorted(path for path in set(state) | set(tree) if state.get(path) != tree.get(path))[:5]
                 for tree in trees]
        assert state in trees, f"killed {delay}s into the write: a mix of old and new, differing in {mixed}"
        current = trees.index(state)
    process = child(specs[1 - current])
    assert process.communicate()[0].strip().endswith("done")
    assert _tree(out / "java") == trees[1 - current]
    assert [path.name for path in out.iterdir()] == ["java"]  # leftovers of the killed runs removed


def test_the_leftovers_of_a_killed_run_are_never_read_and_a_parked_folder_is_put_back(tmp_path: Path) -> None:
    _run(tmp_path, _spec())
    out = tmp_path / "out"
    good = _tree(out / "python")
    (out / ".python.new-abc123").mkdir()
    (out / ".python.new-abc123" / write.MANIFEST).write_text("# inputs nonsense\n")
    assert not _run(tmp_path, _spec()).dirty  # the output is the folder, whatever lies beside it
    os.rename(out / "python", out / ".python.old-xyz")  # a run killed between its two renames
    report = _run(tmp_path, _spec(note="Next."))
    assert report.changed == [MODELS] and report.added == []
    assert sorted(path.name for path in out.iterdir()) == ["python"]
    assert {k: v for k, v in _tree(out / "python").items() if k != MODELS and k != write.MANIFEST} \
        == {k: v for k, v in good.items() if k != MODELS and k != write.MANIFEST}


# ---- the same bytes everywhere ------------------------------------------------------------------------------
def test_the_same_bytes_under_any_locale_time_zone_and_hash_seed(tmp_path: Path) -> None:
    trees = []
    for index, (locale, zone, seed) in enumerate((("C", "UTC", "1"), ("C.UTF-8", "Asia/Kolkata", "2"))):
        out = tmp_path / f"out{index}"
        script = ("import sys; from pathlib import Path; from generator import generate; "
                  "from generator.config import Options, LANGUAGES; "
                  "generate(Options(spec=sys.argv[1], out=Path(sys.argv[2]), languages=tuple(LANGUAGES)))")
        env = {**os.environ, "LC_ALL": locale, "LANG": locale, "TZ": zone, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(SPECS / "kitchen-sink.openapi3.yaml"), str(out)],
                       check=True, env=env, cwd=ROOT)
        trees.append(_tree(out))
    assert trees[0] == trees[1] and len(trees[0]) > 50

"""The reference policy, the limits and the secrets of fetch.py, on real servers on 127.0.0.1."""

from __future__ import annotations

import hashlib
import shutil
from email.utils import formatdate
from pathlib import Path

import pytest

from generator import fetch, resolve
from generator.errors import FetchError
from generator.cli import main

from .servers import SpecServer

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "broken" / "specs"
SPECS = Path(__file__).resolve().parents[1] / "fixtures" / "specs"


@pytest.mark.parametrize("address, prefix, inside", [
    ("https://a.com/x/y.yaml", "https://a.com", True),
    ("https://a.com/x/y.yaml", "https://A.com:443/", True),
    ("https://a.com.evil.org/y.yaml", "https://a.com", False),
    ("https://a.com/xy.yaml", "https://a.com/x", False),
    ("https://a.com/x/y.yaml", "https://a.com/x", True),
    ("http://a.com/x.yaml", "https://a.com/", False),
    ("https://a.com:8443/x.yaml", "https://a.com/", False),
    ("file:///srv/specs/common/pet.yaml", "/srv/specs/", True),
    ("file:///srv/specs-old/pet.yaml", "/srv/specs", False),
    ("file:///srv/specs/../secrets.yaml", "/srv/specs/", False),
])
def test_a_prefix_covers_only_what_is_under_it(address: str, prefix: str, inside: bool) -> None:
    assert fetch.within(address, prefix) is inside


def test_the_policy_allows_the_spec_home_and_what_the_user_allows(tmp_path: Path) -> None:
    home = tmp_path.as_uri() + "/"
    settings = fetch.Settings(allow_refs=("https://schemas.example.com/",))
    assert fetch.permitted((tmp_path / "a" / "b.yaml").as_uri(), home, settings)
    assert not fetch.permitted((tmp_path.parent / "b.yaml").as_uri(), home, settings)
    assert fetch.permitted("https://schemas.example.com/v1/pet.yaml", home, settings)
    assert not fetch.permitted("https://schemas.example.com.evil/pet.yaml", home, settings)
    assert not fetch.permitted("ftp://schemas.example.com/pet.yaml", home, fetch.Settings(allow_refs=("ftp://",)))
    link = tmp_path / "link"
    link.symlink_to(tmp_path.parent)  # a link inside the folder that leads out of it
    assert not fetch.permitted((link / "x.yaml").as_uri(), home, fetch.Settings())


def test_urls_in_messages_hide_user_info_and_query_values() -> None:
    shown = fetch.display_url("https://user:pw@blob.example.com:8443/spec.json?sv=1&sig=SECRET&flag")
    assert shown == "https://blob.example.com:8443/spec.json?sv=…&sig=…&flag"


def test_allowed_references_and_redirects_are_followed_and_credentials_stay_home(tmp_path: Path, capsys,
                                                                                monkeypatch) -> None:
    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(BROKEN / "pet.yaml", served / "pet.yaml")
    shutil.copy(BROKEN / "ok.yaml", served / "ok.yaml")
    with SpecServer(served) as home, SpecServer(served) as other:
        (served / "spec.yaml").write_text((BROKEN / "remote-spec-other-origin.yaml").read_text()
                                          .replace("{other}", other.url))
        home.redirect_other = other.url
        monkeypatch.setenv("SPEC_KEY", "Bearer s3cret-value")
        common = ["--lang", "python", "--out", str(tmp_path / "out"), "--header-env", "Authorization=SPEC_KEY",
                  "--allow-ref", other.url + "/specs/"]
        assert main(["generate", f"{home.url}/specs/spec.yaml", *common]) == 0, capsys.readouterr().err
        assert main(["generate", f"{home.url}/redirect-other", *common]) == 0, capsys.readouterr().err
        assert main(["generate", f"{home.url}/redirect-same", *common]) == 0, capsys.readouterr().err
    assert [path for path, _ in home.requests] == ["/specs/spec.yaml", "/redirect-other", "/redirect-same",
                                                   "/specs/ok.yaml", "/specs/pet.yaml"]
    assert all(headers.get("Authorization") == "Bearer s3cret-value" for _, headers in home.requests)
    assert [path for path, _ in other.requests] == ["/specs/pet.yaml", "/specs/ok.yaml", "/specs/pet.yaml"]
    assert all("Authorization" not in headers for _, headers in other.requests)
    written = b"".join(p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert b"s3cret-value" not in written and "s3cret-value" not in capsys.readouterr().err


def test_a_redirect_elsewhere_hides_the_key_even_in_debug_output(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SPEC_KEY", "Bearer s3cret-value")
    with SpecServer(BROKEN) as home, SpecServer(BROKEN) as other:
        home.redirect_other = other.url + "/?key=s3cret-value"
        code = main(["generate", f"{home.url}/redirect-other", "--lang", "python", "--out", str(tmp_path),
                     "--header-env", "Authorization=SPEC_KEY", "--debug"])
    err = capsys.readouterr().err
    assert code == 4 and "redirected to another origin" in err
    assert "s3cret-value" not in err and other.requests == []


# ---- conditional fetching ----------------------------------------------------------------------------------------
class ConditionalServer(SpecServer):
    """A SpecServer whose /specs/ answers carry validators (an ETag from the content, the file's Last-Modified, as
    asked) and an optional Cache-Control, answer a matching If-None-Match (else If-Modified-Since) with 304, and
    count the body bytes they send."""

    def __init__(self, folder: Path, etag: bool = True, modified: bool = True, cache_control: str = ""):
        self.etag, self.modified, self.cache_control, self.sent = etag, modified, cache_control, 0
        super().__init__(folder)

    def _handler(self) -> type:
        owner = self

        class Handler(super()._handler()):  # type: ignore[misc]
            def answer(self, status: int, body: bytes = b"", content_type: str = "application/json",
                       headers: dict[str, str] | None = None) -> None:
                owner.sent += len(body)
                super().answer(status, body, content_type, headers)

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                file = owner.folder / path[len("/specs/"):]
                if not path.startswith("/specs/") or not file.is_file():
                    return super().do_GET()
                owner.requests.append((self.path, dict(self.headers.items())))
                body = file.read_bytes()
                tag, modified = f'"{hashlib.sha256(body).hexdigest()[:16]}"', formatdate(file.stat().st_mtime,
                                                                                          usegmt=True)
                validators = {"ETag": tag} if owner.etag else {}
                validators.update({"Last-Modified": modified} if owner.modified else {})
                validators.update({"Cache-Control": owner.cache_control} if owner.cache_control else {})
                asked_tag, asked_date = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
                if (asked_tag == tag) if asked_tag is not None else (asked_date == modified and owner.modified):
                    self.answer(304, headers=validators)
                else:
                    self.answer(200, body, "application/yaml", validators)

        return Handler


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_304_skips_the_download_and_gives_the_same_sdk(tmp_path: Path, capsys, monkeypatch) -> None:
    cache = tmp_path / "cache" / "http"
    monkeypatch.setenv(fetch.CACHE_ENV, str(cache.parent))
    monkeypatch.setenv("SPEC_KEY", "Bearer s3cret-value")
    served = tmp_path / "served"
    shutil.copytree(SPECS / "external", served)
    size = sum(len(p.read_bytes()) for p in served.iterdir())
    with ConditionalServer(served) as server:
        def run(out: str) -> str:
            code = main(["generate", f"{server.url}/specs/api.yaml", "--lang", "python", "--out", str(tmp_path / out),
                         "--header-env", "Authorization=SPEC_KEY"])
            err = capsys.readouterr().err
            assert code == 0, err
            return err

        first = run("first")
        assert server.sent == size and "HTTP 304" not in first
        assert all("If-None-Match" not in headers for _, headers in server.requests)
        assert len(list(cache.iterdir())) == 3  # the spec and the two documents of its origin it references
        assert all(b"s3cret-value" not in entry.read_bytes() for entry in cache.iterdir())
        server.requests.clear()

        second = run("second")  # another output folder: a whole run, not the no-op fast path
        assert server.sent == size  # nothing more was sent
        assert [path for path, _ in server.requests] == ["/specs/api.yaml", "/specs/common.yaml", "/specs/pet.yaml"]
        assert all(headers.get("If-None-Match", "").startswith('"') and headers.get("If-Modified-Since")
                   and headers.get("Authorization") == "Bearer s3cret-value" for _, headers in server.requests)
        assert f"{server.url}/specs/api.yaml: not modified since the last fetch (HTTP 304); using the cached copy" \
            in second
        assert _tree(tmp_path / "first") == _tree(tmp_path / "second")

        (served / "pet.yaml").write_text((served / "pet.yaml").read_text().replace(
            "    owner:", "    nickname: {type: string}\n    owner:"))
        run("third")  # a changed document is downloaded again, the others are not
        assert server.sent == size + len((served / "pet.yaml").read_bytes())
    assert _tree(tmp_path / "first") != _tree(tmp_path / "third")


@pytest.mark.parametrize(("etag", "cache_control", "asked", "kept"), [
    (True, "", "If-None-Match", True),
    (False, "", "If-Modified-Since", True),
    (True, "private, no-store", None, False),
])
def test_what_is_kept_and_asked(tmp_path: Path, monkeypatch, etag: bool, cache_control: str, asked: str | None,
                                kept: bool) -> None:
    cache = tmp_path / "cache" / "http"
    monkeypatch.setenv(fetch.CACHE_ENV, str(cache.parent))
    with ConditionalServer(BROKEN, etag=etag, cache_control=cache_control) as server:
        host = server.url.split("://")[1]
        first = fetch.load(f"http://user:pw@{host}/specs/ok.yaml")
        second = fetch.load(f"{server.url}/specs/ok.yaml")  # the same entry: it is keyed without the user info
    assert second.text == first.text and bool(second.notices) is kept
    entries = list(cache.glob("*")) if cache.exists() else []
    assert len(entries) == int(kept) and all(b"pw" not in entry.read_bytes() for entry in entries)
    headers = server.requests[1][1]
    assert (asked in headers if asked else not any(h.startswith("If-") for h in headers)), headers
    assert server.sent == len(first.text.encode()) * (1 if kept else 2)


def test_a_broken_or_missing_cache_entry_is_ignored(tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache" / "http"
    monkeypatch.setenv(fetch.CACHE_ENV, str(cache.parent))
    with ConditionalServer(BROKEN) as server:
        url = f"{server.url}/specs/ok.yaml"
        text = fetch.load(url).text
        (entry,) = cache.iterdir()
        whole = entry.read_bytes()
        body = whole.partition(b"\n")[2]
        for broken in (whole[:-5], whole[:-1] + b"#", b"not json\n" + whole, b"", b"[]\n" + body):
            entry.write_bytes(broken)
            source = fetch.load(url)
            assert source.text == text and source.notices == []
            assert not any(name.startswith("If-") for name in server.requests[-1][1])
        assert entry.read_bytes() == whole  # rewritten by the last download
        entry.unlink()
        assert fetch.load(url).text == text and entry.exists()
    assert server.sent == len(text.encode()) * 7


def test_only_the_spec_origin_is_cached_and_a_3xx_without_location_is_an_error(tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache" / "http"
    monkeypatch.setenv(fetch.CACHE_ENV, str(cache.parent))
    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(BROKEN / "pet.yaml", served / "pet.yaml")
    with ConditionalServer(served) as home, ConditionalServer(served) as other:
        (served / "spec.yaml").write_text((BROKEN / "remote-spec-other-origin.yaml").read_text()
                                          .replace("{other}", other.url))
        for _ in range(2):
            source = fetch.load(f"{home.url}/specs/spec.yaml", fetch.Settings(allow_refs=(other.url + "/",)))
            resolve.resolve_external(source)
        with pytest.raises(FetchError, match=r"HTTP 304 Not Modified and no Location to follow"):
            fetch.load(f"{home.url}/status/304")
    assert "If-None-Match" in home.requests[1][1] and len(list(cache.iterdir())) == 1
    assert all(not any(name.startswith("If-") for name in headers) for _, headers in other.requests)


def test_a_text_once_found_self_contained_is_not_parsed_until_its_output_must_be_made(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fetch.CACHE_ENV, str(tmp_path / "cache"))
    spec = tmp_path / "kitchen-sink.yaml"
    spec.write_bytes((SPECS / "kitchen-sink.openapi3.yaml").read_bytes())
    parsed: list[str] = []
    real_parse = fetch.parse
    monkeypatch.setattr(fetch, "parse", lambda text, location: parsed.append(location) or real_parse(text, location))

    def run(out: str) -> None:
        assert main(["generate", str(spec), "--lang", "python", "--out", str(tmp_path / out), "-q"]) == 0

    run("first")
    assert parsed == [str(spec)] and fetch.load(str(spec)).self_contained
    parsed.clear()
    run("first")  # up to date: the bytes are hashed, never parsed
    assert parsed == []
    run("second")  # a new folder: parsed when the model is needed, and the same SDK
    assert parsed == [str(spec)] and _tree(tmp_path / "first") == _tree(tmp_path / "second")
    spec.write_bytes(spec.read_bytes() + b"\nbroken: [\n")  # other bytes: parsed at once, errors shown at once
    parsed.clear()
    assert main(["generate", str(spec), "--lang", "python", "--out", str(tmp_path / "first"), "-q"]) == 2
    assert parsed == [str(spec)]


def test_a_document_with_external_references_is_never_marked_self_contained(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fetch.CACHE_ENV, str(tmp_path / "cache"))
    shutil.copytree(SPECS / "external", tmp_path / "external")
    api = tmp_path / "external" / "api.yaml"
    source = fetch.load(str(api))
    resolved = resolve.resolve_external(source)
    assert resolved is not source.document and not fetch.load(str(api)).self_contained

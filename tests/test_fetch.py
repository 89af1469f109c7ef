"""The reference policy, the limits and the secrets of fetch.py, on real servers on 127.0.0.1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import fetch
from generator.cli import main

from .servers import SpecServer

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "broken" / "specs"


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

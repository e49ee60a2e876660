"""Site files: good ones load with defaults; mistakes name the file and the key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from vigil.collect.sites import SiteError, load_sites, site_from_dict

GOOD: dict[str, Any] = {"name": "Ads DE", "start_urls": ["https://ads.example/list"], "kind": "classifieds"}


def test_defaults_are_polite() -> None:
    s = site_from_dict(GOOD)
    assert (s.robots, s.allow_loopback, s.render_js) == (True, False, False)
    assert s.politeness.delay_s >= 1 and s.politeness.concurrency == 1
    assert s.scope == ("https://ads.example/",)
    assert s.in_scope("https://ads.example/ad/1") and not s.in_scope("https://other.example/")


@pytest.mark.parametrize(
    ("change", "key", "why"),
    [
        ({"name": ""}, "name", "a site needs a name"),
        ({"start_urls": []}, "start_urls", "and somewhere to start"),
        ({"start_urls": ["file:///etc/passwd"]}, "start_urls", "only http(s)"),
        ({"kind": "darknet"}, "kind", "kinds are the platform kinds"),
        ({"robots": False}, "robots", "ignoring robots needs a stated reason"),
        ({"robots": {"obey": False}}, "robots", "a reason, not just obey: false"),
        ({"robots": {"obey": False, "reason": "x"}}, "robots.reason", "the key is override_reason"),
        ({"politness": {}}, "politness", "typos are errors, not silently ignored"),
        ({"politeness": {"delay": 1}}, "politeness.delay", "unknown sub-key"),
        ({"links": {"post_pattern": "(unclosed"}}, "links.post_pattern", "bad regex"),
        ({"post": {"fields": {"phone": ".tel"}}}, "post.fields.phone", "fields are the ingest schema's"),
        ({"post": {"fields": {"title": "h1[[["}}}, "post.fields.title", "bad CSS selector"),
    ],
)
def test_mistakes_are_named(change: dict[str, Any], key: str, why: str) -> None:
    with pytest.raises(SiteError) as err:
        site_from_dict({**GOOD, **change}, "sites/ads.yaml")
    assert err.value.key == key, why
    assert "sites/ads.yaml" in str(err.value)


def test_robots_override_with_a_reason_is_accepted() -> None:
    s = site_from_dict({**GOOD, "robots": {"obey": False, "override_reason": "court order 12/2026"}})
    assert not s.robots and s.robots_override_reason == "court order 12/2026"


def test_folder_loads_every_file_and_refuses_duplicate_names(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("name: A\nstart_urls: [https://a.example/]\n")
    (tmp_path / "b.yml").write_text("name: B\nstart_urls: [https://b.example/]\n")
    assert [s.name for s in load_sites(tmp_path)] == ["A", "B"]
    (tmp_path / "c.yaml").write_text("name: a\nstart_urls: [https://c.example/]\n")
    with pytest.raises(SiteError, match="already uses the name"):
        load_sites(tmp_path)

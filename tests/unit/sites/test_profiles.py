"""Site profiles: loading, validation errors that name the file and key, and a contract over every profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.pages.verdict import page_kind
from crawler.sites import ProfileError, iter_profiles, load_profile, parse_profile

DEMO_DIR = Path(__file__).resolve().parents[3] / "crawler" / "demo"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


ALL_PROFILES = list(iter_profiles([DEMO_DIR]))


@pytest.mark.parametrize("profile", ALL_PROFILES, ids=[p.name for p in ALL_PROFILES])
def test_every_profile_is_valid_and_named_like_its_file(profile):
    assert profile.path is not None
    assert profile.name == profile.path.stem
    assert profile.start_urls, "a profile must give at least one start URL"
    assert profile.allowed_domains, "a profile must restrict the crawl to its domains"


def test_caigou_profile_classifies_article_and_hub_urls():
    profile = load_profile("caigou")
    assert page_kind("http://www.caigou.com.cn/news/20171219108.shtml", profile) == "article"
    assert page_kind("http://www.caigou.com.cn/news/2017010349.shtml", profile) == "article"
    assert page_kind("http://www.caigou.com.cn/news/", profile) == "hub"
    assert profile.timezone == "Asia/Shanghai"


def test_missing_profile_names_where_it_looked(tmp_path):
    with pytest.raises(ProfileError, match=r"no site profile 'nope'.*nope\.toml"):
        load_profile("nope", [tmp_path])


def test_extra_site_dirs_are_searched(tmp_path):
    write(
        tmp_path,
        "local_news",
        'start_urls = ["https://local.example/"]\nallowed_domains = ["local.example"]\n',
    )
    assert load_profile("local_news", [tmp_path]).start_urls == ("https://local.example/",)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('start_urls = ["example.com"]', "start_urls"),
        ('name = "other"', "name"),
        ("[links]\narticle = ['(unclosed']", "links.article"),
        ("[links]\narticles = ['x']", "links.articles"),
        ('timezone = "Mars/Olympus"', "timezone"),
        ("[selectors]\nbody = 3", "selectors.body"),
        ("unknown_key = 1", "unknown_key"),
        ("page = 3", "page"),
        ('page = "Bad-Page"', "page"),
    ],
)
def test_broken_profile_error_names_file_and_key(tmp_path, text, key):
    path = write(tmp_path, "broken", text)
    with pytest.raises(ProfileError) as info:
        parse_profile(path)
    assert str(path) in str(info.value)
    assert repr(key) in str(info.value)


def test_toml_syntax_error_names_the_file(tmp_path):
    path = write(tmp_path, "bad_syntax", "start_urls = [")
    with pytest.raises(ProfileError, match=r"bad_syntax\.toml"):
        parse_profile(path)


def test_name_must_be_snake_case(tmp_path):
    with pytest.raises(ProfileError, match="snake_case"):
        load_profile("Bad-Name", [tmp_path])

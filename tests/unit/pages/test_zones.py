"""The zone of a page's local times: each entry of the country and language tables, and the signals."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from crawler.pages import zones


@pytest.mark.parametrize(("country", "zone"), sorted(zones.COUNTRY_ZONES.items()))
def test_each_country_locale_gives_its_zone(country: str, zone: str) -> None:
    assert ZoneInfo(zone).key == zone  # a real IANA zone
    assert zones.zone_for("xx", f"xx-{country.upper()}", None) == zone
    assert zones.zone_for(None, None, f"news.example.{country}") == zone


@pytest.mark.parametrize(
    ("lang", "zone"), [("zh", "Asia/Shanghai"), ("ja", "Asia/Tokyo"), ("ko", "Asia/Seoul")]
)
def test_each_single_zone_language_gives_its_zone(lang: str, zone: str) -> None:
    assert zones.zone_for(lang, None, "example.com") == zone
    assert len(zones.LANG_ZONES) == 3


def test_the_uk_domain_is_great_britain() -> None:
    assert zones.domain_country("www.bbc.co.uk") == "gb"


@pytest.mark.parametrize(
    ("lang", "locale", "host"),
    [
        ("en", None, "example.com"),  # English: many countries
        ("en", "en_US", "example.com"),  # the US spans several zones
        ("es", "es-MX", "example.mx"),
        ("en", None, "example.io"),  # not a country's domain in use
        (None, None, None),
    ],
)
def test_no_clear_signal_leaves_the_zone_unknown(
    lang: str | None, locale: str | None, host: str | None
) -> None:
    assert zones.zone_for(lang, locale, host) is None


def test_the_locale_wins_over_the_domain() -> None:
    assert zones.zone_for("en", "en_GB", "example.de") == "Europe/London"
    assert zones.locale_country("de_DE") == "de"
    assert zones.locale_country("en") is None


def test_a_declared_country_of_several_zones_overrules_the_domain() -> None:
    assert zones.zone_for("en", "en-US", "example.de") is None

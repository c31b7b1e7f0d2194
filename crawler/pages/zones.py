"""The time zone a page's local times are in, from what the site says of its country and language.

Only clear signals count: a country named in the declared locale (``en-GB``, ``og:locale`` ``de_DE``) or by
the host's country-code domain, or a language spoken in one zone. Countries spanning several zones (US,
Canada, Russia, Brazil, Australia ...) and languages of many countries (English, Spanish, French ...) give
none: their times stay naive, the zone marked unknown, rather than get an invented ``+00:00``.
"""

from __future__ import annotations

import re

#: Country (ISO 3166 alpha-2, lower case) -> the IANA zone the whole country keeps.
COUNTRY_ZONES: dict[str, str] = {
    "cn": "Asia/Shanghai",
    "hk": "Asia/Hong_Kong",
    "mo": "Asia/Macau",
    "tw": "Asia/Taipei",
    "sg": "Asia/Singapore",
    "jp": "Asia/Tokyo",
    "kr": "Asia/Seoul",
    "in": "Asia/Kolkata",
    "gb": "Europe/London",
    "ie": "Europe/Dublin",
    "de": "Europe/Berlin",
    "at": "Europe/Vienna",
    "ch": "Europe/Zurich",
    "fr": "Europe/Paris",
    "be": "Europe/Brussels",
    "nl": "Europe/Amsterdam",
    "it": "Europe/Rome",
    "pl": "Europe/Warsaw",
    "se": "Europe/Stockholm",
    "no": "Europe/Oslo",
    "dk": "Europe/Copenhagen",
    "fi": "Europe/Helsinki",
    "cz": "Europe/Prague",
    "gr": "Europe/Athens",
}
#: Country-code domains naming another country code than their own letters.
_DOMAIN_COUNTRY: dict[str, str] = {"uk": "gb"}
#: Language (primary subtag) -> zone, for languages whose pages come from one zone.
LANG_ZONES: dict[str, str] = {
    "zh": "Asia/Shanghai",
    "ja": "Asia/Tokyo",
    "ko": "Asia/Seoul",
}
_REGION = re.compile(r"^\s*[A-Za-z]{2,3}[-_]([A-Za-z]{2})\b")


def locale_country(declared: str | None) -> str | None:
    """The country of a locale such as ``en-GB`` or ``de_DE`` (lower case), or None."""
    match = _REGION.match(declared or "")
    return match.group(1).lower() if match else None


def domain_country(host: str | None) -> str | None:
    """The country of a host's country-code top-level domain (``bbc.co.uk`` -> ``gb``), or None."""
    label = (host or "").rstrip(".").rsplit(".", 1)[-1].lower()
    if len(label) != 2 or not label.isalpha():
        return None
    return _DOMAIN_COUNTRY.get(label, label)


def zone_for(lang: str | None, locale: str | None, host: str | None) -> str | None:
    """The page's zone: the declared locale's country (None for a country of several zones), else its
    language's zone, else the domain's country; None when no clear signal gives one."""
    country = locale_country(locale)
    if country:  # a country of several zones (en-US) gives none, whatever the domain says
        return COUNTRY_ZONES.get(country)
    if lang and lang in LANG_ZONES:
        return LANG_ZONES[lang]
    country = domain_country(host)
    return COUNTRY_ZONES.get(country) if country else None

"""Site profiles: one TOML file per site, loaded and validated into a frozen ``SiteProfile``.

See README § Site profiles. Profiles are searched in ``crawler/sites/`` and then in every folder
listed in the ``ARCHIVE_SITE_DIRS`` setting (or environment variable), in order.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PACKAGE_DIR = Path(__file__).resolve().parent
NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
#: Fields a profile may give selectors for (CSS, or XPath when the selector starts with ``/`` or ``(``).
SELECTOR_FIELDS = frozenset(
    {"title", "body", "published", "authors", "source", "editors", "view_count", "info"}
)
_TOP_KEYS = frozenset(
    {
        "name",
        "allowed_domains",
        "start_urls",
        "timezone",
        "lang",
        "page",
        "links",
        "selectors",
        "boilerplate",
        "settings",
    }
)
_LINK_KEYS = frozenset({"article", "list", "deny", "related"})
_BOILERPLATE_KEYS = frozenset({"drop_lines", "drop_selectors"})


class ProfileError(ValueError):
    """A site profile is missing or invalid; the message names the file and the key."""


@dataclass(frozen=True)
class SiteProfile:
    """Everything the generic spider and page extraction need to know about one site.

    Attributes (TOML keys in brackets):
      name            [name] snake_case; equals the file name and ``-a site=``.
      allowed_domains [allowed_domains] hosts (and their subdomains) the crawl may visit.
      start_urls      [start_urls] where a crawl starts; ``-a start_urls=`` replaces them.
      timezone        [timezone] IANA zone for times the page gives without an offset.
      lang            [lang] default language code when the page does not declare one.
      page            [page] snake_case name of a module in ``crawler/pages/sites/`` defining one ArticlePage
                      subclass that overrides single field hooks; extraction uses it for this site (a
                      missing module or class is a ProfileError at first use: ``crawler.pages.page_class``).
      article_patterns [links.article] regexes on the URL path(+query): these URLs are articles.
      list_patterns   [links.list] regexes: these URLs are hubs (list/section pages), never stored.
      deny_patterns   [links.deny] regexes: never follow these URLs.
      related_selectors [links.related] CSS selectors of related-reading links to follow and record.
      selectors       [selectors] field -> selector, tried before JSON-LD/meta/heuristics.
      drop_lines      [boilerplate.drop_lines] extra line regexes removed from bodies (rule ``profile``).
      drop_selectors  [boilerplate.drop_selectors] CSS selectors of blocks removed before extraction.
      settings        [settings] Scrapy settings applied for this site's crawl.
    """

    name: str
    allowed_domains: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()
    timezone: str | None = None
    lang: str | None = None
    page: str | None = None
    article_patterns: tuple[re.Pattern[str], ...] = ()
    list_patterns: tuple[re.Pattern[str], ...] = ()
    deny_patterns: tuple[re.Pattern[str], ...] = ()
    related_selectors: tuple[str, ...] = ()
    selectors: Mapping[str, str] = field(default_factory=dict)
    drop_lines: tuple[re.Pattern[str], ...] = ()
    drop_selectors: tuple[str, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None


def site_dirs(extra: Iterable[str | Path] | str | None = None) -> list[Path]:
    """Return the folders searched for profiles: the package folder, then ``extra`` / ARCHIVE_SITE_DIRS."""
    dirs = [PACKAGE_DIR]
    if extra is None:
        extra = os.environ.get("ARCHIVE_SITE_DIRS", "")
    if isinstance(extra, str):
        extra = [p for p in re.split(rf"[,{re.escape(os.pathsep)}]", extra) if p.strip()]
    dirs.extend(Path(p).expanduser().resolve() for p in extra)
    return dirs


def find_profile(name: str, dirs: Iterable[str | Path] | str | None = None) -> Path:
    """Return the path of profile ``name`` or raise ProfileError listing where it looked."""
    if not NAME_RE.match(name):
        raise ProfileError(f"site name {name!r} is not snake_case (letters, digits, underscores)")
    searched = site_dirs(dirs)
    for folder in searched:
        candidate = folder / f"{name}.toml"
        if candidate.is_file():
            return candidate
    where = ", ".join(str(d) for d in searched)
    raise ProfileError(f"no site profile {name!r}: looked for {name}.toml in {where}")


def load_profile(name: str, dirs: Iterable[str | Path] | str | None = None) -> SiteProfile:
    """Load and validate the profile called ``name``."""
    return parse_profile(find_profile(name, dirs))


def iter_profiles(dirs: Iterable[str | Path] | str | None = None) -> Iterator[SiteProfile]:
    """Yield every profile found in the profile folders, sorted by name within each folder."""
    for folder in site_dirs(dirs):
        for path in sorted(folder.glob("*.toml")):
            yield parse_profile(path)


def parse_profile(path: Path) -> SiteProfile:
    """Parse one TOML file into a SiteProfile; errors name the file and the key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"{path}: cannot read profile: {exc}") from exc
    return _build(path, data)


def _fail(path: Path, key: str, message: str) -> ProfileError:
    return ProfileError(f"{path}: key {key!r}: {message}")


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(path, key, "expected a list of non-empty strings")
    return tuple(value)


def _regexes(path: Path, key: str, value: Any) -> tuple[re.Pattern[str], ...]:
    out = []
    for pattern in _strings(path, key, value):
        try:
            out.append(re.compile(pattern))
        except re.error as exc:
            raise _fail(path, key, f"bad regular expression {pattern!r}: {exc}") from exc
    return tuple(out)


def _table(path: Path, data: Mapping[str, Any], key: str, allowed: frozenset[str]) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise _fail(path, key, "expected a table")
    unknown = set(value) - allowed
    if unknown:
        raise _fail(path, f"{key}.{min(unknown)}", f"unknown key; allowed: {', '.join(sorted(allowed))}")
    return value


def _check_urls(path: Path, urls: tuple[str, ...]) -> None:
    for url in urls:
        if not re.match(r"^https?://[^/\s]+", url):
            raise _fail(path, "start_urls", f"{url!r} is not an absolute http(s) URL")


def _check_top(path: Path, data: Mapping[str, Any]) -> str:
    """Refuse unknown top-level keys and a name other than the file's; return the name."""
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise _fail(path, min(unknown), "unknown key")
    name = data.get("name", path.stem)
    if not isinstance(name, str) or name != path.stem:
        raise _fail(path, "name", f"must equal the file name {path.stem!r}")
    if not NAME_RE.match(name):
        raise _fail(path, "name", "must be snake_case")
    return name


def _check_scalars(path: Path, data: Mapping[str, Any]) -> None:
    """``timezone`` names an IANA zone; ``lang`` and ``page`` are strings, ``page`` a snake_case module name."""
    timezone = data.get("timezone")
    if timezone is not None:
        try:
            ZoneInfo(str(timezone))
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise _fail(path, "timezone", f"unknown time zone {timezone!r}") from exc
    for key in ("lang", "page"):
        if key in data and not isinstance(data[key], str):
            raise _fail(path, key, "expected a string")
    if "page" in data and not NAME_RE.match(data["page"]):
        raise _fail(path, "page", "must be a snake_case module name (crawler/pages/sites/<page>.py)")


def _build(path: Path, data: Mapping[str, Any]) -> SiteProfile:
    name = _check_top(path, data)
    links = _table(path, data, "links", _LINK_KEYS)
    boiler = _table(path, data, "boilerplate", _BOILERPLATE_KEYS)
    selectors = _table(path, data, "selectors", SELECTOR_FIELDS)
    for key, value in selectors.items():
        if not isinstance(value, str) or not value:
            raise _fail(path, f"selectors.{key}", "expected a non-empty selector string")
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise _fail(path, "settings", "expected a table")
    _check_scalars(path, data)
    start_urls = _strings(path, "start_urls", data.get("start_urls", []))
    _check_urls(path, start_urls)
    return SiteProfile(
        name=name,
        allowed_domains=_strings(path, "allowed_domains", data.get("allowed_domains", [])),
        start_urls=start_urls,
        timezone=data.get("timezone"),
        lang=data.get("lang"),
        page=data.get("page"),
        article_patterns=_regexes(path, "links.article", links.get("article", [])),
        list_patterns=_regexes(path, "links.list", links.get("list", [])),
        deny_patterns=_regexes(path, "links.deny", links.get("deny", [])),
        related_selectors=_strings(path, "links.related", links.get("related", [])),
        selectors=dict(selectors),
        drop_lines=_regexes(path, "boilerplate.drop_lines", boiler.get("drop_lines", [])),
        drop_selectors=_strings(path, "boilerplate.drop_selectors", boiler.get("drop_selectors", [])),
        settings=dict(settings),
        path=path,
    )

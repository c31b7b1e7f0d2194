"""URL identity: the canonical ``url_key``, same-site checks, trusted rel=canonical and origins.

See README § Deduplication. Pure functions, no I/O.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import SplitResult, unquote_plus, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

DEFAULT_PORTS = {"http": 80, "https": 443}

#: Query parameters that never change which article a URL names (compared lower-case).
TRACKING_PARAMS = frozenset(
    {
        # referral and share tracking
        "spm",
        "from",
        "isappinstalled",
        "scene",
        "share_token",
        "wxfrom",
        "fbclid",
        "gclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "share_source",
        "share_medium",
        "sharer_sharetime",
        "sharer_shareid",
        "clicktime",
        "enterid",
        # session ids
        "jsessionid",
        "phpsessid",
        "sid",
        "sessionid",
        "session_id",
    }
)
#: Query parameter prefixes that are tracking or session ids (``utm_source``, ``aspsessionidqasdqd``).
TRACKING_PREFIXES = ("utm_", "aspsessionid")
#: Path parameters (``/a.html;jsessionid=...``) that are session ids.
_PATH_SESSION_RE = re.compile(r";(?:jsessionid|phpsessid|sid|sessionid|session_id)=[^/;]*", re.IGNORECASE)
_HOME_DOC_RE = re.compile(r"^/(?:index|default|home)\.[a-z0-9]+$", re.IGNORECASE)

#: Second-level labels that form a public suffix under a two-letter country TLD (com.cn, co.uk, gov.au).
_GENERIC_SECOND_LEVEL = frozenset(
    {
        "com",
        "net",
        "org",
        "gov",
        "edu",
        "ac",
        "co",
        "mil",
        "ltd",
        "plc",
        "gen",
        "sch",
        "nhs",
        "ne",
        "or",
        "go",
        "gob",
        "nom",
        "info",
        "biz",
        "int",
        "lg",
        "ed",
        "gr",
        "me",
        "police",
    }
)
#: Chinese province labels that are public suffixes under .cn (bj.cn, sd.cn ...).
_CN_PROVINCES = frozenset(
    {
        "bj",
        "sh",
        "tj",
        "cq",
        "he",
        "sx",
        "nm",
        "ln",
        "jl",
        "hl",
        "js",
        "zj",
        "ah",
        "fj",
        "jx",
        "sd",
        "ha",
        "hb",
        "hn",
        "gd",
        "gx",
        "hi",
        "sc",
        "gz",
        "yn",
        "xz",
        "sn",
        "gs",
        "qh",
        "nx",
        "xj",
        "tw",
        "hk",
        "mo",
    }
)


def canonicalize(url: str) -> str:
    """Return the ``url_key`` of ``url``: the form two URLs share when they name the same page.

    Lower-cases scheme and host, drops the default port, user info, fragment, tracking and session
    parameters, resolves dot segments, normalises percent-encoding, sorts the query and strips a
    trailing slash except on the root path. Idempotent.
    """
    url = canonicalize_url(url.strip(), keep_blank_values=True, keep_fragments=False)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    path = _PATH_SESSION_RE.sub("", parts.path)
    if parts.netloc or path:
        path = path.rstrip("/;") or "/"
    query = "&".join(p for p in parts.query.split("&") if p and not _is_tracking(p))
    return urlunsplit((scheme, _netloc(scheme, parts.hostname, _port(parts)), path, query, ""))


def _port(parts: SplitResult) -> int | None:
    try:
        return parts.port
    except ValueError:
        return None


def _is_tracking(pair: str) -> bool:
    name = unquote_plus(pair.split("=", 1)[0]).strip().lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def _netloc(scheme: str, host: str | None, port: int | None) -> str:
    if not host:
        return ""
    host = host.rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    if port is None or DEFAULT_PORTS.get(scheme) == port:
        return host
    return f"{host}:{port}"


#: URLs whose key is remembered by ``url_key`` (least recently used first out; a few MB).
URL_KEY_CACHE = 1 << 14


@lru_cache(maxsize=URL_KEY_CACHE)
def url_key(url: str) -> str:
    """The canonical key of ``url`` (``canonicalize``) behind a bounded cache, for the crawl's hot paths.

    A crawl canonicalises the same URLs many times (fingerprints, crawl state, saves); the cache keeps
    memory bounded whatever the size of the site.
    """
    return canonicalize(url)


def origin(url: str) -> str:
    """Return ``scheme://host[:port]`` of ``url`` (lower-case, default port omitted).

    The one origin of the project: crawl scope, per-origin cool-downs, redirect and credential checks and
    robots.txt all compare origins made by this function.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    return f"{scheme}://{_netloc(scheme, parts.hostname, _port(parts))}"


def registrable_domain(host: str) -> str:
    """Approximate the registrable domain of ``host`` (``news.qq.com`` -> ``qq.com``, ``a.b.com.cn`` -> ``b.com.cn``).

    IP addresses and single-label hosts are returned as they are. Two-level public suffixes are
    recognised by rule (a common second-level label under a two-letter country TLD, or a Chinese
    province label under ``.cn``) instead of the full Public Suffix List.
    """
    host = host.strip().rstrip(".").lower()
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    else:
        return host
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    tld, second = labels[-1], labels[-2]
    two_level = len(tld) == 2 and (
        second in _GENERIC_SECOND_LEVEL or (tld == "cn" and second in _CN_PROVINCES)
    )
    return ".".join(labels[-3:] if two_level else labels[-2:])


def same_site(a: str, b: str) -> bool:
    """Return True when URLs ``a`` and ``b`` belong to the same registrable domain."""
    host_a, host_b = urlsplit(a.strip()).hostname, urlsplit(b.strip()).hostname
    if not host_a or not host_b:
        return False
    return registrable_domain(host_a) == registrable_domain(host_b)


def trusted_canonical(page_url: str, canonical: str | None) -> str | None:
    """Return ``canonical`` (made absolute) when it can stand for ``page_url``'s identity, else None.

    Trusted: an http(s) URL on the same site as the page that is neither a home page (``/``,
    ``/index.html`` ... without an identity query) nor a section page (path ending in ``/``).
    """
    if not canonical or not canonical.strip():
        return None
    absolute = urljoin(page_url.strip(), canonical.strip())
    parts = urlsplit(absolute)
    if parts.scheme.lower() not in DEFAULT_PORTS or not same_site(page_url, absolute):
        return None
    key = urlsplit(canonicalize(absolute))
    if (key.path == "/" or _HOME_DOC_RE.match(key.path)) and not key.query:
        return None
    if parts.path.endswith("/") and key.path != "/":
        return None
    return absolute

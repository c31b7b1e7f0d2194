"""Pure text cleaning: boilerplate line rules, whitespace/title sanitising and content fingerprints.

See README § Boilerplate rules and chinese-news.md §2.2–2.9, §6.2.
"""

from crawler.cleaning.fingerprint import content_hash, fingerprint_text
from crawler.cleaning.rules import SHARED_RULES, Rule, profile_rules
from crawler.cleaning.text import CleanResult, apply_rules, normalize_whitespace, sanitize_title

__all__ = [
    "SHARED_RULES",
    "CleanResult",
    "Rule",
    "apply_rules",
    "content_hash",
    "fingerprint_text",
    "normalize_whitespace",
    "profile_rules",
    "sanitize_title",
]

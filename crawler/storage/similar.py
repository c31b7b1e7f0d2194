"""Near-duplicate detection: 5-character shingles, a one-permutation MinHash, LSH band keys, resemblance.

See README § Search (syndication clusters) and chinese-news.md §6.2. Bodies are normalised with the content
fingerprint's normalisation, so a reprint's changed header, byline and dateline do not count.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from crawler.cleaning.fingerprint import fingerprint_text

SHINGLE = 5
#: Signature length; LSH uses BANDS bands of ROWS values (42 x 3: candidates from Jaccard about 0.3).
PERMUTATIONS, BANDS, ROWS = 128, 42, 3
#: Confirmation thresholds (Broder's resemblance and containment) and the minimum normalised length.
MIN_JACCARD, MIN_CONTAINMENT, MIN_CHARS = 0.5, 0.8, 200
_MIX = 0x9E3779B97F4A7C15
_MASK64 = (1 << 64) - 1
_EMPTY = 1 << 32


@dataclass(frozen=True)
class Resemblance:
    """Exact comparison of two shingle sets: Jaccard and containment (overlap over the smaller set)."""

    jaccard: float
    containment: float

    @property
    def near_duplicate(self) -> bool:
        """True when either measure reaches its threshold."""
        return self.jaccard >= MIN_JACCARD or self.containment >= MIN_CONTAINMENT


def normalised(body: str | None) -> str:
    """The body as fingerprinted: boilerplate, dateline and counters removed, letters and digits only."""
    return fingerprint_text(body or "")


def shingles(text: str) -> frozenset[str]:
    """The distinct 5-character shingles of an already normalised text (the text itself when shorter)."""
    if len(text) <= SHINGLE:
        return frozenset([text]) if text else frozenset()
    return frozenset(text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1))


def signature(shingle_set: AbstractSet[str]) -> list[int]:
    """One-permutation MinHash: each shingle's hash falls in one of 128 bins; keep each bin's minimum.

    Empty bins borrow the next non-empty bin's value (rotation densification), marked by the distance,
    so two sets agree on a bin with probability close to their Jaccard similarity.
    """
    mins = [_EMPTY] * PERMUTATIONS
    for shingle in shingle_set:
        value = zlib.crc32(shingle.encode("utf-8"))
        slot = ((value * _MIX) & _MASK64) >> 57
        if value < mins[slot]:  # noqa: PLR1730 (hot loop: a call to min() costs more)
            mins[slot] = value
    if all(v == _EMPTY for v in mins):
        return mins
    filled = list(mins)
    for slot in range(PERMUTATIONS):
        distance = 0
        while mins[(slot + distance) % PERMUTATIONS] == _EMPTY:
            distance += 1
        filled[slot] = mins[(slot + distance) % PERMUTATIONS] + distance * _EMPTY
    return filled


def band_keys(values: list[int]) -> list[int]:
    """The LSH key of each band (band number and its rows hashed to 47 bits, stored in 6 bytes)."""
    keys = []
    for band in range(BANDS):
        rows = values[band * ROWS : (band + 1) * ROWS]
        data = b"".join(v.to_bytes(5, "little") for v in [band, *rows])
        keys.append(int.from_bytes(hashlib.blake2b(data, digest_size=6).digest(), "big") >> 1)
    return keys


def resemblance(first: AbstractSet[str], second: AbstractSet[str]) -> Resemblance:
    """Exact Jaccard and containment of two shingle sets (0 when either is empty)."""
    if not first or not second:
        return Resemblance(0.0, 0.0)
    common = len(first & second)
    return Resemblance(common / len(first | second), common / min(len(first), len(second)))


def comparable(text: str) -> bool:
    """True when a normalised body is long enough to be compared (at least MIN_CHARS characters)."""
    return len(text) >= MIN_CHARS

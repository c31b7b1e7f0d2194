"""Near-duplicate detection: 5-character shingles, a one-permutation MinHash, LSH band keys, resemblance.

See README § Search (syndication clusters) and chinese-news.md §6.2. Bodies are normalised with the content
fingerprint's normalisation, so a reprint's changed header, byline and dateline do not count.
"""

from __future__ import annotations

import math
import zlib
from array import array
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from hashlib import blake2b

from crawler.cleaning.fingerprint import fingerprint_text

SHINGLE = 5
#: Signature length; LSH uses BANDS bands of ROWS values (42 x 3: candidates from Jaccard about 0.3).
PERMUTATIONS, BANDS, ROWS = 128, 42, 3
#: Confirmation thresholds (Broder's resemblance and containment) and the minimum normalised length.
MIN_JACCARD, MIN_CONTAINMENT, MIN_CHARS = 0.5, 0.8, 200
_MIX = 0x9E3779B97F4A7C15
_EMPTY = 1 << 32
_HALVE = bytes(b >> 1 for b in range(256))
#: Each band's number as the 5 bytes its key's hash input starts with.
_BAND_PREFIXES = [band.to_bytes(5, "little") for band in range(BANDS)]
#: Half-width of the band around each threshold, in standard errors of the MinHash estimate, inside which
#: a candidate is compared exactly; outside it the estimate decides (wrong less than once in 700 draws).
UNSURE_SIGMAS = 3.0
#: Floor of the estimate's variance term (an estimated Jaccard of 0 or 1 is not certain either).
_MIN_VARIANCE = 0.02


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
    return frozenset([text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)])


def _bins(hashes: list[int]) -> bytes:
    """The bin of each hash, ``((h * _MIX) mod 2**64) >> 57``, for all hashes at once: the hashes are laid
    in 128-bit lanes of one integer (a product below 2**96 never reaches the next lane), multiplied once,
    and bits 57-63 of each lane read from its eighth byte."""
    lanes = array("Q", bytes(16 * len(hashes)))
    lanes[0::2] = array("Q", hashes)
    product = int.from_bytes(lanes.tobytes(), "little") * _MIX
    return product.to_bytes(16 * len(hashes), "little")[7::16].translate(_HALVE)


def signature(shingle_set: AbstractSet[str]) -> list[int]:
    """One-permutation MinHash: each shingle's hash falls in one of 128 bins; keep each bin's minimum.

    Empty bins borrow the next non-empty bin's value (rotation densification), marked by the distance,
    so two sets agree on a bin with probability close to their Jaccard similarity.
    """
    mins = [_EMPTY] * PERMUTATIONS
    # Largest hash first, so each bin keeps the last (smallest) value written to it: no per-shingle branch.
    hashes = sorted(map(zlib.crc32, map(str.encode, shingle_set)), reverse=True)
    if hashes:
        for slot, value in dict(zip(_bins(hashes), hashes, strict=True)).items():
            mins[slot] = value
    if _EMPTY not in mins or all(v == _EMPTY for v in mins):
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
    raw = array("Q", values).tobytes()  # 8 bytes little-endian per value; values are below 2**40
    encoded = bytearray(5 * len(values))
    for k in range(5):  # the low 5 bytes of each value, contiguous
        encoded[k::5] = raw[k::8]
    width = 5 * ROWS
    return [
        int.from_bytes(blake2b(prefix + encoded[band * width : (band + 1) * width], digest_size=6).digest())
        >> 1
        for band, prefix in enumerate(_BAND_PREFIXES)
    ]


def resemblance(first: AbstractSet[str], second: AbstractSet[str]) -> Resemblance:
    """Exact Jaccard and containment of two shingle sets (0 when either is empty)."""
    if not first or not second:
        return Resemblance(0.0, 0.0)
    common = len(first & second)
    return Resemblance(common / len(first | second), common / min(len(first), len(second)))


def pack(values: Sequence[int]) -> bytes:
    """A signature as stored (``minhash_signatures.signature``): each value folded to 32 bits, 4 bytes each."""
    return array("I", [(v ^ (v >> 32) * 0x9E3779B1) & 0xFFFFFFFF for v in values]).tobytes()


def estimated_jaccard(first: bytes, second: bytes) -> float:
    """The share of MinHash bins on which two packed signatures agree (XOR, then count the zero values)."""
    xor = int.from_bytes(first, "little") ^ int.from_bytes(second, "little")
    return array("I", xor.to_bytes(len(first), "little")).count(0) / PERMUTATIONS


def near_duplicate_estimate(jaccard: float, size: int, other_size: int) -> bool | None:
    """Decide near-duplication from an estimated Jaccard and the two shingle counts; None when unsure.

    Containment follows from Jaccard and the set sizes (``|A∩B| = J(|A|+|B|)/(1+J)``). Within
    UNSURE_SIGMAS standard errors of either threshold the caller must compare the shingle sets exactly.
    """
    smaller = min(size, other_size)
    if smaller <= 0:
        return False
    sigma = math.sqrt(max(jaccard * (1 - jaccard), _MIN_VARIANCE) / PERMUTATIONS)
    spread = (size + other_size) / smaller
    containment = jaccard * spread / (1 + jaccard)
    containment_sigma = sigma * spread / (1 + jaccard) ** 2
    if jaccard >= MIN_JACCARD + UNSURE_SIGMAS * sigma:
        return True
    if containment >= MIN_CONTAINMENT + UNSURE_SIGMAS * containment_sigma:
        return True
    jaccard_no = jaccard < MIN_JACCARD - UNSURE_SIGMAS * sigma
    if jaccard_no and containment < MIN_CONTAINMENT - UNSURE_SIGMAS * containment_sigma:
        return False
    return None


def comparable(text: str) -> bool:
    """True when a normalised body is long enough to be compared (at least MIN_CHARS characters)."""
    return len(text) >= MIN_CHARS

"""Tests for crawler.storage.similar: shingles, the one-permutation MinHash and LSH band keys."""

from __future__ import annotations

import hashlib
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.storage.similar import (
    BANDS,
    PERMUTATIONS,
    band_keys,
    estimated_jaccard,
    near_duplicate_estimate,
    normalised,
    pack,
    resemblance,
    shingles,
    signature,
)
from tests.unit.storage.test_clusters import reprint_with_new_header, story, truncated


def test_reprint_headers_do_not_change_the_normalised_body() -> None:
    body = story(11)
    assert normalised(reprint_with_new_header(body)) == normalised(body)


def test_signature_and_band_keys_are_stable_and_sized() -> None:
    values = signature(shingles(normalised(story(12))))
    assert len(values) == PERMUTATIONS
    assert signature(shingles(normalised(story(12)))) == values
    keys = band_keys(values)
    assert len(keys) == BANDS
    assert all(0 <= key < 2**47 for key in keys)


def test_similar_texts_share_bands_and_different_ones_do_not() -> None:
    body = story(13)
    own = set(band_keys(signature(shingles(normalised(body)))))
    cut = set(band_keys(signature(shingles(normalised(body[: int(len(body) * 0.6)])))))
    other = set(band_keys(signature(shingles(normalised(story(14))))))
    assert len(own & cut) >= 2
    assert not own & other


def test_short_texts_shingle_as_themselves() -> None:
    assert shingles("abc") == frozenset({"abc"})
    assert shingles("") == frozenset()
    assert shingles("abcdef") == frozenset({"abcde", "bcdef"})


def test_packed_signatures_estimate_jaccard() -> None:
    own = shingles(normalised(story(15)))
    cut = shingles(normalised(truncated(story(15), 0.5)))
    other = shingles(normalised(story(16)))
    packed = pack(signature(own))
    assert len(packed) == 4 * PERMUTATIONS
    assert estimated_jaccard(packed, packed) == 1.0
    assert abs(estimated_jaccard(packed, pack(signature(cut))) - resemblance(own, cut).jaccard) < 0.15
    assert estimated_jaccard(packed, pack(signature(other))) < 0.1


def test_the_estimate_decides_only_far_from_the_thresholds() -> None:
    assert near_duplicate_estimate(0.9, 500, 520) is True
    assert near_duplicate_estimate(0.05, 500, 520) is False
    assert near_duplicate_estimate(0.5, 500, 520) is None  # on the Jaccard threshold: compare exactly
    assert near_duplicate_estimate(0.05, 300, 1000) is False  # a short text sharing little of a long one
    assert near_duplicate_estimate(0.2, 300, 1000) is None  # containment near 0.8: compare exactly
    assert near_duplicate_estimate(0.45, 500, 1000) is None  # likely contained, but not surely: exactly
    assert near_duplicate_estimate(0.2, 0, 1000) is False


def _reference_signature(shingle_set: frozenset[str]) -> list[int]:
    """The one-permutation MinHash written per shingle and per bin (``signature`` must equal it)."""
    empty = 1 << 32
    mins = [empty] * PERMUTATIONS
    for shingle in shingle_set:
        value = zlib.crc32(shingle.encode())
        slot = ((value * 0x9E3779B97F4A7C15) & ((1 << 64) - 1)) >> 57
        mins[slot] = min(mins[slot], value)
    if all(v == empty for v in mins):
        return mins
    out = []
    for slot in range(PERMUTATIONS):
        distance = next(d for d in range(PERMUTATIONS) if mins[(slot + d) % PERMUTATIONS] != empty)
        out.append(mins[(slot + distance) % PERMUTATIONS] + distance * empty)
    return out


def _reference_band_keys(values: list[int]) -> list[int]:
    keys = []
    for band in range(BANDS):
        data = b"".join(v.to_bytes(5, "little") for v in [band, *values[band * 3 : band * 3 + 3]])
        keys.append(int.from_bytes(hashlib.blake2b(data, digest_size=6).digest(), "big") >> 1)
    return keys


@given(st.text(alphabet="甲乙丙丁戊己庚辛壬癸ab1", max_size=300))
@settings(max_examples=300, deadline=None)
def test_shingles_signature_and_band_keys_equal_the_plain_definitions(text: str) -> None:
    own = shingles(text)
    assert own == frozenset(text[i : i + 5] for i in range(max(1, len(text) - 4)) if text)
    values = signature(own)
    assert values == _reference_signature(own)
    assert band_keys(values) == _reference_band_keys(values)

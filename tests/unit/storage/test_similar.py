"""Tests for crawler.storage.similar: shingles, the one-permutation MinHash and LSH band keys."""

from __future__ import annotations

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

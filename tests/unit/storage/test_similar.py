"""Tests for crawler.storage.similar: shingles, the one-permutation MinHash and LSH band keys."""

from __future__ import annotations

from crawler.storage.similar import BANDS, PERMUTATIONS, band_keys, normalised, shingles, signature
from tests.unit.storage.test_clusters import reprint_with_new_header, story


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

"""Bounded trial decompression: bombs stop at the cap, truncated and corrupt streams are told apart."""

from __future__ import annotations

import gzip
import sys

import pytest

from crawler.utils.inflate import CHUNK, trial_decompress
from tests.hostile.payloads import brotli_bomb, deflate_bomb, gzip_bomb, truncated_gzip, zstd_bomb

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

PAGE = b"<html><head><title>t</title></head><body><p>Some text.</p></body></html>"
CAP = 1 << 20


@pytest.mark.parametrize(
    ("body", "coding"),
    [(gzip_bomb(4), "gzip"), (deflate_bomb(4), "deflate"), (brotli_bomb(4), "br"), (zstd_bomb(4), "zstd")],
)
def test_bombs_stop_at_the_cap(body, coding):
    result = trial_decompress(body, coding, CAP)
    assert result.problem == "bomb"
    assert result.size <= CAP + CHUNK


def test_truncated_gzip_is_incomplete_and_complete_gzip_passes():
    assert trial_decompress(truncated_gzip(PAGE), "gzip", CAP).problem == "truncated"
    assert trial_decompress(gzip.compress(PAGE) * 2, "gzip", CAP).problem is None
    assert trial_decompress(PAGE, "gzip", CAP).problem == "corrupt"


def test_zstd_frames_are_followed_and_broken_streams_found():
    frame = zstd.compress(PAGE)
    assert trial_decompress(frame * 3, "zstd", CAP).problem is None
    assert trial_decompress(frame[: len(frame) // 2], "zstd", CAP).problem == "truncated"
    assert trial_decompress(PAGE, "zstd", CAP).problem == "corrupt"


def test_identity_passes_and_an_unknown_coding_is_unsupported():
    assert trial_decompress(PAGE, "identity", CAP).size == len(PAGE)
    assert trial_decompress(PAGE, "compress", CAP).problem == "unsupported"

"""Bounded trial decompression: learn whether a gzip, deflate, brotli or zstd body is a bomb, truncated or corrupt.

Used by the decompression guard and the response gate (``crawler.downloadermiddlewares``) before Scrapy
decompresses a body; see README § Limits and safety.
"""

from __future__ import annotations

import sys
import zlib

#: Output read per step: memory stays at one chunk whatever the body inflates to.
CHUNK = 64 * 1024


class Inflated:
    """Outcome of a bounded trial decompression: bomb, truncated, corrupt or None (fine)."""

    def __init__(self, problem: str | None, size: int) -> None:
        self.problem = problem
        self.size = size


def trial_inflate(body: bytes, wbits: int, max_size: int) -> Inflated:
    """Decompress ``body`` chunk by chunk, keeping nothing, to learn if it is a bomb, truncated or corrupt.

    Memory stays at one chunk. Concatenated gzip members are followed.
    """
    size, data = 0, body
    while True:
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(data, CHUNK)
            size += len(out)
            while out and not inflater.eof and size <= max_size:
                out = inflater.decompress(inflater.unconsumed_tail, CHUNK)
                size += len(out)
        except zlib.error:
            return Inflated("corrupt", size)
        if size > max_size:
            return Inflated("bomb", size)
        if not inflater.eof:
            return Inflated("truncated", size)
        data = inflater.unused_data.lstrip(b"\x00")
        if not data or wbits != 31:
            return Inflated(None, size)


def trial_unbrotli(body: bytes, max_size: int) -> Inflated:
    """The brotli twin of ``trial_inflate``."""
    try:
        import brotli
    except ImportError:
        return Inflated("unsupported", 0)
    decompressor = brotli.Decompressor()
    try:
        size = len(decompressor.process(body, output_buffer_limit=CHUNK))
        while not decompressor.is_finished() and size <= max_size:
            chunk = decompressor.process(b"", output_buffer_limit=CHUNK)
            if not chunk:
                break
            size += len(chunk)
    except brotli.error:
        return Inflated("corrupt", 0)
    if size > max_size:
        return Inflated("bomb", size)
    return Inflated(None if decompressor.is_finished() else "truncated", size)


def trial_unzstd(body: bytes, max_size: int) -> Inflated:
    """The zstd twin of ``trial_inflate`` (Scrapy decodes zstd too, so it must be checked); frames are
    followed like gzip members."""
    if sys.version_info >= (3, 14):
        from compression import zstd
    else:
        from backports import zstd
    size, data = 0, body
    while True:
        decompressor = zstd.ZstdDecompressor()
        try:
            out = decompressor.decompress(data, CHUNK)
            size += len(out)
            while not decompressor.eof and size <= max_size and not decompressor.needs_input:
                out = decompressor.decompress(b"", CHUNK)
                size += len(out)
        except zstd.ZstdError:
            return Inflated("corrupt", size)
        if size > max_size:
            return Inflated("bomb", size)
        if not decompressor.eof:
            return Inflated("truncated", size)
        data = decompressor.unused_data
        if not data:
            return Inflated(None, size)


def trial_decompress(body: bytes, encoding: str, max_size: int) -> Inflated:
    """Check one Content-Encoding layer without keeping its output."""
    if encoding in ("gzip", "x-gzip"):
        return trial_inflate(body, 31, max_size)
    if encoding == "deflate":
        zlib_result = trial_inflate(body, 15, max_size)
        return zlib_result if zlib_result.problem != "corrupt" else trial_inflate(body, -15, max_size)
    if encoding == "br":
        return trial_unbrotli(body, max_size)
    if encoding == "zstd":
        return trial_unzstd(body, max_size)
    if encoding == "identity":
        return Inflated(None, len(body))
    return Inflated("unsupported", 0)

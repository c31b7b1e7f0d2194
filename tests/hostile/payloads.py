"""Compression bombs and broken streams, generated at run time (never committed), cached per process."""

from __future__ import annotations

import functools
import gzip
import os
import struct
import sys
import zlib
from html import escape

MIB = 1 << 20


@functools.cache
def gzip_bomb(mib: int) -> bytes:
    """``mib`` concatenated gzip members of 1 MiB of zeros each (about 1 KB per MiB)."""
    return gzip.compress(b"\0" * MIB, 9) * mib


@functools.cache
def deflate_bomb(mib: int) -> bytes:
    """A zlib stream of ``mib`` MiB of zeros: full-flushed blocks repeat, so only two are compressed."""
    compressor = zlib.compressobj(9)
    first = compressor.compress(b"\0" * MIB) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(b"\0" * MIB) + compressor.flush(zlib.Z_FULL_FLUSH)
    return first + block * (mib - 1) + compressor.flush()


@functools.cache
def brotli_bomb(mib: int) -> bytes:
    """A brotli stream of ``mib`` MiB of zeros (compressed once per process, under a second per GiB)."""
    import brotli

    compressor = brotli.Compressor(quality=5)
    zeros = b"\0" * MIB
    return b"".join(compressor.process(zeros) for _ in range(mib)) + compressor.finish()


@functools.cache
def zstd_bomb(mib: int) -> bytes:
    """A hand-made zstd frame of RLE blocks (128 KiB of zeros per 4-byte block); no zstd library needed."""
    frame = struct.pack("<I", 0xFD2FB528) + bytes([0x00, 0x38])  # no content size; 128 KiB window
    blocks = mib * 8
    rle = (128 * 1024) << 3 | 1 << 1  # Block_Size | Block_Type=RLE
    body = (struct.pack("<I", rle)[:3] + b"\0") * (blocks - 1)
    return frame + body + struct.pack("<I", rle | 1)[:3] + b"\0"


def zstd_compress(data: bytes) -> bytes:
    """A real zstd frame (the good article served with Content-Encoding: zstd)."""
    if sys.version_info >= (3, 14):
        from compression import zstd
    else:
        from backports import zstd
    return zstd.compress(data)


def sitemap(urls: list[str]) -> bytes:
    """A plain sitemap urlset."""
    entries = "".join(f"<url><loc>{escape(url)}</loc></url>" for url in urls)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    ).encode()


def billion_laughs(prefix: str) -> bytes:
    """A sitemap whose one <loc> is ten levels of ten-fold entities (3 GB if expanded)."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE urlset [{entities}]>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{prefix}&lol9;</loc></url>'
        "</urlset>"
    ).encode()


def xxe(prefix: str, probe: str) -> bytes:
    """A sitemap with a local-file and an external-http entity in its <loc>."""
    return (
        f'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY file SYSTEM "file:///etc/passwd">'
        f'<!ENTITY probe SYSTEM "{probe}">]>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{prefix}&file;&probe;</loc>'
        "</url></urlset>"
    ).encode()


def truncated_gzip(html: bytes, keep: float = 0.6) -> bytes:
    """A valid gzip stream of ``html`` cut after ``keep`` of its bytes."""
    data = gzip.compress(html + os.urandom(256).hex().encode() * 20)
    return data[: int(len(data) * keep)]


def random_bytes(size: int, seed: int = 7) -> bytes:
    """Deterministic binary junk."""
    out, state = bytearray(), seed
    while len(out) < size:
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        out += state.to_bytes(4, "little")
    return bytes(out[:size])


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + random_bytes(2000)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + random_bytes(2000)
PNG = b"\x89PNG\r\n\x1a\n" + random_bytes(2000)
ZIP = b"PK\x03\x04" + random_bytes(2000)

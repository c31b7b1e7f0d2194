"""Downloader middleware that checks compressed bodies for bombs, truncation and corruption before Scrapy decodes them.

See README § Limits and safety and reliability-checklist §4.1.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.http import Response

from crawler.downloadermiddlewares.gate import GateMiddleware
from crawler.utils.inflate import trial_decompress


class DecompressionGuardMiddleware(GateMiddleware):
    """Before Scrapy decompresses (order 595): reject bombs, truncated or corrupt streams, unknown codings.

    Decompression beyond DOWNLOAD_MAXSIZE (``archive/gate/bomb``), a stream that ends early
    (``archive/gate/incomplete``: Scrapy would return the partial text), a stream that is not what it says
    (``archive/gate/corrupt``) and a coding nobody here can decode (``archive/gate/encoding_unsupported``).
    """

    def process_response(self, request: Request, response: Response) -> Response:
        """Return the response unchanged or raise IgnoreRequest."""
        codings = b",".join(response.headers.getlist(b"Content-Encoding")).decode("latin-1").lower()
        if not codings.strip() or request.method == "HEAD" or not response.body:
            return response
        max_size = request.meta.get("download_maxsize", self.max_size) or 2**62
        body_size = len(response.body)
        for coding in reversed([c.strip() for c in codings.split(",") if c.strip()]):
            result = trial_decompress(response.body, coding, max_size)
            if result.problem == "bomb":
                detail = f"{coding} body of {body_size} B expands beyond {max_size} B"
                raise self.reject(request, response, "bomb", detail)
            if result.problem == "truncated":
                raise self.reject(
                    request, response, "incomplete", f"{coding} stream ends early ({body_size} B)"
                )
            if result.problem is not None:
                reason = "encoding_unsupported" if result.problem == "unsupported" else "corrupt"
                raise self.reject(request, response, reason, f"Content-Encoding {coding}")
            if len(codings.split(",")) > 1:
                break  # layered codings: the first layer was checked; Scrapy's cap bounds the rest
        return response

"""The bundled sample news site (``make demo``, integration tests, benchmarks) and its local server.

See README § Demo. ``DEMO_SITE_DIR`` holds the ``sample_site`` profile; pass it in ``ARCHIVE_SITE_DIRS``.
"""

from __future__ import annotations

from pathlib import Path

#: Folder holding ``sample_site.toml``; add it to ARCHIVE_SITE_DIRS to crawl the sample site.
DEMO_SITE_DIR = Path(__file__).resolve().parent
#: The sample site's profile file.
PROFILE_PATH = DEMO_SITE_DIR / "sample_site.toml"

__all__ = ["DEMO_SITE_DIR", "PROFILE_PATH"]

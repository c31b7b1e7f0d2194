"""Entry point for ``python -m crawler``."""

from crawler.cli import main

raise SystemExit(main())

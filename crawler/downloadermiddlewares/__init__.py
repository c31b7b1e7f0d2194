"""Downloader middlewares: scope, robots.txt, retry, redirects, response gate, charset, fetch state."""

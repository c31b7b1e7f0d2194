"""Spiders: routing only (hub vs article vs feed, what to follow). See README § Crawling."""

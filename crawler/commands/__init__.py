"""Custom Scrapy commands (COMMANDS_MODULE): ``crawl`` with archive-aware exit codes."""

"""Spider middlewares: trap guards and incremental crawling."""

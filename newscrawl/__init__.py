"""newscrawl: news crawler and article extractor."""

__version__ = "0.1.0"

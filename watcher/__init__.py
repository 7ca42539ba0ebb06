"""watcher: keeps deadlines, many read out of news articles, and alerts people before each date."""

__version__ = "0.1.0"

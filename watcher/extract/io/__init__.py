"""The I/O shell around the pure extractor: reading articles from files, URLs and feeds."""

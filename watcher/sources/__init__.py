"""Watched sources: feeds, pages and folders the daemon reads on a schedule.

``spec`` (the configuration, pure), ``fetch`` (bounded, conditional HTTP and file reads),
``poll`` (one source checked: fetch, parse, remember, ingest) and ``ingest`` (what one new
or edited article does to the store). Nothing here is imported by ``watcher list``.
"""

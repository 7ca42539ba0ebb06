"""The web face: calendar feed, act-from-the-message links, dashboard, health and metrics.

FastAPI, uvicorn, Jinja2 and prometheus-client are imported only inside this package (and
only by the modules that serve pages), so the CLI keeps starting fast. ``settings`` and
``links`` stay light: the daemon uses them to put links in its messages.
"""

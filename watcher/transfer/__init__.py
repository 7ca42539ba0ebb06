"""Export and import: the JSON document that `watcher export` writes, and iCalendar.

Both formats pass through one record structure (see :func:`export_document`), so JSON
and .ics imports share one code path into the store.
"""

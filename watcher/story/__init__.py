"""Following the story: one record per real event across the articles that report it.

Pure, like the extractor: ``statements`` reads what an article says about dated events
(scheduled, moved, called off, happened), ``plan`` decides which stored record each is
about and what to do to it, ``titles`` names events as a person would. The store applies
the plan (`watcher.store.story`); the CLI prints it (`watcher.cli.story`).
"""

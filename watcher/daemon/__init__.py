"""`watcher run`: the long-running process that delivers alerts at their fire time.

:mod:`watcher.daemon.dispatch` holds the unit of work (one pass), :mod:`.runner` the loop
around it, :mod:`.signals` and :mod:`.sdnotify` the process's talk with the OS and systemd.
"""

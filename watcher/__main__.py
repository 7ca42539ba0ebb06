"""`python -m watcher` runs the CLI, for machines where the console script is not on PATH."""

from watcher.cli.app import main

if __name__ == "__main__":
    main()

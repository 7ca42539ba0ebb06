"""The command line: a thin shell that wires the pure core to the store, scheduler and Apprise."""

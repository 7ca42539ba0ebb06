"""The pure core: time arithmetic, planning and parsing. No I/O, no clock reads."""

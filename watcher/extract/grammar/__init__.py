"""What a temporal expression looks like: the word lists, the patterns, the scan."""

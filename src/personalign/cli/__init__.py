"""Top layer: the `personalign` command line."""

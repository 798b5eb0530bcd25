"""The command line: the same operations as the desktop app, from a terminal."""

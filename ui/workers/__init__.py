"""Worker threads for slow jobs (imports, exports), reporting back as plain data."""

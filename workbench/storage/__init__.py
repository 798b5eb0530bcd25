"""Storage: the engine and its settings, the schema and its migrations, backups,
recovery, integrity checks, the search index and the change watcher (SQLite and
PostgreSQL)."""

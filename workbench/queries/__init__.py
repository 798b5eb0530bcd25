"""The read side: plain frozen dataclasses for the UI, the CLI and the exporters,
never ORM rows."""

"""Asking the reader: the speaker and outlet pickers, one-line prompts (a search, a time,
where to export)."""

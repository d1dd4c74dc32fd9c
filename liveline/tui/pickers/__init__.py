"""Choosing what the timeline shows: the speaker and outlet pickers, one-line prompts."""

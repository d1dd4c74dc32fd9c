"""Which story a source belongs to: named by the user or a manifest, or proposed from
dates and shared people and words (the proposal shown, and overridden with --story)."""

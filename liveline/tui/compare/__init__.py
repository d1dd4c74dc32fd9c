"""Comparing outlets: one event as each outlet worded it."""

"""The same event across outlets: paragraph likeness, merging into events, and the combined order.

features (tokens) -> candidates, likeness -> merging (seeds), growth and context (the
rules after seeding), tuned by thresholds -> order (pure) -> combine (the database side).
"""

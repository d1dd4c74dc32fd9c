"""The same event across outlets: paragraph likeness, merging into events, and the combined order.

features (tokens) -> candidates, likeness -> merging (seeds), growth and context (the
rules after seeding), tuned by thresholds -> order (pure) -> combine (the database side:
rows read, each date merged whole, vocabulary kept) -> positions (the reader's numbers).
A follower's new posts: news (their neighbourhood read) -> attach (placed by merging's
rules) -> reorder (the date's events and order written) -> positions.
"""

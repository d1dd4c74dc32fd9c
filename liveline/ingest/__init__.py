"""Sources -> rows: reading files, segmenting posts, clocks, and writing the timeline.

Headless: never imports Textual.
"""

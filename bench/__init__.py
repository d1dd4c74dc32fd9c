"""Measuring liveline: quality against gold annotations, and speed at scale."""

"""Following live pages: when each is polled next (schedule.py) and one poll of one page,
conditional fetch to stored rows (page.py); liveline.ingest.follow runs them in a loop."""

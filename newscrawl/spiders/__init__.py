"""Discovery and fetching. ``news`` (NewsSpider) is the one spider."""

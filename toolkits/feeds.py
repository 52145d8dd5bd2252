"""Atom and RSS feeds of newly published case studies (django.contrib.syndication).

Served by the case-study index (``/case-studies/feed/`` and ``/case-studies/feed/rss/``) so the
feed follows the index wherever editors put it. Only live, public case studies appear: the
index's own ``public_case_studies()`` (this module imports no models, so the index can import it).
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_LENGTH = 20


class CaseStudyRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, *, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"New case studies · {self.index.get_site().site_name or 'Connected Places Hub'}"

    def link(self):
        return self.index.get_url(self.request)

    def description(self):
        return self.index.intro or "Case studies from the community of practice, newest first."

    subtitle = description

    def items(self):
        newest = self.index.public_case_studies().order_by("-first_published_at")[:FEED_LENGTH]
        return newest.prefetch_related("themes", "author_links__fellow")

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.summary} ({item.place_name}, {item.country_name})"

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(fellow.name for fellow in item.fellows) or None

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


class CaseStudyAtomFeed(CaseStudyRssFeed):
    feed_type = Atom1Feed

"""RSS and Atom feeds of a blog index, in that index's language: its 30 newest posts."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Page


class BlogRssFeed(Feed):
    def __init__(self, index: Page):
        super().__init__()
        self.index = index

    def title(self):
        return self.index.title

    def link(self):
        return self.index.url

    def description(self):
        return self.index.search_description or self.index.title

    def items(self):
        return self.index.listing_queryset()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class BlogAtomFeed(BlogRssFeed):
    feed_type = Atom1Feed
    subtitle = BlogRssFeed.description

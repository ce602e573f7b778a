"""RSS and Atom feeds of a blog index, in that index's language."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from hub.visibility import visible

from .models import BlogIndexPage, BlogPostPage


class BlogRssFeed(Feed):
    def __init__(self, index: BlogIndexPage):
        super().__init__()
        self.index = index

    def title(self):
        return self.index.title

    def link(self):
        return self.index.url

    def description(self):
        return self.index.search_description or self.index.title

    def items(self):
        return visible(BlogPostPage.objects.child_of(self.index)).order_by("-date", "-pk")[:30]

    def item_title(self, item: BlogPostPage):
        return item.title

    def item_description(self, item: BlogPostPage):
        return item.intro

    def item_link(self, item: BlogPostPage):
        return item.url

    def item_pubdate(self, item: BlogPostPage):
        return item.first_published_at

    def item_author_name(self, item: BlogPostPage):
        return item.author or None

    def item_categories(self, item: BlogPostPage):
        return [tag.name for tag in item.tags.all()]


class BlogAtomFeed(BlogRssFeed):
    feed_type = Atom1Feed
    subtitle = BlogRssFeed.description

"""RSS and Atom feeds of the blog, one per language."""

import xml.etree.ElementTree as ET

import pytest

from blog.models import BlogPostPage
from tests.utils import links, path_of

ATOM = "{http://www.w3.org/2005/Atom}"


def rss(client, index):
    response = client.get(index.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel is not None
    return channel


def atom(client, index):
    response = client.get(index.url + "feed/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_danish_rss_lists_danish_posts_newest_first(client, hub_tree):
    da = hub_tree.da
    channel = rss(client, da.blog_index)
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [da.post3.title, da.post2.title, da.post1.title]
    assert [path_of(item.findtext("link")) for item in items] == [da.post3.url, da.post2.url, da.post1.url]
    assert items[2].findtext("description") == da.post1.intro
    assert {c.text for c in items[2].findall("category")} == {"evaluering", "findings"}
    assert channel.findtext("language") == "da"
    assert path_of(channel.findtext("link")) == da.blog_index.url


def test_english_rss_lists_english_posts_only(client, hub_tree):
    en = hub_tree.en
    channel = rss(client, en.blog_index)
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [en.post2.title, en.post1.title]
    for item in items:
        assert path_of(item.findtext("link")).startswith("/en/")
    assert channel.findtext("language") == "en"


@pytest.mark.parametrize("language", ["da", "en"])
def test_atom_feed_matches_the_language(client, hub_tree, language):
    tree = getattr(hub_tree, language)
    feed = atom(client, tree.blog_index)
    entries = feed.findall(f"{ATOM}entry")
    expected = BlogPostPage.objects.live().filter(locale__language_code=language).order_by("-date")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [post.title for post in expected]
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert path_of(href).startswith(f"/{language}/")


def test_unpublished_post_leaves_the_feed(client, hub_tree):
    BlogPostPage.objects.get(pk=hub_tree.da.post2.pk).unpublish()
    titles = [item.findtext("title") for item in rss(client, hub_tree.da.blog_index).findall("item")]
    assert hub_tree.da.post2.title not in titles
    assert hub_tree.da.post1.title in titles


@pytest.mark.parametrize("language", ["da", "en"])
def test_blog_index_announces_its_feeds(client, hub_tree, language):
    index = getattr(hub_tree, language).blog_index
    response = client.get(index.url)
    announced = {
        link.get("type"): path_of(link.get("href", ""))
        for link in links(response, "link")
        if link.get("rel") == "alternate" and link.get("type")
    }
    assert announced.get("application/rss+xml") == index.url + "feed/"
    assert announced.get("application/atom+xml") == index.url + "feed/atom/"
    # and they work
    assert client.get(announced["application/rss+xml"]).status_code == 200

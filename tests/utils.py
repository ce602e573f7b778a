"""Small helpers to read rendered pages."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class TagCollector(HTMLParser):
    """Collects the attributes of every start tag, by tag name, and the heading order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, list[dict[str, str]]] = {}
        self.text: list[str] = []
        self.headings: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.setdefault(tag, []).append({name: value or "" for name, value in attrs})
        if tag in HEADINGS:
            self.headings.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)


def parse(response_or_html) -> TagCollector:
    html = response_or_html
    if not isinstance(html, str):
        html = response_or_html.content.decode()
    collector = TagCollector()
    collector.feed(html)
    collector.close()
    return collector


def headings(response) -> list[str]:
    """The page's heading tags in document order, e.g. ["h1", "h2", "h3"]."""
    return parse(response).headings


def text_of(response) -> str:
    """The page's visible text with entities decoded and whitespace collapsed."""
    return " ".join(" ".join(parse(response).text).split())


def path_of(url: str) -> str:
    return urlsplit(url).path


def links(response, tag: str = "a") -> list[dict[str, str]]:
    return parse(response).tags.get(tag, [])


def hrefs(response) -> set[str]:
    """Paths of every link on the page (absolute links reduced to their path)."""
    return {path_of(a["href"]) for a in links(response) if a.get("href")}


def alternates(response) -> dict[str, str]:
    """hreflang -> path of the page's ``<link rel="alternate" hreflang=...>`` tags."""
    found = {}
    for link in links(response, "link"):
        if "alternate" in link.get("rel", "").split() and link.get("hreflang"):
            found[link["hreflang"]] = path_of(link["href"])
    return found

"""The site map readers open from the footer: every page they may see in their language,
as the tree it is. ``sitemap.xml`` (``hub.sitemap``) is the harvesters' list; this is the
same visible tree (``hub.visibility``) for people, in the order editors gave the pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail.models import Page

from .visibility import visible


@dataclass
class Branch:
    page: Page
    children: list[Branch] = field(default_factory=list)


def site_map(home: Page) -> list[Branch]:
    """The visible pages below ``home``, nested; a page under a hidden one is left out
    with it (a reader could not reach it from the tree either)."""
    branches: dict[str, Branch] = {}
    top: list[Branch] = []
    pages = visible(home.get_descendants()).order_by("path")
    for page in pages:
        branch = Branch(page)
        branches[page.path] = branch
        parent_path = page.path[: -Page.steplen]
        if page.depth == home.depth + 1:
            top.append(branch)
        elif parent_path in branches:
            branches[parent_path].children.append(branch)
    return top

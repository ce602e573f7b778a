"""Factories for the blog."""

from __future__ import annotations

import datetime

import factory

from blog.models import BlogIndexPage, BlogPostPage

from .hub import HubPageFactory, body


class BlogIndexPageFactory(HubPageFactory):
    class Meta:
        model = BlogIndexPage

    title = "Blog"
    slug = "blog"
    show_in_menus = True


class BlogPostPageFactory(HubPageFactory):
    class Meta:
        model = BlogPostPage

    _related_fields = ("clusters", "focus_areas", "tags")
    _tag_fields = ("tags",)

    title = factory.Sequence(lambda n: f"Blogindlæg {n}")
    date = datetime.date(2020, 9, 1)
    author = "Sekretariatet"
    intro = factory.LazyAttribute(lambda o: f"Indledning til {o.title}.")
    body = factory.LazyAttribute(lambda o: body(f"Brødtekst i {o.title}."))

"""Factories for newsletter editions and subscribers."""

from __future__ import annotations

import datetime
import itertools

import factory
from wagtail.rich_text import RichText

from newsletter.editions import NewsletterEditionPage, NewsletterIndexPage
from newsletter.models import Subscriber

from .hub import HubPageFactory

_numbers = itertools.count(1)


class NewsletterIndexPageFactory(HubPageFactory):
    class Meta:
        model = NewsletterIndexPage

    title = "Nyhedsbrev"
    slug = "nyhedsbrev"
    show_in_menus = True


class NewsletterEditionPageFactory(HubPageFactory):
    class Meta:
        model = NewsletterEditionPage

    title = factory.Sequence(lambda n: f"Nyhedsbrev nr. {n}")
    date = datetime.date(2022, 12, 1)
    intro = "Nyt fra sekretariatet."
    body = factory.LazyFunction(
        lambda: [
            ("heading_block", {"heading_text": "Landsbyer står stærkere", "size": "h2"}),
            (
                "paragraph_block",
                RichText('<p>Tak for syv år. Læs <a href="https://www.dgi.dk">mere</a>.</p>'),
            ),
        ]
    )


def subscribers(count: int, *, language: str = "da", status: str = "confirmed", prefix: str = "modtager"):
    """Confirmed subscribers with predictable, unique addresses."""
    batch = next(_numbers)
    return Subscriber.objects.bulk_create(
        Subscriber(email=f"{prefix}{batch}-{n}@example.org", language=language, status=status)
        for n in range(count)
    )

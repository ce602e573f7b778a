"""The search query log: what readers look for, per language and day, and whether they
found anything. Only the query text is kept: no IP address, no session, no user."""

from __future__ import annotations

import unicodedata

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_LOGGED_LENGTH = 200


def loggable_query(query: str) -> str:
    """The query as the log keeps it: control and format characters dropped (a pasted
    NUL or escape sequence), spaces collapsed, lower case, cut to ``MAX_LOGGED_LENGTH``."""
    printable = "".join(
        " " if char.isspace() else char
        for char in query
        if unicodedata.category(char)[0] != "C" or char.isspace()
    )
    return " ".join(printable.lower().split())[:MAX_LOGGED_LENGTH].strip()


class SearchQueryDay(models.Model):
    query = models.CharField(_("query"), max_length=MAX_LOGGED_LENGTH)
    language = models.CharField(_("language"), max_length=8)
    date = models.DateField(_("date"))
    searches = models.PositiveIntegerField(_("searches"), default=0)
    results = models.PositiveIntegerField(_("results at the last search"), default=0)

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")
        constraints = [
            models.UniqueConstraint(fields=["query", "language", "date"], name="unique_search_query_per_day"),
        ]
        indexes = [models.Index(fields=["date", "results"])]

    def __str__(self) -> str:
        return self.query

    @classmethod
    def record(cls, query: str, language: str, results: int) -> None:
        """Count one search; safe under concurrent requests for the same query."""
        query = loggable_query(query)
        if not query:
            return
        key = {"query": query, "language": language, "date": timezone.localdate()}
        if cls.objects.filter(**key).update(searches=F("searches") + 1, results=results):
            return
        try:
            with transaction.atomic():
                cls.objects.create(**key, searches=1, results=results)
        except IntegrityError:
            cls.objects.filter(**key).update(searches=F("searches") + 1, results=results)


class PageFacet(models.Model):
    """One facet value of a searchable page (its type, a focus area, a cluster, a
    municipality, its year), kept in step whenever the page is saved.

    Counting facets over thousands of matches is then one indexed GROUP BY instead of a
    join per page type and facet.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "facet", "value"], name="unique_page_facet_value")
        ]
        indexes = [models.Index(fields=["facet", "value"])]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"

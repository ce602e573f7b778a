"""Rebuild the stored facet values of every searchable page (``search.facets``).

Pages keep their own values up to date when saved; run this after bulk changes made
without saving pages, such as renaming a cluster's municipality.
"""

from django.core.management.base import BaseCommand

from search.facets import rebuild_all_facets


class Command(BaseCommand):
    help = "Rebuild the search facet values of every searchable page."

    def handle(self, *args, **options):
        count = rebuild_all_facets()
        self.stdout.write(self.style.SUCCESS(f"{count} facet values stored."))

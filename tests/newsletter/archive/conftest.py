"""One small archive per test module: the ``hub_tree`` content plus things that must stay
out (a private page, a draft, an expired page, a document in a private collection, an
unpublished page), exported once with ``--zip``."""

from __future__ import annotations

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.rich_text import RichText

from hub.models import SiteSettings
from newsletter.archive.export import export_archive
from tests import factories as f

# The listings' page size in the archive tests, so the blog (three Danish posts) has a page 2.
LISTING_PAGE_SIZE = 2

# Words that exist only in excluded content: none of them may appear anywhere in an archive.
SECRETS = {
    "private": "Hemmeligholdt bestyrelsesnotat",
    "draft": "Ufærdig kladde om vindmøller",
    "expired": "Udløbet kampagneside",
    "unpublished": "Tilbagetrukket meddelelse",
    "document": "Fortroligt budgetdokument",
}


def build_exclusions(tree) -> SimpleNamespace:
    da = tree.da
    private = f.StandardPageFactory(
        parent=da.home, title=SECRETS["private"], slug="hemmeligt-notat", body=f.body(SECRETS["private"])
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    private_child = f.StandardPageFactory(parent=private, title="Under det hemmelige", slug="under-hemmeligt")

    collection = f.CollectionFactory(name="Interne dokumenter til arkivtest")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = f.DocumentFactory(title=SECRETS["document"], collection=collection, text=SECRETS["document"])
    # A public page that links the private document: the link must not survive in either copy.
    linking = f.StandardPageFactory(
        parent=da.home,
        title="Bestyrelsens bilag",
        slug="bestyrelsens-bilag",
        body=[
            (
                "paragraph_block",
                RichText(f'<p>Se <a linktype="document" id="{document.pk}">bilaget</a> og referatet.</p>'),
            )
        ],
    )

    draft = f.ReportPageFactory(
        parent=da.report_index,
        title=SECRETS["draft"],
        slug="ufaerdig-kladde",
        cluster=da.mols,
        live=False,
        document=document,
    )
    draft.save_revision()

    expired = f.StandardPageFactory(
        parent=da.home, title=SECRETS["expired"], slug="udloebet-kampagne", body=f.body(SECRETS["expired"])
    )
    expired.expire_at = timezone.now() - datetime.timedelta(days=1)
    expired.save(update_fields=["expire_at"])

    unpublished = f.StandardPageFactory(
        parent=da.home,
        title=SECRETS["unpublished"],
        slug="tilbagetrukket",
        body=f.body(SECRETS["unpublished"]),
    )
    unpublished.save_revision().publish()
    unpublished = Page.objects.get(pk=unpublished.pk).specific
    unpublished.unpublish()
    # Old addresses the site redirects: to a public page (recorded as a 301) and to the
    # private one (left out: its target must not be named).
    Redirect.objects.create(old_path="/gammel-side", redirect_page=linking, site=None)
    Redirect.objects.create(old_path="/gammel-hemmelig", redirect_page=private, site=None)
    # Published the way an editor publishes: with publication dates (the feeds date their
    # items by them; undated, Django dates a feed "now").
    published = datetime.datetime(2022, 6, 1, 12, tzinfo=datetime.UTC)
    Page.objects.filter(live=True, first_published_at__isnull=True).update(
        first_published_at=published, last_published_at=published
    )
    return SimpleNamespace(
        private=private,
        private_child=private_child,
        document=document,
        linking=linking,
        draft=draft,
        expired=expired,
        unpublished=unpublished,
    )


@pytest.fixture(scope="module")
def archive_content(_module_tree, django_db_blocker):
    with django_db_blocker.unblock():
        excluded = build_exclusions(_module_tree)
        # What editors set under Site settings → Archive before the final export.
        values = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        values.contact_email = "sekretariat@example.dk"
        values.archive_contact_name = "Sekretariatet"
        values.archive_rights = "© klyngerne og sekretariatet; må bruges med kildeangivelse (CC BY 4.0)"
        values.archive_rights_url = "https://creativecommons.org/licenses/by/4.0/"
        values.save()
    return SimpleNamespace(tree=_module_tree, excluded=excluded)


@pytest.fixture(scope="module")
def exported(archive_content, django_db_blocker, tmp_path_factory):
    """The archive of ``archive_content``: (summary, folder)."""
    output = tmp_path_factory.mktemp("archive") / "landsbyklynger-arkiv"
    with django_db_blocker.unblock(), override_settings(HUB_LISTING_PAGE_SIZE=LISTING_PAGE_SIZE):
        cache.clear()
        summary = export_archive(output, make_zip=True, allow_local_host=True)
    return summary


def payload_files(folder: Path) -> dict[str, Path]:
    data = folder / "data"
    return {p.relative_to(data).as_posix(): p for p in sorted(data.rglob("*")) if p.is_file()}

"""Who made the archive, of what, and on what terms: read once per export from
Settings → Site settings → Archive (``hub.SiteSettings``) and the site's public address.

The bag's ``bag-info.txt``, the WARC's ``warcinfo``, the Dublin Core and PREMIS records and
``README.txt`` all take these values from here, so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Site

from hub.models import SiteSettings


def one_line(value: str) -> str:
    return " ".join(str(value or "").split())


@dataclass(frozen=True)
class ArchiveInfo:
    name: str  # the site's name
    origin: str  # the public address, e.g. https://landsbyklynger.dk
    organisation: str
    contact_name: str
    contact_email: str
    rights: str
    rights_url: str
    archived: bool
    location: str
    note: str

    @classmethod
    def for_site(cls, site: Site, origin: str) -> ArchiveInfo:
        values = SiteSettings.for_site(site)
        return cls(
            name=settings.WAGTAIL_SITE_NAME,
            origin=origin,
            organisation=one_line(values.archive_organisation) or settings.WAGTAIL_SITE_NAME,
            contact_name=one_line(values.archive_contact_name),
            contact_email=one_line(values.archive_contact),
            rights=one_line(values.archive_rights),
            rights_url=one_line(values.archive_rights_url),
            archived=values.archived,
            location=one_line(values.archive_location),
            note=one_line(values.archive_note),
        )

    @property
    def operator(self) -> str:
        """Who ran the crawl, as the WARC's ``operator`` field says it."""
        contact = " ".join(
            part
            for part in (self.contact_name, f"<{self.contact_email}>" if self.contact_email else "")
            if part
        )
        return f"{self.organisation}, {contact}" if contact else self.organisation

    @property
    def rights_text(self) -> str:
        """The rights statement with its address, for the metadata."""
        return " ".join(part for part in (self.rights, self.rights_url) if part)

"""Dublin Core records a library can ingest: one for the whole archive, one for each page and
report (``metadata/dublin-core/``).

Each record is an ``oai_dc:dc`` element (the OAI-PMH Dublin Core format, the fifteen
elements of DCMES 1.1): title, creator, date, language, identifier (the public address and
the file in the archive), rights, relation (what it is part of, its translations, its
cluster, a report's PDF), type, format and description. They hold no export time, so two
exports of the same content give the same records.
"""

from __future__ import annotations

import datetime
from xml.etree import ElementTree as ET

from django.conf import settings
from wagtail.models import Page

from .about import ArchiveInfo
from .indexes import page_date
from .inventory import ArchiveFile
from .payload import Payload

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
ARCHIVE_RECORD = "metadata/dublin-core/archive.xml"
PAGE_RECORDS = "metadata/dublin-core/pages.xml"

ET.register_namespace("oai_dc", OAI_DC)
ET.register_namespace("dc", DC)
ET.register_namespace("xsi", XSI)


def _record(elements: list[tuple[str, str]], *, root: bool = False) -> ET.Element:
    record = ET.Element(f"{{{OAI_DC}}}dc")
    if root:
        record.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    for name, value in elements:
        if value:
            ET.SubElement(record, f"{{{DC}}}{name}").text = value
    return record


def _xml(element: ET.Element) -> bytes:
    ET.indent(element)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True) + b"\n"


def archive_record(about: ArchiveInfo, content: datetime.datetime) -> ET.Element:
    languages = [code for code, _name in settings.LANGUAGES]
    return _record(
        [
            ("title", f"{about.name}: det endelige arkiv / the final archive"),
            ("creator", about.organisation),
            ("publisher", about.organisation),
            (
                "description",
                "Vidensportalen for landsbyklynger (2015–2022): alle offentlige sider på dansk og "
                "engelsk, klyngernes rapporter og nyhedsbrevene. The knowledge hub for Danish village clusters: "
                "every public page in Danish and English, the clusters' reports and the newsletter.",
            ),
            ("date", content.date().isoformat()),
            ("type", "Collection"),
            ("type", "InteractiveResource"),
            ("format", "text/html"),
            ("format", "application/warc"),
            ("format", "application/pdf"),
            ("identifier", about.origin),
            *[("language", code) for code in languages],
            ("rights", about.rights_text),
            ("relation", about.location),
            ("coverage", "Danmark / Denmark"),
        ],
        root=True,
    )


def url_of(page: Page, about: ArchiveInfo) -> str:
    parts = page.get_url_parts()
    return about.origin + parts[2] if parts else ""


def page_record(page: Page, local: str, about: ArchiveInfo, relations: list[str]) -> ET.Element:
    """A page's record; a report's names its authors, publisher and PDF."""
    creators = [value for value in (getattr(page, "authors", ""), getattr(page, "author", "")) if value]
    elements = [
        ("title", page.title),
        *[("creator", creator) for creator in creators or [about.organisation]],
        ("publisher", getattr(page, "publisher", "") or about.organisation),
        ("date", page_date(page)),
        ("type", "Text"),
        ("format", "text/html"),
        ("language", page.locale.language_code),
        ("identifier", url_of(page, about)),
        ("identifier", f"data/site/{local}"),
        ("description", getattr(page, "search_description", "") or ""),
        ("rights", about.rights_text),
        ("relation", about.origin),
        *[("relation", relation) for relation in relations],
    ]
    document = page.document if getattr(page, "document_id", None) else None
    if document is not None:
        elements += [("format", "application/pdf"), ("relation", f"{about.origin}{document.url}")]
    return _record(elements)


def write_dublin_core(
    payload: Payload, about: ArchiveInfo, content: datetime.datetime, pages: list[tuple[Page, str]]
) -> None:
    """The archive's record and every archived page's, in path order."""
    payload.write(
        ArchiveFile(path=ARCHIVE_RECORD, content_type="application/xml"), _xml(archive_record(about, content))
    )
    by_key: dict = {}
    by_pk = {page.pk: page for page, _local in pages}
    for page, _local in pages:
        by_key.setdefault(page.translation_key, []).append(page)
    records = ET.Element("records")
    records.set("xmlns:xsi", XSI)
    records.set("xsi:schemaLocation", SCHEMA_LOCATION)
    for page, local in pages:
        relations = [url_of(other, about) for other in by_key[page.translation_key] if other.pk != page.pk]
        cluster = by_pk.get(getattr(page, "cluster_id", None))
        if cluster is not None:
            relations.append(url_of(cluster, about))
        records.append(page_record(page, local, about, relations))
    payload.write(ArchiveFile(path=PAGE_RECORDS, content_type="application/xml"), _xml(records))

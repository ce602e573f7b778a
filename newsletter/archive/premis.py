"""PREMIS 3.0 preservation metadata (``metadata/premis.xml``): what the export did to the
archive and how it checked it, as events with their dates, outcomes and the software that
ran them (event types from the Library of Congress preservation vocabulary).

The events: capture (the crawl), message digest calculation (SHA-256 of every file as it
was written), format identification (FIDO), fixity check (every file read back), validation
(every WARC record read back with its digests, every link of the static copy) and creation
of the BagIt bag. Their dates are those of the export run, so this file differs between
two exports of the same content.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from xml.etree import ElementTree as ET

from .about import ArchiveInfo
from .inventory import ArchiveFile
from .payload import Payload

PREMIS = "http://www.loc.gov/premis/v3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PREMIS_NAME = "metadata/premis.xml"
EVENT_TYPES = "http://id.loc.gov/vocabulary/preservation/eventType"
_CODES = {
    "capture": "cap",
    "message digest calculation": "mes",
    "format identification": "for",
    "fixity check": "fix",
    "validation": "val",
    "creation": "cre",
}
_NAMESPACE = uuid.UUID("0b7d36c4-3f7e-4c2f-9a55-2d1b1b7c9e10")
ET.register_namespace("premis", PREMIS)
ET.register_namespace("xsi", XSI)


@dataclass(frozen=True)
class Event:
    kind: str  # a key of _CODES
    when: datetime
    detail: str
    outcome: str  # "success" or "failure"
    notes: list[str] = field(default_factory=list)
    agent: str = "export_archive"  # a key of agents()


def _version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "unknown"


def agents() -> dict[str, tuple[str, str]]:
    """Every program the events name: key -> (name, version)."""
    return {
        "export_archive": ("landsbyklynger-hub export_archive", _version("landsbyklynger-hub")),
        "fido": ("FIDO (Format Identification for Digital Objects)", _version("opf-fido")),
        "warcio": ("warcio", _version("warcio")),
        "bagit": ("bagit-python", _version("bagit")),
    }


def _tag(parent: ET.Element, name: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, f"{{{PREMIS}}}{name}", attributes)
    if text is not None:
        element.text = text
    return element


def _identifier(parent: ET.Element, kind: str, type_: str, value: str) -> None:
    holder = _tag(parent, f"{kind}Identifier")
    _tag(holder, f"{kind}IdentifierType", type_)
    _tag(holder, f"{kind}IdentifierValue", value)


def premis_xml(about: ArchiveInfo, events: list[Event]) -> bytes:
    root = ET.Element(f"{{{PREMIS}}}premis", {"version": "3.0"})
    root.set(f"{{{XSI}}}schemaLocation", f"{PREMIS} https://www.loc.gov/standards/premis/premis.xsd")
    entity = _tag(root, "object", **{f"{{{XSI}}}type": "premis:intellectualEntity"})
    _identifier(entity, "object", "URL", about.origin)
    for event in events:
        when = event.when.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        element = _tag(root, "event")
        _identifier(
            element, "event", "UUID", str(uuid.uuid5(_NAMESPACE, f"{event.kind} {when} {about.origin}"))
        )
        _tag(
            element,
            "eventType",
            event.kind,
            authority="eventType",
            authorityURI=EVENT_TYPES,
            valueURI=f"{EVENT_TYPES}/{_CODES[event.kind]}",
        )
        _tag(element, "eventDateTime", when)
        _tag(_tag(element, "eventDetailInformation"), "eventDetail", event.detail)
        outcome = _tag(element, "eventOutcomeInformation")
        _tag(outcome, "eventOutcome", event.outcome)
        for note in event.notes:
            _tag(_tag(outcome, "eventOutcomeDetail"), "eventOutcomeDetailNote", note)
        agent = _tag(element, "linkingAgentIdentifier")
        _tag(agent, "linkingAgentIdentifierType", "local")
        _tag(agent, "linkingAgentIdentifierValue", event.agent)
        _tag(agent, "linkingAgentRole", "executing program")
        linked = _tag(element, "linkingObjectIdentifier")
        _tag(linked, "linkingObjectIdentifierType", "URL")
        _tag(linked, "linkingObjectIdentifierValue", about.origin)
    for key, (name, number) in agents().items():
        agent = _tag(root, "agent")
        _identifier(agent, "agent", "local", key)
        _tag(agent, "agentName", name)
        _tag(agent, "agentType", "software")
        _tag(agent, "agentVersion", number)
    organisation = _tag(root, "agent")
    _identifier(organisation, "agent", "local", "organisation")
    _tag(organisation, "agentName", about.organisation)
    _tag(organisation, "agentType", "organization")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_premis(payload: Payload, about: ArchiveInfo, events: list[Event]) -> None:
    payload.write(ArchiveFile(path=PREMIS_NAME, content_type="application/xml"), premis_xml(about, events))

"""Importing subscribers from a CSV file, in two steps: a dry run that reports every row
it would refuse (line number and reason) and imports nothing, then the import itself of
exactly the rows the dry run accepted.

Imported addresses are confirmed on the strength of a consent basis the editor states
(a paper sign-up list, an earlier mailing list); it is recorded, with the editor's name,
as the source of each subscriber's consent. An address that unsubscribed or was
suppressed is never re-subscribed by an import.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from . import subscriptions
from .models import ConsentRecord, Subscriber

MAX_IMPORT_BYTES = 2 * 1024 * 1024  # the dry run travels back in a form field, under Django's 2.5 MB
EMAIL_HEADERS = {"email", "e-mail", "e-mailadresse", "email address", "e-mail address", "mail"}
LANGUAGE_HEADERS = {"language", "sprog"}


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, no e-mail column)."""


@dataclass
class Row:
    line: int
    email: str
    language: str


@dataclass
class Problem:
    line: int
    value: str
    reason: str


@dataclass
class ImportPlan:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    imported: int = 0

    @property
    def total(self) -> int:
        return len(self.rows) + len(self.problems)


def decode(data: bytes) -> str:
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(_("The file is larger than 2 MB: split it in parts."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("The file is neither UTF-8 nor Windows-1252 text."))


def plan_import(text: str) -> ImportPlan:
    """Check every row; change nothing."""
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except StopIteration:
        raise ImportFileError(_("The file is empty.")) from None
    except csv.Error as error:
        raise ImportFileError(_("The file is not readable CSV: %(error)s") % {"error": error}) from None
    email_col = next((i for i, name in enumerate(header) if name in EMAIL_HEADERS), None)
    if email_col is None:
        raise ImportFileError(_('The first line must name the columns, with one called "email".'))
    language_col = next((i for i, name in enumerate(header) if name in LANGUAGE_HEADERS), None)
    languages = {code for code, _name in settings.LANGUAGES}

    plan = ImportPlan()
    seen: dict[str, int] = {}
    candidates: list[Row] = []
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            plan.problems.append(
                Problem(reader.line_num, "", _("Not readable as CSV: %(error)s") % {"error": error})
            )
            continue
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        raw = cells[email_col] if email_col < len(cells) else ""
        try:
            email = subscriptions.clean_email(raw)
        except ValidationError as error:
            plan.problems.append(Problem(line, raw, " ".join(error.messages)))
            continue
        language = (
            cells[language_col].strip().lower()
            if language_col is not None and language_col < len(cells)
            else ""
        )
        language = language or settings.LANGUAGE_CODE
        if language not in languages:
            plan.problems.append(
                Problem(
                    line, raw, _("Unknown language %(language)s (use da or en).") % {"language": language}
                )
            )
            continue
        key = email.lower()
        if key in seen:
            plan.problems.append(Problem(line, raw, _("Repeats line %(line)s.") % {"line": seen[key]}))
            continue
        seen[key] = line
        candidates.append(Row(line, email, language))

    existing = {}
    keys = list(seen)
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        for subscriber in (
            Subscriber.objects.alias(email_lower=Lower("email"))
            .filter(email_lower__in=chunk)
            .only("email", "status")
        ):
            existing[subscriber.email.lower()] = subscriber
    for row in candidates:
        subscriber = existing.get(row.email.lower())
        if subscriber is None or subscriber.status == Subscriber.Status.PENDING:
            plan.rows.append(row)
        elif subscriber.status == Subscriber.Status.CONFIRMED:
            plan.problems.append(Problem(row.line, row.email, _("Already subscribed.")))
        elif subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            plan.problems.append(
                Problem(row.line, row.email, _("Unsubscribed; only the subscriber can sign up again."))
            )
        else:
            plan.problems.append(
                Problem(row.line, row.email, _("Suppressed (bounced or complained); not imported."))
            )
    plan.problems.sort(key=lambda problem: problem.line)
    return plan


def run_import(text: str, *, editor_name: str, basis: str) -> ImportPlan:
    """Import the rows a fresh check accepts, all or nothing, each confirmed with a
    consent record naming the basis and the editor."""
    plan = plan_import(text)
    source = _("CSV import by %(editor)s. Consent basis: %(basis)s") % {"editor": editor_name, "basis": basis}
    now = timezone.now()
    with transaction.atomic():
        for row in plan.rows:
            subscriber = Subscriber.objects.select_for_update().by_email(row.email).first()
            if subscriber is None:
                subscriber = Subscriber.objects.create(email=row.email, language=row.language)
            elif subscriber.status != Subscriber.Status.PENDING:
                continue
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.language = row.language
            subscriber.confirmed_at = now
            subscriber.save()
            ConsentRecord.objects.create(
                subscriber=subscriber, action=ConsentRecord.Action.CONFIRMED, source=source[:500]
            )
            plan.imported += 1
    return plan

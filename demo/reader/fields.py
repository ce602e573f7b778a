"""Reading the demo's TOML files with errors an editor can act on.

A :class:`Fields` wraps one table of one file: its typed look-ups name the file and the
field when a value is missing or of the wrong kind, and :meth:`Fields.done` refuses keys
nobody asked for (a typo), listing those it knows. Texts have their line breaks and runs
of spaces collapsed, so a long paragraph can be wrapped over several lines in the file.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Collection, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..data import Text
from ..texts import collapse

MISSING: Any = object()
_FORMATTER = string.Formatter()


class DemoDataError(ValueError):
    """A data file the demo cannot use; the message names the file and the field."""


def _kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, datetime | date):
        return "a date"
    return {int: "a whole number", float: "a number", str: "a text in quotes"}.get(
        type(value), type(value).__name__
    )


def read_file(path: Path, name: str) -> Fields:
    """The file's top-level table (``name`` is how errors call the file); a file that is
    not valid TOML is named with its line."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DemoDataError(f"{name}: the file is missing") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise DemoDataError(f"{name}: not a valid TOML file: {error}") from None
    return Fields(data, name)


class Fields:
    def __init__(self, data: dict, file: str, where: str = "") -> None:
        self.data, self.file, self.where = data, file, where
        self.asked: set[str] = set()

    # Errors -------------------------------------------------------------------------

    def path(self, name: str = "") -> str:
        return ".".join(part for part in (self.where, name) if part)

    def error(self, name: str, message: str) -> DemoDataError:
        place = self.path(name)
        return DemoDataError(f"{self.file}: {place}: {message}" if place else f"{self.file}: {message}")

    def done(self) -> None:
        """Refuse keys nobody asked for: they are typos or belong elsewhere."""
        unknown = [key for key in self.data if key not in self.asked]
        if unknown:
            known = ", ".join(sorted(self.asked)) or "nothing"
            raise self.error(unknown[0], f"unknown key (expected one of: {known})")

    # Look-ups ---------------------------------------------------------------------

    def _get(self, name: str, kinds: tuple[type, ...], what: str, default):
        self.asked.add(name)
        if name not in self.data:
            if default is MISSING:
                raise self.error(name, f"missing: {what}")
            return MISSING
        value = self.data[name]
        if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
            raise self.error(name, f"expected {what}, not {_kind(value)}")
        if isinstance(value, datetime) and datetime not in kinds:
            raise self.error(name, f"expected {what} without a time of day")
        return value

    def has(self, name: str) -> bool:
        """Whether the table holds ``name``; asking makes it a known key."""
        self.asked.add(name)
        return name in self.data

    def string(self, name: str, default=MISSING) -> str:
        value = self._get(name, (str,), "a text in quotes", default)
        return default if value is MISSING else collapse(value)

    def integer(self, name: str, default=MISSING) -> int:
        value = self._get(name, (int,), "a whole number", default)
        return default if value is MISSING else value

    def decimal(self, name: str, default=MISSING) -> Decimal:
        """A number with a decimal point (degrees), kept exactly as written."""
        value = self._get(name, (int, float), "a number", default)
        return default if value is MISSING else Decimal(str(value))

    def boolean(self, name: str, default=MISSING) -> bool:
        value = self._get(name, (bool,), "true or false", default)
        return default if value is MISSING else value

    def date(self, name: str, default=MISSING) -> date:
        value = self._get(name, (date,), "a date such as 2017-08-24", default)
        return default if value is MISSING else value

    def strings(self, name: str, default=()) -> tuple[str, ...]:
        value = self._get(name, (list,), 'a list of texts, e.g. ["a", "b"]', default)
        if value is MISSING:
            return tuple(default)
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise self.error(f"{name}[{index}]", f"expected a text in quotes, not {_kind(item)}")
        return tuple(collapse(item) for item in value)

    def text(self, name: str, default=MISSING) -> Text:
        """A text in Danish with its English: ``{ da = "…", en = "…" }`` (``en`` optional)."""
        value = self._get(name, (dict,), 'a text: da = "…" (and en = "…")', default)
        return default if value is MISSING else self._text(value, self.path(name))

    def _text(self, value: dict, where: str) -> Text:
        table = Fields(value, self.file, where)
        danish = table.string("da")
        if not danish:
            raise table.error("da", "empty")
        english = table.string("en", None)
        if english == "":
            raise table.error("en", "empty: leave it out for a Danish-only page")
        table.done()
        return Text(danish, english)

    def texts(self, name: str, default=MISSING) -> tuple[Text, ...]:
        """One text, or a list of texts (``[[name]]`` tables): paragraphs of a rich text."""
        value = self._get(name, (dict, list), 'a text (da = "…") or a list of them ([[…]])', default)
        if value is MISSING:
            return default
        if isinstance(value, dict):
            return (self._text(value, self.path(name)),)
        texts = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.error(f"{name}[{index}]", f'expected a text (da = "…"), not {_kind(item)}')
            texts.append(self._text(item, self.path(f"{name}[{index}]")))
        return tuple(texts)

    def table(self, name: str, default=MISSING) -> Fields:
        value = self._get(name, (dict,), "a table", default)
        return default if value is MISSING else Fields(value, self.file, self.path(name))

    def tables(self, name: str, default=MISSING) -> list[Fields]:
        """A list of tables (``[[name]]`` or ``name = [{…}, {…}]``)."""
        value = self._get(name, (list,), f"a list of tables ([[{name}]])", default)
        if value is MISSING:
            return default
        tables = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.error(f"{name}[{index}]", f"expected a table, not {_kind(item)}")
            tables.append(Fields(item, self.file, self.path(f"{name}[{index}]")))
        return tables

    def keyed_tables(self) -> Iterator[tuple[str, Fields]]:
        """Every key of this table whose value is a table, in file order (``[key]``)."""
        for key in list(self.data):
            yield key, self.table(key)

    # Templates ----------------------------------------------------------------------

    def template(
        self, name: str, allowed: Collection[str], indexed: dict[str, Collection[str]] | None = None
    ):
        """A text in braces-template form: only the placeholders ``allowed`` (and
        ``{name[key]}`` for the ``indexed`` ones, with a known key) may appear."""
        value = self._get(name, (str, dict), "a text in quotes", MISSING)
        if isinstance(value, dict):
            text = self._text(value, self.path(name))
            self.check_template(name, text.da, allowed, indexed)
            if text.en is not None:
                self.check_template(name, text.en, allowed, indexed)
            return text
        value = collapse(value)
        self.check_template(name, value, allowed, indexed)
        return value

    def check_template(
        self,
        name: str,
        template: str,
        allowed: Collection[str],
        indexed: dict[str, Collection[str]] | None = None,
    ) -> None:
        indexed = indexed or {}
        known = ", ".join(sorted({f"{{{a}}}" for a in allowed} | {f"{{{i}[…]}}" for i in indexed})) or "none"
        try:
            parts = list(_FORMATTER.parse(template))
        except ValueError as error:
            raise self.error(name, f"{error} (write {{{{ and }}}} for a brace itself)") from None
        for _literal, field_name, spec, conversion in parts:
            if field_name is None:
                continue
            root = re.match(r"[^.\[]*", field_name).group()
            keys = re.findall(r"\[([^\]]*)\]", field_name)
            if (
                spec
                or conversion
                or "." in field_name
                or field_name != root + "".join(f"[{k}]" for k in keys)
            ):
                raise self.error(
                    name, f"placeholder {{{field_name}}} is not a plain name (these are: {known})"
                )
            if root in indexed:
                if len(keys) != 1 or keys[0] not in indexed[root]:
                    choices = ", ".join(sorted(indexed[root]))
                    raise self.error(
                        name, f"placeholder {{{field_name}}}: write {{{root}[key]}}, key one of {choices}"
                    )
            elif root not in allowed or keys:
                raise self.error(name, f"unknown placeholder {{{field_name}}} (this text may use: {known})")

"""Snippets with the matched words marked, computed in Python for every engine.

No backend highlights, and a stem-aware match must mark "mødestederne" for the query
"mødested", and "coronapandemien" for "pandemi", so matching uses the same analysis as
the index: a word is marked when its stem, or the stem of one of its compound parts, is
one of the query's stems.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import WORD_RE, compound_parts, normalize, stem

# Raw-text spellings a folded stem can have, so candidates are found with a fast regex.
_VARIANTS = {"å": "(?:å|aa)", "æ": "(?:æ|ä)", "ø": "(?:ø|ö)"}
_SEPARATOR = "[.,\u00a0\u202f]?"
# A word as the text writes it: a number with thousand separators ("20.000") is one.
TEXT_WORD_RE = re.compile(r"\d{1,3}(?:[.,\u00a0\u202f]\d{3})+(?!\d)|" + WORD_RE.pattern)


def _candidate_pattern(query_stems: list[str]) -> re.Pattern:
    """Where a matching word may be: a query stem anywhere in a word (a compound's part
    need not start it)."""
    alternatives = [
        _SEPARATOR.join(stem_)
        if stem_.isdigit()
        else "".join(_VARIANTS.get(char, re.escape(char)) for char in stem_)
        for stem_ in query_stems
    ]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _matches(word: str, query_stems: set[str], language: str) -> bool:
    normalised = normalize(word, language)
    if stem(normalised, language) in query_stems:
        return True
    return any(stem(part, language) in query_stems for part in compound_parts(normalised, language))


def _word_at(text: str, position: int) -> re.Match | None:
    """The word of ``text`` that holds ``position``."""
    start = position
    while start > 0 and WORD_RE.match(text[start - 1]):
        start -= 1
    return TEXT_WORD_RE.match(text, start)


def highlight(text: str, query_stems: list[str], language: str, width: int = 240) -> SafeString | None:
    """A window of ``text`` around the first match, HTML-escaped, with matches in <mark>.

    Returns None when nothing in ``text`` matches.
    """
    if not text or not query_stems:
        return None
    stems = set(query_stems)
    pattern = _candidate_pattern(query_stems)
    first, checked = None, set()
    for candidate in pattern.finditer(text):
        word = _word_at(text, candidate.start())
        if word is None or word.start() in checked:
            continue
        checked.add(word.start())
        if _matches(word.group(), stems, language):
            first = word
            break
    if first is None:
        return None
    start = max(0, first.start() - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first.start() else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", first.end(), end)
        end = space if space > first.end() else end
    window = " ".join(text[start:end].split())
    parts, position = [], 0
    for word in TEXT_WORD_RE.finditer(window):
        if _matches(word.group(), stems, language):
            parts.append(escape(window[position : word.start()]))
            parts.append(f"<mark>{escape(word.group())}</mark>")
            position = word.end()
    parts.append(escape(window[position:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every part was escaped above

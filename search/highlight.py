"""Snippets with the matched words marked, computed in Python for every engine.

No backend highlights, and a stem-aware match must mark "mødestederne" for the query
"mødested", so matching uses the same analysis as the index.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import WORD_RE, normalize, stem

# Raw-text spellings a folded stem can have, so candidates are found with a fast regex.
_VARIANTS = {"å": "(?:å|aa)", "æ": "(?:æ|ä)", "ø": "(?:ø|ö)"}


def _candidate_pattern(query_stems: list[str]) -> re.Pattern:
    alternatives = ["".join(_VARIANTS.get(char, re.escape(char)) for char in stem_) for stem_ in query_stems]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def _matches(word: str, query_stems: list[str], language: str) -> bool:
    word_stem = stem(normalize(word, language), language)
    return any(word_stem.startswith(query_stem) for query_stem in query_stems)


def highlight(text: str, query_stems: list[str], language: str, width: int = 240) -> SafeString | None:
    """A window of ``text`` around the first match, HTML-escaped, with matches in <mark>.

    Returns None when nothing in ``text`` matches.
    """
    if not text or not query_stems:
        return None
    pattern = _candidate_pattern(query_stems)
    first = None
    for candidate in pattern.finditer(text):
        word = WORD_RE.match(text, candidate.start())
        if word and _matches(word.group(), query_stems, language):
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
    for word in WORD_RE.finditer(window):
        if _matches(word.group(), query_stems, language):
            parts.append(escape(window[position : word.start()]))
            parts.append(f"<mark>{escape(word.group())}</mark>")
            position = word.end()
    parts.append(escape(window[position:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every part was escaped above

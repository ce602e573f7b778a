"""The static copy's search that works from ``file://``: an index loaded by a ``<script>`` tag.

A browser refuses to ``fetch`` files from disk, so Pagefind's index (fetched piece by piece)
works only when the copy is served. This index is one script per language
(``site/search/index-da.js``), built at export time with the live site's own analysis
(``search.analysis``: the same normalising, Danish or English stemming and whatever it
learns next, such as splitting compounds), and searched by ``site/search/search.js``:

- every archived page of the language, with its title, type, date and the start of its text;
- its terms (``analysis.analyse`` of title and main text: the words' and the compound
  parts' stems), weighted, titles counting more;
- the vocabulary: each word of the copy with ``analysis.query_stems``, so a typed word the
  copy holds is analysed exactly as the live site would; a word it does not hold is matched
  by its longest indexed stem;
- the spelling folds ``analysis.normalize`` applies (probed from it, not restated here).

Every query term is matched as a prefix of the indexed stems and all terms must match (the
live site matches exact stems and ranks pages by how many of the words they hold; offline,
with no ranking statement to lean on, prefixes and all-terms keep the small index useful);
results are in the page's language only, as on the live site.
"""

from __future__ import annotations

import html
import json
import re
import string
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.template.loader import render_to_string

from search import analysis

from .inventory import ArchiveFile
from .payload import Payload

SEARCH_DIR = "site/search"
SCRIPT_NAME = "search.js"
TITLE_WEIGHT = 5
EXCERPT_LENGTH = 240
_MAIN = re.compile(r"<main\b[^>]*>(.*?)</main\s*>", re.IGNORECASE | re.DOTALL)
_DROP = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class SearchDocument:
    local: str  # the page's file under site/
    language: str
    title: str
    kind: str
    date: str
    text: str  # the page's main text, tags stripped


def page_text(markup: str) -> str:
    """The readable text of a page's ``<main>`` (all of it when there is none)."""
    found = _MAIN.search(markup)
    inner = _DROP.sub(" ", found.group(1) if found else markup)
    return " ".join(html.unescape(_TAG.sub(" ", inner)).split())


def _folds(language: str) -> list[list[str]]:
    """The spelling variants ``analysis.normalize`` folds together, found by asking it
    about every letter and pair of letters (so a fold it gains later is found too)."""
    letters = string.ascii_lowercase + "æøåäöüéè"
    candidates = list(letters) + [a + b for a in letters for b in letters]
    folds = []
    for candidate in candidates:
        folded = analysis.normalize(candidate, language)
        if folded != candidate and len(folded) <= len(candidate):
            if len(candidate) == 2 and folded == "".join(analysis.normalize(c, language) for c in candidate):
                continue  # only the pair's letters folded one by one
            folds.append([candidate, folded])
    return sorted(folds, key=lambda pair: (-len(pair[0]), pair[0]))


def indexed_stems(text: str, language: str) -> list[str]:
    """The stems the live index holds for ``text``: its words' and its compounds' parts',
    so a part of a compound finds the compound offline too."""
    analysed = analysis.analyse(text, language)
    return [*analysed.stems, *analysed.part_stems]


def build_index(documents: list[SearchDocument], language: str) -> dict:
    """The index of one language's documents, as the script reads it."""
    postings: dict[str, dict[int, int]] = defaultdict(dict)
    vocabulary: set[str] = set()
    docs = []
    for number, document in enumerate(documents):
        weights: Counter[str] = Counter(indexed_stems(document.text, language))
        for term in indexed_stems(document.title, language):
            weights[term] += TITLE_WEIGHT
        for term, weight in weights.items():
            postings[term][number] = weight
        vocabulary.update(analysis.words(f"{document.title} {document.text}", language))
        text = document.text.removeprefix(document.title).strip()  # the heading repeats the title
        excerpt = text[:EXCERPT_LENGTH]
        if len(text) > EXCERPT_LENGTH:
            excerpt = excerpt.rsplit(" ", 1)[0] + " …"
        docs.append([document.local, document.title, document.kind, document.date, excerpt])
    terms = sorted(postings)
    words = {}
    for word in sorted(vocabulary):
        stems = analysis.query_stems(word, language)
        if stems != [word]:
            words[word] = stems
    return {
        "language": language,
        "docs": docs,
        "terms": terms,
        "postings": [[value for pair in sorted(postings[term].items()) for value in pair] for term in terms],
        "words": words,
        "folds": _folds(language),
    }


def write_search_index(payload: Payload, documents: list[SearchDocument]) -> list[str]:
    """``site/search/index-<language>.js`` per language and the script that searches them."""
    by_language: dict[str, list[SearchDocument]] = defaultdict(list)
    for document in sorted(documents, key=lambda d: d.local):
        by_language[document.language].append(document)
    written = []
    for language, members in sorted(by_language.items()):
        data = json.dumps(build_index(members, language), ensure_ascii=False, separators=(",", ":"))
        script = (
            "window.archiveSearchIndex = window.archiveSearchIndex || {};\n"
            f"window.archiveSearchIndex[{json.dumps(language)}] = {data};\n"
        )
        path = f"{SEARCH_DIR}/{index_name(language)}"
        payload.write(
            ArchiveFile(path=path, content_type="text/javascript", language=language), script.encode()
        )
        written.append(path)
    script = render_to_string("newsletter/archive/search.js")
    payload.write(
        ArchiveFile(path=f"{SEARCH_DIR}/{SCRIPT_NAME}", content_type="text/javascript"), script.encode()
    )
    return written


def index_name(language: str) -> str:
    return f"index-{language}.js"

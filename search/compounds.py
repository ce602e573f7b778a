"""Danish compounds split into their parts, from a word list with frequencies.

Danish writes compounds as one word ("planlægningsværktøj", "coronapandemien"), so a
reader who types a part ("værktøj", "pandemi") finds nothing unless the index knows the
parts. ``Decompounder.parts`` splits a word the way a Danish reader would:

- every part but the last is a word of the list as it stands in compounds: as written
  ("corona-", "værdi-"), or without its final e ("samarbejd-" of "samarbejde"), and may
  be followed by a linking s or e ("planlægning-s-", "børn-e-");
- the last part may be inflected: its stem is the stem of a word of the list
  ("-pandemien" of "pandemi");
- of all the ways to split a word, the one with the fewest parts wins, and among those
  the one whose parts are most frequent (the mean of their Zipf frequencies: the
  geometric mean of Koehn and Knight's compound splitting);
- a word that is itself in the list stays whole unless it is rare and every part is
  clearly more common than it ("mødested" splits, "fællesskab" and "frivillige" do not);
- three-letter parts must be common words (``hus``, ``tøj``, ``vej``) unless a linking s
  follows them ("egn-s-specifikke").

The word list (``WORDS_FILE``) is derived from wordfreq's Danish list by
``manage.py build_compound_words`` (see ``search/data/README.md``); Elasticsearch's
``dictionary_decompounder`` is given the same words (``hub.settings.search_engines``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

WORDS_FILE = Path(__file__).resolve().parent / "data" / "da-compound-words.tsv"

MIN_PART = 3
MAX_PARTS = 4
MAX_WORD = 40
LINKING_LETTERS = ("s", "e")
# A three-letter part must be at least this common (Zipf), unless a linking s follows.
SHORT_PART_ZIPF = 4.0
# A word of the list splits only when it is rarer than this, its parts are on average
# this much more common than it, and each of them is more common than it.
KEEP_WHOLE_ZIPF = 3.8
SPLIT_MARGIN = 0.3

# Never parts: prefixes and particles that start many words without being compound
# parts ("for-ening", "til-bage", "gen-start"), and endings that wordfreq lists as words
# but that are suffixes in compounds ("-skab", "-ning", "-erne", "-ret").
NOT_PARTS = frozenset(
    [
        # prefixes and particles
        "bag", "efter", "frem", "gen", "gennem", "hen", "mis", "sam", "und", "vel",
        # endings
        "ant", "dom", "else", "elle", "ende", "endes", "ene", "ens", "ent", "ere", "erne", "ernes",
        "ers", "hed", "heder", "ige", "ing", "ings", "ion", "ioner", "isk", "iske", "isme", "ismen",
        "ist", "ister", "lig", "lige", "ling", "ler", "mer", "ner", "ning", "ningen", "ninger",
        "rede", "ret", "sel", "skab", "skaber", "skabet", "tet", "tion", "vis",
    ]
)  # fmt: skip


def lexicon_entries(
    frequencies: Mapping[str, float], normalize: Callable[[str], str], stop_words: Iterable[str]
) -> dict[str, float]:
    """The word list as shipped: words that can be parts of compounds, with their Zipf
    frequency, from raw ``frequencies`` (word -> Zipf, as wordfreq gives them)."""
    stop = frozenset(stop_words)
    entries: dict[str, float] = {}
    for raw, zipf in frequencies.items():
        word = normalize(raw)
        if not word.isalpha() or not MIN_PART <= len(word) <= MAX_WORD:
            continue
        if word in stop or word in NOT_PARTS:
            continue
        entries[word] = max(entries.get(word, 0.0), round(zipf, 2))
    return dict(sorted(entries.items()))


def read_words(path: Path = WORDS_FILE) -> dict[str, float]:
    """The shipped word list: ``word<TAB>zipf`` a line, ``#`` starts a comment."""
    words = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, zipf = line.split("\t")
            words[word] = float(zipf)
    return words


def write_words(entries: Mapping[str, float], path: Path, header: str) -> None:
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines += [f"{word}\t{zipf:.2f}" for word, zipf in entries.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


class Segmentation(NamedTuple):
    """One way to split a text: compared as tuples, the fewest and most frequent parts
    first, then the fewest linking letters. Each part is (the word it is, its length in the text, its linking letters)."""

    count: int
    minus_mean: float
    links: int
    parts: tuple[tuple[str, int, int], ...]
    rarest: float


class Decompounder:
    """Splits words into compound parts; ``stem`` is the language's Snowball stemmer and
    ``words`` the word list (word -> Zipf frequency)."""

    def __init__(self, words: Mapping[str, float], stem: Callable[[str], str]):
        self.words = dict(words)
        self.stem = stem
        self.stems: dict[str, float] = {}
        for word, zipf in self.words.items():
            key = stem(word)
            self.stems[key] = max(self.stems.get(key, 0.0), zipf)
        self._segment = lru_cache(maxsize=100_000)(self._best_segmentation)
        self._split = lru_cache(maxsize=200_000)(self._split_uncached)
        # What the index adds for a word: its parts, and the runs of two or more of them
        # that are shorter than the word ("landsbyklynge" in "landsbyklyngesamarbejdet").
        self.parts = lru_cache(maxsize=200_000)(self._parts_uncached)

    def _modifier(self, text: str, linked: bool) -> tuple[float, str] | None:
        """A part before the last: (its frequency, the word it is)."""
        forms = [form for form in (text, text + "e") if form in self.words]
        if not forms:
            return None
        zipf, word = max(self.words[form] for form in forms), forms[0]
        if len(text) == MIN_PART and zipf < SHORT_PART_ZIPF and not linked:
            return None
        return zipf, word

    def _head(self, text: str) -> tuple[float, str] | None:
        """The last part, perhaps inflected: (its stem's frequency, the part as written)."""
        zipf = self.stems.get(self.stem(text))
        if zipf is None or (len(text) == MIN_PART and zipf < SHORT_PART_ZIPF):
            return None
        return zipf, text

    def _best_segmentation(self, text: str, whole: bool) -> Segmentation | None:
        """The best way to split ``text`` (one part only if ``whole``)."""
        best = None
        if whole and len(text) >= MIN_PART and (head := self._head(text)):
            best = Segmentation(1, -head[0], 0, ((head[1], len(text), 0),), head[0])
        for cut in range(MIN_PART, len(text) - MIN_PART + 1):
            rest = self._segment(text[cut:], True)
            if rest is None or rest.count >= MAX_PARTS:
                continue
            before = text[:cut]
            options = [(before, 0)]
            options += [(before[:-1], 1) for letter in LINKING_LETTERS if before.endswith(letter)]
            for modifier_text, link in options:
                linked_by_s = link and before.endswith("s")
                if len(modifier_text) < MIN_PART or not (
                    modifier := self._modifier(modifier_text, linked_by_s)
                ):
                    continue
                count = rest.count + 1
                mean = (modifier[0] - rest.minus_mean * rest.count) / count
                part = (modifier[1], len(modifier_text), link)
                candidate = Segmentation(
                    count, -mean, rest.links + link, (part, *rest.parts), min(modifier[0], rest.rarest)
                )
                if best is None or candidate < best:
                    best = candidate
        return best

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of ``word`` (lower case, as ``search.analysis.normalize`` gives it),
        each as a word a reader would type, or () when it is no compound."""
        return tuple(part for part, _length, _link in self._split(word))

    def _split_uncached(self, word: str) -> tuple[tuple[str, int, int], ...]:
        if not word.isalpha() or not 2 * MIN_PART <= len(word) <= MAX_WORD:
            return ()
        best = self._segment(word, False)
        if best is None:
            return ()
        whole = self.stems.get(self.stem(word))
        if whole is not None and (
            whole >= KEEP_WHOLE_ZIPF or -best.minus_mean < whole + SPLIT_MARGIN or best.rarest <= whole
        ):
            return ()
        return best.parts

    def _parts_uncached(self, word: str) -> tuple[str, ...]:
        split = self._split(word)
        if not split:
            return ()
        starts, position = [], 0
        for _part, length, link in split:
            starts.append((position, position + length))
            position += length + link
        runs = [
            word[starts[first][0] : starts[last][1]]
            for first in range(len(split))
            for last in range(first + 1, len(split))
            if (first, last) != (0, len(split) - 1)
        ]
        return tuple(dict.fromkeys([part for part, _length, _link in split] + runs))

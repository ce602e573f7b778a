"""Write the Danish compound word list (``search/data/da-compound-words.tsv``) from
wordfreq's Danish word list (``search.compounds.lexicon_entries`` chooses the words).

The list is shipped, so neither the site nor Elasticsearch needs wordfreq; run this only
to rebuild it (after a wordfreq upgrade, or a change to what may be a part), and commit
the file. wordfreq comes with the test extras (``pip install ".[test]"``).
"""

from __future__ import annotations

import math
from importlib.metadata import version
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search.analysis import normalize, stop_words
from search.compounds import WORDS_FILE, lexicon_entries, write_words

HEADER = """Danish words that can be parts of compounds, with their Zipf frequency (log10 of
occurrences per billion words), for the hub's decompounder (search/compounds.py) and
Elasticsearch's dictionary_decompounder (hub/settings/search_engines.py).
Derived from wordfreq {version}'s Danish list by `manage.py build_compound_words`.
Licence: CC BY-SA 4.0, as wordfreq's data (search/data/README.md)."""


def wordfreq_zipf(language: str = "da") -> tuple[str, dict[str, float]]:
    """wordfreq's version and its ``language`` list as word -> Zipf frequency."""
    try:
        import wordfreq
    except ImportError as error:
        raise CommandError('wordfreq is not installed: pip install ".[test]"') from error
    frequencies = wordfreq.get_frequency_dict(language, wordlist="small")
    return version("wordfreq"), {
        word: math.log10(share) + 9 for word, share in frequencies.items() if share > 0
    }


def compound_word_list() -> tuple[str, dict[str, float]]:
    release, zipf = wordfreq_zipf("da")
    return release, lexicon_entries(zipf, lambda word: normalize(word, "da"), stop_words("da"))


class Command(BaseCommand):
    help = "Write the Danish compound word list from wordfreq's Danish word list."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=WORDS_FILE)

    def handle(self, *args, output: Path, **options):
        release, entries = compound_word_list()
        write_words(entries, output, HEADER.format(version=release))
        self.stdout.write(self.style.SUCCESS(f"{len(entries)} words written to {output}."))

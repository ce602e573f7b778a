"""The Snowball stemmer stems the same from many threads at once as from one."""

from __future__ import annotations

import sys
import threading

from search import analysis

WORDS = [
    f"{stem}{ending}"
    for stem in (
        "landsby",
        "klynge",
        "fællesskab",
        "forsamlingshus",
        "cykelsti",
        "borger",
        "kommune",
        "skole",
        "idræt",
        "frivillig",
        "udvikling",
        "bæredygtig",
        "landdistrikt",
        "vandværk",
    )
    for ending in ("", "erne", "ernes", "en", "ens", "er", "ede", "ende", "heden", "elser", "lige")
] + ["villages", "clusters", "communities", "developing", "sustainability", "meetings"]
THREADS = 8
ROUNDS = 60


def test_stemming_from_many_threads_matches_one_thread():
    # Bypass stem()'s result cache: every call goes to a stemmer object.
    raw = analysis.stem.__wrapped__
    expected = {(word, lang): raw(word, lang) for word in WORDS for lang in ("da", "en")}
    mismatches: list[tuple[str, str, str, str]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def work(offset: int) -> None:
        try:
            start.wait()
            for round_ in range(ROUNDS):
                words = WORDS[(offset + round_) % len(WORDS) :] + WORDS[: (offset + round_) % len(WORDS)]
                for word in words:
                    for lang in ("da", "en"):
                        got = raw(word, lang)
                        if got != expected[word, lang]:
                            mismatches.append((word, lang, got, expected[word, lang]))
        except BaseException as error:
            errors.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter allows
    try:
        threads = [threading.Thread(target=work, args=(n * 7,)) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert not errors, errors[:3]
    assert not mismatches, f"{len(mismatches)} wrong stems, e.g. {mismatches[:5]}"


def test_each_thread_has_its_own_stemmer():
    seen = []
    thread = threading.Thread(target=lambda: seen.append(analysis._stemmer("da")))
    thread.start()
    thread.join()
    assert seen[0] is not analysis._stemmer("da")
    assert analysis._stemmer("da") is analysis._stemmer("da")

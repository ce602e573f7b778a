"""WAGTAILSEARCH_BACKENDS from the environment: configuration only, naming backends by
their dotted paths (the settings import no app).

One backend alias per reader language, each with its ``LANGUAGE`` (the search picks the
alias by it, ``search.conf.backend_for_language``); the default alias is Danish.
"""

from __future__ import annotations

LANGUAGE_ALIASES = {"da": "default", "en": "en"}

ELASTICSEARCH_ANALYZERS = {"da": "danish", "en": "english"}


def elasticsearch_backend(url: str, language: str, *, auto_update: bool = True) -> dict:
    analyzer = ELASTICSEARCH_ANALYZERS[language]
    return {
        "BACKEND": "wagtail.search.backends.elasticsearch9",
        "URLS": [url],
        "LANGUAGE": language,
        "INDEX_PREFIX": f"landsbyklynger_{language}_",
        "TIMEOUT": 10,
        "AUTO_UPDATE": auto_update,
        "INDEX_SETTINGS": {
            "settings": {
                "index": {
                    "analysis": {
                        "analyzer": {
                            "default": {"type": analyzer},
                            "default_search": {"type": analyzer},
                        }
                    }
                }
            }
        },
    }


def search_backends(elasticsearch_url: str | None = None) -> dict:
    """WAGTAILSEARCH_BACKENDS for the hub.

    Without Elasticsearch: the database backend taught Danish and English
    (``search.backends``); both aliases share one index table, so only the default one
    writes it. With Elasticsearch: one index per language, each with its language's
    analyzer.
    """
    if elasticsearch_url:
        return {
            LANGUAGE_ALIASES[language]: elasticsearch_backend(elasticsearch_url, language)
            for language in LANGUAGE_ALIASES
        }
    return {
        alias: {"BACKEND": "search.backends", "LANGUAGE": language, "AUTO_UPDATE": alias == "default"}
        for language, alias in LANGUAGE_ALIASES.items()
    }

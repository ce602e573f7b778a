"""Demo content for the hub: real Danish texts, their English translations, generated media.

``load_demo_content`` builds a two-language site from this package; the loader is
idempotent so it can be run again after a code or content change.
"""

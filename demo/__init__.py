"""The demo hub: real Danish texts with their English translations, generated media.

The content is data (``demo/content/``, built on the copied facts in ``demo/sources/``);
``reader`` turns the files into ``data`` classes and ``loader`` builds or updates the
two-language site from them, idempotently, so ``load_demo_content`` can run again after
any change to the files.
"""

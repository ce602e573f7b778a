"""Turns the demo's data files into the loader's data classes (``demo/data.py``).

``demo/content/`` is what an editor changes (its README says how); ``demo/sources/`` holds
the copied facts. Everything is read and checked before the loader writes anything: a
problem raises :class:`DemoDataError` naming the file and the field.
"""

from .content import Reader, read_content
from .fields import DemoDataError
from .paths import CONTENT_DIR, SOURCES_DIR

__all__ = ["CONTENT_DIR", "SOURCES_DIR", "DemoDataError", "Reader", "read_content"]

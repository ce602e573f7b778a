"""The cases app's settings and their defaults."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def zip_cache_dir() -> Path:
    """HUB_ZIP_CACHE_DIR: the folder of built cluster zips (default var/cache/cluster-zips)."""
    return Path(getattr(settings, "HUB_ZIP_CACHE_DIR", None) or settings.VAR_DIR / "cache" / "cluster-zips")

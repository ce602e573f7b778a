"""Where the demo's data lives."""

from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent.parent
CONTENT_DIR = DEMO_DIR / "content"  # what an editor changes
SOURCES_DIR = DEMO_DIR / "sources"  # the seeds and facts, copied with their origin noted

"""axe-core (from npm, pinned in package.json) run inside headless Chromium.

``make install`` runs ``npm ci`` when npm exists; without it the scans skip locally and
fail under CI (``CI`` set), since .ci/run installs Node.js and npm.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 level A and AA, the level of the Danish web accessibility law.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


def require_axe() -> Path:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{AXE} is missing: .ci/run installs npm and `make install` runs `npm ci`.")
        pytest.skip("axe-core is not installed: install npm and run `npm ci` (make install does).")
    return AXE


def scan(page) -> list[dict]:
    """Run axe on the loaded page and return its serious and critical violations."""
    page.add_script_tag(path=str(require_axe()))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [violation for violation in result["violations"] if violation["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  {violation['impact']}: {violation['id']} ({violation['help']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)

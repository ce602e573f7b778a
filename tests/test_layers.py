"""The project's import graph: layers run one way and no module imports another that
imports it back (DESIGN.md, "Imports flow one way").

Every import counts, at the top of a module or inside a function: a lazy import that
closes a loop is still a loop for the reader. Migrations are frozen history and left out.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

# From the ground floor up: a module may import from its own app or an app below it.
LAYERS = ["hub", "search", "cases", "blog", "newsletter", "demo", "bench"]


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    where: str  # path:line


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules(root: Path, apps: list[str]) -> dict[str, Path]:
    modules = {}
    for app in apps:
        for path in sorted((root / app).rglob("*.py")) if (root / app).is_dir() else []:
            if "migrations" not in path.relative_to(root).parts:
                modules[module_name(root, path)] = path
    return modules


def _known(name: str, modules: dict[str, Path]) -> str | None:
    """The most specific project module ``name`` denotes (a name inside it, or itself)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_edges(root: Path, apps: list[str]) -> list[Edge]:
    """One edge per importing module and imported module, where it is first imported."""
    modules = project_modules(root, apps)
    edges: dict[tuple[str, str], Edge] = {}
    for module, path in modules.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    origin = ".".join(base + ([node.module] if node.module else []))
                else:
                    origin = node.module or ""
                names = [f"{origin}.{alias.name}" for alias in node.names] or [origin]
            else:
                continue
            for name in names:
                target = _known(name, modules)
                if target and target != module and (module, target) not in edges:
                    edges[module, target] = Edge(module, target, f"{path.relative_to(root)}:{node.lineno}")
    return list(edges.values())


def layer_violations(edges: list[Edge], layers: list[str]) -> list[Edge]:
    rank = {app: position for position, app in enumerate(layers)}
    return [edge for edge in edges if rank[edge.target.split(".")[0]] > rank[edge.source.split(".")[0]]]


def cycles(edges: list[Edge]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        graph[edge.source].add(edge.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in graph.get(node, ()):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def describe(component: list[str], edges: list[Edge]) -> str:
    inside = [edge for edge in edges if edge.source in component and edge.target in component]
    return " / ".join(component) + ": " + ", ".join(f"{e.source} -> {e.target} ({e.where})" for e in inside)


@pytest.fixture(scope="module")
def project_edges() -> list[Edge]:
    return import_edges(Path(settings.BASE_DIR), LAYERS)


def test_the_hub_imports_no_app_above_it(project_edges):
    upward = [
        edge
        for edge in project_edges
        if edge.source.split(".")[0] == "hub" and not edge.target.startswith("hub")
    ]
    assert not upward, "\n".join(f"{e.where}: {e.source} imports {e.target}" for e in upward)


def test_every_import_runs_down_the_layers(project_edges):
    wrong = layer_violations(project_edges, LAYERS)
    assert not wrong, "\n".join(f"{e.where}: {e.source} imports {e.target}, a layer above it" for e in wrong)


def test_no_two_modules_import_each_other(project_edges):
    found = cycles(project_edges)
    assert not found, "import cycles:\n" + "\n".join(
        describe(component, project_edges) for component in found
    )


def test_the_checks_find_what_they_look_for(tmp_path):
    """On a made-up project: a lazy import back, a longer loop, and a floor that looks up."""
    files = {
        "hub/__init__.py": "",
        "hub/models.py": "def f():\n    from blog.models import Post\n",
        "blog/__init__.py": "",
        "blog/models.py": "from hub.models import f\nfrom . import feeds\n",
        "blog/feeds.py": "def g():\n    from .views import v\n",
        "blog/views.py": "from blog.models import Post\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    edges = import_edges(tmp_path, ["hub", "blog"])
    assert [(e.source, e.target) for e in layer_violations(edges, ["hub", "blog"])] == [
        ("hub.models", "blog.models")
    ]
    assert cycles(edges) == [["blog.feeds", "blog.models", "blog.views", "hub.models"]]

"""The shape of ``bot/``: its import graph has no cycle, and no import of a ``bot`` module hides
inside a function (where it would dodge a cycle) except the two chat adapters, which are
imported only when their platform is started (slack-bolt and discord.py are slow to import).
``summarizer/`` never imports ``bot``, and knows nothing of chat platforms' markup.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / "bot"

#: Function-level imports of bot modules that are allowed, and why: heavy adapters.
LAZY_ADAPTERS = {("app", "slack_app"), ("app", "discord_app")}


def _bot_imports(path: Path) -> list[tuple[str, bool]]:
    """(imported bot module, whether the import is inside a function) for each import of bot."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, nested: bool, type_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = nested or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            guarded = type_only or (isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test))
            if isinstance(child, ast.ImportFrom) and not guarded:
                module = child.module or ""
                if child.level == 1 and module:
                    found.append((module.split(".")[0], inner))
                elif child.level == 1:
                    found.extend((alias.name, inner) for alias in child.names)
                elif module.startswith("bot."):
                    found.append((module.split(".")[1], inner))
                elif module == "bot":
                    found.extend((alias.name, inner) for alias in child.names)
            elif isinstance(child, ast.Import) and not guarded:
                found.extend((alias.name.split(".")[1], inner) for alias in child.names if alias.name.startswith("bot."))
            visit(child, inner, guarded)

    visit(tree, False, False)
    return found


def _graph() -> dict[str, dict[str, bool]]:
    graph: dict[str, dict[str, bool]] = {}
    for path in sorted(BOT.glob("*.py")):
        edges: dict[str, bool] = {}
        for target, nested in _bot_imports(path):
            if (BOT / f"{target}.py").exists() and target != path.stem:
                edges[target] = edges.get(target, True) and nested
        graph[path.stem] = edges
    return graph


def _cycle(graph: dict[str, dict[str, bool]]) -> list[str] | None:
    """One cycle of the graph (as a path that returns to its start), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, {})):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if state.get(nxt) is None and (found := walk(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if state.get(node) is None and (found := walk(node)):
            return found
    return None


def test_the_import_graph_of_bot_has_no_cycle_even_counting_imports_inside_functions() -> None:
    graph = _graph()
    assert len(graph) > 15 and graph["app"], "the walk found bot's modules and their imports"
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_the_walk_finds_a_cycle_when_there_is_one() -> None:
    assert _cycle({"a": {"b": False}, "b": {"c": True}, "c": {"a": False}}) == ["a", "b", "c", "a"]


def test_no_bot_module_is_imported_inside_a_function_but_the_chat_adapters() -> None:
    hidden = {
        (module, target)
        for module, edges in _graph().items()
        for target, nested in edges.items()
        if nested and (module, target) not in LAZY_ADAPTERS
    }
    assert not hidden, f"imports inside functions: {sorted(hidden)}"


def test_summarizer_imports_nothing_of_bot_and_knows_no_chat_platform() -> None:
    """No ``bot`` import, no name about Slack or Discord, no pattern for their mention tokens
    (``<@U1>``, ``<!here>``, ``<#C1>``): the adapters turn platform markup into plain words."""
    for path in (ROOT / "summarizer").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("bot"), f"{where} imports {node.module}"
            name = getattr(node, "id", None) or getattr(node, "name", None) or getattr(node, "attr", None)
            if isinstance(name, str):
                assert not any(p in name.lower() for p in ("slack", "discord")), f"{where}: {name}"
            if isinstance(node, ast.Call) and ast.unparse(node.func) in ("re.compile", "re.sub", "re.search"):
                pattern = node.args[0] if node.args else None
                if isinstance(pattern, ast.Constant) and isinstance(pattern.value, str):
                    # "<@", "<!", "<#" or "<[@", but not a lookbehind "(?<!" / "(?<="
                    assert not re.search(r"(?<!\(\?)<(?:[@!#]|\[[@!#]|\(\?:[@!#])", pattern.value), f"{where}: {pattern.value}"

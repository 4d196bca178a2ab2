#!/usr/bin/env python3
"""Module dependency cycles in src/, outside tests.

An edge A -> B for every `crate::B` (or `super::B` between siblings) that
module A's own code names; test modules are left out. Reports the cycles
between top-level modules, and between the files of each folder.
"""
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from fn_lengths import mask, without_tests  # noqa: E402


def module_of(path):
    parts = list(path.relative_to("src").with_suffix("").parts)
    if parts[-1] == "mod":
        parts.pop()
    return parts


def edges():
    graph = {}
    for path in Path("src").rglob("*.rs"):
        parts = module_of(path)
        if parts in (["lib"], ["main"]):
            continue
        text = without_tests(mask(path.read_text()))
        text = re.sub(r"#\[cfg\(test\)\]\s*(pub(\([^)]*\))?\s+)?mod\s+\w+\s*;", "", text)
        me = "::".join(parts)
        targets = graph.setdefault(me, set())
        for m in re.finditer(r"\bcrate::(\w+)(?:::(\w+))?", text):
            targets.add(m.group(1) if m.group(1) != parts[0] else "::".join([parts[0], m.group(2) or ""]))
        if len(parts) > 1:
            base = parts[:-1] if path.name != "mod.rs" else parts[:-1]
            for m in re.finditer(r"\bsuper::(\w+)", text):
                targets.add("::".join(base + [m.group(1)]))
        # A folder's mod.rs depends on the children it names (`use child::...` / `pub use child::...`).
        if path.name == "mod.rs":
            for m in re.finditer(r"\b(?:pub\s+)?use\s+(\w+)::", text):
                if m.group(1) not in ("std", "crate", "super", "self", "serde", "rayon", "tera", "similar", "pulldown_cmark", "axum", "tokio", "walkdir", "annotate_snippets", "notify", "notify_debouncer_full", "clap", "tokio_stream"):
                    targets.add("::".join(parts + [m.group(1)]))
    return graph


def cycles(graph, collapse):
    g = {}
    for a, bs in graph.items():
        ka = collapse(a)
        for b in bs:
            kb = collapse(b)
            if ka and kb and ka != kb:
                g.setdefault(ka, set()).add(kb)
    found, state = [], {}

    def visit(node, stack):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(g.get(node, ())):
            if state.get(nxt) == 1:
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(g):
        if node not in state:
            visit(node, [])
    return found


def main():
    graph = edges()
    top = cycles(graph, lambda m: m.split("::")[0] if m.split("::")[0] in {k.split("::")[0] for k in graph} else None)
    inner = []
    folders = {k.split("::")[0] for k in graph if "::" in k}
    for folder in sorted(folders):
        def within(m, folder=folder):
            parts = m.split("::")
            return "::".join(parts[:2]) if parts[0] == folder and len(parts) > 1 and parts[1] else None
        inner += cycles(graph, within)
    for cycle in top + inner:
        print("cycle: " + " -> ".join(cycle))
    print(f"{len(graph)} modules; {len(top)} cycles between top-level modules, {len(inner)} inside folders")
    sys.exit(1 if top or inner else 0)


if __name__ == "__main__":
    main()

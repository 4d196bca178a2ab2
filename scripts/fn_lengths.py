#!/usr/bin/env python3
"""Function lengths and parameter counts of prfaq's Rust code.

A brace-matching counter: for every `fn` in src/, the lines from its
signature to its closing brace (comments and strings are masked first, so
braces inside them do not count), and its parameters (`self` included).
Test modules (`#[cfg(test)] mod tests`) are left out: their functions are
specifications, not code paths.

    scripts/fn_lengths.py              # the longest ten, and any over the limits
    scripts/fn_lengths.py --all        # every function
    scripts/fn_lengths.py --check      # exit 1 when a function breaks a limit

Limits: 60 lines, 5 parameters (the code-health issue's budget).
"""
import re
import sys
from pathlib import Path

MAX_LINES = 60
MAX_PARAMS = 5


def mask(text):
    """Replaces comments and string/char literals by spaces, keeping newlines."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "r" and re.match(r'r#*"', text[i:]):
            hashes = re.match(r"r(#*)\"", text[i:]).group(1)
            end = '"' + hashes
            j = text.find(end, i + 2 + len(hashes))
            j = n if j < 0 else j + len(end)
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "'" and re.match(r"'(\\.|[^\\'])'", text[i:]):
            m = re.match(r"'(\\.|[^\\'])'", text[i:])
            out.append(" " * len(m.group(0)))
            i += len(m.group(0))
        elif c == "'" and re.match(r"'\\u\{[0-9a-fA-F]+\}'", text[i:]):
            m = re.match(r"'\\u\{[0-9a-fA-F]+\}'", text[i:])
            out.append(" " * len(m.group(0)))
            i += len(m.group(0))
        else:
            out.append(c)
            i += 1
    return "".join(out)


def without_tests(masked):
    """Blanks `#[cfg(test)] mod ... { ... }` blocks."""
    result = list(masked)
    for m in re.finditer(r"#\[cfg\(test\)\]\s*(pub(\([^)]*\))?\s+)?mod\s+\w+\s*\{", masked):
        depth, j = 0, m.end() - 1
        while j < len(masked):
            if masked[j] == "{":
                depth += 1
            elif masked[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        for k in range(m.start(), min(j + 1, len(masked))):
            if result[k] != "\n":
                result[k] = " "
    return "".join(result)


def params(signature):
    """Top-level comma-separated items between the first ( and its match."""
    start = signature.find("(")
    depth, items, current = 0, [], ""
    for c in signature[start:]:
        if c in "(<[":
            depth += 1
            if depth == 1 and c == "(":
                continue
        elif c in ")>]":
            depth -= 1
            if depth == 0:
                break
        if c == "," and depth == 1:
            items.append(current)
            current = ""
        else:
            current += c
    items.append(current)
    return [p for p in items if p.strip()]


def functions(path):
    text = without_tests(mask(path.read_text()))
    for m in re.finditer(r"\bfn\s+(\w+)", text):
        # The body starts at the first `{` after the signature (not in a where clause's `<>`).
        open_at = text.find("{", m.end())
        semicolon = text.find(";", m.end())
        if open_at < 0 or (0 <= semicolon < open_at):
            continue  # a declaration without a body
        depth, j = 0, open_at
        while j < len(text):
            if text[j] == "{":
                depth += 1
            elif text[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        first = text.count("\n", 0, m.start()) + 1
        last = text.count("\n", 0, j) + 1
        yield (last - first + 1, len(params(text[m.end():open_at])), f"{path}:{first}", m.group(1))


def main():
    rows = sorted(
        (f for p in sorted(Path("src").rglob("*.rs")) for f in functions(p)), reverse=True
    )
    over = [r for r in rows if r[0] > MAX_LINES or r[1] > MAX_PARAMS]
    shown = rows if "--all" in sys.argv else rows[:10]
    print(f"{len(rows)} functions; longest {rows[0][0]} lines; "
          f"most parameters {max(r[1] for r in rows)}; over the limits: {len(over)}")
    for lines, count, where, name in shown + [r for r in over if r not in shown]:
        flag = "  <-- over" if (lines > MAX_LINES or count > MAX_PARAMS) else ""
        print(f"{lines:4} lines {count:2} params  {name:28} {where}{flag}")
    if "--check" in sys.argv and over:
        sys.exit(1)


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # `| head`
        sys.stderr.close()

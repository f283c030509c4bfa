#!/usr/bin/env python3
"""Layers only point down (ARCHITECTURE.md, issue 14): every #include of a tlslab header from the
library and the program goes to its own layer or one below it, and no installed header includes
an internal one. The layer list is written here once, bottom first.

Usage: layers_check.py SOURCE_DIR
"""
import re
import sys
from pathlib import Path

# Bottom first. A path's layer is the first of its components that names one; the base headers
# (bytes, error, alert) sit under everything.
LAYERS = ["base", "codec", "crypto", "registry", "pki", "record", "messages", "handshake",
          "connection", "trace", "vectors", "cli"]
BASE = {"bytes", "error", "alert"}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def layer_of(rel):
    """rel: a path below include/tlslab or src, e.g. 'pki/x509.hpp' or 'connection.cpp'."""
    parts = Path(rel).parts
    stem = Path(parts[0]).stem
    if len(parts) == 1:
        if stem in BASE:
            return "base"
        if stem.startswith("connection"):
            return "connection"
        if stem == "registry":
            return "registry"
        return None
    return parts[0] if parts[0] in LAYERS else None


def resolve(including, target, root):
    """The layer-relative path of an include, or None when it is not a tlslab header."""
    if target.startswith("tlslab/"):
        return target[len("tlslab/"):], False
    if target.startswith("src/"):
        return target[len("src/"):], True
    # Relative to the including file ("machines.hpp", "../pki/x").
    full = (including.parent / target).resolve()
    try:
        return str(full.relative_to((root / "src").resolve())), True
    except ValueError:
        return None, False


def main():
    root = Path(sys.argv[1])
    problems = []
    checked = 0
    for top, internal_ok in ((root / "include/tlslab", False), (root / "src", True)):
        for f in sorted(top.rglob("*")):
            if f.suffix not in (".hpp", ".cpp"):
                continue
            own = layer_of(str(f.relative_to(top)))
            if own is None:
                problems.append(f"{f.relative_to(root)}: in no layer")
                continue
            for number, line in enumerate(f.read_text().splitlines(), 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                rel, internal = resolve(f, m.group(1), root)
                if rel is None:
                    continue
                checked += 1
                where = f"{f.relative_to(root)}:{number}: {m.group(1)}"
                if internal and not internal_ok:
                    problems.append(f"{where}: an installed header includes an internal one")
                target = layer_of(rel)
                if target is None:
                    problems.append(f"{where}: in no layer")
                elif LAYERS.index(target) > LAYERS.index(own):
                    problems.append(f"{where}: {own} includes {target}, which is above it")
    for p in problems:
        print(p)
    print(f"{checked} includes checked, {len(problems)} pointing up or outside the layers")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

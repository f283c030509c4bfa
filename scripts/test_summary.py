#!/usr/bin/env python3
"""Counts test cases across meson test logs and prints the closing line "N passed, M failed".

For doctest executables the count is their test cases (from doctest's own summary line); any
other meson test counts as one. A meson test that failed without doctest reporting a failed case
(a crash, a timeout) counts as one more failure.
"""
import json
import re
import sys
from pathlib import Path

DOCTEST = re.compile(r"\[doctest\] test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed"
                     r"(?:\s*\|\s*(\d+) skipped)?")


def main(dirs):
    passed = failed = skipped = 0
    if not dirs:
        print("no build was tested")
    for d in dirs:
        log = Path(d) / "meson-logs" / "testlog.json"
        if not log.exists():
            print(f"{d}: no test log")
            failed += 1
            continue
        for line in log.read_text().splitlines():
            entry = json.loads(line)
            name, result = entry["name"], entry["result"]
            ok = result in ("OK", "EXPECTEDFAIL")
            if result == "SKIP":
                skipped += 1
                print(f"{d:20} {name:28} skipped")
                continue
            m = DOCTEST.search(entry.get("stdout") or "")
            if m:
                p, f = int(m.group(2)), int(m.group(3))
                s = int(m.group(4) or 0)
                if not ok and f == 0:
                    f = 1
                passed, failed, skipped = passed + p, failed + f, skipped + s
                print(f"{d:20} {name:28} {p} passed, {f} failed")
            else:
                passed += ok
                failed += not ok
                print(f"{d:20} {name:28} {result}")
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 1 if failed or not dirs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

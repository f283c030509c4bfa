#!/usr/bin/env python3
"""Turns run.sh outputs of the tlsfuzzer harness into the Markdown table of docs/conformance.md:
one row per entry of the list, its result in each mode, and for an entry that does not pass,
the tlslab policy behind it.

Usage: tlsfuzzer_table.py [--list scripts.list] MODE=RESULT_FILE...
(a mode given twice: the later file wins, and a result that differs between them is marked)
"""
import re
import sys
from pathlib import Path

MODES = ["noauth", "clientauth", "clientauth-required"]

NO_SIGALGS = ("RFC 9155 §3: these probes send no signature_algorithms, and a TLS 1.2 server then "
              "must either sign with SHA-1 or abort; tlslab refuses SHA-1 handshake signatures "
              "and aborts with handshake_failure (what tlsfuzzer's own "
              "test-sig-algs-renegotiation-resumption.py expects)")
POLICY = {
    "test-unsupported-curve-fallback.py": NO_SIGALGS,
    "test-ffdhe-negotiation.py": NO_SIGALGS + "; run by hand with `-S \"sha256+rsa "
                                 "rsa_pss_rsae_sha256\"` (signature_algorithms sent) all 41 "
                                 "probes pass",
    "test-clienthello-md5.py": NO_SIGALGS + " (the 'sanity' probes)",
    "test-invalid-server-name-extension-resumption.py":
        NO_SIGALGS + "; its 'session resume with different SNI' probe also expects no alert for "
        "an unknown name, where test-invalid-server-name-extension.py expects the warning "
        "unrecognized_name tlslab sends",
}
TAG_POLICY = {
    "reneg": "renegotiation is refused (no_renegotiation alert; RFC 5746 secure renegotiation "
             "is not implemented)",
    "sha1": "needs SHA-1 signatures, which tlslab refuses (RFC 9155); where the list has a "
            "no-sha1 twin, that one runs",
}


def parse_list(path):
    entries = {}
    for n, line in enumerate(Path(path).read_text().splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        modes, tags, rest = line.split(None, 2)
        entries[n] = (modes, tags, rest)
    return entries


def parse_result(path):
    out = {}
    for line in Path(path).read_text().splitlines():
        m = re.match(r"(PASS|FAIL|SKIP)\s+L(\d+)\s", line)
        if not m:
            continue
        status, n = m.group(1), int(m.group(2))
        detail = ""
        if status == "FAIL":
            f = re.search(r"failed: (.*)$", line)
            detail = f.group(1) if f else ""
        elif status == "SKIP":
            t = re.search(r"\((.*)\)\s*$", line)
            detail = t.group(1) if t else ""
        counts = re.search(r"total=(\d+) pass=(\d+) fail=(\d+)", line)
        out[n] = (status, detail, counts.groups() if counts else None)
    return out


def main(argv):
    list_path = "../shared/conformance/tlsfuzzer/scripts.list"
    if argv and argv[0] == "--list":
        list_path, argv = argv[1], argv[2:]
    entries = parse_list(list_path)
    results = {m: {} for m in MODES}
    unstable = set()
    for arg in argv:
        mode, path = arg.split("=", 1)
        new = parse_result(path)
        for n, r in new.items():
            old = results[mode].get(n)
            if old is not None and old[0] != r[0]:
                unstable.add((mode, n))
            results[mode][n] = r
    print("| line | entry | " + " | ".join(MODES) + " | note |")
    print("|---:|---|" + "---|" * len(MODES) + "---|")
    for n, (modes, tags, rest) in sorted(entries.items()):
        cells, notes = [], []
        script = rest.split()[0]
        for mode in MODES:
            r = results[mode].get(n)
            if r is None:
                cells.append("")
                continue
            status, detail, counts = r
            cell = status.lower()
            if counts and status == "FAIL":
                cell += f" ({counts[1]} of {counts[0]} probes pass)"
            if (mode, n) in unstable:
                cell += " (differed between rounds)"
            cells.append(cell)
            if status == "FAIL" and script in POLICY and POLICY[script] not in notes:
                notes.append(POLICY[script])
            elif status == "FAIL" and script not in POLICY and f"failed: {detail}" not in notes:
                notes.append(f"failed: {detail}")
            elif status == "SKIP":
                for tag in tags.split(","):
                    if tag in TAG_POLICY and TAG_POLICY[tag] not in notes and "tag skipped" in detail:
                        notes.append(TAG_POLICY[tag])
                        break
                else:
                    if "tag skipped" not in detail and detail not in notes:
                        notes.append(detail)
        if not any(cells):
            continue
        entry = rest.replace("|", "\\|")
        if len(entry) > 90:
            entry = entry[:87] + "..."
        print(f"| {n} | `{entry}` | " + " | ".join(cells) + " | " + "; ".join(notes) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])

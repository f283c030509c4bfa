#!/usr/bin/env python3
"""Checks of `tlslab demo`: the handshake it prints, --json, --deterministic, --keylog and
$SSLKEYLOGFILE, --resume; one check per meson test.

Usage: demo_checks.py TLSLAB_EXE SOURCE_DIR CHECK
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def run(exe, args, env=None):
    p = subprocess.run([exe, "demo", *args], capture_output=True, timeout=120, env=env)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def events(out):
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def client_randoms(evs):
    """The client_random of every ClientHello the client sent (hex), from the message bytes."""
    out = []
    for e in evs:
        if e.get("event") == "message" and e.get("name") == "ClientHello" and \
                e.get("direction") == "sent":
            out.append(e["hex"][12:76])  # type(1) length(3) version(2), then 32 bytes
    return out


def check_text(exe, source):
    rc, out, err = run(exe, [])
    expect(rc == 0, f"exit {rc}: {err}")
    for needle in ["-> ClientHello", "<- Certificate", "-> CertificateVerify",
                   "state ExpectFinished -> Traffic", "received application data",
                   "full handshake complete: TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"]:
        expect(needle in out, f"missing {needle!r}")


def check_deterministic(exe, source):
    a = run(exe, ["--deterministic", "--json"])
    b = run(exe, ["--deterministic", "--json"])
    expect(a[0] == 0 and b[0] == 0, a[2] + b[2])
    expect(a[1] == b[1], "two --deterministic runs differ")
    c = run(exe, ["--json"])
    expect(c[1] != a[1], "a run without --deterministic equals the deterministic one")


def check_keylog(exe, source):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "keys.log"
        rc, out, err = run(exe, ["--json", "--keylog", str(path), "--resume", "ticket"])
        expect(rc == 0, err)
        lines = path.read_text().splitlines()
        expect(len(lines) == 2, f"expected two lines, got {lines}")
        pattern = re.compile(r"^CLIENT_RANDOM ([0-9a-f]{64}) ([0-9a-f]{96})$")
        parsed = [pattern.match(l) for l in lines]
        expect(all(parsed), f"not in the NSS format: {lines}")
        randoms = client_randoms(events(out))
        expect([m.group(1) for m in parsed] == randoms,
               f"key log randoms {lines} != ClientHello randoms {randoms}")
        # A resumed session keeps its master secret.
        expect(parsed[0].group(2) == parsed[1].group(2), "resumption changed the master secret")
        secrets = [e for e in events(out) if e.get("event") == "secret" and
                   e.get("side") == "client" and e.get("label") == "extended_master_secret"]
        expect(secrets and secrets[0]["hex"] == parsed[0].group(2),
               f"the key log's master secret is not the one derived: {secrets[:1]}")

        # $SSLKEYLOGFILE when no --keylog; lines are appended.
        env = dict(os.environ, SSLKEYLOGFILE=str(path))
        rc, out, err = run(exe, [], env=env)
        expect(rc == 0, err)
        expect(len(path.read_text().splitlines()) == 3, "SSLKEYLOGFILE was not appended to")

        rc, out, err = run(exe, ["--keylog", str(Path(tmp) / "no/such/dir/k.log")])
        expect(rc == 1 and "cannot open the key log file" in err, f"exit {rc}: {err}")


def check_resume(exe, source):
    for how, server_says in [("ticket", "resumed by ticket"),
                             ("session-id", "resumed by SessionID")]:
        rc, out, err = run(exe, ["--json", "--resume", how])
        expect(rc == 0, err)
        evs = events(out)
        summaries = [e["text"] for e in evs if e.get("event") == "summary"]
        expect(len(summaries) == 2 and summaries[0].startswith("full handshake") and
               summaries[1].startswith("resumed handshake") and
               "client certificate CN=demo client" in summaries[1], summaries)
        expect(any(e.get("event") == "negotiated" and e.get("value") == server_says for e in evs),
               f"no {server_says!r}")
        # The second connection sends no Certificate at all.
        second = evs[[i for i, e in enumerate(evs) if e.get("event") == "resume"][0]:]
        names = [e["name"] for e in second if e.get("event") == "message"]
        expect("Certificate" not in names and "ClientKeyExchange" not in names, names)


def check_usage(exe, source):
    rc, out, err = run(exe, ["--resume", "sometimes"])
    expect(rc == 2, f"exit {rc}")
    rc, out, err = run(exe, ["--suite", "TLS_NOT_A_SUITE"])
    expect(rc == 2 and "unknown or unimplemented cipher suite" in err, f"exit {rc}: {err}")


if __name__ == "__main__":
    exe, source, check = sys.argv[1], sys.argv[2], sys.argv[3]
    globals()["check_" + check](exe, source)
    print(f"demo {check}: ok")

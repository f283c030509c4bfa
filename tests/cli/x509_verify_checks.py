#!/usr/bin/env python3
"""Checks of `tlslab x509 verify` on tests/data/pki-path (made by its make.sh) and the captured
test PKI; one check per meson test.

Usage: x509_verify_checks.py TLSLAB_EXE SOURCE_DIR CHECK
"""
import subprocess
import sys
import tempfile
from pathlib import Path

AT = "2027-01-01T00:00:00Z"


def run(exe, args):
    p = subprocess.run([exe, "x509", "verify", *args], capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def d(source, name):
    return str(Path(source) / "tests/data/pki-path" / f"{name}.pem")


def check_valid_chain(exe, source):
    rc, out, err = run(exe, ["--ca", d(source, "root"), "--untrusted", d(source, "untrusted"),
                             "--purpose", "server", "--hostname", "www.example.com", "--at", AT,
                             d(source, "leaf")])
    expect(rc == 0, f"exit {rc}: {out}{err}")
    expect(": OK" in out, out)
    expect("depth 0: CN=leaf,O=tlslab path" in out and "depth 1: CN=inter,O=tlslab path" in out
           and "depth 2: CN=root,O=tlslab path" in out, out)


def check_invalid(exe, source):
    cases = [
        (["--purpose", "server"], "leaf-noca", "but is not a CA", "unknown_ca"),
        (["--purpose", "server"], "leaf-pathlen", "pathLenConstraint 0 exceeded", "unknown_ca"),
        (["--purpose", "server"], "leaf-clientauth", "lacks serverAuth", "unsupported_certificate"),
        (["--purpose", "server"], "leaf-critical", "unhandled critical extension",
         "unsupported_certificate"),
        (["--purpose", "server"], "leaf-nc-outside", "outside the permitted subtree",
         "bad_certificate"),
        (["--hostname", "a.b.example.com"], "leaf", "does not match host name", "bad_certificate"),
        (["--ip", "127.0.0.2"], "leaf", "does not match host name \"127.0.0.2\"", "bad_certificate"),
    ]
    for extra, name, reason, alert in cases:
        rc, out, err = run(exe, ["--ca", d(source, "root"), "--untrusted", d(source, "untrusted"),
                                 "--at", AT, *extra, d(source, name)])
        expect(rc == 1, f"{name}: exit {rc}: {out}{err}")
        expect("FAILED" in out and reason in out, f"{name}: {out}")
        expect(f"alert: {alert}" in out, f"{name}: {out}")
        expect("chain tried:" in out and "depth 0: CN=" + name in out, f"{name}: {out}")


def check_unknown_ca_and_time(exe, source):
    rc, out, _ = run(exe, ["--ca", d(source, "root"), "--at", AT, d(source, "leaf")])
    expect(rc == 1 and "alert: unknown_ca" in out and "is neither a trust anchor" in out, out)
    # Seconds since the epoch; far future: expired.
    rc, out, _ = run(exe, ["--ca", d(source, "root"), "--untrusted", d(source, "untrusted"),
                           "--at", "4102444800", d(source, "leaf")])
    expect(rc == 1 and "alert: certificate_expired" in out and "expired: notAfter" in out, out)
    rc, out, _ = run(exe, ["--ca", d(source, "root"), "--untrusted", d(source, "untrusted"),
                           "--at", "2020-01-01T00:00:00Z", d(source, "leaf")])
    expect(rc == 1 and "not yet valid" in out, out)
    # RFC 3339 forms (issue 13 item 6): notAfter is 2036-11-24T10:07:34Z and inclusive; a
    # fraction is floored, so .999 of that second is still valid and the next second is not;
    # offsets are applied.
    chain = ["--ca", d(source, "root"), "--untrusted", d(source, "untrusted")]
    for at, valid in [("2036-11-24T10:07:34.999Z", True), ("2036-11-24T10:07:35Z", False),
                      ("2036-11-24t10:07:34.5z", True), ("2036-11-24T12:07:34.9+02:00", True),
                      ("2036-11-24T12:07:35+02:00", False), ("2036-11-24T09:07:35-01:00", False)]:
        rc, out, _ = run(exe, [*chain, "--at", at, d(source, "leaf")])
        expect(rc == (0 if valid else 1), f"--at {at}: exit {rc}: {out}")
        if not valid:
            expect("alert: certificate_expired" in out, f"--at {at}: {out}")
    for bad in ["2036-11-24T10:07:34.Z", "2036-11-24T10:07:34", "2036-11-24T10:07:34+0200",
                "2036-11-24 10:07:34Z", "2036-11-24T10:07:34Zjunk"]:
        rc, _, err = run(exe, [*chain, "--at", bad, d(source, "leaf")])
        expect(rc == 2 and "RFC 3339" in err, f"--at {bad}: exit {rc}: {err}")


def check_captured_pki(exe, source):
    pki = Path(source) / "tests/data/captures/pki"
    for k in ("rsa", "p256", "p384", "ed25519"):
        for extra in (["--hostname", "localhost"], ["--ip", "127.0.0.1"]):
            rc, out, err = run(exe, ["--ca", str(pki / "ca.pem"), "--purpose", "server", *extra,
                                     "--at", AT, str(pki / f"server-{k}.pem")])
            expect(rc == 0, f"server-{k} {extra}: {out}{err}")
        rc, out, err = run(exe, ["--ca", str(pki / "ca.pem"), "--purpose", "client", "--at", AT,
                                 str(pki / f"client-{k}.pem")])
        expect(rc == 0, f"client-{k}: {out}{err}")
        rc, out, _ = run(exe, ["--ca", str(pki / "ca.pem"), "--purpose", "client", "--at", AT,
                               str(pki / f"server-{k}.pem")])
        expect(rc == 1, f"server-{k} as client: {out}")


def check_usage(exe, source):
    leaf = d(source, "leaf")
    for args in ([leaf], ["--ca", d(source, "root")],
                 ["--ca", d(source, "root"), "--purpose", "email", leaf],
                 ["--ca", d(source, "root"), "--at", "yesterday", leaf],
                 ["--ca", d(source, "root"), "--ip", "not-an-ip", leaf],
                 ["--ca", d(source, "root"), "--hostname", "a", "--ip", "127.0.0.1", leaf],
                 ["--ca", d(source, "missing"), leaf]):
        rc, out, err = run(exe, args)
        expect(rc == 2, f"{args}: exit {rc}: {out}{err}")


def check_malformed(exe, source):
    with tempfile.TemporaryDirectory() as tmp:
        bad = Path(tmp) / "bad.pem"
        bad.write_text("-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n")
        rc, out, err = run(exe, ["--ca", d(source, "root"), str(bad)])
        expect(rc == 4 and "malformed" in err, f"exit {rc}: {out}{err}")
        rc, out, err = run(exe, ["--ca", str(bad), d(source, "leaf")])
        expect(rc == 4, f"exit {rc}: {out}{err}")


def main():
    exe, source, check = sys.argv[1:4]
    globals()["check_" + check](exe, source)


if __name__ == "__main__":
    main()

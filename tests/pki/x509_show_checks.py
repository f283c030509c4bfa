#!/usr/bin/env python3
"""Checks of `tlslab x509 show` against what openssl said about the test certificates
(tests/data/pki/certs/NAME.expect and NAME.txt); one check per meson test.

Usage: x509_show_checks.py TLSLAB_EXE SOURCE_DIR CHECK
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def run(exe, *args):
    p = subprocess.run([exe, "x509", *args], capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def certs(source):
    return sorted((Path(source) / "tests/data/pki/certs").glob("*.expect"))


def read_expect(path):
    out = {}
    for line in path.read_text().splitlines():
        key, _, value = line.partition("=")
        out[key] = value
    return out


def check_text(exe, source):
    for e in certs(source):
        pem = e.with_suffix(".pem")
        rc, out, err = run(exe, "show", str(pem))
        expect(rc == 0, f"{pem.name}: exit {rc}: {err}")
        # openssl's -text output, line for line, then the two fingerprints.
        openssl = e.with_suffix(".txt").read_text()
        expect(out.startswith(openssl), f"{pem.name}: text differs from openssl x509 -text")
        want = read_expect(e)
        expect(f"SHA256 Fingerprint={want['sha256']}\n" in out, f"{pem.name}: fingerprint")


def check_json(exe, source):
    for e in certs(source):
        want = read_expect(e)
        der = e.with_suffix(".der")
        rc, out, err = run(exe, "show", "--json", str(der))
        expect(rc == 0, f"{der.name}: exit {rc}: {err}")
        doc = json.loads(out)
        expect(len(doc["certificates"]) == 1, f"{der.name}: one certificate")
        c = doc["certificates"][0]
        expect(c["sha256"] == want["sha256"].replace(":", "").lower(), f"{der.name}: sha256")
        expect(c["spki_sha256"] == want["spki_sha256"], f"{der.name}: spki_sha256")
        expect(c["subject"] == want["subject"], f"{der.name}: subject {c['subject']}")
        expect(c["issuer"] == want["issuer"], f"{der.name}: issuer")
        expect(str(c["not_after_epoch"]) == want["not_after_epoch"], f"{der.name}: notAfter")
        expect(str(c["version"]) == want["version"], f"{der.name}: version")


def check_chain(exe, source):
    chain = Path(source) / "tests/data/pki/certs/chain-junk.pem"
    rc, out, err = run(exe, "show", "--json", str(chain))
    expect(rc == 0, f"exit {rc}: {err}")
    subjects = [c["subject"] for c in json.loads(out)["certificates"]]
    expect(subjects == ["CN=www.example.com,OU=servers,O=tlslab test,C=DE",
                        "CN=tlslab Test Constrained Intermediate,O=tlslab test,C=DE",
                        "CN=tlslab Test Root CA,OU=PKI,O=tlslab test,C=DE"], f"{subjects}")
    rc, out, _ = run(exe, "show", str(chain))
    expect(rc == 0 and out.count("Certificate:\n") == 3 and "# certificate 3 of 3" in out,
           "three certificates in the text")


def check_malformed(exe, source):
    certs_dir = Path(source) / "tests/data/pki/certs"
    with tempfile.TemporaryDirectory() as tmp:
        truncated = Path(tmp) / "truncated.der"
        truncated.write_bytes((certs_dir / "leaf-p256.der").read_bytes()[:-10])
        rc, _, err = run(exe, "show", str(truncated))
        expect(rc == 4, f"truncated: exit {rc}")
        expect("Certificate" in err and "exceeds" in err, f"truncated: {err}")
        bad_pem = Path(tmp) / "bad.pem"
        bad_pem.write_text("-----BEGIN CERTIFICATE-----\nMII*\n-----END CERTIFICATE-----\n")
        rc, out, err = run(exe, "show", "--json", str(bad_pem))
        expect(rc == 4, f"bad base64: exit {rc}")
        expect("PEM block \"CERTIFICATE\"" in err and "not a base64 character" in err, err)
        expect("error" in json.loads(out), "JSON error document")
        key = Path(source) / "tests/data/pki/keys/p256.pk8.pem"
        rc, _, err = run(exe, "show", str(key))
        expect(rc == 4 and "no CERTIFICATE block" in err, f"key file: {rc} {err}")


def check_usage(exe, source):
    rc, _, _ = run(exe, "show")
    expect(rc == 2, f"no file: exit {rc}")
    rc, _, err = run(exe, "show", "/nonexistent/cert.pem")
    expect(rc == 2, f"missing file: exit {rc}")
    rc, _, _ = run(exe)
    expect(rc == 2, f"x509 alone: exit {rc}")
    rc, _, _ = run(exe, "show", "--bogus", "x")
    expect(rc == 2, f"unknown option: exit {rc}")


def main():
    exe, source, check = sys.argv[1:4]
    globals()["check_" + check](exe, source)


if __name__ == "__main__":
    main()

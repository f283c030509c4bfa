#!/usr/bin/env python3
"""Checks of `tlslab x509 verify` on tests/data/pki-path (made by its make.sh) and the captured
test PKI; one check per meson test.

Usage: x509_verify_checks.py TLSLAB_EXE SOURCE_DIR CHECK
"""
import calendar
import subprocess
import sys
import time
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
    # RFC 3339 forms (issue 13 item 6): the chain's first notAfter (read with openssl) is
    # inclusive; a fraction is floored, so .999 of that second is still valid and the next
    # second is not; offsets are applied.
    def end_of(name):
        end = subprocess.run(["openssl", "x509", "-noout", "-enddate", "-in", d(source, name)],
                             capture_output=True, text=True, check=True).stdout.strip()
        return calendar.timegm(time.strptime(end.split("=", 1)[1], "%b %d %H:%M:%S %Y GMT"))
    not_after = min(end_of(n) for n in ("leaf", "inter", "root"))

    def at(seconds, fraction="", offset_hours=0):
        t = time.gmtime(seconds + offset_hours * 3600)
        zone = "Z" if offset_hours == 0 else f"{offset_hours:+03d}:00"
        return time.strftime("%Y-%m-%dT%H:%M:%S", t) + fraction + zone

    chain = ["--ca", d(source, "root"), "--untrusted", d(source, "untrusted")]
    for when, valid in [(at(not_after, ".999"), True), (at(not_after + 1), False),
                        (at(not_after, ".5").replace("T", "t").replace("Z", "z"), True),
                        (at(not_after, ".9", 2), True), (at(not_after + 1, "", 2), False),
                        (at(not_after + 1, "", -1), False)]:
        rc, out, _ = run(exe, [*chain, "--at", when, d(source, "leaf")])
        expect(rc == (0 if valid else 1), f"--at {when}: exit {rc}: {out}")
        if not valid:
            expect("alert: certificate_expired" in out, f"--at {when}: {out}")
    for bad in ["2036-11-24T10:07:34.Z", "2036-11-24T10:07:34", "2036-11-24T10:07:34+0200",
                "2036-11-24 10:07:34Z", "2036-11-24T10:07:34Zjunk"]:
        rc, _, err = run(exe, [*chain, "--at", bad, d(source, "leaf")])
        expect(rc == 2 and "RFC 3339" in err, f"--at {bad}: exit {rc}: {err}")


def check_signature_policy(exe, source):
    """Issue 13 item 4: SHA-1 and MD5 signatures and RSA keys under 2048 bits are refused by
    default (openssl verify accepts all four, verify.txt); --allow-sha1 accepts SHA-1 only."""
    chain = ["--ca", d(source, "root"), "--untrusted", d(source, "untrusted"), "--at", AT,
             "--purpose", "server"]
    cases = [("leaf-sha1", "signed with SHA-1 (sha1WithRSAEncryption)", "bad_certificate"),
             ("leaf-md5", "signature algorithm md5WithRSAEncryption is not accepted",
              "unsupported_certificate"),
             ("leaf-rsa1024", "RSA key of 1024 bits, under the 2048", "bad_certificate"),
             ("leaf-under-rsa1024", "\"CN=inter-rsa1024,O=tlslab path\": RSA key of 1024 bits",
              "bad_certificate")]
    verdicts = dict(line.split("=", 1) for line in
                    (Path(source) / "tests/data/pki-path/verify.txt").read_text().splitlines())
    for name, reason, alert in cases:
        expect(verdicts[name] == "OK", f"openssl's verdict on {name}: {verdicts[name]}")
        rc, out, err = run(exe, [*chain, d(source, name)])
        expect(rc == 1 and reason in out and f"alert: {alert}" in out, f"{name}: {out}{err}")
    rc, out, err = run(exe, [*chain, "--allow-sha1", d(source, "leaf-sha1")])
    expect(rc == 0, f"leaf-sha1 --allow-sha1: {out}{err}")
    rc, out, _ = run(exe, [*chain, "--allow-sha1", d(source, "leaf-md5")])
    expect(rc == 1 and "md5WithRSAEncryption" in out, f"leaf-md5 --allow-sha1: {out}")


def check_host_names(exe, source):
    """Issue 13 item 1: a host name matches the subjectAltName only; the CN never (openssl
    verify -verify_hostname matches it, verify.txt)."""
    chain = ["--ca", d(source, "root"), "--untrusted", d(source, "untrusted"), "--at", AT]
    verdicts = dict(line.split("=", 1) for line in
                    (Path(source) / "tests/data/pki-path/verify.txt").read_text().splitlines())
    expect(verdicts["leaf-cn-only"] == "OK", verdicts["leaf-cn-only"])
    rc, out, _ = run(exe, [*chain, "--hostname", "leaf-cn-only", d(source, "leaf-cn-only")])
    expect(rc == 1 and "alert: bad_certificate" in out and
           "(presented: no DNS/IP subjectAltName; the subject's CN is never used" in out, out)
    rc, out, _ = run(exe, [*chain, "--purpose", "server", d(source, "leaf-cn-only")])
    expect(rc == 0, f"without a host name: {out}")
    for host, ok in [("localhost", True), ("x.example.com", True), ("example.com", False),
                     ("x.y.example.com", False), ("LOCALHOST.", True)]:
        rc, out, _ = run(exe, [*chain, "--hostname", host, d(source, "leaf")])
        expect(rc == (0 if ok else 1), f"{host}: {out}")
    rc, out, err = run(exe, ["--help"])
    expect(rc == 0 and "never the subject CN" in out + err, f"--help: {out}{err}")


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

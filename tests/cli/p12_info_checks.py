#!/usr/bin/env python3
"""Checks of `tlslab p12 info` on tests/data/pkcs12 (made by its make.sh, whose manifest.json
holds openssl's view of each file); one check per meson test.

Usage: p12_info_checks.py TLSLAB_EXE SOURCE_DIR CHECK
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def run(exe, args, env=None):
    p = subprocess.run([exe, "p12", "info", *args], capture_output=True, timeout=120,
                       stdin=subprocess.DEVNULL, env=dict(os.environ, **(env or {})))
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def data(source):
    return Path(source) / "tests/data/pkcs12"


def manifest(source):
    return json.loads((data(source) / "manifest.json").read_text(encoding="utf-8"))["files"]


def password_args(entry):
    if entry["password"] is None:
        return ["--no-password"], None
    return ["--password-env", "P12_TEST_PW"], {"P12_TEST_PW": entry["password"]}


def check_json(exe, source):
    """Every file: the chain (subjects and SHA-256) and the key's SPKI hash equal openssl's."""
    for name, entry in manifest(source).items():
        args, env = password_args(entry)
        rc, out, err = run(exe, [*args, "--json", str(data(source) / f"{name}.p12")], env)
        expect(rc == 0, f"{name}: exit {rc}: {err}")
        doc = json.loads(out)
        expect([c["sha256"] for c in doc["chain"]] == [c["sha256"] for c in entry["chain"]],
               f"{name}: chain {doc['chain']} != {entry['chain']}")
        expect([c["subject"] for c in doc["chain"]] == [c["subject"] for c in entry["chain"]],
               f"{name}: subjects")
        expect(sorted(c["sha256"] for c in doc["extras"]) == sorted(entry["extra_sha256"]),
               f"{name}: extras")
        expect(len(doc["keys"]) == 1 and doc["keys"][0]["spki_sha256"] == entry["spki_sha256"],
               f"{name}: key {doc['keys']}")
        expect(doc["keys"][0]["type"] in ("RSA", "EC P-256", "EC P-384", "Ed25519"),
               f"{name}: key type {doc['keys'][0]['type']}")
        expect(doc["mac_verified"] == (doc["mac"] is not None), f"{name}: mac")


def check_text(exe, source):
    entry = manifest(source)["ossl3-legacy-rsa"]
    rc, out, err = run(exe, ["--password-env", "PW", str(data(source) / "ossl3-legacy-rsa.p12")],
                       {"PW": entry["password"]})
    expect(rc == 0, f"exit {rc}: {err}")
    for text in ("MAC: HMAC-SHA-1, PKCS#12 KDF, 2048 iterations, salt 8 bytes (verified)",
                 "AuthenticatedSafe[0]: encryptedData, pbeWithSHA1And40BitRC2-CBC, 2048 iterations",
                 "AuthenticatedSafe[1]: data",
                 "SafeBag[0]: pkcs8ShroudedKeyBag, pbeWithSHA1And3-KeyTripleDES-CBC",
                 "friendlyName: leaf rsa", "localKeyID: ", "key: RSA, 2048 bits",
                 "SPKI SHA-256 " + entry["spki_sha256"],
                 "SHA-256 fingerprint: " + entry["chain"][0]["sha256"],
                 "[0] subject=" + entry["chain"][0]["subject"],
                 "[2] subject=" + entry["chain"][2]["subject"]):
        expect(text in out, f"missing {text!r} in:\n{out}")
    rc, out, err = run(exe, ["--no-password", str(data(source) / "ossl3-nomac-plain.p12")])
    expect(rc == 0 and "MAC: none (no integrity check)" in out, f"exit {rc}: {out}{err}")
    rc, out, err = run(exe, ["--password-env", "PW", str(data(source) / "pbmac1-sha256.p12")],
                       {"PW": entry["password"]})
    expect(rc == 0 and "MAC: PBMAC1 HMAC-SHA-256, PBKDF2 hmacWithSHA256, key 32 bytes" in out,
           f"exit {rc}: {out}{err}")


def check_password_sources(exe, source):
    entry = manifest(source)["ossl3-nonascii"]
    f = str(data(source) / "ossl3-nonascii.p12")
    with tempfile.TemporaryDirectory() as tmp:
        pw = Path(tmp) / "pw"
        pw.write_text(entry["password"] + "\nsecond line ignored\n", encoding="utf-8")
        rc, out, err = run(exe, ["--password-file", str(pw), f])
        expect(rc == 0, f"file: exit {rc}: {err}")
        pw.write_text(entry["password"] + "\r\n", encoding="utf-8")
        rc, out, err = run(exe, ["--password-file", str(pw), f])
        expect(rc == 0, f"file with CRLF: exit {rc}: {err}")
    rc, out, err = run(exe, ["--password-env", "P", f], {"P": entry["password"]})
    expect(rc == 0, f"env: exit {rc}: {err}")
    # Empty password files: openssl's order (absent, then 00 00).
    for name in ("ossl3-empty-password", "gnutls-null-password", "gnutls-empty-password"):
        rc, out, err = run(exe, ["--password-env", "P", str(data(source) / f"{name}.p12")],
                           {"P": ""})
        expect(rc == 0, f"{name}: exit {rc}: {err}")


def check_exit_codes(exe, source):
    f = str(data(source) / "ossl3-default-p256.p12")
    rc, out, err = run(exe, ["--password-env", "P", f], {"P": "wrong"})
    expect(rc == 3 and "wrong password" in err and "MAC verification failed" in err,
           f"wrong: exit {rc}: {err}")
    rc, out, err = run(exe, ["--password-env", "P", "--json", f], {"P": "wrong"})
    expect(rc == 3 and json.loads(out)["error"]["kind"] == "wrong password", f"json: {out}")
    # Usage: no password source and stdin not a terminal; two sources; unset variable; no file.
    for args, env in (([f], None), (["--no-password", "--password-env", "P", f], {"P": "x"}),
                      (["--password-env", "TLSLAB_P12_UNSET_VARIABLE", f], None),
                      (["--password-file", "/nonexistent/pw", f], None),
                      (["--no-password", str(data(source) / "missing.p12")], None), ([], None)):
        rc, out, err = run(exe, args, env)
        expect(rc == 2, f"{args}: exit {rc}: {out}{err}")
    with tempfile.TemporaryDirectory() as tmp:
        whole = (data(source) / "ossl3-default-p256.p12").read_bytes()
        bad = Path(tmp) / "bad.p12"
        bad.write_bytes(whole[: len(whole) // 2])
        rc, out, err = run(exe, ["--password-env", "P", str(bad)], {"P": "x"})
        expect(rc == 4 and "malformed" in err and "PKCS#12.PFX" in err, f"exit {rc}: {err}")
        # signedData integrity mode: unsupported, also 4, naming the layer.
        bad.write_bytes(bytes.fromhex("3014020103300f06092a864886f70d010702a0023000"))
        rc, out, err = run(exe, ["--no-password", str(bad)])
        expect(rc == 4 and "unsupported" in err and "authSafe.contentType" in err,
               f"exit {rc}: {err}")
    rc, out, err = run(exe, ["--password-env", "P", str(data(source) / "hostile-pbmac1-keylen.p12")],
                       {"P": "x"})
    expect(rc == 4 and "PBMAC1 key length 2147483647 exceeds the limit" in err, f"exit {rc}: {err}")


def main():
    exe, source, check = sys.argv[1:4]
    globals()["check_" + check](exe, source)


if __name__ == "__main__":
    main()

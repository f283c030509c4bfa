#!/usr/bin/env python3
"""Checks of `tlslab replay` (issue 7) on the committed vectors of tests/data/captures; one check
per meson test.

Usage: replay_checks.py TLSLAB_EXE SOURCE_DIR CHECK
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def run(exe, args):
    p = subprocess.run([exe, "replay", *args], capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def vectors(source):
    paths = sorted((Path(source) / "tests/data/captures").glob("*.json"))
    expect(len(paths) >= 8, f"only {len(paths)} vectors")
    return paths


def check_all_green(exe, source):
    for path in vectors(source):
        rc, out, err = run(exe, [str(path)])
        expect(rc == 0, f"{path.stem}: exit {rc}: {err}")
        expect(f"{path.stem}: replays green" in out, f"{path.stem}: no summary: {out[-300:]}")
        # The trace: every record, and each message as its annotated tree.
        expect("record 0 (client, handshake)" in out, f"{path.stem}: no record line")
        expect("ClientHello" in out and "client_version = 0x0303  TLS 1.2" in out,
               f"{path.stem}: no ClientHello tree")
        expect("client Finished verified" in out, f"{path.stem}: client Finished not verified")
        # A handshake that ends in the server's alert has no server Finished.
        if "alert" not in json.loads(path.read_text())["expect"]:
            expect("server Finished verified" in out, f"{path.stem}: server Finished not verified")
        rc, out, _ = run(exe, ["--quiet", str(path)])
        expect(rc == 0 and out.count("\n") == 1, f"{path.stem}: --quiet printed {out!r}")


def check_json(exe, source):
    path = Path(source) / "tests/data/captures/openssl-ecdhe-ecdsa-aes128gcm-mtls.json"
    rc, out, err = run(exe, ["--json", str(path)])
    expect(rc == 0, f"exit {rc}: {err}")
    doc = json.loads(out)
    expect(doc["ok"] is True and "divergence" not in doc, "not ok")
    expect(doc["suite"] == "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", doc.get("suite"))
    expect(doc["finished_verified"] == 2, "finished")
    expect(doc["server_key_exchange_verified"] and doc["certificate_verify_verified"], "signatures")
    records = doc["records"]
    vector = json.loads(path.read_text())
    expect(len(records) == sum(len(f["records"]) for f in vector["flights"]), "record count")
    expect(records[0]["messages"][0]["name"] == "ClientHello", records[0]["messages"][0]["name"])


def mutated(source, name, change):
    doc = json.loads((Path(source) / "tests/data/captures" / f"{name}.json").read_text())
    change(doc)
    tmp = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    tmp.write(json.dumps(doc))
    tmp.close()
    return tmp.name


def check_divergence(exe, source):
    # The server's Finished, the last byte of its ciphertext flipped.
    def flip_server_finished(doc):
        flight = doc["flights"][3]
        expect(flight["direction"] == "server", "flight 3 is not the server's")
        ccs = next(i for i, r in enumerate(flight["records"]) if r.startswith("14"))
        rec = bytearray.fromhex(flight["records"][ccs + 1])
        rec[-1] ^= 1
        flight["records"][ccs + 1] = rec.hex()
        doc["_index"] = sum(len(f["records"]) for f in doc["flights"][:3]) + ccs + 1
    name = "openssl-ecdhe-rsa-aes128cbc-sha256"
    holder = {}
    path = mutated(source, name, lambda d: (flip_server_finished(d), holder.update(i=d["_index"])))
    rc, out, err = run(exe, [path])
    expect(rc == 1, f"exit {rc}")
    want = f"record {holder['i']} (server, handshake, protected): record protection: "
    expect(want in err, f"stderr {err!r} lacks {want!r}")
    expect("DIVERGES at " + want in out, f"stdout lacks the divergence: {out[-400:]}")
    # A wrong expectation: the suite.
    path = mutated(source, name, lambda d: d["expect"].update(
        suite="TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"))
    rc, _, err = run(exe, ["--quiet", path])
    expect(rc == 1, f"exit {rc}")
    expect("record 1 (server, handshake): ServerHello.cipher_suite differs: expected "
           "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (expect.suite), got "
           "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256" in err, err)


def check_malformed(exe, source):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write("{not json")
    rc, _, err = run(exe, [f.name])
    expect(rc == 4, f"not JSON: exit {rc}")
    expect("vector: not JSON" in err, err)
    path = mutated(source, "openssl-dhe-rsa-aes128gcm",
                   lambda d: d["flights"][1]["records"].__setitem__(0, "16xx"))
    rc, _, err = run(exe, [path])
    expect(rc == 4, f"bad hex: exit {rc}")
    expect("vector field flights[1].records[0]: not hex" in err, err)


def check_usage(exe, source):
    rc, _, _ = run(exe, [])
    expect(rc == 2, f"no vector: exit {rc}")
    rc, _, _ = run(exe, ["/nonexistent/vector.json"])
    expect(rc == 2, f"missing file: exit {rc}")
    rc, _, _ = run(exe, ["--no-such-flag", str(vectors(source)[0])])
    expect(rc == 2, f"unknown flag: exit {rc}")


def main(argv):
    exe, source, check = argv[1], argv[2], argv[3]
    globals()["check_" + check](exe, source)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

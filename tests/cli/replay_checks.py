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


def tlslab_roles(path):
    doc = json.loads(path.read_text())
    return [r for r in ("client", "server") if doc[r]["producer"] == "tlslab"]


def check_act_green(exe, source):
    """Every side tlslab played (with --seed) is reproduced by --act; the other sides exit 3."""
    acted = 0
    for path in vectors(source):
        roles = tlslab_roles(path)
        for role in ("client", "server"):
            rc, out, err = run(exe, ["--act", role, str(path)])
            if role not in roles:
                expect(rc == 3, f"{path.stem} --act {role}: exit {rc}, wanted 3")
                expect(f"cannot act as the {role}: {role}.config.tlslab is missing" in err, err)
                continue
            expect(rc == 0, f"{path.stem} --act {role}: exit {rc}: {err}")
            expect(f"{path.stem}: tlslab as the {role} reproduces the capture: " in out, out[-300:])
            expect("tlslab sent the same bytes" in out and "fed to tlslab" in out, out[:300])
            acted += 1
    expect(acted >= 7, f"only {acted} sides acted")


def check_act_difference(exe, source):
    """A changed configuration: exit 1, the record named, both trees with the lines marked."""
    name = "tlslab-client-openssl-server-ecdsa-mtls"
    path = mutated(source, name, lambda d: d["client"]["config"]["tlslab"].update(alpn=["h2"]))
    rc, out, err = run(exe, ["--act", "client", path])
    expect(rc == 1, f"exit {rc}")
    expect("record 0 (client, handshake): tlslab as the client sends different bytes: ClientHello "
           "differs" in err, err)
    captured, _, produced = out.partition("\ntlslab:")
    expect("captured:" in captured and produced, f"no two trees: {out[:300]}")
    marked = [line for line in produced.splitlines() if line.startswith("! ")]
    expect(any("application_layer_protocol_negotiation" in line for line in marked), marked)
    expect(any('"h2"' in line for line in marked), marked)
    # Fields that only moved are not marked: the session_ticket extension is in both trees.
    expect(not any("extension_type = 0x0023" in line for line in marked), marked)
    rc, out, _ = run(exe, ["--act", "client", "--json", path])
    doc = json.loads(out)
    expect(rc == 1 and doc["ok"] is False and doc["mode"] == "act-client", doc)
    expect(doc["difference"]["message"] == "ClientHello", doc["difference"])
    expect(doc["difference"]["captured"]["name"] == "ClientHello", "captured tree")
    expect(doc["difference"]["tlslab"]["name"] == "ClientHello", "tlslab tree")
    # A malformed seed is a malformed vector.
    path = mutated(source, name, lambda d: d["secrets"]["ephemeral_keys"]["client"].update(seed="ab"))
    rc, _, err = run(exe, ["--act", "client", path])
    expect(rc == 4, f"bad seed: exit {rc}")
    expect("secrets.ephemeral_keys.client.seed: 1 bytes, not 32" in err, err)
    rc, _, _ = run(exe, ["--act", "nobody", path])
    expect(rc == 2, f"--act nobody: exit {rc}")


def check_seed_options(exe, source):
    """`tlslab client/server --seed --time --vector-side`: what capture.py uses for tlslab sides."""
    def client(*args):
        p = subprocess.run([exe, "client", "127.0.0.1:1", "--no-verify", *args],
                           capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
        return p.returncode, p.stderr.decode()
    seed = "5e" * 32
    rc, err = client("--seed", "zz")
    expect(rc == 2 and "--seed wants 64 hex digits (32 bytes)" in err, f"bad seed: {rc} {err}")
    rc, err = client("--vector-side", "/tmp/x.json")
    expect(rc == 2, f"--vector-side without --seed: exit {rc}")
    rc, err = client("--seed", seed, "--time", "yesterday")
    expect(rc == 2 and '--time "yesterday": neither RFC 3339' in err, f"bad time: {rc} {err}")
    with tempfile.TemporaryDirectory() as tmp:
        side = Path(tmp) / "side.json"
        # Port 1 refuses the connection (exit 3); the side is written during setup, before it.
        rc, err = client("--seed", seed, "--time", "2026-11-27T10:00:00Z", "--vector-side",
                         str(side), "--alpn", "h2", "--ems", "off", "--cipher",
                         "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
        expect(rc == 3, f"exit {rc}: {err}")
        expect("WARNING: --seed" in err, err)
        doc = json.loads(side.read_text())
        expect(doc["ephemeral_keys"] == {"seed": seed}, doc)
        expect(doc["time"] == "2026-11-27T10:00:00Z", doc)
        config = doc["config"]["tlslab"]
        expect(config["alpn"] == ["h2"] and config["extended_master_secret"] == "off", config)
        expect(config["cipher_suites"] == ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"], config)
        expect(config["groups"] == "default" and config["server_name"] == "127.0.0.1", config)


def main(argv):
    exe, source, check = argv[1], argv[2], argv[3]
    globals()["check_" + check](exe, source)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Checks of `tlslab decode` on the captured handshakes; one check per meson test.

Usage: decode_checks.py TLSLAB_EXE SOURCE_DIR CHECK
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def stream(source, name, who):
    doc = json.loads((Path(source) / "tests/data/captures" / f"{name}.json").read_text())
    # vectors/README.md: flights of records, each with its direction.
    return b"".join(bytes.fromhex(r) for f in doc["flights"] if f["direction"] == who
                    for r in f["records"])


def run(exe, args, data=None):
    p = subprocess.run([exe, "decode", *args], input=data, capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def check_roundtrip_all(exe, source):
    for path in sorted((Path(source) / "tests/data/captures").glob("*.json")):
            # The client's stream has no ServerHello: name the key exchange where ECDHE is not it.
        kx = ["--key-exchange", "dhe"] if "-dhe-" in path.stem else (
            ["--key-exchange", "rsa"] if "-rsa-aes" in path.stem and "ecdhe" not in path.stem else [])
        for who in ("client", "server"):
            args = ["--roundtrip", *(kx if who == "client" else []), "-"]
            rc, out, err = run(exe, args, stream(source, path.stem, who))
            expect(rc == 0, f"{path.stem}/{who}: exit {rc}: {err}")
            expect("re-serialise byte-exact" in out, f"{path.stem}/{who}: no round-trip line")
            # A handshake that ends in the server's alert has no server ChangeCipherSpec.
            if not (who == "server" and "alert" in json.loads(path.read_text())["expect"]):
                expect("ChangeCipherSpec" in out, f"{path.stem}/{who}: no ChangeCipherSpec")


def check_server_stream(exe, source):
    rc, out, err = run(exe, ["-"], stream(source, "openssl-dhe-rsa-aes128gcm", "server"))
    expect(rc == 0, err)
    for text in ("ServerHello (", "cipher_suite = 0x009e  TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
                 "ServerKeyExchange (", "dh_p <2+256>", "CertificateRequest (",
                 "certificate_types[0] = 0x01  rsa_sign", "NewSessionTicket (",
                 "[protected: no keys]"):
        expect(text in out, f"missing {text!r}")


def check_json(exe, source):
    rc, out, err = run(exe, ["--json", "-"], stream(source, "openssl-ecdhe-ecdsa-aes128gcm-mtls",
                                                    "client"))
    expect(rc == 0, err)
    events = [json.loads(line) for line in out.splitlines()]
    names = [e["message"] for e in events if e["event"] == "handshake_message"]
    expect(names == ["ClientHello", "Certificate", "ClientKeyExchange", "CertificateVerify"], names)
    records = [e for e in events if e["event"] == "record"]
    expect(records[0]["content_type_name"] == "handshake", records[0])
    expect(any(r["protected"] for r in records), "no protected record")
    ch = next(e for e in events if e.get("message") == "ClientHello")
    expect(ch["tree"]["children"][0]["decoded"] == "client_hello", ch["tree"]["children"][0])


def check_hex_input(exe, source):
    data = stream(source, "openssl-rsa-aes128gcm-mtls", "client")
    text = " ".join(data[i:i + 16].hex() for i in range(0, len(data), 16)).encode()
    with tempfile.NamedTemporaryFile(suffix=".hex") as f:
        f.write(text)
        f.flush()
        rc, out, err = run(exe, ["--hex", "--roundtrip", f.name])
    expect(rc == 1 and "pass --key-exchange dhe or rsa" in err, f"no hint without it: {err}")
    with tempfile.NamedTemporaryFile(suffix=".hex") as f:
        f.write(text)
        f.flush()
        rc, out, err = run(exe, ["--hex", "--roundtrip", "--key-exchange", "rsa", f.name])
    expect(rc == 0, err)
    expect("encrypted_pre_master_secret <2+256>" in out, "RSA ClientKeyExchange not decoded")


def check_garbage(exe, source):
    rc, out, err = run(exe, ["-"], b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    expect(rc == 1, f"exit {rc}")
    expect("content type 0x47 unknown is not one TLS 1.2 uses" in err, err)


def check_truncated(exe, source):
    data = stream(source, "openssl-ecdhe-rsa-aes128cbc-sha256", "server")
    rc, out, err = run(exe, ["-"], data[:100])
    expect(rc == 1, f"exit {rc}")
    # The 74-byte ServerHello record is whole; the Certificate record is cut after 26 bytes.
    expect("input ends inside a record: 26 bytes left over at offset 74" in err, err)
    expect("ServerHello (" in out, "the whole first record was not printed")


def check_malformed_message(exe, source):
    # A ServerHelloDone with a one-byte body.
    rc, out, err = run(exe, ["--hex", "-"], b"1603030005 0e00000100")
    expect(rc == 1, f"exit {rc}")
    expect("ServerHelloDone: 1 trailing byte at offset 0 (alert decode_error)" in err, err)


def check_missing_file(exe, source):
    rc, out, err = run(exe, ["/nonexistent/records.bin"])
    expect(rc == 2, f"exit {rc}")
    expect("cannot open /nonexistent/records.bin" in err, err)


def check_empty(exe, source):
    rc, out, err = run(exe, ["-"], b"")
    expect(rc == 1, f"exit {rc}")
    expect("no records" in err, err)


CHECKS = {name[len("check_"):]: fn for name, fn in globals().items() if name.startswith("check_")}

if __name__ == "__main__":
    exe, source, check = sys.argv[1:4]
    try:
        CHECKS[check](exe, source)
    except AssertionError as e:
        print(f"FAILED {check}: {e}")
        sys.exit(1)
    print(f"ok {check}")

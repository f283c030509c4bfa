#!/usr/bin/env python3
"""Writes the seed corpora of the message fuzz targets from the captured real handshakes
(tests/data/captures, recorded by vectors/capture.py): every plaintext handshake message
(fuzz/corpus/handshake), every hello's extension block (fuzz/corpus/extensions) and every
direction's record stream (fuzz/corpus/records).

Usage: fuzz/make_seeds.py   (from anywhere; paths are relative to the repository)
"""
import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KX = {"ECDHE": 1, "DHE": 2, "RSA": 3}
SUITE_KX = {0xc02b: 1, 0xc02c: 1, 0xc02f: 1, 0xc030: 1, 0xcca8: 1, 0xcca9: 1, 0xc027: 1,
            0xc028: 1, 0xc013: 1, 0xc014: 1, 0xc009: 1, 0xc00a: 1, 0xc023: 1, 0xc024: 1,
            0x009e: 2, 0x009f: 2, 0xccaa: 2, 0x0033: 2, 0x0039: 2, 0x0067: 2, 0x006b: 2,
            0x009c: 3, 0x009d: 3, 0x002f: 3, 0x0035: 3, 0x003c: 3, 0x003d: 3, 0x000a: 3}


def records(stream):
    pos = 0
    while pos + 5 <= len(stream):
        length = int.from_bytes(stream[pos + 3:pos + 5], "big")
        yield stream[pos], stream[pos + 5:pos + 5 + length]
        pos += 5 + length


def handshake_messages(stream):
    hs = b""
    for ctype, frag in records(stream):
        if ctype == 20:
            break
        if ctype == 22:
            hs += frag
    pos = 0
    while pos + 4 <= len(hs):
        length = int.from_bytes(hs[pos + 1:pos + 4], "big")
        yield hs[pos:pos + 4 + length]
        pos += 4 + length


def extension_block(message):
    """The extension block of a ClientHello (type 1) or ServerHello (type 2), or None."""
    body = message[4:]
    pos = 2 + 32
    pos += 1 + body[pos]
    if message[0] == 1:
        pos += 2 + int.from_bytes(body[pos:pos + 2], "big")
        pos += 1 + body[pos]
    else:
        pos += 3
    return body[pos:] if pos < len(body) else None


def write(folder, data):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def main():
    for path in sorted((ROOT / "tests/data/captures").glob("*.json")):
        doc = json.loads(path.read_text())
        streams = {"client": b"", "server": b""}
        for f in doc["flights"]:  # the vector format of vectors/README.md
            streams[f["direction"]] += b"".join(bytes.fromhex(r) for r in f["records"])
        server_msgs = list(handshake_messages(streams["server"]))
        suite = int.from_bytes(server_msgs[0][4 + 2 + 32 + 1 + server_msgs[0][4 + 34]:][:2], "big")
        kx = SUITE_KX.get(suite, 0)
        for who, stream in streams.items():
            write(ROOT / "fuzz/corpus/records", bytes([0xff]) + stream)
            write(ROOT / "fuzz/corpus/records", bytes([6]) + stream[:2000])
            for m in handshake_messages(stream):
                write(ROOT / "fuzz/corpus/handshake", bytes([kx]) + m)
                if m[0] in (1, 2):
                    block = extension_block(m)
                    if block:
                        write(ROOT / "fuzz/corpus/extensions", bytes([m[0] - 1]) + block)


if __name__ == "__main__":
    main()

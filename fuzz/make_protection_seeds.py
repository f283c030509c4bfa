#!/usr/bin/env python3
"""Writes the seed corpus of fuzz/fuzz_protection.cpp (fuzz/corpus/protection): for each
protection kind, valid records sealed at sequence number 0 under the target's fixed keys (by the
independent sealing code of tests/data/record/make_vectors.py), with the target's input layout
[kind index][content type][fragment], plus a few malformed fragments and one oversize plaintext.

Usage: fuzz/make_protection_seeds.py   (from anywhere; paths are relative to the repository)
"""
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(ROOT / "tests" / "data" / "record"))
import make_vectors as mv  # noqa: E402

# Keep in step with kKinds in fuzz/fuzz_protection.cpp: (IANA name or None for null, etm).
KINDS = [
    (None, False),
    ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", False),
    ("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", False),
    ("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", False),
    ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", False),
    ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", True),
    ("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", False),
    ("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", True),
    ("TLS_RSA_WITH_3DES_EDE_CBC_SHA", False),
    ("TLS_RSA_WITH_AES_128_CBC_SHA256", True),
]


def fuzz_keys(suite):
    """mac_key[i] = 0x10 + i, enc_key[i] = 0x50 + i, fixed_iv[i] = 0x90 + i (mod 256)."""
    _, _, key_len, iv_len, mac = mv.SUITES[suite]
    mac_len = hashlib.new(mac).digest_size if mac else 0

    def run(base, n):
        return bytes((base + i) % 256 for i in range(n))
    return {"mac_key": run(0x10, mac_len), "enc_key": run(0x50, key_len),
            "fixed_iv": run(0x90, iv_len)}


def main():
    out = ROOT / "fuzz" / "corpus" / "protection"
    out.mkdir(parents=True, exist_ok=True)
    seeds = []
    for index, (suite, etm) in enumerate(KINDS):
        for ctype, plaintext in [(23, b"hello from the client\n"), (22, bytes(range(40))),
                                 (21, b"\x01\x00"), (23, b"")]:
            if suite is None:
                fragment = plaintext
            else:
                iv = bytes(16 if mv.SUITES[suite][1] == "aes" else 8) \
                    if mv.SUITES[suite][0] == "cbc" else None
                fragment = mv.seal(suite, fuzz_keys(suite), 0, ctype, 0x0303, plaintext, etm,
                                   iv)[5:]
            seeds.append(bytes([index, ctype]) + fragment)
        if suite is not None and mv.SUITES[suite][0] == "cbc" and not etm:
            # Longest padding (255 rounded to the block), a MAC-then-encrypt receiver's worst case.
            bs = mv.block_size(suite)
            mac_len = hashlib.new(mv.SUITES[suite][4]).digest_size
            plaintext = bytes(bs - (mac_len + 1) % bs)
            fragment = mv.seal(suite, fuzz_keys(suite), 0, 23, 0x0303, plaintext, False,
                               bytes(bs), 255 // bs * bs)[5:]
            seeds.append(bytes([index, 23]) + fragment)
    # Malformed: empty, one byte, a block of zeros, an odd length.
    for index in range(len(KINDS)):
        seeds.append(bytes([index, 23]) + bytes(16 * (index % 3)) + b"\x07" * (index % 2))
    # A plaintext record one byte over 2^14 for the null protection: record_overflow.
    seeds.append(bytes([0, 23]) + b"A" * (mv.MAX_PLAINTEXT + 1))
    for seed in seeds:
        (out / hashlib.sha1(seed).hexdigest()[:16]).write_bytes(seed)
    print(f"{len(seeds)} seeds -> {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

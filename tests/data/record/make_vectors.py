#!/usr/bin/env python3
"""Known-answer vectors for tlslab's record protection (src/record/*protection*.cpp), computed by
an independent implementation: Python `cryptography` (OpenSSL underneath) for AES-GCM,
ChaCha20-Poly1305, AES-CBC and 3DES-CBC, and the standard library's hmac/hashlib for the MACs.
The record formats are written out here from the RFCs, not from tlslab:

- AEAD (RFC 5246 §6.2.3.3): additional_data = seq_num(8) + type(1) + version(2) + length(2).
  AES-GCM (RFC 5288 §3): nonce = fixed_iv(4) || explicit nonce(8), the explicit nonce sent in
  front of the ciphertext; like OpenSSL (and tlslab), the sender uses the sequence number.
  ChaCha20-Poly1305 (RFC 7905 §2): nonce = fixed_iv(12) XOR left-padded seq_num; nothing sent.
- CBC MAC-then-encrypt (RFC 5246 §6.2.3.2): IV || E(plaintext || HMAC(mac_key, seq_num + type
  + version + length + plaintext) || padding), each padding byte (padding_length + 1 of them)
  equal to padding_length.
- CBC encrypt_then_mac (RFC 7366 §3): IV || E(plaintext || padding) || HMAC(mac_key, seq_num +
  type + version + length(IV + ciphertext) + IV + ciphertext).

Keys, IVs and plaintexts are fixed pseudo-random bytes (SHAKE-256 of a label), so a rerun writes
the same file. Records marked "seal": true use the minimal padding a sender picks (tlslab's seal
must produce them byte-exact, given the same CBC IVs); "seal": false vectors use longer padding
(up to 255) that only a receiver sees.

Usage: tests/data/record/make_vectors.py   (writes protection_vectors.json next to itself)
"""
import hashlib
import hmac
import json
import warnings
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    try:  # cryptography >= 43 moved 3DES to the "decrepit" package
        from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
    except ImportError:  # Debian's older python3-cryptography
        TripleDES = algorithms.TripleDES

HERE = Path(__file__).resolve().parent

# IANA name -> (bulk, cipher, key length, fixed_iv length, MAC hash or None)
SUITES = {
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256": ("aead", "aes-gcm", 16, 4, None),
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384": ("aead", "aes-gcm", 32, 4, None),
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256": ("aead", "chacha20-poly1305", 32, 12, None),
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA": ("cbc", "aes", 16, 0, "sha1"),
    "TLS_RSA_WITH_AES_128_CBC_SHA256": ("cbc", "aes", 16, 0, "sha256"),
    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384": ("cbc", "aes", 32, 0, "sha384"),
    "TLS_RSA_WITH_3DES_EDE_CBC_SHA": ("cbc", "3des", 24, 0, "sha1"),
}
MAX_PLAINTEXT = 1 << 14


def pseudo_random(label, n):
    return hashlib.shake_256(label.encode()).digest(n)


def additional_data(seq, ctype, version, length):
    return seq.to_bytes(8, "big") + bytes([ctype]) + version.to_bytes(2, "big") + \
        length.to_bytes(2, "big")


def header(ctype, version, length):
    return bytes([ctype]) + version.to_bytes(2, "big") + length.to_bytes(2, "big")


def keys_for(suite, label):
    bulk, cipher, key_len, iv_len, mac = SUITES[suite]
    mac_len = hashlib.new(mac).digest_size if mac else 0
    return {
        "mac_key": pseudo_random(label + " mac_key", mac_len),
        "enc_key": pseudo_random(label + " enc_key", key_len),
        "fixed_iv": pseudo_random(label + " fixed_iv", iv_len),
    }


def seal_aead(suite, keys, seq, ctype, version, plaintext):
    _, cipher, _, _, _ = SUITES[suite]
    ad = additional_data(seq, ctype, version, len(plaintext))
    if cipher == "aes-gcm":
        explicit = seq.to_bytes(8, "big")
        nonce = keys["fixed_iv"] + explicit
        fragment = explicit + AESGCM(keys["enc_key"]).encrypt(nonce, plaintext, ad)
    else:
        padded_seq = seq.to_bytes(12, "big")
        nonce = bytes(a ^ b for a, b in zip(keys["fixed_iv"], padded_seq))
        fragment = ChaCha20Poly1305(keys["enc_key"]).encrypt(nonce, plaintext, ad)
    return header(ctype, version, len(fragment)) + fragment


def block_cipher(suite, key, iv):
    _, cipher, _, _, _ = SUITES[suite]
    algorithm = algorithms.AES(key) if cipher == "aes" else TripleDES(key)
    return Cipher(algorithm, modes.CBC(iv))


def block_size(suite):
    return 16 if SUITES[suite][1] == "aes" else 8


def seal_cbc(suite, keys, seq, ctype, version, plaintext, iv, etm, padding_length=None):
    mac_hash = SUITES[suite][4]
    bs = block_size(suite)
    assert len(iv) == bs
    content = plaintext if etm else plaintext + hmac.new(
        keys["mac_key"], additional_data(seq, ctype, version, len(plaintext)) + plaintext,
        mac_hash).digest()
    if padding_length is None:  # the minimum: 1..bs bytes including the length byte
        padding_length = bs - len(content) % bs - 1
    assert (len(content) + padding_length + 1) % bs == 0 and padding_length <= 255
    padded = content + bytes([padding_length]) * (padding_length + 1)
    encryptor = block_cipher(suite, keys["enc_key"], iv).encryptor()
    fragment = iv + encryptor.update(padded) + encryptor.finalize()
    if etm:
        fragment += hmac.new(keys["mac_key"],
                             additional_data(seq, ctype, version, len(fragment)) + fragment,
                             mac_hash).digest()
    assert len(fragment) <= MAX_PLAINTEXT + 2048
    return header(ctype, version, len(fragment)) + fragment


def seal(suite, keys, seq, ctype, version, plaintext, etm, iv=None, padding_length=None):
    if SUITES[suite][0] == "aead":
        return seal_aead(suite, keys, seq, ctype, version, plaintext)
    return seal_cbc(suite, keys, seq, ctype, version, plaintext, iv, etm, padding_length)


def hexed(keys):
    return {k: v.hex() for k, v in keys.items()}


# (content type, version, plaintext length): application_data, handshake, alert, around block
# boundaries, an empty record, a TLS 1.0 version number (the AAD takes what the header says).
RECORDS = [(23, 0x0303, 0), (22, 0x0303, 1), (21, 0x0303, 2), (23, 0x0303, 15), (23, 0x0303, 16),
           (23, 0x0303, 17), (22, 0x0301, 31), (23, 0x0303, 100), (23, 0x0303, 300)]


def vector(suite, etm, first_seq, records, label, padding=None):
    keys = keys_for(suite, label)
    out = {"name": label, "suite": suite, "encrypt_then_mac": etm, **hexed(keys),
           "first_sequence_number": str(first_seq), "seal": padding is None, "records": []}
    for i, (ctype, version, length) in enumerate(records):
        seq = first_seq + i
        plaintext = pseudo_random(f"{label} plaintext {i}", length)
        iv = pseudo_random(f"{label} iv {i}", block_size(suite)) if SUITES[suite][0] == "cbc" \
            else None
        pad = None
        if padding is not None:
            mac_len = 0 if etm else hashlib.new(SUITES[suite][4]).digest_size
            bs = block_size(suite)
            r = (-(length + mac_len) - 1) % bs  # padding lengths that fill whole blocks
            pad = padding(r, bs)
        rec = {"type": ctype, "version": version, "plaintext": plaintext.hex(),
               "record": seal(suite, keys, seq, ctype, version, plaintext, etm, iv, pad).hex()}
        if iv is not None:
            rec["iv"] = iv.hex()
        if pad is not None:
            rec["padding_length"] = pad
        out["records"].append(rec)
    return out


def main():
    vectors = []
    for suite, (bulk, _, _, _, _) in SUITES.items():
        for etm in ([False, True] if bulk == "cbc" else [False]):
            mode = " etm" if etm else ""
            vectors.append(vector(suite, etm, 0, RECORDS, f"{suite}{mode}"))
            # A sequence number whose bytes all differ: the order of the bytes in the nonce,
            # the AAD and the MAC input shows.
            vectors.append(vector(suite, etm, 0x0123456789abcdef, RECORDS[:3],
                                  f"{suite}{mode} high sequence number"))
            if bulk == "cbc":
                # Longest padding that fits (<= 255), and minimal + one block.
                vectors.append(vector(suite, etm, 5, RECORDS[:6], f"{suite}{mode} longest padding",
                                      padding=lambda r, bs: r + ((255 - r) // bs) * bs))
                vectors.append(vector(suite, etm, 7, RECORDS[:4],
                                      f"{suite}{mode} padding plus one block",
                                      padding=lambda r, bs: r + bs))
    # One full 2^14-byte record (the largest plaintext allowed; CBC with SHA-384, the MAC with
    # 128-byte blocks).
    suite = "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"
    vectors.append(vector(suite, False, 1, [(23, 0x0303, MAX_PLAINTEXT)], f"{suite} 2^14 bytes"))
    doc = {"description": __doc__.split("\n\n")[0].replace("\n", " "),
           "generator": "tests/data/record/make_vectors.py", "vectors": vectors}
    (HERE / "protection_vectors.json").write_text(json.dumps(doc, indent=1) + "\n")
    print(f"{len(vectors)} vectors, "
          f"{sum(len(v['records']) for v in vectors)} records -> protection_vectors.json")


if __name__ == "__main__":
    main()

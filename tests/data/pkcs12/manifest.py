"""Writes manifest.json for make.sh: openssl's view of every PKCS#12 file, and KDF vectors.

usage: manifest.py PASSWORDS_TSV WORKDIR
Per file: "password" (null = absent), "source" (the file the references were taken from, when
openssl 3.0 cannot read the file itself), "chain": [{"sha256", "subject"}] leaf first then issuer
by issuer (the order is found by matching issuer to subject), "spki_sha256" of the key.
"kdf": PKCS#12 KDF outputs from `openssl kdf PKCS12KDF` (password given as the BMPString).
"""
import json
import os
import subprocess
import sys

from cryptography import x509


def run(args, data=None, env=None):
    return subprocess.run(args, input=data, capture_output=True, check=True, env=env).stdout


def pkcs12(path, password, *opts):
    env = dict(os.environ, P12PW=password or "")
    return run(["openssl", "pkcs12", "-legacy", "-in", path, "-passin", "env:P12PW", *opts],
               env=env)


def sha256(data):
    return run(["sha256sum"], data).split()[0].decode()


def pem_blocks(text):
    out, cur = [], None
    for line in text.decode().splitlines(keepends=True):
        if line.startswith("-----BEGIN CERTIFICATE"):
            cur = line
        elif cur is not None:
            cur += line
            if line.startswith("-----END CERTIFICATE"):
                out.append(cur.encode())
                cur = None
    return out


def references(path, password):
    key = pkcs12(path, password, "-nocerts", "-nodes")
    spki = sha256(run(["openssl", "pkey", "-pubout", "-outform", "DER"], key))
    certs = pem_blocks(pkcs12(path, password, "-nokeys"))
    # The leaf is the certificate with the key's public key (openssl's -clcerts goes by
    # localKeyID, which GnuTLS puts on every certificate).
    def cert_spki(pem):
        pub = run(["openssl", "x509", "-noout", "-pubkey"], pem)
        return sha256(run(["openssl", "pkey", "-pubin", "-pubout", "-outform", "DER"], pub))
    leaf = [c for c in certs if cert_spki(c) == spki]
    assert len(leaf) == 1, path
    chain = [leaf[0]]
    cas = [c for c in certs if c is not leaf[0]]
    while cas:
        cur = x509.load_pem_x509_certificate(chain[-1])
        if cur.subject == cur.issuer:
            break
        nxt = [c for c in cas if x509.load_pem_x509_certificate(c).subject == cur.issuer]
        if not nxt:
            break
        chain.append(nxt[0])
        cas.remove(nxt[0])
    out = []
    for pem in chain:
        der = run(["openssl", "x509", "-outform", "DER"], pem)
        subject = run(["openssl", "x509", "-noout", "-subject", "-nameopt", "RFC2253"], pem)
        out.append({"sha256": sha256(der),
                    "subject": subject.decode().strip().removeprefix("subject=")})
    extras = [sha256(run(["openssl", "x509", "-outform", "DER"], c)) for c in cas]
    return {"chain": out, "extra_sha256": extras, "spki_sha256": spki}


files = {}
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        parts = line.rstrip("\n").split("\t")
        name, password = parts[0], parts[1]
        source = parts[2] if len(parts) > 2 else name
        pw = None if password == "-" else password
        entry = {"password": pw}
        if source != name:
            entry["source"] = source
        entry.update(references(f"{source}.p12", pw))
        files[name] = entry

kdf = []
for h, pw_hex, salt, it, ident, n in [
        ("SHA1", "0073006d006500670000", "0a58cf64530d823f", 1, 1, 24),
        ("SHA1", "0073006d006500670000", "0a58cf64530d823f", 1, 2, 8),
        ("SHA1", "0073006d006500670000", "0a58cf64530d823f", 1, 3, 20),
        ("SHA1", "007100750065006500670000", "1682c0fc5b3f7ec5", 1000, 1, 24),
        ("SHA1", "007100750065006500670000", "1682c0fc5b3f7ec5", 1000, 2, 8),
        ("SHA1", "007100750065006500670000", "1682c0fc5b3f7ec5", 1000, 3, 20),
        ("SHA224", "0073006d006500670000", "0a58cf64530d823f", 7, 3, 28),
        ("SHA256", "0000", "0102030405060708", 2048, 3, 32),
        ("SHA256", "", "0102030405060708", 2048, 3, 32),
        ("SHA384", "0073006d006500670000", "0a58cf64530d823f", 3, 1, 100),
        ("SHA512", "0073006d006500670000", "", 2, 3, 64)]:
    opts = ["-kdfopt", f"digest:{h}", "-kdfopt", f"iter:{it}", "-kdfopt", f"id:{ident}"]
    opts += ["-kdfopt", f"hexpass:{pw_hex}"] if pw_hex else ["-kdfopt", "pass:"]
    opts += ["-kdfopt", f"hexsalt:{salt}"] if salt else ["-kdfopt", "salt:"]
    out = run(["openssl", "kdf", "-keylen", str(n), *opts, "PKCS12KDF"])
    kdf.append({"hash": h, "password": pw_hex, "salt": salt, "iterations": it, "id": ident,
                "output": out.decode().strip().replace(":", "").lower()})

with open("manifest.json", "w", encoding="utf-8") as f:
    json.dump({"files": files, "kdf": kdf}, f, indent=1, ensure_ascii=False, sort_keys=True)
    f.write("\n")

"""PKCS#12 files from Python `cryptography` (Debian's 38.0.4), for make.sh.

usage: produce_python.py WORKDIR PASSWORD NONASCII_PASSWORD  (prints "name<TAB>password" lines)
"""
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12

work, pw, nonascii = sys.argv[1], sys.argv[2].encode(), sys.argv[3].encode()


def load(name):
    with open(f"{work}/{name}.key", "rb") as f:
        key = serialization.load_pem_private_key(f.read(), None)
    with open(f"{work}/{name}.pem", "rb") as f:
        cert = x509.load_pem_x509_certificate(f.read())
    return key, cert


cas = []
for name in ("inter", "root"):
    with open(f"{work}/{name}.pem", "rb") as f:
        cas.append(x509.load_pem_x509_certificate(f.read()))


def write(name, key, password, encryption):
    k, c = load(key)
    data = pkcs12.serialize_key_and_certificates(f"leaf {key}".encode(), k, c, cas, encryption)
    with open(f"{name}.p12", "wb") as f:
        f.write(data)
    print(f"{name}\t{password}")


for key in ("rsa", "p256", "p384", "ed25519"):
    write(f"py-best-{key}", key, pw.decode(), serialization.BestAvailableEncryption(pw))
write("py-noenc", "p256", "-", serialization.NoEncryption())
write("py-nonascii", "rsa", nonascii.decode(), serialization.BestAvailableEncryption(nonascii))

builder = getattr(serialization.PrivateFormat.PKCS12, "encryption_builder", None)
if builder is not None:
    PBES = pkcs12.PBES
    write("py-builder-3des-sha1", "p256", pw.decode(),
          builder().kdf_rounds(5000).key_cert_algorithm(PBES.PBESv1SHA1And3KeyTripleDESCBC)
          .hmac_hash(hashes.SHA1()).build(pw))
    write("py-builder-aes-sha256", "ed25519", pw.decode(),
          builder().kdf_rounds(3000).key_cert_algorithm(PBES.PBESv2SHA256AndAES256CBC)
          .hmac_hash(hashes.SHA256()).build(pw))

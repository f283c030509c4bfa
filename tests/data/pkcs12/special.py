"""PKCS#12 files no installed producer makes, built by hand from make.sh's openssl files.

usage: special.py PASSWORD   (run in tests/data/pkcs12; prints "name<TAB>password<TAB>source")

Valid files (the manifest takes their references from `source`, which has the same key and
certificates):
  pbmac1-sha256.p12, pbmac1-sha512.p12  RFC 9579 PBMAC1 integrity (openssl 3.0 cannot write it),
      over ossl3-nomac.p12's AuthenticatedSafe; the MAC computed with hashlib/hmac.
  ber-outer.p12      ossl3-default-rsa.p12 with indefinite lengths on PFX/authSafe and the
      authSafe OCTET STRING split into constructed segments (as Java/Windows write): the MACed
      octets are unchanged.
  ber-deep-nomac.p12 ossl3-nomac.p12 with every PKCS#12 layer in BER: indefinite lengths,
      chunked OCTET STRINGs, a constructed [0] encryptedContent.
  nested-depth2.p12  ossl3-nomac-plain.p12 with its certificate bags moved two safeContentsBags
      deep.
Hostile files (only names; the tests know which limit each one hits):
  hostile-mac-iterations.p12     MacData.iterations 2^31-1
  hostile-pbmac1-keylen.p12      PBMAC1 PBKDF2 keyLength 2^31-1 (CVE-2025-11187's shape)
  hostile-pbmac1-iterations.p12  PBMAC1 PBKDF2 iterationCount 2^31-1
  hostile-nesting.p12            safeContentsBag nested 10 deep
"""
import hashlib
import hmac
import os
import sys

PW = sys.argv[1].encode()


def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, content):
    return bytes([tag]) + der_len(len(content)) + content


def indef(tag, content):
    return bytes([tag | 0x20, 0x80]) + content + b"\0\0"


def seq(*items):
    return tlv(0x30, b"".join(items))


def octets(b):
    return tlv(0x04, b)


def integer(n):
    return tlv(0x02, n.to_bytes(n.bit_length() // 8 + 1, "big"))


def oid(dotted):
    arcs = [int(a) for a in dotted.split(".")]
    out = bytes([arcs[0] * 40 + arcs[1]])
    for a in arcs[2:]:
        enc = [a & 0x7F]
        a >>= 7
        while a:
            enc.insert(0, 0x80 | (a & 0x7F))
            a >>= 7
        out += bytes(enc)
    return tlv(0x06, out)


def chunked(b, size=100, tag=0x24):
    """A constructed OCTET STRING (or [0] with tag=0xa0) of primitive segments, indefinite."""
    return indef(tag, b"".join(octets(b[i:i + size]) for i in range(0, len(b), size)))


def parse(b, off=0):
    """(tag, contents, end) of the DER element at off (low tag numbers, definite lengths)."""
    tag, l = b[off], b[off + 1]
    if l < 0x80:
        hl, n = 2, l
    else:
        k = l & 0x7F
        hl, n = 2 + k, int.from_bytes(b[off + 2:off + 2 + k], "big")
    return tag, b[off + hl:off + hl + n], off + hl + n


def children(content):
    out, off = [], 0
    while off < len(content):
        tag, c, end = parse(content, off)
        out.append((tag, c, content[off:end]))
        off = end
    return out


def pfx_parts(path):
    """(version TLV, authSafe octets, macData TLV or None) of a DER PFX."""
    with open(path, "rb") as f:
        data = f.read()
    _, pfx, _ = parse(data)
    items = children(pfx)
    _, ci, _ = items[1]
    _, explicit, _ = children(ci)[1]
    _, auth_safe, _ = parse(explicit)
    return items[0][2], auth_safe, (items[2][2] if len(items) > 2 else None)


def pfx(version, auth_safe, mac_data=b""):
    ci = seq(oid("1.2.840.113549.1.7.1"), tlv(0xA0, octets(auth_safe)))
    return seq(version, ci, mac_data)


HMAC_OIDS = {"sha256": "1.2.840.113549.2.9", "sha512": "1.2.840.113549.2.11"}


def pbmac1_mac_data(auth_safe, hash_name, key_length, iterations, compute=True):
    salt = os.urandom(16)
    hmac_alg = seq(oid(HMAC_OIDS[hash_name]), tlv(0x05, b""))
    params = seq(seq(oid("1.2.840.113549.1.5.12"),
                     seq(octets(salt), integer(iterations), integer(key_length), hmac_alg)),
                 hmac_alg)
    if compute:
        key = hashlib.pbkdf2_hmac(hash_name, PW, salt, iterations, key_length)
        mac = hmac.new(key, auth_safe, hash_name).digest()
    else:
        mac = bytes(hashlib.new(hash_name).digest_size)
    # RFC 9579 §4: MacData.macSalt and iterations are ignored with PBMAC1.
    return seq(seq(seq(oid("1.2.840.113549.1.5.14"), params), octets(mac)),
               octets(b"NOT USED"), integer(1))


def write(name, data, password=None, source=None):
    with open(f"{name}.p12", "wb") as f:
        f.write(data)
    if source:
        print(f"{name}\t{password}\t{source}")


pw = PW.decode()
version, auth_safe, _ = pfx_parts("ossl3-nomac.p12")
write("pbmac1-sha256", pfx(version, auth_safe, pbmac1_mac_data(auth_safe, "sha256", 32, 2048)),
      pw, "ossl3-nomac")
write("pbmac1-sha512", pfx(version, auth_safe, pbmac1_mac_data(auth_safe, "sha512", 64, 1000)),
      pw, "ossl3-nomac")
write("hostile-pbmac1-keylen",
      pfx(version, auth_safe, pbmac1_mac_data(auth_safe, "sha256", 2**31 - 1, 2048, False)))
write("hostile-pbmac1-iterations",
      pfx(version, auth_safe, pbmac1_mac_data(auth_safe, "sha256", 32, 2**31 - 1, False)))

# BER: the outer layers of a MACed file.
version, auth_safe, mac_data = pfx_parts("ossl3-default-rsa.p12")
ci = indef(0x10, oid("1.2.840.113549.1.7.1") + indef(0x00 | 0x80, chunked(auth_safe, 300)))
write("ber-outer", indef(0x10, version + ci + mac_data), pw, "ossl3-default-rsa")
_, ms, _ = parse(mac_data)
m = children(ms)
write("hostile-mac-iterations", seq(version, children(parse(open("ossl3-default-rsa.p12", "rb")
                                                             .read())[1])[1][2],
                                    seq(m[0][2], m[1][2], integer(2**31 - 1))))

# BER: every PKCS#12 layer of a file without MAC.
version, auth_safe, _ = pfx_parts("ossl3-nomac.p12")
infos = b""
for _, ci_content, _ in children(parse(auth_safe)[1]):
    (_, type_oid, type_tlv), (_, explicit, _) = children(ci_content)
    inner_tag, inner, _ = parse(explicit)
    if inner_tag == 0x04:  # data: SafeContents as an indefinite SEQUENCE, chunked
        safe = indef(0x10, b"".join(raw for _, _, raw in children(parse(inner)[1])))
        body = chunked(safe, 200)
    else:  # EncryptedData { version, EncryptedContentInfo { type, alg, [0] content } }
        ver, eci = children(inner)[0][2], children(inner)[1][1]
        ctype, alg, (_, enc, _) = children(eci)
        body = indef(0x10, ver + indef(0x10, ctype[2] + alg[2] + chunked(enc, 64, 0xA0)))
    infos += indef(0x10, type_tlv + indef(0x80, body))
write("ber-deep-nomac", indef(0x10, version + indef(
    0x10, oid("1.2.840.113549.1.7.1") + indef(0x80, chunked(indef(0x10, infos), 500)))),
    pw, "ossl3-nomac")

# Nesting: certificate bags two safeContentsBags deep, and a hostile 10-deep nest.
SAFE_CONTENTS_BAG = "1.2.840.113549.1.12.10.1.6"


def nest(bags, depth):
    for _ in range(depth):
        bags = seq(oid(SAFE_CONTENTS_BAG), tlv(0xA0, seq(bags)))
    return bags


version, auth_safe, _ = pfx_parts("ossl3-nomac-plain.p12")
infos = []
for _, ci_content, _ in children(parse(auth_safe)[1]):
    (_, _, type_tlv), (_, explicit, _) = children(ci_content)
    bags = [raw for _, _, raw in children(parse(parse(explicit)[1])[1])]
    certs = [b for b in bags if b"\x2a\x86\x48\x86\xf7\x0d\x01\x0c\x0a\x01\x03" in b[:20]]
    others = [b for b in bags if b not in certs]
    safe = seq(*others, nest(b"".join(certs), 2)) if certs else seq(*others)
    infos.append(seq(type_tlv, tlv(0xA0, octets(safe))))
write("nested-depth2", pfx(version, seq(*infos)), pw, "ossl3-nomac-plain")
write("hostile-nesting", pfx(version, seq(seq(oid("1.2.840.113549.1.7.1"),
                                              tlv(0xA0, octets(seq(nest(b"", 10))))))))

#!/usr/bin/env bash
# Makes the PKCS#12 test files with real producers and records what openssl says about them, so
# the tests compare tlslab's reading with openssl's. Run at development time; the outputs are
# committed (keys, salts and signatures are random, so a re-run changes every file and the
# manifest follows).
#
#   bash tests/data/pkcs12/make.sh
#
# Producers: openssl 3.0 `pkcs12 -export` (default PBES2/AES-256-CBC + HMAC-SHA256, -legacy,
# every -keypbe/-certpbe, every -macalg, -nomac, empty and non-ASCII passwords), GnuTLS
# `certtool --to-p12`, Java `keytool -importkeystore`, Python `cryptography` (Debian's
# /usr/bin/python3), and special.py (PBMAC1, BER re-encodings, hostile files, built by hand).
# Keys: RSA-2048, P-256, P-384, Ed25519 leaves under an intermediate and a root CA (P-256).
#
# manifest.json (written by manifest.py): per file the password (null for "absent") and the
# references openssl computes: the SHA-256 of each certificate's DER, leaf first, and of the
# key's SubjectPublicKeyInfo (`openssl pkcs12 -nokeys/-nocerts`, `x509 -outform DER`,
# `pkey -pubout -outform DER`, sha256sum); plus PKCS#12 KDF vectors from `openssl kdf PKCS12KDF`.
set -euo pipefail
cd "$(dirname "$0")"
export LC_ALL=C.UTF-8 TZ=UTC

PW='tlslab p12 test'
NONASCII='pässwörd✓'
rm -f ./*.p12 manifest.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- the PKI: root -> intermediate -> leaves ------------------------------------------------
cat >"$work/ca.ext" <<'X'
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
X
cat >"$work/leaf.ext" <<'X'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:localhost
authorityKeyIdentifier=keyid
X
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/root.key"
openssl req -new -x509 -key "$work/root.key" -subj "/O=tlslab test/CN=tlslab p12 root" \
  -days 3650 -out "$work/root.pem" -addext basicConstraints=critical,CA:TRUE \
  -addext keyUsage=critical,keyCertSign,cRLSign
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/inter.key"
openssl req -new -key "$work/inter.key" -subj "/O=tlslab test/CN=tlslab p12 intermediate" \
  -out "$work/inter.csr"
openssl x509 -req -in "$work/inter.csr" -CA "$work/root.pem" -CAkey "$work/root.key" \
  -CAcreateserial -days 3650 -extfile "$work/ca.ext" -out "$work/inter.pem" 2>/dev/null
cat "$work/inter.pem" "$work/root.pem" >"$work/cas.pem"
# An unrelated self-signed certificate: an "extra" in the file, part of no chain.
openssl req -new -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout /dev/null \
  -subj "/O=tlslab test/CN=tlslab p12 unrelated" -days 3650 -out "$work/other.pem" 2>/dev/null
for k in rsa p256 p384 ed25519; do
  case $k in
    rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/$k.key" 2>/dev/null ;;
    p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/$k.key" ;;
    p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$work/$k.key" ;;
    ed25519) openssl genpkey -algorithm ED25519 -out "$work/$k.key" ;;
  esac
  openssl req -new -key "$work/$k.key" -subj "/O=tlslab test/CN=tlslab p12 leaf $k" \
    -out "$work/$k.csr"
  openssl x509 -req -in "$work/$k.csr" -CA "$work/inter.pem" -CAkey "$work/inter.key" \
    -CAcreateserial -days 3650 -extfile "$work/leaf.ext" -out "$work/$k.pem" 2>/dev/null
  cat "$work/$k.pem" "$work/cas.pem" >"$work/$k.chain.pem"
done

# name -> password, for manifest.py ("-" for absent)
: >"$work/passwords.txt"
record() { printf '%s\t%s\n' "$1" "$2" >>"$work/passwords.txt"; }

# --- openssl 3.0 --------------------------------------------------------------------------------
ossl() {  # ossl NAME KEY PASSWORD [options...]
  local name=$1 key=$2 pass=$3
  shift 3
  openssl pkcs12 -export -inkey "$work/$key.key" -in "$work/$key.pem" -certfile "$work/cas.pem" \
    -name "leaf $key" -passout "pass:$pass" -out "$name.p12" "$@"
  record "$name" "$pass"
}
for k in rsa p256 p384 ed25519; do
  ossl "ossl3-default-$k" $k "$PW"
done
ossl ossl3-legacy-rsa rsa "$PW" -legacy
for pbe in PBE-SHA1-3DES PBE-SHA1-2DES PBE-SHA1-RC2-40 PBE-SHA1-RC2-128 PBE-SHA1-RC4-128 \
  PBE-SHA1-RC4-40 AES-128-CBC NONE; do
  ossl "ossl3-pbe-$(echo $pbe | tr 'A-Z' 'a-z')" p256 "$PW" -legacy -keypbe $pbe -certpbe $pbe
done
for mac in sha1 sha224 sha256 sha384 sha512; do
  ossl "ossl3-mac-$mac" p384 "$PW" -macalg $mac
done
openssl pkcs12 -export -inkey "$work/p384.key" -in "$work/p384.pem" -name "leaf p384" \
  -certfile <(cat "$work/other.pem" "$work/cas.pem") -passout "pass:$PW" -out ossl3-extra-cert.p12
record ossl3-extra-cert "$PW"
ossl ossl3-nomac p256 "$PW" -nomac -certpbe AES-256-CBC  # (-nomac alone leaves certs plain)
# RC4 has no padding: without a MAC a wrong password shows only as garbage that does not parse.
ossl ossl3-nomac-rc4 p256 "$PW" -legacy -nomac -keypbe PBE-SHA1-RC4-128 -certpbe PBE-SHA1-RC4-40
ossl ossl3-nomac-plain p256 "$PW" -nomac -keypbe NONE -certpbe NONE
ossl ossl3-iter1 p256 "$PW" -noiter -nomaciter
ossl ossl3-empty-password p256 ""
ossl ossl3-legacy-empty-password rsa "" -legacy
ossl ossl3-nonascii p256 "$NONASCII"
ossl ossl3-legacy-nonascii p256 "$NONASCII" -legacy

# --- GnuTLS certtool -------------------------------------------------------------------------
gnutls() {  # gnutls NAME KEY PASSWORD-OPTION...
  local name=$1 key=$2
  shift 2
  certtool --to-p12 --load-privkey "$work/$key.key" --load-certificate "$work/$key.chain.pem" \
    --p12-name "leaf $key" --outder --outfile "$name.p12" "$@" >/dev/null 2>&1
}
for k in rsa p256 ed25519; do
  gnutls "gnutls-$k" $k --password "$PW"
  record "gnutls-$k" "$PW"
done
gnutls gnutls-3des p256 --password "$PW" --pkcs-cipher 3des-pkcs12
record gnutls-3des "$PW"
gnutls gnutls-rc2-40 p256 --password "$PW" --pkcs-cipher rc2-40
record gnutls-rc2-40 "$PW"
gnutls gnutls-empty-password p256 --empty-password
record gnutls-empty-password ""
gnutls gnutls-null-password p256 --null-password
record gnutls-null-password "-"

# --- Java keytool (re-encodes an openssl file with Java's own PKCS#12 writer) ----------------
java_p12() {  # java_p12 NAME SOURCE [java options]
  local name=$1 src=$2
  shift 2
  keytool "$@" -importkeystore -noprompt -srckeystore "$src.p12" -srcstoretype PKCS12 \
    -srcstorepass "$PW" -destkeystore "$name.p12" -deststoretype PKCS12 -deststorepass "$PW" \
    >/dev/null 2>&1
  record "$name" "$PW"
}
java_p12 java-rsa ossl3-default-rsa
java_p12 java-p256 ossl3-default-p256
java_p12 java-legacy-rsa ossl3-default-rsa -J-Dkeystore.pkcs12.legacy

# --- Python cryptography, special files, manifest --------------------------------------------
/usr/bin/python3 produce_python.py "$work" "$PW" "$NONASCII" >>"$work/passwords.txt"
/usr/bin/python3 special.py "$PW" >>"$work/passwords.txt"
/usr/bin/python3 manifest.py "$work/passwords.txt" "$work"

# --- fuzz seeds (fuzz/corpus/pkcs12): every layer type, cheap to open (1 iteration) --------------
seeds=../../../fuzz/corpus/pkcs12
rm -rf "$seeds"
mkdir -p "$seeds"
seed() {  # seed NAME [options...]
  local name=$1
  shift
  openssl pkcs12 -export -inkey "$work/p256.key" -in "$work/p256.pem" -certfile "$work/inter.pem" \
    -name seed -passout "pass:$PW" -noiter -nomaciter -out "$seeds/$name.p12" "$@"
}
seed default
seed legacy -legacy
seed rc4 -legacy -keypbe PBE-SHA1-RC4-40 -certpbe PBE-SHA1-RC4-128
seed 2des-rc2 -legacy -keypbe PBE-SHA1-2DES -certpbe PBE-SHA1-RC2-128
seed nomac -nomac -certpbe AES-256-CBC
seed plain -nomac -keypbe NONE -certpbe NONE
cp nested-depth2.p12 ber-deep-nomac.p12 pbmac1-sha256.p12 hostile-nesting.p12 hostile-pbmac1-keylen.p12 \
  "$seeds/"

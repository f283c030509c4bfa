#!/bin/sh
# Chains for tests/pki/test_path_validation.cpp made by openssl (the certificate shapes
# pki::issue_certificate cannot make: keyUsage variants, CA:FALSE issuers, unknown critical
# extensions, nameConstraints), and what `openssl verify` says about each (verify.txt, one
# "NAME=OK" or "NAME=FAIL:<openssl error>" line). Validity: 2026-11-27 + 3650 days from the run;
# the test validates at 2027-01-01. Run from this directory; outputs are committed.
set -eu
export LC_ALL=C
rm -f *.pem *.srl verify.txt
# key NAME [RSA-BITS]: P-256, or RSA of that size.
key() {
  if [ -n "${2:-}" ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:"$2" -out "$1.key" 2>/dev/null
  else
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null
  fi
}
# cert NAME ISSUER EXTENSIONS [DIGEST [RSA-BITS]]  (ISSUER "self" for a root; EXTENSIONS "none"
# for an X.509 v1 certificate)
cert() {
  key "$1" "${5:-}"
  printf '%b\n' "$3" > ext.cnf
  if [ "$2" = self ]; then
    openssl req -new -x509 -key "$1.key" -subj "/O=tlslab path/CN=$1" -days 3650 \
      -set_serial 1 -extfile ext.cnf -extensions v3 -out "$1.pem" 2>/dev/null \
      || openssl req -new -x509 -key "$1.key" -subj "/O=tlslab path/CN=$1" -days 3650 \
      -config ext.cnf -extensions v3 -out "$1.pem"
  else
    openssl req -new -key "$1.key" -subj "/O=tlslab path/CN=$1" -out "$1.csr"
    if [ "$3" = none ]; then ext=""; else ext="-extfile ext.cnf -extensions v3"; fi
    # shellcheck disable=SC2086
    openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -set_serial "0x$(openssl rand -hex 8)" \
      -days 3650 -"${4:-sha256}" $ext -out "$1.pem" 2>/dev/null
    rm -f "$1.csr"
  fi
}
CA='[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid'
LEAF='[v3]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,DNS:*.example.com,IP:127.0.0.1\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid'
printf '[req]\ndistinguished_name=dn\n[dn]\n%b\n' "$CA" > root.cnf
key root
openssl req -new -x509 -key root.key -subj "/O=tlslab path/CN=root" -days 3650 -config root.cnf \
  -extensions v3 -out root.pem
cert inter root "$CA"
cert leaf inter "$LEAF"
cert unrelated root "$CA"
# Issuer rules
cert inter-noca root '[v3]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,keyCertSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid'
cert leaf-noca inter-noca "$LEAF"
cert inter-nocertsign root '[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,digitalSignature,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid'
cert leaf-nocertsign inter-nocertsign "$LEAF"
cert inter-pathlen0 root '[v3]\nbasicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid'
cert inter-sub inter-pathlen0 "$CA"
cert leaf-pathlen inter-sub "$LEAF"
# Leaf rules
cert leaf-keyagreement inter '[v3]\nkeyUsage=critical,keyAgreement\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost\nauthorityKeyIdentifier=keyid'
cert leaf-clientauth inter '[v3]\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\nsubjectAltName=DNS:localhost\nauthorityKeyIdentifier=keyid'
cert leaf-critical inter '[v3]\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost\n1.3.6.1.4.1.55555.1=critical,ASN1:NULL\nauthorityKeyIdentifier=keyid'
# nameConstraints: permitted example.com and 10.0.0.0/8, excluded bad.example.com
cert inter-nc root '[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\nnameConstraints=critical,permitted;DNS:example.com,permitted;IP:10.0.0.0/255.0.0.0,excluded;DNS:bad.example.com\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid'
cert leaf-nc-ok inter-nc '[v3]\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:www.example.com,IP:10.1.2.3\nauthorityKeyIdentifier=keyid'
cert leaf-nc-outside inter-nc '[v3]\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:www.example.org\nauthorityKeyIdentifier=keyid'
cert leaf-nc-excluded inter-nc '[v3]\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:x.bad.example.com\nauthorityKeyIdentifier=keyid'
cert leaf-nc-ip inter-nc '[v3]\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:a.example.com,IP:192.168.1.1\nauthorityKeyIdentifier=keyid'
# Name constraints beyond DNS and IP (issue 13 item 2): a wildcard under an excluded subtree, and
# email, URI and directoryName constraints.
cert leaf-nc-wildcard inter-nc '[v3]\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:*.example.com\nauthorityKeyIdentifier=keyid'
cert inter-nc-forms root '[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\nnameConstraints=critical,permitted;email:example.com,permitted;URI:.example.com,permitted;dirName:dn\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n[dn]\nO=tlslab path'
NCLEAF='[v3]\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nauthorityKeyIdentifier=keyid\nsubjectAltName='
cert leaf-nc-forms-ok inter-nc-forms "${NCLEAF}DNS:localhost,email:a@example.com,URI:https://www.example.com/"
cert leaf-nc-email-out inter-nc-forms "${NCLEAF}DNS:localhost,email:a@example.org"
cert leaf-nc-uri-out inter-nc-forms "${NCLEAF}DNS:localhost,URI:https://www.example.org/"
cert leaf-nc-uri-nohost inter-nc-forms "${NCLEAF}DNS:localhost,URI:urn:example:x"
# Signature and key policy (issue 13 item 4): an RSA intermediate issuing leaves signed with
# SHA-1 and with MD5, a leaf with an RSA-1024 key, an RSA-1024 intermediate, and a v1 leaf.
cert inter-rsa root "$CA" sha256 2048
cert leaf-sha1 inter-rsa "$LEAF" sha1
cert leaf-md5 inter-rsa "$LEAF" md5
cert leaf-rsa1024 inter-rsa "$LEAF" sha256 1024
cert inter-rsa1024 root "$CA" sha256 1024
cert leaf-under-rsa1024 inter-rsa1024 "$LEAF"
cert leaf-v1 inter none
# Host names (issue 13 item 1): a leaf whose only name is its CN (openssl matches it, tlslab
# never does).
cert leaf-cn-only inter '[v3]\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid'
rm -f ext.cnf root.cnf *.key *.srl
# Intermediates out of order with an extra unrelated certificate.
cat unrelated.pem inter-sub.pem inter.pem inter-nc.pem inter-noca.pem inter-nocertsign.pem \
  inter-pathlen0.pem inter-rsa.pem inter-rsa1024.pem inter-nc-forms.pem > untrusted.pem
# What openssl verify says (purpose sslserver, at 2027-01-01).
v() {
  name=$1; shift
  if out=$(openssl verify -attime 1798761600 -CAfile root.pem -untrusted untrusted.pem "$@" "$name.pem" 2>&1); then
    echo "$name=OK" >> verify.txt
  else
    echo "$name=FAIL:$(echo "$out" | sed -n 's/^error [0-9]* at [0-9]* depth lookup: //p' | head -1)" >> verify.txt
  fi
}
for n in leaf leaf-noca leaf-nocertsign leaf-pathlen leaf-keyagreement leaf-clientauth \
         leaf-critical leaf-nc-ok leaf-nc-outside leaf-nc-excluded leaf-nc-ip leaf-sha1 leaf-md5 \
         leaf-rsa1024 leaf-under-rsa1024 leaf-v1 leaf-nc-wildcard leaf-nc-forms-ok \
         leaf-nc-email-out leaf-nc-uri-out leaf-nc-uri-nohost; do
  v "$n" -purpose sslserver
done
v leaf-cn-only -purpose sslserver -verify_hostname leaf-cn-only

#!/usr/bin/env bash
# Makes the PKI test files with `openssl` (3.0) and records what openssl says about them, so the
# tests compare tlslab's parse with openssl's. Run at development time; the outputs are committed
# (keys and signatures are random, so a re-run changes every file, and the tests follow).
#
#   bash tests/data/pki/make.sh
#
# keys/   NAME.pk8.pem/.der (PKCS#8), rsa.pkcs1.*, pN.sec1.* (SEC1), NAME.spki.der, and
#         enc/*.pem: PKCS#8 encrypted with PBES2 for every PRF x cipher tlslab supports, empty and
#         non-ASCII passwords. keys/expected.txt: per key its type, bits and spki_sha256
#         (`openssl pkey -pubout -outform DER | sha256sum`); enc/passwords.txt the passwords.
# certs/  NAME.pem and NAME.der, NAME.txt (`openssl x509 -noout -text`) and NAME.expect:
#         sha256 fingerprint, subject/issuer in RFC 2253 form, serial, dates (text and epoch),
#         spki_sha256, signature algorithm, version; chain-junk.pem (several certificates with
#         text between the blocks and CRLF line ends).
set -euo pipefail
cd "$(dirname "$0")"
export LC_ALL=C TZ=UTC

rm -rf keys certs
mkdir -p keys/enc certs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sha256() { sha256sum | cut -d' ' -f1; }

# --- keys ---------------------------------------------------------------------------------------
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out keys/rsa.pk8.pem 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out keys/p256.pk8.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out keys/p384.pk8.pem
openssl genpkey -algorithm ED25519 -out keys/ed25519.pk8.pem
: >keys/expected.txt
for k in rsa p256 p384 ed25519; do
  # (openssl 3.0's `pkey -outform DER` writes the traditional form; pkcs8 -topk8 writes PKCS#8.)
  openssl pkcs8 -topk8 -nocrypt -in keys/$k.pk8.pem -outform DER -out keys/$k.pk8.der
  openssl pkey -in keys/$k.pk8.pem -pubout -outform DER -out keys/$k.spki.der
  bits=$(openssl pkey -in keys/$k.pk8.pem -noout -text | head -1 | sed -nE 's/.*\(([0-9]+) bit.*/\1/p')
  echo "$k bits=${bits:--} spki_sha256=$(sha256 <keys/$k.spki.der)" >>keys/expected.txt
done
# Traditional encodings: PKCS#1 for RSA, SEC1 for EC (with the curve and the public key).
openssl pkey -in keys/rsa.pk8.pem -traditional -out keys/rsa.pkcs1.pem
openssl rsa -in keys/rsa.pk8.pem -traditional -outform DER -out keys/rsa.pkcs1.der 2>/dev/null
for k in p256 p384; do
  openssl pkey -in keys/$k.pk8.pem -traditional -out keys/$k.sec1.pem
  openssl ec -in keys/$k.pk8.pem -outform DER -out keys/$k.sec1.der 2>/dev/null
done

# Encrypted PKCS#8 (PBES2): every PRF with every cipher on the P-256 key, the default scheme on
# the others, and the awkward passwords.
password='tlslab test password'
nonascii='pässwörd-€-密码'
{
  echo "default=$password"
  echo "nonascii=$nonascii"
  echo "empty="
} >keys/enc/passwords.txt
for prf in hmacWithSHA1 hmacWithSHA224 hmacWithSHA256 hmacWithSHA384 hmacWithSHA512; do
  for cipher in aes-128-cbc aes-192-cbc aes-256-cbc des-ede3-cbc; do
    openssl pkcs8 -topk8 -in keys/p256.pk8.pem -v2 $cipher -v2prf $prf -passout "pass:$password" \
      -out keys/enc/p256-$prf-$cipher.pem
  done
done
for k in rsa p384 ed25519; do
  openssl pkcs8 -topk8 -in keys/$k.pk8.pem -v2 aes-256-cbc -passout "pass:$password" \
    -out keys/enc/$k-default.pem
done
openssl pkcs8 -topk8 -in keys/ed25519.pk8.pem -v2 aes-128-cbc -passout "pass:$nonascii" \
  -out keys/enc/ed25519-nonascii.pem
openssl pkcs8 -topk8 -in keys/rsa.pk8.pem -v2 aes-256-cbc -passout "pass:" \
  -out keys/enc/rsa-empty.pem
openssl pkcs8 -topk8 -in keys/p384.pk8.pem -v2 aes-256-cbc -passout "pass:$password" \
  -outform DER -out keys/enc/p384-default.der
# Sanity: openssl reads every one back to the same key.
for f in keys/enc/*.pem; do
  pass=$password
  case $f in *nonascii*) pass=$nonascii ;; *empty*) pass= ;; esac
  openssl pkey -in "$f" -passin "pass:$pass" -noout
done

# --- certificates -------------------------------------------------------------------------------
cat >"$work/req.cnf" <<'EOF'
oid_section = new_oids
[new_oids]
privateAttr = 1.3.6.1.4.1.99999.3

[req]
distinguished_name = dn
prompt = no
utf8 = yes
string_mask = utf8only
[dn]
CN = unused

[v3_root]
basicConstraints = critical, CA:TRUE, pathlen:1
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[v3_intermediate]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, digitalSignature, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[v3_constrained]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, digitalSignature, keyCertSign, cRLSign
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
nameConstraints = critical, @constraints
[constraints]
permitted;DNS.1 = example.com
permitted;DNS.2 = .example.net
permitted;IP.1 = 192.0.2.0/255.255.255.0
permitted;IP.2 = 2001:db8::/ffff:ffff::
permitted;email.1 = example.com
permitted;dirName.1 = nc_dir
excluded;DNS.1 = forbidden.example.com
excluded;URI.1 = .bad.example
[nc_dir]
C = DE
O = tlslab test

[v3_leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyAgreement
extendedKeyUsage = serverAuth, clientAuth, codeSigning, emailProtection, timeStamping, OCSPSigning, 1.3.6.1.4.1.99999.1
subjectAltName = @alt
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer:always
certificatePolicies = 2.23.140.1.2.1, @policy
authorityInfoAccess = OCSP;URI:http://ocsp.example.com/, caIssuers;URI:http://ca.example.com/int.crt
crlDistributionPoints = URI:http://crl.example.com/int.crl
issuerAltName = email:ca@example.com, URI:http://ca.example.com/
[alt]
DNS.1 = www.example.com
DNS.2 = *.example.com
IP.1 = 192.0.2.10
IP.2 = 2001:db8::1:0:0:42
email.1 = admin@example.com
URI.1 = https://www.example.com/path?q=1
RID.1 = 1.2.3.4
dirName.1 = san_dir
otherName.1 = 1.3.6.1.4.1.311.20.2.3;UTF8:user@example.com
[san_dir]
C = DE
O = tlslab test
CN = directory name
[policy]
policyIdentifier = 1.3.6.1.4.1.99999.2
CPS.1 = https://www.example.com/cps

[v3_client]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
nsCertType = client, email
nsComment = "tlslab test client"
subjectAltName = email:client@example.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[v3_unknown_critical]
basicConstraints = critical, CA:FALSE
1.3.6.1.4.1.99999.7 = critical, ASN1:UTF8String:must be understood
1.3.6.1.4.1.99999.8 = ASN1:INTEGER:42
subjectKeyIdentifier = hash

[v3_plain]
subjectKeyIdentifier = hash

[v3_empty_subject]
subjectAltName = critical, DNS:nameless.example.com
EOF

cat >"$work/ca.cnf" <<EOF
oid_section = new_oids
[new_oids]
privateAttr = 1.3.6.1.4.1.99999.3
[ca]
default_ca = tlslab
[tlslab]
dir = $work/ca
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
default_md = sha256
policy = any
unique_subject = no
email_in_dn = yes
copy_extensions = none
preserve = yes
[any]
domainComponent = optional
countryName = optional
stateOrProvinceName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
commonName = optional
serialNumber = optional
userId = optional
emailAddress = optional
privateAttr = optional
EOF
mkdir -p "$work/ca/new"
: >"$work/ca/index.txt"
echo 1000 >"$work/ca/serial"

# csr KEY SUBJECT [req options...]: a CSR on stdout's file $work/csr.pem
csr() {
  local key=$1 subject=$2
  shift 2
  openssl req -new -config "$work/req.cnf" -key "$key" -subj "$subject" -out "$work/csr.pem" "$@"
}

# sign NAME CA_NAME EXTENSIONS START END [ca options...]: certs/NAME.pem from $work/csr.pem with
# exact dates (openssl ca keeps UTCTime before 2050 and GeneralizedTime from 2050, RFC 5280).
sign() {
  local name=$1 ca=$2 ext=$3 start=$4 end=$5
  shift 5
  local ca_cert=certs/$ca.pem ca_key=$work/$ca.key
  if [ "$ca" = self ]; then ca_cert=; fi
  if [ -z "$ca_cert" ]; then
    openssl ca -batch -config "$work/ca.cnf" -selfsign -keyfile "$work/$name.key" \
      -in "$work/csr.pem" -extfile "$work/req.cnf" -extensions "$ext" \
      -startdate "$start" -enddate "$end" -notext -out "certs/$name.pem" "$@" 2>/dev/null
  else
    openssl ca -batch -config "$work/ca.cnf" -cert "$ca_cert" -keyfile "$ca_key" \
      -in "$work/csr.pem" -extfile "$work/req.cnf" -extensions "$ext" \
      -startdate "$start" -enddate "$end" -notext -out "certs/$name.pem" "$@" 2>/dev/null
  fi
}

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/root-rsa.key" 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$work/int-p384.key"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$work/int-constrained.key"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$work/int-rsa.key" 2>/dev/null
cp keys/p256.pk8.pem "$work/leaf-p256.key"
cp keys/ed25519.pk8.pem "$work/client-ed25519.key"
cp keys/rsa.pk8.pem "$work/leaf-rsa.key"
cp keys/p384.pk8.pem "$work/leaf-p384.key"

# Root (RSA, self-signed), constrained intermediate (P-384, name constraints, EKU), leaf (P-256,
# every extension); a plain P-384 intermediate signs the other ECDSA certificates.
csr "$work/root-rsa.key" "/C=DE/O=tlslab test/OU=PKI/CN=tlslab Test Root CA"
sign root-rsa self v3_root 20240101000000Z 21240101000000Z
csr "$work/int-constrained.key" "/C=DE/O=tlslab test/CN=tlslab Test Constrained Intermediate"
sign int-constrained root-rsa v3_constrained 20240102000000Z 20491231235959Z -md sha384
csr "$work/leaf-p256.key" "/C=DE/O=tlslab test/OU=servers/CN=www.example.com"
sign leaf-p256 int-constrained v3_leaf 20240103120000Z 20510601120000Z -md sha384
csr "$work/int-p384.key" "/C=DE/O=tlslab test/CN=tlslab Test Intermediate P-384"
sign int-p384 root-rsa v3_intermediate 20240102000000Z 20491231235959Z -md sha384
# An Ed25519 client (Ed25519 key, signed by the RSA root with SHA-512).
csr "$work/client-ed25519.key" "/O=tlslab test/CN=client ed25519/emailAddress=client@example.com"
sign client-ed25519 root-rsa v3_client 20240104000000Z 20340104000000Z -md sha512
# An RSA intermediate signing with RSASSA-PSS: SHA-256/MGF1-SHA-256/salt 32 (the TLS choice),
# SHA-512 with MGF1-SHA-1 and a 20-byte salt, and SHA-384 with the maximum salt.
csr "$work/int-rsa.key" "/O=tlslab test/CN=tlslab Test RSA Intermediate"
sign int-rsa root-rsa v3_root 20240105000000Z 20440105000000Z -md sha1
csr "$work/leaf-rsa.key" "/O=tlslab test/CN=pss sha256"
sign pss-sha256 int-rsa v3_plain 20240106000000Z 20340106000000Z -md sha256 \
  -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha256
csr "$work/leaf-rsa.key" "/O=tlslab test/CN=pss sha512 mgf1 sha1"
sign pss-sha512-mgf1-sha1 int-rsa v3_plain 20240106000000Z 20340106000000Z -md sha512 \
  -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:20 -sigopt rsa_mgf1_md:sha1
csr "$work/leaf-rsa.key" "/O=tlslab test/CN=pss sha384 max salt"
sign pss-sha384-maxsalt int-rsa v3_plain 20240106000000Z 20340106000000Z -md sha384 \
  -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:max
csr "$work/leaf-rsa.key" "/O=tlslab test/CN=rsa sha512"
sign rsa-sha512 int-rsa v3_plain 20240106000000Z 20340106000000Z -md sha512
# ECDSA with SHA-256 and SHA-512 from the P-384 intermediate, P-384 leaf.
csr "$work/leaf-p384.key" "/O=tlslab test/CN=ecdsa sha256"
sign ecdsa-sha256 int-p384 v3_plain 20240107000000Z 20340107000000Z -md sha256
csr "$work/leaf-p384.key" "/O=tlslab test/CN=ecdsa sha512"
sign ecdsa-sha512 int-p384 v3_plain 20240107000000Z 20340107000000Z -md sha512
# Names that need escaping, multi-valued RDNs, non-ASCII (UTF8String and BMPString), DC, UID,
# serialNumber, and an attribute type openssl has no name for.
csr "$work/leaf-p384.key" \
  "/DC=com/DC=example/C=DE/O=Comma, Inc.+OU=Plus\\+Sign/OU=a\\\\b \"quoted\" <angle>;semi=eq/CN=#hash lead/CN= spaces  /CN=Grüße 東京/serialNumber=0042/UID=jdoe/emailAddress=names@example.com/privateAttr=private attr" \
  -multivalue-rdn
# (openssl ca rebuilds the DN and would split the multi-valued RDN; x509 -req copies it.)
openssl x509 -req -in "$work/csr.pem" -CA certs/int-p384.pem -CAkey "$work/int-p384.key" \
  -extfile "$work/req.cnf" -extensions v3_plain -set_serial 4242 -days 3650 -sha256 \
  -out certs/names.pem 2>/dev/null
sed -i 's/^string_mask = utf8only/string_mask = pkix/' "$work/req.cnf"
csr "$work/leaf-p384.key" "/C=DE/CN=bmp Grüße/O=bmp 東京"
sed -i 's/^string_mask = pkix/string_mask = utf8only/' "$work/req.cnf"
sign bmp-names int-p384 v3_plain 20240108000000Z 20340108000000Z -md sha256
# An unknown critical extension (parsed and recorded: path validation must reject it).
csr "$work/leaf-p384.key" "/CN=unknown critical extension"
sign unknown-critical int-p384 v3_unknown_critical 20240109000000Z 20340109000000Z -md sha256
# An empty subject with a critical subjectAltName (RFC 5280 §4.2.1.6).
csr "$work/leaf-p384.key" "/"
sign empty-subject int-p384 v3_empty_subject 20240109000000Z 20340109000000Z -md sha256
# A version 1 certificate (no extensions), serial chosen, made by openssl x509 -req.
csr "$work/leaf-p384.key" "/CN=version one"
openssl x509 -req -in "$work/csr.pem" -CA certs/root-rsa.pem -CAkey "$work/root-rsa.key" \
  -set_serial 0x00f1e2d3c4b5a69788 -days 3650 -sha256 -out certs/v1.pem 2>/dev/null
# Self-signed Ed25519 (the signature algorithm ED25519).
openssl req -x509 -new -config "$work/req.cnf" -key keys/ed25519.pk8.pem \
  -subj "/CN=self-signed ed25519" -extensions v3_root -days 7300 -out certs/self-ed25519.pem

for f in certs/*.pem; do
  name=$(basename "$f" .pem)
  openssl x509 -in "$f" -outform DER -out "certs/$name.der"
  openssl x509 -in "$f" -noout -text >"certs/$name.txt"
  start=$(openssl x509 -in "$f" -noout -startdate | cut -d= -f2)
  end=$(openssl x509 -in "$f" -noout -enddate | cut -d= -f2)
  {
    echo "sha256=$(openssl x509 -in "$f" -noout -fingerprint -sha256 | cut -d= -f2)"
    echo "subject=$(openssl x509 -in "$f" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')"
    echo "issuer=$(openssl x509 -in "$f" -noout -issuer -nameopt RFC2253 | sed 's/^issuer=//')"
    echo "subject_oneline=$(openssl x509 -in "$f" -noout -subject | sed 's/^subject=//')"
    echo "serial=$(openssl x509 -in "$f" -noout -serial | cut -d= -f2)"
    echo "not_before=$start"
    echo "not_after=$end"
    echo "not_before_epoch=$(date -u -d "$start" +%s)"
    echo "not_after_epoch=$(date -u -d "$end" +%s)"
    echo "spki_sha256=$(openssl x509 -in "$f" -noout -pubkey | openssl pkey -pubin -outform DER | sha256)"
    echo "signature_algorithm=$(grep -m1 'Signature Algorithm:' "certs/$name.txt" | sed 's/.*: //; s/ *$//')"
    echo "version=$(grep -m1 'Version:' "certs/$name.txt" | sed -E 's/ *Version: ([0-9]+).*/\1/')"
  } >"certs/$name.expect"
done

# Issuer relations openssl confirms (the tests check the same signatures).
: >certs/verified.txt
verify() { # CHILD ISSUER
  openssl verify -partial_chain -no_check_time -CAfile "certs/$2.pem" "certs/$1.pem" >/dev/null
  echo "$1 $2" >>certs/verified.txt
}
verify root-rsa root-rsa
verify int-p384 root-rsa
verify int-constrained root-rsa
verify leaf-p256 int-constrained
verify client-ed25519 root-rsa
verify int-rsa root-rsa
for c in pss-sha256 pss-sha512-mgf1-sha1 pss-sha384-maxsalt rsa-sha512; do verify $c int-rsa; done
for c in ecdsa-sha256 ecdsa-sha512 names bmp-names empty-subject; do verify $c int-p384; done
verify v1 root-rsa
verify self-ed25519 self-ed25519

# Several certificates in one file, with what OpenSSL ignores between blocks, CRLF line ends.
{
  echo "Bag Attributes"
  echo "    friendlyName: leaf"
  echo "subject=$(openssl x509 -in certs/leaf-p256.pem -noout -subject)"
  cat certs/leaf-p256.pem
  echo "some junk between blocks ----- (ignored)"
  cat keys/p256.pk8.pem
  echo
  cat certs/int-constrained.pem
  cat certs/root-rsa.pem
} | sed 's/$/\r/' >certs/chain-junk.pem

echo "made $(ls keys keys/enc certs | wc -l) files" >&2

# --- seed corpora for the fuzz targets (fuzz/corpus/{der,x509,pem,pkcs8}) -----------------------
corpus=../../../fuzz/corpus
rm -rf "$corpus/der" "$corpus/x509" "$corpus/pem" "$corpus/pkcs8"
mkdir -p "$corpus/der" "$corpus/x509" "$corpus/pem" "$corpus/pkcs8"
# fuzz_der: the first byte chooses DER (even) or BER (odd).
for f in certs/*.der keys/*.der keys/enc/*.der; do
  { printf '\000'; cat "$f"; } >"$corpus/der/$(basename "$f")"
done
# BER: indefinite lengths, a constructed OCTET STRING of segments (as PKCS#12 producers write).
printf '\001\060\200\044\200\004\002ab\044\003\004\001c\000\000\002\001\007\000\000' \
  >"$corpus/der/ber-indefinite"
cp certs/*.der "$corpus/x509/"
cp certs/root-rsa.pem certs/leaf-p256.pem certs/names.pem certs/chain-junk.pem keys/*.pem \
  keys/enc/p256-hmacWithSHA256-aes-256-cbc.pem keys/enc/ed25519-default.pem "$corpus/pem/"
cp keys/*.der keys/enc/p384-default.der "$corpus/pkcs8/"

#!/bin/sh
# Regenerates the RSA known-answer data of tests/crypto/test_rsa.cpp with the openssl command
# line (OpenSSL 3). Run once; the outputs are committed, and running it again replaces the key,
# so every file here changes together. Hex files hold lower-case hex without separators.
#
#   key.pem, pub.pem       a fresh RSA-2048 key (test-only, never used for anything else)
#   key.txt                its RSAPrivateKey components (RFC 8017 A.1.2) as "name = hex"
#   small_key.txt          the n and e of a 512-bit key, which imports must refuse
#   message.txt            the signed message
#   sig_pkcs1_SHA.hex      RSASSA-PKCS1-v1_5 signatures (deterministic, compared byte-exact)
#   sig_pss_SHA.hex        RSASSA-PSS, MGF1 with the same hash, salt length = digest length
#                          (RFC 8446 §4.2.3); random salts, so they are verified, not compared
#   sig_pss_sha256_salt0.hex, sig_pss_sha256_saltmax.hex
#                          PSS with other salt lengths, which RFC 8446 §4.2.3 forbids
#   premaster.hex          a PreMasterSecret (client_version 3,3 and 46 random bytes)
#   premaster_enc.hex      it, encrypted with RSAES-PKCS1-v1_5 under pub.pem
set -eu
cd "$(dirname "$0")"

hex() { od -An -v -tx1 "$1" | tr -d ' \n'; echo; }

# Prints "name = hex" for the INTEGERs of a PKCS#1 RSAPrivateKey, in the order of RFC 8017
# A.1.2, skipping the version.
components() {
  openssl rsa -in "$1" -traditional -outform DER 2>/dev/null |
    openssl asn1parse -inform DER |
    awk -F: '/prim: INTEGER/ { print tolower($NF) }' |
    awk 'BEGIN { split("version n e d p q dp dq qinv", names, " ") }
         NR > 1 { print names[NR] " = " $0 }'
}

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out key.pem
openssl pkey -in key.pem -pubout -out pub.pem
components key.pem > key.txt

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:512 -out small.pem
components small.pem | grep -E '^(n|e) ' > small_key.txt
rm small.pem

printf 'tlslab RSA known-answer test: the quick brown fox jumps over the lazy dog\n' > message.txt

for h in sha1 sha224 sha256 sha384 sha512; do
  openssl dgst -"$h" -sign key.pem -out sig.bin message.txt
  hex sig.bin > "sig_pkcs1_$h.hex"
done
for h in sha256 sha384 sha512; do
  openssl dgst -"$h" -sign key.pem -sigopt rsa_padding_mode:pss \
    -sigopt rsa_pss_saltlen:digest -sigopt rsa_mgf1_md:"$h" -out sig.bin message.txt
  hex sig.bin > "sig_pss_$h.hex"
done
for salt in 0 max; do
  openssl dgst -sha256 -sign key.pem -sigopt rsa_padding_mode:pss \
    -sigopt rsa_pss_saltlen:"$salt" -sigopt rsa_mgf1_md:sha256 -out sig.bin message.txt
  hex sig.bin > "sig_pss_sha256_salt$salt.hex"
done
rm sig.bin

{ printf '\003\003'; openssl rand 46; } > premaster.bin
openssl pkeyutl -encrypt -pubin -inkey pub.pem -pkeyopt rsa_padding_mode:pkcs1 \
  -in premaster.bin -out premaster_enc.bin
hex premaster.bin > premaster.hex
hex premaster_enc.bin > premaster_enc.hex
rm premaster.bin premaster_enc.bin

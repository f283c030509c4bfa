// Keys in their standard encodings: SubjectPublicKeyInfo (RFC 5280 §4.1.2.7 with RFC 3279,
// RFC 5480, RFC 8410), PKCS#8 PrivateKeyInfo/OneAsymmetricKey (RFC 5208, RFC 5958) plain and
// encrypted with PBES2, PKCS#1 RSAPrivateKey (RFC 8017 §A.1.2), SEC1 ECPrivateKey (RFC 5915),
// Ed25519 (RFC 8410 §7); readers to the crypto provider's key material, writers back, and the
// check that a private key belongs to a certificate.
//
// Supported: RSA, EC on P-256 and P-384 with named curves, Ed25519. Other algorithms (DSA,
// P-521, Ed448, X25519, RSASSA-PSS-restricted keys, explicit curve parameters, compressed points)
// are reported as unsupported (Error(unsupported_certificate)), malformed encodings as the alert
// the caller chose (decode_error by default, for files).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tlslab/alert.hpp"
#include "tlslab/bytes.hpp"
#include "tlslab/crypto/provider.hpp"
#include "tlslab/pki/algorithm.hpp"
#include "tlslab/pki/der.hpp"
#include "tlslab/pki/pbes2.hpp"

namespace tlslab::pki {

// --- public keys ----------------------------------------------------------------------------

struct SubjectPublicKeyInfo {
  ByteView der;  // the whole SEQUENCE (what "spki_sha256" hashes)
  AlgorithmIdentifier algorithm;
  ByteView subject_public_key;                   // the BIT STRING's bytes
  std::optional<crypto::PublicKeyMaterial> key;  // std::nullopt when unsupported
  std::string unsupported_reason;                // why `key` is empty

  // Key size in bits: RSA modulus length, 256/384 for the curves, 256 for Ed25519.
  std::size_t bits() const noexcept;
};

// Reads a SubjectPublicKeyInfo. Malformed encodings of supported algorithms fail; unsupported
// algorithms are returned with `key` empty and the reason, so certificates can be inspected.
SubjectPublicKeyInfo read_spki(der::Reader& r, der::FieldName field);
// The same over a whole buffer (DER of one SubjectPublicKeyInfo), views into `der`.
SubjectPublicKeyInfo parse_spki(ByteView der,
                                AlertDescription alert = AlertDescription::decode_error);
// The key of a SubjectPublicKeyInfo; Error(unsupported_certificate) when tlslab lacks it.
crypto::PublicKeyMaterial public_key_from_spki(
    ByteView der, AlertDescription alert = AlertDescription::decode_error);
// DER SubjectPublicKeyInfo of a key, as OpenSSL writes it (RSA with NULL parameters, EC with the
// named curve and the uncompressed point, Ed25519 without parameters).
Bytes encode_spki(const crypto::PublicKeyMaterial& key);

crypto::KeyType key_type(const crypto::PublicKeyMaterial& key) noexcept;
std::size_t key_bits(const crypto::PublicKeyMaterial& key) noexcept;
// Whether two public keys are the same key (integers compared without leading zeros).
bool same_public_key(const crypto::PublicKeyMaterial& a, const crypto::PublicKeyMaterial& b);

// --- private keys ---------------------------------------------------------------------------

// A private key as read from a file. The material is wiped when the object dies.
struct PrivateKeyInfo {
  crypto::PrivateKeyMaterial key;
  // The public key when the encoding carried one (SEC1 publicKey, RFC 5958 v2 publicKey);
  // written back by encode_pkcs8.
  std::optional<crypto::PublicKeyMaterial> public_key;

  crypto::KeyType type() const noexcept;

  PrivateKeyInfo() = default;
  PrivateKeyInfo(crypto::PrivateKeyMaterial k, std::optional<crypto::PublicKeyMaterial> p)
      : key(std::move(k)), public_key(std::move(p)) {}
  PrivateKeyInfo(const PrivateKeyInfo&) = default;
  PrivateKeyInfo(PrivateKeyInfo&&) = default;
  PrivateKeyInfo& operator=(const PrivateKeyInfo&) = default;
  PrivateKeyInfo& operator=(PrivateKeyInfo&&) = default;
  ~PrivateKeyInfo();
};

// PKCS#8 PrivateKeyInfo / OneAsymmetricKey DER ("PRIVATE KEY" PEM). Attributes are skipped.
PrivateKeyInfo parse_pkcs8(ByteView der, AlertDescription alert = AlertDescription::decode_error);
// PKCS#1 RSAPrivateKey DER ("RSA PRIVATE KEY"), two-prime keys.
PrivateKeyInfo parse_rsa_private_key(ByteView der,
                                     AlertDescription alert = AlertDescription::decode_error);
// SEC1 ECPrivateKey DER ("EC PRIVATE KEY"). The curve comes from its parameters, or from
// `curve` (PKCS#8 puts it in the AlgorithmIdentifier); when both are given they must agree.
PrivateKeyInfo parse_ec_private_key(ByteView der,
                                    AlertDescription alert = AlertDescription::decode_error,
                                    std::optional<crypto::NamedGroup> curve = std::nullopt);

// PKCS#8 DER as OpenSSL 3 writes it: version 0 (1 for Ed25519 with a public key); RSA with NULL
// parameters and a full CRT RSAPrivateKey (the material must have p..qinv); EC as ECPrivateKey
// version 1 with the scalar and, when known, the public key, the curve only in the
// AlgorithmIdentifier; Ed25519 as CurvePrivateKey. Secret output.
SecretBytes encode_pkcs8(const PrivateKeyInfo& key);

// EncryptedPrivateKeyInfo (RFC 5958 §3, "ENCRYPTED PRIVATE KEY"): its algorithm and, for PBES2,
// the parsed parameters.
struct EncryptedPrivateKeyInfo {
  AlgorithmIdentifier algorithm;
  std::optional<Pbes2Parameters> pbes2;  // when algorithm is id-PBES2
  ByteView encrypted_data;
};
EncryptedPrivateKeyInfo parse_encrypted_pkcs8(
    ByteView der, AlertDescription alert = AlertDescription::decode_error);
// Decrypts (PBES2 only; PKCS#12 PBE schemes are the PKCS#12 code's) and parses the PKCS#8
// inside. `password` is UTF-8, used as is. A wrong password: Error(decrypt_error) whose reason
// says "wrong password" (bad padding, or a decryption that does not parse as PKCS#8).
PrivateKeyInfo decrypt_pkcs8(ByteView der, std::string_view password, const PbeLimits& limits = {},
                             AlertDescription alert = AlertDescription::decode_error);

// A private key file: PEM (the first block labelled PRIVATE KEY, ENCRYPTED PRIVATE KEY, RSA
// PRIVATE KEY or EC PRIVATE KEY; other blocks such as EC PARAMETERS are skipped) or DER (any of
// the four, recognised by structure). An encrypted key without a password:
// Error(decrypt_error, "... needs a password"). Errors name the PEM block.
PrivateKeyInfo load_private_key(ByteView file, std::optional<std::string_view> password,
                                const PbeLimits& limits = {});

// Whether `key` is the private half of `certified` (a certificate's public key).
bool key_matches(const crypto::PrivateKey& key, const crypto::PublicKeyMaterial& certified);

}  // namespace tlslab::pki

// AlgorithmIdentifier (RFC 5280 §4.1.1.2) and what tlslab makes of the ones it meets: signature
// algorithms of certificates (RFC 4055, RFC 5758, RFC 8410) with their verification through the
// crypto provider, and the hash/HMAC identifiers PKCS#5 and PKCS#12 use.
#pragma once

#include <optional>
#include <string>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/algorithms.hpp"
#include "tlslab/crypto/provider.hpp"
#include "tlslab/crypto/rsa_pss.hpp"
#include "tlslab/pki/der.hpp"
#include "tlslab/pki/oid.hpp"

namespace tlslab::pki {

// AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
struct AlgorithmIdentifier {
  Oid oid;
  ByteView der;         // the whole SEQUENCE
  ByteView parameters;  // the parameters element (tag, length, contents); empty when absent
  // Reads `parameters` with errors named "<field>.parameters" (empty when absent).
  der::Reader parameters_reader;

  bool parameters_absent() const noexcept { return parameters.empty(); }
  bool parameters_null() const noexcept {
    return parameters.size() == 2 && parameters[0] == 0x05 && parameters[1] == 0x00;
  }
};

AlgorithmIdentifier read_algorithm_identifier(der::Reader& r, der::FieldName field);

// The hash of a hash OID (sha1, sha224, ...) / of an HMAC OID (hmacWithSHA256, ...).
std::optional<crypto::HashAlgorithm> hash_from_oid(OidId id) noexcept;
std::optional<crypto::HashAlgorithm> hmac_hash_from_oid(OidId id) noexcept;
OidId hash_oid(crypto::HashAlgorithm h) noexcept;
OidId hmac_oid(crypto::HashAlgorithm h) noexcept;
// A HashAlgorithm AlgorithmIdentifier (RFC 4055 §2.1, RFC 5754 §2): a known hash OID with NULL or
// absent parameters; anything else fails naming `field`.
crypto::HashAlgorithm read_hash_algorithm(der::Reader& r, der::FieldName field);

// A signature algorithm as a certificate (or CRL, OCSP response, CSR) names it.
struct SignatureAlgorithm {
  enum class Kind : std::uint8_t { unsupported, rsa_pkcs1, rsa_pss, ecdsa, ed25519 };
  Kind kind = Kind::unsupported;
  crypto::HashAlgorithm hash = crypto::HashAlgorithm::sha256;  // not for ed25519
  crypto::RsaPssParameters pss;  // rsa_pss only (the message hash is also in `hash`)
  AlgorithmIdentifier id;
  std::string unsupported_reason;  // kind == unsupported: why

  // OpenSSL's name ("sha256WithRSAEncryption", "rsassaPss", "ecdsa-with-SHA384", "ED25519"),
  // or the dotted OID.
  std::string name() const { return id.oid.display_name(); }
  // The TLS SignatureScheme crypto::PublicKey::verify() checks it with, when there is one
  // (every supported algorithm except RSASSA-PSS with other than the TLS parameters).
  std::optional<crypto::SignatureScheme> scheme() const noexcept;
};

// Reads an AlgorithmIdentifier used for a signature (RFC 5280 §4.1.1.2). Supported algorithms
// with wrong parameters (RSA PKCS#1 v1.5 with parameters other than NULL/absent, ECDSA or
// Ed25519 with parameters, malformed RSASSA-PSS-params) fail naming the field; unknown or
// unsupported algorithms (MD5, DSA, SHA-224 RSA, Ed448, ...) are returned with
// kind == unsupported, so that a certificate using one can still be inspected.
SignatureAlgorithm read_signature_algorithm(der::Reader& r, der::FieldName field);

// Checks `signature` over `message` with `key`. Returns false when the signature does not
// verify. Throws Error(unsupported_certificate) for an unsupported algorithm, and
// Error(bad_certificate) when the key's type cannot make such signatures (an ECDSA algorithm
// with an RSA key); `what` names the signed object in these reasons ("certificate CN=leaf").
bool verify_signature(const SignatureAlgorithm& algorithm, const crypto::PublicKey& key,
                      ByteView message, ByteView signature, std::string_view what);

}  // namespace tlslab::pki

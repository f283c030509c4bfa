#include "tlslab/handshake/config.hpp"

#include <chrono>

#include "tlslab/registry.hpp"

namespace tlslab::handshake {

std::int64_t system_clock_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::vector<std::uint16_t> default_cipher_suites() {
  // The registry's default set (ECDHE + AEAD) in table order: ECDSA before RSA, then
  // AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305.
  std::vector<std::uint16_t> out;
  for (const auto& s : registry::cipher_suites()) {
    if (s.default_enabled) out.push_back(s.code);
  }
  return out;
}

std::vector<std::uint16_t> default_groups() {
  using crypto::NamedGroup;
  return {static_cast<std::uint16_t>(NamedGroup::x25519),
          static_cast<std::uint16_t>(NamedGroup::secp256r1),
          static_cast<std::uint16_t>(NamedGroup::secp384r1)};
}

std::vector<std::uint16_t> default_signature_schemes() {
  // TLS 1.2 ties no curve to an ECDSA hash (RFC 8422 §5.1.3), so ecdsa_secp521r1_sha512 is
  // SHA-512 with any curve; the SHA-224 pairs (112-bit strength, still allowed by NIST and by
  // OpenSSL's default security level) come last. SHA-1 and MD5 are left out (RFC 9155).
  using S = crypto::SignatureScheme;
  std::vector<std::uint16_t> out;
  for (S s :
       {S::ecdsa_secp256r1_sha256, S::ecdsa_secp384r1_sha384, S::ecdsa_secp521r1_sha512, S::ed25519,
        S::rsa_pss_rsae_sha256, S::rsa_pss_rsae_sha384, S::rsa_pss_rsae_sha512, S::rsa_pkcs1_sha256,
        S::rsa_pkcs1_sha384, S::rsa_pkcs1_sha512, S::ecdsa_sha224, S::rsa_pkcs1_sha224}) {
    out.push_back(static_cast<std::uint16_t>(s));
  }
  return out;
}

}  // namespace tlslab::handshake

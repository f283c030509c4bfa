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
  using S = crypto::SignatureScheme;
  std::vector<std::uint16_t> out;
  for (S s : {S::ecdsa_secp256r1_sha256, S::ecdsa_secp384r1_sha384, S::ed25519,
              S::rsa_pss_rsae_sha256, S::rsa_pss_rsae_sha384, S::rsa_pss_rsae_sha512,
              S::rsa_pkcs1_sha256, S::rsa_pkcs1_sha384, S::rsa_pkcs1_sha512}) {
    out.push_back(static_cast<std::uint16_t>(s));
  }
  return out;
}

}  // namespace tlslab::handshake

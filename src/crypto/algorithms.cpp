#include "tlslab/crypto/algorithms.hpp"

namespace tlslab::crypto {

std::size_t digest_size(HashAlgorithm h) noexcept {
  switch (h) {
    case HashAlgorithm::sha1:
      return 20;
    case HashAlgorithm::sha224:
      return 28;
    case HashAlgorithm::sha256:
      return 32;
    case HashAlgorithm::sha384:
      return 48;
    case HashAlgorithm::sha512:
      return 64;
  }
  return 0;
}

std::size_t hash_block_size(HashAlgorithm h) noexcept {
  return (h == HashAlgorithm::sha384 || h == HashAlgorithm::sha512) ? 128 : 64;
}

std::string_view hash_name(HashAlgorithm h) noexcept {
  switch (h) {
    case HashAlgorithm::sha1:
      return "SHA-1";
    case HashAlgorithm::sha224:
      return "SHA-224";
    case HashAlgorithm::sha256:
      return "SHA-256";
    case HashAlgorithm::sha384:
      return "SHA-384";
    case HashAlgorithm::sha512:
      return "SHA-512";
  }
  return "unknown";
}

std::size_t aead_key_size(AeadAlgorithm a) noexcept {
  return a == AeadAlgorithm::aes_128_gcm ? 16 : 32;
}

std::string_view aead_name(AeadAlgorithm a) noexcept {
  switch (a) {
    case AeadAlgorithm::aes_128_gcm:
      return "AES-128-GCM";
    case AeadAlgorithm::aes_256_gcm:
      return "AES-256-GCM";
    case AeadAlgorithm::chacha20_poly1305:
      return "ChaCha20-Poly1305";
  }
  return "unknown";
}

std::size_t cbc_key_size(CbcAlgorithm c) noexcept {
  switch (c) {
    case CbcAlgorithm::aes_128_cbc:
      return 16;
    case CbcAlgorithm::aes_256_cbc:
      return 32;
    case CbcAlgorithm::des_ede3_cbc:
      return 24;
  }
  return 0;
}

std::size_t cbc_block_size(CbcAlgorithm c) noexcept {
  return c == CbcAlgorithm::des_ede3_cbc ? 8 : 16;
}

std::string_view cbc_name(CbcAlgorithm c) noexcept {
  switch (c) {
    case CbcAlgorithm::aes_128_cbc:
      return "AES-128-CBC";
    case CbcAlgorithm::aes_256_cbc:
      return "AES-256-CBC";
    case CbcAlgorithm::des_ede3_cbc:
      return "DES-EDE3-CBC";
  }
  return "unknown";
}

std::string_view group_name(NamedGroup g) noexcept {
  switch (g) {
    case NamedGroup::secp256r1:
      return "secp256r1";
    case NamedGroup::secp384r1:
      return "secp384r1";
    case NamedGroup::x25519:
      return "x25519";
    case NamedGroup::ffdhe2048:
      return "ffdhe2048";
    case NamedGroup::ffdhe3072:
      return "ffdhe3072";
    case NamedGroup::ffdhe4096:
      return "ffdhe4096";
    case NamedGroup::ffdhe6144:
      return "ffdhe6144";
    case NamedGroup::ffdhe8192:
      return "ffdhe8192";
  }
  return "unknown";
}

bool is_ffdhe(NamedGroup g) noexcept {
  return g == NamedGroup::ffdhe2048 || g == NamedGroup::ffdhe3072 || g == NamedGroup::ffdhe4096 ||
         g == NamedGroup::ffdhe6144 || g == NamedGroup::ffdhe8192;
}

std::string_view signature_scheme_name(SignatureScheme s) noexcept {
  switch (s) {
    case SignatureScheme::rsa_pkcs1_sha1:
      return "rsa_pkcs1_sha1";
    case SignatureScheme::ecdsa_sha1:
      return "ecdsa_sha1";
    case SignatureScheme::rsa_pkcs1_sha224:
      return "rsa_sha224";
    case SignatureScheme::ecdsa_sha224:
      return "ecdsa_sha224";
    case SignatureScheme::rsa_pkcs1_sha256:
      return "rsa_pkcs1_sha256";
    case SignatureScheme::ecdsa_secp256r1_sha256:
      return "ecdsa_secp256r1_sha256";
    case SignatureScheme::rsa_pkcs1_sha384:
      return "rsa_pkcs1_sha384";
    case SignatureScheme::ecdsa_secp384r1_sha384:
      return "ecdsa_secp384r1_sha384";
    case SignatureScheme::rsa_pkcs1_sha512:
      return "rsa_pkcs1_sha512";
    case SignatureScheme::ecdsa_secp521r1_sha512:
      return "ecdsa_secp521r1_sha512";
    case SignatureScheme::rsa_pss_rsae_sha256:
      return "rsa_pss_rsae_sha256";
    case SignatureScheme::rsa_pss_rsae_sha384:
      return "rsa_pss_rsae_sha384";
    case SignatureScheme::rsa_pss_rsae_sha512:
      return "rsa_pss_rsae_sha512";
    case SignatureScheme::ed25519:
      return "ed25519";
  }
  return "unknown";
}

std::string_view key_type_name(KeyType k) noexcept {
  switch (k) {
    case KeyType::rsa:
      return "RSA";
    case KeyType::ec_p256:
      return "EC P-256";
    case KeyType::ec_p384:
      return "EC P-384";
    case KeyType::ed25519:
      return "Ed25519";
  }
  return "unknown";
}

std::optional<SignatureFamily> signature_family(SignatureScheme s) noexcept {
  switch (s) {
    case SignatureScheme::rsa_pkcs1_sha1:
    case SignatureScheme::rsa_pkcs1_sha224:
    case SignatureScheme::rsa_pkcs1_sha256:
    case SignatureScheme::rsa_pkcs1_sha384:
    case SignatureScheme::rsa_pkcs1_sha512:
      return SignatureFamily::rsa_pkcs1;
    case SignatureScheme::rsa_pss_rsae_sha256:
    case SignatureScheme::rsa_pss_rsae_sha384:
    case SignatureScheme::rsa_pss_rsae_sha512:
      return SignatureFamily::rsa_pss;
    case SignatureScheme::ecdsa_sha1:
    case SignatureScheme::ecdsa_sha224:
    case SignatureScheme::ecdsa_secp256r1_sha256:
    case SignatureScheme::ecdsa_secp384r1_sha384:
    case SignatureScheme::ecdsa_secp521r1_sha512:
      return SignatureFamily::ecdsa;
    case SignatureScheme::ed25519:
      return SignatureFamily::ed25519;
  }
  return std::nullopt;
}

std::optional<HashAlgorithm> signature_hash(SignatureScheme s) noexcept {
  switch (s) {
    case SignatureScheme::rsa_pkcs1_sha1:
    case SignatureScheme::ecdsa_sha1:
      return HashAlgorithm::sha1;
    case SignatureScheme::rsa_pkcs1_sha224:
    case SignatureScheme::ecdsa_sha224:
      return HashAlgorithm::sha224;
    case SignatureScheme::rsa_pkcs1_sha256:
    case SignatureScheme::ecdsa_secp256r1_sha256:
    case SignatureScheme::rsa_pss_rsae_sha256:
      return HashAlgorithm::sha256;
    case SignatureScheme::rsa_pkcs1_sha384:
    case SignatureScheme::ecdsa_secp384r1_sha384:
    case SignatureScheme::rsa_pss_rsae_sha384:
      return HashAlgorithm::sha384;
    case SignatureScheme::rsa_pkcs1_sha512:
    case SignatureScheme::ecdsa_secp521r1_sha512:
    case SignatureScheme::rsa_pss_rsae_sha512:
      return HashAlgorithm::sha512;
    case SignatureScheme::ed25519:
      return std::nullopt;
  }
  return std::nullopt;
}

bool key_supports(KeyType k, SignatureScheme s) noexcept {
  const auto family = signature_family(s);
  if (!family) return false;
  switch (*family) {
    case SignatureFamily::rsa_pkcs1:
    case SignatureFamily::rsa_pss:
      return k == KeyType::rsa;
    case SignatureFamily::ecdsa:
      return k == KeyType::ec_p256 || k == KeyType::ec_p384;
    case SignatureFamily::ed25519:
      return k == KeyType::ed25519;
  }
  return false;
}

}  // namespace tlslab::crypto

// Identifiers of the cryptographic algorithms tlslab uses. Where TLS has a code point the enum
// value is that code point (IANA "TLS Supported Groups" and "TLS SignatureScheme" registries), so
// the protocol layers can cast without a mapping table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tlslab::crypto {

enum class HashAlgorithm : std::uint8_t { sha1, sha224, sha256, sha384, sha512 };
std::size_t digest_size(HashAlgorithm h) noexcept;
std::size_t hash_block_size(HashAlgorithm h) noexcept;
std::string_view hash_name(HashAlgorithm h) noexcept;  // "SHA-256"

enum class AeadAlgorithm : std::uint8_t { aes_128_gcm, aes_256_gcm, chacha20_poly1305 };
std::size_t aead_key_size(AeadAlgorithm a) noexcept;
inline constexpr std::size_t kAeadNonceSize = 12;  // all three use 96-bit nonces (RFC 5116)
inline constexpr std::size_t kAeadTagSize = 16;
std::string_view aead_name(AeadAlgorithm a) noexcept;

enum class CbcAlgorithm : std::uint8_t { aes_128_cbc, aes_256_cbc, des_ede3_cbc };
std::size_t cbc_key_size(CbcAlgorithm c) noexcept;
std::size_t cbc_block_size(CbcAlgorithm c) noexcept;
std::string_view cbc_name(CbcAlgorithm c) noexcept;

// Key-exchange groups: TLS NamedGroup code points (RFC 8422 §5.1.1, RFC 7919 §2).
enum class NamedGroup : std::uint16_t {
  secp256r1 = 23,
  secp384r1 = 24,
  x25519 = 29,
  ffdhe2048 = 256,
  ffdhe3072 = 257,
  ffdhe4096 = 258,
  ffdhe6144 = 259,
  ffdhe8192 = 260,
};
std::string_view group_name(NamedGroup g) noexcept;
bool is_ffdhe(NamedGroup g) noexcept;

// Signature algorithms as TLS SignatureScheme code points. In TLS 1.2 the 16 bits are the
// SignatureAndHashAlgorithm pair {hash, signature} (RFC 5246 §7.4.1.4.1); for the values below
// the two readings agree. For ECDSA the TLS 1.2 meaning applies: the hash is fixed by the
// scheme, the curve is the key's (RFC 8422 §5.1.3 has no curve binding in TLS 1.2).
enum class SignatureScheme : std::uint16_t {
  rsa_pkcs1_sha1 = 0x0201,
  ecdsa_sha1 = 0x0203,
  // The SHA-224 pairs of RFC 5246 §7.4.1.4.1 (hash 3): no TLS 1.3 name; the registry calls them
  // rsa_sha224 and ecdsa_sha224.
  rsa_pkcs1_sha224 = 0x0301,
  ecdsa_sha224 = 0x0303,
  rsa_pkcs1_sha256 = 0x0401,
  ecdsa_secp256r1_sha256 = 0x0403,
  rsa_pkcs1_sha384 = 0x0501,
  ecdsa_secp384r1_sha384 = 0x0503,
  rsa_pkcs1_sha512 = 0x0601,
  ecdsa_secp521r1_sha512 = 0x0603,
  rsa_pss_rsae_sha256 = 0x0804,
  rsa_pss_rsae_sha384 = 0x0805,
  rsa_pss_rsae_sha512 = 0x0806,
  ed25519 = 0x0807,
};
std::string_view signature_scheme_name(SignatureScheme s) noexcept;

enum class KeyType : std::uint8_t { rsa, ec_p256, ec_p384, ed25519 };
std::string_view key_type_name(KeyType k) noexcept;  // "RSA", "EC P-256", ...

enum class SignatureFamily : std::uint8_t { rsa_pkcs1, rsa_pss, ecdsa, ed25519 };
// std::nullopt for a code point outside the enum (as read off the wire).
std::optional<SignatureFamily> signature_family(SignatureScheme s) noexcept;
// The hash the scheme signs with; std::nullopt for Ed25519 (which signs the message itself).
std::optional<HashAlgorithm> signature_hash(SignatureScheme s) noexcept;
// Whether a key of this type can make or check signatures of this scheme.
bool key_supports(KeyType k, SignatureScheme s) noexcept;

}  // namespace tlslab::crypto

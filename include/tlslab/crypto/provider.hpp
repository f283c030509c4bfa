// The crypto provider interface (ARCHITECTURE.md, "crypto"). Everything above this layer does its
// cryptography through these classes, so that a deterministic implementation (scripted
// randomness and ephemeral keys, for golden tests and replay) and a fuzzing one can stand in for
// the default one. Failures throw tlslab::Error with the alert the protocol sends for them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <variant>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/algorithms.hpp"

namespace tlslab::crypto {

// A digest up to SHA-512 size, held inline so that hashing never allocates.
struct Digest {
  std::array<std::uint8_t, 64> bytes{};
  std::size_t size = 0;
  ByteView view() const noexcept { return {bytes.data(), size}; }
};

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual void fill(MutableByteView out) = 0;
};

class HashContext {
 public:
  virtual ~HashContext() = default;
  virtual HashAlgorithm algorithm() const noexcept = 0;
  virtual void update(ByteView data) = 0;
  // The digest of everything so far; the context is reset to empty afterwards.
  virtual Digest finish() = 0;
  // An independent copy of the running state (the transcript hash forks at each Finished).
  virtual std::unique_ptr<HashContext> clone() const = 0;
};

// A keyed HMAC; finish() returns the tag and leaves the context keyed and empty for the next
// message (the CBC record MAC and the PRF reuse one key many times).
class Mac {
 public:
  virtual ~Mac() = default;
  virtual HashAlgorithm algorithm() const noexcept = 0;
  virtual void update(ByteView data) = 0;
  virtual Digest finish() = 0;
};

// AEAD with a fixed key (RFC 5116). Works in place on caller buffers: no allocation per record.
class Aead {
 public:
  virtual ~Aead() = default;
  virtual AeadAlgorithm algorithm() const noexcept = 0;
  // nonce: kAeadNonceSize bytes; tag: kAeadTagSize bytes written.
  virtual void seal(ByteView nonce, ByteView aad, MutableByteView in_out, MutableByteView tag) = 0;
  // false when the tag does not verify; in_out is then zeroed (no unauthenticated plaintext).
  [[nodiscard]] virtual bool open(ByteView nonce, ByteView aad, MutableByteView in_out,
                                  ByteView tag) = 0;
};

// A block cipher in CBC mode with a fixed key, no padding (the TLS record layer pads itself).
class CbcCipher {
 public:
  virtual ~CbcCipher() = default;
  virtual CbcAlgorithm algorithm() const noexcept = 0;
  // in_out.size() must be a multiple of the block size, iv one block; throws internal_error if
  // not.
  virtual void encrypt(ByteView iv, MutableByteView in_out) = 0;
  virtual void decrypt(ByteView iv, MutableByteView in_out) = 0;
};

// One side of an (EC)DH exchange: an ephemeral private key and its public value.
class KeyShare {
 public:
  virtual ~KeyShare() = default;
  virtual NamedGroup group() const noexcept = 0;
  // The public value as TLS carries it: X25519 32 bytes (RFC 7748); P-256/P-384 the uncompressed
  // point 0x04||X||Y (RFC 8422 §5.4.1); ffdhe Y big-endian, left-padded to the size of p.
  virtual ByteView public_value() const noexcept = 0;
  // The private key bytes (scalar, or DH exponent big-endian), for key logs of deterministic
  // runs and replay. Secret.
  virtual SecretBytes private_value() const = 0;
  // Validates the peer's public value and returns the shared secret as TLS uses it as the
  // premaster secret: X25519 32 bytes (all-zero result rejected, RFC 8422 §5.11); ECDH the
  // x-coordinate (RFC 8422 §5.10); DH with leading zero bytes stripped (RFC 5246 §8.1.2).
  // Invalid peer values throw Error(illegal_parameter, reason).
  virtual SecretBytes derive(ByteView peer_public) const = 0;
};

// Key material in a provider-neutral form; integers are unsigned big-endian.
struct RsaPublicMaterial {
  Bytes n, e;
};
struct RsaPrivateMaterial {
  Bytes n, e, d, p, q, dp, dq, qinv;  // p..qinv may be empty: then they are computed from n,e,d
};
struct EcPublicMaterial {
  NamedGroup curve;  // secp256r1 or secp384r1
  Bytes point;       // uncompressed SEC1 point
};
struct EcPrivateMaterial {
  NamedGroup curve;
  Bytes scalar;  // big-endian, left-padded to the field size
};
struct Ed25519PublicMaterial {
  Bytes key;  // 32 bytes (RFC 8032 §5.1.5)
};
struct Ed25519PrivateMaterial {
  Bytes seed;  // the 32-byte private key of RFC 8032 (RFC 8410 CurvePrivateKey)
};
using PublicKeyMaterial = std::variant<RsaPublicMaterial, EcPublicMaterial, Ed25519PublicMaterial>;
using PrivateKeyMaterial =
    std::variant<RsaPrivateMaterial, EcPrivateMaterial, Ed25519PrivateMaterial>;

class PublicKey {
 public:
  virtual ~PublicKey() = default;
  virtual KeyType type() const noexcept = 0;
  virtual std::size_t bits() const noexcept = 0;
  virtual PublicKeyMaterial material() const = 0;
  // Checks `signature` over `message` (the provider hashes it with the scheme's hash; Ed25519
  // verifies the message itself). ECDSA signatures are DER Ecdsa-Sig-Value (RFC 8422 §5.4).
  // Returns false for a bad signature and for a scheme this key cannot check.
  virtual bool verify(SignatureScheme scheme, ByteView message, ByteView signature) const = 0;
  // RSAES-PKCS1-v1_5 encryption (the RSA key exchange's EncryptedPreMasterSecret). RSA keys
  // only; others throw Error(internal_error).
  virtual Bytes encrypt_pkcs1(ByteView plaintext, RandomSource& rng) const = 0;
};

class PrivateKey {
 public:
  virtual ~PrivateKey() = default;
  virtual KeyType type() const noexcept = 0;
  virtual std::size_t bits() const noexcept = 0;
  virtual const PublicKey& public_key() const noexcept = 0;
  virtual PrivateKeyMaterial material() const = 0;  // secret; for PKCS#8 export
  // Signs `message` with `scheme` (hashing as verify() does). RSA PKCS#1 v1.5, ECDSA (RFC 6979
  // deterministic nonces) and Ed25519 draw nothing from `rng`; RSA-PSS draws its salt (hash
  // length) from it. Private-key blinding uses the provider's own generator, never `rng`, so a
  // scripted `rng` sees only protocol-visible randomness. Throws Error(internal_error) if the
  // key cannot sign with `scheme`.
  virtual Bytes sign(SignatureScheme scheme, ByteView message, RandomSource& rng) const = 0;
  // Decrypts an RSA EncryptedPreMasterSecret as RFC 5246 §7.4.7.1 prescribes: a wrong padding,
  // wrong length or wrong client_version yields random bytes from `rng` (drawn before
  // decrypting) instead of an error, chosen without data-dependent branches, so the outcome is
  // only visible later as a Finished mismatch (Bleichenbacher). RSA keys only.
  virtual void decrypt_premaster(ByteView encrypted, std::uint16_t client_version,
                                 std::span<std::uint8_t, 48> premaster,
                                 RandomSource& rng) const = 0;
};

class Provider : public RandomSource {
 public:
  ~Provider() override = default;
  virtual std::string_view name() const noexcept = 0;

  // Randomness (RandomSource::fill): client/server random, session IDs, IVs, nonces, salts.

  virtual std::unique_ptr<HashContext> hash(HashAlgorithm h) = 0;
  Digest hash(HashAlgorithm h, ByteView data);  // one shot
  virtual std::unique_ptr<Mac> hmac(HashAlgorithm h, ByteView key) = 0;
  Digest hmac(HashAlgorithm h, ByteView key, ByteView data);  // one shot

  // Throws Error(internal_error) for a key of the wrong size.
  virtual std::unique_ptr<Aead> aead(AeadAlgorithm a, ByteView key) = 0;
  virtual std::unique_ptr<CbcCipher> cbc(CbcAlgorithm c, ByteView key) = 0;

  // A fresh ephemeral key pair for `group`.
  virtual std::unique_ptr<KeyShare> generate_key_share(NamedGroup group) = 0;
  // A key share with a known private value (replay, tests). Throws Error(internal_error) for a
  // value that is not a valid private key for the group.
  virtual std::unique_ptr<KeyShare> key_share_from_private(NamedGroup group,
                                                           ByteView private_value) = 0;

  // Throws Error(bad_certificate) / Error(unsupported_certificate) for invalid/unsupported keys.
  virtual std::shared_ptr<const PublicKey> import_public_key(const PublicKeyMaterial& m) = 0;
  virtual std::shared_ptr<const PrivateKey> import_private_key(const PrivateKeyMaterial& m) = 0;
  // A new key (throwaway identities for `tlslab demo` and tests). `rsa_bits` for RSA only.
  virtual std::shared_ptr<const PrivateKey> generate_private_key(KeyType type,
                                                                 std::size_t rsa_bits = 2048) = 0;
};

}  // namespace tlslab::crypto

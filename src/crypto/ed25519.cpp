// Ed25519 keys (RFC 8032, pure Ed25519). libsodium rather than Crypto++: both offer Ed25519,
// and libsodium's ref10-derived implementation signs and verifies faster.
#include <sodium.h>

#include <array>
#include <string>

#include "impl.hpp"
#include "tlslab/error.hpp"

namespace tlslab::crypto::impl {
namespace {

static_assert(crypto_sign_PUBLICKEYBYTES == 32 && crypto_sign_SEEDBYTES == 32 &&
              crypto_sign_BYTES == 64);

class Ed25519PublicKey final : public PublicKey {
 public:
  explicit Ed25519PublicKey(ByteView key) { std::copy(key.begin(), key.end(), key_.begin()); }

  KeyType type() const noexcept override { return KeyType::ed25519; }
  std::size_t bits() const noexcept override { return 256; }
  PublicKeyMaterial material() const override {
    return Ed25519PublicMaterial{Bytes(key_.begin(), key_.end())};
  }

  bool verify(SignatureScheme scheme, ByteView message, ByteView signature) const override {
    if (scheme != SignatureScheme::ed25519) return false;
    if (signature.size() != crypto_sign_BYTES) return false;  // RFC 8032 §5.1.7 step 1
    // libsodium also rejects S >= L and small-order R or A (RFC 8032 §5.1.7 and stricter).
    return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                       key_.data()) == 0;
  }

  Bytes encrypt_pkcs1(ByteView, RandomSource&) const override {
    fail(AlertDescription::internal_error,
         "encrypt_pkcs1: an Ed25519 key cannot encrypt (RSA key exchange needs an RSA key)");
  }

 private:
  std::array<std::uint8_t, crypto_sign_PUBLICKEYBYTES> key_{};
};

class Ed25519PrivateKey final : public PrivateKey {
 public:
  // `seed` is the 32-byte private key of RFC 8032 §5.1.5; libsodium's secret key is the seed
  // followed by the public key.
  explicit Ed25519PrivateKey(ByteView seed) : secret_(crypto_sign_SECRETKEYBYTES) {
    std::array<std::uint8_t, crypto_sign_PUBLICKEYBYTES> public_key{};
    crypto_sign_seed_keypair(public_key.data(), secret_.data(), seed.data());
    public_ = std::make_unique<Ed25519PublicKey>(public_key);
  }

  KeyType type() const noexcept override { return KeyType::ed25519; }
  std::size_t bits() const noexcept override { return 256; }
  const PublicKey& public_key() const noexcept override { return *public_; }

  PrivateKeyMaterial material() const override {
    return Ed25519PrivateMaterial{Bytes(secret_.begin(), secret_.begin() + crypto_sign_SEEDBYTES)};
  }

  Bytes sign(SignatureScheme scheme, ByteView message, RandomSource&) const override {
    if (scheme != SignatureScheme::ed25519) {
      fail(AlertDescription::internal_error, "Ed25519 sign: an Ed25519 key cannot sign with " +
                                                 std::string(signature_scheme_name(scheme)));
    }
    // Deterministic (RFC 8032 §5.1.6): nothing is drawn from the generator.
    Bytes signature(crypto_sign_BYTES);
    crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), secret_.data());
    return signature;
  }

  void decrypt_premaster(ByteView, std::uint16_t, std::span<std::uint8_t, 48>,
                         RandomSource&) const override {
    fail(AlertDescription::internal_error,
         "decrypt_premaster: an Ed25519 key cannot decrypt (RSA key exchange needs an RSA key)");
  }

 private:
  SecretBytes secret_;  // wiped when the key dies
  std::unique_ptr<Ed25519PublicKey> public_;
};

}  // namespace

std::shared_ptr<const PublicKey> import_ed25519_public(const Ed25519PublicMaterial& m) {
  if (m.key.size() != crypto_sign_PUBLICKEYBYTES) {
    fail(AlertDescription::bad_certificate, "Ed25519 public key: " + std::to_string(m.key.size()) +
                                                " bytes, want 32 (RFC 8032 "
                                                "§5.1.5)");
  }
  // A canonical encoding of a point in the prime-order subgroup (RFC 8032 §5.1.3 decoding);
  // every genuine key, A = [s]B, is one.
  if (crypto_core_ed25519_is_valid_point(m.key.data()) != 1) {
    fail(AlertDescription::bad_certificate,
         "Ed25519 public key: not a valid point of the prime-order subgroup");
  }
  return std::make_shared<Ed25519PublicKey>(m.key);
}

std::shared_ptr<const PrivateKey> import_ed25519_private(const Ed25519PrivateMaterial& m) {
  if (m.seed.size() != crypto_sign_SEEDBYTES) {
    fail(AlertDescription::bad_certificate,
         "Ed25519 private key: " + std::to_string(m.seed.size()) +
             " bytes, want 32 (RFC 8032 "
             "§5.1.5)");
  }
  return std::make_shared<Ed25519PrivateKey>(m.seed);
}

std::shared_ptr<const PrivateKey> generate_ed25519_private(RandomSource& rng) {
  // RFC 8032 §5.1.5: the private key is 32 random bytes.
  std::array<std::uint8_t, crypto_sign_SEEDBYTES> seed{};
  std::shared_ptr<const PrivateKey> key;
  try {
    rng.fill(seed);
    key = std::make_shared<Ed25519PrivateKey>(seed);
  } catch (...) {
    sodium_memzero(seed.data(), seed.size());
    throw;
  }
  sodium_memzero(seed.data(), seed.size());
  return key;
}

}  // namespace tlslab::crypto::impl

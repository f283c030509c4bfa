// Internal: the building blocks of the default provider, one source file per primitive family.
// The default and deterministic providers differ only in where randomness and ephemeral keys
// come from, so both are assembled from these functions.
#pragma once

#include <memory>

#include "tlslab/crypto/provider.hpp"

namespace tlslab::crypto::impl {

// hash.cpp (Crypto++)
std::unique_ptr<HashContext> make_hash(HashAlgorithm h);
std::unique_ptr<Mac> make_hmac(HashAlgorithm h, ByteView key);

// aead.cpp (AES-GCM: Crypto++; ChaCha20-Poly1305: libsodium, the faster of the two)
std::unique_ptr<Aead> make_aead(AeadAlgorithm a, ByteView key);
// cbc.cpp (Crypto++)
std::unique_ptr<CbcCipher> make_cbc(CbcAlgorithm c, ByteView key);

// x25519.cpp (libsodium), ecdh.cpp (Crypto++), ffdhe.cpp (Crypto++)
std::unique_ptr<KeyShare> make_x25519_share(ByteView private_value);
std::unique_ptr<KeyShare> make_ecdh_share(NamedGroup curve, ByteView private_value);
std::unique_ptr<KeyShare> make_ffdhe_share(NamedGroup group, ByteView private_value);
// Draws a private value for `group` from `rng` (with the group's rules: X25519 32 bytes; EC a
// scalar in [1, n-1] by rejection sampling; ffdhe an exponent sized as RFC 7919 §5.2 advises)
// and returns the share.
std::unique_ptr<KeyShare> generate_key_share(NamedGroup group, RandomSource& rng);

// keys.cpp dispatches on the material / key type to rsa.cpp, ecdsa.cpp, ed25519.cpp.
std::shared_ptr<const PublicKey> import_public_key(const PublicKeyMaterial& m);
std::shared_ptr<const PrivateKey> import_private_key(const PrivateKeyMaterial& m);
std::shared_ptr<const PrivateKey> generate_private_key(KeyType type, std::size_t rsa_bits,
                                                       RandomSource& rng);

std::shared_ptr<const PublicKey> import_rsa_public(const RsaPublicMaterial& m);
std::shared_ptr<const PrivateKey> import_rsa_private(const RsaPrivateMaterial& m);
std::shared_ptr<const PrivateKey> generate_rsa_private(std::size_t bits, RandomSource& rng);
std::shared_ptr<const PublicKey> import_ec_public(const EcPublicMaterial& m);
std::shared_ptr<const PrivateKey> import_ec_private(const EcPrivateMaterial& m);
std::shared_ptr<const PrivateKey> generate_ec_private(NamedGroup curve, RandomSource& rng);
std::shared_ptr<const PublicKey> import_ed25519_public(const Ed25519PublicMaterial& m);
std::shared_ptr<const PrivateKey> import_ed25519_private(const Ed25519PrivateMaterial& m);
std::shared_ptr<const PrivateKey> generate_ed25519_private(RandomSource& rng);

// random.cpp: the operating system's generator (libsodium randombytes_buf). Also what private
// key operations use for blinding, whatever RandomSource the caller passed.
RandomSource& system_random() noexcept;

}  // namespace tlslab::crypto::impl

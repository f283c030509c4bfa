// Internal: the provider operations shared by the default and deterministic providers; they
// differ only in fill() and, for the deterministic one, in where ephemeral keys come from.
#pragma once

#include "tlslab/crypto/provider.hpp"

namespace tlslab::crypto::impl {

class ProviderBase : public Provider {
 public:
  ProviderBase();
  std::unique_ptr<HashContext> hash(HashAlgorithm h) override;
  std::unique_ptr<Mac> hmac(HashAlgorithm h, ByteView key) override;
  using Provider::hash;
  using Provider::hmac;
  std::unique_ptr<Aead> aead(AeadAlgorithm a, ByteView key) override;
  std::unique_ptr<CbcCipher> cbc(CbcAlgorithm c, ByteView key) override;
  std::unique_ptr<KeyShare> generate_key_share(NamedGroup group) override;
  std::unique_ptr<KeyShare> key_share_from_private(NamedGroup group,
                                                   ByteView private_value) override;
  std::shared_ptr<const PublicKey> import_public_key(const PublicKeyMaterial& m) override;
  std::shared_ptr<const PrivateKey> import_private_key(const PrivateKeyMaterial& m) override;
  std::shared_ptr<const PrivateKey> generate_private_key(KeyType type,
                                                         std::size_t rsa_bits) override;
};

}  // namespace tlslab::crypto::impl

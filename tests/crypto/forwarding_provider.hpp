// A provider that forwards every call to the default provider: tests derive from it and
// override only the calls they watch or break (counting hashed bytes, a key-share generator
// that throws, ...).
#pragma once

#include <memory>

#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/crypto/provider.hpp"

namespace tlslab::test {

class ForwardingProvider : public crypto::Provider {
 public:
  using Provider::hash;
  using Provider::hmac;
  std::string_view name() const noexcept override { return "forwarding"; }
  void fill(MutableByteView out) override { inner_->fill(out); }
  std::unique_ptr<crypto::HashContext> hash(crypto::HashAlgorithm h) override {
    return inner_->hash(h);
  }
  std::unique_ptr<crypto::Mac> hmac(crypto::HashAlgorithm h, ByteView key) override {
    return inner_->hmac(h, key);
  }
  std::unique_ptr<crypto::Aead> aead(crypto::AeadAlgorithm a, ByteView key) override {
    return inner_->aead(a, key);
  }
  std::unique_ptr<crypto::CbcCipher> cbc(crypto::CbcAlgorithm c, ByteView key) override {
    return inner_->cbc(c, key);
  }
  std::unique_ptr<crypto::KeyShare> generate_key_share(crypto::NamedGroup g) override {
    return inner_->generate_key_share(g);
  }
  std::unique_ptr<crypto::KeyShare> key_share_from_private(crypto::NamedGroup g,
                                                           ByteView v) override {
    return inner_->key_share_from_private(g, v);
  }
  std::shared_ptr<const crypto::PublicKey> import_public_key(
      const crypto::PublicKeyMaterial& m) override {
    return inner_->import_public_key(m);
  }
  std::shared_ptr<const crypto::PrivateKey> import_private_key(
      const crypto::PrivateKeyMaterial& m) override {
    return inner_->import_private_key(m);
  }
  std::shared_ptr<const crypto::PrivateKey> generate_private_key(crypto::KeyType t,
                                                                 std::size_t bits) override {
    return inner_->generate_private_key(t, bits);
  }

 protected:
  std::unique_ptr<crypto::Provider> inner_ = crypto::make_default_provider();
};

}  // namespace tlslab::test

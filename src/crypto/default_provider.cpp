#include "tlslab/crypto/default_provider.hpp"

#include <sodium.h>

#include "default_provider_base.hpp"
#include "impl.hpp"
#include "tlslab/error.hpp"

namespace tlslab::crypto {
namespace impl {

ProviderBase::ProviderBase() {
  // sodium_init is idempotent and thread-safe; -1 means the library cannot work at all.
  if (sodium_init() < 0) fail(AlertDescription::internal_error, "libsodium: sodium_init failed");
}

std::unique_ptr<HashContext> ProviderBase::hash(HashAlgorithm h) {
  return make_hash(h);
}
std::unique_ptr<Mac> ProviderBase::hmac(HashAlgorithm h, ByteView key) {
  return make_hmac(h, key);
}
std::unique_ptr<Aead> ProviderBase::aead(AeadAlgorithm a, ByteView key) {
  return make_aead(a, key);
}
std::unique_ptr<CbcCipher> ProviderBase::cbc(CbcAlgorithm c, ByteView key) {
  return make_cbc(c, key);
}
std::unique_ptr<KeyShare> ProviderBase::generate_key_share(NamedGroup group) {
  return impl::generate_key_share(group, *this);
}
std::unique_ptr<KeyShare> ProviderBase::key_share_from_private(NamedGroup group,
                                                               ByteView private_value) {
  switch (group) {
    case NamedGroup::x25519:
      return make_x25519_share(private_value);
    case NamedGroup::secp256r1:
    case NamedGroup::secp384r1:
      return make_ecdh_share(group, private_value);
    case NamedGroup::ffdhe2048:
    case NamedGroup::ffdhe3072:
    case NamedGroup::ffdhe4096:
    case NamedGroup::ffdhe6144:
    case NamedGroup::ffdhe8192:
      return make_ffdhe_share(group, private_value);
  }
  fail(AlertDescription::internal_error,
       "key share: unsupported group " + std::to_string(static_cast<unsigned>(group)));
}
std::shared_ptr<const PublicKey> ProviderBase::import_public_key(const PublicKeyMaterial& m) {
  return impl::import_public_key(m);
}
std::shared_ptr<const PrivateKey> ProviderBase::import_private_key(const PrivateKeyMaterial& m) {
  return impl::import_private_key(m);
}
std::shared_ptr<const PrivateKey> ProviderBase::generate_private_key(KeyType type,
                                                                     std::size_t rsa_bits) {
  return impl::generate_private_key(type, rsa_bits, *this);
}

namespace {

class DefaultProvider final : public ProviderBase {
 public:
  std::string_view name() const noexcept override { return "default (Crypto++ + libsodium)"; }
  void fill(MutableByteView out) override { system_random().fill(out); }
};

}  // namespace
}  // namespace impl

std::unique_ptr<Provider> make_default_provider() {
  return std::make_unique<impl::DefaultProvider>();
}

}  // namespace tlslab::crypto

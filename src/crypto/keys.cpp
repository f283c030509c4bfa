// Key import and generation: picks the family's implementation from the material's type (the
// variant alternative) or the requested KeyType.
#include <string>
#include <variant>

#include "impl.hpp"
#include "tlslab/error.hpp"

namespace tlslab::crypto::impl {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace

std::shared_ptr<const PublicKey> import_public_key(const PublicKeyMaterial& m) {
  return std::visit(Overloaded{
                        [](const RsaPublicMaterial& rsa) { return import_rsa_public(rsa); },
                        [](const EcPublicMaterial& ec) { return import_ec_public(ec); },
                        [](const Ed25519PublicMaterial& ed) { return import_ed25519_public(ed); },
                    },
                    m);
}

std::shared_ptr<const PrivateKey> import_private_key(const PrivateKeyMaterial& m) {
  return std::visit(Overloaded{
                        [](const RsaPrivateMaterial& rsa) { return import_rsa_private(rsa); },
                        [](const EcPrivateMaterial& ec) { return import_ec_private(ec); },
                        [](const Ed25519PrivateMaterial& ed) { return import_ed25519_private(ed); },
                    },
                    m);
}

std::shared_ptr<const PrivateKey> generate_private_key(KeyType type, std::size_t rsa_bits,
                                                       RandomSource& rng) {
  switch (type) {
    case KeyType::rsa:
      return generate_rsa_private(rsa_bits, rng);
    case KeyType::ec_p256:
      return generate_ec_private(NamedGroup::secp256r1, rng);
    case KeyType::ec_p384:
      return generate_ec_private(NamedGroup::secp384r1, rng);
    case KeyType::ed25519:
      return generate_ed25519_private(rng);
  }
  fail(AlertDescription::internal_error,
       "key generation: unknown key type " + std::to_string(static_cast<unsigned>(type)));
}

}  // namespace tlslab::crypto::impl

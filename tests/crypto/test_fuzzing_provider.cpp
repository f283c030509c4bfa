// The fuzzing provider (fuzzing_provider.hpp): fixed randomness and key shares per stream, real
// key exchange, keyed-hash signatures that are still checked, and the identity "RSA encryption"
// whose decryption keeps RFC 5246 §7.4.7.1's substitution.
#include "../test_util.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/crypto/fuzzing_provider.hpp"
#include "tlslab/pki/keys.hpp"

using namespace tlslab;
using namespace tlslab::crypto;
using tlslab::test::hex;

namespace {

Bytes draw(Provider& p, std::size_t n) {
  Bytes out(n);
  p.fill(out);
  return out;
}

Bytes public_of(const KeyShare& k) {
  return Bytes(k.public_value().begin(), k.public_value().end());
}

std::shared_ptr<const PrivateKey> load_key(Provider& p, const std::string& name) {
  const std::string text = test::read_text(test::data_path("captures/pki/" + name + ".key"));
  return p.import_private_key(pki::load_private_key(view(text), std::nullopt).key);
}

}  // namespace

TEST_CASE("fuzzing provider: the random stream restarts with every provider of a stream") {
  auto a = make_fuzzing_provider(1);
  auto b = make_fuzzing_provider(1);
  auto c = make_fuzzing_provider(2);
  const Bytes first = draw(*a, 100);
  CHECK(first == draw(*b, 100));
  CHECK(first != draw(*c, 100));
  CHECK(draw(*a, 100) != first);  // a stream, not a repeated block
}

TEST_CASE("fuzzing provider: one fixed key share per stream and group, real key exchange") {
  auto a = make_fuzzing_provider(1);
  auto again = make_fuzzing_provider(1);
  auto b = make_fuzzing_provider(2);
  for (NamedGroup g :
       {NamedGroup::x25519, NamedGroup::secp256r1, NamedGroup::secp384r1, NamedGroup::ffdhe2048}) {
    CAPTURE(group_name(g));
    const auto ka = a->generate_key_share(g);
    CHECK(public_of(*ka) == public_of(*a->generate_key_share(g)));  // same on every call
    CHECK(public_of(*ka) == public_of(*again->generate_key_share(g)));
    const auto kb = b->generate_key_share(g);
    CHECK(public_of(*ka) != public_of(*kb));
    // The exchange is the real one: both sides agree and the value is the real DH result.
    CHECK(ka->derive(kb->public_value()) == kb->derive(ka->public_value()));
    auto real = make_default_provider();
    const auto ra = real->key_share_from_private(g, ka->private_value());
    CHECK(ra->derive(kb->public_value()) == ka->derive(kb->public_value()));
  }
  // Invalid peer values are still rejected by the real validation.
  CHECK_TLS_ERROR(a->generate_key_share(NamedGroup::secp256r1)->derive(Bytes(65, 0x04)),
                  AlertDescription::illegal_parameter, "");
}

TEST_CASE("fuzzing provider: keyed-hash signatures are checked, cheap and not real") {
  auto p = make_fuzzing_provider();
  const auto ec = load_key(*p, "client-p256");
  const auto ed = load_key(*p, "client-ed25519");
  const Bytes message = hex("00112233445566778899");
  const auto scheme = SignatureScheme::ecdsa_secp256r1_sha256;
  const Bytes sig = ec->sign(scheme, message, *p);
  CHECK(sig.size() == 32);
  CHECK(sig == ec->sign(scheme, message, *p));  // draws nothing, deterministic
  CHECK(ec->public_key().verify(scheme, message, sig));
  // The same key imported from its public material checks the same signature.
  const auto imported = p->import_public_key(ec->public_key().material());
  CHECK(imported->verify(scheme, message, sig));

  Bytes other_message = message;
  other_message[3] ^= 1;
  CHECK_FALSE(ec->public_key().verify(scheme, other_message, sig));
  Bytes other_sig = sig;
  other_sig[31] ^= 0x80;
  CHECK_FALSE(ec->public_key().verify(scheme, message, other_sig));
  CHECK_FALSE(ec->public_key().verify(scheme, message, Bytes(sig.begin(), sig.end() - 1)));
  CHECK_FALSE(ec->public_key().verify(SignatureScheme::ecdsa_secp384r1_sha384, message, sig));
  CHECK_FALSE(ed->public_key().verify(scheme, message, sig));  // another key
  // Schemes the key type cannot make are refused as by the real provider.
  CHECK_FALSE(ec->public_key().verify(SignatureScheme::rsa_pkcs1_sha256, message, sig));
  CHECK_TLS_ERROR(ec->sign(SignatureScheme::rsa_pkcs1_sha256, message, *p),
                  AlertDescription::internal_error, "cannot sign with");
  // A real signature is not one: the two providers must never be mixed up.
  auto real = make_default_provider();
  const auto real_key = load_key(*real, "client-p256");
  CHECK_FALSE(ec->public_key().verify(scheme, message, real_key->sign(scheme, message, *real)));
  // The wrapped keys keep the real key's facts.
  CHECK(ec->type() == KeyType::ec_p256);
  CHECK(ec->bits() == 256);
  CHECK(std::get<EcPrivateMaterial>(ec->material()).scalar ==
        std::get<EcPrivateMaterial>(real_key->material()).scalar);
}

TEST_CASE("fuzzing provider: RSA premaster round trip and the RFC 5246 §7.4.7.1 substitution") {
  auto p = make_fuzzing_provider();
  const auto rsa = load_key(*p, "server-rsa");
  Bytes premaster(48, 0x5a);
  premaster[0] = 3;
  premaster[1] = 3;
  const Bytes encrypted = rsa->public_key().encrypt_pkcs1(premaster, *p);
  REQUIRE(encrypted.size() == rsa->bits() / 8);
  CHECK(encrypted[0] == 0);
  CHECK(encrypted[1] == 2);

  // The substitute is the first 48 bytes the rng gives (drawn before decrypting).
  const auto substitute = [] { return draw(*make_fuzzing_provider(9), 48); };
  const auto decrypt = [&](ByteView enc, std::uint16_t version) {
    std::array<std::uint8_t, 48> out{};
    auto rng = make_fuzzing_provider(9);
    rsa->decrypt_premaster(enc, version, out, *rng);
    return Bytes(out.begin(), out.end());
  };
  CHECK(decrypt(encrypted, 0x0303) == premaster);
  CHECK(decrypt(encrypted, 0x0302) == substitute());  // client_version mismatch
  CHECK(decrypt(ByteView(encrypted).first(encrypted.size() - 1), 0x0303) == substitute());
  Bytes bad_padding = encrypted;
  bad_padding[1] = 1;
  CHECK(decrypt(bad_padding, 0x0303) == substitute());
  Bytes no_separator = encrypted;
  no_separator[encrypted.size() - 49] = 7;
  CHECK(decrypt(no_separator, 0x0303) == substitute());

  const auto ec = load_key(*p, "server-p256");
  CHECK_TLS_ERROR(ec->public_key().encrypt_pkcs1(premaster, *p), AlertDescription::internal_error,
                  "needs an RSA key");
}

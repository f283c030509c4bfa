// X25519 key shares: RFC 7748 §5.2 (scalar multiplication vectors, including the iterated
// one) and §6.1 (the Alice/Bob exchange); the all-zero output check of RFC 7748 §6.1 /
// RFC 8422 §5.11 with points of small order; length checks; private-value round trip; key
// generation drawing from the RandomSource it is given.
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "../test_util.hpp"
#include "scripted_random.hpp"
#include "src/crypto/impl.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/crypto/provider.hpp"

namespace tlslab::crypto {
namespace {

using test::hex;

using test::ScriptedRandom;

std::string hex_of(ByteView v) {
  return to_hex(v);
}

std::unique_ptr<KeyShare> share(Provider& p, std::string_view private_hex) {
  return p.key_share_from_private(NamedGroup::x25519, hex(private_hex));
}

// X25519(k, u) through the KeyShare interface: derive() of the share whose private value is k.
std::string x25519(Provider& p, std::string_view k, std::string_view u) {
  return hex_of(share(p, k)->derive(hex(u)));
}

TEST_CASE("X25519: RFC 7748 §5.2 test vectors") {
  auto p = make_default_provider();
  CHECK(x25519(*p, "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
               "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c") ==
        "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
  // The input u has its top bit set (0x93): RFC 7748 §5 says to mask it, not reject it.
  CHECK(x25519(*p, "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
               "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493") ==
        "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
}

TEST_CASE("X25519: RFC 7748 §5.2 iterated test vector (1 and 1,000 iterations)") {
  auto p = make_default_provider();
  // k = u = 9 at the start; each round: k' = X25519(k, u), u' = k.
  Bytes k = hex("0900000000000000000000000000000000000000000000000000000000000000");
  Bytes u = k;
  for (int i = 1; i <= 1000; ++i) {
    const SecretBytes result = p->key_share_from_private(NamedGroup::x25519, k)->derive(u);
    u = k;
    k.assign(result.begin(), result.end());
    if (i == 1) {
      CHECK(hex_of(k) == "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
    }
  }
  CHECK(hex_of(k) == "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
}

constexpr std::string_view kAlicePrivate =
    "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
constexpr std::string_view kAlicePublic =
    "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
constexpr std::string_view kBobPrivate =
    "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
constexpr std::string_view kBobPublic =
    "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
constexpr std::string_view kSharedSecret =
    "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

TEST_CASE("X25519: RFC 7748 §6.1 Diffie-Hellman exchange") {
  auto p = make_default_provider();
  const auto alice = share(*p, kAlicePrivate);
  const auto bob = share(*p, kBobPrivate);
  CHECK(alice->group() == NamedGroup::x25519);
  CHECK(hex_of(alice->public_value()) == kAlicePublic);
  CHECK(hex_of(bob->public_value()) == kBobPublic);
  CHECK(hex_of(alice->derive(bob->public_value())) == kSharedSecret);
  CHECK(hex_of(bob->derive(alice->public_value())) == kSharedSecret);
}

TEST_CASE("X25519: private value round trip") {
  auto p = make_default_provider();
  const auto alice = share(*p, kAlicePrivate);
  const SecretBytes priv = alice->private_value();
  CHECK(hex_of(priv) == kAlicePrivate);  // kept as given, not clamped
  const auto again = p->key_share_from_private(NamedGroup::x25519, priv);
  CHECK(hex_of(again->public_value()) == kAlicePublic);

  const auto fresh = p->generate_key_share(NamedGroup::x25519);
  const auto copy = p->key_share_from_private(NamedGroup::x25519, fresh->private_value());
  CHECK(hex_of(copy->public_value()) == hex_of(fresh->public_value()));
}

TEST_CASE("X25519: peer values of small order give an all-zero secret and are rejected") {
  auto p = make_default_provider();
  const auto alice = share(*p, kAlicePrivate);
  const char* const small_order[] = {
      // u = 0 (order 2 point and the all-zero value)
      "0000000000000000000000000000000000000000000000000000000000000000",
      // u = 1 (order 4)
      "0100000000000000000000000000000000000000000000000000000000000000",
      // u = p = 2^255 - 19, a non-canonical encoding of 0 that must be accepted as input
      "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      // a point of order 8
      "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
  };
  for (const char* u : small_order) {
    CAPTURE(u);
    CHECK_TLS_ERROR(alice->derive(hex(u)), AlertDescription::illegal_parameter,
                    "X25519 peer public value: shared secret is all zero");
  }
}

TEST_CASE("X25519: peer values of the wrong length are rejected") {
  auto p = make_default_provider();
  const auto alice = share(*p, kAlicePrivate);
  Bytes bob = hex(kBobPublic);
  CHECK_TLS_ERROR(alice->derive(ByteView(bob).first(31)), AlertDescription::illegal_parameter,
                  "X25519 peer public value: 31 bytes, expected 32");
  bob.push_back(0);
  CHECK_TLS_ERROR(alice->derive(bob), AlertDescription::illegal_parameter,
                  "X25519 peer public value: 33 bytes, expected 32");
  CHECK_TLS_ERROR(alice->derive(ByteView{}), AlertDescription::illegal_parameter,
                  "X25519 peer public value: 0 bytes, expected 32");
}

TEST_CASE("X25519: a private value of the wrong length is an internal error") {
  auto p = make_default_provider();
  CHECK_TLS_ERROR(p->key_share_from_private(NamedGroup::x25519, Bytes(31, 1)),
                  AlertDescription::internal_error, "X25519 private value: 31 bytes, expected 32");
  CHECK_TLS_ERROR(p->key_share_from_private(NamedGroup::x25519, Bytes(64, 1)),
                  AlertDescription::internal_error, "X25519 private value: 64 bytes, expected 32");
}

TEST_CASE("X25519: generated shares agree") {
  auto p = make_default_provider();
  const auto a = p->generate_key_share(NamedGroup::x25519);
  const auto b = p->generate_key_share(NamedGroup::x25519);
  CHECK(a->public_value().size() == 32);
  CHECK(hex_of(a->public_value()) != hex_of(b->public_value()));
  const SecretBytes ab = a->derive(b->public_value());
  CHECK(ab.size() == 32);
  CHECK(hex_of(ab) == hex_of(b->derive(a->public_value())));
}

TEST_CASE("X25519: key generation takes 32 bytes from the RandomSource") {
  ScriptedRandom rng(hex(std::string(kAlicePrivate) + "ff"));
  const auto alice = impl::generate_key_share(NamedGroup::x25519, rng);
  CHECK(rng.left() == 1);
  CHECK(hex_of(alice->private_value()) == kAlicePrivate);
  CHECK(hex_of(alice->public_value()) == kAlicePublic);
}

}  // namespace
}  // namespace tlslab::crypto

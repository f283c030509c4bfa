#include <sodium.h>

#include "../test_util.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/crypto/deterministic_provider.hpp"

using namespace tlslab;
using namespace tlslab::crypto;
using tlslab::test::copy;
using tlslab::test::hex;

namespace {
Bytes draw(Provider& p, std::size_t n) {
  Bytes out(n);
  p.fill(out);
  return out;
}
}  // namespace

TEST_CASE("deterministic provider hands out the scripted bytes, then refuses") {
  Script script;
  script.random = hex("000102030405060708090a0b0c0d0e0f");
  auto p = make_deterministic_provider(script);
  CHECK(draw(*p, 4) == hex("00010203"));
  CHECK(draw(*p, 12) == hex("0405060708090a0b0c0d0e0f"));
  CHECK_TLS_ERROR(draw(*p, 1), AlertDescription::internal_error,
                  "deterministic provider: script has no random bytes left (1 more wanted)");
  CHECK(draw(*p, 0).empty());
}

TEST_CASE("deterministic provider continues with the seed's ChaCha20 stream") {
  Script script;
  script.random = hex("aabb");
  script.seed = std::array<std::uint8_t, 32>{};  // the zero seed
  auto p = make_deterministic_provider(script);
  CHECK(draw(*p, 2) == hex("aabb"));
  // randombytes_buf_deterministic is ChaCha20 (IETF) keyed by the seed with the nonce
  // "LibsodiumDRG"; the first block uses the seed as given.
  Bytes expected(300);
  const unsigned char nonce[12] = {'L', 'i', 'b', 's', 'o', 'd', 'i', 'u', 'm', 'D', 'R', 'G'};
  const std::array<std::uint8_t, 32> zero{};
  REQUIRE(crypto_stream_chacha20_ietf(expected.data(), 256, nonce, zero.data()) == 0);
  const Bytes got = draw(*p, 256);
  CHECK(got == Bytes(expected.begin(), expected.begin() + 256));

  // The stream does not depend on how requests are split.
  auto a = make_deterministic_provider(script);
  auto b = make_deterministic_provider(script);
  Bytes joined = draw(*a, 1002);
  Bytes parts = draw(*b, 1);
  for (std::size_t n : {1u, 7u, 255u, 256u, 482u}) {
    const Bytes part = draw(*b, n);
    parts.insert(parts.end(), part.begin(), part.end());
  }
  CHECK(joined == parts);

  // A different seed gives a different stream.
  Script other = script;
  (*other.seed)[31] = 1;
  auto c = make_deterministic_provider(other);
  CHECK(draw(*c, 32) != Bytes(joined.begin(), joined.begin() + 32));
}

TEST_CASE("deterministic provider uses scripted ephemeral keys in order") {
  auto reference = make_default_provider();
  const Bytes x25519_private =
      hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  const auto expected_public =
      copy(reference->key_share_from_private(NamedGroup::x25519, x25519_private)->public_value());

  Script script;
  script.ephemeral_keys.emplace_back(NamedGroup::x25519,
                                     SecretBytes(x25519_private.begin(), x25519_private.end()));
  script.ephemeral_keys.emplace_back(NamedGroup::secp256r1, SecretBytes(32, 0x01));
  auto p = make_deterministic_provider(script);
  auto share = p->generate_key_share(NamedGroup::x25519);
  CHECK(copy(share->public_value()) == expected_public);
  CHECK(copy(share->private_value()) == x25519_private);
  CHECK_TLS_ERROR(p->generate_key_share(NamedGroup::x25519), AlertDescription::internal_error,
                  "next scripted key is for secp256r1, asked for x25519");
}

TEST_CASE("without scripted keys, shares and keys come from the random stream") {
  Script script;
  script.seed = std::array<std::uint8_t, 32>{7};
  auto a = make_deterministic_provider(script);
  auto b = make_deterministic_provider(script);
  for (NamedGroup g :
       {NamedGroup::x25519, NamedGroup::secp256r1, NamedGroup::secp384r1, NamedGroup::ffdhe2048}) {
    CAPTURE(group_name(g));
    CHECK(copy(a->generate_key_share(g)->public_value()) ==
          copy(b->generate_key_share(g)->public_value()));
  }
  auto ka = a->generate_private_key(KeyType::ed25519);
  auto kb = b->generate_private_key(KeyType::ed25519);
  CHECK(std::get<Ed25519PublicMaterial>(ka->public_key().material()).key ==
        std::get<Ed25519PublicMaterial>(kb->public_key().material()).key);
  // Signatures that draw randomness (RSA-PSS salt) are reproducible too.
  auto ra = a->generate_private_key(KeyType::rsa, 1024);
  auto rb = b->generate_private_key(KeyType::rsa, 1024);
  const Bytes message = hex("616263");
  CHECK(ra->sign(SignatureScheme::rsa_pss_rsae_sha256, message, *a) ==
        rb->sign(SignatureScheme::rsa_pss_rsae_sha256, message, *b));
  // ... and differ from a default provider's (whose salt is random).
  auto d = make_default_provider();
  CHECK(ra->sign(SignatureScheme::rsa_pss_rsae_sha256, message, *d) !=
        ra->sign(SignatureScheme::rsa_pss_rsae_sha256, message, *d));
}

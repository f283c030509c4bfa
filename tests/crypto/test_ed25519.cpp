// Ed25519 (pure, RFC 8032 §5.1) against the test vectors of RFC 8032 §7.1: TEST 1, 2, 3 and
// TEST SHA(abc). Signing is deterministic, so the signatures must match byte for byte.
#include <array>
#include <string>

#include "../test_util.hpp"
#include "tlslab/crypto/default_provider.hpp"

namespace {

using namespace tlslab;
using namespace tlslab::crypto;
using tlslab::test::hex;

struct NoRandom final : RandomSource {
  void fill(MutableByteView) override { FAIL("Ed25519 signing drew from the caller's generator"); }
};

struct Vector {
  const char* name;
  const char* secret;
  const char* public_key;
  const char* message;
  const char* signature;
};

// RFC 8032 §7.1.
const Vector kVectors[] = {
    {"TEST 1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b"
     "4"
     "6bd25bf5f0595bbe24655141438e7a100b"},
    {"TEST 2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11"
     "d"
     "8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"TEST 3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc"
     "6"
     "594a7c15e9716ed28dc027beceea1ec40a"},
    {"TEST SHA(abc)", "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
     "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
     "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
     "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e"
     "0"
     "303dca179c138ac17ad9bef1177331a704"},
};

}  // namespace

TEST_CASE("Ed25519: RFC 8032 §7.1 test vectors") {
  auto provider = make_default_provider();
  for (const auto& v : kVectors) {
    CAPTURE(v.name);
    const Bytes message = hex(v.message);
    const Bytes expected = hex(v.signature);
    const auto key = provider->import_private_key(Ed25519PrivateMaterial{hex(v.secret)});
    CHECK(key->type() == KeyType::ed25519);
    CHECK(key->bits() == 256);
    CHECK(std::get<Ed25519PrivateMaterial>(key->material()).seed == hex(v.secret));
    // The public key derived from the secret.
    CHECK(to_hex(std::get<Ed25519PublicMaterial>(key->public_key().material()).key) ==
          v.public_key);

    NoRandom none;
    CHECK(to_hex(key->sign(SignatureScheme::ed25519, message, none)) == v.signature);

    const auto pub = provider->import_public_key(Ed25519PublicMaterial{hex(v.public_key)});
    CHECK(pub->type() == KeyType::ed25519);
    CHECK(pub->verify(SignatureScheme::ed25519, message, expected));

    // A flipped bit anywhere in R or S, or in the message, fails.
    for (const std::size_t byte :
         {std::size_t{0}, std::size_t{31}, std::size_t{32}, std::size_t{63}}) {
      Bytes bad = expected;
      bad[byte] ^= 0x01;
      CHECK_FALSE(pub->verify(SignatureScheme::ed25519, message, bad));
    }
    Bytes longer = message;
    longer.push_back(0x00);
    CHECK_FALSE(pub->verify(SignatureScheme::ed25519, longer, expected));
    if (!message.empty()) {
      Bytes altered = message;
      altered.back() ^= 0x80;
      CHECK_FALSE(pub->verify(SignatureScheme::ed25519, altered, expected));
    }

    // Wrong signature lengths and schemes: false, not an exception.
    CHECK_FALSE(pub->verify(SignatureScheme::ed25519, message, ByteView(expected).first(63)));
    Bytes padded = expected;
    padded.push_back(0x00);
    CHECK_FALSE(pub->verify(SignatureScheme::ed25519, message, padded));
    CHECK_FALSE(pub->verify(SignatureScheme::ed25519, message, Bytes{}));
    CHECK_FALSE(pub->verify(SignatureScheme::ecdsa_secp256r1_sha256, message, expected));
    CHECK_FALSE(pub->verify(SignatureScheme::rsa_pss_rsae_sha256, message, expected));
  }
}

TEST_CASE("Ed25519: another vector's key does not verify") {
  auto provider = make_default_provider();
  const auto pub = provider->import_public_key(Ed25519PublicMaterial{hex(kVectors[1].public_key)});
  CHECK_FALSE(
      pub->verify(SignatureScheme::ed25519, hex(kVectors[0].message), hex(kVectors[0].signature)));
}

TEST_CASE("Ed25519: invalid keys and schemes are refused") {
  auto provider = make_default_provider();
  const Bytes key = hex(kVectors[0].public_key);
  CHECK_TLS_ERROR(
      provider->import_public_key(Ed25519PublicMaterial{Bytes(key.begin(), key.end() - 1)}),
      AlertDescription::bad_certificate, "31 bytes, want 32");
  Bytes longer = key;
  longer.push_back(0x00);
  CHECK_TLS_ERROR(provider->import_public_key(Ed25519PublicMaterial{longer}),
                  AlertDescription::bad_certificate, "33 bytes, want 32");
  // y = 1 encodes the identity, a small-order point; and y = p (2^255 - 19) is non-canonical.
  Bytes identity(32, 0x00);
  identity[0] = 0x01;
  CHECK_TLS_ERROR(provider->import_public_key(Ed25519PublicMaterial{identity}),
                  AlertDescription::bad_certificate, "not a valid point");
  Bytes p = hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
  CHECK_TLS_ERROR(provider->import_public_key(Ed25519PublicMaterial{p}),
                  AlertDescription::bad_certificate, "not a valid point");

  CHECK_TLS_ERROR(provider->import_private_key(Ed25519PrivateMaterial{Bytes(31, 0x01)}),
                  AlertDescription::bad_certificate, "31 bytes, want 32");

  const auto priv = provider->import_private_key(Ed25519PrivateMaterial{hex(kVectors[0].secret)});
  NoRandom none;
  CHECK_TLS_ERROR(priv->sign(SignatureScheme::ecdsa_secp256r1_sha256, Bytes{}, none),
                  AlertDescription::internal_error, "cannot sign with ecdsa_secp256r1_sha256");
  CHECK_TLS_ERROR(priv->public_key().encrypt_pkcs1(Bytes(48), *provider),
                  AlertDescription::internal_error, "cannot encrypt");
  std::array<std::uint8_t, 48> premaster{};
  CHECK_TLS_ERROR(priv->decrypt_premaster(Bytes(64), 0x0303, premaster, *provider),
                  AlertDescription::internal_error, "cannot decrypt");
}

TEST_CASE("Ed25519: generated keys") {
  auto provider = make_default_provider();
  const auto a = provider->generate_private_key(KeyType::ed25519);
  const auto b = provider->generate_private_key(KeyType::ed25519);
  CHECK(a->type() == KeyType::ed25519);
  CHECK(std::get<Ed25519PrivateMaterial>(a->material()).seed.size() == 32);
  CHECK(std::get<Ed25519PrivateMaterial>(a->material()).seed !=
        std::get<Ed25519PrivateMaterial>(b->material()).seed);
  const std::string message = "generated";
  NoRandom none;
  const Bytes sig = a->sign(SignatureScheme::ed25519, view(message), none);
  CHECK(a->public_key().verify(SignatureScheme::ed25519, view(message), sig));
  CHECK_FALSE(b->public_key().verify(SignatureScheme::ed25519, view(message), sig));
  const auto again = provider->import_private_key(a->material());
  CHECK(again->sign(SignatureScheme::ed25519, view(message), none) == sig);
}

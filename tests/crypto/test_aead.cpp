// AEADs through the provider. AES-GCM: the test cases of McGrew & Viega, "The Galois/Counter
// Mode of Operation (GCM)" (revised 2005), Appendix B, cases 1-4 (AES-128) and 13-16 (AES-256),
// the ones with 96-bit IVs. ChaCha20-Poly1305: RFC 8439 §2.8.2.
#include <algorithm>
#include <string>

#include "../test_util.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/crypto/provider.hpp"

namespace tlslab::crypto {
namespace {

using test::hex;

struct Vector {
  const char* name;
  AeadAlgorithm algorithm;
  const char* key;
  const char* nonce;
  const char* aad;
  const char* plaintext;
  const char* ciphertext;
  const char* tag;
};

// McGrew & Viega Appendix B. Cases 3/4 and 15/16 share key, IV and plaintext; 4 and 16 drop the
// last 4 bytes and add 20 bytes of additional data.
#define GCM_K "feffe9928665731c6d6a8f9467308308"
#define GCM_IV "cafebabefacedbaddecaf888"
#define GCM_P60                                                                                  \
  "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6" \
  "b525b16aedf5aa0de657ba637b39"
#define GCM_A "feedfacedeadbeeffeedfacedeadbeefabaddad2"
#define ZERO16 "00000000000000000000000000000000"
#define ZERO12 "000000000000000000000000"

const Vector kVectors[] = {
    {"GCM test case 1", AeadAlgorithm::aes_128_gcm, ZERO16, ZERO12, "", "", "",
     "58e2fccefa7e3061367f1d57a4e7455a"},
    {"GCM test case 2", AeadAlgorithm::aes_128_gcm, ZERO16, ZERO12, "", ZERO16,
     "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf"},
    {"GCM test case 3", AeadAlgorithm::aes_128_gcm, GCM_K, GCM_IV, "", GCM_P60 "1aafd255",
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84"
     "aa051ba30b396a0aac973d58e091473f5985",
     "4d5c2af327cd64a62cf35abd2ba6fab4"},
    {"GCM test case 4", AeadAlgorithm::aes_128_gcm, GCM_K, GCM_IV, GCM_A, GCM_P60,
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84"
     "aa051ba30b396a0aac973d58e091",
     "5bc94fbc3221a5db94fae95ae7121a47"},
    {"GCM test case 13", AeadAlgorithm::aes_256_gcm, ZERO16 ZERO16, ZERO12, "", "", "",
     "530f8afbc74536b9a963b4f1c4cb738b"},
    {"GCM test case 14", AeadAlgorithm::aes_256_gcm, ZERO16 ZERO16, ZERO12, "", ZERO16,
     "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"},
    {"GCM test case 15", AeadAlgorithm::aes_256_gcm, GCM_K GCM_K, GCM_IV, "", GCM_P60 "1aafd255",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056"
     "828838c5f61e6393ba7a0abcc9f662898015ad",
     "b094dac5d93471bdec1a502270e3cc6c"},
    {"GCM test case 16", AeadAlgorithm::aes_256_gcm, GCM_K GCM_K, GCM_IV, GCM_A, GCM_P60,
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056"
     "828838c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
    // RFC 8439 §2.8.2. The plaintext is "Ladies and Gentlemen of the class of '99: If I could
    // offer you only one tip for the future, sunscreen would be it."
    {"RFC 8439 2.8.2", AeadAlgorithm::chacha20_poly1305,
     "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f", "070000004041424344454647",
     "50515253c0c1c2c3c4c5c6c7",
     "4c616469657320616e642047656e746c656d656e206f662074686520636c617373206f66202739393a20496620"
     "4920636f756c64206f6666657220796f75206f6e6c79206f6e652074697020666f722074686520667574757265"
     "2c2073756e73637265656e20776f756c642062652069742e",
     "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da"
     "92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585"
     "808b4831d7bc3ff4def08e4b7a9de576d26586cec64b6116",
     "1ae10b594f09e26a7e902ecbd0600691"},
};

bool all_zero(ByteView b) {
  return std::all_of(b.begin(), b.end(), [](std::uint8_t x) { return x == 0; });
}

TEST_CASE("aead: known answers, seal and open in place") {
  auto provider = make_default_provider();
  for (const auto& v : kVectors) {
    CAPTURE(v.name);
    auto aead = provider->aead(v.algorithm, hex(v.key));
    CHECK(aead->algorithm() == v.algorithm);
    const Bytes nonce = hex(v.nonce);
    const Bytes aad = hex(v.aad);

    Bytes buffer = hex(v.plaintext);
    Bytes tag(kAeadTagSize);
    aead->seal(nonce, aad, buffer, tag);
    CHECK(to_hex(buffer) == v.ciphertext);
    CHECK(to_hex(tag) == v.tag);

    // Decrypt with a separately made object as a peer would.
    auto peer = provider->aead(v.algorithm, hex(v.key));
    CHECK(peer->open(nonce, aad, buffer, tag));
    CHECK(to_hex(buffer) == v.plaintext);
  }
}

TEST_CASE("aead: one object serves many records (keyed once, nonce per record)") {
  auto provider = make_default_provider();
  // GCM cases 3 and 4 share the key: alternate them on one object, twice round.
  auto aead = provider->aead(AeadAlgorithm::aes_128_gcm, hex(GCM_K));
  for (int round = 0; round < 2; ++round) {
    for (const auto* v : {&kVectors[2], &kVectors[3]}) {
      CAPTURE(v->name);
      Bytes buffer = hex(v->plaintext);
      Bytes tag(kAeadTagSize);
      aead->seal(hex(v->nonce), hex(v->aad), buffer, tag);
      CHECK(to_hex(buffer) == v->ciphertext);
      CHECK(to_hex(tag) == v->tag);
      CHECK(aead->open(hex(v->nonce), hex(v->aad), buffer, tag));
      CHECK(to_hex(buffer) == v->plaintext);
    }
  }
  // A different nonce under the same key gives a different record.
  Bytes buffer = hex(GCM_P60);
  Bytes tag(kAeadTagSize);
  Bytes nonce = hex(GCM_IV);
  nonce.back() ^= 1;
  aead->seal(nonce, hex(GCM_A), buffer, tag);
  CHECK(to_hex(buffer) != kVectors[3].ciphertext);
}

// Tampering with any authenticated input must fail open() and leave no plaintext behind.
TEST_CASE(
    "aead: a flipped bit in tag, ciphertext, AAD or nonce is rejected and zeroes the buffer") {
  auto provider = make_default_provider();
  // One vector with AAD and a ciphertext per algorithm.
  for (const auto* v : {&kVectors[3], &kVectors[7], &kVectors[8]}) {
    CAPTURE(v->name);
    auto aead = provider->aead(v->algorithm, hex(v->key));
    const Bytes nonce = hex(v->nonce);
    const Bytes aad = hex(v->aad);
    const Bytes ciphertext = hex(v->ciphertext);
    const Bytes tag = hex(v->tag);

    SUBCASE("tag") {
      for (const std::size_t bit : {std::size_t{0}, std::size_t{77}, std::size_t{127}}) {
        Bytes bad_tag = tag;
        bad_tag[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
        Bytes buffer = ciphertext;
        CHECK_FALSE(aead->open(nonce, aad, buffer, bad_tag));
        CHECK(all_zero(buffer));
      }
    }
    SUBCASE("ciphertext") {
      for (const std::size_t at : {std::size_t{0}, ciphertext.size() / 2, ciphertext.size() - 1}) {
        Bytes buffer = ciphertext;
        buffer[at] ^= 0x01;
        CHECK_FALSE(aead->open(nonce, aad, buffer, tag));
        CHECK(all_zero(buffer));
      }
    }
    SUBCASE("AAD") {
      Bytes bad_aad = aad;
      bad_aad[bad_aad.size() - 1] ^= 0x80;
      Bytes buffer = ciphertext;
      CHECK_FALSE(aead->open(nonce, bad_aad, buffer, tag));
      CHECK(all_zero(buffer));
      // Dropping the AAD altogether is tampering too.
      buffer = ciphertext;
      CHECK_FALSE(aead->open(nonce, {}, buffer, tag));
      CHECK(all_zero(buffer));
    }
    SUBCASE("nonce") {
      Bytes bad_nonce = nonce;
      bad_nonce[5] ^= 0x10;
      Bytes buffer = ciphertext;
      CHECK_FALSE(aead->open(bad_nonce, aad, buffer, tag));
      CHECK(all_zero(buffer));
    }
    // A failed open() leaves the object usable for the genuine record.
    Bytes buffer = ciphertext;
    CHECK(aead->open(nonce, aad, buffer, tag));
    CHECK(to_hex(buffer) == v->plaintext);
  }
}

TEST_CASE("aead: empty plaintext round trip") {
  auto provider = make_default_provider();
  for (const AeadAlgorithm a :
       {AeadAlgorithm::aes_128_gcm, AeadAlgorithm::aes_256_gcm, AeadAlgorithm::chacha20_poly1305}) {
    CAPTURE(aead_name(a));
    const Bytes key(aead_key_size(a), 0x5c);
    auto aead = provider->aead(a, key);
    const Bytes nonce(kAeadNonceSize, 0x01);
    const Bytes aad = hex("170303000000000000000000");
    Bytes empty;
    Bytes tag(kAeadTagSize);
    aead->seal(nonce, aad, empty, tag);
    CHECK_FALSE(all_zero(tag));
    CHECK(aead->open(nonce, aad, empty, tag));
    // The tag still authenticates the AAD.
    Bytes other_aad = aad;
    other_aad[0] = 0x16;
    CHECK_FALSE(aead->open(nonce, other_aad, empty, tag));
    // And with no AAD either.
    Bytes bare_tag(kAeadTagSize);
    aead->seal(nonce, {}, empty, bare_tag);
    CHECK(bare_tag != tag);
    CHECK(aead->open(nonce, {}, empty, bare_tag));
  }
}

TEST_CASE("aead: wrong key, nonce and tag sizes are internal errors") {
  auto provider = make_default_provider();
  CHECK_TLS_ERROR(provider->aead(AeadAlgorithm::aes_128_gcm, Bytes(15)),
                  AlertDescription::internal_error, "AES-128-GCM key must be 16 bytes, got 15");
  // AES itself would take a 16-byte key; AES-256-GCM must not.
  CHECK_TLS_ERROR(provider->aead(AeadAlgorithm::aes_256_gcm, Bytes(16)),
                  AlertDescription::internal_error, "AES-256-GCM key must be 32 bytes, got 16");
  CHECK_TLS_ERROR(provider->aead(AeadAlgorithm::chacha20_poly1305, Bytes(31)),
                  AlertDescription::internal_error,
                  "ChaCha20-Poly1305 key must be 32 bytes, got 31");
  CHECK_TLS_ERROR(provider->aead(AeadAlgorithm::aes_128_gcm, Bytes{}),
                  AlertDescription::internal_error, "got 0");

  for (const AeadAlgorithm a : {AeadAlgorithm::aes_128_gcm, AeadAlgorithm::chacha20_poly1305}) {
    CAPTURE(aead_name(a));
    auto aead = provider->aead(a, Bytes(aead_key_size(a), 1));
    Bytes buffer(32, 0xab);
    Bytes tag(kAeadTagSize);
    CHECK_TLS_ERROR(aead->seal(Bytes(8), {}, buffer, tag), AlertDescription::internal_error,
                    "nonce must be 12 bytes, got 8");
    Bytes short_tag(12);
    CHECK_TLS_ERROR(aead->seal(Bytes(12), {}, buffer, short_tag), AlertDescription::internal_error,
                    "tag must be 16 bytes, got 12");
    CHECK(buffer == Bytes(32, 0xab));  // nothing was encrypted
    CHECK_TLS_ERROR((void)aead->open(Bytes(16), {}, buffer, tag), AlertDescription::internal_error,
                    "nonce must be 12 bytes, got 16");
    CHECK_TLS_ERROR((void)aead->open(Bytes(12), {}, buffer, Bytes(15)),
                    AlertDescription::internal_error, "tag must be 16 bytes, got 15");
  }
}

}  // namespace
}  // namespace tlslab::crypto

// Hashes and HMAC through the provider: FIPS 180-4 examples (the NIST "Cryptographic Standards
// and Guidelines: Examples with Intermediate Values" for SHA-1, SHA-224, SHA-256, SHA-384,
// SHA-512, as first printed in FIPS 180-2 Appendices A-D), RFC 4231 §4 (HMAC-SHA-224/256/384/512)
// and RFC 2202 §3 (HMAC-SHA-1).
#include <string>
#include <utility>
#include <vector>

#include "../test_util.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/crypto/provider.hpp"

namespace tlslab::crypto {
namespace {

using test::hex;

// FIPS 180-2 §A.2/B.2/C.2-style two-block messages: 448 bits for the 512-bit-block hashes,
// 896 bits for SHA-384/512 (1024-bit blocks).
const std::string kAbc = "abc";
const std::string kMsg448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
const std::string kMsg896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopq"
    "rsmnopqrstnopqrstu";

struct FipsCase {
  HashAlgorithm h;
  const std::string& two_block;
  const char* abc;
  const char* two_block_digest;
  const char* million_a;
};

const FipsCase kFips[] = {
    {HashAlgorithm::sha1, kMsg448, "a9993e364706816aba3e25717850c26c9cd0d89d",
     "84983e441c3bd26ebaae4aa1f95129e5e54670f1", "34aa973cd4c4daa4f61eeb2bdbad27316534016f"},
    {HashAlgorithm::sha224, kMsg448, "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
     "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525",
     "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67"},
    {HashAlgorithm::sha256, kMsg448,
     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
     "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
    {HashAlgorithm::sha384, kMsg896,
     "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c82"
     "5a7",
     "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746"
     "039",
     "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8"
     "985"},
    {HashAlgorithm::sha512, kMsg896,
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3fee"
     "bbd"
     "454d4423643ce80e2a9ac94fa54ca49f",
     "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b54"
     "3"
     "3ac7d329eeb6dd26545e96e55b874be909",
     "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c"
     "3"
     "1beb009c5c2c49aa2e4eadb217ad8cc09b"},
};

Bytes bytes_of(const Digest& d) {
  return {d.bytes.begin(), d.bytes.begin() + static_cast<std::ptrdiff_t>(d.size)};
}
Bytes bytes_of(std::string_view s) {
  const ByteView v = view(s);
  return {v.begin(), v.end()};
}

TEST_CASE("hash: FIPS 180 examples for SHA-1, SHA-224, SHA-256, SHA-384, SHA-512") {
  auto provider = make_default_provider();
  for (const auto& c : kFips) {
    CAPTURE(hash_name(c.h));
    CHECK(provider->hash(c.h, view(kAbc)).size == digest_size(c.h));
    CHECK(bytes_of(provider->hash(c.h, view(kAbc))) == hex(c.abc));
    CHECK(bytes_of(provider->hash(c.h, view(c.two_block))) == hex(c.two_block_digest));

    // One million 'a', fed in 1000-byte pieces: also exercises many updates on one context.
    auto ctx = provider->hash(c.h);
    CHECK(ctx->algorithm() == c.h);
    const std::string thousand(1000, 'a');
    for (int i = 0; i < 1000; ++i)
      ctx->update(view(thousand));
    CHECK(bytes_of(ctx->finish()) == hex(c.million_a));
  }
}

TEST_CASE("hash: any split of the input gives the one-shot digest") {
  auto provider = make_default_provider();
  for (const auto& c : kFips) {
    CAPTURE(hash_name(c.h));
    const ByteView msg = view(c.two_block);
    const Bytes expected = hex(c.two_block_digest);
    auto ctx = provider->hash(c.h);
    for (std::size_t split = 0; split <= msg.size(); ++split) {
      CAPTURE(split);
      ctx->update(msg.first(split));
      ctx->update(ByteView{});  // an empty update changes nothing
      ctx->update(msg.subspan(split));
      // finish() leaves the context empty, so the same context is reused for the next split.
      CHECK(bytes_of(ctx->finish()) == expected);
    }
    // Byte by byte.
    for (std::uint8_t b : msg)
      ctx->update(ByteView{&b, 1});
    CHECK(bytes_of(ctx->finish()) == expected);
    // And after all that, a fresh message on the same context.
    ctx->update(view(kAbc));
    CHECK(bytes_of(ctx->finish()) == hex(c.abc));
  }
}

TEST_CASE("hash: empty input") {
  // The digests of the empty message: the "Len = 0" entries of NIST CAVP's SHA1ShortMsg.rsp and
  // SHA256ShortMsg.rsp (SHAVS).
  auto provider = make_default_provider();
  CHECK(to_hex(provider->hash(HashAlgorithm::sha1, ByteView{}).view()) ==
        "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(to_hex(provider->hash(HashAlgorithm::sha256, ByteView{}).view()) ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("hash: clone() forks the running state") {
  auto provider = make_default_provider();
  for (const auto& c : kFips) {
    CAPTURE(hash_name(c.h));
    const ByteView msg = view(c.two_block);
    const std::size_t half = msg.size() / 2 + 3;  // not on a block boundary

    auto original = provider->hash(c.h);
    original->update(msg.first(half));
    auto fork = original->clone();
    REQUIRE(fork != nullptr);
    CHECK(fork->algorithm() == c.h);

    // Diverge: the fork takes other data first; the original must not see it.
    fork->update(view(kAbc));
    original->update(msg.subspan(half));
    CHECK(bytes_of(original->finish()) == hex(c.two_block_digest));

    // A second fork of a context taken mid-message completes independently of its parent.
    original->update(msg.first(half));
    auto fork2 = original->clone();
    fork2->update(msg.subspan(half));
    CHECK(bytes_of(fork2->finish()) == hex(c.two_block_digest));
    original->update(msg.subspan(half));
    CHECK(bytes_of(original->finish()) == hex(c.two_block_digest));

    // The first fork holds prefix || "abc", which is not the two-block message.
    CHECK(bytes_of(fork->finish()) != hex(c.two_block_digest));
    // Clone of an empty context is an empty context.
    auto empty_fork = original->clone();
    empty_fork->update(view(kAbc));
    CHECK(bytes_of(empty_fork->finish()) == hex(c.abc));
  }
}

// RFC 4231 §4.2-§4.8. Test case 5's published values are the leftmost 128 bits.
struct Rfc4231Case {
  int number;
  Bytes key;
  Bytes data;
  const char* sha224;
  const char* sha256;
  const char* sha384;
  const char* sha512;
};

std::vector<Rfc4231Case> rfc4231_cases() {
  const Bytes aa131(131, 0xaa);
  return {
      {1, Bytes(20, 0x0b), bytes_of("Hi There"),
       "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22",
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
       "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2f"
       "a9cb6",
       "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea"
       "3f4e4"
       "be9d914eeb61f1702e696c203a126854"},
      {2, hex("4a656665"),  // "Jefe"
       hex("7768617420646f2079612077616e7420666f72206e6f7468696e673f"),
       "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44",
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
       "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab"
       "21649",
       "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f"
       "0e6fd"
       "caeab1a34d4a6b4b636e070a38bce737"},
      {3, Bytes(20, 0xaa), Bytes(50, 0xdd),
       "7fb3cb3588c6c1f6ffa9694d7d6ad2649365b0c1f65d69d1ec8333ea",
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
       "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a"
       "34f27",
       "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e6"
       "7c807"
       "b946a337bee8942674278859e13292fb"},
      {4, hex("0102030405060708090a0b0c0d0e0f10111213141516171819"), Bytes(50, 0xcd),
       "6c11506874013cac6a2abc1bb382627cec6a90d86efc012de7afec5a",
       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
       "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c67"
       "4cffb",
       "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc57"
       "88063"
       "a5f19741120c4f2de2adebeb10a298dd"},
      {5, Bytes(20, 0x0c), hex("546573742057697468205472756e636174696f6e"),  // Test With Truncation
       "0e2aea68a90c8d37c988bcdb9fca6fa8", "a3b6167473100ee06e0c796c2955552b",
       "3abf34c3503b2a23a46efc619baef897", "415fad6271580a531d4179bc891d87a6"},
      {6, aa131,
       hex("54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d20486173"
           "68204b6579204669727374"),  // "Test Using Larger Than Block-Size Key - Hash Key First"
       "95e9a0db962095adaebe9b2d6f0dbce2d499f112f2d2b7273fa6870e",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
       "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f"
       "44952",
       "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6"
       "a1e52"
       "95e64f73f63f0aec8b915a985d786598"},
      {7, aa131,
       hex("5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697"
           "a"
           "65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e205468"
           "65206b6579206e6565647320746f20626520686173686564206265666f7265206265696e67207573656420"
           "62792074686520484d414320616c676f726974686d2e"),
       "3a854166ac5d9f023f54d517d0b39dbd946770db9c2b95c9f6f565d1",
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
       "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c4"
       "6523e",
       "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e"
       "4de15"
       "134676fb6de0446065c97440fa8c6a58"},
  };
}

// Compares the tag with a published value, which may be a truncation (RFC 4231 case 5).
void check_tag(const Digest& tag, HashAlgorithm h, const char* published) {
  REQUIRE(tag.size == digest_size(h));
  const Bytes want = hex(published);
  REQUIRE(want.size() <= tag.size);
  CHECK(Bytes(tag.bytes.begin(), tag.bytes.begin() + static_cast<std::ptrdiff_t>(want.size())) ==
        want);
}

TEST_CASE("hmac: RFC 4231 test cases 1-7") {
  auto provider = make_default_provider();
  const std::vector<Rfc4231Case> cases = rfc4231_cases();
  REQUIRE(cases.size() == 7);
  for (const auto& c : cases) {
    CAPTURE(c.number);
    const std::pair<HashAlgorithm, const char*> expected[] = {
        {HashAlgorithm::sha224, c.sha224},
        {HashAlgorithm::sha256, c.sha256},
        {HashAlgorithm::sha384, c.sha384},
        {HashAlgorithm::sha512, c.sha512},
    };
    for (const auto& e : expected) {
      // Not a structured binding: clang 14 cannot capture those in CAPTURE's lambda.
      const HashAlgorithm h = e.first;
      const char* const published = e.second;
      CAPTURE(hash_name(h));
      check_tag(provider->hmac(h, c.key, c.data), h, published);
      // Incrementally, split off-centre.
      auto mac = provider->hmac(h, c.key);
      CHECK(mac->algorithm() == h);
      const ByteView data = c.data;
      mac->update(data.first(data.size() / 3));
      mac->update(data.subspan(data.size() / 3));
      check_tag(mac->finish(), h, published);
    }
  }
}

TEST_CASE("hmac: RFC 2202 HMAC-SHA-1 test cases 1-7") {
  auto provider = make_default_provider();
  struct Case {
    Bytes key;
    std::string data;
    const char* digest;
  };
  const Case cases[] = {
      {Bytes(20, 0x0b), "Hi There", "b617318655057264e28bc0b6fb378c8ef146be00"},
      {hex("4a656665"), "what do ya want for nothing?", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
      {Bytes(20, 0xaa), std::string(50, '\xdd'), "125d7342b9ac11cd91a39af48aa17b4f63f175d3"},
      {hex("0102030405060708090a0b0c0d0e0f10111213141516171819"), std::string(50, '\xcd'),
       "4c9007f4026250c6bc8414f9bf50c86c2d7235da"},
      {Bytes(20, 0x0c), "Test With Truncation", "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"},
      {Bytes(80, 0xaa), "Test Using Larger Than Block-Size Key - Hash Key First",
       "aa4ae5e15272d00e95705637ce8a3b55ed402112"},
      {Bytes(80, 0xaa), "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data",
       "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"},
  };
  int number = 0;
  for (const auto& c : cases) {
    CAPTURE(++number);
    const Digest tag = provider->hmac(HashAlgorithm::sha1, c.key, view(c.data));
    CHECK(tag.size == 20);
    CHECK(to_hex(tag.view()) == c.digest);
  }
}

TEST_CASE("hmac: finish() leaves the Mac keyed and empty for the next message") {
  auto provider = make_default_provider();
  const std::vector<Rfc4231Case> cases = rfc4231_cases();
  const auto& c2 = cases[1];  // "Jefe"
  auto mac = provider->hmac(HashAlgorithm::sha256, c2.key);
  mac->update(c2.data);
  const Digest first = mac->finish();
  mac->update(c2.data);
  const Digest second = mac->finish();
  CHECK(to_hex(first.view()) == c2.sha256);
  CHECK(to_hex(second.view()) == c2.sha256);

  // An empty message right after finish() is HMAC(key, "") - not a continuation of the last one.
  const Digest empty_tag = mac->finish();
  CHECK(bytes_of(empty_tag) == bytes_of(provider->hmac(HashAlgorithm::sha256, c2.key, {})));
  CHECK(bytes_of(empty_tag) != bytes_of(first));

  // Reuse with a long (hashed) key too: RFC 4231 case 6 twice on one object.
  const auto& c6 = cases[5];
  auto mac512 = provider->hmac(HashAlgorithm::sha512, c6.key);
  for (int i = 0; i < 2; ++i) {
    mac512->update(c6.data);
    CHECK(to_hex(mac512->finish().view()) == c6.sha512);
  }
}

TEST_CASE("hmac: an empty key is accepted") {
  // RFC 2104 §2 pads a short key with zeros, so the empty key equals a block of zero bytes.
  auto provider = make_default_provider();
  const Digest empty_key = provider->hmac(HashAlgorithm::sha256, ByteView{}, view(kAbc));
  const Digest zero_key = provider->hmac(HashAlgorithm::sha256, Bytes(64, 0), view(kAbc));
  CHECK(empty_key.size == 32);
  CHECK(bytes_of(empty_key) == bytes_of(zero_key));
  CHECK(bytes_of(empty_key) !=
        bytes_of(provider->hmac(HashAlgorithm::sha256, Bytes(1, 1), view(kAbc))));
}

}  // namespace
}  // namespace tlslab::crypto

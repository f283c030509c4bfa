// Record protection failures: every tampered byte, every malformed CBC padding and MAC, short
// fragments, replayed records, oversize plaintexts; all bad_record_mac with one reason (RFC 5246
// §6.2.3, §7.2.2), except record_overflow for an authentic plaintext above 2^14. And the Lucky13
// countermeasure's invariant: the hashing work of the MAC-then-encrypt check does not depend on
// the padding (counted with an instrumented provider).
#include <map>
#include <set>

#include "../crypto/forwarding_provider.hpp"
#include "../test_util.hpp"
#include "protection_test_util.hpp"
#include "tlslab/record/framing.hpp"

using namespace tlslab;
using namespace tlslab::record;
using tlslab::test::copy;
using tlslab::test::hex;

namespace {

const char* const kAllKinds[] = {
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",       "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",       "TLS_RSA_WITH_3DES_EDE_CBC_SHA"};

// Opens `fragment` with a fresh receiver at sequence number `seq`.
MutableByteView open_fresh(crypto::Provider& p, const registry::CipherSuiteInfo& suite,
                           const TrafficKeys& keys, bool etm, std::uint64_t seq, std::uint8_t type,
                           std::uint16_t version, Bytes& fragment) {
  // The plaintext view points into `fragment`, not into the receiver.
  auto receiver = detail::make_protection(p, suite, keys, etm, seq);
  return receiver->open(test::as_record(type, version, fragment));
}

}  // namespace

TEST_CASE("record protection: any flipped bit fails with the one bad_record_mac reason") {
  auto provider = crypto::make_default_provider();
  for (const std::string name : kAllKinds) {
    const auto& suite = test::suite_named(name);
    for (bool etm : {false, true}) {
      if (etm && suite.bulk != registry::BulkKind::cbc) continue;
      CAPTURE(name);
      CAPTURE(etm);
      const TrafficKeys keys = test::test_keys(suite, 4);
      auto sender = make_protection(*provider, suite, keys, etm);
      Bytes record;
      sender->seal(ContentType::application_data, 0x0303, hex("68656c6c6f20776f726c640a"), record);
      const Bytes good = test::fragment_of(record);
      {
        Bytes f = good;
        CHECK(copy(open_fresh(*provider, suite, keys, etm, 0, 23, 0x0303, f)) ==
              hex("68656c6c6f20776f726c640a"));
      }
      // Every byte of the fragment: explicit nonce / IV, ciphertext, tag / MAC, padding.
      for (std::size_t i = 0; i < good.size(); ++i) {
        for (std::uint8_t bit : {std::uint8_t{0x01}, std::uint8_t{0x80}}) {
          CAPTURE(i);
          Bytes f = good;
          f[i] ^= bit;
          test::check_bad_record_mac(
              [&] { (void)open_fresh(*provider, suite, keys, etm, 0, 23, 0x0303, f); });
        }
      }
      // The header is authenticated too: type, version; and the sequence number.
      Bytes f = good;
      test::check_bad_record_mac(
          [&] { (void)open_fresh(*provider, suite, keys, etm, 0, 22, 0x0303, f); });
      f = good;
      test::check_bad_record_mac(
          [&] { (void)open_fresh(*provider, suite, keys, etm, 0, 23, 0x0301, f); });
      f = good;
      test::check_bad_record_mac(
          [&] { (void)open_fresh(*provider, suite, keys, etm, 1, 23, 0x0303, f); });
      // Truncated and extended fragments.
      for (std::size_t cut : {std::size_t{1}, std::size_t{8}, std::size_t{16}, good.size()}) {
        if (cut > good.size()) continue;
        CAPTURE(cut);
        Bytes shorter(good.begin(), good.end() - static_cast<std::ptrdiff_t>(cut));
        test::check_bad_record_mac(
            [&] { (void)open_fresh(*provider, suite, keys, etm, 0, 23, 0x0303, shorter); });
      }
      Bytes longer = good;
      longer.insert(longer.end(), 16, 0);
      test::check_bad_record_mac(
          [&] { (void)open_fresh(*provider, suite, keys, etm, 0, 23, 0x0303, longer); });
    }
  }
}

TEST_CASE("record protection: a replayed or reordered record fails") {
  auto provider = crypto::make_default_provider();
  for (const std::string name : kAllKinds) {
    const auto& suite = test::suite_named(name);
    for (bool etm : {false, true}) {
      if (etm && suite.bulk != registry::BulkKind::cbc) continue;
      CAPTURE(name);
      CAPTURE(etm);
      const TrafficKeys keys = test::test_keys(suite, 5);
      auto sender = make_protection(*provider, suite, keys, etm);
      Bytes r0, r1;
      sender->seal(ContentType::application_data, 0x0303, hex("00"), r0);
      sender->seal(ContentType::application_data, 0x0303, hex("01"), r1);

      auto receiver = make_protection(*provider, suite, keys, etm);
      Bytes f1 = test::fragment_of(r1);  // record 1 first: out of order
      test::check_bad_record_mac([&] { (void)receiver->open(test::as_record(23, 0x0303, f1)); });
      CHECK(receiver->sequence_number() == 0);  // a failed record uses up nothing
      Bytes f0 = test::fragment_of(r0);
      CHECK(copy(receiver->open(test::as_record(23, 0x0303, f0))) == hex("00"));
      Bytes f0_again = test::fragment_of(r0);  // replay
      test::check_bad_record_mac(
          [&] { (void)receiver->open(test::as_record(23, 0x0303, f0_again)); });
      f1 = test::fragment_of(r1);
      CHECK(copy(receiver->open(test::as_record(23, 0x0303, f1))) == hex("01"));
    }
  }
}

TEST_CASE("CBC MAC-then-encrypt: padding and MAC failures look the same") {
  auto provider = crypto::make_default_provider();
  for (const std::string name :
       {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
        "TLS_RSA_WITH_3DES_EDE_CBC_SHA"}) {
    CAPTURE(name);
    const auto& suite = test::suite_named(name);
    const std::size_t bs = crypto::cbc_block_size(suite.cbc);
    const std::size_t mac = crypto::digest_size(suite.mac_hash);
    const TrafficKeys keys = test::test_keys(suite, 6);
    const Bytes iv(bs, 0x24);
    // Plaintext length making plaintext + MAC a whole number of blocks minus one, so that
    // padding_length 0 fits; other padding lengths add whole blocks.
    const std::size_t n = (bs - (mac + 1) % bs) % bs + bs;
    Bytes plaintext(n);
    for (std::size_t i = 0; i < n; ++i)
      plaintext[i] = static_cast<std::uint8_t>(0x30 + i);
    auto content = [&](std::size_t pad) {
      return test::mte_content(*provider, suite, keys.mac_key, 0, 23, 0x0303, plaintext, pad);
    };
    auto opens = [&](Bytes c) {
      Bytes f = test::cbc_encrypt(*provider, suite, keys.enc_key, iv, std::move(c));
      return copy(open_fresh(*provider, suite, keys, false, 0, 23, 0x0303, f));
    };
    auto fails = [&](Bytes c) {
      REQUIRE(c.size() % bs == 0);
      Bytes f = test::cbc_encrypt(*provider, suite, keys.enc_key, iv, std::move(c));
      test::check_bad_record_mac(
          [&] { (void)open_fresh(*provider, suite, keys, false, 0, 23, 0x0303, f); });
    };

    // Valid: padding_length 0, one block more, the longest (a multiple of the block below 256).
    const std::size_t longest = 255 / bs * bs;
    for (std::size_t pad : {std::size_t{0}, bs, longest}) {
      CAPTURE(pad);
      CHECK(opens(content(pad)) == plaintext);
    }
    // One padding byte wrong, at the front, in the middle, just before the length byte.
    for (std::size_t pad : {bs, longest}) {
      for (std::size_t wrong : {std::size_t{0}, pad / 2, pad - 1}) {
        CAPTURE(pad);
        CAPTURE(wrong);
        Bytes c = content(pad);
        c[n + mac + wrong] ^= 0x01;
        fails(c);
      }
    }
    // A wrong MAC under good padding.
    {
      Bytes c = content(bs);
      c[n + mac - 1] ^= 0x01;
      fails(c);
    }
    // padding_length claiming more bytes than the content holds besides the MAC.
    {
      Bytes c = content(0);
      c.back() = static_cast<std::uint8_t>(n + 1);  // n + 2 bytes of padding: eats into the MAC
      fails(c);
      c.back() = 0xff;
      fails(c);
    }
    // Padding made of the right values but one block too short for what the length byte says.
    {
      Bytes c = content(bs);
      c.back() = static_cast<std::uint8_t>(2 * bs);
      fails(c);
    }
    // Lengths: no content at all, IV only, content shorter than MAC + 1, not whole blocks.
    for (std::size_t size : {std::size_t{0}, std::size_t{1}, bs, 2 * bs, bs + mac, bs + mac + 1,
                             bs + (mac + 1 + bs - 1) / bs * bs + 1}) {
      CAPTURE(size);
      Bytes f(size, 0x5a);
      test::check_bad_record_mac(
          [&] { (void)open_fresh(*provider, suite, keys, false, 0, 23, 0x0303, f); });
    }
  }
}

TEST_CASE("CBC encrypt_then_mac: the MAC is checked first, then the padding") {
  auto provider = crypto::make_default_provider();
  for (const std::string name :
       {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"}) {
    CAPTURE(name);
    const auto& suite = test::suite_named(name);
    const std::size_t bs = crypto::cbc_block_size(suite.cbc);
    const std::size_t mac = crypto::digest_size(suite.mac_hash);
    const TrafficKeys keys = test::test_keys(suite, 7);
    const Bytes iv(bs, 0x42);
    // IV || E(padded) || HMAC(seq + header(length of IV + ciphertext) + IV + ciphertext)
    auto make = [&](Bytes padded) {
      Bytes f = test::cbc_encrypt(*provider, suite, keys.enc_key, iv, std::move(padded));
      const Bytes tag =
          test::hmac_of(*provider, suite, keys.mac_key, test::ad_bytes(0, 23, 0x0303, f.size()), f);
      f.insert(f.end(), tag.begin(), tag.end());
      return f;
    };
    Bytes padded = hex("41424344");
    padded.insert(padded.end(), bs - 4, static_cast<std::uint8_t>(bs - 5));
    {
      Bytes f = make(padded);
      CHECK(copy(open_fresh(*provider, suite, keys, true, 0, 23, 0x0303, f)) == hex("41424344"));
    }
    // Authentic records whose padding is wrong.
    {
      Bytes bad = padded;
      bad[5] ^= 0x01;
      Bytes f = make(bad);
      test::check_bad_record_mac(
          [&] { (void)open_fresh(*provider, suite, keys, true, 0, 23, 0x0303, f); });
      bad = padded;
      bad.back() = static_cast<std::uint8_t>(bs);  // bs + 1 bytes of padding in a bs-byte body
      f = make(bad);
      test::check_bad_record_mac(
          [&] { (void)open_fresh(*provider, suite, keys, true, 0, 23, 0x0303, f); });
    }
    // Lengths: MAC only, IV + MAC (no ciphertext block), not whole blocks.
    for (std::size_t size : {std::size_t{0}, mac, bs + mac, 2 * bs + mac - 1, 2 * bs + mac + 1}) {
      CAPTURE(size);
      Bytes f(size, 0x5a);
      test::check_bad_record_mac(
          [&] { (void)open_fresh(*provider, suite, keys, true, 0, 23, 0x0303, f); });
    }
  }
}

TEST_CASE("record protection: an authentic plaintext above 2^14 is record_overflow") {
  auto provider = crypto::make_default_provider();
  const Bytes big(kMaxPlaintext + 1, 0x61);
  // AEAD, crafted with the AEAD primitive: GCM nonce salt || explicit, ChaCha20 XOR nonce.
  for (const std::string name :
       {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"}) {
    CAPTURE(name);
    const auto& suite = test::suite_named(name);
    const TrafficKeys keys = test::test_keys(suite, 8);
    const std::size_t explicit_size = suite.record_iv_length();
    Bytes nonce(keys.fixed_iv.begin(), keys.fixed_iv.end());
    nonce.resize(12);  // GCM: explicit nonce 0; ChaCha20: fixed_iv XOR 0
    Bytes fragment(explicit_size, 0);
    Bytes body = big;
    Bytes tag(16);
    provider->aead(suite.aead, keys.enc_key)
        ->seal(nonce, test::ad_bytes(0, 23, 0x0303, big.size()), body, tag);
    fragment.insert(fragment.end(), body.begin(), body.end());
    fragment.insert(fragment.end(), tag.begin(), tag.end());
    CHECK_TLS_ERROR(open_fresh(*provider, suite, keys, false, 0, 23, 0x0303, fragment),
                    AlertDescription::record_overflow, "16385 bytes exceeds 2^14");
  }
  // CBC, both orders.
  const auto& suite = test::suite_named("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
  const TrafficKeys keys = test::test_keys(suite, 9);
  const Bytes iv(16, 0x07);
  {
    const std::size_t content = big.size() + 20;
    Bytes c = test::mte_content(*provider, suite, keys.mac_key, 0, 23, 0x0303, big,
                                16 - content % 16 - 1);
    Bytes f = test::cbc_encrypt(*provider, suite, keys.enc_key, iv, c);
    CHECK_TLS_ERROR(open_fresh(*provider, suite, keys, false, 0, 23, 0x0303, f),
                    AlertDescription::record_overflow, "exceeds 2^14");
  }
  {
    Bytes padded = big;
    const std::size_t pad = 16 - big.size() % 16 - 1;
    padded.insert(padded.end(), pad + 1, static_cast<std::uint8_t>(pad));
    Bytes f = test::cbc_encrypt(*provider, suite, keys.enc_key, iv, padded);
    const Bytes tag =
        test::hmac_of(*provider, suite, keys.mac_key, test::ad_bytes(0, 23, 0x0303, f.size()), f);
    f.insert(f.end(), tag.begin(), tag.end());
    CHECK_TLS_ERROR(open_fresh(*provider, suite, keys, true, 0, 23, 0x0303, f),
                    AlertDescription::record_overflow, "exceeds 2^14");
  }
}

// --- Lucky13: the hashing work does not depend on the padding ----------------------------------

namespace {

// Counts what the record layer gives the hash functions: bytes per HMAC message and bytes fed
// to plain hashes.
struct Counts {
  std::vector<std::size_t> mac_messages;  // bytes of each HMAC message (between finish() calls)
  std::size_t hash_bytes = 0;
};

class CountingMac final : public crypto::Mac {
 public:
  CountingMac(std::unique_ptr<crypto::Mac> inner, Counts& c) : inner_(std::move(inner)), c_(c) {}
  crypto::HashAlgorithm algorithm() const noexcept override { return inner_->algorithm(); }
  void update(ByteView data) override {
    n_ += data.size();
    inner_->update(data);
  }
  crypto::Digest finish() override {
    c_.mac_messages.push_back(n_);
    n_ = 0;
    return inner_->finish();
  }

 private:
  std::unique_ptr<crypto::Mac> inner_;
  Counts& c_;
  std::size_t n_ = 0;
};

class CountingHash final : public crypto::HashContext {
 public:
  CountingHash(std::unique_ptr<crypto::HashContext> inner, Counts& c)
      : inner_(std::move(inner)), c_(c) {}
  crypto::HashAlgorithm algorithm() const noexcept override { return inner_->algorithm(); }
  void update(ByteView data) override {
    c_.hash_bytes += data.size();
    inner_->update(data);
  }
  crypto::Digest finish() override { return inner_->finish(); }
  std::unique_ptr<crypto::HashContext> clone() const override { return inner_->clone(); }

 private:
  std::unique_ptr<crypto::HashContext> inner_;
  Counts& c_;
};

class CountingProvider final : public test::ForwardingProvider {
 public:
  explicit CountingProvider(Counts& c) : c_(c) {}
  std::string_view name() const noexcept override { return "counting"; }
  std::unique_ptr<crypto::HashContext> hash(crypto::HashAlgorithm h) override {
    return std::make_unique<CountingHash>(inner_->hash(h), c_);
  }
  std::unique_ptr<crypto::Mac> hmac(crypto::HashAlgorithm h, ByteView key) override {
    return std::make_unique<CountingMac>(inner_->hmac(h, key), c_);
  }

 private:
  Counts& c_;
};

// Compression-function calls of a Merkle–Damgård hash over `n` bytes (FIPS 180-4 §5.1: a 1 bit,
// zeros, and a 64-bit (SHA-1/256) or 128-bit (SHA-384) length, to a whole number of blocks).
std::size_t compressions(std::size_t n, std::size_t block) {
  const std::size_t length_field = block == 128 ? 16 : 8;
  return (n + 1 + length_field + block - 1) / block;
}

}  // namespace

TEST_CASE("CBC MAC-then-encrypt: hashing work is the same for every padding (Lucky13)") {
  for (const std::string name :
       {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
        "TLS_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"}) {
    CAPTURE(name);
    const auto& suite = test::suite_named(name);
    const std::size_t bs = crypto::cbc_block_size(suite.cbc);
    const std::size_t mac = crypto::digest_size(suite.mac_hash);
    const std::size_t block = crypto::hash_block_size(suite.mac_hash);
    const TrafficKeys keys = test::test_keys(suite, 10);
    Counts counts;
    CountingProvider provider(counts);
    // One public length for all records: every padding_length 0..255 fits in it.
    const std::size_t len = (mac + 256 + bs - 1) / bs * bs;
    const Bytes iv(bs, 0x33);
    std::set<std::size_t> work;
    std::map<std::string, std::size_t> outcomes;
    for (std::size_t pad = 0; pad < 256; ++pad) {
      Bytes plaintext(len - mac - pad - 1, 0x70);
      const Bytes good =
          test::mte_content(provider, suite, keys.mac_key, 0, 23, 0x0303, plaintext, pad);
      REQUIRE(good.size() == len);
      // Three records per padding length: valid, bad MAC, bad padding (when there is any).
      std::vector<Bytes> contents{good};
      contents.push_back(good);
      contents.back()[plaintext.size()] ^= 0x01;
      if (pad > 0) {
        contents.push_back(good);
        contents.back()[len - 2] ^= 0x01;
      }
      for (std::size_t k = 0; k < contents.size(); ++k) {
        Bytes f = test::cbc_encrypt(provider, suite, keys.enc_key, iv, contents[k]);
        auto receiver = make_protection(provider, suite, keys, false);
        counts = Counts{};
        bool ok = true;
        try {
          const std::size_t opened = receiver->open(test::as_record(23, 0x0303, f)).size();
          CHECK(opened == plaintext.size());
        } catch (const Error& e) {
          ok = false;
          CHECK(e.alert() == AlertDescription::bad_record_mac);
          CHECK(e.reason() == detail::kBadRecordMacReason);
        }
        CHECK(ok == (k == 0));
        outcomes[ok ? "opened" : "rejected"]++;
        // One HMAC message (13-byte header + plaintext), filler in whole hash blocks.
        REQUIRE(counts.mac_messages.size() == 1);
        CHECK(counts.hash_bytes % block == 0);
        work.insert(compressions(block + counts.mac_messages[0], block) +
                    counts.hash_bytes / block);
      }
    }
    CHECK(outcomes["opened"] == 256);
    CHECK(outcomes["rejected"] == 256 + 255);
    CHECK(work.size() == 1);  // the same number of compression calls every time
  }
}

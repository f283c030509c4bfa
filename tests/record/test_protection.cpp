// Record protection: known answers computed by Python `cryptography` + hmac
// (tests/data/record/make_vectors.py, formats from RFC 5246 §6.2.3, RFC 5288 §3, RFC 7905 §2,
// RFC 7366 §3), round trips for every implemented suite, null protection, sequence numbers and
// size limits. Tampering and the Lucky13 countermeasure: test_protection_negative.cpp; real
// OpenSSL/GnuTLS records: test_protection_captures.cpp.
#include <limits>

#include "../test_util.hpp"
#include "protection_test_util.hpp"
#include "tlslab/crypto/deterministic_provider.hpp"
#include "tlslab/record/framing.hpp"

using namespace tlslab;
using namespace tlslab::record;
using tlslab::test::copy;
using tlslab::test::hex;

namespace {

struct VectorRecord {
  std::uint8_t type;
  std::uint16_t version;
  Bytes plaintext;
  Bytes iv;
  Bytes record;
};

std::vector<VectorRecord> records_of(const nlohmann::json& v) {
  std::vector<VectorRecord> out;
  for (const auto& r : v["records"]) {
    VectorRecord vr{r["type"].get<std::uint8_t>(), r["version"].get<std::uint16_t>(),
                    hex(r["plaintext"].get<std::string>()),
                    r.contains("iv") ? hex(r["iv"].get<std::string>()) : Bytes{},
                    hex(r["record"].get<std::string>())};
    out.push_back(std::move(vr));
  }
  return out;
}

std::unique_ptr<Protection> make_at(crypto::Provider& p, const registry::CipherSuiteInfo& s,
                                    const TrafficKeys& k, bool etm, std::uint64_t first) {
  // The public factory for sequence number 0, so that it is the one tested there.
  if (first == 0) return make_protection(p, s, k, etm);
  return detail::make_protection(p, s, k, etm, first);
}

}  // namespace

TEST_CASE("record protection: known answers from an independent implementation") {
  const auto doc =
      nlohmann::json::parse(test::read_text(test::data_path("record/protection_vectors.json")));
  const auto& vectors = doc["vectors"];
  REQUIRE(vectors.size() >= 30);
  std::size_t sealed = 0;
  std::size_t opened = 0;
  for (const auto& v : vectors) {
    const std::string name = v["name"].get<std::string>();
    CAPTURE(name);
    const auto& suite = test::suite_named(v["suite"].get<std::string>());
    TrafficKeys keys;
    keys.mac_key = test::secret_hex(v["mac_key"].get<std::string>());
    keys.enc_key = test::secret_hex(v["enc_key"].get<std::string>());
    keys.fixed_iv = test::secret_hex(v["fixed_iv"].get<std::string>());
    const bool etm = v["encrypt_then_mac"].get<bool>();
    const std::uint64_t first = std::stoull(v["first_sequence_number"].get<std::string>());
    const auto records = records_of(v);
    REQUIRE(!records.empty());

    if (v["seal"].get<bool>()) {
      // CBC IVs come from the provider's randomness: script them.
      crypto::Script script;
      for (const auto& r : records)
        script.random.insert(script.random.end(), r.iv.begin(), r.iv.end());
      auto provider = crypto::make_deterministic_provider(std::move(script));
      auto sender = make_at(*provider, suite, keys, etm, first);
      CHECK_FALSE(sender->is_null());
      Bytes out = hex("aabb");  // seal appends; what is there stays
      for (std::size_t i = 0; i < records.size(); ++i) {
        CAPTURE(i);
        const auto& r = records[i];
        CHECK(sender->sequence_number() == first + i);
        const std::size_t before = out.size();
        sender->seal(static_cast<ContentType>(r.type), r.version, r.plaintext, out);
        CHECK(Bytes(out.begin() + static_cast<std::ptrdiff_t>(before), out.end()) == r.record);
        CHECK(out.size() - before - kHeaderSize - r.plaintext.size() <= sender->overhead());
        ++sealed;
      }
      CHECK(out[0] == 0xaa);
      CHECK(out[1] == 0xbb);
      CHECK(sender->sequence_number() == first + records.size());
    }

    // Open all records as one stream, through the deframer, in place.
    auto provider = crypto::make_default_provider();
    auto receiver = make_at(*provider, suite, keys, etm, first);
    Deframer deframer;
    deframer.set_max_fragment(kMaxCiphertext);
    for (const auto& r : records)
      deframer.feed(r.record);
    for (std::size_t i = 0; i < records.size(); ++i) {
      CAPTURE(i);
      auto rec = deframer.next();
      REQUIRE(rec.has_value());
      const MutableByteView plaintext = receiver->open(*rec);
      CHECK(copy(plaintext) == records[i].plaintext);
      // In place: the plaintext lies within the fragment.
      CHECK(plaintext.data() >= rec->fragment.data());
      CHECK(plaintext.data() + plaintext.size() <= rec->fragment.data() + rec->fragment.size());
      ++opened;
    }
    CHECK_FALSE(deframer.next().has_value());
    CHECK(receiver->sequence_number() == first + records.size());
  }
  CHECK(sealed >= 100);
  CHECK(opened >= 200);
}

TEST_CASE("record protection: every implemented suite round-trips with random IVs") {
  auto provider = crypto::make_default_provider();
  std::size_t suites = 0;
  for (const auto& suite : registry::cipher_suites()) {
    if (!suite.implemented) continue;
    for (bool etm : {false, true}) {
      if (etm && suite.bulk != registry::BulkKind::cbc) continue;
      CAPTURE(suite.name);
      CAPTURE(etm);
      ++suites;
      const TrafficKeys keys = test::test_keys(suite, 1);
      auto sender = make_protection(*provider, suite, keys, etm);
      auto receiver = make_protection(*provider, suite, keys, etm);
      CHECK(sender->name() == receiver->name());
      Bytes stream;
      std::vector<Bytes> sent;
      for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{47}, std::size_t{48},
                            std::size_t{300}, kMaxPlaintext}) {
        Bytes plaintext(n);
        for (std::size_t i = 0; i < n; ++i)
          plaintext[i] = static_cast<std::uint8_t>(i * 7 + n);
        const std::size_t before = stream.size();
        sender->seal(ContentType::application_data, 0x0303, plaintext, stream);
        CHECK(stream.size() - before - kHeaderSize - n <= sender->overhead());
        CHECK(stream.size() - before - kHeaderSize <= kMaxCiphertext);
        sent.push_back(std::move(plaintext));
      }
      Deframer deframer;
      deframer.set_max_fragment(kMaxCiphertext);
      deframer.feed(stream);
      for (const auto& expected : sent) {
        auto rec = deframer.next();
        REQUIRE(rec.has_value());
        CHECK(copy(receiver->open(*rec)) == expected);
      }
      CHECK(receiver->sequence_number() == sent.size());
    }
  }
  CHECK(suites >= 28 + 17);
}

TEST_CASE("record protection: names say cipher, MAC and order") {
  auto provider = crypto::make_default_provider();
  const auto& gcm = test::suite_named("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  const auto& chacha = test::suite_named("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
  const auto& cbc = test::suite_named("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
  CHECK(make_protection(*provider, gcm, test::test_keys(gcm, 0), false)->name() == "AES-128-GCM");
  CHECK(make_protection(*provider, chacha, test::test_keys(chacha, 0), false)->name() ==
        "ChaCha20-Poly1305");
  CHECK(make_protection(*provider, cbc, test::test_keys(cbc, 0), false)->name() ==
        "AES-256-CBC HMAC-SHA-1 (MAC-then-encrypt)");
  CHECK(make_protection(*provider, cbc, test::test_keys(cbc, 0), true)->name() ==
        "AES-256-CBC HMAC-SHA-1 (encrypt_then_mac)");
  // Overheads: GCM explicit nonce + tag; ChaCha20 tag only; CBC IV + MAC + up to a block.
  CHECK(make_protection(*provider, gcm, test::test_keys(gcm, 0), false)->overhead() == 24);
  CHECK(make_protection(*provider, chacha, test::test_keys(chacha, 0), false)->overhead() == 16);
  CHECK(make_protection(*provider, cbc, test::test_keys(cbc, 0), false)->overhead() ==
        16 + 20 + 16);
}

TEST_CASE("null protection: plaintext records that still count") {
  auto null = make_null_protection();
  CHECK(null->is_null());
  CHECK(null->name() == "null");
  CHECK(null->overhead() == 0);
  Bytes out;
  null->seal(ContentType::handshake, 0x0301, hex("0e000000"), out);
  null->seal(ContentType::alert, 0x0303, hex("0100"), out);
  CHECK(out == hex("160301 0004 0e000000 150303 0002 0100"));
  CHECK(null->sequence_number() == 2);

  Bytes fragment = hex("0e000000");
  const Record r = test::as_record(22, 0x0303, fragment);
  const MutableByteView plain = null->open(r);
  CHECK(plain.data() == fragment.data());
  CHECK(plain.size() == 4);
  CHECK(null->sequence_number() == 3);

  Bytes too_long(kMaxPlaintext + 1);
  CHECK_TLS_ERROR(null->seal(ContentType::application_data, 0x0303, too_long, out),
                  AlertDescription::internal_error, "exceeds 2^14");
  CHECK_TLS_ERROR(null->open(test::as_record(23, 0x0303, too_long)),
                  AlertDescription::record_overflow, "exceeds 2^14");
  CHECK(null->sequence_number() == 3);
}

TEST_CASE("record protection: seal refuses more than 2^14 bytes of plaintext") {
  auto provider = crypto::make_default_provider();
  for (const std::string name :
       {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"}) {
    CAPTURE(name);
    const auto& suite = test::suite_named(name);
    for (bool etm : {false, true}) {
      auto p = make_protection(*provider, suite, test::test_keys(suite, 2), etm);
      Bytes out;
      const Bytes too_long(kMaxPlaintext + 1, 0x41);
      CHECK_TLS_ERROR(p->seal(ContentType::application_data, 0x0303, too_long, out),
                      AlertDescription::internal_error, "exceeds 2^14");
      CHECK(out.empty());
      CHECK(p->sequence_number() == 0);  // nothing was used up
      p->seal(ContentType::application_data, 0x0303, ByteView(too_long).first(kMaxPlaintext), out);
      CHECK(p->sequence_number() == 1);
    }
  }
}

TEST_CASE("record protection: the 2^64th record is the last (no wrap)") {
  constexpr std::uint64_t kLast = std::numeric_limits<std::uint64_t>::max();
  auto provider = crypto::make_default_provider();
  for (const std::string name :
       {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_RSA_WITH_AES_128_CBC_SHA256"}) {
    CAPTURE(name);
    const auto& suite = test::suite_named(name);
    const TrafficKeys keys = test::test_keys(suite, 3);
    auto sender = detail::make_protection(*provider, suite, keys, false, kLast);
    auto receiver = detail::make_protection(*provider, suite, keys, false, kLast);
    Bytes out;
    sender->seal(ContentType::application_data, 0x0303, hex("0102"), out);
    if (suite.record_iv_length() == 8) {
      // GCM's explicit nonce is the sequence number: all ones.
      CHECK(Bytes(out.begin() + 5, out.begin() + 13) == hex("ffffffffffffffff"));
    }
    CHECK_TLS_ERROR(sender->seal(ContentType::application_data, 0x0303, hex("03"), out),
                    AlertDescription::internal_error, "sequence numbers");
    Bytes fragment = test::fragment_of(out);
    CHECK(copy(receiver->open(test::as_record(23, 0x0303, fragment))) == hex("0102"));
    Bytes again = test::fragment_of(out);
    CHECK_TLS_ERROR(receiver->open(test::as_record(23, 0x0303, again)),
                    AlertDescription::internal_error, "sequence numbers");
  }
  auto null = detail::make_null_protection(kLast);
  Bytes out;
  null->seal(ContentType::alert, 0x0303, hex("0100"), out);
  CHECK_TLS_ERROR(null->seal(ContentType::alert, 0x0303, hex("0100"), out),
                  AlertDescription::internal_error, "sequence numbers");
}

TEST_CASE("record protection: keys of the wrong size and suites without protection") {
  auto provider = crypto::make_default_provider();
  const auto& gcm = test::suite_named("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  const auto& cbc = test::suite_named("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
  TrafficKeys k = test::test_keys(gcm, 0);
  k.enc_key.pop_back();
  CHECK_TLS_ERROR(make_protection(*provider, gcm, k, false), AlertDescription::internal_error,
                  "encryption key must be 16 bytes, got 15");
  k = test::test_keys(gcm, 0);
  k.fixed_iv.resize(12);
  CHECK_TLS_ERROR(make_protection(*provider, gcm, k, false), AlertDescription::internal_error,
                  "fixed IV must be 4 bytes, got 12");
  k = test::test_keys(cbc, 0);
  k.mac_key.resize(32);
  CHECK_TLS_ERROR(make_protection(*provider, cbc, k, true), AlertDescription::internal_error,
                  "MAC key must be 20 bytes, got 32");
  const auto* rc4 = registry::find_cipher_suite(std::uint16_t{0x0005});
  REQUIRE(rc4 != nullptr);
  CHECK_TLS_ERROR(make_protection(*provider, *rc4, TrafficKeys{}, false),
                  AlertDescription::internal_error, "TLS_RSA_WITH_RC4_128_SHA is not implemented");
}

// Real protected records from OpenSSL and GnuTLS (tests/data/captures, recorded by
// vectors/capture.py), through the replay engine of src/vectors (which holds the logic this test
// once had): with the master secret from each capture's key log, the key block
// (handshake::derive_key_block, RFC 5246 §6.3) must decrypt every record after each side's
// ChangeCipherSpec, each side's Finished must carry the verify_data handshake::verify_data
// computes over the transcript (RFC 5246 §7.4.9), and the client's application data must read
// "hello from the client\n". Where the key log also has the premaster secret (static RSA), the
// master secret itself is recomputed (RFC 5246 §8.1 or, with extended_master_secret, RFC 7627
// §4). This checks the key schedule and every record format against two independent stacks.
#include <set>

#include "../capture_util.hpp"
#include "protection_test_util.hpp"
#include "tlslab/vectors/replay.hpp"

using namespace tlslab;

namespace {

vectors::Vector load(const std::string& name) {
  const std::string text = test::read_text(test::data_path("captures/" + name + ".json"));
  return vectors::parse_vector(std::string_view(text));
}

}  // namespace

TEST_CASE("record protection decrypts real OpenSSL and GnuTLS records; key schedule checks out") {
  const auto names = test::capture_names();
  REQUIRE(names.size() >= 8);
  auto provider = crypto::make_default_provider();
  std::set<std::string> formats;
  std::size_t recomputed = 0;
  for (const auto& name : names) {
    CAPTURE(name);
    const vectors::ReplayReport r = vectors::replay(load(name), *provider);
    if (r.divergence) FAIL_CHECK(r.divergence->text());
    // Captures that end in an alert have no application data to check.
    if (r.client_application_data.empty()) continue;
    CHECK(r.finished_verified == 2);
    CHECK(r.client_application_data == "hello from the client\n");
    CHECK(r.client_alerts == std::vector<AlertDescription>{AlertDescription::close_notify});
    CHECK(r.server_alerts == std::vector<AlertDescription>{AlertDescription::close_notify});
    formats.insert(r.client_protection);
    CHECK(r.server_protection == r.client_protection);
    if (r.master_secret_recomputed) ++recomputed;
    // The capture names say which records they hold.
    if (name.find("noetm") != std::string::npos) CHECK_FALSE(r.encrypt_then_mac);
    if (name.find("cbc-sha256") != std::string::npos) CHECK(r.encrypt_then_mac);
  }
  // Every record format is among them.
  CHECK(formats.count("AES-128-GCM") == 1);
  CHECK(formats.count("AES-256-GCM") == 1);
  CHECK(formats.count("ChaCha20-Poly1305") == 1);
  CHECK(formats.count("AES-128-CBC HMAC-SHA-256 (encrypt_then_mac)") == 1);
  CHECK(formats.count("AES-256-CBC HMAC-SHA-1 (MAC-then-encrypt)") == 1);
  CHECK(recomputed >= 1);
}

TEST_CASE("record protection: a captured record tampered with fails") {
  // The CBC MAC-then-encrypt capture's client Finished (its first record after
  // ChangeCipherSpec), one bit flipped in its last block (the padding): bad_record_mac with the
  // shared reason, like every other failure.
  vectors::Vector tampered = load("openssl-ecdhe-rsa-aes256cbc-sha-noetm");
  auto& flight = tampered.flights.at(2);
  REQUIRE(flight.direction == vectors::Direction::client);
  std::size_t index = tampered.flights[0].records.size() + tampered.flights[1].records.size();
  std::size_t ccs = 0;
  while (flight.records.at(ccs)[0] != 20)
    ++ccs;
  flight.records.at(ccs + 1).back() ^= 0x01;
  index += ccs + 1;
  auto provider = crypto::make_default_provider();
  const auto r = vectors::replay(tampered, *provider);
  REQUIRE(r.divergence.has_value());
  REQUIRE(r.divergence->record.has_value());
  CHECK(r.divergence->record->index == index);
  CHECK(r.divergence->text() ==
        "record " + std::to_string(index) + " (client, handshake, protected): record protection: " +
            record::detail::kBadRecordMacReason + " (keys from the key log (CLIENT_RANDOM))");
}

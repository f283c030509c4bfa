// The vector format (vectors/README.md) and replay in verify mode (issue 7) on the committed
// vectors of tests/data/captures, recorded between real OpenSSL and GnuTLS peers by
// vectors/capture.py: every vector replays green; the reader names the field of every error;
// and mutated vectors — one flipped byte in each message, a wrong key-log line, a reordered
// flight, a wrong trust anchor, a wrong expectation — stop at the record, message and field
// where they diverge.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include "../capture_util.hpp"
#include "../test_util.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/vectors/replay.hpp"

using namespace tlslab;
using vectors::Direction;

namespace {

vectors::Vector load(const std::string& name) {
  const std::string text = test::read_text(test::data_path("captures/" + name + ".json"));
  return vectors::parse_vector(std::string_view(text));
}

vectors::ReplayReport run(const vectors::Vector& v) {
  static auto provider = crypto::make_default_provider();
  return vectors::replay(v, *provider);
}

// The divergence text, or "" for a green replay.
std::string diverges(const vectors::Vector& v) {
  const auto r = run(v);
  return r.divergence ? r.divergence->text() : "";
}

std::string record_prefix(std::size_t index, const std::string& describe) {
  return "record " + std::to_string(index) + " (" + describe + "): ";
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

// Where each record of a vector sits, in replay order.
struct RecordPos {
  std::size_t flight, record, index;
};
std::vector<RecordPos> positions(const vectors::Vector& v) {
  std::vector<RecordPos> out;
  std::size_t index = 0;
  for (std::size_t f = 0; f < v.flights.size(); ++f) {
    for (std::size_t r = 0; r < v.flights[f].records.size(); ++r)
      out.push_back({f, r, index++});
  }
  return out;
}

const std::string kStaticRsa = "openssl-rsa-aes128gcm-mtls";
const std::string kEcdsaMtls = "openssl-ecdhe-ecdsa-aes128gcm-mtls";

}  // namespace

TEST_CASE("vectors: every committed vector replays green with every check made") {
  const auto names = test::capture_names();
  REQUIRE(names.size() >= 8);
  for (const auto& name : names) {
    CAPTURE(name);
    const auto v = load(name);
    const auto r = run(v);
    if (r.divergence) FAIL_CHECK(r.divergence->text());
    CHECK(r.messages > 0);
    CHECK(r.records == positions(v).size());
    REQUIRE(r.suite.has_value());
    if (v.expect.suite) CHECK(*r.suite == *v.expect.suite);
    if (v.expect.alert) continue;
    CHECK(r.finished_verified == 2);
    if (!r.resumed) {
      CHECK(r.server_chain.find("CN=tlslab test CA") != std::string::npos);
      const auto* suite = registry::find_cipher_suite(*r.suite);
      CHECK(r.server_key_exchange_verified == (suite->key_exchange != registry::KeyExchange::rsa));
    }
    if (name.find("mtls") != std::string::npos) {
      CHECK(r.certificate_verify_verified);
      CHECK(r.client_chain.find("CN=client") != std::string::npos);
    }
    CHECK(r.client_application_data == "hello from the client\n");
  }
}

TEST_CASE("vectors: write_vector and parse_vector round-trip a vector") {
  const auto v = load(kEcdsaMtls);
  const auto again = vectors::parse_vector(std::string_view(vectors::write_vector(v)));
  CHECK(again.name == v.name);
  CHECK(again.captured_at == v.captured_at);
  CHECK(again.server_name == v.server_name);
  CHECK(again.client.command == v.client.command);
  CHECK(again.client.config == v.client.config);
  CHECK(again.server_certificates == v.server_certificates);
  CHECK(again.client_certificates == v.client_certificates);
  CHECK(again.trust_anchors == v.trust_anchors);
  CHECK(again.keylog == v.keylog);
  REQUIRE(again.flights.size() == v.flights.size());
  for (std::size_t i = 0; i < v.flights.size(); ++i) {
    CHECK(again.flights[i].direction == v.flights[i].direction);
    CHECK(again.flights[i].records == v.flights[i].records);
  }
  CHECK(again.expect.suite == v.expect.suite);
  CHECK(again.expect.resumed == v.expect.resumed);
  CHECK(diverges(again).empty());
}

TEST_CASE("vectors: the reader names the field of every error") {
  const std::string text = test::read_text(test::data_path("captures/" + kEcdsaMtls + ".json"));
  const auto base = nlohmann::json::parse(text);
  auto parse_error = [](const nlohmann::json& doc) -> std::string {
    try {
      (void)vectors::parse_vector(doc);
    } catch (const Error& e) {
      CHECK(e.alert() == AlertDescription::decode_error);
      return e.reason();
    }
    return "(parsed)";
  };
  auto doc = base;
  doc.erase("flights");
  CHECK(parse_error(doc) == "vector field flights: missing");
  doc = base;
  doc["flights"][2]["records"][1] = "16zz";
  CHECK(parse_error(doc) == "vector field flights[2].records[1]: not hex");
  doc = base;
  doc["flights"][0]["direction"] = "middle";
  CHECK(parse_error(doc) == "vector field flights[0].direction: must be \"client\" or \"server\"");
  doc = base;
  doc["format_version"] = 2;
  CHECK(parse_error(doc) ==
        "vector field format_version: 2 is not supported (this reader knows 1)");
  doc = base;
  doc["captured_at"] = "2026-11-27 08:42";
  CHECK(parse_error(doc) == "vector field captured_at: \"2026-11-27 08:42\": not an RFC 3339 time");
  doc = base;
  doc["expect"]["suite"] = "TLS_NO_SUCH_SUITE";
  CHECK(parse_error(doc) ==
        "vector field expect.suite: unknown IANA cipher suite name \"TLS_NO_SUCH_SUITE\"");
  doc = base;
  doc["expect"]["alert"] = {{"sender", "server"}, {"description", "no_such_alert"}};
  CHECK(parse_error(doc) ==
        "vector field expect.alert.description: unknown alert \"no_such_alert\"");
  doc = base;
  doc["trust_anchors"][0] = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
  CHECK(parse_error(doc) == "vector field trust_anchors[0]: no CERTIFICATE block");
  doc = base;
  doc["secrets"]["client_random"] = "0011";
  CHECK(parse_error(doc) == "vector field secrets.client_random: 2 bytes, a random has 32");
  CHECK(starts_with(
      [] {
        try {
          (void)vectors::parse_vector(std::string_view("{\"format\": "));
        } catch (const Error& e) {
          return e.reason();
        }
        return std::string("(parsed)");
      }(),
      "vector: not JSON: "));
  // A number no 64-bit type holds is not JSON this reader accepts either (found by fuzz-vector:
  // nlohmann reports it as out_of_range, not as a parse error).
  CHECK_TLS_ERROR(vectors::parse_vector(std::string_view("{\"captured_at\": 4308201e030820185}")),
                  AlertDescription::decode_error, "vector: not JSON: ");
}

TEST_CASE("vectors: a flipped msg_type in each plaintext handshake message stops at its record") {
  // The msg_type byte of each message XOR 0x80 is a type TLS 1.2 does not have: the message's
  // own record is named, whatever the message.
  for (const auto& name : test::capture_names()) {
    CAPTURE(name);
    const auto base = load(name);
    for (const auto& pos : positions(base)) {
      const Bytes& rec = base.flights[pos.flight].records[pos.record];
      if (rec[0] != 22) continue;
      // Stop at the first protected record of the direction: those are covered below.
      bool after_ccs = false;
      for (std::size_t r = 0; r < pos.record; ++r) {
        after_ccs |= base.flights[pos.flight].records[r][0] == 20;
      }
      for (std::size_t f = 0; f < pos.flight; ++f) {
        if (base.flights[f].direction != base.flights[pos.flight].direction) continue;
        for (const auto& r : base.flights[f].records)
          after_ccs |= r[0] == 20;
      }
      if (after_ccs) continue;
      const std::string dir(vectors::direction_name(base.flights[pos.flight].direction));
      std::size_t at = 5;
      while (at + 4 <= rec.size()) {
        const std::size_t length =
            std::size_t{rec[at + 1]} << 16 | std::size_t{rec[at + 2]} << 8 | rec[at + 3];
        if (at + 4 + length > rec.size()) break;  // continues in the next record
        auto v = base;
        v.flights[pos.flight].records[pos.record][at] ^= 0x80;
        CAPTURE(pos.index);
        CAPTURE(at);
        const std::string text = diverges(v);
        CHECK(starts_with(text, record_prefix(pos.index, dir + ", handshake")));
        char type[8];
        std::snprintf(type, sizeof type, "0x%02x", rec[at] ^ 0x80);
        CHECK(text.find(std::string("handshake message ") + type + " unknown") !=
              std::string::npos);
        at += 4 + length;
      }
    }
  }
}

TEST_CASE("vectors: a flipped byte in each protected record is bad_record_mac at that record") {
  for (const auto& name : test::capture_names()) {
    CAPTURE(name);
    const auto base = load(name);
    bool protected_dir[2] = {false, false};
    for (const auto& pos : positions(base)) {
      const Direction d = base.flights[pos.flight].direction;
      const Bytes& rec = base.flights[pos.flight].records[pos.record];
      auto& prot = protected_dir[d == Direction::client ? 0 : 1];
      if (!prot) {
        prot = rec[0] == 20;
        continue;
      }
      auto v = base;
      v.flights[pos.flight].records[pos.record].back() ^= 0x01;
      CAPTURE(pos.index);
      const std::string text = diverges(v);
      const std::string type = rec[0] == 22   ? "handshake"
                               : rec[0] == 21 ? "alert"
                                              : "application_data";
      CHECK(starts_with(text, record_prefix(pos.index, std::string(vectors::direction_name(d)) +
                                                           ", " + type + ", protected") +
                                  "record protection: "));
    }
  }
}

TEST_CASE("vectors: flipped signatures and certificates name their message and field") {
  const auto base = load(kEcdsaMtls);
  std::size_t checked = 0;
  for (const auto& pos : positions(base)) {
    const Bytes& rec = base.flights[pos.flight].records[pos.record];
    if (rec[0] != 22 || rec.size() < 9) continue;
    const std::string dir(vectors::direction_name(base.flights[pos.flight].direction));
    const std::string prefix = record_prefix(pos.index, dir + ", handshake");
    const std::uint8_t type = rec[5];
    auto v = base;
    Bytes& mutated = v.flights[pos.flight].records[pos.record];
    if (type == 12 || type == 15) {
      // The signature is the message's last field (ECDSA: DER, its last byte is the s value's).
      mutated.back() ^= 0x01;
      const std::string what = type == 12 ? "ServerKeyExchange.signature: does not verify"
                                          : "CertificateVerify.signature: does not verify";
      CHECK(starts_with(diverges(v), prefix + what));
      ++checked;
    } else if (type == 11) {
      // The leaf's last byte (its signature): after the record and message headers, the list's
      // and the leaf's uint24 lengths. (The CA copy OpenSSL sends after it is not used: the
      // anchor is found first.)
      const std::size_t leaf = std::size_t{rec[12]} << 16 | std::size_t{rec[13]} << 8 | rec[14];
      mutated.at(15 + leaf - 1) ^= 0x01;
      const std::string text = diverges(v);
      CHECK(starts_with(text, prefix +
                                  "Certificate.certificate_list[0]: differs from the "
                                  "vector's certificates." +
                                  dir + "[0]"));
      // Without the vector's copy, path validation finds the broken signature.
      (dir == "server" ? v.server_certificates : v.client_certificates).clear();
      const std::string unchecked = diverges(v);
      CHECK(starts_with(unchecked, prefix + "Certificate: the " + dir +
                                       " chain does not validate against the vector's trust "
                                       "anchors at 2026-11-27T08:42:53Z: "));
      CHECK(unchecked.find("(bad_certificate)") != std::string::npos);
      ++checked;
    }
  }
  CHECK(checked ==
        4);  // server Certificate, ServerKeyExchange, client Certificate, CertificateVerify
}

TEST_CASE("vectors: a wrong key-log line") {
  auto v = load(kEcdsaMtls);
  REQUIRE(v.keylog.size() == 1);
  const std::string line = v.keylog[0];
  // Missing: the ServerHello's record names the client_random it has no line for.
  v.keylog.clear();
  const std::string cr = line.substr(std::string("CLIENT_RANDOM ").size(), 64);
  CHECK(diverges(v) == record_prefix(1, "server, handshake") +
                           "secrets.keylog: no CLIENT_RANDOM line for client_random " + cr);
  // A wrong master secret: the client's Finished, its first protected record, does not decrypt.
  v.keylog = {line.substr(0, line.size() - 1) + (line.back() == '0' ? "1" : "0")};
  const auto r = run(v);
  REQUIRE(r.divergence.has_value());
  REQUIRE(r.divergence->record.has_value());
  CHECK(r.divergence->record->direction == Direction::client);
  CHECK(r.divergence->record->is_protected);
  CHECK(starts_with(r.divergence->what, "record protection: "));
  // Static RSA with both lines: the CLIENT_RANDOM line must agree with the premaster.
  auto rsa = load(kStaticRsa);
  for (auto& l : rsa.keylog) {
    if (starts_with(l, "CLIENT_RANDOM")) l.back() = l.back() == '0' ? '1' : '0';
  }
  CHECK(diverges(rsa).find("secrets.keylog: the CLIENT_RANDOM master secret differs from the one "
                           "the premaster from the key log (RSA premaster) gives") !=
        std::string::npos);
}

TEST_CASE("vectors: static RSA replays with the server's key instead of a key log") {
  auto v = load(kStaticRsa);
  REQUIRE(v.server_private_key.has_value());
  v.keylog.clear();
  const auto r = run(v);
  if (r.divergence) FAIL_CHECK(r.divergence->text());
  CHECK(r.master_secret_source == "server RSA key (private_keys.server)");
  CHECK(r.master_secret_recomputed);
  CHECK(r.finished_verified == 2);
  // Without the key either, the ClientKeyExchange's record says what is missing.
  v.server_private_key.reset();
  const std::string text = diverges(v);
  CHECK(text.find("ClientKeyExchange") == std::string::npos);  // the reason is about secrets
  CHECK(text.find("no RSA line for ") != std::string::npos);
  CHECK(text.find("and no private_keys.server to decrypt the premaster with") != std::string::npos);
  CHECK(text.find("(client, handshake)") != std::string::npos);
}

TEST_CASE("vectors: a reordered flight") {
  // The client's second flight before the server's first: its first message comes before any
  // ServerHello.
  for (const auto& name : {kEcdsaMtls, std::string("openssl-dhe-rsa-aes128gcm")}) {
    CAPTURE(name);
    auto v = load(name);
    std::swap(v.flights[1], v.flights[2]);
    const std::size_t index = v.flights[0].records.size();
    // (The DHE capture's client sends an empty Certificate: the server asked for one.)
    CHECK(diverges(v) == record_prefix(index, "client, handshake") + "Certificate" +
                             ": sent before the server's ServerHello (flights out of order?)");
  }
  // The server's first flight before the ClientHello.
  auto v = load(kEcdsaMtls);
  std::swap(v.flights[0], v.flights[1]);
  CHECK(diverges(v) ==
        record_prefix(0, "server, handshake") + "ServerHello: no ClientHello came before it");
}

TEST_CASE("vectors: a wrong trust anchor") {
  auto v = load(kEcdsaMtls);
  // The client's certificate instead of the CA: no path from the server's leaf to an anchor.
  v.trust_anchors = {v.client_certificates.at(0)};
  const std::string text = diverges(v);
  CHECK(starts_with(text, record_prefix(2, "server, handshake") +
                              "Certificate: the server chain does not validate against the "
                              "vector's trust anchors at 2026-11-27T08:42:53Z: "));
  CHECK(text.find("(unknown_ca)") != std::string::npos);
  // The right anchor but a clock after the certificates expired (3650 days): certificate_expired.
  auto late = load(kEcdsaMtls);
  late.captured_at += std::int64_t{3700} * 86400;
  CHECK(diverges(late).find("(certificate_expired)") != std::string::npos);
  // A host name the server certificate does not carry.
  auto host = load(kEcdsaMtls);
  host.server_name = "example.com";
  CHECK(diverges(host).find("(bad_certificate)") != std::string::npos);
}

TEST_CASE("vectors: expectations") {
  auto v = load(kEcdsaMtls);
  v.expect.suite = registry::find_cipher_suite("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")->code;
  CHECK(diverges(v) == record_prefix(1, "server, handshake") +
                           "ServerHello.cipher_suite differs: expected "
                           "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 (expect.suite), got "
                           "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
  v = load(kEcdsaMtls);
  v.expect.resumed = true;
  CHECK(diverges(v) == record_prefix(1, "server, handshake") +
                           "ServerHello.session_id: the handshake is full, expect.resumed says "
                           "resumed");
  v = load(kEcdsaMtls);
  v.expect.alert = vectors::ExpectedAlert{Direction::server, AlertDescription::handshake_failure};
  CHECK(diverges(v) == "end of vector: expect.alert: handshake_failure from the server never came");
  // A cut vector: the handshake never completes.
  v = load(kEcdsaMtls);  // the client's Finished is in flight 2, the server's in flight 3
  v.flights.resize(3);
  CHECK(diverges(v) ==
        "end of vector: 1 of 2 Finished messages seen: the handshake did not "
        "complete");
}

TEST_CASE("vectors: a changed byte in a message nothing checks on its own is named at Finished") {
  // The ClientKeyExchange's public value, last byte: the keys come from the key log, so only the
  // transcript sees it, at the client's Finished; the divergence lists what the transcript
  // covers, the changed message among them.
  const auto base = load("openssl-ecdhe-rsa-aes128cbc-sha256");
  auto v = base;
  std::optional<std::size_t> cke_index, finished_index;
  for (const auto& pos : positions(base)) {
    const Bytes& rec = base.flights[pos.flight].records[pos.record];
    if (base.flights[pos.flight].direction != Direction::client || rec[0] != 22) continue;
    if (rec.size() > 5 && rec[5] == 0x10) {
      cke_index = pos.index;
      v.flights[pos.flight].records[pos.record].back() ^= 0x01;
    } else if (cke_index && !finished_index) {
      finished_index = pos.index;  // the next client handshake record: Finished, protected
    }
  }
  REQUIRE(cke_index);
  REQUIRE(finished_index);
  const std::string text = diverges(v);
  CHECK(starts_with(text, record_prefix(*finished_index, "client, handshake, protected") +
                              "Finished.verify_data differs: expected "));
  CHECK(text.find("; the transcript covers ClientHello (record 0), ServerHello (record 1), ") !=
        std::string::npos);
  CHECK(text.find("ClientKeyExchange (record " + std::to_string(*cke_index) +
                  "): a byte changed in any of them shows here") != std::string::npos);
}

TEST_CASE("replay: the chains are validated under the caller's policy") {
  // The captured chains are RSA-2048 under the test CA: a policy wanting 4096-bit RSA keys
  // refuses them where the Certificate message is replayed, the default accepts them.
  const auto v = load("openssl-ecdhe-rsa-aes128cbc-sha256");
  REQUIRE_FALSE(v.trust_anchors.empty());
  static auto provider = crypto::make_default_provider();
  CHECK(vectors::replay(v, *provider).ok());
  pki::ValidationPolicy strict;
  strict.min_rsa_bits = 4096;
  const auto r = vectors::replay(v, *provider, strict);
  REQUIRE(r.divergence);
  CHECK_MESSAGE(r.divergence->text().find("the server chain does not validate against the "
                                          "vector's trust anchors") != std::string::npos,
                r.divergence->text());
  CHECK_MESSAGE(
      r.divergence->text().find("RSA key of 2048 bits, under the 4096") != std::string::npos,
      r.divergence->text());
}

// Real protected records from OpenSSL and GnuTLS (tests/data/captures, recorded by
// vectors/capture.py): with the master secret from each capture's key log, the key block
// (handshake::derive_key_block, RFC 5246 §6.3) must decrypt every record after each side's
// ChangeCipherSpec, each side's Finished must carry the verify_data handshake::verify_data
// computes over the transcript (RFC 5246 §7.4.9), and the client's application data must read
// "hello from the client\n". Where the key log also has the premaster secret (static RSA), the
// master secret itself is recomputed (RFC 5246 §8.1 or, with extended_master_secret, RFC 7627
// §4). This checks the key schedule and every record format against two independent stacks.
#include <set>

#include "../capture_util.hpp"
#include "protection_test_util.hpp"
#include "tlslab/handshake/key_schedule.hpp"
#include "tlslab/handshake/transcript.hpp"
#include "tlslab/messages/handshake.hpp"
#include "tlslab/record/framing.hpp"

using namespace tlslab;
using namespace tlslab::record;
using tlslab::test::copy;
using tlslab::test::hex;

namespace {

// The key-log line `label <first> <secret>` whose <first> is `first`, or empty.
Bytes keylog_lookup(const nlohmann::json& keylog, std::string_view label,
                    const std::string& first) {
  for (const auto& line_json : keylog) {
    const std::string line = line_json.get<std::string>();
    const std::string prefix = std::string(label) + " " + first + " ";
    if (line.rfind(prefix, 0) == 0) return hex(line.substr(prefix.size()));
  }
  return {};
}

struct Side {
  Deframer deframer;
  HandshakeAssembler handshake;
  std::unique_ptr<Protection> protection;
  std::size_t protected_records = 0;
  std::string application_data;
  std::vector<AlertDescription> alerts;
};

struct Result {
  const registry::CipherSuiteInfo* suite = nullptr;
  bool encrypt_then_mac = false;
  bool extended_master_secret = false;
  bool master_secret_recomputed = false;
  std::size_t finished_verified = 0;
  Side client, server;
};

Result replay(const test::Capture& capture) {
  auto provider = crypto::make_default_provider();
  Result res;
  handshake::Transcript transcript;
  handshake::Random client_random{};
  handshake::Random server_random{};
  SecretBytes master;
  handshake::KeyBlock keys;
  Bytes rsa_premaster;

  for (const auto& flight : capture.doc["flights"]) {
    const bool from_client = flight["from"] == "client";
    Side& side = from_client ? res.client : res.server;
    side.deframer.feed(hex(flight["hex"].get<std::string>()));
    while (auto rec = side.deframer.next()) {
      ByteView payload = rec->fragment;
      if (side.protection) {
        payload = side.protection->open(*rec);
        ++side.protected_records;
      }
      switch (static_cast<ContentType>(rec->type)) {
        case ContentType::change_cipher_spec:
          parse_change_cipher_spec(payload);
          REQUIRE(res.suite != nullptr);
          REQUIRE_FALSE(master.empty());
          side.protection = make_protection(*provider, *res.suite,
                                            from_client ? keys.client_write : keys.server_write,
                                            res.encrypt_then_mac);
          side.deframer.set_max_fragment(kMaxCiphertext);
          break;
        case ContentType::handshake:
          side.handshake.add(payload);
          while (auto m = side.handshake.next()) {
            const std::uint8_t type = (*m)[0];
            const ByteView body = m->subspan(messages::kHandshakeHeaderSize);
            if (type == 1) {
              client_random = messages::ClientHello::parse(body).random;
            } else if (type == 2) {
              const auto sh = messages::ServerHello::parse(body);
              server_random = sh.random;
              res.suite = registry::find_cipher_suite(sh.cipher_suite);
              REQUIRE(res.suite != nullptr);
              res.encrypt_then_mac =
                  sh.extensions.find(registry::ExtensionType::encrypt_then_mac) != nullptr;
              res.extended_master_secret =
                  sh.extensions.find(registry::ExtensionType::extended_master_secret) != nullptr;
              const Bytes ms =
                  keylog_lookup(capture.doc["keylog"], "CLIENT_RANDOM", to_hex(client_random));
              REQUIRE(ms.size() == handshake::kMasterSecretSize);
              master.assign(ms.begin(), ms.end());
              keys = handshake::derive_key_block(*provider, *res.suite, master, client_random,
                                                 server_random);
            } else if (type == 16 && res.suite->key_exchange == registry::KeyExchange::rsa) {
              // ClientKeyExchange of static RSA: EncryptedPreMasterSecret<0..2^16-1>; OpenSSL
              // logs `RSA <first 8 bytes of it> <premaster>`.
              REQUIRE(body.size() > 10);
              rsa_premaster =
                  keylog_lookup(capture.doc["keylog"], "RSA", to_hex(body.subspan(2, 8)));
              REQUIRE(rsa_premaster.size() == 48);
              transcript.add(*m);
              const SecretBytes computed =
                  res.extended_master_secret
                      ? handshake::extended_master_secret(
                            *provider, res.suite->prf_hash, rsa_premaster,
                            transcript.hash(*provider, res.suite->prf_hash).view())
                      : handshake::master_secret(*provider, res.suite->prf_hash, rsa_premaster,
                                                 client_random, server_random);
              CHECK(to_hex(computed) == to_hex(master));
              res.master_secret_recomputed = true;
              continue;  // already in the transcript
            } else if (type == 20) {
              REQUIRE(side.protection != nullptr);  // Finished comes protected
              const auto expected = handshake::verify_data(
                  *provider, res.suite->prf_hash, master,
                  from_client ? handshake::Sender::client : handshake::Sender::server,
                  transcript.hash(*provider, res.suite->prf_hash).view());
              CHECK(to_hex(body) == to_hex(expected));
              ++res.finished_verified;
            }
            transcript.add(*m);
          }
          break;
        case ContentType::application_data:
          REQUIRE(side.protection != nullptr);
          side.application_data.append(payload.begin(), payload.end());
          break;
        case ContentType::alert:
          side.alerts.push_back(AlertMessage::parse(payload).description);
          break;
        default:
          FAIL("unexpected content type " << int{rec->type});
      }
    }
    CHECK(side.deframer.pending() == 0);
  }
  return res;
}

}  // namespace

TEST_CASE("record protection decrypts real OpenSSL and GnuTLS records; key schedule checks out") {
  const auto names = test::capture_names();
  REQUIRE(names.size() >= 8);
  std::set<std::string> formats;
  std::size_t recomputed = 0;
  for (const auto& name : names) {
    CAPTURE(name);
    const test::Capture capture = test::load_capture(name);
    const Result r = replay(capture);
    REQUIRE(r.suite != nullptr);
    CHECK(r.finished_verified == 2);
    CHECK(r.client.application_data == "hello from the client\n");
    // Finished, then application data and close_notify (client); Finished, close_notify
    // (server).
    CHECK(r.client.protected_records >= 3);
    CHECK(r.server.protected_records >= 2);
    CHECK(r.client.alerts == std::vector<AlertDescription>{AlertDescription::close_notify});
    CHECK(r.server.alerts == std::vector<AlertDescription>{AlertDescription::close_notify});
    const auto& proto = r.client.protection;
    REQUIRE(proto != nullptr);
    formats.insert(std::string(proto->name()));
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
  // The CBC MAC-then-encrypt capture's client Finished, one bit flipped in its last block (the
  // padding): bad_record_mac with the shared reason, like every other failure.
  test::Capture tampered = test::load_capture("openssl-ecdhe-rsa-aes256cbc-sha-noetm");
  auto& flight_hex = tampered.doc["flights"][2]["hex"];
  Bytes flight = hex(flight_hex.get<std::string>());
  flight.back() ^= 0x01;
  flight_hex = to_hex(flight);
  bool thrown = false;
  try {
    (void)replay(tampered);
  } catch (const Error& e) {
    thrown = true;
    CHECK(e.alert() == AlertDescription::bad_record_mac);
    CHECK(e.reason() == detail::kBadRecordMacReason);
  }
  CHECK(thrown);
}

// The act-as modes (issue 7): every committed vector that gives a side's tlslab configuration and
// seed (the captures vectors/capture.py made with tlslab run with --seed) is reproduced byte for
// byte by tlslab playing that side; a changed configuration or seed is caught at the first record
// it changes, with both trees of the differing message; vectors without what acting needs are
// refused with the reason; and the side description (side_config.hpp) reads back what it wrote.
#include <doctest/doctest.h>

#include "../capture_util.hpp"
#include "../test_util.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/trace/render.hpp"
#include "tlslab/vectors/act.hpp"
#include "tlslab/vectors/side_config.hpp"

using namespace tlslab;
using vectors::Direction;

namespace {

vectors::Vector load(const std::string& name) {
  const std::string text = test::read_text(test::data_path("captures/" + name + ".json"));
  return vectors::parse_vector(std::string_view(text));
}

vectors::ActReport act(const vectors::Vector& v, Direction role) {
  static auto provider = crypto::make_default_provider();
  return vectors::act(v, role, *provider);
}

const std::string kClientVector = "tlslab-client-openssl-server-ecdsa-mtls";
const std::string kServerVector = "openssl-client-tlslab-server-rsa-chacha20-mtls";

std::string divergence(const vectors::ActReport& r) {
  return r.divergence ? r.divergence->text() : "";
}

}  // namespace

TEST_CASE("act: every side tlslab played with --seed is reproduced byte for byte") {
  std::size_t sides = 0;
  for (const auto& name : test::capture_names()) {
    const auto v = load(name);
    for (const Direction role : {Direction::client, Direction::server}) {
      CAPTURE(name);
      CAPTURE(vectors::direction_name(role));
      const bool tlslab_side =
          (role == Direction::client ? v.client : v.server).producer == "tlslab";
      CHECK(vectors::can_act(v, role) == tlslab_side);
      if (!tlslab_side) continue;
      const auto r = act(v, role);
      CHECK_MESSAGE(r.ok(), divergence(r) << r.unavailable);
      // Every record of the role was compared, every record of the peer fed.
      std::size_t mine = 0, theirs = 0;
      for (const auto& f : v.flights)
        (f.direction == role ? mine : theirs) += f.records.size();
      CHECK(r.records_sent == mine);
      CHECK(r.records_received == theirs);
      CHECK(r.records_sent >= 5);
      ++sides;
    }
  }
  // 4 client sides and 4 server sides (one vector has tlslab on both).
  CHECK(sides >= 7);
}

TEST_CASE("act: a side tlslab did not play is refused with the reason") {
  const auto v = load("openssl-ecdhe-ecdsa-aes128gcm-mtls");
  const auto r = act(v, Direction::client);
  CHECK_FALSE(r.ok());
  CHECK(r.unavailable ==
        "cannot act as the client: client.config.tlslab is missing (the side's tlslab "
        "configuration is not known)");
  CHECK(r.steps.empty());

  auto no_keys = load(kClientVector);
  no_keys.ephemeral_keys.erase("client");
  CHECK(act(no_keys, Direction::client).unavailable ==
        "cannot act as the client: secrets.ephemeral_keys.client is missing (the side's "
        "randomness is not known)");
}

TEST_CASE("act: a different configuration shows the first differing message as two trees") {
  auto v = load(kClientVector);
  v.client.config["tlslab"]["alpn"] = {"h2"};
  const auto r = act(v, Direction::client);
  REQUIRE(r.divergence);
  CHECK(r.divergence->text().rfind(
            "record 0 (client, handshake): tlslab as the client sends different bytes: "
            "ClientHello differs (first at byte 4 of the record; captured ",
            0) == 0);
  REQUIRE(r.difference);
  CHECK(r.difference->message == "ClientHello");
  REQUIRE(r.difference->captured);
  REQUIRE(r.difference->produced);
  const auto captured = trace::render_text(*r.difference->captured);
  const auto produced = trace::render_text(*r.difference->produced);
  CHECK(captured.find("application_layer_protocol_negotiation") == std::string::npos);
  CHECK(produced.find("application_layer_protocol_negotiation") != std::string::npos);
  CHECK(produced.find("\"h2\"") != std::string::npos);
  CHECK(r.records_sent == 0);
}

TEST_CASE("act: a different seed changes the client random") {
  auto v = load(kClientVector);
  v.ephemeral_keys["client"]["seed"] = std::string(64, '7');
  const auto r = act(v, Direction::client);
  REQUIRE(r.difference);
  CHECK(r.difference->message == "ClientHello");
  CHECK(divergence(r).find("(first at byte 11 of the record;") != std::string::npos);
}

TEST_CASE("act: the server side, configuration and seed") {
  SUBCASE("no tickets: the ServerHello lacks session_ticket") {
    auto v = load(kServerVector);
    v.server.config["tlslab"]["session_tickets"] = false;
    const auto r = act(v, Direction::server);
    REQUIRE(r.difference);
    CHECK(r.difference->message == "ServerHello");
    CHECK(divergence(r).rfind("record 1 (server, handshake): tlslab as the server sends different "
                              "bytes: ServerHello differs",
                              0) == 0);
    CHECK(r.records_received == 1);
  }
  SUBCASE("client authentication optional instead of required: same bytes") {
    // Only what goes on the wire counts: the CertificateRequest is the same either way.
    auto v = load(kServerVector);
    v.server.config["tlslab"]["client_auth"] = "optional";
    CHECK(act(v, Direction::server).ok());
  }
  SUBCASE("no client authentication: the server sends no CertificateRequest") {
    auto v = load(kServerVector);
    v.server.config["tlslab"]["client_auth"] = "none";
    const auto r = act(v, Direction::server);
    REQUIRE(r.difference);
    // Records 1..3 (ServerHello, Certificate, ServerKeyExchange) are the same; record 4 is
    // tlslab's ServerHelloDone where the capture has the CertificateRequest.
    CHECK(r.records_sent == 3);
    CHECK(r.difference->message == "CertificateRequest");
    REQUIRE(r.difference->produced);
    CHECK(trace::render_text(*r.difference->produced).find("ServerHelloDone") != std::string::npos);
  }
  SUBCASE("another seed: the ServerHello's random differs") {
    auto v = load(kServerVector);
    v.ephemeral_keys["server"]["seed"] = std::string(64, '0');
    const auto r = act(v, Direction::server);
    REQUIRE(r.difference);
    CHECK(r.difference->message == "ServerHello");
  }
}

TEST_CASE("act: a vector that does not replay in verify mode is not acted") {
  auto v = load(kClientVector);
  // The server's Finished (record 13): one flipped byte of its ciphertext.
  Bytes* rec = nullptr;
  std::size_t index = 0;
  for (auto& f : v.flights) {
    for (auto& r : f.records) {
      if (index++ == 13) rec = &r;
    }
  }
  REQUIRE(rec != nullptr);
  REQUIRE((*rec)[0] == 0x16);
  rec->back() ^= 0x01;
  const auto r = act(v, Direction::client);
  CHECK(divergence(r).rfind("record 13 (server, handshake, protected): verify mode (which act mode "
                            "needs green first): record protection: ",
                            0) == 0);
  CHECK(r.steps.empty());
}

TEST_CASE("act: malformed side descriptions name their field") {
  auto v = load(kClientVector);
  SUBCASE("seed") {
    v.ephemeral_keys["client"]["seed"] = "00ff";
    CHECK_TLS_ERROR(act(v, Direction::client), AlertDescription::decode_error,
                    "secrets.ephemeral_keys.client.seed: 2 bytes, not 32");
  }
  SUBCASE("group name") {
    v.client.config["tlslab"]["groups"] = {"x25519", "no_such_group"};
    CHECK_TLS_ERROR(act(v, Direction::client), AlertDescription::decode_error,
                    "client.config.tlslab.groups[1]: unknown group \"no_such_group\"");
  }
  SUBCASE("extended_master_secret") {
    v.client.config["tlslab"]["extended_master_secret"] = "sometimes";
    CHECK_TLS_ERROR(act(v, Direction::client), AlertDescription::decode_error,
                    "client.config.tlslab.extended_master_secret: must be one of prefer, require, "
                    "off");
  }
  SUBCASE("an empty script") {
    v.ephemeral_keys["client"] = nlohmann::json::object();
    CHECK_TLS_ERROR(act(v, Direction::client), AlertDescription::decode_error,
                    "secrets.ephemeral_keys.client: gives no seed, random or keys");
  }
}

TEST_CASE("side_config: describe_config and apply_config round-trip") {
  auto provider = std::shared_ptr<crypto::Provider>(crypto::make_default_provider());
  handshake::ClientConfig c;
  c.provider = provider;
  c.cipher_suites = {0xc02c, 0x009c};
  c.groups = {23};
  c.alpn = {"h2", "http/1.1"};
  c.ems = handshake::ExtendedMasterSecret::off;
  c.server_name = "example.test";
  c.session_tickets = false;
  c.max_fragment_length = 2;
  c.record_size_limit = 512;
  const auto doc = vectors::describe_config(c);
  CHECK(doc["cipher_suites"] == nlohmann::json({"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                                                "TLS_RSA_WITH_AES_128_GCM_SHA256"}));
  CHECK(doc["groups"] == nlohmann::json({"secp256r1"}));
  // Empty: the effective defaults, written out (a vector's "default" means format v1's list).
  CHECK(doc["signature_schemes"].size() == handshake::default_signature_schemes().size());
  CHECK(doc["signature_schemes"][2] == "ecdsa_secp521r1_sha512");
  handshake::ClientConfig back;
  vectors::apply_config(doc, "c", back);
  CHECK(back.cipher_suites == c.cipher_suites);
  CHECK(back.groups == c.groups);
  CHECK(back.signature_schemes == handshake::default_signature_schemes());
  // A vector's "default" is format v1's list, whatever the live default is now.
  auto v1 = doc;
  v1["signature_schemes"] = "default";
  handshake::ClientConfig old;
  vectors::apply_config(v1, "c", old);
  CHECK(old.signature_schemes == std::vector<std::uint16_t>{0x0403, 0x0503, 0x0807, 0x0804, 0x0805,
                                                            0x0806, 0x0401, 0x0501, 0x0601});
  CHECK(back.alpn == c.alpn);
  CHECK(back.ems == c.ems);
  CHECK(back.server_name == c.server_name);
  CHECK(back.session_tickets == c.session_tickets);
  CHECK(back.max_fragment_length == 2);
  CHECK(back.record_size_limit == 512);
  CHECK(vectors::describe_config(back) == doc);

  handshake::ServerConfig s;
  s.provider = provider;
  s.client_auth = handshake::ClientAuth::optional;
  s.send_ca_names = false;
  s.session_cache = handshake::make_session_cache();
  s.session_lifetime = 300;
  const auto sdoc = vectors::describe_config(s);
  CHECK(sdoc["client_auth"] == "optional");
  CHECK(sdoc["session_cache"] == true);
  CHECK(sdoc["session_tickets"] == false);
  handshake::ServerConfig sback;
  sback.provider = provider;
  vectors::apply_config(sdoc, "s", sback);
  CHECK(vectors::describe_config(sback) == sdoc);
}

TEST_CASE("side_config: a published vector's explicit randomness and keys") {
  const auto script = vectors::script_from_json(
      nlohmann::json{{"random", "000102"},
                     {"keys", {{{"group", "x25519"}, {"private", std::string(64, 'a')}}}}},
      "k");
  CHECK(script.random == Bytes{0, 1, 2});
  REQUIRE(script.ephemeral_keys.size() == 1);
  CHECK(script.ephemeral_keys[0].first == crypto::NamedGroup::x25519);
  CHECK(script.ephemeral_keys[0].second.size() == 32);
  CHECK_FALSE(script.seed);
  CHECK_TLS_ERROR(vectors::script_from_json(nlohmann::json{{"keys", {{{"group", "x25519"}}}}}, "k"),
                  AlertDescription::decode_error,
                  "k.keys[0]: not an object with group and private");
}

TEST_CASE(
    "act: the same client side from explicit randomness and keys, as published vectors give") {
  // What the seed hands out to tlslab's client in this handshake: the client_random, then the
  // X25519 private key; ECDSA signs deterministically (RFC 6979) and AES-GCM's explicit nonce
  // is the sequence number, so nothing else is drawn. Written out as a published vector would,
  // without the seed, the side must come out the same.
  auto v = load(kClientVector);
  const auto seed = from_hex(v.ephemeral_keys["client"]["seed"].get<std::string>());
  crypto::Script script;
  script.seed.emplace();
  std::copy(seed.begin(), seed.end(), script.seed->begin());
  auto seeded = crypto::make_deterministic_provider(std::move(script));
  Bytes client_random(32);
  seeded->fill(client_random);
  const auto share = seeded->generate_key_share(crypto::NamedGroup::x25519);
  const auto private_value = share->private_value();
  v.ephemeral_keys["client"] = {
      {"random", to_hex(client_random)},
      {"keys",
       {{{"group", "x25519"},
         {"private", to_hex(ByteView(private_value.data(), private_value.size()))}}}}};
  const auto r = act(v, Direction::client);
  CHECK_MESSAGE(r.ok(), divergence(r));

  // One byte short of what the side draws: tlslab cannot even send its ClientHello.
  client_random.pop_back();
  v.ephemeral_keys["client"]["random"] = to_hex(client_random);
  const auto short_script = act(v, Direction::client);
  CHECK(divergence(short_script).find("script has no random bytes left") != std::string::npos);
}

// max_fragment_length (RFC 6066 §4) and record_size_limit (RFC 8449) between tlslab's client and
// server: what is negotiated, the size of every record each side then sends, and the
// record_overflow alert for a peer that does not keep to the limit.
#include "pair.hpp"
#include "tlslab/messages/handshake.hpp"
#include "tlslab/record/framing.hpp"

using namespace tlslab;
using namespace tlslab::handshake;
using tlslab::test::events_of;
using tlslab::test::load_identity;
using tlslab::test::pump;

namespace {

struct Configs {
  std::shared_ptr<crypto::Provider> p = crypto::make_default_provider();
  ClientConfig c;
  ServerConfig s;
  Configs() {
    c.events = s.events = true;
    c.provider = p;
    c.server_name = "localhost";
    c.identities = {load_identity(*p, "client-p256")};
    c.record_events = true;
    s.provider = p;
    s.identities = {load_identity(*p, "server-rsa")};
    s.client_auth = ClientAuth::required;
    s.verifier = test::captures_trust(p);
    s.record_events = true;
  }
};

// The largest plaintext among the records `events` sent, split by protected or not.
struct Largest {
  std::size_t plain = 0;
  std::size_t protected_ = 0;
};
Largest largest_sent(const std::vector<Event>& events) {
  Largest out;
  for (const auto& r : events_of<RecordEvent>(events)) {
    if (r.direction != Direction::sent) continue;
    if (r.plaintext) {
      out.protected_ = std::max(out.protected_, r.plaintext->size());
    } else {
      out.plain = std::max(out.plain, r.fragment.size());
    }
  }
  return out;
}

std::string reasons(const test::Pair& pair) {
  return (pair.client->error() ? pair.client->error()->reason() : "") + " / " +
         (pair.server->error() ? pair.server->error()->reason() : "");
}

void exchange(test::Pair& pair, std::size_t n) {
  pair.client->write(Bytes(n, 0x41));
  pair.server->write(Bytes(n, 0x42));
  pump(*pair.client, *pair.server);
  CHECK(pair.server->read() == Bytes(n, 0x41));
  CHECK(pair.client->read() == Bytes(n, 0x42));
}

// A ServerHello record (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256) answering max_fragment_length
// with `code`, as a misbehaving server would send it.
Bytes server_hello_with_mfl(std::uint8_t code) {
  messages::ServerHello sh;
  sh.cipher_suite = 0xc02f;
  sh.extensions.present = true;
  const std::uint8_t mfl[] = {code};
  static const std::uint8_t kReneg[] = {0};
  sh.extensions.list.push_back(
      {static_cast<std::uint16_t>(registry::ExtensionType::renegotiation_info), kReneg});
  sh.extensions.list.push_back(
      {static_cast<std::uint16_t>(registry::ExtensionType::max_fragment_length), mfl});
  Bytes message;
  messages::serialize_message(sh, message);
  Bytes wire;
  record::write_record(record::ContentType::handshake, 0x0303, message, wire);
  return wire;
}

}  // namespace

TEST_CASE("max_fragment_length: every record from the ServerHello on, both ways") {
  for (std::uint8_t code = 1; code <= 4; ++code) {
    const std::size_t limit = std::size_t{1} << (8 + code);
    CAPTURE(limit);
    Configs k;
    k.c.max_fragment_length = code;
    auto pair = test::connect(std::move(k.c), std::move(k.s));
    REQUIRE_MESSAGE(pair.client->handshake_complete(), reasons(pair));
    exchange(pair, 5000);
    const auto server = largest_sent(pair.server->take_events());
    const auto client = largest_sent(pair.client->take_events());
    // The server's certificate chain (RSA-2048 + CA, ~1.4 KB) had to be fragmented too.
    CHECK(server.plain <= limit);
    if (limit <= 1024) CHECK(server.plain == limit);
    CHECK(server.protected_ == limit);
    CHECK(client.protected_ == limit);
  }
}

TEST_CASE("record_size_limit: each side keeps to the other's limit on protected records") {
  Configs k;
  k.c.record_size_limit = 100;
  k.s.record_size_limit = 300;
  k.c.max_fragment_length = 1;  // ignored by the server when record_size_limit is there
  auto pair = test::connect(std::move(k.c), std::move(k.s));
  REQUIRE_MESSAGE(pair.client->handshake_complete(), reasons(pair));
  exchange(pair, 2000);
  const auto server_events = pair.server->take_events();
  const auto server = largest_sent(server_events);
  const auto client = largest_sent(pair.client->take_events());
  CHECK(server.protected_ == 100);
  CHECK(client.protected_ == 300);
  CHECK(server.plain > 512);  // unprotected records are not limited (RFC 8449 §4)
  bool reported = false;
  for (const auto& n : events_of<NegotiatedEvent>(server_events)) {
    reported |=
        n.what == "record_size_limit" && n.value == "we send at most 100, we accept at most 300";
    CHECK(n.what != "max_fragment_length");
  }
  CHECK(reported);
}

TEST_CASE("record_size_limit: a server without its own setting answers 16384") {
  Configs k;
  k.c.record_size_limit = 64;
  auto pair = test::connect(std::move(k.c), std::move(k.s));
  REQUIRE_MESSAGE(pair.client->handshake_complete(), reasons(pair));
  exchange(pair, 1000);
  CHECK(largest_sent(pair.server->take_events()).protected_ == 64);
  CHECK(largest_sent(pair.client->take_events()).protected_ == 1000);
}

TEST_CASE("a peer that ignores the negotiated limit gets record_overflow") {
  // The server answers max_fragment_length = 512, then sends a 600-byte plaintext record: the
  // client must refuse it (RFC 6066 §4) before reading it as a handshake message.
  Configs k;
  k.c.max_fragment_length = 1;
  auto client = Connection::client(std::move(k.c));
  client->start();
  (void)client->take_output();
  Bytes wire = server_hello_with_mfl(1);
  Bytes big(600, 0);
  record::write_record(record::ContentType::handshake, 0x0303, big, wire);
  client->feed(wire);
  REQUIRE(client->failed());
  CHECK(client->error()->alert() == AlertDescription::record_overflow);
  CHECK(client->error()->reason().find(
            "600 bytes of plaintext, above the negotiated limit of 512") != std::string::npos);
}

TEST_CASE("a server that changes the max_fragment_length value: illegal_parameter") {
  Configs k;
  k.c.max_fragment_length = 2;
  auto client = Connection::client(std::move(k.c));
  client->start();
  (void)client->take_output();
  const Bytes wire = server_hello_with_mfl(3);
  client->feed(wire);
  REQUIRE(client->failed());
  CHECK(client->error()->alert() == AlertDescription::illegal_parameter);
  CHECK(client->error()->reason().find("2048 differs from the requested 1024") !=
        std::string::npos);
}

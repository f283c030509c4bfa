// The embedding API (issue 14 item 6): events are opt-in and bounded, and an event loop can ask
// wants_write() and is_handshaking() instead of draining buffers to find out.
#include <doctest/doctest.h>

#include "pair.hpp"

using namespace tlslab;
using namespace tlslab::handshake;
using tlslab::test::load_identity;

namespace {

struct Configs {
  std::shared_ptr<crypto::Provider> p = crypto::make_default_provider();
  ClientConfig c;
  ServerConfig s;
  Configs() {
    c.provider = p;
    s.provider = p;
    s.identities = {load_identity(*p, "server-p256")};
  }
};

// Runs the handshake flight by flight, checking wants_write() against take_output() each time.
void handshake_by_flights(Connection& client, Connection& server) {
  client.start();
  for (int round = 0; round < 10; ++round) {
    for (auto [from, to] : {std::pair{&client, &server}, std::pair{&server, &client}}) {
      const bool wants = from->wants_write();
      const Bytes out = from->take_output();
      CHECK(wants == !out.empty());
      CHECK_FALSE(from->wants_write());
      if (!out.empty()) to->feed(out);
    }
  }
}

}  // namespace

TEST_CASE("events are off unless asked for: nothing is kept, not even a secret") {
  Configs k;
  auto client = Connection::client(k.c);
  auto server = Connection::server(k.s);
  CHECK(client->is_handshaking());
  CHECK_FALSE(client->wants_write());  // nothing before start()
  handshake_by_flights(*client, *server);
  REQUIRE(client->handshake_complete());
  REQUIRE(server->handshake_complete());
  CHECK_FALSE(client->is_handshaking());
  CHECK_FALSE(server->is_handshaking());
  CHECK(client->take_events().empty());
  CHECK(server->take_events().empty());
  CHECK(client->dropped_events() == 0);  // not dropped: never made

  client->write(view(std::string("ping")));
  CHECK(client->wants_write());
  server->feed(client->take_output());
  CHECK(server->read() == Bytes{'p', 'i', 'n', 'g'});
}

TEST_CASE("with events on, at most max_events wait to be taken; the rest are counted") {
  Configs k;
  k.c.events = k.s.events = true;
  auto all_client = Connection::client(k.c);
  auto all_server = Connection::server(k.s);
  handshake_by_flights(*all_client, *all_server);
  REQUIRE(all_client->handshake_complete());
  const auto everything = all_client->take_events();
  REQUIRE(everything.size() > 8);
  CHECK(all_client->dropped_events() == 0);

  k.c.max_events = 5;
  auto client = Connection::client(k.c);
  auto server = Connection::server(k.s);
  handshake_by_flights(*client, *server);
  REQUIRE(client->handshake_complete());
  const auto kept = client->take_events();
  REQUIRE(kept.size() == 5);
  CHECK(client->dropped_events() == everything.size() - 5);
  // The first events are the ones kept: the start of the handshake, not its end.
  CHECK(kept.front().index() == everything.front().index());
  // Taking them makes room again.
  client->write(view(std::string("x")));
  client->close();
  CHECK(client->take_events().size() == 1);  // the close_notify alert
}

TEST_CASE("is_handshaking is false once the handshake failed") {
  Configs k;
  auto server = Connection::server(k.s);
  CHECK(server->is_handshaking());
  server->feed(test::hex("160303000401000000"));  // an empty ClientHello body
  CHECK(server->failed());
  CHECK_FALSE(server->is_handshaking());
  CHECK(server->wants_write());  // the alert
}

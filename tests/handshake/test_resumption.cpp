// Session resumption between tlslab's own client and server: by SessionID (server cache) and by
// RFC 5077 ticket, the abbreviated handshake's message flow, the client identity carried into
// the resumed session, ticket key rotation, and the cases where a full handshake (or an abort)
// is the right answer.
#include <algorithm>

#include "pair.hpp"
#include "tlslab/registry.hpp"

using namespace tlslab;
using namespace tlslab::handshake;
using tlslab::test::connect;
using tlslab::test::events_of;
using tlslab::test::load_identity;
using tlslab::test::pump;

namespace {

struct Fixture {
  std::shared_ptr<crypto::Provider> p = crypto::make_default_provider();
  Identity server_id = load_identity(*p, "server-p256");
  Identity client_id = load_identity(*p, "client-rsa");
  std::shared_ptr<SessionCache> cache = make_session_cache();
  std::shared_ptr<TicketKeys> tickets = std::make_shared<TicketKeys>(p);
  std::int64_t now = 1'800'000'000;

  ClientConfig client(std::optional<Session> session = std::nullopt) {
    ClientConfig c;
    c.provider = p;
    c.server_name = "localhost";
    c.identities = {client_id};
    c.session = std::move(session);
    c.clock = [this] { return now; };
    return c;
  }
  ServerConfig server(bool with_cache, bool with_tickets) {
    ServerConfig s;
    s.provider = p;
    s.identities = {server_id};
    s.client_auth = ClientAuth::required;
    s.verifier = test::captures_trust(p);
    if (with_cache) s.session_cache = cache;
    if (with_tickets) s.ticket_keys = tickets;
    s.clock = [this] { return now; };
    return s;
  }
};

std::vector<std::string> messages(const std::vector<Event>& events, Direction d) {
  std::vector<std::string> out;
  for (const auto& m : events_of<MessageEvent>(events)) {
    if (m.direction == d) out.push_back(m.name);
  }
  return out;
}

std::string reason(const test::Pair& pair) {
  return (pair.client->error() ? pair.client->error()->reason() : "") + " / " +
         (pair.server->error() ? pair.server->error()->reason() : "");
}

// Both complete, data flows both ways.
void check_traffic(test::Pair& pair) {
  REQUIRE_MESSAGE(pair.client->handshake_complete(), reason(pair));
  REQUIRE(pair.server->handshake_complete());
  pair.client->write(view(std::string("ping")));
  pump(*pair.client, *pair.server);
  CHECK(pair.server->read() == Bytes{'p', 'i', 'n', 'g'});
  pair.server->write(view(std::string("pong")));
  pump(*pair.client, *pair.server);
  CHECK(pair.client->read() == Bytes{'p', 'o', 'n', 'g'});
}

std::uint16_t suite(const char* name) {
  return registry::find_cipher_suite(std::string_view(name))->code;
}

bool has_negotiated(const std::vector<Event>& events, const std::string& what,
                    const std::string& value_part) {
  for (const auto& n : events_of<NegotiatedEvent>(events)) {
    if (n.what == what && n.value.find(value_part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("resumption by SessionID: abbreviated flow, client identity carried") {
  Fixture f;
  auto c1 = f.client();
  c1.session_tickets = false;
  auto first = connect(std::move(c1), f.server(true, false));
  check_traffic(first);
  CHECK_FALSE(first.client->negotiated().resumed);
  const auto session = first.client->session();
  REQUIRE(session);
  CHECK(session->session_id.size() == 32);
  CHECK(session->ticket.empty());
  CHECK(session->master_secret.size() == 48);
  CHECK(session->extended_master_secret);
  REQUIRE(f.cache->find(session->session_id));

  auto c2 = f.client(session);
  c2.session_tickets = false;
  auto second = connect(std::move(c2), f.server(true, false));
  check_traffic(second);
  const auto ce = second.client->take_events();
  const auto se = second.server->take_events();
  CHECK(second.client->negotiated().resumed);
  CHECK(second.server->negotiated().resumed);
  // RFC 5246 §7.3: ServerHello, [ChangeCipherSpec], Finished; then the client's.
  CHECK(messages(ce, Direction::sent) ==
        std::vector<std::string>{"ClientHello", "ChangeCipherSpec", "Finished"});
  CHECK(messages(se, Direction::sent) ==
        std::vector<std::string>{"ServerHello", "ChangeCipherSpec", "Finished"});
  // The server still knows who the client is, without Certificate/CertificateVerify.
  CHECK(second.server->negotiated().client_certificate);
  REQUIRE(second.server->negotiated().peer);
  CHECK(second.server->negotiated().peer->subject == first.server->negotiated().peer->subject);
  REQUIRE(second.client->negotiated().peer);
  CHECK(second.client->negotiated().peer->subject == first.client->negotiated().peer->subject);
  CHECK(has_negotiated(se, "resumption", "resumed by SessionID"));
  // The same session again: the cache keeps it.
  CHECK(second.client->session()->session_id == session->session_id);
}

TEST_CASE("resumption by ticket, every default suite") {
  for (auto code : default_cipher_suites()) {
    const auto* suite = registry::find_cipher_suite(code);
    CAPTURE(suite->name);
    Fixture f;
    if (suite->authentication == registry::Authentication::rsa) {
      f.server_id = load_identity(*f.p, "server-rsa");
    }
    auto c1 = f.client();
    c1.cipher_suites = {code};
    auto first = connect(std::move(c1), f.server(false, true));
    check_traffic(first);
    CHECK(messages(first.server->take_events(), Direction::sent).back() == "Finished");
    const auto session = first.client->session();
    REQUIRE(session);
    CHECK(session->session_id.empty());  // no cache: the session lives in the ticket only
    CHECK(session->ticket.size() > TicketKeys::kKeyNameSize + 28);
    CHECK(session->ticket_lifetime_hint == 7200);
    const Bytes key_name = f.tickets->current_key_name();
    CHECK(std::equal(key_name.begin(), key_name.end(), session->ticket.begin()));

    auto second = connect(f.client(session), f.server(false, true));
    check_traffic(second);
    CHECK(second.client->negotiated().resumed);
    CHECK(second.server->negotiated().resumed);
    CHECK(second.server->negotiated().cipher_suite == code);
    CHECK(second.server->negotiated().client_certificate);
    CHECK(messages(second.server->take_events(), Direction::sent) ==
          std::vector<std::string>{"ServerHello", "ChangeCipherSpec", "Finished"});
  }
}

TEST_CASE("ticket keys rotate: an older key still resumes and the ticket is renewed") {
  Fixture f;
  f.tickets = std::make_shared<TicketKeys>(f.p, 1);  // the current key and one previous
  auto first = connect(f.client(), f.server(false, true));
  check_traffic(first);
  const auto session = first.client->session();
  REQUIRE(session);

  f.tickets->rotate();
  auto second = connect(f.client(session), f.server(false, true));
  check_traffic(second);
  CHECK(second.server->negotiated().resumed);
  CHECK(
      messages(second.server->take_events(), Direction::sent) ==
      std::vector<std::string>{"ServerHello", "NewSessionTicket", "ChangeCipherSpec", "Finished"});
  const auto renewed = second.client->session();
  REQUIRE(renewed);
  CHECK(renewed->ticket != session->ticket);
  const Bytes key_name = f.tickets->current_key_name();
  CHECK(std::equal(key_name.begin(), key_name.end(), renewed->ticket.begin()));

  f.tickets->rotate();
  f.tickets->rotate();  // the key of the first ticket is gone
  auto third = connect(f.client(session), f.server(false, true));
  check_traffic(third);
  CHECK_FALSE(third.server->negotiated().resumed);
  CHECK_FALSE(third.client->negotiated().resumed);
  CHECK(has_negotiated(third.server->take_events(), "resumption", "ticket not accepted"));
}

TEST_CASE("tickets that do not open give a full handshake") {
  Fixture f;
  auto first = connect(f.client(), f.server(false, true));
  check_traffic(first);
  auto session = *first.client->session();

  SUBCASE("another server's ticket keys") {
    f.tickets = std::make_shared<TicketKeys>(f.p);
  }
  SUBCASE("a tampered ticket") {
    session.ticket[session.ticket.size() / 2] ^= 1;
  }
  SUBCASE("a truncated ticket") {
    session.ticket.resize(20);
  }
  auto second = connect(f.client(session), f.server(false, true));
  check_traffic(second);
  CHECK_FALSE(second.server->negotiated().resumed);
  CHECK(messages(second.server->take_events(), Direction::sent).size() == 8);
}

TEST_CASE("sessions that must not be resumed give a full handshake") {
  Fixture f;
  auto c1 = f.client();
  c1.session_tickets = false;
  auto first = connect(std::move(c1), f.server(true, false));
  check_traffic(first);
  const auto session = first.client->session();
  REQUIRE(session);
  std::string expected;
  auto c2 = f.client(session);
  c2.session_tickets = false;
  auto s2 = f.server(true, false);

  SUBCASE("older than the lifetime") {
    f.now += 7201;
    expected = "s old; the lifetime is 7200 s";
  }
  SUBCASE("another server name (RFC 6066 §3)") {
    c2.server_name = "example.test";
    c2.verifier = nullptr;
    expected = "differs from the session's";
  }
  SUBCASE("the session's suite is no longer enabled on the server") {
    c2.cipher_suites = default_cipher_suites();
    s2.cipher_suites = {suite("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")};
    expected = "is not offered or not enabled";
  }
  SUBCASE("no longer in the cache") {
    f.cache->erase(session->session_id);
    expected = "SessionID not in the cache";
  }
  auto second = connect(std::move(c2), std::move(s2));
  check_traffic(second);
  CHECK_FALSE(second.server->negotiated().resumed);
  CHECK_FALSE(second.client->negotiated().resumed);
  const auto se = second.server->take_events();
  CHECK(has_negotiated(se, "resumption", expected));
  CHECK(has_negotiated(second.client->take_events(), "resumption", "refused by the server"));
}

TEST_CASE("a session without a client certificate is not resumed when one is required") {
  Fixture f;
  auto c1 = f.client();
  c1.identities.clear();
  auto s1 = f.server(false, true);
  s1.client_auth = ClientAuth::optional;
  auto first = connect(std::move(c1), std::move(s1));
  check_traffic(first);
  CHECK_FALSE(first.server->negotiated().client_certificate);
  auto second = connect(f.client(first.client->session()), f.server(false, true));
  check_traffic(second);
  CHECK_FALSE(second.server->negotiated().resumed);
  CHECK(second.server->negotiated().client_certificate);  // the full handshake asked again
  CHECK(has_negotiated(second.server->take_events(), "resumption",
                       "a client certificate is required and the session has none"));
}

TEST_CASE("extended master secret and resumption (RFC 7627 §5.3)") {
  Fixture f;
  SUBCASE("a session with EMS, a ClientHello without it: the server aborts") {
    auto first = connect(f.client(), f.server(false, true));
    check_traffic(first);
    auto c2 = f.client(first.client->session());
    c2.ems = ExtendedMasterSecret::off;
    auto second = connect(std::move(c2), f.server(false, true));
    REQUIRE(second.server->failed());
    CHECK(second.server->error()->alert() == AlertDescription::handshake_failure);
    CHECK(second.server->error()->reason().find("RFC 7627 §5.3") != std::string::npos);
    REQUIRE(second.client->failed());
    CHECK(second.client->error()->alert() == AlertDescription::handshake_failure);
  }
  SUBCASE("a session without EMS, a ClientHello with it: full handshake") {
    auto c1 = f.client();
    c1.ems = ExtendedMasterSecret::off;
    auto first = connect(std::move(c1), f.server(false, true));
    check_traffic(first);
    CHECK_FALSE(first.client->session()->extended_master_secret);
    auto second = connect(f.client(first.client->session()), f.server(false, true));
    check_traffic(second);
    CHECK_FALSE(second.server->negotiated().resumed);
    CHECK(second.server->negotiated().extended_master_secret);
    CHECK(has_negotiated(second.server->take_events(), "resumption",
                         "the session has no extended master secret"));
  }
  SUBCASE("the server resumes with EMS a session the client holds without: client aborts") {
    auto first = connect(f.client(), f.server(false, true));
    check_traffic(first);
    auto held = *first.client->session();
    held.extended_master_secret = false;
    auto second = connect(f.client(held), f.server(false, true));
    REQUIRE(second.client->failed());
    CHECK(second.client->error()->alert() == AlertDescription::handshake_failure);
    CHECK(second.client->error()->reason().find("RFC 7627 §5.3") != std::string::npos);
  }
}

TEST_CASE("a server that resumes with another cipher suite: illegal_parameter") {
  Fixture f;
  auto c1 = f.client();
  c1.cipher_suites = {suite("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")};
  auto first = connect(std::move(c1), f.server(false, true));
  check_traffic(first);
  auto held = *first.client->session();
  held.cipher_suite = suite("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");  // lies to itself
  auto c2 = f.client(held);
  c2.cipher_suites = {suite("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
                      suite("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")};
  auto second = connect(std::move(c2), f.server(false, true));
  REQUIRE(second.client->failed());
  CHECK(second.client->error()->alert() == AlertDescription::illegal_parameter);
  CHECK(second.client->error()->reason().find("differs from the resumed session's") !=
        std::string::npos);
}

// The server's Finished is the first record under the resumed keys: with another master secret
// it does not even authenticate.
TEST_CASE("a wrong master secret fails at the first protected record: bad_record_mac") {
  Fixture f;
  auto first = connect(f.client(), f.server(false, true));
  check_traffic(first);
  auto held = *first.client->session();
  held.master_secret[0] ^= 1;
  auto second = connect(f.client(held), f.server(false, true));
  REQUIRE(second.client->failed());
  CHECK(second.client->error()->alert() == AlertDescription::bad_record_mac);
  CHECK_FALSE(second.client->handshake_complete());
  CHECK(second.client->read().empty());
}

TEST_CASE("Session encoding round trip and errors") {
  Session s;
  s.cipher_suite = 0xc02b;
  s.master_secret = SecretBytes(48, 7);
  s.extended_master_secret = true;
  s.session_id = Bytes(32, 1);
  s.ticket = Bytes(100, 2);
  s.ticket_lifetime_hint = 300;
  s.established_at = 1'800'000'000;
  s.server_name = "localhost";
  s.client_certificate = true;
  s.peer_chain = {Bytes(10, 3), Bytes(20, 4)};
  s.peer_subject = "CN=alice";
  s.peer_chain_subjects = {"CN=alice", "CN=CA"};
  const auto bytes = s.encode();
  const auto back = Session::decode(bytes);
  CHECK(back.encode() == bytes);
  CHECK(back.peer_chain == s.peer_chain);
  CHECK(back.peer_chain_subjects == s.peer_chain_subjects);
  CHECK(back.established_at == s.established_at);

  Bytes wrong_version(bytes.begin(), bytes.end());
  wrong_version[0] = 9;
  CHECK_TLS_ERROR(Session::decode(wrong_version), AlertDescription::decode_error,
                  "Session.version: 9");
  Bytes trailing(bytes.begin(), bytes.end());
  trailing.push_back(0);
  CHECK_THROWS_AS(Session::decode(trailing), Error);
  Bytes truncated(bytes.begin(), bytes.begin() + 10);
  CHECK_TLS_ERROR(Session::decode(truncated), AlertDescription::decode_error, "master_secret");
}

TEST_CASE("the session cache evicts the oldest entry") {
  auto cache = make_session_cache(2);
  Session s;
  s.master_secret = SecretBytes(48, 0);
  for (std::uint8_t i = 1; i <= 3; ++i) {
    s.session_id = Bytes(32, i);
    cache->store(s);
  }
  CHECK_FALSE(cache->find(Bytes(32, 1)));
  CHECK(cache->find(Bytes(32, 2)));
  CHECK(cache->find(Bytes(32, 3)));
  cache->erase(Bytes(32, 3));
  CHECK_FALSE(cache->find(Bytes(32, 3)));
}

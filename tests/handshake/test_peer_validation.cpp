// Path validation in the handshake (issue 13): a peer chain the validator refuses ends the
// handshake with the validator's alert, sent by the side that checked it, and its reason.
// Chains are issued in memory (tests/pki/path_test_util.hpp); the clock is their kNow.
#include "../pki/path_der.hpp"
#include "../pki/path_test_util.hpp"
#include "pair.hpp"
#include "tlslab/pki/trust_store.hpp"

using namespace tlslab;
using namespace tlslab::handshake;
using tlslab::test::connect;
using tlslab::test::events_of;
namespace path = tlslab::test::path;

namespace {

Identity identity(const path::Node& leaf, const path::Node& inter) {
  return Identity{{leaf.der, inter.der}, leaf.key};
}

std::shared_ptr<pki::TrustStore> trusting(const path::Node& root) {
  auto store = std::make_shared<pki::TrustStore>(path::provider());
  store->add(root.der);
  return store;
}

// The alert the checking side sent and the other received.
void expect_refused(Connection& checker, Connection& peer, AlertDescription alert,
                    const std::string& reason) {
  REQUIRE(checker.failed());
  CHECK(checker.error()->alert() == alert);
  CHECK_MESSAGE(checker.error()->reason().find(reason) != std::string::npos,
                checker.error()->reason());
  const auto sent = events_of<AlertEvent>(checker.take_events());
  REQUIRE_FALSE(sent.empty());
  CHECK(sent.back().direction == Direction::sent);
  CHECK(sent.back().description == alert);
  REQUIRE(peer.failed());
  CHECK(peer.error()->alert() == alert);
}

// Configurations on the chains' clock.
ClientConfig client_config() {
  ClientConfig c;
  c.provider = path::provider();
  c.clock = [] { return path::kNow; };
  return c;
}
ServerConfig server_config() {
  ServerConfig s;
  s.provider = path::provider();
  s.clock = [] { return path::kNow; };
  return s;
}

}  // namespace

TEST_CASE("the client refuses a server certificate named only in its CN") {
  path::Chain c;
  auto t = path::tmpl("localhost", false);
  t.dns_names.clear();
  t.ip_addresses.clear();
  const path::Node leaf = path::issue(c.inter, t);
  ClientConfig cc = client_config();
  cc.server_name = "localhost";
  cc.verifier = trusting(c.root);
  ServerConfig sc = server_config();
  sc.identities = {identity(leaf, c.inter)};
  auto pair = connect(cc, sc);
  expect_refused(*pair.client, *pair.server, AlertDescription::bad_certificate,
                 "does not match host name \"localhost\" (presented: no DNS/IP subjectAltName; "
                 "the subject's CN is never used");
  // The same chain with the name in the subjectAltName completes.
  sc.identities = {identity(c.leaf, c.inter)};
  CHECK(connect(cc, sc).client->handshake_complete());
}

TEST_CASE("the server refuses a client certificate its CA's name constraints exclude") {
  path::Chain c;
  auto ct = path::tmpl("constrained", true);
  ct.extra_extensions.push_back(path::nc_extension({}, {path::gn_email("evil.example")}));
  const path::Node ca = path::issue(c.root, ct);
  auto lt = path::tmpl("alice", false);
  lt.extended_key_usage = {pki::OidId::kp_client_auth};
  lt.dns_names.clear();
  lt.ip_addresses.clear();
  lt.extra_alt_names = {path::gn_email("alice@evil.example")};
  const path::Node alice = path::issue(ca, lt);
  ClientConfig cc = client_config();
  cc.identities = {identity(alice, ca)};
  ServerConfig sc = server_config();
  sc.identities = {identity(c.leaf, c.inter)};
  sc.client_auth = ClientAuth::required;
  sc.verifier = trusting(c.root);
  auto pair = connect(cc, sc);
  expect_refused(*pair.server, *pair.client, AlertDescription::bad_certificate,
                 "\"CN=alice,O=tlslab path\": subjectAltName email:alice@evil.example is in an "
                 "excluded subtree (email:evil.example) of the nameConstraints of certificate "
                 "\"CN=constrained,O=tlslab path\"");
}

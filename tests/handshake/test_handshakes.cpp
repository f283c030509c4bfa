// In-memory mutual-TLS handshakes between tlslab's own client and server, for every default
// suite, key type and client-authentication mode, and the failures of client authentication.
#include <map>

#include "pair.hpp"
#include "tlslab/registry.hpp"

using namespace tlslab;
using namespace tlslab::handshake;
using tlslab::test::connect;
using tlslab::test::events_of;
using tlslab::test::load_identity;
using tlslab::test::pump;

namespace {

std::shared_ptr<crypto::Provider> provider() {
  return crypto::make_default_provider();
}

bool suite_fits(const registry::CipherSuiteInfo& s, const std::string& server_key) {
  const bool rsa = server_key == "rsa";
  return (s.authentication == registry::Authentication::rsa) == rsa;
}

}  // namespace

TEST_CASE("every default suite x server key x client key x client-auth mode") {
  auto p = provider();
  std::map<std::string, Identity> ids;
  for (const char* k : {"rsa", "p256", "p384", "ed25519"}) {
    ids["server-" + std::string(k)] = load_identity(*p, "server-" + std::string(k));
    ids["client-" + std::string(k)] = load_identity(*p, "client-" + std::string(k));
  }
  int handshakes = 0;
  for (auto code : default_cipher_suites()) {
    const auto* suite = registry::find_cipher_suite(code);
    for (const char* server_key : {"rsa", "p256", "p384", "ed25519"}) {
      if (!suite_fits(*suite, server_key)) continue;
      for (const char* client_key : {"rsa", "p256", "p384", "ed25519"}) {
        for (ClientAuth mode : {ClientAuth::none, ClientAuth::optional, ClientAuth::required}) {
          CAPTURE(suite->name);
          CAPTURE(server_key);
          CAPTURE(client_key);
          CAPTURE(static_cast<int>(mode));
          ClientConfig c;
          c.provider = p;
          c.cipher_suites = {code};
          c.server_name = "localhost";
          c.identities = {ids["client-" + std::string(client_key)]};
          ServerConfig s;
          s.provider = p;
          s.identities = {ids["server-" + std::string(server_key)]};
          s.client_auth = mode;
          s.verifier = test::captures_trust(p);
          auto pair = connect(std::move(c), std::move(s));
          REQUIRE_MESSAGE(pair.client->handshake_complete(),
                          (pair.client->error() ? pair.client->error()->reason() : "")
                              << " / "
                              << (pair.server->error() ? pair.server->error()->reason() : ""));
          REQUIRE(pair.server->handshake_complete());
          CHECK(pair.client->negotiated().cipher_suite == code);
          CHECK(pair.server->negotiated().cipher_suite == code);
          CHECK(pair.client->negotiated().extended_master_secret);
          CHECK(pair.server->negotiated().client_certificate == (mode != ClientAuth::none));
          const std::string line = "hello over " + std::string(suite->name) + "\n";
          pair.client->write(view(line));
          pump(*pair.client, *pair.server);
          const Bytes got = pair.server->read();
          CHECK(std::string(got.begin(), got.end()) == line);
          pair.server->write(view(std::string("pong")));
          pair.server->close();
          pump(*pair.client, *pair.server);
          const Bytes back = pair.client->read();
          CHECK(std::string(back.begin(), back.end()) == "pong");
          CHECK(pair.client->peer_closed());
          ++handshakes;
        }
      }
    }
  }
  // 3 RSA suites x 1 key + 3 ECDSA suites x 3 keys, x 4 client keys x 3 modes
  CHECK(handshakes == (3 * 1 + 3 * 3) * 4 * 3);
}

TEST_CASE("optional DHE, static RSA and CBC suites work when enabled") {
  auto p = provider();
  const auto server_rsa = load_identity(*p, "server-rsa");
  const auto client_p256 = load_identity(*p, "client-p256");
  for (const char* name :
       {"TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
        "TLS_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"}) {
    CAPTURE(name);
    const auto* suite = registry::find_cipher_suite(std::string_view(name));
    REQUIRE(suite != nullptr);
    ClientConfig c;
    c.provider = p;
    c.cipher_suites = {suite->code};
    c.identities = {client_p256};
    ServerConfig s;
    s.provider = p;
    s.cipher_suites = {suite->code};
    s.identities = {server_rsa};
    s.client_auth = ClientAuth::required;
    s.verifier = test::captures_trust(p);
    auto pair = connect(std::move(c), std::move(s));
    REQUIRE_MESSAGE(pair.client->handshake_complete(),
                    (pair.client->error() ? pair.client->error()->reason() : "")
                        << " / " << (pair.server->error() ? pair.server->error()->reason() : ""));
    CHECK(pair.client->negotiated().encrypt_then_mac == (suite->bulk == registry::BulkKind::cbc));
    pair.client->write(Bytes(40000, 0x61));  // three records
    pump(*pair.client, *pair.server);
    CHECK(pair.server->read() == Bytes(40000, 0x61));
  }
}

TEST_CASE("client authentication failures give the right alert and reason") {
  auto p = provider();
  const auto server_rsa = load_identity(*p, "server-rsa");
  SUBCASE("required, and the client has no identity: handshake_failure") {
    ClientConfig c;
    c.provider = p;
    ServerConfig s;
    s.provider = p;
    s.identities = {server_rsa};
    s.client_auth = ClientAuth::required;
    s.verifier = test::captures_trust(p);
    auto pair = connect(std::move(c), std::move(s));
    REQUIRE(pair.server->failed());
    CHECK(pair.server->error()->alert() == AlertDescription::handshake_failure);
    CHECK(pair.server->error()->reason() ==
          "Certificate: the client sent no certificate and one is required");
    REQUIRE(pair.client->failed());
    CHECK(pair.client->error()->alert() == AlertDescription::handshake_failure);
    const auto sent = events_of<AlertEvent>(pair.server->take_events());
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].direction == Direction::sent);
    CHECK(sent[0].description == AlertDescription::handshake_failure);
  }
  SUBCASE("optional, and the client has no identity: completes, reports no certificate") {
    ClientConfig c;
    c.provider = p;
    ServerConfig s;
    s.provider = p;
    s.identities = {server_rsa};
    s.client_auth = ClientAuth::optional;
    s.verifier = test::captures_trust(p);
    auto pair = connect(std::move(c), std::move(s));
    REQUIRE(pair.server->handshake_complete());
    CHECK_FALSE(pair.server->negotiated().client_certificate);
    bool reported = false;
    for (const auto& e : events_of<CertificateEvent>(pair.server->take_events())) {
      reported |= e.decision == "no client certificate";
    }
    CHECK(reported);
  }
  SUBCASE("the server accepts only RSA client certificates: an EC identity is skipped") {
    ClientConfig c;
    c.provider = p;
    c.identities = {load_identity(*p, "client-p256"), load_identity(*p, "client-rsa")};
    ServerConfig s;
    s.provider = p;
    s.identities = {server_rsa};
    s.client_auth = ClientAuth::required;
    s.verifier = test::captures_trust(p);
    s.signature_schemes = {
        static_cast<std::uint16_t>(crypto::SignatureScheme::rsa_pss_rsae_sha256)};
    auto pair = connect(std::move(c), std::move(s));
    REQUIRE(pair.client->handshake_complete());
    std::vector<std::string> reasons;
    std::vector<IdentityVerdict> verdicts;
    for (const auto& e : events_of<CertificateEvent>(pair.client->take_events())) {
      if (e.decision == "client identity") reasons.push_back(e.detail);
      if (e.identity) verdicts.push_back(*e.identity);
    }
    // The same verdicts as fields: which rule each identity failed, the scheme of the chosen one.
    REQUIRE(verdicts.size() == 2);
    CHECK(verdicts[0].index == 0);
    CHECK(verdicts[0].key_type == "EC P-256");
    CHECK(verdicts[0].certificate_type == 64);
    CHECK(verdicts[0].outcome == IdentityVerdict::Outcome::no_common_signature_scheme);
    CHECK(verdicts[1].index == 1);
    CHECK(verdicts[1].outcome == IdentityVerdict::Outcome::chosen);
    CHECK(verdicts[1].signature_scheme == 0x0804);
    CHECK(verdicts[1].subject.find("CN=") != std::string::npos);
    REQUIRE(reasons.size() == 2);
    CHECK(reasons[0].find("identity 0") == 0);
    CHECK(reasons[0].find("skipped: no signature scheme both we and the server accept") !=
          std::string::npos);
    CHECK(reasons[1].find("identity 1") == 0);
    CHECK(reasons[1].find("chosen, signing with 0x0804 rsa_pss_rsae_sha256") != std::string::npos);
  }
}

TEST_CASE("ALPN, SNI and EMS are negotiated and reported") {
  auto p = provider();
  ClientConfig c;
  c.provider = p;
  c.server_name = "localhost";
  c.alpn = {"h2", "http/1.1"};
  ServerConfig s;
  s.provider = p;
  s.identities = {load_identity(*p, "server-p256")};
  s.alpn = {"http/1.1"};
  auto pair = connect(std::move(c), std::move(s));
  REQUIRE(pair.client->handshake_complete());
  CHECK(pair.client->negotiated().alpn == "http/1.1");
  CHECK(pair.server->negotiated().alpn == "http/1.1");
  CHECK(pair.server->negotiated().server_name == "localhost");
  SUBCASE("no ALPN protocol in common: no_application_protocol") {
    ClientConfig c2;
    c2.provider = p;
    c2.alpn = {"h2"};
    ServerConfig s2;
    s2.provider = p;
    s2.identities = {load_identity(*p, "server-p256")};
    s2.alpn = {"http/1.1"};
    auto bad = connect(std::move(c2), std::move(s2));
    REQUIRE(bad.server->failed());
    CHECK(bad.server->error()->alert() == AlertDescription::no_application_protocol);
  }
  SUBCASE("EMS required by the server, not offered by the client: handshake_failure") {
    ClientConfig c3;
    c3.provider = p;
    c3.ems = ExtendedMasterSecret::off;
    ServerConfig s3;
    s3.provider = p;
    s3.identities = {load_identity(*p, "server-p256")};
    s3.ems = ExtendedMasterSecret::require;
    auto bad = connect(std::move(c3), std::move(s3));
    REQUIRE(bad.server->failed());
    CHECK(bad.server->error()->alert() == AlertDescription::handshake_failure);
    CHECK(bad.server->error()->reason().find("RFC 7627") != std::string::npos);
  }
  SUBCASE("EMS off on one side: the plain master secret is used and the handshake completes") {
    ClientConfig c4;
    c4.provider = p;
    c4.ems = ExtendedMasterSecret::off;
    ServerConfig s4;
    s4.provider = p;
    s4.identities = {load_identity(*p, "server-p256")};
    auto ok = connect(std::move(c4), std::move(s4));
    REQUIRE(ok.client->handshake_complete());
    CHECK_FALSE(ok.server->negotiated().extended_master_secret);
  }
}

// `tlslab demo`: a complete mutual-TLS handshake between tlslab's own client and server in one
// process, with a throwaway CA and identities made in memory, printed message by message: every
// record's handshake message as an annotated tree, state transitions, derived secrets, the
// client's choice of identity and the server's verdict, then a line of application data.
#include <iostream>
#include <map>
#include <optional>
#include <string>

#include "commands.hpp"
#include "event_printer.hpp"
#include "keylog.hpp"
#include "tlslab/connection.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/crypto/deterministic_provider.hpp"
#include "tlslab/pki/builder.hpp"
#include "tlslab/pki/trust_store.hpp"
#include "tlslab/registry.hpp"
#include "tlslab/trace/render.hpp"
#include "tlslab/trace/tree.hpp"

namespace tlslab::cli {
namespace {

struct DemoOptions {
  std::string suite;
  std::string server_key = "p256";
  std::string client_key = "p256";
  std::string client_auth = "required";
  bool json = false;
  bool deterministic = false;
  bool hide_secrets = false;
  std::string keylog;           // --keylog FILE (else $SSLKEYLOGFILE)
  std::string resume = "none";  // none | ticket | session-id: a second, abbreviated handshake
};

crypto::KeyType key_type(const std::string& s) {
  if (s == "rsa") return crypto::KeyType::rsa;
  if (s == "p384") return crypto::KeyType::ec_p384;
  if (s == "ed25519") return crypto::KeyType::ed25519;
  return crypto::KeyType::ec_p256;
}

// Fixed for --deterministic so that the whole output is reproducible.
constexpr std::int64_t kDeterministicNow = 1798761600;  // 2027-01-01T00:00:00Z

struct Pki {
  pki::Identity server;
  pki::Identity client;
  Bytes ca;
  std::string ca_subject;
};

Pki make_pki(crypto::Provider& p, const DemoOptions& o, std::int64_t now) {
  using pki::OidId;
  const auto ca_key = p.generate_private_key(crypto::KeyType::ec_p256);
  pki::CertificateTemplate ca;
  ca.subject = {{OidId::organization_name, "tlslab demo"}, {OidId::common_name, "demo CA"}};
  ca.not_before = now - 3600;
  ca.not_after = now + 86400;
  ca.ca = true;
  ca.path_len = 0;
  const Bytes ca_der = pki::issue_certificate(p, ca, ca_key->public_key().material(), *ca_key);

  auto issue = [&](const std::string& cn, crypto::KeyType type, pki::OidId purpose) {
    pki::Identity id;
    id.key = p.generate_private_key(type);
    pki::CertificateTemplate t;
    t.subject = {{OidId::organization_name, "tlslab demo"}, {OidId::common_name, cn}};
    t.serial = {static_cast<std::uint8_t>(cn.size())};
    t.not_before = now - 3600;
    t.not_after = now + 86400;
    t.extended_key_usage = {purpose};
    if (purpose == OidId::kp_server_auth) t.dns_names = {"localhost"};
    id.chain = {pki::issue_certificate(p, t, id.key->public_key().material(), *ca_key, ca_der),
                ca_der};
    return id;
  };
  Pki out;
  out.server = issue("localhost", key_type(o.server_key), OidId::kp_server_auth);
  out.client = issue("demo client", key_type(o.client_key), OidId::kp_client_auth);
  out.ca = ca_der;
  out.ca_subject = "CN=demo CA,O=tlslab demo";
  return out;
}

// One connection between a client and a server made from the configurations: the handshake, a
// line of application data each way, close_notify, every event printed. Returns the client's
// session, or nullopt (reason on stderr) when the handshake failed.
std::optional<handshake::Session> run_connection(EventPrinter& out,
                                                 const handshake::ClientConfig& c,
                                                 const handshake::ServerConfig& s) {
  auto client = Connection::client(c);
  auto server = Connection::server(s);
  client->start();
  out.events("client", client->take_events());
  for (int round = 0; round < 10; ++round) {
    const Bytes to_server = client->take_output();
    if (!to_server.empty()) server->feed(to_server);
    out.events("server", server->take_events());
    const Bytes to_client = server->take_output();
    if (!to_client.empty()) client->feed(to_client);
    out.events("client", client->take_events());
    if (to_server.empty() && to_client.empty()) break;
  }
  if (!client->handshake_complete() || !server->handshake_complete()) {
    const auto& e = client->error() ? client->error() : server->error();
    std::cerr << "tlslab demo: the handshake failed"
              << (e ? ": " + e->reason() + " (" + std::string(alert_label(e->alert())) + ")" : "")
              << '\n';
    return std::nullopt;
  }
  const std::string hello = "hello from the tlslab client";
  client->write(view(hello));
  server->feed(client->take_output());
  const Bytes got = server->read();
  out.line("server", "application_data",
           "received application data: \"" + std::string(got.begin(), got.end()) + "\"");
  server->write(view(std::string("hello back from the tlslab server")));
  server->close();
  client->feed(server->take_output());
  const Bytes back = client->read();
  out.line("client", "application_data",
           "received application data: \"" + std::string(back.begin(), back.end()) + "\"");
  out.events("server", server->take_events());
  out.events("client", client->take_events());
  const auto& n = server->negotiated();
  out.line("demo", "summary",
           std::string(n.resumed ? "resumed" : "full") + " handshake complete: " +
               std::string(registry::find_cipher_suite(n.cipher_suite)->name) +
               ", extended master secret " + (n.extended_master_secret ? "yes" : "no") +
               ", client certificate " +
               (n.client_certificate && n.peer ? n.peer->subject : std::string("none")));
  return client->session();
}

int run_demo(const DemoOptions& o) {
  std::shared_ptr<crypto::Provider> provider;
  std::int64_t now = handshake::system_clock_now();
  if (o.deterministic) {
    crypto::Script script;
    script.seed = std::array<std::uint8_t, 32>{};
    provider = crypto::make_deterministic_provider(std::move(script));
    now = kDeterministicNow;
  } else {
    provider = crypto::make_default_provider();
  }
  EventPrinter out(std::cout, o.json, o.hide_secrets);
  Pki pki;
  try {
    pki = make_pki(*provider, o, now);
  } catch (const Error& e) {
    std::cerr << "tlslab demo: making the demo PKI failed: " << e.reason() << '\n';
    return kExitFailure;
  }

  // Both sides trust the demo CA: the client validates the server's chain for "localhost", the
  // server the client's for clientAuth, both at `now`.
  auto trust = std::make_shared<pki::TrustStore>(provider);
  trust->add(pki.ca);
  handshake::ClientConfig c;
  c.provider = provider;
  c.verifier = trust;
  c.server_name = "localhost";
  c.identities = {pki.client};
  c.clock = [now] { return now; };
  c.events = true;
  c.record_events = true;
  handshake::ServerConfig s;
  s.provider = provider;
  s.identities = {pki.server};
  s.verifier = trust;
  s.clock = c.clock;
  s.events = true;
  s.record_events = true;
  s.client_auth = o.client_auth == "none"       ? handshake::ClientAuth::none
                  : o.client_auth == "optional" ? handshake::ClientAuth::optional
                                                : handshake::ClientAuth::required;
  std::string suite = o.suite;
  if (suite.empty()) {
    suite = o.server_key == "rsa" ? "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
                                  : "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
  }
  const auto* info = registry::find_cipher_suite(std::string_view(suite));
  if (info == nullptr || !info->implemented) {
    std::cerr << "tlslab demo: unknown or unimplemented cipher suite " << suite << '\n';
    return kExitUsage;
  }
  c.cipher_suites = {info->code};
  s.cipher_suites = {info->code};

  if (o.resume == "ticket") {
    s.ticket_keys = std::make_shared<handshake::TicketKeys>(provider);
  } else if (o.resume == "session-id") {
    s.session_cache = handshake::make_session_cache();
    c.session_tickets = false;
  }
  try {
    c.keylog = open_keylog(o.keylog);
  } catch (const std::exception& e) {
    std::cerr << "tlslab demo: " << e.what() << '\n';
    return kExitFailure;
  }

  out.line("demo", "start",
           "mutual TLS between tlslab's client and server in memory; CA \"" + pki.ca_subject +
               "\", server key " + o.server_key + ", client key " + o.client_key +
               ", client auth " + o.client_auth + ", suite " + suite);
  const auto first = run_connection(out, c, s);
  if (!first) return kExitFailure;
  if (o.resume != "none") {
    c.session = first;
    out.line("demo", "resume",
             "a second connection resumes the session by " + o.resume +
                 ": no certificates, no key exchange, the server finishes first");
    if (!run_connection(out, c, s)) return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void register_demo(CLI::App& app) {
  auto opts = std::make_shared<DemoOptions>();
  auto* cmd = app.add_subcommand(
      "demo", "Run a complete mutual-TLS handshake in memory and print every step");
  cmd->add_option("--suite", opts->suite,
                  "IANA cipher suite name (default: ECDHE with AES-128-GCM for the server key)");
  const std::vector<std::string> keys{"rsa", "p256", "p384", "ed25519"};
  cmd->add_option("--server-key", opts->server_key, "Server key type")
      ->check(CLI::IsMember(keys))
      ->capture_default_str();
  cmd->add_option("--client-key", opts->client_key, "Client key type")
      ->check(CLI::IsMember(keys))
      ->capture_default_str();
  cmd->add_option("--client-auth", opts->client_auth, "Whether the server asks for a certificate")
      ->check(CLI::IsMember({"none", "optional", "required"}))
      ->capture_default_str();
  cmd->add_flag("--json", opts->json, "One JSON object per event (JSON Lines)");
  cmd->add_flag("--deterministic", opts->deterministic,
                "Scripted randomness (zero seed) and a fixed clock: the same output every run");
  cmd->add_flag("--hide-secrets", opts->hide_secrets, "Do not print derived secrets");
  cmd->add_option("--keylog", opts->keylog,
                  "Append the NSS key log (CLIENT_RANDOM lines) to FILE; default: "
                  "$SSLKEYLOGFILE when set");
  cmd->add_option("--resume", opts->resume,
                  "Then resume the session in a second connection, by RFC 5077 ticket or by "
                  "SessionID")
      ->check(CLI::IsMember({"none", "ticket", "session-id"}))
      ->capture_default_str();
  cmd->callback([opts]() { set_exit_status(run_demo(*opts)); });
}

}  // namespace tlslab::cli

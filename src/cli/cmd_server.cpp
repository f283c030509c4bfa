// `tlslab server --port N`: a TLS 1.2 server over real sockets, like `openssl s_server`: one or
// more identities (chosen per handshake by suite and the client's signature_algorithms),
// client-certificate authentication, session cache and tickets, and one of three behaviours per
// connection: print what the client sends (default), --echo it back, or --http answer with a
// page showing the negotiated parameters and the client certificate. Connections are served
// concurrently by one event loop (server_loop.hpp) until SIGINT/SIGTERM or --naccept connections.
#include <csignal>
#include <iostream>
#include <sstream>
#include <string>

#include "commands.hpp"
#include "event_printer.hpp"
#include "net.hpp"
#include "server_loop.hpp"
#include "tls_options.hpp"
#include "tlslab/connection.hpp"
#include "tlslab/pki/trust_store.hpp"
#include "tlslab/vectors/side_config.hpp"

namespace tlslab::cli {
namespace {

volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) {
  g_stop = 1;
}

struct ServerOptions {
  std::string port = "4433";
  std::string accept = "0.0.0.0";
  TlsOptions tls;
  std::vector<std::string> client_ca;
  std::string verify_client = "none";
  std::string sni_mismatch = "warn";
  bool no_ca_names = false;
  bool prefer_client_ciphers = false;
  bool no_tickets = false;
  bool no_cache = false;
  bool echo = false;
  bool http = false;
  int naccept = 0;
  int handshake_timeout = 10;
  int idle_timeout = 60;
  std::size_t max_connections = 256;
};

std::string describe(const Connection& c) {
  const auto& n = c.negotiated();
  std::ostringstream out;
  out << "protocol: TLSv1.2\ncipher: " << registry::find_cipher_suite(n.cipher_suite)->name << '\n';
  if (n.group) out << "group: " << registry::group_name(*n.group).value_or("?") << '\n';
  out << "extended_master_secret: " << (n.extended_master_secret ? "yes" : "no") << '\n'
      << "resumed: " << (n.resumed ? "yes" : "no") << '\n';
  if (!n.alpn.empty()) out << "alpn: " << n.alpn << '\n';
  if (!n.server_name.empty()) out << "server_name: " << n.server_name << '\n';
  out << "client_certificate: "
      << (n.client_certificate && n.peer ? n.peer->subject : std::string("none")) << '\n';
  return out.str();
}

int run_server(ServerOptions& o) {
  std::shared_ptr<crypto::Provider> provider;
  handshake::ServerConfig config;
  if (const auto failed = run_setup("server", [&] {
        provider = make_provider(o.tls, "server");
        config.provider = provider;
        const auto fixed_time = apply_fixed_clock(o.tls, config);
        apply_tls_options(o.tls, config);
        if (config.identities.empty()) throw OptionError("give an identity: --cert/--key or --p12");
        config.client_auth = o.verify_client == "required"   ? handshake::ClientAuth::required
                             : o.verify_client == "optional" ? handshake::ClientAuth::optional
                                                             : handshake::ClientAuth::none;
        if (config.client_auth != handshake::ClientAuth::none) {
          if (o.client_ca.empty()) {
            throw OptionError("--verify-client " + o.verify_client + " needs --client-ca");
          }
          config.verifier = load_trust_store(provider, o.client_ca, o.tls);
        }
        config.send_ca_names = !o.no_ca_names;
        config.prefer_client_cipher_order = o.prefer_client_ciphers;
        config.unknown_server_name = o.sni_mismatch == "fatal" ? handshake::UnknownServerName::fatal
                                     : o.sni_mismatch == "ignore"
                                         ? handshake::UnknownServerName::ignore
                                         : handshake::UnknownServerName::warn;
        if (!o.no_cache) config.session_cache = handshake::make_session_cache();
        // (Made here, before any connection: with --seed the keys are the first bytes drawn
        // after the identities, as the act-as-server mode draws them.)
        if (!o.no_tickets) config.ticket_keys = std::make_shared<handshake::TicketKeys>(provider);
        if (fixed_time) write_vector_side(o.tls, vectors::describe_config(config), *fixed_time);
      })) {
    return *failed;
  }

  Socket listener;
  try {
    listener = listen_tcp(o.accept, o.port);
  } catch (const std::exception& e) {
    std::cerr << "tlslab server: " << e.what() << '\n';
    return kExitFailure;
  }
  // The line scripts wait for (like s_server's "ACCEPT"): with --port 0 it carries the port.
  std::cout << "ACCEPT " << o.accept << ":" << bound_port(listener) << std::endl;

  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  EventPrinter printer(std::cerr, o.tls.json, false, true);
  ServeHooks hooks;
  hooks.describe = describe;
  if (o.tls.trace) {
    hooks.on_events = [&](std::vector<handshake::Event> events) {
      printer.events("server", std::move(events));
    };
  }
  ServeLimits limits;
  limits.handshake_timeout_ms = o.handshake_timeout * 1000;
  limits.idle_timeout_ms = o.idle_timeout * 1000;
  limits.max_connections = o.max_connections;
  limits.naccept = o.naccept;
  const ServeMode mode = o.http ? ServeMode::http : o.echo ? ServeMode::echo : ServeMode::print;
  const int served = serve(std::move(listener), config, mode, limits, hooks, g_stop);
  std::cerr << "tlslab server: shutting down after " << served << " connection(s)\n";
  return kExitOk;
}

}  // namespace

void register_server(CLI::App& app) {
  auto o = std::make_shared<ServerOptions>();
  auto* cmd = app.add_subcommand(
      "server", "Serve TLS 1.2 on a port (like openssl s_server); connections served concurrently");
  cmd->add_option("-p,--port", o->port, "Port to listen on; 0 picks a free one (printed)")
      ->capture_default_str();
  cmd->add_option("--accept", o->accept, "Address to listen on")->capture_default_str();
  add_tls_options(cmd, o->tls);
  cmd->add_option("--client-ca", o->client_ca,
                  "Trust anchors for client certificates (file or directory); repeatable")
      ->type_name("PATH");
  cmd->add_option("--verify-client", o->verify_client, "Ask for a client certificate")
      ->check(CLI::IsMember({"none", "optional", "required"}))
      ->capture_default_str();
  cmd->add_option("--sni-mismatch", o->sni_mismatch,
                  "A server_name none of our certificates is for: warn (a warning "
                  "unrecognized_name alert, then go on), fatal, or ignore (RFC 6066 §3)")
      ->check(CLI::IsMember({"warn", "fatal", "ignore"}))
      ->capture_default_str();
  cmd->add_flag(
      "--prefer-client-ciphers", o->prefer_client_ciphers,
      "Pick the cipher suite by the client's order (OpenSSL's default) instead of --cipher's");
  cmd->add_flag("--no-ca-names", o->no_ca_names,
                "Send no certificate_authorities in CertificateRequest");
  cmd->add_flag("--no-tickets", o->no_tickets, "Issue no RFC 5077 session tickets");
  cmd->add_flag("--no-cache", o->no_cache, "No session-ID cache");
  auto* echo = cmd->add_flag("--echo", o->echo, "Send back what the client sends");
  cmd->add_flag("--http", o->http,
                "Answer an HTTP request with the negotiated parameters and client certificate")
      ->excludes(echo);
  cmd->add_option("--naccept", o->naccept, "Exit after accepting N connections (0: no limit)");
  cmd->add_option("--handshake-timeout,--timeout", o->handshake_timeout,
                  "Seconds from accept to the end of the handshake; then the connection is closed")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  cmd->add_option("--idle-timeout", o->idle_timeout,
                  "Seconds without a byte from the client after the handshake; then close_notify")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  cmd->add_option("--max-connections", o->max_connections,
                  "Connections served at once; beyond it new ones are closed unread")
      ->check(CLI::Range(1, 65536))
      ->capture_default_str();
  cmd->footer("Exit status: 0 after SIGINT/SIGTERM or --naccept, 1 setup failure, 2 usage.");
  cmd->callback([o]() { set_exit_status(run_server(*o)); });
}

}  // namespace tlslab::cli

// `tlslab client HOST:PORT`: a TLS 1.2 client over a real socket, like `openssl s_client`: the
// handshake (optionally traced message by message to stderr), a summary of what was negotiated,
// then stdin to the server and the server's data to stdout; --http-get for a one-shot request,
// --resume to reconnect and resume the session.
#include <poll.h>
#include <unistd.h>

#include <iostream>
#include <optional>
#include <string>

#include "commands.hpp"
#include "event_printer.hpp"
#include "net.hpp"
#include "tls_options.hpp"
#include "tlslab/connection.hpp"
#include "tlslab/pki/trust_store.hpp"
#include "tlslab/vectors/side_config.hpp"

namespace tlslab::cli {
namespace {

// Exit statuses of `tlslab client` (documented in --help).
constexpr int kExitConnect = 3;       // no TCP connection
constexpr int kExitHandshake = 4;     // the handshake failed (alert sent or received)
constexpr int kExitVerification = 5;  // we rejected the server's certificate

struct ClientOptions {
  std::string target;
  TlsOptions tls;
  std::vector<std::string> ca;
  std::string servername;
  bool no_verify = false;
  bool resume = false;
  std::string http_get;
  int timeout = 10;
  bool quiet = false;
};

bool is_verification_alert(AlertDescription a) {
  switch (a) {
    case AlertDescription::bad_certificate:
    case AlertDescription::unsupported_certificate:
    case AlertDescription::certificate_expired:
    case AlertDescription::certificate_revoked:
    case AlertDescription::certificate_unknown:
    case AlertDescription::unknown_ca:
      return true;
    default:
      return false;
  }
}

void print_summary(std::ostream& out, const Connection& c) {
  const auto& n = c.negotiated();
  out << "---\nProtocol  : TLSv1.2\nCipher    : "
      << registry::find_cipher_suite(n.cipher_suite)->name << '\n';
  if (n.group) out << "Group     : " << registry::group_name(*n.group).value_or("?") << '\n';
  if (n.signature_scheme) {
    out << "Server sig: " << registry::signature_scheme_name(*n.signature_scheme).value_or("?")
        << '\n';
  }
  out << "Extended master secret: " << (n.extended_master_secret ? "yes" : "no") << '\n';
  if (!n.alpn.empty()) out << "ALPN      : " << n.alpn << '\n';
  out << (n.resumed ? "Reused" : "New") << ", session " << (n.resumed ? "resumed" : "established")
      << '\n';
  if (n.peer) {
    out << "Server certificate: " << n.peer->subject << '\n';
    for (std::size_t i = 0; i < n.peer->chain_subjects.size(); ++i)
      out << "  depth " << i << ": " << n.peer->chain_subjects[i] << '\n';
  }
  out << "Client certificate: " << (n.client_certificate ? "sent" : "none") << "\n---\n";
}

// Runs one connection's handshake. Returns the exit status on failure.
std::optional<int> connect_and_handshake(const ClientOptions& o, const Endpoint& endpoint,
                                         const handshake::ClientConfig& config,
                                         std::unique_ptr<Connection>& connection,
                                         std::unique_ptr<TlsStream>& stream,
                                         EventPrinter& printer) {
  Socket socket;
  try {
    socket = connect_tcp(endpoint);
  } catch (const std::exception& e) {
    std::cerr << "tlslab client: " << e.what() << '\n';
    return kExitConnect;
  }
  connection = Connection::client(config);
  connection->start();
  stream = std::make_unique<TlsStream>(std::move(socket), *connection,
                                       [&printer, &o](std::vector<handshake::Event> events) {
                                         if (o.tls.trace)
                                           printer.events("client", std::move(events));
                                       });
  if (!stream->handshake(o.timeout * 1000)) {
    std::cerr << "tlslab client: handshake with " << o.target << " failed: " << stream->error()
              << '\n';
    if (const auto& err = connection->error()) {
      return is_verification_alert(err->alert()) && !err->reason().starts_with("the peer sent")
                 ? kExitVerification
                 : kExitHandshake;
    }
    return kExitHandshake;
  }
  if (!o.quiet) print_summary(std::cerr, *connection);
  return std::nullopt;
}

// stdin to the server, the server to stdout, until either side ends.
void relay(TlsStream& stream) {
  bool stdin_open = true;
  Bytes buffer(16 * 1024);
  while (!stream.eof()) {
    pollfd fds[2] = {{stream.fd(), POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
    ::poll(fds, stdin_open ? 2 : 1, 1000);
    if (stdin_open && (fds[1].revents & (POLLIN | POLLHUP)) != 0) {
      const ssize_t n = ::read(STDIN_FILENO, buffer.data(), buffer.size());
      if (n > 0) {
        stream.write(ByteView(buffer.data(), static_cast<std::size_t>(n)));
      } else {
        stdin_open = false;
        stream.close();  // close_notify; keep reading what the server still sends
      }
    }
    if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0 || stream.eof()) {
      const Bytes data = stream.read(0);
      std::cout.write(reinterpret_cast<const char*>(data.data()),
                      static_cast<std::streamsize>(data.size()));
      std::cout.flush();
    }
  }
}

int run_client(ClientOptions& o) {
  Endpoint endpoint;
  try {
    endpoint = parse_endpoint(o.target);
  } catch (const std::exception& e) {
    std::cerr << "tlslab client: " << e.what() << '\n';
    return kExitUsage;
  }
  std::shared_ptr<crypto::Provider> provider;
  handshake::ClientConfig config;
  config.server_name = o.servername.empty() ? endpoint.host : o.servername;
  if (const auto failed = run_setup("client", [&] {
        provider = make_provider(o.tls, "client");
        config.provider = provider;
        const auto fixed_time = apply_fixed_clock(o.tls, config);
        apply_tls_options(o.tls, config);
        if (o.no_verify) {
          std::cerr
              << "tlslab client: WARNING: --no-verify: the server's certificate is NOT checked; "
                 "anyone can impersonate it\n";
        } else {
          config.verifier = load_trust_store(
              provider, o.ca.empty() ? std::vector<std::string>{"/etc/ssl/certs"} : o.ca, o.tls);
        }
        if (fixed_time) write_vector_side(o.tls, vectors::describe_config(config), *fixed_time);
      })) {
    return *failed;
  }

  EventPrinter printer(std::cerr, o.tls.json, false, true);
  std::unique_ptr<Connection> connection;
  std::unique_ptr<TlsStream> stream;
  if (auto failed = connect_and_handshake(o, endpoint, config, connection, stream, printer)) {
    return *failed;
  }
  if (o.resume) {
    // Like s_client -reconnect: close, then connect again offering the session.
    config.session = connection->session();
    stream->close();
    if (!config.session) {
      std::cerr << "tlslab client: the server gave no resumable session\n";
    }
    if (auto failed = connect_and_handshake(o, endpoint, config, connection, stream, printer)) {
      return *failed;
    }
    if (!connection->negotiated().resumed) {
      std::cerr << "tlslab client: the server did not resume the session (full handshake)\n";
    }
  }
  if (!o.http_get.empty()) {
    const std::string request = "GET " + o.http_get + " HTTP/1.1\r\nHost: " + config.server_name +
                                "\r\nConnection: close\r\n\r\n";
    stream->write(view(request));
    while (!stream->eof()) {
      const Bytes data = stream->read(o.timeout * 1000);
      std::cout.write(reinterpret_cast<const char*>(data.data()),
                      static_cast<std::streamsize>(data.size()));
    }
    std::cout.flush();
    stream->close();
  } else {
    relay(*stream);
  }
  if (const auto& err = connection->error()) {
    std::cerr << "tlslab client: connection ended with an error: " << err->reason() << '\n';
    return kExitHandshake;
  }
  return kExitOk;
}

}  // namespace

void register_client(CLI::App& app) {
  auto o = std::make_shared<ClientOptions>();
  auto* cmd = app.add_subcommand(
      "client", "Connect to a TLS 1.2 server (like openssl s_client); stdin -> server -> stdout");
  cmd->add_option("target", o->target, "HOST:PORT ([ADDRESS]:PORT for IPv6)")->required();
  add_tls_options(cmd, o->tls);
  cmd->add_option("--ca", o->ca,
                  "Trust anchors: PEM/DER file or directory (default: "
                  "/etc/ssl/certs); repeatable")
      ->type_name("PATH");
  cmd->add_option("--servername", o->servername,
                  "SNI and the name the certificate must match (default: HOST)");
  cmd->add_flag("--no-verify", o->no_verify,
                "Do not verify the server's certificate (insecure; says so on stderr)");
  cmd->add_flag("--resume", o->resume, "Reconnect once and resume the session (ticket or ID)");
  cmd->add_option("--http-get", o->http_get, "Send GET PATH, print the response, exit")
      ->type_name("PATH");
  cmd->add_option("--timeout", o->timeout, "Handshake timeout in seconds")->capture_default_str();
  cmd->add_flag("-q,--quiet", o->quiet, "No summary on stderr");
  cmd->footer(
      "Exit status: 0 success, 1 local file/key error, 2 usage, 3 cannot connect, 4 handshake "
      "failed (the alert is printed), 5 the server's certificate was rejected.");
  cmd->callback([o]() { set_exit_status(run_client(*o)); });
}

}  // namespace tlslab::cli

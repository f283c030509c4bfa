// `tlslab vector from-pcap CAPTURE --keylog FILE [-o VECTOR] [--connection N | --port P]
// [--list] [--ca FILE]`: one TLS connection of a pcap/pcapng capture (tcpdump, Wireshark) and an
// NSS key log (SSLKEYLOGFILE) become a vector (vectors/README.md, "From a pcap") that
// `tlslab replay` checks. Exit status: 0 written (or listed), 1 the vector cannot be built (no
// TLS connection, several and none chosen, a gap in the capture), 2 usage (also an unreadable key
// log or CA file), 4 unreadable or malformed capture.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>

#include "commands.hpp"
#include "files.hpp"
#include "tlslab/error.hpp"
#include "tlslab/pki/x509.hpp"
#include "tlslab/vectors/pcap.hpp"

namespace tlslab::cli {
namespace {

namespace pcap = vectors::pcap;

struct FromPcapOptions {
  std::string capture;
  std::string keylog;
  std::string output;
  std::string ca;
  std::optional<std::size_t> connection;
  std::optional<std::uint16_t> port;
  bool list = false;
};

constexpr const char* kName = "tlslab vector from-pcap: ";

void print_list(std::ostream& out, const std::vector<pcap::TlsConnection>& list,
                const std::vector<std::string>* keylog) {
  for (const auto& c : list)
    out << "  " << pcap::describe(c, keylog) << "\n";
}

// The connection to convert: the one asked for, or the only one. Otherwise says why not.
const pcap::TlsConnection* choose(const FromPcapOptions& o, const pcap::Capture& capture,
                                  const std::vector<pcap::TlsConnection>& list,
                                  const std::vector<std::string>& keylog) {
  if (list.empty()) {
    std::cerr << kName << "no TLS connection in " << o.capture << " (" << capture.packets
              << " packets, " << capture.connections.size()
              << " TCP connections; a TLS connection starts with a ClientHello record)\n";
    return nullptr;
  }
  if (o.connection) {
    if (*o.connection < list.size()) return &list[*o.connection];
    std::cerr << kName << "no TLS connection " << *o.connection << ": " << o.capture << " has "
              << list.size() << ":\n";
    print_list(std::cerr, list, &keylog);
    return nullptr;
  }
  std::vector<const pcap::TlsConnection*> matches;
  for (const auto& c : list) {
    if (!o.port || c.client_endpoint().port == *o.port || c.server_endpoint().port == *o.port) {
      matches.push_back(&c);
    }
  }
  if (matches.size() == 1) return matches.front();
  if (o.port) {
    std::cerr << kName << (matches.empty() ? "no" : std::to_string(matches.size()))
              << " TLS connections with port " << *o.port << " in " << o.capture
              << (matches.empty() ? "" : ": choose one with --connection N") << ":\n";
  } else {
    std::cerr << kName << o.capture << " has " << list.size()
              << " TLS connections: choose one with --connection N or --port P:\n";
  }
  print_list(std::cerr, list, &keylog);
  return nullptr;
}

int run_from_pcap(const FromPcapOptions& o) {
  if (!o.list && o.keylog.empty()) {
    std::cerr << kName << "--keylog FILE is required (the NSS key log, e.g. from SSLKEYLOGFILE)\n";
    return kExitUsage;
  }
  std::vector<std::string> keylog;
  pcap::VectorOptions vo;
  try {
    if (!o.keylog.empty()) keylog = pcap::parse_keylog(read_file(o.keylog, "key log"));
    if (!o.ca.empty()) {
      for (const auto& cert : pki::load_certificates(view(read_file(o.ca, "CA file")))) {
        vo.trust_anchors.emplace_back(cert.der().begin(), cert.der().end());
      }
    }
  } catch (const Error& e) {
    std::cerr << kName << e.reason() << "\n";
    return kExitUsage;
  }
  pcap::Capture capture;
  try {
    capture = load_capture(o.capture);
  } catch (const Error& e) {
    std::cerr << kName << e.reason() << "\n";
    return kExitMalformedCapture;
  }
  const auto list = pcap::tls_connections(capture);
  if (o.list) {
    if (list.empty()) {
      choose(o, capture, list, keylog);
      return kExitFailure;
    }
    print_list(std::cout, list, o.keylog.empty() ? nullptr : &keylog);
    return kExitOk;
  }
  const pcap::TlsConnection* c = choose(o, capture, list, keylog);
  if (c == nullptr) return kExitFailure;

  vo.capture_file = o.capture;
  vo.keylog = pcap::select_keylog(keylog, c->client_random);
  vo.name = o.output.empty() ? "pcap-" + std::to_string(c->client_endpoint().port)
                             : std::filesystem::path(o.output).stem().string();
  if (!pcap::keylog_has(keylog, c->client_random)) {
    std::cerr << kName << "warning: the key log " << o.keylog
              << " has no CLIENT_RANDOM line for connection " << c->index << "'s client_random "
              << (c->client_random ? to_hex(*c->client_random) : std::string("(no ClientHello)"))
              << "; replay needs one (or, for static RSA, an RSA line)\n";
  }
  vectors::Vector v;
  try {
    v = pcap::to_vector(capture, *c, vo);
  } catch (const Error& e) {
    std::cerr << kName << e.reason() << "\n";
    return kExitFailure;
  }
  const std::string text = vectors::write_vector(v);
  if (o.output.empty()) {
    std::cout << text;
  } else {
    std::ofstream out(o.output, std::ios::binary);
    out << text;
    if (!out.flush()) {
      std::cerr << kName << "cannot write " << o.output << "\n";
      return kExitFailure;
    }
  }
  std::size_t records = 0;
  for (const auto& f : v.flights)
    records += f.records.size();
  std::cerr << kName << "connection " << c->index << " (" << c->client_endpoint().text() << " -> "
            << c->server_endpoint().text() << "): " << v.flights.size() << " flights, " << records
            << " records, " << v.keylog.size() << " key-log lines"
            << (o.output.empty() ? "" : " -> " + o.output) << "\n";
  return kExitOk;
}

}  // namespace

void register_vector(CLI::App& app) {
  auto* vector = app.add_subcommand("vector", "Make test vectors (vectors/README.md)");
  vector->require_subcommand(1);
  auto opts = std::make_shared<FromPcapOptions>();
  auto* cmd = vector->add_subcommand(
      "from-pcap",
      "Turn one TLS 1.2 connection of a pcap/pcapng capture plus an NSS key log into a vector "
      "for `tlslab replay`. Exit: 0 ok, 1 cannot build (no TLS connection, several, a gap), "
      "2 usage, 4 unreadable or malformed capture");
  cmd->add_option("capture", opts->capture, "Capture file (pcap or pcapng)")->required();
  cmd->add_option("--keylog", opts->keylog, "NSS key-log file (SSLKEYLOGFILE)")
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", opts->output, "Vector file to write (default: stdout)");
  auto* connection =
      cmd->add_option("--connection", opts->connection, "Index of the TLS connection (--list)");
  auto* port =
      cmd->add_option("--port", opts->port, "The TLS connection whose client or server port is P");
  connection->excludes(port);
  cmd->add_option("--ca", opts->ca, "Trust anchors for replay (PEM or DER certificates)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--list", opts->list,
                "List the TLS connections: index, client -> server, packets and bytes each way, "
                "SNI, whether the key log has the client_random");
  cmd->callback([opts]() { set_exit_status(run_from_pcap(*opts)); });
}

}  // namespace tlslab::cli

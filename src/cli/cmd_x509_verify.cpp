// `tlslab x509 verify --ca ROOTS [--untrusted CERTS] [--purpose server|client]
// [--hostname NAME | --ip ADDR] [--at TIME] LEAF` (issue 4 item 7): RFC 5280 path validation of
// LEAF to the anchors in ROOTS, as `openssl verify` does, with the TLS alert a handshake would
// send. Exit status: 0 valid, 1 not valid (reason and the chain tried), 2 usage, 4 malformed.
#include <cctype>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/error.hpp"
#include "tlslab/pki/path_validation.hpp"
#include "tlslab/pki/trust_store.hpp"
#include "tlslab/pki/x509.hpp"

namespace tlslab::cli {
namespace {

constexpr int kExitMalformed = 4;  // issue 4 item 7

struct VerifyOptions {
  std::vector<std::string> ca;
  std::vector<std::string> untrusted;
  std::string purpose;
  std::string host_name;
  std::string ip;
  std::string at;
  std::string leaf;
};

// "2027-01-01T00:00:00Z" (ISO 8601, UTC) or seconds since the epoch.
std::optional<std::int64_t> parse_time(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos && s.size() < 19) {
    return std::stoll(s);
  }
  std::tm tm{};
  char z = 0;
  char rest = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z, &rest) != 7 ||
      z != 'Z') {
    return std::nullopt;
  }
  if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
      tm.tm_min > 59 || tm.tm_sec > 60) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm));
}

// Thrown (after a message) when a file cannot be opened or parsed: the exit status.
struct LoadError {
  int status;
};

std::vector<pki::Certificate> load(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "tlslab x509 verify: cannot open " << what << " " << path << "\n";
    throw LoadError{kExitUsage};
  }
  const Bytes data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  try {
    return pki::load_certificates(data, AlertDescription::decode_error);
  } catch (const Error& e) {
    std::cerr << "tlslab x509 verify: " << what << " " << path
              << ": malformed or unsupported certificate file: " << e.reason() << "\n";
    throw LoadError{kExitMalformed};
  }
}

void print_chain(const std::vector<pki::Certificate>& chain) {
  for (std::size_t i = 0; i < chain.size(); ++i) {
    std::cout << "  depth " << i << ": " << chain[i].subject().rfc2253() << "\n"
              << "           issuer: " << chain[i].issuer().rfc2253() << "\n";
  }
}

int run_verify(const VerifyOptions& o) {
  pki::ValidationOptions v;
  if (o.purpose == "server") v.purpose = pki::Purpose::server_auth;
  if (o.purpose == "client") v.purpose = pki::Purpose::client_auth;
  if (!o.ip.empty()) {
    if (!pki::parse_ip_address(o.ip)) {
      std::cerr << "tlslab x509 verify: --ip " << o.ip << " is not an IPv4 or IPv6 address\n";
      return kExitUsage;
    }
    v.host_name = o.ip;
  } else {
    v.host_name = o.host_name;
  }
  if (o.at.empty()) {
    v.now = static_cast<std::int64_t>(std::time(nullptr));
  } else if (const auto t = parse_time(o.at)) {
    v.now = *t;
  } else {
    std::cerr << "tlslab x509 verify: --at " << o.at
              << ": expected 2027-01-01T00:00:00Z or seconds since the epoch\n";
    return kExitUsage;
  }
  const std::shared_ptr<crypto::Provider> provider = crypto::make_default_provider();
  pki::TrustStore store(provider);
  std::vector<pki::Certificate> intermediates;
  std::vector<pki::Certificate> leaf;
  try {
    for (const auto& ca : o.ca) {
      if (std::filesystem::is_directory(ca)) {
        store.add_directory(ca);
      } else {
        for (const auto& c : load(ca, "--ca"))
          store.add(c);
      }
    }
    for (const auto& u : o.untrusted) {
      for (auto& c : load(u, "--untrusted"))
        intermediates.push_back(std::move(c));
    }
    leaf = load(o.leaf, "leaf");
  } catch (const LoadError& e) {
    return e.status;
  }
  if (store.anchors().empty()) {
    std::cerr << "tlslab x509 verify: no trust anchor certificate in --ca\n";
    return kExitUsage;
  }
  // Further certificates in the leaf's file are untrusted intermediates (a server's chain file).
  intermediates.insert(intermediates.end(), leaf.begin() + 1, leaf.end());
  const auto r = pki::check_path(leaf.front(), intermediates, store.anchors(), *provider, v);
  std::cout << o.leaf << ": " << (r.ok ? "OK" : "FAILED") << "\n";
  if (!r.ok) {
    std::cout << "error: " << r.reason << "\n"
              << "alert: " << alert_label(r.alert) << "\n"
              << "chain tried:\n";
  } else {
    std::cout << "chain:\n";
  }
  print_chain(r.chain);
  return r.ok ? kExitOk : kExitFailure;
}

}  // namespace

void register_x509_verify(CLI::App& x509) {
  auto opts = std::make_shared<VerifyOptions>();
  auto* cmd = x509.add_subcommand(
      "verify",
      "Validate a certificate chain to trust anchors (RFC 5280 path validation, RFC 6125 host "
      "names), as openssl verify does");
  cmd->add_option("--ca", opts->ca, "Trust anchors: PEM/DER file or a directory of *.pem/*.crt")
      ->required();
  cmd->add_option("--untrusted", opts->untrusted, "Intermediate certificates (any order)");
  cmd->add_option("--purpose", opts->purpose, "What the leaf must be good for")
      ->check(CLI::IsMember({"server", "client"}));
  auto* host = cmd->add_option("--hostname", opts->host_name, "DNS name the leaf must match");
  auto* ip = cmd->add_option("--ip", opts->ip, "IP address the leaf must match");
  host->excludes(ip);
  cmd->add_option("--at", opts->at,
                  "Validation time: 2027-01-01T00:00:00Z or seconds since the epoch (default: "
                  "now)");
  cmd->add_option("leaf", opts->leaf,
                  "The certificate to verify (PEM or DER; further "
                  "certificates in it are untrusted intermediates)")
      ->required();
  cmd->footer(
      "Exit status: 0 valid, 1 not valid (the reason, the TLS alert and the chain tried), 2 "
      "usage error, 4 malformed input.");
  cmd->callback([opts]() { set_exit_status(run_verify(*opts)); });
}

}  // namespace tlslab::cli

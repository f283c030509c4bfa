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
#include "files.hpp"
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
  bool allow_sha1 = false;
};

// An RFC 3339 date-time — "2027-01-01T00:00:00Z", with optional fractional seconds (floored:
// a certificate's validity is in whole seconds) and a "Z" or "+hh:mm"/"-hh:mm" offset; "t" and
// "z" may be lower case (RFC 3339 §5.6) — or seconds since the epoch.
std::optional<std::int64_t> parse_time(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos && s.size() < 19) {
    return std::stoll(s);
  }
  std::size_t pos = 0;
  auto digits = [&](std::size_t n) -> std::optional<int> {
    if (pos + n > s.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const char c = s[pos + i];
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    pos += n;
    return v;
  };
  auto expect_char = [&](auto... accepted) {
    if (pos >= s.size() || ((s[pos] != accepted) && ...)) return false;
    ++pos;
    return true;
  };
  std::tm tm{};
  const auto year = digits(4);
  if (!year || !expect_char('-')) return std::nullopt;
  const auto month = digits(2);
  if (!month || !expect_char('-')) return std::nullopt;
  const auto day = digits(2);
  if (!day || !expect_char('T', 't')) return std::nullopt;
  const auto hour = digits(2);
  if (!hour || !expect_char(':')) return std::nullopt;
  const auto minute = digits(2);
  if (!minute || !expect_char(':')) return std::nullopt;
  const auto second = digits(2);
  if (!second) return std::nullopt;
  if (pos < s.size() && s[pos] == '.') {  // time-secfrac = "." 1*DIGIT, dropped (floored)
    ++pos;
    const std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
      ++pos;
    if (pos == start) return std::nullopt;
  }
  int offset = 0;  // seconds east of UTC
  if (expect_char('Z', 'z')) {
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int sign = s[pos] == '+' ? 1 : -1;
    ++pos;
    const auto oh = digits(2);
    if (!oh || !expect_char(':')) return std::nullopt;
    const auto om = digits(2);
    if (!om || *oh > 23 || *om > 59) return std::nullopt;
    offset = sign * (*oh * 3600 + *om * 60);
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  if (*month < 1 || *month > 12 || *day < 1 || *day > 31 || *hour > 23 || *minute > 59 ||
      *second > 60) {
    return std::nullopt;
  }
  tm.tm_year = *year - 1900;
  tm.tm_mon = *month - 1;
  tm.tm_mday = *day;
  tm.tm_hour = *hour;
  tm.tm_min = *minute;
  tm.tm_sec = *second;
  return static_cast<std::int64_t>(timegm(&tm)) - offset;
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
  v.policy.allow_sha1 = o.allow_sha1;
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
              << ": expected an RFC 3339 time such as 2027-01-01T00:00:00Z (fractions and +hh:mm "
                 "offsets allowed) or seconds since the epoch\n";
    return kExitUsage;
  }
  const std::shared_ptr<crypto::Provider> provider = crypto::make_default_provider();
  pki::TrustStore store(provider);
  std::vector<pki::Certificate> intermediates;
  std::vector<pki::Certificate> leaf;
  try {
    for (const auto& ca : o.ca) {
      if (std::filesystem::is_directory(ca)) {
        add_trust_anchors(store, ca);
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
  auto* host = cmd->add_option("--hostname", opts->host_name,
                               "DNS name the leaf's subjectAltName must match (dNSName entries "
                               "only: the subject's CN is never a host name)");
  auto* ip = cmd->add_option("--ip", opts->ip,
                             "IP address the leaf's subjectAltName must match (iPAddress entries)");
  host->excludes(ip);
  cmd->add_option("--at", opts->at,
                  "Validation time: RFC 3339 (2027-01-01T00:00:00Z, 2027-01-01T01:00:00.5+01:00; "
                  "fractions are floored) or seconds since the epoch (default: now)");
  cmd->add_flag("--allow-sha1", opts->allow_sha1,
                "Accept SHA-1 certificate signatures (refused by default; MD5 never is)");
  cmd->add_option("leaf", opts->leaf,
                  "The certificate to verify (PEM or DER; further "
                  "certificates in it are untrusted intermediates)")
      ->required();
  const pki::ValidationPolicy policy;
  cmd->footer(
      "Host names match the subjectAltName only (RFC 9525), never the subject CN; wildcards "
      "match one label and never a public suffix (*.com, *.co.uk). Refused by default: SHA-1 "
      "and MD5 signatures, RSA keys under " +
      std::to_string(policy.min_rsa_bits) +
      " bits. Path building is bounded: " + std::to_string(policy.max_signature_checks) +
      " signature checks, " + std::to_string(policy.max_issuer_candidates) +
      " issuer candidates, " + std::to_string(policy.max_candidate_paths) + " complete paths, " +
      std::to_string(policy.max_name_comparisons) + " name-constraint comparisons, " +
      std::to_string(policy.max_depth) +
      " certificates deep.\n"
      "Exit status: 0 valid, 1 not valid (the reason, the TLS alert and the chain tried), 2 "
      "usage error, 4 malformed input.");
  cmd->callback([opts]() { set_exit_status(run_verify(*opts)); });
}

}  // namespace tlslab::cli

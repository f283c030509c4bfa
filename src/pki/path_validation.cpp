// RFC 5280 §6 path building and validation, RFC 6125 host name matching. The alert table is in
// the header.
#include "tlslab/pki/path_validation.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <memory>
#include <utility>

#include "tlslab/error.hpp"

namespace tlslab::pki {
namespace {

// Building stops after this many complete candidate paths: with hostile or pathological
// intermediate sets (many certificates sharing a name) the number of paths grows exponentially.
constexpr std::size_t kMaxCandidatePaths = 64;

struct Failure {
  AlertDescription alert;
  std::string reason;
};

std::string who(const Certificate& c) {
  const std::string s = c.describe();
  return "certificate \"" + (s.empty() ? std::string("<empty subject>") : s) + "\"";
}

bool same_der(const Certificate& a, const Certificate& b) {
  return std::equal(a.der().begin(), a.der().end(), b.der().begin(), b.der().end());
}

bool same_bytes(ByteView a, ByteView b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

// RFC 5280 §6.1 chaining is by name; key identifiers (§4.2.1.1/§4.2.1.2) only disambiguate, and
// only when both sides carry them.
bool may_issue(const Certificate& issuer, const Certificate& child) {
  if (!same_bytes(issuer.subject().der, child.issuer().der)) return false;
  const auto& aki = child.authority_key_identifier();
  const auto& ski = issuer.subject_key_identifier();
  if (aki && aki->key_identifier && ski && !same_bytes(*aki->key_identifier, *ski)) return false;
  return true;
}

std::string lower(std::string s) {
  for (auto& ch : s)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

std::string strip_dot(std::string s) {
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

const char* purpose_name(Purpose p) {
  return p == Purpose::server_auth ? "serverAuth" : "clientAuth";
}

// --- nameConstraints (RFC 5280 §4.2.1.10) -------------------------------------------------

// dNSName constraint: "example.com" covers it and every subdomain; ".example.com" (a common
// form inherited from rfc822Name constraints) only subdomains; "" everything.
bool dns_within(const std::string& name_in, const std::string& base_in) {
  const std::string name = strip_dot(lower(name_in));
  const std::string base = strip_dot(lower(base_in));
  if (base.empty()) return true;
  if (base.front() == '.') return ends_with(name, base);
  return name == base || ends_with(name, "." + base);
}

// iPAddress constraint: address + mask of the same family (8 or 32 bytes).
bool ip_within(ByteView address, ByteView constraint) {
  if (constraint.size() != 2 * address.size()) return false;
  for (std::size_t i = 0; i < address.size(); ++i) {
    const auto mask = constraint[address.size() + i];
    if ((address[i] & mask) != (constraint[i] & mask)) return false;
  }
  return true;
}

bool within(const GeneralName& name, const GeneralName& base) {
  if (name.type == GeneralName::Type::dns_name) {
    return dns_within(std::string(name.text()), std::string(base.text()));
  }
  return ip_within(name.value, base.value);
}

std::optional<Failure> check_name_constraints(const Certificate& ca, const Certificate& sub) {
  const auto& nc = ca.name_constraints();
  if (!nc || !sub.subject_alt_names()) return std::nullopt;
  for (const auto& name : *sub.subject_alt_names()) {
    const auto type = name.type;
    const bool enforced =
        type == GeneralName::Type::dns_name || type == GeneralName::Type::ip_address;
    bool constrained = false;
    bool permitted = false;
    for (const auto& s : nc->permitted) {
      if (s.base.type != type) continue;
      constrained = true;
      if (enforced && within(name, s.base)) permitted = true;
    }
    bool excluded = false;
    for (const auto& s : nc->excluded) {
      if (s.base.type != type) continue;
      constrained = true;
      if (enforced && within(name, s.base)) excluded = true;
    }
    if (!constrained) continue;
    if (!enforced) {
      return Failure{AlertDescription::unsupported_certificate,
                     who(sub) + ": subjectAltName " + name.to_string() +
                         " is of a name form the nameConstraints of " + who(ca) +
                         " constrain and tlslab does not process (RFC 5280 §4.2.1.10)"};
    }
    const bool has_permitted =
        std::any_of(nc->permitted.begin(), nc->permitted.end(),
                    [&](const GeneralSubtree& s) { return s.base.type == type; });
    if (excluded || (has_permitted && !permitted)) {
      return Failure{AlertDescription::bad_certificate,
                     who(sub) + ": subjectAltName " + name.to_string() + " is " +
                         (excluded ? "in an excluded" : "outside the permitted") +
                         " subtree of the nameConstraints of " + who(ca) + " (RFC 5280 §4.2.1.10)"};
    }
  }
  return std::nullopt;
}

// --- checks on one complete path (leaf first, anchor last) ----------------------------------

std::optional<Failure> check_certificate_alone(const Certificate& c, std::int64_t now) {
  if (!c.unhandled_critical_extensions().empty()) {
    return Failure{AlertDescription::unsupported_certificate,
                   who(c) + ": unhandled critical extension " +
                       c.unhandled_critical_extensions().front().display_name() +
                       " (RFC 5280 §4.2: the certificate must be rejected)"};
  }
  if (now < c.not_before().seconds) {
    return Failure{AlertDescription::certificate_expired,
                   who(c) + ": not yet valid: notBefore " + format_time(c.not_before().seconds) +
                       " is after the validation time " + format_time(now) +
                       " (RFC 5280 §6.1.3 (a)(2))"};
  }
  if (now > c.not_after().seconds) {
    return Failure{AlertDescription::certificate_expired,
                   who(c) + ": expired: notAfter " + format_time(c.not_after().seconds) +
                       " is before the validation time " + format_time(now) +
                       " (RFC 5280 §6.1.3 (a)(2))"};
  }
  return std::nullopt;
}

std::optional<Failure> check_eku(const Certificate& c, Purpose purpose, bool leaf) {
  if (purpose == Purpose::any || !c.extended_key_usage()) return std::nullopt;
  const auto& eku = *c.extended_key_usage();
  const OidId wanted =
      purpose == Purpose::server_auth ? OidId::kp_server_auth : OidId::kp_client_auth;
  if (eku.has(wanted) || eku.has(OidId::any_extended_key_usage)) return std::nullopt;
  return Failure{AlertDescription::unsupported_certificate,
                 who(c) + ": extendedKeyUsage (" + eku.to_string() + ") lacks " +
                     purpose_name(purpose) + (leaf ? "" : " (checked on CAs as OpenSSL does)") +
                     " (RFC 5280 §4.2.1.12)"};
}

std::optional<Failure> check_signature(const Certificate& c, const Certificate& issuer,
                                       crypto::Provider& provider) {
  const auto& spki = issuer.public_key();
  if (!spki.key) {
    return Failure{AlertDescription::unsupported_certificate,
                   who(issuer) + ": unsupported public key (" + spki.unsupported_reason +
                       "), cannot check the signature of " + who(c)};
  }
  try {
    const auto key = provider.import_public_key(*spki.key);
    if (!c.verify_signature(*key)) {
      return Failure{AlertDescription::bad_certificate,
                     who(c) + ": signature does not verify with the key of its issuer " +
                         who(issuer) + " (RFC 5280 §6.1.3 (a)(1))"};
    }
  } catch (const Error& e) {
    return Failure{e.alert(), who(c) + ": signature check with the key of " + who(issuer) +
                                  " failed: " + e.reason()};
  }
  return std::nullopt;
}

std::optional<Failure> check_chain(const std::vector<Certificate>& path, crypto::Provider& provider,
                                   const ValidationOptions& o) {
  const Certificate& leaf = path.front();
  for (const auto& c : path) {
    if (auto f = check_certificate_alone(c, o.now)) return f;
  }
  // Issuers: every certificate after the leaf (the anchor included: OpenSSL also applies its
  // basicConstraints, pathLen and keyUsage when it has them).
  std::size_t non_self_issued_below = 0;  // intermediates between the leaf and path[i]
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Certificate& ca = path[i];
    const bool anchor = i + 1 == path.size();
    const auto& bc = ca.basic_constraints();
    // A v1 root without extensions is still accepted as an anchor (RFC 5280 §6.1: the anchor
    // is trusted by configuration), never as an intermediate.
    if (!(anchor && ca.version() < 3 && !bc) && !(bc && bc->ca)) {
      return Failure{AlertDescription::unknown_ca,
                     who(ca) + ": issues " + who(path[i - 1]) +
                         " but is not a CA (basicConstraints cA is not TRUE; RFC 5280 §6.1.4 (k))"};
    }
    if (bc && bc->path_length && non_self_issued_below > *bc->path_length) {
      return Failure{AlertDescription::unknown_ca,
                     who(ca) + ": pathLenConstraint " + std::to_string(*bc->path_length) +
                         " exceeded: " + std::to_string(non_self_issued_below) +
                         " intermediate CA certificate(s) below it (RFC 5280 §6.1.4 (m))"};
    }
    if (ca.key_usage() && !ca.key_usage()->has(KeyUsageBit::key_cert_sign)) {
      return Failure{AlertDescription::bad_certificate,
                     who(ca) + ": keyUsage (" + ca.key_usage()->to_string() +
                         ") lacks keyCertSign (RFC 5280 §6.1.4 (n))"};
    }
    if (auto f = check_eku(ca, o.purpose, false)) return f;
    // RFC 5280 §6.1.3 (b)/(c): constraints apply to every subordinate, self-issued
    // intermediates excepted (the leaf always).
    for (std::size_t j = 0; j < i; ++j) {
      if (j != 0 && path[j].self_issued()) continue;
      if (auto f = check_name_constraints(ca, path[j])) return f;
    }
    if (!ca.self_issued()) ++non_self_issued_below;
  }
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    if (auto f = check_signature(path[i], path[i + 1], provider)) return f;
  }
  if (!leaf.public_key().key) {
    return Failure{AlertDescription::unsupported_certificate,
                   who(leaf) + ": unsupported public key: " + leaf.public_key().unsupported_reason};
  }
  // Leaf purpose (OpenSSL's check_purpose / ssl's checks).
  if (o.purpose != Purpose::any && leaf.key_usage() &&
      !leaf.key_usage()->has(KeyUsageBit::digital_signature) &&
      !leaf.key_usage()->has(KeyUsageBit::key_encipherment)) {
    return Failure{AlertDescription::unsupported_certificate,
                   who(leaf) + ": keyUsage (" + leaf.key_usage()->to_string() +
                       ") has neither digitalSignature nor keyEncipherment, needed for " +
                       purpose_name(o.purpose) + " (RFC 5280 §4.2.1.3)"};
  }
  if (auto f = check_eku(leaf, o.purpose, true)) return f;
  if (!o.host_name.empty() && !host_name_matches(leaf, o.host_name)) {
    std::string presented;
    if (leaf.subject_alt_names()) {
      for (const auto& n : *leaf.subject_alt_names()) {
        if (n.type == GeneralName::Type::dns_name || n.type == GeneralName::Type::ip_address) {
          presented += (presented.empty() ? "" : ", ") + n.to_string();
        }
      }
    }
    return Failure{AlertDescription::bad_certificate,
                   who(leaf) + ": does not match host name \"" + o.host_name + "\" (presented: " +
                       (presented.empty() ? "no DNS/IP subjectAltName" : presented) +
                       "; RFC 6125 §6)"};
  }
  return std::nullopt;
}

// Depth-first path building.
struct Builder {
  const std::vector<Certificate>& intermediates;
  const std::vector<Certificate>& anchors;
  crypto::Provider& provider;
  const ValidationOptions& options;
  std::vector<Certificate> path;
  std::size_t candidates = 0;
  std::optional<PathResult> first_failure;  // first complete path that failed
  std::vector<Certificate> longest_partial;
  std::optional<PathResult> success;
  bool too_deep = false;

  bool in_path(const Certificate& c) const {
    return std::any_of(path.begin(), path.end(),
                       [&](const Certificate& p) { return same_der(p, c); });
  }

  void try_complete() {
    ++candidates;
    if (auto f = check_chain(path, provider, options)) {
      if (!first_failure) first_failure = PathResult{false, path, f->alert, f->reason};
    } else {
      success = PathResult{true, path, AlertDescription::certificate_unknown, {}};
    }
  }

  // Returns true to stop.
  bool extend() {
    if (success || candidates >= kMaxCandidatePaths) return true;
    // A copy (it shares the DER): push_back below may reallocate `path`.
    const Certificate top = path.back();
    if (path.size() > longest_partial.size()) longest_partial = path;
    // The certificate itself is trusted.
    for (const auto& a : anchors) {
      if (same_der(a, top)) {
        try_complete();
        return success.has_value();
      }
    }
    if (path.size() >= options.max_depth) {
      too_deep = true;
      return false;
    }
    for (const auto& a : anchors) {
      if (!may_issue(a, top) || in_path(a)) continue;
      path.push_back(a);
      try_complete();
      path.pop_back();
      if (success || candidates >= kMaxCandidatePaths) return true;
    }
    for (const auto& c : intermediates) {
      if (!may_issue(c, top) || in_path(c)) continue;
      path.push_back(c);
      const bool stop = extend();
      path.pop_back();
      if (stop) return true;
    }
    return false;
  }
};

}  // namespace

std::string format_time(std::int64_t seconds) {
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return std::to_string(seconds);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<Bytes> parse_ip_address(const std::string& text) {
  unsigned char buf[16];
  if (inet_pton(AF_INET, text.c_str(), buf) == 1) return Bytes(buf, buf + 4);
  if (inet_pton(AF_INET6, text.c_str(), buf) == 1) return Bytes(buf, buf + 16);
  return std::nullopt;
}

bool dns_name_matches(const std::string& pattern_in, const std::string& host_in) {
  const std::string pattern = strip_dot(lower(pattern_in));
  const std::string host = strip_dot(lower(host_in));
  if (pattern.empty() || host.empty()) return false;
  if (pattern.rfind("*.", 0) != 0) {
    return pattern.find('*') == std::string::npos && pattern == host;
  }
  // RFC 6125 §6.4.3: the wildcard is the whole left-most label and matches exactly one label;
  // the rest must have at least two labels ("*.com" matches nothing).
  const std::string rest = pattern.substr(1);  // ".example.com"
  if (rest.find('*') != std::string::npos || rest.find('.', 1) == std::string::npos) return false;
  const auto dot = host.find('.');
  if (dot == std::string::npos || dot == 0) return false;
  return host.substr(dot) == rest;
}

bool host_name_matches(const Certificate& leaf, const std::string& host_name) {
  const auto& san = leaf.subject_alt_names();
  if (const auto ip = parse_ip_address(host_name)) {
    if (!san) return false;
    return std::any_of(san->begin(), san->end(), [&](const GeneralName& n) {
      return n.type == GeneralName::Type::ip_address && same_bytes(n.value, *ip);
    });
  }
  bool any_dns = false;
  if (san) {
    for (const auto& n : *san) {
      if (n.type != GeneralName::Type::dns_name) continue;
      any_dns = true;
      if (dns_name_matches(std::string(n.text()), host_name)) return true;
    }
  }
  // RFC 6125 §6.4.4: the CN only when there is no dNSName at all.
  if (any_dns) return false;
  for (const auto& cn : leaf.subject().values(OidId::common_name)) {
    if (dns_name_matches(cn, host_name)) return true;
  }
  return false;
}

PathResult check_path(const Certificate& leaf, const std::vector<Certificate>& intermediates,
                      const std::vector<Certificate>& anchors, crypto::Provider& provider,
                      const ValidationOptions& options) {
  Builder b{intermediates, anchors, provider, options, {leaf}, 0, {}, {}, {}, false};
  b.extend();
  if (b.success) return *b.success;
  if (b.first_failure) return *b.first_failure;
  PathResult r;
  r.chain = b.longest_partial.empty() ? std::vector<Certificate>{leaf} : b.longest_partial;
  r.alert = AlertDescription::unknown_ca;
  const Certificate& top = r.chain.back();
  if (b.too_deep && r.chain.size() >= options.max_depth) {
    r.reason = who(leaf) + ": no path to a trust anchor within " +
               std::to_string(options.max_depth) + " certificates";
  } else {
    r.reason = who(top) + ": issuer \"" + top.issuer().rfc2253() +
               "\" is neither a trust anchor nor among the supplied intermediates" +
               (r.chain.size() > 1 ? " (chain built from " + who(leaf) + ")" : std::string()) +
               " (RFC 5280 §6.1)";
  }
  return r;
}

std::vector<Certificate> validate_path(const Certificate& leaf,
                                       const std::vector<Certificate>& intermediates,
                                       const std::vector<Certificate>& anchors,
                                       crypto::Provider& provider,
                                       const ValidationOptions& options) {
  PathResult r = check_path(leaf, intermediates, anchors, provider, options);
  if (!r.ok) fail(r.alert, r.reason);
  return std::move(r.chain);
}

}  // namespace tlslab::pki

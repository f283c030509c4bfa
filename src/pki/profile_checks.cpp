// Certificate profile rules, each citing the MUST it enforces. A trust anchor is trusted by
// configuration (RFC 5280 §6.1: its fields are inputs, not checked), so only the rules that
// keep a chain meaningful apply to it.
#include "src/pki/profile_checks.hpp"

#include <algorithm>

#include "tlslab/error.hpp"
#include "tlslab/pki/host_name.hpp"

namespace tlslab::pki::detail {
namespace {

Failure bad(const Certificate& c, const std::string& what) {
  return Failure{AlertDescription::bad_certificate, who(c) + ": " + what};
}

bool is_ca(const Certificate& c) {
  return c.basic_constraints() && c.basic_constraints()->ca;
}

bool critical(const Certificate& c, OidId id) {
  const Extension* e = c.find_extension(id);
  return e != nullptr && e->critical;
}

// RFC 5280 §4.1.2.2: "a positive integer ... no longer than 20 octets" (a leading 00 octet that
// only keeps the value positive is not counted, as OpenSSL and the CA/B Forum count).
std::optional<Failure> check_serial(const Certificate& c) {
  const ByteView s = c.serial();
  if (c.serial_negative()) {
    return bad(c, "serialNumber is negative (RFC 5280 §4.1.2.2: a positive integer)");
  }
  if (std::all_of(s.begin(), s.end(), [](std::uint8_t b) { return b == 0; })) {
    return bad(c, "serialNumber is zero (RFC 5280 §4.1.2.2: a positive integer)");
  }
  const std::size_t octets = s.size() - (s.size() > 1 && s[0] == 0 ? 1 : 0);
  if (octets > 20) {
    return bad(
        c, "serialNumber of " + std::to_string(octets) + " octets (RFC 5280 §4.1.2.2: at most 20)");
  }
  return std::nullopt;
}

// RFC 5280 §4.2.1.6: subjectAltName entries must be usable names, and the extension is critical
// exactly when the subject is empty (a SHOULD for the non-empty case that the CA/B Forum BR
// §7.1.2.7.12 makes a MUST).
std::optional<Failure> check_subject_alt_name(const Certificate& c) {
  const auto& san = c.subject_alt_names();
  if (!san) return std::nullopt;
  for (const auto& n : *san) {
    const auto text = n.text();
    const bool textual = n.type == GeneralName::Type::dns_name ||
                         n.type == GeneralName::Type::rfc822_name ||
                         n.type == GeneralName::Type::uri;
    if (textual && (text.empty() || text == " ")) {
      return bad(c, "subjectAltName has an empty " + n.to_string() +
                        " entry (RFC 5280 §4.2.1.6: MUST NOT be empty or \" \")");
    }
    if (n.type == GeneralName::Type::dns_name && !valid_dns_name(text, true)) {
      return bad(c, "subjectAltName " + n.to_string() +
                        " is not a host name in the preferred name syntax (RFC 5280 §4.2.1.6, "
                        "RFC 1034 §3.5)");
    }
  }
  const bool san_critical = critical(c, OidId::subject_alt_name);
  if (c.subject().empty() && !san_critical) {
    return bad(c, "empty subject with a non-critical subjectAltName (RFC 5280 §4.2.1.6)");
  }
  if (!c.subject().empty() && san_critical) {
    return bad(c,
               "critical subjectAltName with a non-empty subject (RFC 5280 §4.2.1.6; CA/B "
               "Forum BR §7.1.2.7.12)");
  }
  return std::nullopt;
}

// authorityInfoAccess (§4.2.2.1) is not acted on, but a malformed one is a malformed
// certificate: SEQUENCE SIZE (1..MAX) OF AccessDescription { accessMethod, accessLocation }.
std::optional<Failure> check_authority_info_access(const Certificate& c) {
  const Extension* aia = c.find_extension(OidId::authority_info_access);
  if (aia == nullptr) return std::nullopt;
  try {
    der::Reader r(aia->value, "authorityInfoAccess");
    der::Reader seq = r.sequence("AuthorityInfoAccessSyntax");
    if (seq.empty()) seq.fail({}, "empty (SIZE (1..MAX))");
    for (std::size_t i = 0; !seq.empty(); ++i) {
      der::Reader ad = seq.sequence({"AccessDescription", i});
      ad.oid("accessMethod");
      read_general_name(ad, "accessLocation");
      ad.expect_end();
    }
    r.expect_end();
  } catch (const Error& e) {
    return bad(c, "malformed authorityInfoAccess: " + e.reason() + " (RFC 5280 §4.2.2.1)");
  }
  return std::nullopt;
}

std::optional<Failure> check_key_identifiers(const Certificate& c, Role role) {
  // §4.2.1.1 and §4.2.1.2: both MUST be non-critical.
  if (critical(c, OidId::authority_key_identifier)) {
    return bad(c, "authorityKeyIdentifier is critical (RFC 5280 §4.2.1.1: MUST be non-critical)");
  }
  if (critical(c, OidId::subject_key_identifier)) {
    return bad(c, "subjectKeyIdentifier is critical (RFC 5280 §4.2.1.2: MUST be non-critical)");
  }
  const auto& aki = c.authority_key_identifier();
  // §4.2.1.2: CA certificates MUST carry a subjectKeyIdentifier (path building relies on it).
  if (role != Role::leaf && !c.subject_key_identifier()) {
    return bad(c, "CA certificate without subjectKeyIdentifier (RFC 5280 §4.2.1.2)");
  }
  if (role == Role::anchor) {
    // An anchor's authorityKeyIdentifier, when there is one, names its own key (webpki's and
    // the CA/B Forum's root profile, BR §7.1.2.1.3): the keyIdentifier alone, equal to its SKI.
    if (!aki) return std::nullopt;
    if (!aki->key_identifier) {
      return bad(c,
                 "trust anchor's authorityKeyIdentifier has no keyIdentifier (CA/B Forum BR "
                 "§7.1.2.1.3)");
    }
    if (!aki->issuer.empty() || aki->serial) {
      return bad(c,
                 "trust anchor's authorityKeyIdentifier carries authorityCertIssuer and "
                 "authorityCertSerialNumber (CA/B Forum BR §7.1.2.1.3)");
    }
    const auto& ski = c.subject_key_identifier();
    if (c.self_issued() && !std::equal(ski->begin(), ski->end(), aki->key_identifier->begin(),
                                       aki->key_identifier->end())) {
      return bad(c,
                 "self-signed trust anchor whose authorityKeyIdentifier differs from its "
                 "subjectKeyIdentifier (RFC 5280 §4.2.1.1)");
    }
    return std::nullopt;
  }
  // §4.2.1.1: MUST be present, with keyIdentifier, except in self-signed certificates (below
  // the anchor only a pinned leaf can be one).
  if (role == Role::leaf && c.self_issued()) return std::nullopt;
  if (!aki) {
    return bad(c,
               "no authorityKeyIdentifier (RFC 5280 §4.2.1.1: MUST be included in all "
               "certificates but self-signed ones)");
  }
  if (!aki->key_identifier) {
    return bad(c, "authorityKeyIdentifier without keyIdentifier (RFC 5280 §4.2.1.1)");
  }
  return std::nullopt;
}

std::optional<Failure> check_constraints(const Certificate& c, Role role) {
  const auto& bc = c.basic_constraints();
  // §4.2.1.9: pathLenConstraint only with cA; keyCertSign only with cA (§4.2.1.3).
  if (bc && bc->path_length && !bc->ca) {
    return bad(c, "pathLenConstraint without cA (RFC 5280 §4.2.1.9)");
  }
  if (c.key_usage()) {
    if (c.key_usage()->bits == 0) {
      return bad(c, "keyUsage with no bit set (RFC 5280 §4.2.1.3: at least one bit MUST be set)");
    }
    if (c.key_usage()->has(KeyUsageBit::key_cert_sign) && !is_ca(c)) {
      return bad(c,
                 "keyUsage asserts keyCertSign but basicConstraints cA is not TRUE (RFC 5280 "
                 "§4.2.1.9)");
    }
  }
  if (role == Role::leaf) {
    // A CA certificate may be a leaf (RFC 5280 §6.1 does not forbid it, OpenSSL and Go accept
    // it), but then consistently: its key must be for signing certificates (§4.2.1.3).
    if (is_ca(c) && c.key_usage() && !c.key_usage()->has(KeyUsageBit::key_cert_sign)) {
      return bad(c, "basicConstraints cA is TRUE but keyUsage (" + c.key_usage()->to_string() +
                        ") lacks keyCertSign (RFC 5280 §4.2.1.3)");
    }
    // §4.2.1.10: name constraints belong in CA certificates only.
    if (c.name_constraints()) {
      return bad(c, "nameConstraints in an end-entity certificate (RFC 5280 §4.2.1.10)");
    }
    return std::nullopt;
  }
  // §4.1.2.6: a CA's subject is non-empty (it is what its certificates name as their issuer);
  // §4.2.1.9: basicConstraints (whose presence path validation checks) is critical in every CA
  // certificate, the trust anchor's included.
  if (c.subject().empty())
    return bad(c, "CA certificate with an empty subject (RFC 5280 §4.1.2.6)");
  if (bc && bc->ca && !critical(c, OidId::basic_constraints)) {
    return bad(c, "basicConstraints of a CA is not critical (RFC 5280 §4.2.1.9)");
  }
  return std::nullopt;
}

}  // namespace

std::string who(const Certificate& c) {
  const std::string s = c.describe();
  return "certificate \"" + (s.empty() ? std::string("<empty subject>") : s) + "\"";
}

std::optional<Failure> check_profile(const Certificate& c, Role role) {
  // §4.1.2.1: extensions, which everything below relies on, are v3 only; the parser already
  // refused them in v1/v2 certificates, and a v1 CA or v1 leaf lacks what TLS needs.
  if (c.version() != 3) {
    return bad(c, "X.509 v" + std::to_string(c.version()) +
                      " certificate (tlslab validates v3 certificates only: basicConstraints, "
                      "subjectAltName and key identifiers are extensions)");
  }
  // §4.1.2.4: "The issuer field MUST contain a non-empty distinguished name".
  if (c.issuer().empty()) return bad(c, "empty issuer name (RFC 5280 §4.1.2.4)");
  if (auto f = check_key_identifiers(c, role)) return f;
  if (auto f = check_constraints(c, role)) return f;
  if (auto f = check_authority_info_access(c)) return f;
  if (role == Role::anchor) return std::nullopt;  // trusted by configuration from here on
  if (auto f = check_serial(c)) return f;
  if (auto f = check_subject_alt_name(c)) return f;
  return std::nullopt;
}

}  // namespace tlslab::pki::detail

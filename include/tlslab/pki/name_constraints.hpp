// nameConstraints (RFC 5280 §4.2.1.10) applied to one subordinate certificate: every name it
// carries — the subject (directoryName), emailAddress attributes of the subject (rfc822Name),
// and each subjectAltName entry — against the permitted and excluded subtrees of its form.
//
//   form           presented                      subtree base            covers
//   dNSName        host.example.com, *.example.com  example.com          it and every subdomain
//                                                 .example.com            subdomains only
//   iPAddress      4 or 16 bytes                  address/mask (8/32 B)   masked equality, same
//                                                                         family only
//   rfc822Name     local@host                     local@host              that mailbox
//                                                 host                    mailboxes at host
//                                                 .example.com            at any subdomain
//   URI            scheme://[user@]host[:port]/.. host                    that host exactly
//                                                 .example.com            any subdomain
//   directoryName  a Name                         a Name                  names it is an RDN
//                                                                         prefix of
//
// A wildcard dNSName is checked for the whole name space it covers (every "L.example.com"): it
// must lie entirely inside a permitted subtree and must not meet any excluded one, so
// "*.example.com" is rejected under an excluded "bad.example.com" (the class of Go's
// CVE-2025-61727). Names that cannot be checked — otherName, x400Address, ediPartyName and
// registeredID, a URI without a host or with an IP literal, a malformed email address or
// constraint — are rejected when a subtree of their form exists, as §4.2.1.10 requires. Every
// name x subtree comparison is counted against a budget shared by the whole validation.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "tlslab/alert.hpp"
#include "tlslab/pki/extensions.hpp"

namespace tlslab::pki {

class Certificate;

struct NameConstraintViolation {
  AlertDescription alert;
  // "subjectAltName DNS:www.example.org is outside the permitted subtree"; the caller names
  // the certificates.
  std::string problem;
  bool budget_exhausted = false;
};

// `comparisons_left` is decremented per name x subtree comparison; reaching 0 is a violation
// with budget_exhausted set.
std::optional<NameConstraintViolation> check_name_constraints(const NameConstraints& constraints,
                                                              const Certificate& subordinate,
                                                              std::size_t& comparisons_left);

// The matching rules of the table above, one name against one subtree base. false also when
// either side is malformed (check_name_constraints reports those as unsupported).
bool dns_name_within(const std::string& name, const std::string& base);
bool wildcard_within(const std::string& wildcard, const std::string& base);  // "*.s" inside
bool wildcard_meets(const std::string& wildcard, const std::string& base);   // overlaps

}  // namespace tlslab::pki

// Certification path building and validation (RFC 5280 §6, the parts real deployments use) and
// RFC 6125 host name matching: from a leaf through supplied intermediates (any order, extras
// ignored) to a trust anchor, checking signatures, validity against an injected clock,
// basicConstraints cA and pathLenConstraint, keyUsage, extendedKeyUsage, critical extensions,
// nameConstraints (dNSName and iPAddress subtrees) and the server's host name.
//
// Every rejection is a tlslab::Error whose reason names the certificate (subject, RFC 2253) and
// the rule. The alert each rule maps to is modelled on OpenSSL's X509_V_ERR -> TLS alert table
// (ssl/statem/statem_lib.c, ssl_x509err2alert), restricted to the alerts issue 4 allows:
//
//   rule                                              alert
//   ------------------------------------------------  ------------------------
//   no path from the leaf to a trust anchor           unknown_ca
//   path longer than max_depth                        unknown_ca
//   issuer without basicConstraints cA=TRUE           unknown_ca   (OpenSSL: INVALID_CA)
//   pathLenConstraint exceeded                        unknown_ca   (PATH_LENGTH_EXCEEDED)
//   issuer keyUsage without keyCertSign               bad_certificate
//   signature does not verify                         bad_certificate (OpenSSL: decrypt_error,
//                                                     which is about our own keys in TLS)
//   key type does not fit the signature algorithm     bad_certificate
//   notAfter passed / notBefore not reached           certificate_expired (both: RFC 5246
//                                                     §7.2.2 "expired or not currently valid")
//   unknown critical extension                        unsupported_certificate (RFC 5280 §4.2)
//   unsupported public key or signature algorithm     unsupported_certificate
//   leaf keyUsage without digitalSignature and
//     without keyEncipherment                         unsupported_certificate (INVALID_PURPOSE)
//   extendedKeyUsage lacks serverAuth/clientAuth
//     (leaf or any CA that has the extension)         unsupported_certificate (INVALID_PURPOSE)
//   nameConstraints violated                          bad_certificate
//   name form constrained but not processed (email,
//     URI in subjectAltName under such constraints)   unsupported_certificate
//   host name / IP address does not match             bad_certificate (HOSTNAME_MISMATCH)
//   anything else                                     certificate_unknown
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tlslab/alert.hpp"
#include "tlslab/crypto/provider.hpp"
#include "tlslab/pki/x509.hpp"

namespace tlslab::pki {

// What the leaf must be good for. `any`: no EKU/keyUsage purpose check (as `openssl verify`
// without -purpose).
enum class Purpose { any, server_auth, client_auth };

struct ValidationOptions {
  Purpose purpose = Purpose::any;
  // Server identity to match (RFC 6125): a DNS name, or an IPv4/IPv6 literal (matched only
  // against iPAddress entries). Empty: no name check.
  std::string host_name;
  std::int64_t now = 0;        // seconds since the epoch
  std::size_t max_depth = 10;  // certificates in a path, anchor included
};

// The outcome of validation: on success `chain` is the validated path (leaf to anchor); on
// failure it is the path the reported error was found on (possibly partial: leaf and the
// issuers found before the search ran out), for diagnostics.
struct PathResult {
  bool ok = false;
  std::vector<Certificate> chain;
  AlertDescription alert = AlertDescription::certificate_unknown;
  std::string reason;
};

// Builds every path (depth-first, anchors tried before intermediates, no certificate twice) and
// validates each until one passes. When none does, reports the failure of the first path that
// reached an anchor (the most specific one), else unknown_ca.
PathResult check_path(const Certificate& leaf, const std::vector<Certificate>& intermediates,
                      const std::vector<Certificate>& anchors, crypto::Provider& provider,
                      const ValidationOptions& options);

// The same, throwing Error(alert, reason) on failure; returns the chain leaf to anchor.
std::vector<Certificate> validate_path(const Certificate& leaf,
                                       const std::vector<Certificate>& intermediates,
                                       const std::vector<Certificate>& anchors,
                                       crypto::Provider& provider,
                                       const ValidationOptions& options);

// RFC 6125 §6.4 matching of one presented dNSName (or CN) against a reference host name:
// case-insensitive, trailing dot ignored, a wildcard only as the whole left-most label
// ("*.example.com" matches "a.example.com", not "a.b.example.com" nor "example.com") and only
// over at least two further labels.
bool dns_name_matches(const std::string& pattern, const std::string& host);
// Whether the leaf matches `host_name` (DNS name or IP literal): subjectAltName dNSName when
// there is any, else the subject's common names; IP literals only against iPAddress entries.
bool host_name_matches(const Certificate& leaf, const std::string& host_name);
// IPv4 dotted quad or IPv6 text to 4/16 bytes; std::nullopt when `text` is neither.
std::optional<Bytes> parse_ip_address(const std::string& text);

// "2027-01-01T00:00:00Z"
std::string format_time(std::int64_t seconds);

}  // namespace tlslab::pki

// Certification path building and validation (RFC 5280 §6, the parts real deployments use): from
// a leaf through supplied intermediates (any order, extras ignored) to a trust anchor, checking
// signatures under a signature policy, validity against an injected clock, basicConstraints cA
// and pathLenConstraint, keyUsage, extendedKeyUsage, critical extensions, the certificate
// profile (RFC 5280 §4 and the CA/Browser Forum baseline requirements), nameConstraints
// (name_constraints.hpp) and the server's host name (host_name.hpp: subjectAltName only).
//
// Path building is bounded the way Go and webpki bound it: signature checks, issuer candidates
// examined, complete candidate paths and name x subtree comparisons each have a budget
// (ValidationPolicy); running out ends the search with "path-building budget exhausted", so a
// hostile set of intermediates (hundreds of certificates with one subject) costs milliseconds.
//
// Every rejection is a tlslab::Error whose reason names the certificate (subject, RFC 2253) and
// the rule. The alert each rule maps to is modelled on OpenSSL's X509_V_ERR -> TLS alert table
// (ssl/statem/statem_lib.c, ssl_x509err2alert):
//
//   rule                                              alert
//   ------------------------------------------------  ------------------------
//   no path from the leaf to a trust anchor           unknown_ca
//   path longer than max_depth                        unknown_ca
//   path-building budget exhausted                    unknown_ca
//   issuer without basicConstraints cA=TRUE           unknown_ca   (OpenSSL: INVALID_CA)
//   pathLenConstraint exceeded                        unknown_ca   (PATH_LENGTH_EXCEEDED)
//   issuer keyUsage without keyCertSign               bad_certificate
//   signature does not verify                         bad_certificate (OpenSSL: decrypt_error,
//                                                     which is about our own keys in TLS)
//   key type does not fit the signature algorithm     bad_certificate
//   SHA-1 signature, RSA key under 2048 bits          bad_certificate (CA_MD_TOO_WEAK,
//                                                     EE_KEY_TOO_SMALL)
//   notAfter passed / notBefore not reached           certificate_expired (both: RFC 5246
//                                                     §7.2.2 "expired or not currently valid")
//   profile violations (serial, key identifiers,      bad_certificate
//     empty or malformed subjectAltName, ...)
//   unknown critical extension                        unsupported_certificate (RFC 5280 §4.2)
//   unsupported public key or signature algorithm     unsupported_certificate (MD5 included)
//   leaf keyUsage without digitalSignature and
//     without keyEncipherment                         unsupported_certificate (INVALID_PURPOSE)
//   extendedKeyUsage lacks serverAuth/clientAuth
//     (leaf or any CA that has the extension)         unsupported_certificate (INVALID_PURPOSE)
//   nameConstraints violated                          bad_certificate
//   name form constrained but not checkable           unsupported_certificate
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
#include "tlslab/pki/host_name.hpp"
#include "tlslab/pki/identity.hpp"
#include "tlslab/pki/x509.hpp"

namespace tlslab::pki {

// What is acceptable, and how much work a validation may do.
struct ValidationPolicy {
  std::size_t max_depth = 10;  // certificates in a path, anchor included
  // SHA-1 certificate signatures (SHAttered, 2017; CA/B Forum forbade them in 2016): refused
  // unless allowed, for studying and replaying old captures. MD5 is never accepted.
  bool allow_sha1 = false;
  std::size_t min_rsa_bits = 2048;   // NIST SP 800-131A, CA/B Forum BR §6.1.5
  std::size_t max_rsa_bits = 16384;  // a bigger key is a denial of service, not security
  // Budgets. Go and webpki allow 100 signature checks, at some 50 us per P-256 verification;
  // Crypto++ takes about 1.5 ms, so 32 keeps the hostile worst case (a trust anchor's name
  // on many forged CAs, where only signatures can tell) near 50 ms while leaving room for any
  // real cross-signed PKI (a valid path rarely costs more than 5). Name comparisons as Go's and
  // webpki's 250,000.
  std::size_t max_signature_checks = 32;
  std::size_t max_issuer_candidates = 10'000;  // issuer certificates examined
  std::size_t max_candidate_paths = 64;        // complete paths checked
  std::size_t max_name_comparisons = 250'000;  // name x subtree comparisons
};

struct ValidationOptions {
  Purpose purpose = Purpose::any;
  // Server identity to match (RFC 6125): a DNS name, or an IPv4/IPv6 literal (matched only
  // against iPAddress entries). Empty: no name check.
  std::string host_name;
  std::int64_t now = 0;  // seconds since the epoch
  ValidationPolicy policy;
};

// The work a validation did, for diagnostics and benchmarks.
struct PathStats {
  std::size_t signature_checks = 0;
  std::size_t issuer_candidates = 0;
  std::size_t candidate_paths = 0;
  std::size_t name_comparisons = 0;
};

// The outcome of validation: on success `chain` is the validated path (leaf to anchor); on
// failure it is the path the reported error was found on (possibly partial: leaf and the
// issuers found before the search ran out), for diagnostics.
struct PathResult {
  bool ok = false;
  std::vector<Certificate> chain;
  AlertDescription alert = AlertDescription::certificate_unknown;
  std::string reason;
  PathStats stats;
};

// Builds paths depth-first (anchors tried before intermediates, a subject and key at most once
// per path, each signature checked once) and validates each complete one until one passes.
// When none does, reports the failure of the first complete path (the most specific one), else
// the first issuer that failed a signature or policy check, else unknown_ca.
PathResult check_path(const Certificate& leaf, const std::vector<Certificate>& intermediates,
                      const std::vector<Certificate>& anchors, crypto::Provider& provider,
                      const ValidationOptions& options);

// The same, throwing Error(alert, reason) on failure; returns the chain leaf to anchor.
std::vector<Certificate> validate_path(const Certificate& leaf,
                                       const std::vector<Certificate>& intermediates,
                                       const std::vector<Certificate>& anchors,
                                       crypto::Provider& provider,
                                       const ValidationOptions& options);

// "2027-01-01T00:00:00Z"
std::string format_time(std::int64_t seconds);

}  // namespace tlslab::pki

// Server identity (RFC 6125 §6, RFC 9525): whether a certificate is for a host name or an IP
// address. Only the subjectAltName counts: dNSName entries for names, iPAddress entries for IP
// literals. The subject's common name is never consulted — a leaf without a subjectAltName
// matches nothing — as Go (since 1.15), rustls/webpki, browsers and RFC 9525 §6.3 do: a CN is not
// covered by dNSName nameConstraints, so honouring it would let a constrained CA issue for any
// name.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tlslab/bytes.hpp"

namespace tlslab::pki {

class Certificate;

// RFC 6125 §6.4 matching of one presented dNSName against a reference host name:
// case-insensitive, a trailing dot ignored, a wildcard only as the whole left-most label
// ("*.example.com" matches "a.example.com", not "a.b.example.com" nor "example.com"), and never
// over a public suffix: "*.com", "*.co.uk" and "*.kawasaki.jp" match nothing (the ICANN section
// of the Public Suffix List, through libpsl, as browsers refuse wildcards over
// registry-controlled domains).
bool dns_name_matches(const std::string& pattern, const std::string& host);
// Whether the leaf's subjectAltName matches `host_name`: a DNS name against dNSName entries, an
// IPv4/IPv6 literal against iPAddress entries (byte equality). No subjectAltName: false.
bool host_name_matches(const Certificate& leaf, const std::string& host_name);
// RFC 5280 §4.2.1.6 / RFC 1034 §3.5 preferred name syntax (as RFC 1123 §2.1 relaxed it): labels
// of 1..63 letters, digits and hyphens, not starting or ending with a hyphen, at most 253
// characters, no trailing dot. With `allow_wildcard`, the first label may be "*" (only when
// further labels follow). Underscores, spaces, non-ASCII and empty labels are not host names.
bool valid_dns_name(std::string_view name, bool allow_wildcard);
// IPv4 dotted quad or IPv6 text to 4/16 bytes; std::nullopt when `text` is neither.
std::optional<Bytes> parse_ip_address(const std::string& text);
// Whether `domain` (lower case, no trailing dot) is a public suffix in the ICANN section of the
// Public Suffix List ("com", "co.uk"); private-section suffixes such as "github.io" are not.
bool is_public_suffix(const std::string& domain);

}  // namespace tlslab::pki

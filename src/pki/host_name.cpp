// RFC 6125 host name matching against the subjectAltName only (see the header for why not the
// CN), with the Public Suffix List from libpsl for wildcards.
#include "tlslab/pki/host_name.hpp"

#include <arpa/inet.h>
#include <libpsl.h>

#include <algorithm>
#include <cctype>

#include "tlslab/pki/x509.hpp"

namespace tlslab::pki {
namespace {

std::string canonical(std::string s) {
  for (auto& ch : s)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

bool same_bytes(ByteView a, ByteView b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

}  // namespace

bool valid_dns_name(std::string_view name, bool allow_wildcard) {
  if (allow_wildcard && name.substr(0, 2) == "*.") name.remove_prefix(2);
  if (name.empty() || name.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = name.find('.', start);
    const std::string_view label =
        name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (const char c : label) {
      if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '-') return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool is_public_suffix(const std::string& domain) {
  // The list compiled into libpsl (Debian builds it from the publicsuffix package): no file is
  // read at run time, so a verdict does not depend on the machine's copy of the list.
  static const psl_ctx_t* const psl = psl_builtin();
  if (psl == nullptr) return domain.find('.') == std::string::npos;  // no list: TLDs only
  return psl_is_public_suffix2(psl, domain.c_str(), PSL_TYPE_ICANN) != 0;
}

std::optional<Bytes> parse_ip_address(const std::string& text) {
  unsigned char buf[16];
  if (inet_pton(AF_INET, text.c_str(), buf) == 1) return Bytes(buf, buf + 4);
  if (inet_pton(AF_INET6, text.c_str(), buf) == 1) return Bytes(buf, buf + 16);
  return std::nullopt;
}

bool dns_name_matches(const std::string& pattern_in, const std::string& host_in) {
  const std::string pattern = canonical(pattern_in);
  const std::string host = canonical(host_in);
  // A presented name outside the preferred name syntax ("foo_bar", "ba*.x", a bare "*") matches
  // nothing, even itself.
  if (!valid_dns_name(pattern, true) || !valid_dns_name(host, false)) return false;
  if (pattern.rfind("*.", 0) != 0) return pattern == host;
  // RFC 6125 §6.4.3: the wildcard is the whole left-most label and matches exactly one label;
  // the rest has at least two labels and is not a public suffix.
  const std::string rest = pattern.substr(2);  // "example.com"
  if (rest.find('.') == std::string::npos || is_public_suffix(rest)) return false;
  const auto dot = host.find('.');
  return dot != std::string::npos && host.compare(dot + 1, std::string::npos, rest) == 0;
}

bool host_name_matches(const Certificate& leaf, const std::string& host_name) {
  const auto& san = leaf.subject_alt_names();
  if (!san) return false;
  if (const auto ip = parse_ip_address(host_name)) {
    return std::any_of(san->begin(), san->end(), [&](const GeneralName& n) {
      return n.type == GeneralName::Type::ip_address && same_bytes(n.value, *ip);
    });
  }
  return std::any_of(san->begin(), san->end(), [&](const GeneralName& n) {
    return n.type == GeneralName::Type::dns_name &&
           dns_name_matches(std::string(n.text()), host_name);
  });
}

}  // namespace tlslab::pki

// RFC 5280 §4.2.1.10 nameConstraints over every name form; the rules are tabled in the header.
#include "tlslab/pki/name_constraints.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

#include "tlslab/pki/host_name.hpp"
#include "tlslab/pki/x509.hpp"

namespace tlslab::pki {
namespace {

using Type = GeneralName::Type;

enum class Verdict { inside, outside, unchecked };

std::string lower(std::string_view in) {
  std::string s(in);
  for (auto& ch : s)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A presented dNSName, lower case; "*." only as the whole first label.
std::optional<std::string> presented_dns(std::string_view text) {
  if (!valid_dns_name(text, true)) return std::nullopt;
  return lower(text);
}

// A subtree base for DNS names ("" for everything, or "example.com": it and its subdomains) or,
// with `leading_dot`, for URI hosts, where ".example.com" means subdomains only (RFC 5280
// §4.2.1.10). A leading dot is not part of the dNSName constraint syntax and makes it malformed,
// as webpki and pyca/cryptography read it.
struct DnsBase {
  std::string core;  // without the leading dot
  bool subdomains_only = false;
};
std::optional<DnsBase> dns_base(std::string_view text, bool leading_dot) {
  std::string s = lower(text);
  if (s.empty()) return DnsBase{};
  DnsBase b;
  if (leading_dot && s.front() == '.') {
    b.subdomains_only = true;
    s.erase(0, 1);
  }
  if (!valid_dns_name(s, false)) return std::nullopt;
  b.core = std::move(s);
  return b;
}

// Whether `name` ends with "." + `core` (a proper subdomain), without building that string.
bool under(const std::string& name, const std::string& core) {
  return name.size() > core.size() && name[name.size() - core.size() - 1] == '.' &&
         name.compare(name.size() - core.size(), core.size(), core) == 0;
}

bool name_in(const std::string& name, const DnsBase& b) {
  if (b.core.empty() && !b.subdomains_only) return true;
  if (under(name, b.core)) return true;
  return !b.subdomains_only && name == b.core;
}

// Every "L.s" (one label L) inside the subtree: s itself must be the base or under it.
bool all_children_in(const std::string& s, const DnsBase& b) {
  if (b.core.empty() && !b.subdomains_only) return true;
  return s == b.core || under(s, b.core);
}

// Some "L.s" inside the subtree: all of them as above, or the base is itself one "L.s".
bool some_child_in(const std::string& s, const DnsBase& b) {
  if (all_children_in(s, b)) return true;
  if (b.subdomains_only || !under(b.core, s)) return false;
  const std::size_t label = b.core.size() - s.size() - 1;
  return b.core.find('.') >= label;  // one label before s
}

// `name`: presented_dns's result; `base`: dns_base's (both std::nullopt when malformed).
Verdict dns_verdict(const std::optional<std::string>& name, const std::optional<DnsBase>& base,
                    bool excluded) {
  if (!name || !base) return Verdict::unchecked;
  if (name->size() > 2 && (*name)[0] == '*' && (*name)[1] == '.') {
    const std::string s = name->substr(2);
    // Permitted: the whole wildcard space inside; excluded: any of it inside.
    const bool hit = excluded ? some_child_in(s, *base) : all_children_in(s, *base);
    return hit ? Verdict::inside : Verdict::outside;
  }
  return name_in(*name, *base) ? Verdict::inside : Verdict::outside;
}

// iPAddress: the mask must be a prefix (ones then zeros), as every CA writes it; a family
// mismatch is simply outside.
Verdict ip_verdict(ByteView address, ByteView base) {
  const std::size_t n = base.size() / 2;
  bool zero_seen = false;
  for (std::size_t i = 0; i < n; ++i) {
    for (int bit = 7; bit >= 0; --bit) {
      const bool one = ((base[n + i] >> bit) & 1) != 0;
      if (one && zero_seen) return Verdict::unchecked;
      if (!one) zero_seen = true;
    }
  }
  if (address.size() != n) return Verdict::outside;
  for (std::size_t i = 0; i < n; ++i) {
    if ((address[i] & base[n + i]) != (base[i] & base[n + i])) return Verdict::outside;
  }
  return Verdict::inside;
}

// rfc822Name "local@domain": exactly one '@', both sides non-empty (quoted local parts with an
// '@' are not supported and so cannot be checked).
Verdict email_verdict(std::string_view name, std::string_view base_text) {
  const auto at = name.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == name.size() ||
      name.find('@', at + 1) != std::string_view::npos) {
    return Verdict::unchecked;
  }
  const std::string_view local = name.substr(0, at);
  const std::string domain = lower(name.substr(at + 1));
  if (base_text.empty()) return Verdict::inside;
  if (const auto base_at = base_text.find('@'); base_at != std::string_view::npos) {
    // A mailbox: the local part exactly, the domain case-insensitively.
    if (base_text.find('@', base_at + 1) != std::string_view::npos) return Verdict::unchecked;
    return local == base_text.substr(0, base_at) && domain == lower(base_text.substr(base_at + 1))
               ? Verdict::inside
               : Verdict::outside;
  }
  const std::string base = lower(base_text);
  if (base.front() == '.') return ends_with(domain, base) ? Verdict::inside : Verdict::outside;
  return domain == base ? Verdict::inside : Verdict::outside;
}

// The host of a URI with an authority (RFC 3986 §3.2): "scheme://[userinfo@]host[:port]...".
// std::nullopt when there is none, or when it is an IP literal (no DNS name to constrain).
std::optional<std::string> uri_host(std::string_view uri) {
  const auto colon = uri.find(':');
  if (colon == std::string_view::npos || colon == 0 ||
      !std::isalpha(static_cast<unsigned char>(uri[0]))) {
    return std::nullopt;
  }
  if (uri.substr(colon + 1, 2) != "//") return std::nullopt;
  std::string_view authority = uri.substr(colon + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  if (authority.empty() || authority.front() == '[') return std::nullopt;
  if (const auto port = authority.rfind(':'); port != std::string_view::npos) {
    const std::string_view digits = authority.substr(port + 1);
    if (!std::all_of(digits.begin(), digits.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
      return std::nullopt;
    }
    authority = authority.substr(0, port);
  }
  std::string host = lower(authority);
  if (!valid_dns_name(host, false)) return std::nullopt;
  if (std::all_of(host.begin(), host.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.';
      })) {
    return std::nullopt;  // an IPv4 literal
  }
  return host;
}

Verdict uri_verdict(const std::optional<std::string>& host, const std::optional<DnsBase>& base) {
  if (!host || !base) return Verdict::unchecked;
  if (base->core.empty()) return Verdict::inside;
  // "host" names that host only; ".example.com" any host under it.
  if (base->subdomains_only) {
    return under(*host, base->core) ? Verdict::inside : Verdict::outside;
  }
  return *host == base->core ? Verdict::inside : Verdict::outside;
}

// RFC 5280 §7.1 comparison, simplified as OpenSSL's canonical form: string values compared
// after ASCII case folding and collapsing runs of white space, trimmed; others byte for byte.
std::string fold(const AttributeTypeAndValue& a) {
  std::string out;
  bool space = false;
  for (const char c : a.text()) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool same_value(const AttributeTypeAndValue& a, const AttributeTypeAndValue& b) {
  if (!(a.type == b.type)) return false;
  if (a.is_string() && b.is_string()) return fold(a) == fold(b);
  return std::equal(a.value_der.begin(), a.value_der.end(), b.value_der.begin(), b.value_der.end());
}

// Whether the base's RDNs are the first RDNs of the name (each RDN the same set of values).
bool dn_within(const DistinguishedName& name, const DistinguishedName& base) {
  if (base.rdn_count > name.rdn_count) return false;
  for (std::size_t rdn = 0; rdn < base.rdn_count; ++rdn) {
    std::size_t base_values = 0;
    std::size_t name_values = 0;
    for (const auto& b : base.attributes) {
      if (b.rdn != rdn) continue;
      ++base_values;
      const bool found =
          std::any_of(name.attributes.begin(), name.attributes.end(),
                      [&](const auto& n) { return n.rdn == rdn && same_value(n, b); });
      if (!found) return false;
    }
    for (const auto& n : name.attributes)
      name_values += n.rdn == rdn ? 1 : 0;
    if (base_values != name_values) return false;
  }
  return true;
}

// One name of the subordinate, in the form the constraints are written in, normalised once.
struct PresentedName {
  Type type = Type::dns_name;
  std::string_view text;
  ByteView bytes;
  const DistinguishedName* dn = nullptr;
  std::optional<std::string> host;  // dNSName: presented_dns; URI: uri_host
  // For the message, made only when one is needed.
  const GeneralName* general = nullptr;
  const AttributeTypeAndValue* attribute = nullptr;

  std::string label(const Certificate& c) const {
    if (general != nullptr) return "subjectAltName " + general->to_string();
    if (attribute != nullptr) return "subject emailAddress " + attribute->text();
    return "subject \"" + c.subject().rfc2253() + "\"";
  }
};

// A subtree with its base parsed once for the form that needs it.
struct PreparedSubtree {
  const GeneralSubtree* subtree;
  std::optional<DnsBase> host_base;  // dNSName and URI bases
};

std::vector<PreparedSubtree> prepare(const std::vector<GeneralSubtree>& list) {
  std::vector<PreparedSubtree> out;
  out.reserve(list.size());
  for (const auto& s : list) {
    PreparedSubtree p{&s, std::nullopt};
    if (s.base.type == Type::dns_name) p.host_base = dns_base(s.base.text(), false);
    if (s.base.type == Type::uri) p.host_base = dns_base(s.base.text(), true);
    out.push_back(std::move(p));
  }
  return out;
}

Verdict verdict(const PresentedName& name, const PreparedSubtree& prepared, bool excluded) {
  const GeneralSubtree& subtree = *prepared.subtree;
  // §4.2.1.10: minimum MUST be zero and maximum absent; other values have no defined meaning.
  if (subtree.minimum != 0 || subtree.maximum) return Verdict::unchecked;
  const GeneralName& base = subtree.base;
  switch (name.type) {
    case Type::dns_name:
      return dns_verdict(name.host, prepared.host_base, excluded);
    case Type::ip_address:
      return ip_verdict(name.bytes, base.value);
    case Type::rfc822_name:
      return email_verdict(name.text, base.text());
    case Type::uri:
      return uri_verdict(name.host, prepared.host_base);
    case Type::directory_name:
      return dn_within(*name.dn, *base.directory_name) ? Verdict::inside : Verdict::outside;
    default:
      return Verdict::unchecked;
  }
}

std::vector<PresentedName> names_of(const Certificate& c) {
  std::vector<PresentedName> names;
  if (!c.subject().empty()) {
    PresentedName n;
    n.type = Type::directory_name;
    n.dn = &c.subject();
    names.push_back(std::move(n));
  }
  // §4.2.1.10: rfc822Name constraints apply to emailAddress attributes of the subject (the RFC
  // requires it when there is no subjectAltName; always doing it closes the same bypass).
  for (const auto& a : c.subject().attributes) {
    if (a.type.id() != OidId::email_address || !a.is_string()) continue;
    PresentedName n;
    n.type = Type::rfc822_name;
    n.text = std::string_view(reinterpret_cast<const char*>(a.value.data()), a.value.size());
    n.attribute = &a;
    names.push_back(std::move(n));
  }
  if (c.subject_alt_names()) {
    for (const auto& g : *c.subject_alt_names()) {
      PresentedName n;
      n.type = g.type;
      n.text = g.text();
      n.bytes = g.value;
      n.general = &g;
      if (g.type == Type::directory_name) n.dn = &*g.directory_name;
      if (g.type == Type::dns_name) n.host = presented_dns(g.text());
      if (g.type == Type::uri) n.host = uri_host(g.text());
      names.push_back(std::move(n));
    }
  }
  return names;
}

std::string base_text(const GeneralSubtree& s) {
  return s.base.to_string(true);
}

}  // namespace

bool dns_name_within(const std::string& name, const std::string& base) {
  return name.rfind("*.", 0) != 0 &&
         dns_verdict(presented_dns(name), dns_base(base, false), false) == Verdict::inside;
}

bool wildcard_within(const std::string& wildcard, const std::string& base) {
  return wildcard.rfind("*.", 0) == 0 &&
         dns_verdict(presented_dns(wildcard), dns_base(base, false), false) == Verdict::inside;
}

bool wildcard_meets(const std::string& wildcard, const std::string& base) {
  return wildcard.rfind("*.", 0) == 0 &&
         dns_verdict(presented_dns(wildcard), dns_base(base, false), true) == Verdict::inside;
}

std::optional<NameConstraintViolation> check_name_constraints(const NameConstraints& nc,
                                                              const Certificate& subordinate,
                                                              std::size_t& comparisons_left) {
  const auto spend = [&]() {
    if (comparisons_left == 0) return false;
    --comparisons_left;
    return true;
  };
  const auto exhausted = [] {
    return NameConstraintViolation{AlertDescription::bad_certificate,
                                   "name-constraint budget exhausted (too many name x subtree "
                                   "comparisons)",
                                   true};
  };
  const std::vector<PreparedSubtree> permitted = prepare(nc.permitted);
  const std::vector<PreparedSubtree> excluded = prepare(nc.excluded);
  for (const auto& name : names_of(subordinate)) {
    const auto of_form = [&](const PreparedSubtree& s) {
      return s.subtree->base.type == name.type;
    };
    const bool has_permitted = std::any_of(permitted.begin(), permitted.end(), of_form);
    const bool has_excluded = std::any_of(excluded.begin(), excluded.end(), of_form);
    if (!has_permitted && !has_excluded) continue;
    for (const auto& s : excluded) {
      if (!of_form(s)) continue;
      if (!spend()) return exhausted();
      switch (verdict(name, s, true)) {
        case Verdict::inside:
          return NameConstraintViolation{AlertDescription::bad_certificate,
                                         name.label(subordinate) + " is in an excluded subtree (" +
                                             base_text(*s.subtree) + ")"};
        case Verdict::unchecked:
          return NameConstraintViolation{AlertDescription::unsupported_certificate,
                                         name.label(subordinate) +
                                             " cannot be checked against the excluded subtree " +
                                             base_text(*s.subtree)};
        case Verdict::outside:
          break;
      }
    }
    if (!has_permitted) continue;
    bool inside = false;
    for (const auto& s : permitted) {
      if (!of_form(s)) continue;
      if (!spend()) return exhausted();
      const Verdict v = verdict(name, s, false);
      if (v == Verdict::unchecked) {
        return NameConstraintViolation{AlertDescription::unsupported_certificate,
                                       name.label(subordinate) +
                                           " cannot be checked against the permitted subtree " +
                                           base_text(*s.subtree)};
      }
      if (v == Verdict::inside) {
        inside = true;
        break;
      }
    }
    if (!inside) {
      return NameConstraintViolation{
          AlertDescription::bad_certificate,
          name.label(subordinate) + " is outside the permitted subtrees"};
    }
  }
  return std::nullopt;
}

}  // namespace tlslab::pki

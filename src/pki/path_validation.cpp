// RFC 5280 §6 path building and validation under budgets. The alert table is in the header; the
// certificate profile rules are profile_checks.cpp, nameConstraints name_constraints.cpp, host
// names host_name.cpp.
#include "tlslab/pki/path_validation.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>
#include <utility>

#include "src/pki/profile_checks.hpp"
#include "tlslab/error.hpp"
#include "tlslab/pki/name_constraints.hpp"

namespace tlslab::pki {
namespace {

using detail::Failure;
using detail::who;

bool same_bytes(ByteView a, ByteView b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

bool same_der(const Certificate& a, const Certificate& b) {
  return same_bytes(a.der(), b.der());
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

const char* purpose_name(Purpose p) {
  return p == Purpose::server_auth ? "serverAuth" : "clientAuth";
}

std::optional<Failure> check_validity(const Certificate& c, std::int64_t now) {
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

// RFC 5280 §4.2.1.12 as the CA/B Forum and OpenSSL read it: a CA's extendedKeyUsage limits
// what it may vouch for, so every certificate of the path that has the extension must allow the
// purpose. In a CA, anyExtendedKeyUsage allows every purpose; in the leaf it does not stand in
// for serverAuth/clientAuth (OpenSSL's check_purpose_ssl_*; CA/B Forum BR §7.1.2.7.10 forbids it
// in subscriber certificates), the leaf must name the purpose.
std::optional<Failure> check_eku(const Certificate& c, Purpose purpose, bool leaf) {
  if (purpose == Purpose::any || !c.extended_key_usage()) return std::nullopt;
  const auto& eku = *c.extended_key_usage();
  const OidId wanted =
      purpose == Purpose::server_auth ? OidId::kp_server_auth : OidId::kp_client_auth;
  if (eku.has(wanted) || (!leaf && eku.has(OidId::any_extended_key_usage))) return std::nullopt;
  return Failure{AlertDescription::unsupported_certificate,
                 who(c) + ": extendedKeyUsage (" + eku.to_string() + ") lacks " +
                     purpose_name(purpose) +
                     (leaf ? (eku.has(OidId::any_extended_key_usage)
                                  ? " (anyExtendedKeyUsage does not stand in for it in an "
                                    "end-entity certificate)"
                                  : "")
                           : " (a CA's extendedKeyUsage constrains the certificates below it)") +
                     " (RFC 5280 §4.2.1.12)"};
}

// The public key policy, for every key of the path (the anchor's verifies a signature too).
std::optional<Failure> check_key_policy(const Certificate& c, const ValidationPolicy& p) {
  const auto& spki = c.public_key();
  if (!spki.key) {
    return Failure{AlertDescription::unsupported_certificate,
                   who(c) + ": unsupported public key: " + spki.unsupported_reason};
  }
  if (key_type(*spki.key) == crypto::KeyType::rsa) {
    const std::size_t bits = spki.bits();
    if (bits < p.min_rsa_bits) {
      return Failure{AlertDescription::bad_certificate,
                     who(c) + ": RSA key of " + std::to_string(bits) + " bits, under the " +
                         std::to_string(p.min_rsa_bits) +
                         " the policy requires (NIST SP 800-131A; CA/B Forum BR §6.1.5)"};
    }
    if (bits % 8 != 0) {
      return Failure{AlertDescription::bad_certificate,
                     who(c) + ": RSA modulus of " + std::to_string(bits) +
                         " bits, not a whole number of octets (CA/B Forum BR §6.1.5)"};
    }
    if (bits > p.max_rsa_bits) {
      return Failure{AlertDescription::bad_certificate,
                     who(c) + ": RSA key of " + std::to_string(bits) + " bits, over the " +
                         std::to_string(p.max_rsa_bits) + " tlslab verifies"};
    }
  }
  return std::nullopt;
}

// The signature algorithm policy of a certificate below the anchor.
std::optional<Failure> check_signature_policy(const Certificate& c, const ValidationPolicy& p) {
  const auto& alg = c.signature_algorithm();
  if (alg.kind == SignatureAlgorithm::Kind::unsupported) {
    return Failure{AlertDescription::unsupported_certificate,
                   who(c) + ": signature algorithm " + alg.name() + " is not accepted (" +
                       alg.unsupported_reason + ")"};
  }
  // The message digest is what collisions attack; RSASSA-PSS's MGF1 hash only needs to be a
  // good mask generator, so MGF1-SHA-1 is not refused.
  const bool sha1 =
      alg.kind != SignatureAlgorithm::Kind::ed25519 && alg.hash == crypto::HashAlgorithm::sha1;
  if (sha1 && !p.allow_sha1) {
    return Failure{AlertDescription::bad_certificate,
                   who(c) + ": signed with SHA-1 (" + alg.name() +
                       "), refused since SHA-1 collisions are practical (CA/B Forum BR §7.1.3.2; "
                       "--allow-sha1 accepts it for old captures)"};
  }
  return std::nullopt;
}

// The checks on one complete path (leaf first, anchor last) other than the signatures, which
// path building checked edge by edge.
struct PathChecker {
  const ValidationOptions& o;
  std::size_t& name_comparisons_left;
  bool name_budget_exhausted = false;

  std::optional<Failure> check(const std::vector<Certificate>& path) {
    const Certificate& leaf = path.front();
    for (std::size_t i = 0; i < path.size(); ++i) {
      const Certificate& c = path[i];
      if (!c.unhandled_critical_extensions().empty()) {
        return Failure{AlertDescription::unsupported_certificate,
                       who(c) + ": unhandled critical extension " +
                           c.unhandled_critical_extensions().front().display_name() +
                           " (RFC 5280 §4.2: the certificate must be rejected)"};
      }
      if (auto f = check_validity(c, o.now)) return f;
      // Every issuer, the anchor included (webpki and pyca/cryptography check anchors as
      // certificates; OpenSSL applies their basicConstraints too), must be a CA.
      const auto& bc = c.basic_constraints();
      if (i > 0 && !(bc && bc->ca)) {
        return Failure{AlertDescription::unknown_ca,
                       who(c) + ": issues " + who(path[i - 1]) +
                           " but is not a CA (basicConstraints cA is not TRUE; RFC 5280 §6.1.4 "
                           "(k))"};
      }
    }
    for (std::size_t i = 0; i < path.size(); ++i) {
      const bool anchor = i + 1 == path.size() && path.size() > 1;
      const auto role = i == 0   ? detail::Role::leaf
                        : anchor ? detail::Role::anchor
                                 : detail::Role::intermediate;
      if (auto f = detail::check_profile(path[i], role)) return f;
      if (auto f = check_key_policy(path[i], o.policy)) return f;
    }
    std::size_t non_self_issued_below = 0;  // intermediates between the leaf and path[i]
    for (std::size_t i = 1; i < path.size(); ++i) {
      const Certificate& ca = path[i];
      const auto& bc = ca.basic_constraints();
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
      if (ca.name_constraints()) {
        for (std::size_t j = 0; j < i; ++j) {
          if (j != 0 && path[j].self_issued()) continue;
          const auto v =
              check_name_constraints(*ca.name_constraints(), path[j], name_comparisons_left);
          if (!v) continue;
          if (v->budget_exhausted) name_budget_exhausted = true;
          return Failure{v->alert, who(path[j]) + ": " + v->problem +
                                       " of the nameConstraints of " + who(ca) +
                                       " (RFC 5280 §4.2.1.10)"};
        }
      }
      if (!ca.self_issued()) ++non_self_issued_below;
    }
    return check_leaf(leaf);
  }

  std::optional<Failure> check_leaf(const Certificate& leaf) {
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
    if (o.host_name.empty() || host_name_matches(leaf, o.host_name)) return std::nullopt;
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
                       (presented.empty() ? "no DNS/IP subjectAltName; the subject's CN is never "
                                            "used"
                                          : presented) +
                       "; RFC 6125 §6)"};
  }
};

// Depth-first path building with budgets.
class Builder {
 public:
  Builder(const Certificate& leaf, const std::vector<Certificate>& intermediates,
          const std::vector<Certificate>& anchors, crypto::Provider& provider,
          const ValidationOptions& options)
      : anchors_(anchors),
        provider_(provider),
        o_(options),
        name_comparisons_left_(options.policy.max_name_comparisons),
        checker_{options, name_comparisons_left_} {
    // Intermediates once each, none that is also an anchor (it would be tried twice).
    for (const auto& c : intermediates) {
      const auto same = [&](const Certificate& x) { return same_der(x, c); };
      if (std::any_of(anchors.begin(), anchors.end(), same) ||
          std::any_of(intermediates_.begin(), intermediates_.end(), same)) {
        continue;
      }
      intermediates_.push_back(c);
    }
    compute_distances();
    path_.push_back(leaf);
  }

  PathResult run() {
    extend();
    PathResult r;
    r.stats = stats_;
    r.stats.name_comparisons = o_.policy.max_name_comparisons - name_comparisons_left_;
    if (success_) {
      r.ok = true;
      r.chain = std::move(*success_);
      return r;
    }
    if (budget_exhausted_) {
      r.alert = AlertDescription::unknown_ca;
      r.chain = longest_partial_;
      r.reason = who(path_.front()) + ": path-building budget exhausted (" + *budget_exhausted_ +
                 ") after " + std::to_string(stats_.signature_checks) + " signature checks, " +
                 std::to_string(stats_.issuer_candidates) + " issuer candidates and " +
                 std::to_string(stats_.candidate_paths) +
                 " complete paths, without a valid path to a trust anchor" +
                 (first_failure_ ? "; first failure: " + first_failure_->reason : std::string());
      return r;
    }
    if (first_failure_) {
      r.alert = first_failure_->alert;
      r.reason = first_failure_->reason;
      r.chain = first_failure_chain_;
      return r;
    }
    if (edge_failure_) {
      r.alert = edge_failure_->alert;
      r.reason = edge_failure_->reason;
      r.chain = edge_failure_chain_;
      return r;
    }
    r.alert = AlertDescription::unknown_ca;
    const Certificate& leaf = path_.front();
    if (too_deep_) {
      r.chain = longest_partial_;
      r.reason = who(leaf) + ": no path to a trust anchor within " +
                 std::to_string(o_.policy.max_depth) + " certificates";
      return r;
    }
    // Where the names lead (the search itself may have pruned earlier): the certificate whose
    // issuer is missing, for a message that names what to supply.
    r.chain = dead_end_ ? name_trail() : longest_partial_;
    const Certificate& top = r.chain.back();
    const bool issuer_supplied = std::any_of(
        intermediates_.begin(), intermediates_.end(),
        [&](const Certificate& c) { return same_bytes(c.subject().der, top.issuer().der); });
    if (issuer_supplied) {
      r.reason = who(top) + ": issuer \"" + top.issuer().rfc2253() +
                 "\" is not a trust anchor, and no chain of the supplied intermediates leads from "
                 "it to one" +
                 (r.chain.size() > 1 ? " (chain built from " + who(leaf) + ")" : std::string()) +
                 " (RFC 5280 §6.1)";
    } else {
      r.reason = who(top) + ": issuer \"" + top.issuer().rfc2253() +
                 "\" is neither a trust anchor nor among the supplied intermediates" +
                 (r.chain.size() > 1 ? " (chain built from " + who(leaf) + ")" : std::string()) +
                 " (RFC 5280 §6.1)";
    }
    return r;
  }

 private:
  static std::string_view name_key(const DistinguishedName& n) {
    return {reinterpret_cast<const char*>(n.der.data()), n.der.size()};
  }

  // How many more certificates a certificate issued by `name` needs to reach an anchor, by
  // names alone (RFC 4158 §3.5's "unreachable" pruning, a breadth-first search from the
  // anchors): 1 when an anchor has that subject. Names with no entry lead to no anchor, so no
  // signature is spent on them — the pathological sets of hundreds of unanchored CAs cost no
  // cryptography at all.
  void compute_distances() {
    std::multimap<std::string_view, std::size_t> issued_by;  // issuer name -> intermediates
    for (std::size_t i = 0; i < intermediates_.size(); ++i)
      issued_by.emplace(name_key(intermediates_[i].issuer()), i);
    std::vector<std::string_view> queue;
    for (const auto& a : anchors_) {
      if (distance_.emplace(name_key(a.subject()), 1).second)
        queue.push_back(name_key(a.subject()));
    }
    for (std::size_t next = 0; next < queue.size(); ++next) {
      const std::size_t d = distance_.at(queue[next]);
      const auto range = issued_by.equal_range(queue[next]);
      for (auto it = range.first; it != range.second; ++it) {
        const auto subject = name_key(intermediates_[it->second].subject());
        if (distance_.emplace(subject, d + 1).second) queue.push_back(subject);
      }
    }
  }

  // From the leaf, each time the first intermediate named as the issuer (no name twice, at
  // most max_depth certificates): no signature is checked, this only explains a failure.
  std::vector<Certificate> name_trail() const {
    std::vector<Certificate> trail{path_.front()};
    std::set<std::string_view> seen{name_key(path_.front().subject())};
    while (trail.size() < o_.policy.max_depth) {
      const Certificate& top = trail.back();
      const auto next =
          std::find_if(intermediates_.begin(), intermediates_.end(), [&](const Certificate& c) {
            return may_issue(c, top) && !seen.count(name_key(c.subject()));
          });
      if (next == intermediates_.end()) break;
      seen.insert(name_key(next->subject()));
      trail.push_back(*next);
    }
    return trail;
  }

  bool stopped() const { return success_ || budget_exhausted_; }

  bool is_anchor(const Certificate& c) const {
    return std::any_of(anchors_.begin(), anchors_.end(),
                       [&](const Certificate& a) { return same_der(a, c); });
  }

  // RFC 4158 §5.2 loop detection: a subject and key already in the path adds nothing (it is
  // how re-issued or cross-signed copies of one CA make cycles).
  bool in_path(const Certificate& c) const {
    return std::any_of(path_.begin(), path_.end(), [&](const Certificate& p) {
      return same_bytes(p.subject().der, c.subject().der) &&
             same_bytes(p.public_key().der, c.public_key().der);
    });
  }

  void exhaust(std::string what) {
    if (!budget_exhausted_) budget_exhausted_ = std::move(what);
  }

  // The edge child <- issuer: signature policy, the issuer's key policy, the signature itself.
  // Checked once per pair; a failure is remembered for the report.
  std::optional<Failure> edge(const Certificate& child, const Certificate& issuer) {
    // By the issuer's key, not its certificate: re-issued copies of a CA share the result.
    const ByteView spki = issuer.public_key().der;
    const auto key =
        std::make_pair(child.der().data(),
                       std::string_view(reinterpret_cast<const char*>(spki.data()), spki.size()));
    if (const auto it = edges_.find(key); it != edges_.end()) return it->second;
    std::optional<Failure> f = check_signature_policy(child, o_.policy);
    if (!f) f = check_key_policy(issuer, o_.policy);
    if (!f) {
      if (stats_.signature_checks >= o_.policy.max_signature_checks) {
        exhaust(std::to_string(o_.policy.max_signature_checks) + " signature checks");
        return Failure{AlertDescription::unknown_ca, "budget"};
      }
      ++stats_.signature_checks;
      f = verify(child, issuer);
    }
    edges_.emplace(key, f);
    return f;
  }

  std::optional<Failure> verify(const Certificate& c, const Certificate& issuer) {
    try {
      const auto key = provider_.import_public_key(*issuer.public_key().key);
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

  void complete() {
    if (stats_.candidate_paths >= o_.policy.max_candidate_paths) {
      exhaust(std::to_string(o_.policy.max_candidate_paths) + " complete paths");
      return;
    }
    ++stats_.candidate_paths;
    if (auto f = checker_.check(path_)) {
      if (checker_.name_budget_exhausted) {
        exhaust(std::to_string(o_.policy.max_name_comparisons) + " name comparisons");
      }
      if (!first_failure_) {
        first_failure_ = std::move(f);
        first_failure_chain_ = path_;
      }
    } else {
      success_ = path_;
    }
  }

  // Tries `issuer` as the next certificate; returns true to stop the search.
  bool try_issuer(const Certificate& issuer, bool anchor) {
    const Certificate& top = path_.back();
    if (!may_issue(issuer, top) || (!anchor && in_path(issuer))) return false;
    if (!anchor) {
      const auto d = distance_.find(name_key(issuer.issuer()));
      if (d == distance_.end()) {
        dead_end_ = true;
        return false;
      }
      if (path_.size() + 1 + d->second > o_.policy.max_depth) {
        too_deep_ = true;
        return false;
      }
    }
    if (stats_.issuer_candidates >= o_.policy.max_issuer_candidates) {
      exhaust(std::to_string(o_.policy.max_issuer_candidates) + " issuer candidates");
      return true;
    }
    ++stats_.issuer_candidates;
    if (auto f = edge(top, issuer)) {
      if (!stopped() && !edge_failure_) {
        edge_failure_ = std::move(f);
        edge_failure_chain_ = path_;
        edge_failure_chain_.push_back(issuer);
      }
      return stopped();
    }
    path_.push_back(issuer);
    if (anchor) {
      complete();
    } else {
      extend();
    }
    path_.pop_back();
    return stopped();
  }

  void extend() {
    if (path_.size() > longest_partial_.size()) longest_partial_ = path_;
    // The certificate itself is trusted (a pinned leaf, or an intermediate that is an anchor).
    if (is_anchor(path_.back())) {
      complete();
      return;
    }
    if (path_.size() >= o_.policy.max_depth) {
      too_deep_ = true;
      return;
    }
    // Copies share the DER, so the loops below may push_back onto path_ safely.
    for (const auto& a : anchors_) {
      if (try_issuer(a, true)) return;
    }
    for (const auto& c : intermediates_) {
      if (try_issuer(c, false)) return;
    }
  }

  const std::vector<Certificate>& anchors_;
  std::vector<Certificate> intermediates_;
  crypto::Provider& provider_;
  const ValidationOptions& o_;
  std::size_t name_comparisons_left_;
  PathChecker checker_;
  std::vector<Certificate> path_;
  std::map<std::pair<const std::uint8_t*, std::string_view>, std::optional<Failure>> edges_;
  std::map<std::string_view, std::size_t> distance_;
  PathStats stats_;
  std::optional<std::vector<Certificate>> success_;
  std::optional<std::string> budget_exhausted_;
  std::optional<Failure> first_failure_;
  std::vector<Certificate> first_failure_chain_;
  std::optional<Failure> edge_failure_;
  std::vector<Certificate> edge_failure_chain_;
  std::vector<Certificate> longest_partial_;
  bool too_deep_ = false;
  bool dead_end_ = false;  // an issuer by name that leads to no anchor
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

PathResult check_path(const Certificate& leaf, const std::vector<Certificate>& intermediates,
                      const std::vector<Certificate>& anchors, crypto::Provider& provider,
                      const ValidationOptions& options) {
  return Builder(leaf, intermediates, anchors, provider, options).run();
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

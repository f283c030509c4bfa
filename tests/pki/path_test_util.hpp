// Chains issued in memory for the path validation tests: a root, intermediates and leaves made
// with pki::issue_certificate from a template that follows the common profile (EC P-256,
// SHA-256, SKI/AKI, serverAuth leaf for localhost, *.example.com and 127.0.0.1).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "path_der.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/pki/builder.hpp"
#include "tlslab/pki/path_validation.hpp"
#include "tlslab/pki/x509.hpp"

namespace tlslab::test::path {

using namespace tlslab::pki;

constexpr std::int64_t kNow = 1798761600;  // 2027-01-01T00:00:00Z
constexpr std::int64_t kDay = 86400;

inline std::shared_ptr<crypto::Provider> provider() {
  static std::shared_ptr<crypto::Provider> p = crypto::make_default_provider();
  return p;
}

inline CertificateTemplate tmpl(const std::string& cn, bool ca) {
  CertificateTemplate t;
  t.subject = {{OidId::organization_name, "tlslab path"}, {OidId::common_name, cn}};
  t.not_before = kNow - kDay;
  t.not_after = kNow + 30 * kDay;
  t.ca = ca;
  if (!ca) {
    t.extended_key_usage = {OidId::kp_server_auth};
    t.dns_names = {"localhost", "*.example.com"};
    t.ip_addresses = {{127, 0, 0, 1}};
  }
  return t;
}

// A certificate and the key that signs for it.
struct Node {
  std::shared_ptr<const crypto::PrivateKey> key;
  Bytes der;
  Certificate cert() const { return Certificate::parse(der); }
};

inline Node root(const std::string& cn = "root", std::optional<unsigned> path_len = std::nullopt) {
  Node n;
  n.key = provider()->generate_private_key(crypto::KeyType::ec_p256);
  auto t = tmpl(cn, true);
  t.path_len = path_len;
  n.der = issue_certificate(*provider(), t, n.key->public_key().material(), *n.key);
  return n;
}

inline Node issue(const Node& issuer, const CertificateTemplate& t,
                  std::shared_ptr<const crypto::PrivateKey> key = nullptr) {
  Node n;
  n.key = key ? key : provider()->generate_private_key(crypto::KeyType::ec_p256);
  n.der =
      issue_certificate(*provider(), t, n.key->public_key().material(), *issuer.key, issuer.der);
  return n;
}

inline ValidationOptions server(const std::string& host = "localhost", std::int64_t now = kNow) {
  ValidationOptions o;
  o.purpose = Purpose::server_auth;
  o.host_name = host;
  o.now = now;
  return o;
}

inline std::vector<Certificate> certs(const std::vector<const Node*>& nodes) {
  std::vector<Certificate> out;
  for (const auto* n : nodes)
    out.push_back(n->cert());
  return out;
}

inline std::vector<Certificate> validate(const Node& leaf, const std::vector<const Node*>& inter,
                                         const Node& anchor, const ValidationOptions& o) {
  return validate_path(leaf.cert(), certs(inter), certs({&anchor}), *provider(), o);
}

// root -> inter -> leaf
struct Chain {
  Node root = path::root();
  Node inter = issue(root, tmpl("inter", true));
  Node leaf = issue(inter, tmpl("leaf", false));
};

}  // namespace tlslab::test::path

namespace tlslab::test::path {

// Go's TestPathologicalChains shapes (x509-limbo's pathological-chain-*): `count` CAs, the first
// self-signed, each issuing the next, with no key identifiers (so only names guide the search),
// and a leaf under the last; no anchor among them. `same_subject`: every CA is
// "CN=Pathological CA" (all self-issued); `same_key`: one key signs for all of them.
struct Pathological {
  std::vector<Node> cas;
  Node leaf;
};

inline Pathological pathological_chain(std::size_t count, bool same_subject, bool same_key) {
  Pathological p;
  const auto shared = provider()->generate_private_key(crypto::KeyType::ec_p256);
  const auto key = [&] {
    return same_key ? shared : provider()->generate_private_key(crypto::KeyType::ec_p256);
  };
  for (std::size_t i = 0; i < count; ++i) {
    auto t = tmpl(same_subject ? "Pathological CA" : "Pathological CA #" + std::to_string(i), true);
    t.omit_extensions = {OidId::subject_key_identifier, OidId::authority_key_identifier};
    t.serial = {static_cast<std::uint8_t>(i + 1)};
    if (i == 0) {
      Node n;
      n.key = key();
      n.der = issue_certificate(*provider(), t, n.key->public_key().material(), *n.key);
      p.cas.push_back(std::move(n));
    } else {
      p.cas.push_back(issue(p.cas.back(), t, key()));
    }
  }
  auto lt = tmpl("leaf", false);
  lt.omit_extensions = {OidId::authority_key_identifier};
  p.leaf = issue(p.cas.back(), lt);
  return p;
}

}  // namespace tlslab::test::path

namespace tlslab::test::path {

// x509-limbo's nc-dos shape: a root, a CA permitting t0.test..t<n-1>.test and excluding
// x0.test..x<n-1>.test, and a leaf with the names t0.test..t<n-1>.test (about 1.5 n^2 name x
// subtree comparisons when nothing bounds them).
struct WideConstraints {
  Node root;
  Node ca;
  Node leaf;
};

inline WideConstraints wide_constraints(int n) {
  std::vector<Bytes> permitted, excluded;
  std::vector<std::string> names;
  for (int i = 0; i < n; ++i) {
    permitted.push_back(gn_dns("t" + std::to_string(i) + ".test"));
    excluded.push_back(gn_dns("x" + std::to_string(i) + ".test"));
    names.push_back("t" + std::to_string(i) + ".test");
  }
  WideConstraints w;
  w.root = root("nc root");
  auto ct = tmpl("nc inter", true);
  ct.extra_extensions.push_back(nc_extension(permitted, excluded));
  w.ca = issue(w.root, ct);
  auto lt = tmpl("leaf", false);
  lt.dns_names = names;
  lt.ip_addresses.clear();
  w.leaf = issue(w.ca, lt);
  return w;
}

}  // namespace tlslab::test::path

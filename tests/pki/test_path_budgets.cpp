// Path building under budgets (issue 13 item 3): hostile intermediate sets end with a clear
// error after a bounded amount of work, counted exactly (the work, not the time: benchmarks in
// bench/bench_path.cpp measure that), and real alternatives are still found within the budget.
#include <string>
#include <vector>

#include "../test_util.hpp"
#include "path_der.hpp"
#include "path_test_util.hpp"

using namespace tlslab;
using namespace tlslab::pki;
using namespace tlslab::test::path;

namespace {

std::vector<Certificate> all(const std::vector<Node>& nodes) {
  std::vector<Certificate> out;
  for (const auto& n : nodes)
    out.push_back(n.cert());
  return out;
}

}  // namespace

TEST_CASE("pathological chains of 100 CAs, unanchored: pruned by names, no signature checked") {
  const Node unrelated = root("unrelated root");
  for (const bool same_subject : {false, true}) {
    for (const bool same_key : {false, true}) {
      CAPTURE(same_subject);
      CAPTURE(same_key);
      const auto p = pathological_chain(100, same_subject, same_key);
      const auto r =
          check_path(p.leaf.cert(), all(p.cas), certs({&unrelated}), *provider(), server());
      CHECK_FALSE(r.ok);
      CHECK(r.alert == AlertDescription::unknown_ca);
      CHECK_MESSAGE(r.reason.find("is not a trust anchor, and no chain of the supplied "
                                  "intermediates leads from it to one") != std::string::npos,
                    r.reason);
      CHECK(r.stats.signature_checks == 0);
      CHECK(r.stats.issuer_candidates == 0);
    }
  }
}

TEST_CASE("pathological chains under an anchor of their name: the budgets end them") {
  // The hostile variant: a trust anchor named like the CAs, so that every one of them could
  // lead to it and only signatures tell.
  const Node anchor = root("Pathological CA");
  const ValidationPolicy limits;
  SUBCASE("same subject, distinct keys: the signature budget runs out") {
    const auto p = pathological_chain(100, true, false);
    const auto r = check_path(p.leaf.cert(), all(p.cas), certs({&anchor}), *provider(), server());
    CHECK_FALSE(r.ok);
    CHECK(r.alert == AlertDescription::unknown_ca);
    CHECK_MESSAGE(r.reason.find("certificate \"CN=leaf,O=tlslab path\": path-building budget "
                                "exhausted (32 signature checks) after 32 signature checks") !=
                      std::string::npos,
                  r.reason);
    CHECK_MESSAGE(r.reason.find("first failure") == std::string::npos, r.reason);
    CHECK(r.stats.signature_checks == limits.max_signature_checks);
  }
  SUBCASE("same subject, same key: one check per key and child, then the budget") {
    const auto p = pathological_chain(100, true, true);
    const auto r = check_path(p.leaf.cert(), all(p.cas), certs({&anchor}), *provider(), server());
    CHECK_FALSE(r.ok);
    CHECK(r.reason.find("path-building budget exhausted (32 signature checks)") !=
          std::string::npos);
    CHECK(r.stats.signature_checks == 32);
    // The edge leaf <- CA is checked once for all 100 CAs (one key): the candidates beyond
    // the first cost no signature.
    CHECK(r.stats.issuer_candidates > 32);
  }
  SUBCASE("distinct subjects: too far from the anchor, pruned before any signature") {
    const Node first = root("Pathological CA #0");
    const auto p = pathological_chain(100, false, false);
    const auto r = check_path(p.leaf.cert(), all(p.cas), certs({&first}), *provider(), server());
    CHECK_MESSAGE(
        r.reason.find("no path to a trust anchor within 10 certificates") != std::string::npos,
        r.reason);
    CHECK(r.stats.signature_checks == 0);
  }
  SUBCASE("the budgets are the policy's") {
    const auto p = pathological_chain(20, true, false);
    ValidationOptions tight = server();
    tight.policy.max_signature_checks = 5;
    const auto r = check_path(p.leaf.cert(), all(p.cas), certs({&anchor}), *provider(), tight);
    CHECK(r.reason.find("path-building budget exhausted (5 signature checks)") !=
          std::string::npos);
    CHECK(r.stats.signature_checks == 5);
    tight = server();
    tight.policy.max_issuer_candidates = 7;
    const auto c = check_path(p.leaf.cert(), all(p.cas), certs({&anchor}), *provider(), tight);
    CHECK(c.reason.find("path-building budget exhausted (7 issuer candidates)") !=
          std::string::npos);
    CHECK(c.stats.issuer_candidates == 7);
  }
}

TEST_CASE("a valid path among same-name decoys is still found") {
  Chain c;
  // 20 CAs with the intermediate's name and other keys, without subjectKeyIdentifier: only
  // their signatures tell them apart from the real one.
  std::vector<Node> decoys;
  auto dt = tmpl("inter", true);
  dt.omit_extensions = {OidId::subject_key_identifier};
  for (int i = 0; i < 20; ++i)
    decoys.push_back(issue(c.root, dt));
  auto set = all(decoys);
  set.push_back(c.inter.cert());
  const auto r = check_path(c.leaf.cert(), set, certs({&c.root}), *provider(), server());
  CHECK_MESSAGE(r.ok, r.reason);
  CHECK(r.stats.signature_checks == 22);  // 21 candidates for the leaf, 1 for the issuer
  CHECK(r.stats.candidate_paths == 1);
  REQUIRE(r.chain.size() == 3);
  CHECK(std::equal(r.chain[1].der().begin(), r.chain[1].der().end(), c.inter.der.begin(),
                   c.inter.der.end()));
  // A decoy in the path would be refused for its missing subjectKeyIdentifier (the leaf names
  // some key identifier, as the profile wants).
  auto lt = tmpl("leaf", false);
  lt.extra_extensions.push_back(
      raw_extension(OidId::authority_key_identifier, false, Bytes{0x30, 0x03, 0x80, 0x01, 0x2a}));
  const Node under_decoy = issue(decoys[0], lt);
  CHECK_TLS_ERROR(validate(under_decoy, {&decoys[0]}, c.root, server()),
                  AlertDescription::bad_certificate,
                  "\"CN=inter,O=tlslab path\": CA certificate without subjectKeyIdentifier");
}

TEST_CASE("cycles terminate: two CAs that certify each other") {
  const Node unrelated = root("unrelated root");
  const auto key1 = provider()->generate_private_key(crypto::KeyType::ec_p256);
  const auto key2 = provider()->generate_private_key(crypto::KeyType::ec_p256);
  Node seed;  // ca1 self-signed, only to name ca1 as an issuer
  seed.key = key1;
  seed.der =
      issue_certificate(*provider(), tmpl("ca1", true), key1->public_key().material(), *key1);
  const Node ca2 = issue(seed, tmpl("ca2", true), key2);  // ca2 by ca1
  const Node ca1 = issue(ca2, tmpl("ca1", true), key1);   // ca1 by ca2
  const Node leaf = issue(ca1, tmpl("leaf", false));
  ValidationOptions o = server();
  o.policy.max_depth = 255;
  const auto r = check_path(leaf.cert(), certs({&ca1, &ca2}), certs({&unrelated}), *provider(), o);
  CHECK_FALSE(r.ok);
  CHECK(r.alert == AlertDescription::unknown_ca);
  CHECK(r.stats.signature_checks == 0);  // no name leads to the anchor
  CHECK(r.chain.size() == 3);            // leaf, ca1, ca2: then ca1 again is a loop
  CHECK_MESSAGE(r.reason.find("\"CN=ca2,O=tlslab path\": issuer \"CN=ca1,O=tlslab path\" is not a "
                              "trust anchor, and no chain of the supplied intermediates leads from "
                              "it to one") != std::string::npos,
                r.reason);
}

TEST_CASE("cross-signed CAs: the way out of the cycle is found (CVE-2024-0567's shape)") {
  // Roots A, B, C each certify the others; only A is trusted; the leaf is under A's issuing CA.
  Node a = root("A"), b = root("B"), c = root("C");
  const auto cross = [](const Node& issuer, const Node& subject, const std::string& cn) {
    return issue(issuer, tmpl(cn, true), subject.key);
  };
  const Node a_by_b = cross(b, a, "A"), a_by_c = cross(c, a, "A");
  const Node b_by_a = cross(a, b, "B"), b_by_c = cross(c, b, "B");
  const Node c_by_a = cross(a, c, "C"), c_by_b = cross(b, c, "C");
  const Node a1 = issue(a, tmpl("A1", true));
  auto lt = tmpl("leaf", false);
  lt.subject.clear();  // an empty subject: the subjectAltName is the identity, critical
  lt.alt_names_critical = true;
  const Node leaf = issue(a1, lt);
  const auto path =
      validate_path(leaf.cert(), certs({&a_by_b, &a_by_c, &b_by_a, &b_by_c, &c_by_a, &c_by_b, &a1}),
                    certs({&a}), *provider(), server());
  CHECK(path.size() == 3);
  CHECK(path.back().describe() == "CN=A,O=tlslab path");
}

TEST_CASE("the name-constraint budget bounds names x subtrees") {
  // x509-limbo's nc-dos shape, scaled: 600 permitted and 600 excluded dNSName subtrees over a
  // leaf with 600 names (~540,000 comparisons without a budget).
  const auto w = wide_constraints(600);
  const Node& r = w.root;
  const Node& ca = w.ca;
  const Node& leaf = w.leaf;
  const auto res =
      check_path(leaf.cert(), certs({&ca}), certs({&r}), *provider(), server("t0.test"));
  CHECK_FALSE(res.ok);
  CHECK_MESSAGE(res.reason.find("path-building budget exhausted (250000 name comparisons)") !=
                    std::string::npos,
                res.reason);
  CHECK_MESSAGE(res.reason.find("name-constraint budget exhausted") != std::string::npos,
                res.reason);
  CHECK(res.stats.name_comparisons == 250'000);
  // The same constraints over a leaf with a few names are cheap and pass.
  auto few = tmpl("leaf", false);
  few.dns_names = {"t599.test", "t0.test"};
  few.ip_addresses.clear();
  const auto ok =
      check_path(issue(ca, few).cert(), certs({&ca}), certs({&r}), *provider(), server("t0.test"));
  CHECK_MESSAGE(ok.ok, ok.reason);
  CHECK(ok.stats.name_comparisons == 2 * 600 + 600 + 1);
}

// The certificate profile path validation enforces (issue 13 item 5): RFC 5280 §4 MUSTs and the
// CA/Browser Forum rules a demanding validator applies, each rule's rejected shape next to the
// accepted one, with the exact alert and reason.
#include <string>
#include <vector>

#include "../test_util.hpp"
#include "path_der.hpp"
#include "path_test_util.hpp"

using namespace tlslab;
using namespace tlslab::pki;
using namespace tlslab::test::path;

namespace {

Bytes aki_der(ByteView key_id, bool with_issuer_and_serial = false) {
  return der_of([&](der::Writer& w) {
    w.sequence([&](der::Writer& aki) {
      aki.element(Tag::context(0, false), key_id);
      if (with_issuer_and_serial) {
        aki.constructed(Tag::context(1, true),
                        [&](der::Writer& names) { names.raw(gn_dns("issuer.example")); });
        aki.element(Tag::context(2, false), Bytes{0x01});
      }
    });
  });
}

Bytes ski_of(const Node& n) {
  const auto ski = n.cert().subject_key_identifier();
  return Bytes(ski->begin(), ski->end());
}

Node self_signed(CertificateTemplate t) {
  Node n;
  n.key = provider()->generate_private_key(crypto::KeyType::ec_p256);
  n.der = issue_certificate(*provider(), t, n.key->public_key().material(), *n.key);
  return n;
}

// The chain root -> inter -> leaf with one of the three replaced by a reshaped certificate.
void expect_leaf(const CertificateTemplate& lt, AlertDescription alert, const std::string& text) {
  Chain c;
  CHECK_TLS_ERROR(validate(issue(c.inter, lt), {&c.inter}, c.root, server()), alert, text);
}
void expect_leaf_ok(const CertificateTemplate& lt, const ValidationOptions& o = server()) {
  Chain c;
  const auto r =
      check_path(issue(c.inter, lt).cert(), certs({&c.inter}), certs({&c.root}), *provider(), o);
  CHECK_MESSAGE(r.ok, r.reason);
}

}  // namespace

TEST_CASE("key identifiers: AKI in every certificate but self-signed ones, SKI in every CA") {
  auto no_aki = tmpl("leaf", false);
  no_aki.omit_extensions = {OidId::authority_key_identifier};
  expect_leaf(no_aki, AlertDescription::bad_certificate,
              "\"CN=leaf,O=tlslab path\": no authorityKeyIdentifier (RFC 5280 §4.2.1.1");
  Chain c;
  auto it = tmpl("inter", true);
  it.omit_extensions = {OidId::authority_key_identifier};
  const Node inter = issue(c.root, it);
  CHECK_TLS_ERROR(validate(issue(inter, tmpl("leaf", false)), {&inter}, c.root, server()),
                  AlertDescription::bad_certificate,
                  "\"CN=inter,O=tlslab path\": no authorityKeyIdentifier");
  // (A leaf under a CA without SKI names some key identifier itself, so that the CA's rule is
  // the one that fails.)
  auto some_aki = no_aki;
  some_aki.extra_extensions.push_back(
      raw_extension(OidId::authority_key_identifier, false, aki_der(Bytes{0x2a})));
  auto no_ski = tmpl("inter", true);
  no_ski.omit_extensions = {OidId::subject_key_identifier};
  const Node bare = issue(c.root, no_ski);
  CHECK_TLS_ERROR(validate(issue(bare, some_aki), {&bare}, c.root, server()),
                  AlertDescription::bad_certificate,
                  "\"CN=inter,O=tlslab path\": CA certificate without subjectKeyIdentifier");
  // The anchor too: it is what the certificates below name by key identifier.
  auto rt = tmpl("bare root", true);
  rt.omit_extensions = {OidId::subject_key_identifier};
  const Node bare_root = self_signed(rt);
  CHECK_TLS_ERROR(validate(issue(bare_root, some_aki), {}, bare_root, server()),
                  AlertDescription::bad_certificate,
                  "\"CN=bare root,O=tlslab path\": CA certificate without subjectKeyIdentifier");
  // AKI without keyIdentifier (issuer and serial only).
  auto issuer_only = tmpl("leaf", false);
  issuer_only.omit_extensions = {OidId::authority_key_identifier};
  issuer_only.extra_extensions.push_back(raw_extension(
      OidId::authority_key_identifier, false, der_of([](der::Writer& w) {
        w.sequence([](der::Writer& aki) {
          aki.constructed(Tag::context(1, true),
                          [](der::Writer& names) { names.raw(gn_dns("issuer.example")); });
          aki.element(Tag::context(2, false), Bytes{0x01});
        });
      })));
  expect_leaf(issuer_only, AlertDescription::bad_certificate,
              "authorityKeyIdentifier without keyIdentifier");
  // A pinned self-signed leaf needs no AKI.
  const Node pinned = self_signed(tmpl("pinned", false));
  CHECK(validate_path(pinned.cert(), {}, {pinned.cert()}, *provider(), server()).size() == 1);
}

TEST_CASE("key identifiers are never critical; an anchor's AKI names its own key") {
  Chain c;
  auto crit_aki = tmpl("leaf", false);
  crit_aki.omit_extensions = {OidId::authority_key_identifier};
  crit_aki.extra_extensions.push_back(
      raw_extension(OidId::authority_key_identifier, true, aki_der(ski_of(c.inter))));
  CHECK_TLS_ERROR(validate(issue(c.inter, crit_aki), {&c.inter}, c.root, server()),
                  AlertDescription::bad_certificate,
                  "\"CN=leaf,O=tlslab path\": authorityKeyIdentifier is critical");
  auto crit_ski = tmpl("leaf", false);
  crit_ski.omit_extensions = {OidId::subject_key_identifier};
  crit_ski.extra_extensions.push_back(
      raw_extension(OidId::subject_key_identifier, true,
                    der_of([](der::Writer& w) { w.octet_string(Bytes{1}); })));
  expect_leaf(crit_ski, AlertDescription::bad_certificate, "subjectKeyIdentifier is critical");

  const auto root_with = [](Bytes aki) {
    auto t = tmpl("aki root", true);
    Node n;
    n.key = provider()->generate_private_key(crypto::KeyType::ec_p256);
    // The SKI the builder computes, written again inside the AKI when `aki` is empty.
    const Node probe = [&] {
      Node p;
      p.key = n.key;
      p.der = issue_certificate(*provider(), t, n.key->public_key().material(), *n.key);
      return p;
    }();
    t.extra_extensions.push_back(raw_extension(OidId::authority_key_identifier, false,
                                               aki.empty() ? aki_der(ski_of(probe)) : aki));
    n.der = issue_certificate(*provider(), t, n.key->public_key().material(), *n.key);
    return n;
  };
  const Node good = root_with({});
  CHECK(validate(issue(good, tmpl("leaf", false)), {}, good, server()).size() == 2);
  const Node mismatch = root_with(aki_der(Bytes{1, 2, 3}));
  CHECK_TLS_ERROR(validate(issue(mismatch, tmpl("leaf", false)), {}, mismatch, server()),
                  AlertDescription::bad_certificate,
                  "\"CN=aki root,O=tlslab path\": self-signed trust anchor whose "
                  "authorityKeyIdentifier differs from its subjectKeyIdentifier");
  const Node full = root_with(aki_der(Bytes{1, 2, 3}, true));
  CHECK_TLS_ERROR(validate(issue(full, tmpl("leaf", false)), {}, full, server()),
                  AlertDescription::bad_certificate,
                  "authorityKeyIdentifier carries authorityCertIssuer and "
                  "authorityCertSerialNumber");
}

TEST_CASE("serial numbers: positive, at most 20 octets") {
  auto t = tmpl("leaf", false);
  t.raw_serial = Bytes{0xff, 0x01};  // -255
  expect_leaf(t, AlertDescription::bad_certificate,
              "\"CN=leaf,O=tlslab path\": serialNumber is negative (RFC 5280 §4.1.2.2");
  t.raw_serial = Bytes{0x00};
  expect_leaf(t, AlertDescription::bad_certificate, "serialNumber is zero");
  t.raw_serial.reset();
  t.serial = Bytes(21, 0x11);
  expect_leaf(t, AlertDescription::bad_certificate, "serialNumber of 21 octets");
  t.serial = Bytes(20, 0x11);
  expect_leaf_ok(t);
  t.serial = Bytes(20, 0x91);  // 20 octets plus the 00 that keeps it positive
  expect_leaf_ok(t);
}

TEST_CASE("subjectAltName: usable names, critical exactly when the subject is empty") {
  for (const char* bad :
       {"", " ", "foo_bar.example.com", "*", "ba*.example.com", "example.com.", "-x.example.com"}) {
    CAPTURE(bad);
    auto t = tmpl("leaf", false);
    t.dns_names = {"localhost", bad};
    expect_leaf(t, AlertDescription::bad_certificate, "\"CN=leaf,O=tlslab path\": subjectAltName");
  }
  auto email = tmpl("leaf", false);
  email.extra_alt_names = {gn_email("")};
  expect_leaf(email, AlertDescription::bad_certificate,
              "subjectAltName has an empty email: entry (RFC 5280 §4.2.1.6");
  auto crit = tmpl("leaf", false);
  crit.alt_names_critical = true;
  expect_leaf(crit, AlertDescription::bad_certificate,
              "critical subjectAltName with a non-empty subject");
  auto empty = tmpl("leaf", false);
  empty.subject.clear();
  expect_leaf(empty, AlertDescription::bad_certificate,
              "certificate \"<empty subject>\": empty subject with a non-critical subjectAltName");
  empty.alt_names_critical = true;
  expect_leaf_ok(empty);
  // A malformed subjectAltName is a malformed certificate (RFC 5280 §4.2.1.6 SIZE (1..MAX)).
  auto garbage = tmpl("leaf", false);
  garbage.omit_extensions = {OidId::subject_alt_name};
  garbage.extra_extensions.push_back(
      raw_extension(OidId::subject_alt_name, false, Bytes{'e', 'x', 'a', 'm', 'p', 'l', 'e'}));
  Chain c;
  CHECK_TLS_ERROR(Certificate::parse(issue(c.inter, garbage).der),
                  AlertDescription::bad_certificate,
                  "extension[5].subjectAltName.GeneralNames: length 120");
  // The same extension twice (RFC 5280 §4.2).
  auto twice = tmpl("leaf", false);
  twice.extra_extensions.push_back(
      raw_extension(OidId::subject_alt_name, false, der_of([](der::Writer& w) {
                      w.sequence([](der::Writer& n) { n.raw(gn_dns("other.example")); });
                    })));
  CHECK_TLS_ERROR(Certificate::parse(issue(c.inter, twice).der), AlertDescription::bad_certificate,
                  "duplicate extension X509v3 Subject Alternative Name");
}

TEST_CASE("basicConstraints and keyUsage") {
  Chain c;
  // A CA's basicConstraints is critical (the anchor's too).
  auto soft = tmpl("soft root", true);
  soft.omit_extensions = {OidId::basic_constraints};
  soft.extra_extensions.push_back(
      raw_extension(OidId::basic_constraints, false, Bytes{0x30, 0x03, 0x01, 0x01, 0xff}));
  const Node soft_root = self_signed(soft);
  CHECK_TLS_ERROR(validate(issue(soft_root, tmpl("leaf", false)), {}, soft_root, server()),
                  AlertDescription::bad_certificate,
                  "\"CN=soft root,O=tlslab path\": basicConstraints of a CA is not critical");
  // No basicConstraints: not a CA, anchor or not.
  auto none = tmpl("plain root", true);
  none.omit_extensions = {OidId::basic_constraints};
  const Node plain_root = self_signed(none);
  CHECK_TLS_ERROR(validate(issue(plain_root, tmpl("leaf", false)), {}, plain_root, server()),
                  AlertDescription::unknown_ca,
                  "\"CN=plain root,O=tlslab path\": issues certificate \"CN=leaf,O=tlslab path\" "
                  "but is not a CA");
  // pathLenConstraint without cA; keyCertSign without cA; no keyUsage bit at all.
  auto pl = tmpl("leaf", false);
  pl.omit_extensions = {OidId::basic_constraints};
  pl.extra_extensions.push_back(
      raw_extension(OidId::basic_constraints, true, Bytes{0x30, 0x03, 0x02, 0x01, 0x00}));
  expect_leaf(pl, AlertDescription::bad_certificate, "pathLenConstraint without cA");
  auto kcs = tmpl("leaf", false);
  kcs.omit_extensions = {OidId::key_usage};
  kcs.extra_extensions.push_back(
      raw_extension(OidId::key_usage, true, Bytes{0x03, 0x02, 0x02, 0x84}));  // dS + kCS
  expect_leaf(kcs, AlertDescription::bad_certificate,
              "keyUsage asserts keyCertSign but basicConstraints cA is not TRUE");
  auto zero = tmpl("leaf", false);
  zero.omit_extensions = {OidId::key_usage};
  zero.extra_extensions.push_back(raw_extension(OidId::key_usage, true, Bytes{0x03, 0x01, 0x00}));
  expect_leaf(zero, AlertDescription::bad_certificate, "keyUsage with no bit set");
  // A CA certificate as the leaf: accepted when consistent (RFC 5280; OpenSSL, Go), refused
  // when its keyUsage does not allow certificate signing.
  auto ca_leaf = tmpl("ca leaf", true);
  ca_leaf.dns_names = {"localhost"};
  ca_leaf.omit_extensions = {OidId::key_usage};
  ca_leaf.extra_extensions.push_back(
      raw_extension(OidId::key_usage, true, Bytes{0x03, 0x02, 0x01, 0x86}));  // dS, kCS, cRLS
  expect_leaf_ok(ca_leaf);
  auto ca_ds = ca_leaf;
  ca_ds.extra_extensions.clear();
  ca_ds.extra_extensions.push_back(
      raw_extension(OidId::key_usage, true, Bytes{0x03, 0x02, 0x07, 0x80}));
  expect_leaf(ca_ds, AlertDescription::bad_certificate,
              "basicConstraints cA is TRUE but keyUsage (Digital Signature) lacks keyCertSign");
  // A CA with an empty subject; a certificate with an empty issuer.
  auto anon = tmpl("", true);
  anon.subject.clear();
  const Node anon_root = self_signed(anon);
  auto lt = tmpl("leaf", false);
  CHECK_TLS_ERROR(validate(issue(anon_root, lt), {}, anon_root, server()),
                  AlertDescription::bad_certificate, "empty issuer name (RFC 5280 §4.1.2.4)");
}

TEST_CASE("extendedKeyUsage: the leaf names the purpose; a CA's EKU constrains it") {
  auto any = tmpl("leaf", false);
  any.extended_key_usage = {OidId::any_extended_key_usage};
  expect_leaf(any, AlertDescription::unsupported_certificate,
              "extendedKeyUsage (Any Extended Key Usage) lacks serverAuth (anyExtendedKeyUsage "
              "does not stand in for it in an end-entity certificate)");
  any.extended_key_usage = {OidId::kp_server_auth, OidId::any_extended_key_usage};
  expect_leaf_ok(any);
  // anyExtendedKeyUsage in a CA allows every purpose.
  Chain c;
  auto it = tmpl("any inter", true);
  it.extended_key_usage = {OidId::any_extended_key_usage};
  const Node inter = issue(c.root, it);
  CHECK(validate(issue(inter, tmpl("leaf", false)), {&inter}, c.root, server()).size() == 3);
  // A CA restricted to email protection cannot vouch for a TLS client.
  auto mail = tmpl("mail inter", true);
  mail.extended_key_usage = {OidId::kp_email_protection};
  const Node mail_ca = issue(c.root, mail);
  auto ct = tmpl("client", false);
  ct.extended_key_usage = {OidId::kp_client_auth};
  ValidationOptions client = server("");
  client.purpose = Purpose::client_auth;
  CHECK_TLS_ERROR(validate(issue(mail_ca, ct), {&mail_ca}, c.root, client),
                  AlertDescription::unsupported_certificate,
                  "\"CN=mail inter,O=tlslab path\": extendedKeyUsage (E-mail Protection) lacks "
                  "clientAuth (a CA's extendedKeyUsage constrains the certificates below it)");
}

TEST_CASE("critical extensions and authorityInfoAccess") {
  Chain c;
  auto with_unknown = [&](const std::string& cn, bool ca) {
    auto t = tmpl(cn, ca);
    t.extra_extensions.push_back({encode_oid("1.3.6.1.4.1.55555.1"), true, Bytes{0x05, 0x00}});
    return t;
  };
  // On the path: refused wherever it is; off the path: irrelevant.
  const Node bad_inter = issue(c.root, with_unknown("inter", true));
  CHECK_TLS_ERROR(validate(issue(bad_inter, tmpl("leaf", false)), {&bad_inter}, c.root, server()),
                  AlertDescription::unsupported_certificate,
                  "\"CN=inter,O=tlslab path\": unhandled critical extension 1.3.6.1.4.1.55555.1");
  const Node unrelated = issue(c.root, with_unknown("unrelated", true));
  CHECK(validate(c.leaf, {&unrelated, &c.inter}, c.root, server()).size() == 3);
  auto bad_root_t = with_unknown("odd root", true);
  const Node odd_root = self_signed(bad_root_t);
  CHECK_TLS_ERROR(validate(issue(odd_root, tmpl("leaf", false)), {}, odd_root, server()),
                  AlertDescription::unsupported_certificate,
                  "\"CN=odd root,O=tlslab path\": unhandled critical extension");
  // authorityInfoAccess: well-formed passes, garbage is a malformed certificate, critical is an
  // unhandled critical extension.
  const Bytes aia = der_of([](der::Writer& w) {
    w.sequence([](der::Writer& s) {
      s.sequence([](der::Writer& ad) {
        ad.oid(OidId::ad_ca_issuers);
        ad.raw(gn_uri("http://ca.example/inter.der"));
      });
    });
  });
  auto good = tmpl("leaf", false);
  good.extra_extensions.push_back(raw_extension(OidId::authority_info_access, false, aia));
  expect_leaf_ok(good);
  auto garbage = tmpl("leaf", false);
  garbage.extra_extensions.push_back(
      raw_extension(OidId::authority_info_access, false, Bytes{'m', 'a', 'l', 'f'}));
  expect_leaf(garbage, AlertDescription::bad_certificate,
              "\"CN=leaf,O=tlslab path\": malformed authorityInfoAccess");
  auto critical = tmpl("leaf", false);
  critical.extra_extensions.push_back(raw_extension(OidId::authority_info_access, true, aia));
  expect_leaf(critical, AlertDescription::unsupported_certificate,
              "unhandled critical extension Authority Information Access");
}

TEST_CASE("validity of every certificate, the anchor's included") {
  auto rt = tmpl("old root", true);
  rt.not_after = kNow - kDay;
  const Node old_root = self_signed(rt);
  CHECK_TLS_ERROR(validate(issue(old_root, tmpl("leaf", false)), {}, old_root, server()),
                  AlertDescription::certificate_expired,
                  "\"CN=old root,O=tlslab path\": expired: notAfter 2026-12-31T00:00:00Z");
}

// RFC 5280 §6 path validation, RFC 6125 host names and the TrustStore: chains issued in memory
// with pki::issue_certificate (one per rule, positive and negative, exact alert and reason), the
// captured test PKI, and the openssl-made chains of tests/data/pki-path/make.sh.
#include <memory>
#include <string>
#include <vector>

#include "../test_util.hpp"
#include "path_test_util.hpp"
#include "pki_test_util.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/pki/builder.hpp"
#include "tlslab/pki/path_validation.hpp"
#include "tlslab/pki/trust_store.hpp"
#include "tlslab/pki/x509.hpp"

using namespace tlslab;
using namespace tlslab::pki;
using namespace tlslab::test::path;

TEST_CASE("a valid chain validates leaf to anchor") {
  Chain c;
  const auto path = validate(c.leaf, {&c.inter}, c.root, server());
  REQUIRE(path.size() == 3);
  CHECK(path[0].describe() == "CN=leaf,O=tlslab path");
  CHECK(path[1].describe() == "CN=inter,O=tlslab path");
  CHECK(path[2].describe() == "CN=root,O=tlslab path");
  // Purpose any, no host name: the same.
  CHECK(
      validate(c.leaf, {&c.inter}, c.root, ValidationOptions{Purpose::any, "", kNow, {}}).size() ==
      3);
}

TEST_CASE("intermediates in any order, extras ignored") {
  Chain c;
  const Node other = root("unrelated");
  const Node other_inter = issue(other, tmpl("inter", true));  // same name, other issuer
  const auto path = validate(c.leaf, {&other, &other_inter, &c.inter}, c.root, server());
  REQUIRE(path.size() == 3);
  CHECK(std::equal(path[1].der().begin(), path[1].der().end(), c.inter.der.begin(),
                   c.inter.der.end()));
}

TEST_CASE("no path to an anchor: unknown_ca naming the certificate") {
  Chain c;
  CHECK_TLS_ERROR(validate(c.leaf, {}, c.root, server()), AlertDescription::unknown_ca,
                  "certificate \"CN=leaf,O=tlslab path\": issuer \"CN=inter,O=tlslab path\" is "
                  "neither a trust anchor");
  const Node other = root("other root");
  CHECK_TLS_ERROR(validate(c.leaf, {&c.inter}, other, server()), AlertDescription::unknown_ca,
                  "\"CN=inter,O=tlslab path\": issuer \"CN=root,O=tlslab path\"");
  // The leaf itself trusted (pinned self-signed certificate).
  const auto p = validate_path(c.root.cert(), {}, certs({&c.root}), *provider(),
                               ValidationOptions{Purpose::any, "", kNow, {}});
  CHECK(p.size() == 1);
}

TEST_CASE("validity: expired and not yet valid, any certificate of the path") {
  Chain c;
  CHECK_TLS_ERROR(validate(c.leaf, {&c.inter}, c.root, server("localhost", kNow + 31 * kDay)),
                  AlertDescription::certificate_expired,
                  "\"CN=leaf,O=tlslab path\": expired: notAfter 2027-01-31T00:00:00Z is before "
                  "the validation time 2027-02-01T00:00:00Z");
  CHECK_TLS_ERROR(validate(c.leaf, {&c.inter}, c.root, server("localhost", kNow - 2 * kDay)),
                  AlertDescription::certificate_expired,
                  "\"CN=leaf,O=tlslab path\": not yet valid: notBefore 2026-12-31T00:00:00Z");
  auto t = tmpl("old inter", true);
  t.not_after = kNow - 1;
  const Node inter = issue(c.root, t);
  const Node leaf = issue(inter, tmpl("leaf", false));
  CHECK_TLS_ERROR(validate(leaf, {&inter}, c.root, server()), AlertDescription::certificate_expired,
                  "\"CN=old inter,O=tlslab path\": expired");
  // Boundaries are inclusive (RFC 5280 §4.1.2.5).
  CHECK(validate(c.leaf, {&c.inter}, c.root, server("localhost", kNow + 30 * kDay)).size() == 3);
}

TEST_CASE("alternatives: an expired and a renewed intermediate with the same key") {
  Chain c;
  auto t = tmpl("inter", true);
  t.not_after = kNow - kDay;
  const Node expired = issue(c.root, t, c.inter.key);
  // The renewed one alone validates (its reason would be masked below by the expired one's).
  const auto alone =
      check_path(c.leaf.cert(), certs({&c.inter}), certs({&c.root}), *provider(), server());
  CHECK_MESSAGE(alone.ok, alone.reason);
  const auto path = validate(c.leaf, {&expired, &c.inter}, c.root, server());
  CHECK(std::equal(path[1].der().begin(), path[1].der().end(), c.inter.der.begin(),
                   c.inter.der.end()));
  // Only the expired one: its failure is reported, not unknown_ca.
  CHECK_TLS_ERROR(validate(c.leaf, {&expired}, c.root, server()),
                  AlertDescription::certificate_expired, "\"CN=inter,O=tlslab path\": expired");
}

TEST_CASE("basicConstraints: an issuer that is not a CA") {
  Chain c;
  const Node not_ca = issue(c.root, tmpl("not a ca", false));
  auto lt = tmpl("leaf", false);
  const Node leaf = issue(not_ca, lt);
  CHECK_TLS_ERROR(validate(leaf, {&not_ca}, c.root, server()), AlertDescription::unknown_ca,
                  "certificate \"CN=not a ca,O=tlslab path\": issues certificate "
                  "\"CN=leaf,O=tlslab path\" but is not a CA");
}

TEST_CASE("pathLenConstraint") {
  const Node r0 = root("root0", 0);
  const Node inter = issue(r0, tmpl("inter", true));
  const Node leaf = issue(inter, tmpl("leaf", false));
  CHECK_TLS_ERROR(validate(leaf, {&inter}, r0, server()), AlertDescription::unknown_ca,
                  "\"CN=root0,O=tlslab path\": pathLenConstraint 0 exceeded: 1 intermediate");
  // pathLen 0 allows a leaf directly under it; pathLen 1 one intermediate.
  const Node direct = issue(r0, tmpl("leaf", false));
  CHECK(validate(direct, {}, r0, server()).size() == 2);
  const Node r1 = root("root1", 1);
  const Node i1 = issue(r1, tmpl("inter", true));
  auto t2 = tmpl("inter2", true);
  const Node i2 = issue(i1, t2);
  const Node l1 = issue(i1, tmpl("leaf", false));
  const Node l2 = issue(i2, tmpl("leaf", false));
  CHECK(validate(l1, {&i1}, r1, server()).size() == 3);
  CHECK_TLS_ERROR(validate(l2, {&i2, &i1}, r1, server()), AlertDescription::unknown_ca,
                  "\"CN=root1,O=tlslab path\": pathLenConstraint 1 exceeded: 2");
  // An intermediate's own pathLen.
  auto ti = tmpl("inter0", true);
  ti.path_len = 0;
  const Node i0 = issue(r1, ti);
  const Node i0b = issue(i0, tmpl("inter0b", true));
  const Node l0 = issue(i0b, tmpl("leaf", false));
  CHECK_TLS_ERROR(validate(l0, {&i0, &i0b}, root("unused"), server()), AlertDescription::unknown_ca,
                  "is neither a trust anchor");
  CHECK_TLS_ERROR(validate(l0, {&i0, &i0b}, r1, server()), AlertDescription::unknown_ca,
                  "\"CN=inter0,O=tlslab path\": pathLenConstraint 0 exceeded");
}

TEST_CASE("signatures: a certificate not signed by the key of its named issuer") {
  Chain c;
  Node impostor = c.inter;
  impostor.key = provider()->generate_private_key(crypto::KeyType::ec_p256);
  const Node leaf = issue(impostor, tmpl("leaf", false));  // AKI = inter's SKI, wrong key
  CHECK_TLS_ERROR(validate(leaf, {&c.inter}, c.root, server()), AlertDescription::bad_certificate,
                  "\"CN=leaf,O=tlslab path\": signature does not verify with the key of its "
                  "issuer certificate \"CN=inter,O=tlslab path\"");
}

TEST_CASE("extendedKeyUsage of the leaf and of CAs") {
  Chain c;
  ValidationOptions client = server("");
  client.purpose = Purpose::client_auth;
  CHECK_TLS_ERROR(validate(c.leaf, {&c.inter}, c.root, client),
                  AlertDescription::unsupported_certificate,
                  "\"CN=leaf,O=tlslab path\": extendedKeyUsage (TLS Web Server Authentication) "
                  "lacks clientAuth");
  auto ct = tmpl("client", false);
  ct.extended_key_usage = {OidId::kp_client_auth};
  const Node cl = issue(c.inter, ct);
  CHECK(validate(cl, {&c.inter}, c.root, client).size() == 3);
  CHECK_TLS_ERROR(validate(cl, {&c.inter}, c.root, server()),
                  AlertDescription::unsupported_certificate, "lacks serverAuth");
  // No EKU: any purpose.
  auto nt = tmpl("no eku", false);
  nt.extended_key_usage.clear();
  const Node no_eku = issue(c.inter, nt);
  CHECK(validate(no_eku, {&c.inter}, c.root, client).size() == 3);
  CHECK(validate(no_eku, {&c.inter}, c.root, server()).size() == 3);
  // A CA restricted to clientAuth cannot vouch for a server.
  auto it = tmpl("client-only inter", true);
  it.extended_key_usage = {OidId::kp_client_auth};
  const Node ci = issue(c.root, it);
  const Node sl = issue(ci, tmpl("leaf", false));
  CHECK_TLS_ERROR(validate(sl, {&ci}, c.root, server()), AlertDescription::unsupported_certificate,
                  "\"CN=client-only inter,O=tlslab path\": extendedKeyUsage (TLS Web Client "
                  "Authentication) lacks serverAuth (a CA's extendedKeyUsage constrains the "
                  "certificates below it)");
}

TEST_CASE("host names: SAN dNSName, wildcard, IP, never the CN") {
  Chain c;
  CHECK(validate(c.leaf, {&c.inter}, c.root, server("LocalHost.")).size() == 3);
  CHECK(validate(c.leaf, {&c.inter}, c.root, server("a.example.com")).size() == 3);
  CHECK(validate(c.leaf, {&c.inter}, c.root, server("127.0.0.1")).size() == 3);
  CHECK_TLS_ERROR(validate(c.leaf, {&c.inter}, c.root, server("a.b.example.com")),
                  AlertDescription::bad_certificate,
                  "\"CN=leaf,O=tlslab path\": does not match host name \"a.b.example.com\" "
                  "(presented: DNS:localhost, DNS:*.example.com, IP Address:127.0.0.1");
  CHECK_TLS_ERROR(validate(c.leaf, {&c.inter}, c.root, server("example.com")),
                  AlertDescription::bad_certificate, "does not match host name \"example.com\"");
  CHECK_TLS_ERROR(validate(c.leaf, {&c.inter}, c.root, server("127.0.0.2")),
                  AlertDescription::bad_certificate, "does not match host name \"127.0.0.2\"");
  CHECK_TLS_ERROR(validate(c.leaf, {&c.inter}, c.root, server("::1")),
                  AlertDescription::bad_certificate, "\"::1\"");
  // The CN is never a host name, with or without dNSName entries (RFC 9525 §6.3).
  auto t = tmpl("cn.example.org", false);
  t.dns_names.clear();
  const Node cn_only = issue(c.inter, t);
  CHECK_FALSE(host_name_matches(cn_only.cert(), "cn.example.org"));
  CHECK(host_name_matches(cn_only.cert(), "127.0.0.1"));  // the IP SAN is still there
  CHECK_TLS_ERROR(validate(cn_only, {&c.inter}, c.root, server("cn.example.org")),
                  AlertDescription::bad_certificate,
                  "\"CN=cn.example.org,O=tlslab path\": does not match host name "
                  "\"cn.example.org\" (presented: IP Address:127.0.0.1; RFC 6125 §6)");
  auto no_san = tmpl("cn.example.org", false);
  no_san.dns_names.clear();
  no_san.ip_addresses.clear();
  CHECK_TLS_ERROR(validate(issue(c.inter, no_san), {&c.inter}, c.root, server("cn.example.org")),
                  AlertDescription::bad_certificate,
                  "(presented: no DNS/IP subjectAltName; the subject's CN is never used");
  auto t2 = tmpl("cn.example.org", false);
  const Node with_san = issue(c.inter, t2);
  CHECK_FALSE(host_name_matches(with_san.cert(), "cn.example.org"));
  // An IP literal never matches a dNSName or the CN.
  auto t3 = tmpl("10.0.0.1", false);
  t3.dns_names = {"10.0.0.1"};
  t3.ip_addresses.clear();
  CHECK_FALSE(host_name_matches(issue(c.inter, t3).cert(), "10.0.0.1"));
  auto t4 = tmpl("v6", false);
  t4.ip_addresses = {{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}};
  CHECK(host_name_matches(issue(c.inter, t4).cert(), "2001:db8::1"));
}

TEST_CASE("RFC 6125 wildcard rules") {
  CHECK(dns_name_matches("*.example.com", "a.example.com"));
  CHECK(dns_name_matches("*.Example.COM", "A.example.com."));
  CHECK_FALSE(dns_name_matches("*.example.com", "a.b.example.com"));
  CHECK_FALSE(dns_name_matches("*.example.com", "example.com"));
  CHECK_FALSE(dns_name_matches("*.example.com", ".example.com"));
  CHECK_FALSE(dns_name_matches("*.com", "example.com"));
  CHECK_FALSE(dns_name_matches("a.*.example.com", "a.b.example.com"));
  CHECK_FALSE(dns_name_matches("f*.example.com", "foo.example.com"));
  CHECK_FALSE(dns_name_matches("*.*.example.com", "a.b.example.com"));
  CHECK(dns_name_matches("www.example.com", "WWW.example.com"));
  CHECK_FALSE(dns_name_matches("www.example.com", "ww.example.com"));
  CHECK_FALSE(dns_name_matches("", ""));
  CHECK(parse_ip_address("192.0.2.1") == Bytes{192, 0, 2, 1});
  CHECK(parse_ip_address("::1")->size() == 16);
  CHECK_FALSE(parse_ip_address("localhost"));
  CHECK_FALSE(parse_ip_address("1.2.3"));
}

TEST_CASE("depth limit") {
  Node top = root("deep root");
  std::vector<Node> chain;
  const Node* issuer = &top;
  for (int i = 0; i < 10; ++i) {
    chain.push_back(issue(*issuer, tmpl("ca" + std::to_string(i), true)));
    issuer = &chain.back();
  }
  const Node leaf = issue(*issuer, tmpl("leaf", false));
  std::vector<const Node*> inter;
  for (const auto& n : chain)
    inter.push_back(&n);
  // 12 certificates with the anchor: above the default 10.
  CHECK_TLS_ERROR(validate(leaf, inter, top, server()), AlertDescription::unknown_ca,
                  "no path to a trust anchor within 10 certificates");
  auto o = server();
  o.policy.max_depth = 12;
  CHECK(validate(leaf, inter, top, o).size() == 12);
}

TEST_CASE("TrustStore: ChainVerifier over the captured test PKI") {
  using test::data_path;
  using test::read_bytes;
  TrustStore store(provider());
  CHECK(store.add_certificates(read_bytes(data_path("captures/pki/ca.pem"))) == 1);
  const auto ca = load_certificates(read_bytes(data_path("captures/pki/ca.pem")));
  REQUIRE(store.anchor_names().size() == 1);
  CHECK(store.anchor_names()[0] == Bytes(ca[0].subject().der.begin(), ca[0].subject().der.end()));
  // Inside the certificates' validity (2026-11-27 .. 2036-11-24).
  const std::int64_t at = kNow;
  for (const std::string k : {"rsa", "p256", "p384", "ed25519"}) {
    CAPTURE(k);
    const auto server_cert =
        load_certificates(read_bytes(data_path("captures/pki/server-" + k + ".pem")))[0];
    const Bytes server_der(server_cert.der().begin(), server_cert.der().end());
    const auto s = store.verify({server_der}, Purpose::server_auth, "localhost", at);
    CHECK(s.subject == "CN=localhost (" + k + "),O=tlslab test");
    CHECK(s.chain_subjects ==
          std::vector<std::string>{s.subject, "CN=tlslab test CA,O=tlslab test"});
    REQUIRE(s.public_key);
    CHECK(store.verify({server_der}, Purpose::server_auth, "127.0.0.1", at).public_key);
    CHECK_TLS_ERROR(store.verify({server_der}, Purpose::server_auth, "example.com", at),
                    AlertDescription::bad_certificate, "does not match host name");
    CHECK_TLS_ERROR(store.verify({server_der}, Purpose::client_auth, "", at),
                    AlertDescription::unsupported_certificate, "lacks clientAuth");
    const auto client_cert =
        load_certificates(read_bytes(data_path("captures/pki/client-" + k + ".pem")))[0];
    const Bytes client_der(client_cert.der().begin(), client_cert.der().end());
    const auto cpeer = store.verify({client_der}, Purpose::client_auth, "", at);
    CHECK(cpeer.chain_subjects.size() == 2);
    CHECK_TLS_ERROR(store.verify({client_der}, Purpose::client_auth, "", 1700000000),
                    AlertDescription::certificate_expired, "not yet valid");
  }
  CHECK_TLS_ERROR(store.verify({}, Purpose::server_auth, "", at), AlertDescription::bad_certificate,
                  "no certificate");
  const Bytes junk{0x30, 0x03, 0x02, 0x01, 0x00};
  CHECK_TLS_ERROR(store.verify({junk}, Purpose::server_auth, "", at),
                  AlertDescription::bad_certificate, "peer certificate_list[0]");
  // A chain the store does not anchor.
  Chain c;
  CHECK_TLS_ERROR(store.verify({c.leaf.der, c.inter.der}, Purpose::server_auth, "localhost", at),
                  AlertDescription::unknown_ca, "\"CN=inter,O=tlslab path\": issuer");
  TrustStore mine(provider());
  mine.add(c.root.der);
  mine.add(c.root.der);  // duplicates kept once
  CHECK(mine.anchors().size() == 1);
  const auto peer = mine.verify({c.leaf.der, c.inter.der}, Purpose::server_auth, "localhost", at);
  CHECK(peer.chain_subjects.size() == 3);
}

namespace {

std::vector<Certificate> path_file(const std::string& name) {
  return load_certificates(test::read_bytes(test::data_path("pki-path/" + name + ".pem")));
}

}  // namespace

TEST_CASE("openssl-made chains: the same verdict as openssl verify, with the alert") {
  const auto verdicts = test::read_expect(test::data_path("pki-path/verify.txt"));
  const auto anchors = path_file("root");
  const auto untrusted = path_file("untrusted");  // out of order, with an unrelated CA
  struct Case {
    const char* name;
    bool ok;
    AlertDescription alert;
    const char* reason;
  };
  const Case cases[] = {
      {"leaf", true, {}, ""},
      {"leaf-nc-ok", true, {}, ""},
      {"leaf-noca", false, AlertDescription::unknown_ca,
       "\"CN=inter-noca,O=tlslab path\": issues certificate \"CN=leaf-noca,O=tlslab path\" but "
       "is not a CA"},
      {"leaf-nocertsign", false, AlertDescription::bad_certificate,
       "\"CN=inter-nocertsign,O=tlslab path\": keyUsage (Digital Signature, CRL Sign) lacks "
       "keyCertSign"},
      {"leaf-pathlen", false, AlertDescription::unknown_ca,
       "\"CN=inter-pathlen0,O=tlslab path\": pathLenConstraint 0 exceeded"},
      // openssl's sslserver purpose also accepts keyAgreement (static ECDH); tlslab's TLS 1.2
      // has no static ECDH key exchange, so the key must sign or decrypt.
      {"leaf-keyagreement", false, AlertDescription::unsupported_certificate,
       "\"CN=leaf-keyagreement,O=tlslab path\": keyUsage (Key Agreement) has neither "
       "digitalSignature nor keyEncipherment"},
      {"leaf-clientauth", false, AlertDescription::unsupported_certificate, "lacks serverAuth"},
      {"leaf-critical", false, AlertDescription::unsupported_certificate,
       "\"CN=leaf-critical,O=tlslab path\": unhandled critical extension 1.3.6.1.4.1.55555.1"},
      {"leaf-nc-outside", false, AlertDescription::bad_certificate,
       "\"CN=leaf-nc-outside,O=tlslab path\": subjectAltName DNS:www.example.org is outside the "
       "permitted subtrees of the nameConstraints of certificate \"CN=inter-nc,O=tlslab path\""},
      {"leaf-nc-excluded", false, AlertDescription::bad_certificate,
       "subjectAltName DNS:x.bad.example.com is in an excluded subtree (DNS:bad.example.com)"},
      {"leaf-nc-ip", false, AlertDescription::bad_certificate,
       "subjectAltName IP Address:192.168.1.1 is outside the permitted subtrees"},
      // Name constraints of other forms (issue 13 item 2); the wildcard is the CVE-2025-61727
      // class openssl verify accepts.
      {"leaf-nc-wildcard", false, AlertDescription::bad_certificate,
       "\"CN=leaf-nc-wildcard,O=tlslab path\": subjectAltName DNS:*.example.com is in an excluded "
       "subtree (DNS:bad.example.com)"},
      {"leaf-nc-forms-ok", true, {}, ""},
      {"leaf-nc-email-out", false, AlertDescription::bad_certificate,
       "subjectAltName email:a@example.org is outside the permitted subtrees"},
      {"leaf-nc-uri-out", false, AlertDescription::bad_certificate,
       "subjectAltName URI:https://www.example.org/ is outside the permitted subtrees"},
      {"leaf-nc-uri-nohost", false, AlertDescription::unsupported_certificate,
       "subjectAltName URI:urn:example:x cannot be checked against the permitted subtree "
       "URI:.example.com"},
      // Signature and key policy (issue 13 item 4), where tlslab is stricter than openssl
      // verify at its default security level, which accepts all of these.
      {"leaf-sha1", false, AlertDescription::bad_certificate,
       "\"CN=leaf-sha1,O=tlslab path\": signed with SHA-1 (sha1WithRSAEncryption), refused"},
      {"leaf-md5", false, AlertDescription::unsupported_certificate,
       "\"CN=leaf-md5,O=tlslab path\": signature algorithm md5WithRSAEncryption is not accepted"},
      {"leaf-rsa1024", false, AlertDescription::bad_certificate,
       "\"CN=leaf-rsa1024,O=tlslab path\": RSA key of 1024 bits, under the 2048 the policy "
       "requires"},
      {"leaf-under-rsa1024", false, AlertDescription::bad_certificate,
       "\"CN=inter-rsa1024,O=tlslab path\": RSA key of 1024 bits"},
      {"leaf-v1", false, AlertDescription::bad_certificate,
       "\"CN=leaf-v1,O=tlslab path\": X.509 v1 certificate"},
  };
  // Where tlslab's verdict differs from openssl's, and why (above).
  const std::vector<std::string> stricter = {"leaf-keyagreement", "leaf-sha1",          "leaf-md5",
                                             "leaf-rsa1024",      "leaf-under-rsa1024", "leaf-v1",
                                             "leaf-nc-wildcard"};
  for (const auto& c : cases) {
    CAPTURE(c.name);
    REQUIRE(verdicts.count(c.name) == 1);
    const bool openssl_ok = verdicts.at(c.name) == "OK";
    const bool differs =
        std::find(stricter.begin(), stricter.end(), std::string(c.name)) != stricter.end();
    CHECK(openssl_ok == (differs ? !c.ok : c.ok));
    const auto leaf = path_file(c.name)[0];
    const auto r = check_path(leaf, untrusted, anchors, *provider(),
                              ValidationOptions{Purpose::server_auth, "", kNow, {}});
    CHECK(r.ok == c.ok);
    if (c.ok) {
      CHECK(r.chain.size() == 3);
      CHECK(r.chain.back().describe() == "CN=root,O=tlslab path");
    } else {
      CHECK_MESSAGE(r.alert == c.alert, "alert was " << alert_label(r.alert));
      CHECK_MESSAGE(r.reason.find(c.reason) != std::string::npos, r.reason);
      CHECK(r.chain.size() >= 2);  // the chain it tried
    }
  }
  // SHA-1 is accepted when the policy allows it (old captures); MD5 never.
  ValidationOptions old = ValidationOptions{Purpose::server_auth, "localhost", kNow, {}};
  old.policy.allow_sha1 = true;
  const auto sha1 = check_path(path_file("leaf-sha1")[0], untrusted, anchors, *provider(), old);
  CHECK_MESSAGE(sha1.ok, sha1.reason);
  CHECK_FALSE(check_path(path_file("leaf-md5")[0], untrusted, anchors, *provider(), old).ok);
  old.policy.min_rsa_bits = 1024;
  CHECK(check_path(path_file("leaf-rsa1024")[0], untrusted, anchors, *provider(), old).ok);
  // Host names on the openssl-made leaf.
  const auto leaf = path_file("leaf")[0];
  for (const auto* ok : {"localhost", "www.example.com", "127.0.0.1"}) {
    CAPTURE(ok);
    CHECK(validate_path(leaf, untrusted, anchors, *provider(),
                        ValidationOptions{Purpose::server_auth, ok, kNow, {}})
              .size() == 3);
  }
  for (const auto* bad : {"a.b.example.com", "example.com", "127.0.0.2", "localhost2"}) {
    CAPTURE(bad);
    CHECK_TLS_ERROR(validate_path(leaf, untrusted, anchors, *provider(),
                                  ValidationOptions{Purpose::server_auth, bad, kNow, {}}),
                    AlertDescription::bad_certificate, "does not match host name");
  }
}

// nameConstraints (RFC 5280 §4.2.1.10) over every name form, wildcards by the name space they
// cover, and host names against the subjectAltName only (issue 13 items 1 and 2). Chains are
// issued in memory; each rule has its accepted and its rejected case side by side.
#include <string>
#include <vector>

#include "../test_util.hpp"
#include "path_der.hpp"
#include "path_test_util.hpp"
#include "tlslab/pki/host_name.hpp"
#include "tlslab/pki/name_constraints.hpp"

using namespace tlslab;
using namespace tlslab::pki;
using namespace tlslab::test::path;

namespace {

// root -> constrained intermediate -> leaf
struct Constrained {
  Node root = test::path::root();
  Node ca;
  Constrained(const std::vector<Bytes>& permitted, const std::vector<Bytes>& excluded) {
    auto t = tmpl("constrained", true);
    t.extra_extensions.push_back(nc_extension(permitted, excluded));
    ca = issue(root, t);
  }
  Node leaf(std::vector<std::string> dns, std::vector<Bytes> other = {},
            std::vector<Bytes> ips = {}) const {
    auto t = tmpl("leaf", false);
    t.dns_names = std::move(dns);
    t.ip_addresses = std::move(ips);
    t.extra_alt_names = std::move(other);
    return issue(ca, t);
  }
  PathResult check(const Node& leaf, const std::string& host = "") const {
    return check_path(leaf.cert(), certs({&ca}), certs({&root}), *provider(), server(host));
  }
};

void expect_ok(const PathResult& r) {
  CHECK_MESSAGE(r.ok, r.reason);
}

void expect_fail(const PathResult& r, AlertDescription alert, const std::string& text) {
  CHECK_FALSE(r.ok);
  CHECK_MESSAGE(r.alert == alert, "alert was " << alert_label(r.alert) << ": " << r.reason);
  CHECK_MESSAGE(r.reason.find(text) != std::string::npos, r.reason);
}

const Bytes kV4Mask24 = {192, 0, 2, 0, 255, 255, 255, 0};

}  // namespace

TEST_CASE("host names: the subjectAltName only, wildcards never over a public suffix") {
  CHECK(dns_name_matches("*.example.com", "a.example.com"));
  CHECK(dns_name_matches("*.github.io", "tlslab.github.io"));  // a private-section suffix
  CHECK_FALSE(dns_name_matches("*.co.uk", "example.co.uk"));
  CHECK_FALSE(dns_name_matches("*.kawasaki.jp", "x.kawasaki.jp"));
  CHECK(dns_name_matches("*.city.kawasaki.jp", "www.city.kawasaki.jp"));  // an exception rule
  CHECK_FALSE(dns_name_matches("*", "com"));
  CHECK_FALSE(dns_name_matches("*", "example.com"));
  CHECK_FALSE(dns_name_matches("foo_bar.example.com", "foo_bar.example.com"));
  CHECK_FALSE(dns_name_matches("ba*.example.com", "baz.example.com"));
  CHECK_FALSE(dns_name_matches("xn--*-1b3c148a.example.com", "xn--bliss-1b3c148a.example.com"));
  CHECK_FALSE(dns_name_matches("*.example.com", "*.example.com"));  // the reference is no pattern
  CHECK(is_public_suffix("com"));
  CHECK(is_public_suffix("co.uk"));
  CHECK_FALSE(is_public_suffix("example.com"));
  CHECK_FALSE(is_public_suffix("github.io"));
  CHECK(valid_dns_name("a-1.example.com", false));
  CHECK_FALSE(valid_dns_name("-a.example.com", false));
  CHECK_FALSE(valid_dns_name("a..example.com", false));
  CHECK_FALSE(valid_dns_name("example.com.", false));
  CHECK_FALSE(valid_dns_name(std::string(64, 'a') + ".com", false));
  CHECK(valid_dns_name("*.example.com", true));
  CHECK_FALSE(valid_dns_name("*.example.com", false));
  CHECK_FALSE(valid_dns_name("*", true));

  // In a chain: a public-suffix wildcard matches nothing; an IP literal only an iPAddress, a
  // dNSName "8.8.8.8" never an IP.
  Chain c;
  auto t = tmpl("example.co.uk", false);
  t.dns_names = {"*.co.uk", "8.8.8.8"};
  t.ip_addresses.clear();
  const Node leaf = issue(c.inter, t);
  CHECK_TLS_ERROR(validate(leaf, {&c.inter}, c.root, server("example.co.uk")),
                  AlertDescription::bad_certificate,
                  "does not match host name \"example.co.uk\" (presented: DNS:*.co.uk");
  CHECK_TLS_ERROR(validate(leaf, {&c.inter}, c.root, server("8.8.8.8")),
                  AlertDescription::bad_certificate, "does not match host name \"8.8.8.8\"");
}

TEST_CASE("dNSName constraints: wildcards by the whole name space they cover") {
  // The classic check treats "*.example.com" as one string: it is "inside" example.com and not
  // inside bar.example.com, so the leaf would pass while covering bar.example.com
  // (CVE-2025-61727's class).
  const Constrained permit_exclude({gn_dns("example.com")}, {gn_dns("bar.example.com")});
  expect_fail(permit_exclude.check(permit_exclude.leaf({"*.example.com"}), "bar.example.com"),
              AlertDescription::bad_certificate,
              "\"CN=leaf,O=tlslab path\": subjectAltName DNS:*.example.com is in an excluded "
              "subtree (DNS:bar.example.com) of the nameConstraints of certificate "
              "\"CN=constrained,O=tlslab path\" (RFC 5280 §4.2.1.10)");
  // Whatever host is asked for: the certificate itself is out of bounds.
  expect_fail(permit_exclude.check(permit_exclude.leaf({"*.example.com"}), "foo.example.com"),
              AlertDescription::bad_certificate, "is in an excluded subtree");
  expect_ok(permit_exclude.check(permit_exclude.leaf({"*.foo.example.com"}), "a.foo.example.com"));
  expect_ok(permit_exclude.check(permit_exclude.leaf({"foo.example.com"}), "foo.example.com"));
  expect_fail(permit_exclude.check(permit_exclude.leaf({"x.bar.example.com"})),
              AlertDescription::bad_certificate, "DNS:x.bar.example.com is in an excluded");
  // An exclusion two labels down meets no name the wildcard covers.
  const Constrained deep({gn_dns("example.com")}, {gn_dns("a.b.example.com")});
  expect_ok(deep.check(deep.leaf({"*.example.com"}), "c.example.com"));
  // Excluding the wildcard's own base excludes all of it.
  const Constrained whole({}, {gn_dns("example.com")});
  expect_fail(whole.check(whole.leaf({"*.example.com"})), AlertDescription::bad_certificate,
              "is in an excluded subtree (DNS:example.com)");

  // Permitted: the whole space inside, not just the pattern's suffix.
  const Constrained only_foo({gn_dns("foo.example.com")}, {});
  expect_fail(only_foo.check(only_foo.leaf({"*.example.com"}), "foo.example.com"),
              AlertDescription::bad_certificate,
              "subjectAltName DNS:*.example.com is outside the permitted subtrees");
  const Constrained apex({gn_dns("example.com")}, {});
  expect_ok(apex.check(apex.leaf({"*.example.com", "example.com", "a.b.example.com"})));
  expect_fail(apex.check(apex.leaf({"example.com", "notexample.com"})),
              AlertDescription::bad_certificate, "DNS:notexample.com is outside");
  // Every name is checked, not only the one asked for.
  expect_fail(apex.check(apex.leaf({"www.example.com", "www.example.org"}), "www.example.com"),
              AlertDescription::bad_certificate, "DNS:www.example.org is outside");
  // Other forms are not constrained by a dNSName subtree, and the reverse.
  const Constrained ip_only({gn_ip(kV4Mask24)}, {});
  expect_ok(ip_only.check(ip_only.leaf({"www.example.org"})));

  CHECK(wildcard_within("*.example.com", "example.com"));
  CHECK_FALSE(wildcard_within("*.example.com", "foo.example.com"));
  CHECK(wildcard_meets("*.example.com", "foo.example.com"));
  CHECK_FALSE(wildcard_meets("*.example.com", "a.foo.example.com"));
  CHECK(wildcard_meets("*.EXAMPLE.com", "example.COM"));
  CHECK(dns_name_within("a.b.example.com", "example.com"));
  CHECK_FALSE(dns_name_within("notexample.com", "example.com"));
  CHECK(dns_name_within("anything.test", ""));
}

TEST_CASE("dNSName constraints and names that cannot be checked are rejected") {
  // A leading dot or a wildcard is not dNSName constraint syntax.
  for (const char* base : {".example.com", "*.example.com", "exa mple.com"}) {
    CAPTURE(base);
    const Constrained bad_base({gn_dns(base)}, {});
    expect_fail(bad_base.check(bad_base.leaf({"foo.example.com"})),
                AlertDescription::unsupported_certificate,
                "subjectAltName DNS:foo.example.com cannot be checked against the permitted "
                "subtree DNS:" +
                    std::string(base));
  }
  // An unchecked exclusion is no less a reason.
  const Constrained bad_excluded({}, {gn_dns("*.bad.example.com")});
  expect_fail(bad_excluded.check(bad_excluded.leaf({"foo.example.com"})),
              AlertDescription::unsupported_certificate, "cannot be checked against the excluded");
  // minimum other than 0 / a maximum: no defined meaning.
  auto t = tmpl("constrained", true);
  const Bytes nc = der_of([&](der::Writer& w) {
    w.sequence([&](der::Writer& seq) {
      seq.constructed(Tag::context(0, true), [&](der::Writer& list) {
        list.sequence([&](der::Writer& st) {
          st.raw(gn_dns("example.com"));
          st.element(Tag::context(1, false), Bytes{2});  // maximum 2
        });
      });
    });
  });
  t.extra_extensions.push_back(raw_extension(OidId::name_constraints, true, nc));
  Chain c;
  const Node ca = issue(c.root, t);
  auto lt = tmpl("leaf", false);
  lt.dns_names = {"www.example.com"};
  lt.ip_addresses.clear();
  CHECK_TLS_ERROR(validate(issue(ca, lt), {&ca}, c.root, server("www.example.com")),
                  AlertDescription::unsupported_certificate, "cannot be checked");
}

TEST_CASE("iPAddress constraints: masks, families, malformed") {
  const Constrained v4({gn_ip(kV4Mask24)}, {gn_ip({192, 0, 2, 128, 255, 255, 255, 128})});
  expect_ok(v4.check(v4.leaf({}, {}, {{192, 0, 2, 1}}), "192.0.2.1"));
  expect_fail(v4.check(v4.leaf({}, {}, {{192, 0, 3, 1}})), AlertDescription::bad_certificate,
              "subjectAltName IP Address:192.0.3.1 is outside the permitted subtrees");
  expect_fail(v4.check(v4.leaf({}, {}, {{192, 0, 2, 200}})), AlertDescription::bad_certificate,
              "IP Address:192.0.2.200 is in an excluded subtree (IP:192.0.2.128/255.255.255.128)");
  // An IPv6 address is outside IPv4-only permitted subtrees.
  Bytes v6(16, 0);
  v6[15] = 1;
  expect_fail(v4.check(v4.leaf({}, {}, {v6})), AlertDescription::bad_certificate,
              "IP Address:0:0:0:0:0:0:0:1 is outside");
  Bytes v6_base(32, 0);
  v6_base[15] = 1;
  std::fill(v6_base.begin() + 16, v6_base.end(), 0xff);
  const Constrained loop6({}, {gn_ip(v6_base)});
  expect_fail(loop6.check(loop6.leaf({}, {}, {v6})), AlertDescription::bad_certificate,
              "is in an excluded subtree");
  expect_ok(loop6.check(loop6.leaf({}, {}, {{127, 0, 0, 1}})));
  // A mask that is not a prefix is malformed.
  const Constrained holes({gn_ip({10, 0, 0, 0, 255, 0, 255, 0})}, {});
  expect_fail(holes.check(holes.leaf({}, {}, {{10, 1, 0, 1}})),
              AlertDescription::unsupported_certificate, "cannot be checked");
}

TEST_CASE("rfc822Name constraints: mailbox, host, domain; '*' is a character") {
  const Constrained host({gn_email("example.com")}, {});
  expect_ok(
      host.check(host.leaf({}, {gn_email("alice@example.com"), gn_email("Bob@EXAMPLE.com")})));
  expect_fail(host.check(host.leaf({}, {gn_email("alice@sub.example.com")})),
              AlertDescription::bad_certificate,
              "subjectAltName email:alice@sub.example.com is outside the permitted subtrees");
  const Constrained mailbox({gn_email("alice@example.com"), gn_email("*@example.org")}, {});
  expect_ok(mailbox.check(mailbox.leaf({}, {gn_email("alice@Example.com")})));
  expect_fail(mailbox.check(mailbox.leaf({}, {gn_email("Alice@example.com")})),
              AlertDescription::bad_certificate, "email:Alice@example.com is outside");
  expect_ok(mailbox.check(mailbox.leaf({}, {gn_email("*@example.org")})));
  expect_fail(mailbox.check(mailbox.leaf({}, {gn_email("user@example.org")})),
              AlertDescription::bad_certificate, "email:user@example.org is outside");
  const Constrained domain({}, {gn_email(".example.net")});
  expect_fail(domain.check(domain.leaf({}, {gn_email("x@mail.example.net")})),
              AlertDescription::bad_certificate, "is in an excluded subtree (email:.example.net)");
  expect_ok(domain.check(domain.leaf({}, {gn_email("x@example.net")})));
  // Malformed addresses and constraints cannot be checked.
  expect_fail(host.check(host.leaf({}, {gn_email("a@b@example.com")})),
              AlertDescription::unsupported_certificate, "email:a@b@example.com cannot be checked");
  const Constrained bad({gn_email("invalid@invalid@example.com")}, {});
  expect_fail(bad.check(bad.leaf({}, {gn_email("x@example.com")})),
              AlertDescription::unsupported_certificate, "cannot be checked");
  // The subject's emailAddress attributes are rfc822Names too (RFC 5280 §4.2.1.10).
  auto t = tmpl("leaf", false);
  t.subject_ia5 = {{OidId::email_address, "mallory@evil.example"}};
  expect_fail(host.check(issue(host.ca, t)), AlertDescription::bad_certificate,
              "subject emailAddress mallory@evil.example is outside the permitted subtrees");
}

TEST_CASE("URI constraints: the host of the authority") {
  const Constrained sub({gn_uri(".example.com")}, {gn_uri("bad.example.com")});
  expect_ok(sub.check(sub.leaf({}, {gn_uri("https://www.example.com:8443/path?q#f")})));
  expect_ok(sub.check(sub.leaf({}, {gn_uri("ldap://user:pw@dir.Example.com/")})));
  expect_fail(sub.check(sub.leaf({}, {gn_uri("https://example.com/")})),
              AlertDescription::bad_certificate,
              "subjectAltName URI:https://example.com/ is outside the permitted subtrees");
  expect_fail(sub.check(sub.leaf({}, {gn_uri("https://bad.example.com/")})),
              AlertDescription::bad_certificate, "is in an excluded subtree (URI:bad.example.com)");
  const Constrained exact({gn_uri("host.example.com")}, {});
  expect_ok(exact.check(exact.leaf({}, {gn_uri("https://host.example.com")})));
  expect_fail(exact.check(exact.leaf({}, {gn_uri("https://www.host.example.com")})),
              AlertDescription::bad_certificate, "is outside");
  // No authority, or an IP literal: no host name to check.
  for (const char* uri : {"urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "https://[::1]/",
                          "https://192.0.2.1/", "mailto:a@example.com"}) {
    CAPTURE(uri);
    expect_fail(sub.check(sub.leaf({}, {gn_uri(uri)})), AlertDescription::unsupported_certificate,
                "cannot be checked against the excluded subtree URI:bad.example.com");
  }
}

TEST_CASE("directoryName constraints: the subject and DirName entries") {
  const Constrained org(
      {gn_dir({{OidId::organization_name, "tlslab path"}})},
      {gn_dir({{OidId::organization_name, "TLSLAB  Path"}, {OidId::common_name, "banned"}})});
  // Every leaf of the template has O=tlslab path first.
  expect_ok(org.check(org.leaf({"localhost"})));
  auto t = tmpl("banned", false);
  expect_fail(org.check(issue(org.ca, t)), AlertDescription::bad_certificate,
              "subject \"CN=banned,O=tlslab path\" is in an excluded subtree");
  auto other = tmpl("leaf", false);
  other.subject = {{OidId::organization_name, "elsewhere"}, {OidId::common_name, "leaf"}};
  expect_fail(org.check(issue(org.ca, other)), AlertDescription::bad_certificate,
              "subject \"CN=leaf,O=elsewhere\" is outside the permitted subtrees");
  // A DirName in the subjectAltName is checked as well.
  expect_fail(org.check(org.leaf({"localhost"}, {gn_dir({{OidId::organization_name, "x"}})})),
              AlertDescription::bad_certificate, "subjectAltName DirName:/O=x is outside");
}

TEST_CASE("forms tlslab cannot check are refused only when such a name is there") {
  const Constrained other({gn_dns("example.com")}, {gn_other("1.3.6.1.4.1.55555.3")});
  expect_ok(other.check(other.leaf({"www.example.com"})));
  expect_fail(other.check(other.leaf({"www.example.com"}, {gn_other("1.3.6.1.4.1.55555.3")})),
              AlertDescription::unsupported_certificate,
              "subjectAltName othername:<unsupported> cannot be checked against the excluded "
              "subtree");
}

TEST_CASE("constraints bind every certificate below, self-issued intermediates excepted") {
  Node root = test::path::root();
  auto ct = tmpl("constrained", true);
  ct.extra_extensions.push_back(
      nc_extension({gn_dns("permitted.example.com")}, {gn_dns("forbidden.example.com")}));
  const Node ca = issue(root, ct);
  // An intermediate's own subjectAltName is a name under the constraints.
  auto it = tmpl("inter", true);
  it.dns_names = {"forbidden.example.com"};
  const Node inter = issue(ca, it);
  auto lt = tmpl("leaf", false);
  lt.dns_names = {"permitted.example.com"};
  lt.ip_addresses.clear();
  const Node leaf = issue(inter, lt);
  CHECK_TLS_ERROR(validate(leaf, {&inter, &ca}, root, server("permitted.example.com")),
                  AlertDescription::bad_certificate,
                  "\"CN=inter,O=tlslab path\": subjectAltName DNS:forbidden.example.com is in an "
                  "excluded subtree");
  // A lower CA cannot widen what an upper one permits.
  auto wide = tmpl("wide", true);
  wide.extra_extensions.push_back(
      nc_extension({gn_dns("permitted.example.com"), gn_dns("other.example.com")}, {}));
  const Node wider = issue(ca, wide);
  auto lo = tmpl("leaf", false);
  lo.dns_names = {"other.example.com"};
  lo.ip_addresses.clear();
  CHECK_TLS_ERROR(validate(issue(wider, lo), {&wider, &ca}, root, server("other.example.com")),
                  AlertDescription::bad_certificate,
                  "DNS:other.example.com is outside the permitted subtrees of the "
                  "nameConstraints of certificate \"CN=constrained,O=tlslab path\"");
  // A self-issued intermediate (same name, new key) is exempt; a self-issued leaf is not.
  auto self_t = tmpl("constrained", true);
  self_t.dns_names = {"forbidden.example.com"};
  const Node rollover = issue(ca, self_t);  // subject = issuer = CN=constrained
  REQUIRE(rollover.cert().self_issued());
  const Node under = issue(rollover, lt);
  CHECK(validate(under, {&rollover, &ca}, root, server("permitted.example.com")).size() == 4);
}

TEST_CASE("nameConstraints only in CA certificates; non-critical ones are still enforced") {
  Chain c;
  auto lt = tmpl("leaf", false);
  lt.extra_extensions.push_back(nc_extension({gn_dns("example.com")}, {}));
  CHECK_TLS_ERROR(validate(issue(c.inter, lt), {&c.inter}, c.root, server()),
                  AlertDescription::bad_certificate,
                  "\"CN=leaf,O=tlslab path\": nameConstraints in an end-entity certificate");
  // The CA/B Forum lets a CA mark nameConstraints non-critical for old clients; tlslab applies
  // them all the same (as Go, webpki and browsers do).
  auto ct = tmpl("soft", true);
  ct.extra_extensions.push_back(nc_extension({gn_dns("example.com")}, {}, false));
  const Node soft = issue(c.root, ct);
  auto ok = tmpl("leaf", false);
  ok.dns_names = {"www.example.com"};
  ok.ip_addresses.clear();
  CHECK(validate(issue(soft, ok), {&soft}, c.root, server("www.example.com")).size() == 3);
  CHECK_TLS_ERROR(validate(issue(soft, tmpl("leaf", false)), {&soft}, c.root, server()),
                  AlertDescription::bad_certificate, "DNS:localhost is outside");
}

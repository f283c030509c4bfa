// Fuzz target for X.509 parsing: Certificate::parse on the input; an accepted certificate is
// printed (text and JSON, every extension), its DER re-parses to the same fields, and when its
// own key is small enough it checks its own signature (self-signed or not, the answer only has
// to be a bool or a tlslab::Error). Then path validation over the certificate alone (pinned as
// its own anchor: the profile, key and host-name rules), its own nameConstraints applied to its
// own names within a budget, and host-name matching: each answers with a verdict, never a
// crash. Anything but tlslab::Error aborts.
#include <cstdint>
#include <cstdlib>
#include <variant>

#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/error.hpp"
#include "tlslab/pki/host_name.hpp"
#include "tlslab/pki/name_constraints.hpp"
#include "tlslab/pki/path_validation.hpp"
#include "tlslab/pki/x509.hpp"
#include "tlslab/pki/x509_json.hpp"
#include "tlslab/pki/x509_print.hpp"

namespace {

using namespace tlslab;

void check(bool ok) {
  if (!ok) std::abort();
}

crypto::Provider& provider() {
  static const auto p = crypto::make_default_provider();
  return *p;
}

bool same(ByteView a, ByteView b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::optional<pki::Certificate> cert;
  try {
    cert = pki::Certificate::parse({data, size});
  } catch (const Error& e) {
    check(e.alert() == AlertDescription::bad_certificate ||
          e.alert() == AlertDescription::unsupported_certificate);
    check(!e.reason().empty());
    return 0;
  }
  const pki::Certificate& c = *cert;
  check(same(c.der(), {data, size}));
  const pki::Certificate again = pki::Certificate::parse(c.der());
  check(same(again.tbs_der(), c.tbs_der()));
  check(again.subject().rfc2253() == c.subject().rfc2253());
  check(again.extensions().size() == c.extensions().size());
  (void)pki::certificate_text(c, provider());
  (void)pki::certificate_json(c, provider()).dump();
  (void)c.issuer().oneline();
  (void)c.subject().slashed();
  if (const auto& key = c.public_key().key) {
    // Keep verification cheap: RSA keys up to 4096 bits (the fuzzer would otherwise spend its
    // time in modular exponentiation).
    if (c.public_key().bits() <= 4096) {
      try {
        const auto imported = provider().import_public_key(*key);
        (void)c.verify_signature(*imported);
      } catch (const Error& e) {
        check(!e.reason().empty());
      }
    }
  }
  pki::ValidationOptions o;
  o.purpose = pki::Purpose::server_auth;
  o.host_name = "www.example.com";
  o.now = c.not_before().seconds;
  const auto r = pki::check_path(c, {c}, {c}, provider(), o);
  check(r.ok || !r.reason.empty());
  check(!r.chain.empty());
  if (c.name_constraints()) {
    std::size_t left = 10'000;
    const auto v = pki::check_name_constraints(*c.name_constraints(), c, left);
    check(!v || !v->problem.empty());
  }
  (void)pki::host_name_matches(c, "www.example.com");
  (void)pki::host_name_matches(c, "192.0.2.1");
  return 0;
}

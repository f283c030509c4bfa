// Fuzz target for X.509 parsing: Certificate::parse on the input; an accepted certificate is
// printed (text and JSON, every extension), its DER re-parses to the same fields, and when its
// own key is small enough it checks its own signature (self-signed or not, the answer only has
// to be a bool or a tlslab::Error). Anything but tlslab::Error aborts.
#include <cstdint>
#include <cstdlib>
#include <variant>

#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/error.hpp"
#include "tlslab/pki/x509.hpp"
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
  return 0;
}

// Fuzz target for PKCS#12 (RFC 7292): the input as a PFX, read without a password (structure)
// and opened with the seed corpus's password and low limits (the KDF cost per input stays
// small). Oracles: every failure of load_pkcs12 is a Pkcs12Error with a reason; a loaded file's
// chain and extras index its certificates exactly once; the keys re-encode as PKCS#8; the
// identity has the chain's length. Anything but tlslab::Error aborts.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/error.hpp"
#include "tlslab/pki/keys.hpp"
#include "tlslab/pki/pkcs12.hpp"

namespace {

using namespace tlslab;

void check(bool ok) {
  if (!ok) std::abort();
}

pki::Pkcs12Limits limits() {
  pki::Pkcs12Limits l;
  l.pbe.max_iterations = 2048;
  l.max_bags = 64;
  return l;
}

void check_contents(const pki::Pkcs12Contents& c, crypto::Provider& provider) {
  std::vector<int> seen(c.certificates.size(), 0);
  for (const auto i : c.chain) {
    check(i < seen.size());
    ++seen[i];
  }
  for (const auto i : c.extras) {
    check(i < seen.size());
    ++seen[i];
  }
  for (const int n : seen)
    check(n == 1);
  check(c.keys.size() == c.key_attributes.size());
  for (const auto& k : c.keys) {
    try {
      (void)pki::parse_pkcs8(pki::encode_pkcs8(k));
    } catch (const Error&) {
      check(false);
    }
  }
  if (!c.keys.empty() && !c.chain.empty()) {
    try {
      const auto id = pki::pkcs12_identity(c, provider);
      check(id.chain.size() == c.chain.size());
    } catch (const Error& e) {
      check(!e.reason().empty());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto provider = crypto::make_default_provider();
  const ByteView input(data, size);
  try {
    (void)pki::parse_pkcs12_structure(input, limits());
  } catch (const Error& e) {
    check(!e.reason().empty());
  }
  try {
    check_contents(pki::load_pkcs12(input, "tlslab p12 test", *provider, limits()), *provider);
  } catch (const pki::Pkcs12Error& e) {
    check(!e.reason().empty());
  } catch (const Error&) {
    check(false);  // load_pkcs12 reports everything as a Pkcs12Error
  }
  return 0;
}

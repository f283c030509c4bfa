// Fuzz target for PEM and the file loaders: parse_pem on the input, every block written back
// with encode_pem and parsed again to the same label and bytes; then the input as a certificate
// file and as a private key file (fixed password, low iteration cap). Anything but
// tlslab::Error aborts.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "tlslab/error.hpp"
#include "tlslab/pki/keys.hpp"
#include "tlslab/pki/pem.hpp"
#include "tlslab/pki/x509.hpp"

namespace {

using namespace tlslab;

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto blocks = pki::parse_pem(text);
    for (const auto& b : blocks) {
      // Labels come from BEGIN lines, so they hold no line breaks and the writer's output is
      // one block again.
      const auto again = pki::parse_pem(pki::encode_pem(b.label, b.der));
      check(again.size() == 1);
      check(again[0].label == b.label);
      check(again[0].der == b.der);
    }
  } catch (const Error& e) {
    check(e.alert() == AlertDescription::decode_error);
    check(!e.reason().empty());
  }
  try {
    (void)pki::load_certificates({data, size});
  } catch (const Error& e) {
    check(!e.reason().empty());
  }
  try {
    pki::PbeLimits limits;
    limits.max_iterations = 2048;
    (void)pki::load_private_key({data, size}, std::string_view("tlslab test password"), limits);
  } catch (const Error& e) {
    check(!e.reason().empty());
  }
  return 0;
}

// Fuzz target for vectors (issue 7): the input as a vector document. Everything people bring to
// `tlslab replay` goes through here: the reader (parse_vector), the writer (a parsed vector
// written and read back writes the same text again), replay in verify mode, and the act-as modes
// for the sides whose configuration and randomness the document gives. Oracles: every failure
// is a tlslab::Error (the reader, the side description) or a divergence in the report, never
// another exception or a crash; a green verify replay has both Finished verified or the expected
// alert. Seeds: the committed vectors of tests/data/captures, minified (fuzz/corpus/vector).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/error.hpp"
#include "tlslab/vectors/act.hpp"
#include "tlslab/vectors/replay.hpp"
#include "tlslab/vectors/vector.hpp"

namespace {

using namespace tlslab;

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static auto provider = crypto::make_default_provider();
  vectors::Vector v;
  try {
    v = vectors::parse_vector(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const Error&) {
    return 0;  // the reader's precise error: fine
  }
  // The writer: what it writes reads back to a vector that writes the same text.
  const std::string written = vectors::write_vector(v);
  vectors::Vector again;
  try {
    again = vectors::parse_vector(std::string_view(written));
  } catch (const Error&) {
    std::abort();  // the writer wrote something its own reader refuses
  }
  check(vectors::write_vector(again) == written);

  const auto report = vectors::replay(v, *provider);
  if (report.ok()) check(report.finished_verified == 2 || v.expect.alert.has_value());
  for (const auto role : {vectors::Direction::client, vectors::Direction::server}) {
    if (!vectors::can_act(v, role)) continue;
    try {
      const auto acted = vectors::act(v, role, *provider);
      check(acted.ok() || acted.divergence.has_value() || !acted.unavailable.empty());
    } catch (const Error&) {
      // A malformed side description: named like the reader's errors.
    }
  }
  return 0;
}

// Finished (RFC 5246 §7.4.9).
#include "tlslab/messages/finished.hpp"

#include <string>

#include "tlslab/error.hpp"

namespace tlslab::messages {

using codec::Reader;
using codec::Writer;

Finished Finished::parse(Reader& r) {
  if (r.remaining() != kVerifyDataLength) {
    r.fail(AlertDescription::decode_error, "verify_data",
           "length " + std::to_string(r.remaining()) + " is not 12");
  }
  Finished m;
  m.verify_data = r.bytes(kVerifyDataLength, "verify_data");
  return m;
}

void Finished::serialize(Writer& w) const {
  if (verify_data.size() != kVerifyDataLength) {
    fail(AlertDescription::internal_error,
         "Finished.verify_data: " + std::to_string(verify_data.size()) + " bytes, not 12");
  }
  w.bytes(verify_data);
}
}  // namespace tlslab::messages

// HelloRequest and ServerHelloDone (RFC 5246 §7.4.1.1, §7.4.5): empty bodies.
#include "tlslab/messages/empty_messages.hpp"

namespace tlslab::messages {

using codec::Reader;

HelloRequest HelloRequest::parse(Reader& r) {
  r.expect_end();
  return {};
}

ServerHelloDone ServerHelloDone::parse(Reader& r) {
  r.expect_end();
  return {};
}
}  // namespace tlslab::messages

// ServerHello (RFC 5246 §7.4.1.3).
#include "tlslab/messages/server_hello.hpp"

#include <string>

#include "hello_common.hpp"
#include "tlslab/error.hpp"

namespace tlslab::messages {

using codec::Reader;
using codec::Writer;
using detail::kSessionId;
using detail::read_random;

ServerHello ServerHello::parse(Reader& r) {
  ServerHello m;
  m.server_version = r.u16("server_version");
  m.random = read_random(r);
  m.session_id = r.opaque("session_id", kSessionId);
  m.cipher_suite = r.u16("cipher_suite");
  m.compression_method = r.u8("compression_method");
  if (m.compression_method != 0) {
    r.fail(AlertDescription::illegal_parameter, "compression_method",
           "method " + std::to_string(m.compression_method) + " was not offered (only null is)");
  }
  m.extensions = Extensions::parse(r, Origin::server_hello);
  r.expect_end();
  return m;
}

void ServerHello::serialize(Writer& w) const {
  w.u16(server_version);
  w.bytes(random);
  w.opaque("ServerHello.session_id", session_id, kSessionId);
  w.u16(cipher_suite);
  w.u8(compression_method);
  extensions.serialize(w);
}
}  // namespace tlslab::messages

// ClientHello (RFC 5246 §7.4.1.2).
#include "tlslab/messages/client_hello.hpp"

#include <algorithm>
#include <string>

#include "hello_common.hpp"
#include "tlslab/error.hpp"

namespace tlslab::messages {

using codec::Reader;
using codec::Writer;
using detail::kSessionId;
using detail::read_random;

namespace {
// CipherSuite cipher_suites<2..2^16-2>; CompressionMethod compression_methods<1..2^8-1>.
constexpr auto kCipherSuites = codec::Bounds::u16(2, 0xfffe, 2);
constexpr auto kCompressionMethods = codec::Bounds::u8(1);
}  // namespace

ClientHello ClientHello::parse(Reader& r) {
  ClientHello m;
  m.client_version = r.u16("client_version");
  m.random = read_random(r);
  m.session_id = r.opaque("session_id", kSessionId);
  Reader suites = r.sub("cipher_suites", kCipherSuites);
  m.cipher_suites.reserve(suites.remaining() / 2);
  while (!suites.empty())
    m.cipher_suites.push_back(suites.u16("cipher_suite"));
  Reader methods = r.sub("compression_methods", kCompressionMethods);
  m.compression_methods = methods.data();
  bool has_null = false;
  while (!methods.empty())
    has_null |= methods.u8("compression_method") == 0;
  m.extensions = Extensions::parse(r, Origin::client_hello);
  r.expect_end();
  if (!has_null) {
    // RFC 5246 §7.4.1.2: "this vector MUST contain ... CompressionMethod.null". Checked only
    // once the whole message decoded: a well-formed message with the wrong value is
    // illegal_parameter (tlsfuzzer's test-invalid-compression-methods.py; OpenSSL answers
    // decode_error), while a misframed one — a wrong cipher_suites length shifting the bytes
    // into this list — stays decode_error (test-invalid-client-hello-w-record-overflow.py).
    r.fail(AlertDescription::illegal_parameter, "compression_methods",
           "the null method (0) is missing");
  }
  return m;
}

void ClientHello::serialize(Writer& w) const {
  w.u16(client_version);
  w.bytes(random);
  w.opaque("ClientHello.session_id", session_id, kSessionId);
  w.sub("ClientHello.cipher_suites", kCipherSuites, [&](Writer& s) {
    for (auto c : cipher_suites)
      s.u16(c);
  });
  w.opaque("ClientHello.compression_methods", compression_methods, kCompressionMethods);
  extensions.serialize(w);
}

bool ClientHello::offers(std::uint16_t cipher_suite) const noexcept {
  return std::find(cipher_suites.begin(), cipher_suites.end(), cipher_suite) != cipher_suites.end();
}
}  // namespace tlslab::messages

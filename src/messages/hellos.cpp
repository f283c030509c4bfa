// ClientHello and ServerHello (RFC 5246 §7.4.1.2, §7.4.1.3).
#include <algorithm>
#include <string>

#include "tlslab/error.hpp"
#include "tlslab/messages/client_hello.hpp"
#include "tlslab/messages/server_hello.hpp"

namespace tlslab::messages {

using codec::Reader;
using codec::Writer;

namespace {

// RFC 5246 §7.4.1.2: opaque SessionID<0..32>; CipherSuite cipher_suites<2..2^16-2>;
// CompressionMethod compression_methods<1..2^8-1>.
constexpr auto kSessionId = codec::Bounds::u8(0, 32);
constexpr auto kCipherSuites = codec::Bounds::u16(2, 0xfffe, 2);
constexpr auto kCompressionMethods = codec::Bounds::u8(1);

std::array<std::uint8_t, 32> read_random(Reader& r) {
  std::array<std::uint8_t, 32> out{};
  const ByteView b = r.bytes(32, "random");
  std::copy(b.begin(), b.end(), out.begin());
  return out;
}

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

ClientHello ClientHello::parse(ByteView body) {
  Reader r(body, "ClientHello");
  return parse(r);
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

ServerHello ServerHello::parse(ByteView body) {
  Reader r(body, "ServerHello");
  return parse(r);
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

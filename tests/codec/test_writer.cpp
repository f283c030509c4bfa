#include "../test_util.hpp"
#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"

using tlslab::AlertDescription;
using tlslab::Bytes;
using tlslab::codec::Reader;
using tlslab::codec::Writer;
using tlslab::test::hex;

TEST_CASE("Writer encodes integers big-endian and appends") {
  Bytes out = hex("ee");
  Writer w(out);
  w.u8(0x01);
  w.u16(0x0203);
  w.u24(0x040506);
  w.u32(0x0708090a);
  w.u64(0x0b0c0d0e0f101112ULL);
  w.bytes(hex("aabb"));
  CHECK(out == hex("ee 01 0203 040506 0708090a 0b0c0d0e0f101112 aabb"));
  CHECK(w.size() == out.size());
}

TEST_CASE("Writer u24 rejects values of 2^24 and above") {
  Bytes out;
  Writer w(out);
  CHECK_TLS_ERROR(w.u24(0x1000000, "Handshake.length"), AlertDescription::internal_error,
                  "Handshake.length: value 16777216 does not fit in 24 bits");
  w.u24(0xffffff);
  CHECK(out == hex("ffffff"));
}

TEST_CASE("Writer opaque vectors write their prefix and check limits") {
  Bytes out;
  Writer w(out);
  w.opaque8("a", hex("0102"));
  w.opaque16("b", hex("03"));
  w.opaque24("c", Bytes{});
  CHECK(out == hex("02 0102 0001 03 000000"));
  CHECK_TLS_ERROR(w.opaque8("session_id", Bytes(256, 0)), AlertDescription::internal_error,
                  "session_id: 256 bytes do not fit a 8-bit length prefix (maximum 255)");
  CHECK_TLS_ERROR(w.opaque16("cipher_suites", Bytes{}, 2), AlertDescription::internal_error,
                  "cipher_suites: 0 bytes are below the minimum 2");
  CHECK_TLS_ERROR(w.opaque16("extensions", Bytes(65536, 0)), AlertDescription::internal_error,
                  "extensions: 65536 bytes do not fit a 16-bit length prefix (maximum 65535)");
  CHECK_TLS_ERROR(w.opaque24("certificate", Bytes(1, 0), 2), AlertDescription::internal_error,
                  "certificate: 1 bytes are below the minimum 2");
  CHECK(out == hex("02 0102 0001 03 000000"));  // failed writes left nothing behind
}

TEST_CASE("Writer scopes backfill nested lengths") {
  Bytes out;
  Writer w(out);
  w.sub16("extensions", [](Writer& ext) {
    ext.u16(0x0000);  // server_name
    ext.sub16("extension_data", [](Writer& d) {
      d.sub16("server_name_list", [](Writer& l) {
        l.u8(0);
        l.opaque16("host_name", tlslab::view(std::string_view("a.b")));
      });
    });
  });
  CHECK(out == hex("000c 0000 0008 0006 00 0003 612e62"));
  Bytes three;
  Writer w3(three);
  w3.sub24("certificate_list", [](Writer& c) { c.opaque24("cert", hex("3003")); });
  CHECK(three == hex("000005 000002 3003"));
  Bytes one;
  Writer w1(one);
  w1.sub8("methods", [](Writer& m) { m.u8(0); });
  CHECK(one == hex("01 00"));
}

TEST_CASE("Writer scopes reject overflow and short bodies and restore the buffer") {
  Bytes out = hex("aa");
  Writer w(out);
  CHECK_TLS_ERROR(w.sub8("session_id", [](Writer& s) { s.bytes(Bytes(300, 1)); }),
                  AlertDescription::internal_error,
                  "session_id: 300 bytes do not fit a 8-bit length prefix");
  CHECK(out == hex("aa"));
  CHECK_TLS_ERROR(w.sub16(
                      "signature_algorithms", [](Writer&) {}, 2),
                  AlertDescription::internal_error,
                  "signature_algorithms: 0 bytes are below the minimum 2");
  CHECK(out == hex("aa"));
  CHECK_TLS_ERROR(w.sub24(
                      "c", [](Writer& s) { s.bytes(Bytes(1, 0)); }, 3),
                  AlertDescription::internal_error, "c: 1 bytes are below the minimum 3");
  CHECK(out == hex("aa"));
}

TEST_CASE("Writer output reads back through Reader (round trip)") {
  Bytes out;
  Writer w(out);
  w.u16(0x0303);
  w.bytes(Bytes(32, 0x5a));
  w.opaque8("session_id", hex("0102030405"));
  w.sub16("cipher_suites", [](Writer& c) {
    c.u16(0xc02b);
    c.u16(0x1301);
  });
  Reader r(out, "ClientHello");
  CHECK(r.u16("client_version") == 0x0303);
  CHECK(r.bytes(32, "random").size() == 32);
  CHECK(tlslab::test::copy(r.opaque8("session_id", 0, 32)) == hex("0102030405"));
  Reader suites = r.sub16("cipher_suites", 2, 0xfffe, 2);
  CHECK(suites.u16("cipher_suite") == 0xc02b);
  CHECK(suites.u16("cipher_suite") == 0x1301);
  suites.expect_end();
  r.expect_end();
}

TEST_CASE("Bounds: one declaration, the same limits for Reader and Writer") {
  using tlslab::codec::Bounds;
  constexpr auto kSessionId = Bounds::u8(0, 32);
  constexpr auto kSuites = Bounds::u16(2, 0xfffe, 2);
  // The writer refuses what the reader refuses: above the maximum, below the minimum, not a
  // whole number of elements — and leaves the buffer as it was.
  Bytes out = hex("aa");
  Writer w(out);
  CHECK_TLS_ERROR(w.opaque("ServerHello.session_id", Bytes(33, 0), kSessionId),
                  AlertDescription::internal_error,
                  "ServerHello.session_id: 33 bytes are above the maximum 32");
  CHECK_TLS_ERROR(w.sub("ClientHello.cipher_suites", kSuites, [](Writer& s) { s.u8(1); }),
                  AlertDescription::internal_error,
                  "ClientHello.cipher_suites: 1 bytes are below the minimum 2");
  CHECK_TLS_ERROR(w.sub("ClientHello.cipher_suites", kSuites,
                        [](Writer& s) {
                          s.u16(0xc02b);
                          s.u8(1);
                        }),
                  AlertDescription::internal_error, "3 bytes are not a multiple of 2");
  CHECK(out == hex("aa"));
  w.opaque("session_id", Bytes(32, 7), kSessionId);
  w.sub("cipher_suites", kSuites, [](Writer& s) { s.u16(0xc02b); });
  CHECK(out.size() == 1 + 33 + 4);

  Reader r(tlslab::ByteView(out).subspan(1), "ServerHello");
  CHECK(r.opaque("session_id", kSessionId).size() == 32);
  Reader suites = r.sub("cipher_suites", kSuites);
  CHECK(suites.u16("cipher_suite") == 0xc02b);
  const Bytes too_long = [] {
    Bytes b{33};
    b.insert(b.end(), 33, 0);
    return b;
  }();
  Reader bad(too_long, "ServerHello");
  CHECK_TLS_ERROR(bad.opaque("session_id", kSessionId), AlertDescription::decode_error,
                  "ServerHello.session_id: length 33 at offset 0 is above the maximum 32");
}

#include "../test_util.hpp"
#include "tlslab/codec/reader.hpp"

using tlslab::AlertDescription;
using tlslab::Bytes;
using tlslab::codec::Reader;
using tlslab::test::hex;

TEST_CASE("Reader reads big-endian integers and fixed vectors") {
  const Bytes data = hex("01 0203 040506 0708090a 0b0c0d0e0f101112 aabb");
  Reader r(data, "T");
  CHECK(r.u8("a") == 0x01);
  CHECK(r.u16("b") == 0x0203);
  CHECK(r.u24("c") == 0x040506);
  CHECK(r.u32("d") == 0x0708090a);
  CHECK(r.u64("e") == 0x0b0c0d0e0f101112ULL);
  CHECK(r.offset() == 18);
  const auto tail = r.bytes(2, "f");
  CHECK(tail.size() == 2);
  CHECK(tail.data() == data.data() + 18);  // a view, not a copy
  CHECK(r.empty());
  r.expect_end();
}

TEST_CASE("Reader integer truncation names the field, offset and what is left") {
  const Bytes data = hex("01");
  Reader r(data, "ServerHello");
  CHECK_TLS_ERROR(r.u16("server_version"), AlertDescription::decode_error,
                  "ServerHello.server_version: needs 2 bytes at offset 0, 1 left");
  Reader r3(data, "M");
  CHECK_TLS_ERROR(r3.u24("length"), AlertDescription::decode_error, "M.length: needs 3 bytes");
  Reader r4(data, "M");
  CHECK_TLS_ERROR(r4.u32("x"), AlertDescription::decode_error, "M.x: needs 4 bytes");
  Reader r8(data, "M");
  CHECK_TLS_ERROR(r8.u64("seq"), AlertDescription::decode_error, "M.seq: needs 8 bytes");
  Reader r0(tlslab::ByteView{}, "Empty");
  CHECK_TLS_ERROR(r0.u8("type"), AlertDescription::decode_error,
                  "Empty.type: needs 1 byte at offset 0, 0 left");
  Reader rb(data, "M");
  CHECK_TLS_ERROR(rb.bytes(32, "random"), AlertDescription::decode_error,
                  "M.random: needs 32 bytes at offset 0, 1 left");
}

TEST_CASE("Reader opaque vectors: content, minimum, maximum, unit and overrun") {
  SUBCASE("opaque8/16/24 read their bodies") {
    const Bytes data = hex("02 aabb 0003 010203 000001 ff");
    Reader r(data, "T");
    CHECK(r.opaque8("a").size() == 2);
    CHECK(r.opaque16("b").size() == 3);
    const auto c = r.opaque24("c");
    REQUIRE(c.size() == 1);
    CHECK(c[0] == 0xff);
    r.expect_end();
  }
  SUBCASE("below the declared minimum") {
    const Bytes data = hex("00");
    Reader r(data, "ClientHello");
    CHECK_TLS_ERROR(r.opaque8("compression_methods", 1), AlertDescription::decode_error,
                    "ClientHello.compression_methods: length 0 at offset 0 is below the minimum 1");
  }
  SUBCASE("above the declared maximum") {
    Bytes data = hex("0021");
    data.resize(2 + 33, 0);
    Reader r(data, "ClientHello");
    CHECK_TLS_ERROR(r.opaque16("session_id", 0, 32), AlertDescription::decode_error,
                    "ClientHello.session_id: length 33 at offset 0 is above the maximum 32");
  }
  SUBCASE("not a multiple of the element size") {
    const Bytes data = hex("0003 c02b00");
    Reader r(data, "ClientHello");
    CHECK_TLS_ERROR(r.opaque16("cipher_suites", 2, 0xfffe, 2), AlertDescription::decode_error,
                    "ClientHello.cipher_suites: length 3 at offset 0 is not a multiple of 2");
  }
  SUBCASE("length runs past the end") {
    const Bytes data = hex("000005 0102");
    Reader r(data, "Certificate");
    CHECK_TLS_ERROR(r.opaque24("certificate_list"), AlertDescription::decode_error,
                    "Certificate.certificate_list: length 5 at offset 0 exceeds the 2 bytes left");
  }
  SUBCASE("truncated length prefix") {
    const Bytes data = hex("00");
    Reader r(data, "X");
    CHECK_TLS_ERROR(r.opaque16("v"), AlertDescription::decode_error, "X.v: needs 2 bytes");
  }
}

// The same checks through the opaque8/opaque24 prefixes, so every width's path is exercised.
TEST_CASE("Reader limits apply to every prefix width") {
  const Bytes short8 = hex("03 0102");
  Reader a(short8, "A");
  CHECK_TLS_ERROR(a.opaque8("v"), AlertDescription::decode_error, "exceeds the 2 bytes left");
  const Bytes odd24 = hex("000003 010203");
  Reader b(odd24, "B");
  CHECK_TLS_ERROR(b.opaque24("v", 0, 0xffffff, 2), AlertDescription::decode_error,
                  "not a multiple of 2");
  const Bytes big24 = hex("000004 01020304");
  Reader c(big24, "C");
  CHECK_TLS_ERROR(c.opaque24("v", 0, 3), AlertDescription::decode_error, "above the maximum 3");
  const Bytes min16 = hex("0000");
  Reader d(min16, "D");
  CHECK_TLS_ERROR(d.sub16("v", 2), AlertDescription::decode_error, "below the minimum 2");
  const Bytes odd8 = hex("03 010203");
  Reader e(odd8, "E");
  CHECK_TLS_ERROR(e.sub8("v", 0, 255, 2), AlertDescription::decode_error, "not a multiple of 2");
  const Bytes over24 = hex("000009 00");
  Reader f(over24, "F");
  CHECK_TLS_ERROR(f.sub24("v"), AlertDescription::decode_error, "exceeds the 1 bytes left");
}

TEST_CASE("Nested readers carry the field path and absolute offsets") {
  // extensions<2> { type(2) data<2> { list<2> { u8 } } }
  const Bytes data = hex("ff 0007 0000 0003 0001 aa");
  Reader r(data, "ClientHello");
  CHECK(r.u8("legacy") == 0xff);
  Reader exts = r.sub16("extensions");
  CHECK(exts.offset() == 3);
  CHECK(exts.u16("extension_type") == 0);
  Reader ext = exts.sub16("server_name");
  Reader list = ext.sub16("server_name_list");
  CHECK(list.offset() == 9);
  CHECK(list.u8("name_type") == 0xaa);
  CHECK_TLS_ERROR(list.u16("length"), AlertDescription::decode_error,
                  "ClientHello.extensions.server_name.server_name_list.length: needs 2 bytes at "
                  "offset 10, 0 left");
  list.expect_end();
  ext.expect_end();
  exts.expect_end();
  r.expect_end();
}

TEST_CASE("sub(n) and rest()") {
  const Bytes data = hex("01020304");
  Reader r(data, "Record");
  Reader body = r.sub(3, "fragment");
  CHECK(body.remaining() == 3);
  CHECK(body.u8("x") == 1);
  CHECK_TLS_ERROR(body.bytes(3, "y"), AlertDescription::decode_error,
                  "Record.fragment.y: needs 3 bytes at offset 1, 2 left");
  CHECK(r.rest().size() == 1);
  CHECK(r.empty());
  Reader r2(data, "Record");
  CHECK_TLS_ERROR(r2.sub(5, "fragment"), AlertDescription::decode_error,
                  "Record.fragment: needs 5 bytes");
}

TEST_CASE("expect_end reports trailing bytes with the structure's path") {
  const Bytes data = hex("0001 aa bbcc");
  Reader r(data, "Finished");
  (void)r.u16("a");
  (void)r.u8("b");
  CHECK_TLS_ERROR(r.expect_end(), AlertDescription::decode_error,
                  "Finished: 2 trailing bytes at offset 3");
  (void)r.u8("c");
  CHECK_TLS_ERROR(r.expect_end(), AlertDescription::decode_error,
                  "Finished: 1 trailing byte at offset 4");
  Reader nested(data, "M");
  Reader body = nested.sub16("body");
  CHECK_TLS_ERROR(body.expect_end(), AlertDescription::decode_error,
                  "M.body: 1 trailing byte at offset 2");
}

TEST_CASE("fail() gives semantic errors the parser's alert and the field path") {
  const Bytes data = hex("01 00");
  Reader r(data, "ClientHello");
  Reader methods = r.sub8("compression_methods", 1);
  CHECK_TLS_ERROR(
      methods.fail(AlertDescription::illegal_parameter, "null", "the null method is missing"),
      AlertDescription::illegal_parameter,
      "ClientHello.compression_methods.null: the null method is missing");
  const Bytes one = hex("01");
  Reader no_context(one);
  CHECK_TLS_ERROR(no_context.u16("x"), AlertDescription::decode_error,
                  "x: needs 2 bytes at offset 0, 1 left");
}

TEST_CASE("Deep nesting keeps the outer path and marks the cut") {
  Bytes data;
  for (int i = 0; i < 10; ++i)
    data.push_back(static_cast<std::uint8_t>(9 - i));
  Reader r(data, "L0");
  Reader cur = r.sub8("L1");
  for (int i = 2; i < 10; ++i) {
    cur = cur.sub8("Ln");
  }
  CHECK(cur.path().rfind("L0.L1.", 0) == 0);
  CHECK(cur.path().find("…") != std::string::npos);
  CHECK(cur.offset() == 9);  // nine one-byte prefixes read
  CHECK(cur.remaining() == 1);
}

namespace {
struct Recorder : tlslab::codec::FieldObserver {
  std::vector<tlslab::codec::Field> fields;
  void on_field(const tlslab::codec::Field& f) override { fields.push_back(f); }
};
}  // namespace

TEST_CASE("An observer sees every field with kind, offset, size, value and nesting") {
  using Kind = tlslab::codec::Field::Kind;
  const Bytes data = hex("0303 0002 c02b 01 00 000003 0a0b0c ffee");
  Recorder rec;
  Reader r(data, "M");
  r.observe(&rec);
  (void)r.u16("version");
  Reader suites = r.sub16("cipher_suites", 2, 0xfffe, 2);
  (void)suites.u16("cipher_suite");
  (void)r.opaque8("methods");
  (void)r.bytes(0, "empty");
  (void)r.opaque24("blob");
  (void)r.rest("tail");
  REQUIRE(rec.fields.size() == 7);
  CHECK(rec.fields[0].kind == Kind::integer);
  CHECK(rec.fields[0].value == 0x0303);
  CHECK(rec.fields[0].offset == 0);
  CHECK(rec.fields[0].depth == 0);
  CHECK(rec.fields[1].kind == Kind::structure);
  CHECK(rec.fields[1].name == "cipher_suites");
  CHECK(rec.fields[1].offset == 2);
  CHECK(rec.fields[1].size == 4);
  CHECK(rec.fields[1].prefix_size == 2);
  CHECK(rec.fields[1].value == 2);
  CHECK(rec.fields[2].name == "cipher_suite");
  CHECK(rec.fields[2].depth == 1);
  CHECK(rec.fields[2].offset == 4);
  CHECK(rec.fields[2].value == 0xc02b);
  CHECK(rec.fields[3].kind == Kind::vector);
  CHECK(tlslab::test::copy(rec.fields[3].body) == hex("00"));
  CHECK(rec.fields[4].kind == Kind::bytes);
  CHECK(rec.fields[4].size == 0);
  CHECK(rec.fields[5].offset == 8);
  CHECK(rec.fields[5].size == 6);
  CHECK(rec.fields[5].prefix_size == 3);
  CHECK(rec.fields[6].kind == Kind::rest);
  CHECK(tlslab::test::copy(rec.fields[6].body) == hex("ffee"));
  // Failed reads report nothing.
  Reader bad(data, "M");
  Recorder none;
  bad.observe(&none);
  CHECK_THROWS_AS(bad.bytes(100, "x"), tlslab::Error);
  CHECK(none.fields.empty());
}

TEST_CASE("u8_list: the bytes of a code-point vector, every element reported by name") {
  const Bytes data = hex("03 014000");
  Recorder rec;
  Reader r(data, "M");
  r.observe(&rec);
  const auto list =
      r.u8_list("certificate_types", tlslab::codec::Bounds::u8(1), "certificate_type");
  CHECK(tlslab::test::copy(list) == hex("014000"));
  REQUIRE(rec.fields.size() == 4);  // the vector, then its three elements
  CHECK(rec.fields[0].name == "certificate_types");
  CHECK(rec.fields[2].name == "certificate_type");
  CHECK(rec.fields[2].value == 0x40);
  CHECK(rec.fields[3].depth == 1);
  const Bytes zero = hex("00");
  Reader empty(zero, "M");
  CHECK_TLS_ERROR(empty.u8_list("certificate_types", tlslab::codec::Bounds::u8(1), "t"),
                  AlertDescription::decode_error, "certificate_types: length 0");
}

// The DER/BER reader and writer, OIDs, times and character strings. Encodings are typed from
// X.690 (the examples of §8.19.5 and the rules of §8 and §10) and RFC 5280 §4.1.2.5.
#include <doctest/doctest.h>

#include "../test_util.hpp"
#include "tlslab/pki/der.hpp"
#include "tlslab/pki/der_writer.hpp"
#include "tlslab/pki/oid.hpp"

namespace tlslab::test {
namespace {

using pki::encode_oid;
using pki::Oid;
using pki::OidId;
using pki::der::Encoding;
using pki::der::Reader;
using pki::der::Tag;
namespace tags = pki::der::tags;

constexpr auto kDecode = AlertDescription::decode_error;

Reader der(const Bytes& b, AlertDescription alert = kDecode) {
  return Reader(b, "Test", alert);
}

TEST_CASE("der: reads every universal type and names the fields") {
  // SEQUENCE { INTEGER 5, INTEGER -129, BOOLEAN TRUE, NULL, OID 1.2.840.113549.1.1.11,
  //            OCTET STRING 01 02, BIT STRING (3 unused) 0xA8, UTF8String "hé",
  //            UTCTime 240101120000Z, GeneralizedTime 20510601120000Z }
  const Bytes input =
      hex("3044"
          "020105"
          "0202ff7f"
          "0101ff"
          "0500"
          "06092a864886f70d01010b"
          "04020102"
          "030203a8"
          "0c0368c3a9"
          "170d3234303130313132303030305a"
          "180f32303531303630313132303030305a");
  Reader top = der(input);
  Reader seq = top.sequence("seq");
  CHECK(copy(seq.integer("five")) == hex("05"));
  CHECK(copy(seq.integer("negative")) == hex("ff7f"));
  CHECK(seq.boolean("flag"));
  seq.null("nothing");
  const Oid oid = seq.oid("algorithm");
  CHECK(oid.dotted() == "1.2.840.113549.1.1.11");
  CHECK(oid.id() == OidId::sha256_with_rsa_encryption);
  CHECK(copy(seq.octet_string("octets")) == hex("0102"));
  const auto bits = seq.bit_string("bits");
  CHECK(bits.unused_bits == 3);
  CHECK(bits.bit_count() == 5);
  CHECK(bits.bit(0));  // 1010 1(000)
  CHECK(!bits.bit(1));
  CHECK(bits.bit(4));
  CHECK(!bits.bit(5));  // beyond the end
  const auto s = seq.string("text");
  CHECK(s.tag == 12);
  CHECK(pki::der::to_utf8(s) == "h\xc3\xa9");
  const auto t1 = seq.time("utc");
  CHECK(!t1.generalized);
  CHECK(t1.seconds == 1704110400);  // 2024-01-01T12:00:00Z
  const auto t2 = seq.time("generalized");
  CHECK(t2.generalized);
  CHECK(t2.seconds == 2569233600);  // 2051-06-01T12:00:00Z
  seq.expect_end();
  top.expect_end();
}

TEST_CASE("der: error paths name the nested fields and carry the caller's alert") {
  const Bytes input =
      hex("3005"
          "3003"
          "020505");  // the INTEGER's length runs past the end
  Reader r = der(input, AlertDescription::bad_certificate);
  Reader outer = r.sequence("outer");
  Reader inner = outer.sequence("inner");
  CHECK_TLS_ERROR(inner.integer("value"), AlertDescription::bad_certificate,
                  "Test.outer.inner.value: length 5 at offset 4 exceeds the 1 bytes left");
  // Indexed names (items of SEQUENCE OF).
  const Bytes list =
      hex("3006"
          "020101"
          "0c0101");
  Reader l = der(list);
  Reader items = l.sequence("items");
  (void)items.integer({"item", 0});
  CHECK_TLS_ERROR(items.integer({"item", 1}), kDecode,
                  "Test.items.item[1]: expected INTEGER, found UTF8String at offset 5");
}

TEST_CASE("der: length encodings (X.690 §8.1.3, §10.1)") {
  SUBCASE("long form is read") {
    Bytes input = hex("0481c8");
    input.resize(3 + 200, 0x41);
    Reader r = der(input);
    CHECK(r.octet_string("data").size() == 200);
  }
  SUBCASE("non-minimal: long form for a short length") {
    const Bytes r2_bytes = hex("04810100");
    Reader r2 = der(r2_bytes);
    CHECK_TLS_ERROR(r2.octet_string("data"), kDecode,
                    "Test.data: non-minimal length at offset 0: 1 fits the short form");
  }
  SUBCASE("non-minimal: leading zero length octet") {
    Bytes input = hex("04820080");
    input.resize(4 + 0x80, 0);
    Reader r = der(input);
    CHECK_TLS_ERROR(r.octet_string("data"), kDecode,
                    "non-minimal length at offset 0 (leading "
                    "zero octet)");
  }
  SUBCASE("indefinite length is BER only") {
    const Bytes input =
        hex("3080020101"
            "0000");
    Reader r = der(input);
    CHECK_TLS_ERROR(r.sequence("seq"), kDecode,
                    "indefinite length at offset 0 is not allowed in DER");
  }
  SUBCASE("indefinite length on a primitive element") {
    const Bytes r_bytes = hex("0480010000");
    Reader r(r_bytes, "Test", kDecode, Encoding::ber);
    CHECK_TLS_ERROR(r.octet_string("data"), kDecode, "indefinite length on a primitive element");
  }
  SUBCASE("reserved 0xFF and oversized lengths") {
    const Bytes r_bytes = hex("04ff");
    Reader r = der(r_bytes);
    CHECK_TLS_ERROR(r.octet_string("data"), kDecode, "reserved length octet 0xFF");
    const Bytes r2_bytes = hex("0485ffffffffff");
    Reader r2 = der(r2_bytes);
    CHECK_TLS_ERROR(r2.octet_string("data"), kDecode,
                    "length of 5 octets at offset 0 is too large");
  }
  SUBCASE("truncated") {
    const Bytes r_bytes = hex("3082");
    Reader r = der(r_bytes);
    CHECK_TLS_ERROR(r.sequence("seq"), kDecode, "truncated length octets at offset 2");
    const Bytes r2_bytes = hex("30");
    Reader r2 = der(r2_bytes);
    CHECK_TLS_ERROR(r2.sequence("seq"), kDecode, "truncated length octet at offset 1");
    const Bytes r3_bytes = hex("3004020101");
    Reader r3 = der(r3_bytes);
    CHECK_TLS_ERROR(r3.sequence("seq"), kDecode, "length 4 at offset 0 exceeds the 3 bytes left");
    Reader r4 = der({});
    CHECK_TLS_ERROR(r4.integer("n"), kDecode,
                    "Test.n: missing INTEGER (no bytes left at offset 0)");
  }
}

TEST_CASE("der: trailing data and wrong tags") {
  const Bytes r_bytes =
      hex("020101"
          "00");
  Reader r = der(r_bytes);
  (void)r.integer("n");
  CHECK_TLS_ERROR(r.expect_end(), kDecode, "Test: 1 trailing byte at offset 3");
  const Bytes w_bytes = hex("0401ff");
  Reader w = der(w_bytes);
  CHECK_TLS_ERROR(w.integer("n"), kDecode,
                  "Test.n: expected INTEGER, found OCTET STRING at offset 0");
  const Bytes c_bytes = hex("a003020101");
  Reader c = der(c_bytes);
  CHECK_TLS_ERROR(c.sequence("s"), kDecode, "expected SEQUENCE, found [0] constructed");
  CHECK(c.next_is(Tag::context(0, true)));
  CHECK(!c.read_optional(tags::sequence, "s"));
  CHECK(c.optional_constructed(Tag::context(0, true), "explicit"));
}

TEST_CASE("der: primitive/constructed forms (X.690 §8.9.1, §10.2)") {
  const Bytes r_bytes = hex("1003020101");
  Reader r = der(r_bytes);
  CHECK_TLS_ERROR(r.read("x"), kDecode, "SEQUENCE at offset 0 must be constructed");
  const Bytes r2_bytes = hex("2203020101");
  Reader r2 = der(r2_bytes);
  CHECK_TLS_ERROR(r2.read("x"), kDecode, "INTEGER at offset 0 must be primitive");
  const Bytes r3_bytes = hex("2403040101");
  Reader r3 = der(r3_bytes);
  CHECK_TLS_ERROR(r3.octet_string("x"), kDecode,
                  "constructed OCTET STRING at offset 0 is not allowed in DER");
  const Bytes r4_bytes = hex("0000");
  Reader r4 = der(r4_bytes);
  CHECK_TLS_ERROR(r4.read("x"), kDecode, "unexpected end-of-contents octets at offset 0");
}

TEST_CASE("der: tag numbers (X.690 §8.1.2)") {
  // [APPLICATION 31] primitive in the long form is fine; 30 in the long form is not minimal.
  const Bytes r_bytes = hex("5f1f0100");
  Reader r = der(r_bytes);
  const auto e = r.read("x");
  CHECK(e.tag == Tag{pki::der::Class::application, false, 31});
  CHECK(e.tag.describe() == "[APPLICATION 31] primitive");
  const Bytes r2_bytes = hex("9f1e0100");
  Reader r2 = der(r2_bytes);
  CHECK_TLS_ERROR(r2.read("x"), kDecode, "tag number 30 uses the long form but fits the short one");
  const Bytes r3_bytes = hex("9f80010100");
  Reader r3 = der(r3_bytes);
  CHECK_TLS_ERROR(r3.read("x"), kDecode, "tag number with a leading 0x80 octet");
  // The writer encodes high tags the same way.
  Bytes out;
  pki::der::Writer w(out);
  w.element(Tag{pki::der::Class::context, false, 200}, hex("00"));
  CHECK(out == hex("9f814801"
                   "00"));
  Reader back = der(out);
  CHECK(back.read("y").tag.number == 200);
}

TEST_CASE("der: INTEGER (X.690 §8.3)") {
  CHECK_TLS_ERROR(der(hex("02020005")).integer("n"), kDecode,
                  "is not minimally encoded (leading 0x00 octet)");
  CHECK_TLS_ERROR(der(hex("0202ff80")).integer("n"), kDecode,
                  "is not minimally encoded (leading 0xff octet)");
  CHECK_TLS_ERROR(der(hex("0200")).integer("n"), kDecode, "INTEGER with no contents octets");
  CHECK(copy(der(hex("02020080")).unsigned_integer("n")) == hex("80"));
  CHECK(der(hex("020100")).unsigned_integer("n").empty());
  CHECK_TLS_ERROR(der(hex("020180")).unsigned_integer("n"), kDecode, "negative INTEGER");
  CHECK(der(hex("020300ffff")).small_unsigned("n", 65535) == 65535);
  CHECK_TLS_ERROR(der(hex("020300ffff")).small_unsigned("n", 100), kDecode,
                  "INTEGER 65535 exceeds the maximum 100");
  CHECK_TLS_ERROR(der(hex("020901000000000000000000")).small_unsigned("n"), kDecode,
                  "INTEGER of 9 octets is too large");
}

TEST_CASE("der: BOOLEAN, NULL, BIT STRING rules") {
  CHECK(!der(hex("010100")).boolean("b"));
  CHECK_TLS_ERROR(der(hex("010101")).boolean("b"), kDecode, "BOOLEAN 0x01 is not DER");
  CHECK(Reader(hex("010101"), "Test", kDecode, Encoding::ber).boolean("b"));
  CHECK_TLS_ERROR(der(hex("01020000")).boolean("b"), kDecode, "BOOLEAN of 2 octets");
  CHECK_TLS_ERROR(der(hex("050100")).null("z"), kDecode, "NULL with contents octets");
  CHECK_TLS_ERROR(der(hex("030208ff")).bit_string("b"), kDecode, "8 unused bits (max 7)");
  CHECK_TLS_ERROR(der(hex("030101")).bit_string("b"), kDecode,
                  "empty BIT STRING with 1 unused bits");
  CHECK_TLS_ERROR(der(hex("030203a9")).bit_string("b"), kDecode, "unused bits are not zero");
  CHECK_TLS_ERROR(der(hex("030203a8")).bit_string_bytes("b"), kDecode,
                  "has 3 unused bits where whole octets are required");
  CHECK_TLS_ERROR(der(hex("0300")).bit_string("b"), kDecode, "BIT STRING with no contents octets");
}

TEST_CASE("der: OBJECT IDENTIFIER (X.690 §8.19)") {
  // §8.19.5's example: {2 100 3} is 0x81 0x34 0x03.
  CHECK(encode_oid("2.100.3") == hex("813403"));
  CHECK(Oid(hex("813403")).dotted() == "2.100.3");
  CHECK(encode_oid("1.2.840.113549.1.1.11") == hex("2a864886f70d01010b"));
  // A UUID arc (2.25, ITU-T X.667) beyond 64 bits survives the round trip.
  const std::string uuid = "2.25.329800735698586629295641978511506172918";
  const Bytes encoded = encode_oid(uuid);
  CHECK(Oid(encoded).dotted() == uuid);
  CHECK(Oid(encoded).id() == OidId::unknown);
  CHECK_TLS_ERROR(der(hex("0603808101")).oid("o"), kDecode, "subidentifier with a leading 0x80");
  CHECK_TLS_ERROR(der(hex("06022a86")).oid("o"), kDecode, "ends inside a subidentifier");
  CHECK_TLS_ERROR(der(hex("0600")).oid("o"), kDecode, "OBJECT IDENTIFIER with no contents octets");
  CHECK_TLS_ERROR(encode_oid("3.1"), kDecode, "first arc must be 0, 1 or 2");
  CHECK_TLS_ERROR(encode_oid("1.40"), kDecode, "second arc must be below 40");
  CHECK_TLS_ERROR(encode_oid("1"), kDecode, "needs at least two arcs");
  CHECK_TLS_ERROR(encode_oid("1.2.x"), kDecode, "not a digit");
  CHECK_TLS_ERROR(encode_oid("1.02"), kDecode, "leading zero");
}

TEST_CASE("oid table: names as OpenSSL prints them, lookup by encoding") {
  CHECK(Oid::of(OidId::common_name).dotted() == "2.5.4.3");
  CHECK(Oid::of(OidId::common_name).short_name() == "CN");
  CHECK(Oid::of(OidId::subject_alt_name).long_name() == "X509v3 Subject Alternative Name");
  CHECK(Oid::of(OidId::pbe_with_sha1_and_3key_3des_cbc).long_name() ==
        "pbeWithSHA1And3-KeyTripleDES-CBC");
  CHECK(Oid::of(OidId::pkcs8_shrouded_key_bag).dotted() == "1.2.840.113549.1.12.10.1.2");
  CHECK(Oid::of(OidId::friendly_name).dotted() == "1.2.840.113549.1.9.20");
  CHECK(Oid::of(OidId::hmac_with_sha256).dotted() == "1.2.840.113549.2.9");
  // Every row: the dotted form encodes to what lookup finds again.
  for (auto i = 1U; i < static_cast<unsigned>(OidId::count_); ++i) {
    const auto id = static_cast<OidId>(i);
    const Bytes encoded = encode_oid(pki::oid_dotted(id));
    CHECK(Oid(encoded).id() == id);
    CHECK(Oid(encoded).dotted() == pki::oid_dotted(id));
  }
  CHECK(Oid(encode_oid("1.2.3.4")).display_name() == "1.2.3.4");
}

TEST_CASE("der: times (RFC 5280 §4.1.2.5)") {
  std::string error;
  using pki::der::parse_time;
  CHECK(parse_time("500101000000Z", false, error) == -631152000);  // 1950-01-01
  CHECK(parse_time("491231235959Z", false, error) == 2524607999);  // 2049-12-31T23:59:59
  CHECK(parse_time("19700101000000Z", true, error) == 0);
  CHECK(parse_time("20240229000000Z", true, error) == 1709164800);  // leap day
  const auto bad = [&](std::string_view text, bool generalized, std::string_view why) {
    error.clear();
    CHECK_MESSAGE(!parse_time(text, generalized, error), text);
    CHECK_MESSAGE(error.find(why) != std::string::npos, error);
  };
  bad("2401011200Z", false, "has no seconds");
  bad("202401011200Z", true, "has no seconds");
  bad("20240101120000.5Z", true, "fractional seconds");
  bad("240101120000+0100", false, "time zone offset");
  bad("240101120000", false, "does not end in Z");
  bad("2024010112000Z", true, "must have the form YYYYMMDDHHMMSSZ");
  bad("241301120000Z", false, "month 13 out of range");
  bad("230229120000Z", false, "day 29 out of range");
  bad("240101240000Z", false, "time of day out of range");
  bad("2401011200a0Z", false, "non-digit at index 10");
  // Through the reader, the path names the field.
  CHECK_TLS_ERROR(der(hex("170b323430313031313230305a")).time("notAfter"), kDecode,
                  "Test.notAfter: UTCTime \"2401011200Z\" has no seconds");
  CHECK_TLS_ERROR(der(hex("0401ff")).time("notAfter"), kDecode,
                  "expected UTCTime, found OCTET STRING");
}

TEST_CASE("der: character strings") {
  using pki::der::check_string;
  CHECK(!check_string(19, view(std::string_view("Example Inc. (test) +-=?:/,'"))));
  CHECK(check_string(19, view(std::string_view("a@b")))
            .value_or("")
            .find("character 0x40 at index 1") != std::string::npos);
  CHECK(!check_string(22, view(std::string_view("a@b"))));
  CHECK(check_string(22, hex("61e9")).has_value());
  CHECK(check_string(12, hex("c080")).value_or("").find("overlong") != std::string::npos);
  CHECK(check_string(12, hex("eda080")).value_or("").find("surrogate") != std::string::npos);
  CHECK(check_string(12, hex("e282")).value_or("").find("truncated") != std::string::npos);
  CHECK(check_string(12, hex("f4908080")).value_or("").find("above U+10FFFF") != std::string::npos);
  CHECK(check_string(30, hex("00e900")).value_or("").find("odd length") != std::string::npos);
  CHECK(check_string(30, hex("d800")).value_or("").find("unpaired surrogate") != std::string::npos);
  CHECK(check_string(28, hex("0000d800")).has_value());
  // Conversions to UTF-8: BMP (UTF-16 surrogates too), Universal, Latin-1 T61String.
  CHECK(pki::der::to_utf8({30, hex("00e96771d83dde00")}) == "\xc3\xa9\xe6\x9d\xb1\xf0\x9f\x98\x80");
  CHECK(pki::der::to_utf8({28, hex("000000e9")}) == "\xc3\xa9");
  CHECK(pki::der::to_utf8({20, hex("e9")}) == "\xc3\xa9");
  CHECK_TLS_ERROR(der(hex("1303614062")).string("s"), kDecode,
                  "Test.s: PrintableString: character 0x40");
  CHECK_TLS_ERROR(der(hex("020101")).string("s"), kDecode,
                  "expected a character string, found INTEGER");
}

TEST_CASE("der: BER indefinite lengths and constructed OCTET STRINGs (X.690 §8.1.3.6, §8.7.3)") {
  // SEQUENCE (indefinite) { [0] (indefinite) { OCTET STRING (constructed, indefinite)
  //   { 04 02 "ab", 24 (definite) { 04 01 "c" } } }, INTEGER 7 }
  const Bytes input =
      hex("3080"
          "a080"
          "2480"
          "04026162"
          "2403040163"
          "0000"
          "0000"
          "020107"
          "0000");
  Reader r(input, "BER", kDecode, Encoding::ber);
  const auto outer = r.read(tags::sequence, "seq");
  CHECK(outer.indefinite);
  CHECK(outer.encoding.size() == input.size());
  Reader seq = r.enter(outer, "seq");
  Reader inner = seq.constructed(Tag::context(0, true), "content");
  const auto octets = inner.octets("data");
  CHECK(octets.concatenated());
  CHECK(copy(octets.view()) == Bytes{'a', 'b', 'c'});
  inner.expect_end();
  CHECK(seq.small_unsigned("n") == 7);
  seq.expect_end();
  r.expect_end();
  // The same in DER mode fails at the first indefinite length.
  Reader strict(input, "DER", kDecode, Encoding::der);
  CHECK_TLS_ERROR(strict.sequence("seq"), kDecode,
                  "indefinite length at offset 0 is not allowed in DER");
  // Missing end-of-contents.
  const Bytes open_bytes = hex("3080020101");
  Reader open(open_bytes, "BER", kDecode, Encoding::ber);
  CHECK_TLS_ERROR(open.sequence("seq"), kDecode, "has no end-of-contents octets");
  // Nesting deeper than the limit.
  Bytes deep;
  for (std::size_t i = 0; i < Reader::kMaxBerDepth + 2; ++i) {
    deep.push_back(0x30);
    deep.push_back(0x80);
  }
  for (std::size_t i = 0; i < Reader::kMaxBerDepth + 2; ++i) {
    deep.push_back(0);
    deep.push_back(0);
  }
  Reader too_deep(deep, "BER", kDecode, Encoding::ber);
  CHECK_TLS_ERROR(too_deep.sequence("seq"), kDecode, "nested deeper than 32");
  // BER's non-minimal lengths are accepted there.
  const Bytes loose_bytes = hex("04810101");
  Reader loose(loose_bytes, "BER", kDecode, Encoding::ber);
  CHECK(copy(loose.octet_string("x")) == hex("01"));
}

TEST_CASE("der: IMPLICIT tags") {
  const Bytes r_bytes =
      hex("820b6578616d706c652e636f6d"
          "8704c0000201");
  Reader r = der(r_bytes);
  CHECK(r.implicit(Tag::context(2, false)).ia5_string("dNSName") == "example.com");
  CHECK(copy(r.implicit(Tag::context(7, false)).octet_string("iPAddress")) == hex("c0000201"));
  const Bytes bad_bytes = hex("8201e9");
  Reader bad = der(bad_bytes);
  CHECK_TLS_ERROR(bad.implicit(Tag::context(2, false)).ia5_string("dNSName"), kDecode,
                  "Test.dNSName: IA5String: character 0xe9 at index 0 is not allowed");
}

TEST_CASE("der writer: minimal encodings that the reader accepts") {
  Bytes out;
  pki::der::Writer w(out);
  Bytes big(300, 0x5a);
  w.sequence([&](pki::der::Writer& s) {
    s.small_unsigned(0);
    s.small_unsigned(128);
    s.unsigned_integer(hex("0000ff"));
    s.boolean(true);
    s.null();
    s.oid(OidId::common_name);
    s.octet_string(big);
    s.bit_string(hex("a8"), 3);
    s.string(tags::utf8_string, "x");
    s.time(2524607999);  // 2049-12-31T23:59:59Z: UTCTime
    s.time(2524608000);  // 2050-01-01: GeneralizedTime
  });
  // Spot checks on the bytes: long lengths, INTEGER sign octets, the two time forms.
  const std::string h = to_hex(out);
  CHECK(h.substr(0, 4) == "3082");  // 365 bytes of contents need two length octets
  CHECK(h.find("020100"
               "02020080"
               "020200ff") != std::string::npos);
  CHECK(h.find("0482012c5a5a") != std::string::npos);
  CHECK(h.find("170d3439313233313233353935395a") != std::string::npos);
  CHECK(h.find("180f32303530303130313030303030305a") != std::string::npos);
  Reader r = der(out);
  Reader s = r.sequence("s");
  CHECK(s.small_unsigned("a") == 0);
  CHECK(s.small_unsigned("b") == 128);
  CHECK(s.small_unsigned("c") == 255);
  CHECK(s.boolean("d"));
  s.null("e");
  CHECK(s.oid("f").id() == OidId::common_name);
  CHECK(s.octet_string("g").size() == 300);
  CHECK(s.bit_string("h").unused_bits == 3);
  CHECK(pki::der::to_utf8(s.string("i")) == "x");
  CHECK(s.time("j").seconds == 2524607999);
  CHECK(s.time("k").seconds == 2524608000);
  s.expect_end();
}

}  // namespace
}  // namespace tlslab::test

#include "../capture_util.hpp"
#include "../test_util.hpp"
#include "tlslab/record/framing.hpp"

using namespace tlslab;
using namespace tlslab::record;
using tlslab::test::copy;
using tlslab::test::hex;

TEST_CASE("Deframer splits a stream fed in arbitrary pieces") {
  const Bytes stream = hex("16030300020102 15030300020228 140303000101 17030300 00");
  // The last record (application_data, empty) is legal at the record layer.
  for (std::size_t piece : {1u, 2u, 3u, 7u, 100u}) {
    CAPTURE(piece);
    Deframer d;
    std::vector<Record> records;
    std::vector<Bytes> fragments;
    for (std::size_t i = 0; i < stream.size(); i += piece) {
      d.feed(ByteView(stream).subspan(i, std::min(piece, stream.size() - i)));
      while (auto r = d.next()) {
        records.push_back(*r);
        fragments.push_back(copy(r->fragment));
      }
    }
    REQUIRE(records.size() == 4);
    CHECK(records[0].type == 22);
    CHECK(records[0].version == 0x0303);
    CHECK(fragments[0] == hex("0102"));
    CHECK(records[1].type == 21);
    CHECK(records[1].offset == 7);
    CHECK(fragments[2] == hex("01"));
    CHECK(records[3].type == 23);
    CHECK(fragments[3].empty());
    CHECK(d.pending() == 0);
  }
}

TEST_CASE("Deframer header checks fail fast with the RFC's alerts") {
  Deframer a;
  a.feed(hex("47"));  // 'G' of "GET / HTTP/1.1"
  CHECK_TLS_ERROR(a.next(), AlertDescription::unexpected_message,
                  "record at offset 0: content type 0x47 unknown is not one TLS 1.2 uses");
  Deframer hb;
  hb.feed(hex("1803030000"));
  CHECK_TLS_ERROR(hb.next(), AlertDescription::unexpected_message, "0x18 heartbeat");
  Deframer v;
  v.feed(hex("1602"));
  CHECK_TLS_ERROR(v.next(), AlertDescription::protocol_version,
                  "version major byte 2 is not 3 (not a TLS record)");
  Deframer o;
  o.feed(hex("1603034001"));  // 16385 > 2^14
  CHECK_TLS_ERROR(o.next(), AlertDescription::record_overflow,
                  "record at offset 0: length 16385 exceeds the maximum 16384");
  Deframer c;
  c.set_max_fragment(kMaxCiphertext);
  c.feed(hex("1703034801"));  // 2^14 + 2049
  CHECK_TLS_ERROR(c.next(), AlertDescription::record_overflow, "exceeds the maximum 18432");
  Deframer partial;
  partial.feed(hex("16030300"));
  CHECK_FALSE(partial.next().has_value());
  CHECK(partial.pending() == 4);
}

TEST_CASE("HandshakeAssembler: messages across records and several in one record") {
  HandshakeAssembler h;
  // ServerHelloDone (0e000000) + the first 3 bytes of a Finished header
  h.add(hex("0e000000 14 0000"));
  auto m = h.next();
  REQUIRE(m.has_value());
  CHECK(copy(*m) == hex("0e000000"));
  CHECK_FALSE(h.next().has_value());
  CHECK(h.in_progress());
  h.add(hex("0c 0102030405060708090a"));
  CHECK_FALSE(h.next().has_value());
  h.add(hex("0b0c"));
  m = h.next();
  REQUIRE(m.has_value());
  CHECK(copy(*m) == hex("1400000c 0102030405060708090a0b0c"));
  CHECK_FALSE(h.in_progress());
  CHECK_TLS_ERROR(h.add({}), AlertDescription::unexpected_message, "zero-length fragment");
  HandshakeAssembler big;
  big.add(hex("0b 100000"));
  CHECK_TLS_ERROR(big.next(), AlertDescription::illegal_parameter,
                  "handshake message 0x0b certificate: length 1048576 exceeds the limit 131396");
  // The largest legal ClientHello (RFC 5246 §7.4.1.2) fits: a 131,396-byte body.
  HandshakeAssembler largest;
  largest.add(hex("01 020144"));
  largest.add(Bytes(131'396, 0));
  const auto whole = largest.next();
  REQUIRE(whole.has_value());
  CHECK(whole->size() == 4 + 131'396);
  HandshakeAssembler one_more;
  one_more.add(hex("01 020145"));
  CHECK_TLS_ERROR(one_more.next(), AlertDescription::decode_error,
                  "length 131397 exceeds the largest well-formed ClientHello (131396 bytes");
}

TEST_CASE("captured streams deframe and reassemble to whole messages") {
  for (const auto& name : test::capture_names()) {
    CAPTURE(name);
    const auto c = test::load_capture(name);
    for (const Bytes* stream : {&c.client, &c.server}) {
      Deframer d;
      d.feed(*stream);
      HandshakeAssembler h;
      std::size_t messages = 0;
      bool protected_now = false;
      std::size_t records = 0;
      while (auto r = d.next()) {
        ++records;
        if (r->type == 20) {
          parse_change_cipher_spec(r->fragment);
          protected_now = true;
          d.set_max_fragment(kMaxCiphertext);
        } else if (r->type == 22 && !protected_now) {
          h.add(r->fragment);
          while (auto m = h.next())
            ++messages;
        }
      }
      CHECK(d.pending() == 0);
      CHECK(records > 1);
      // A handshake that ends in the server's alert has no server ChangeCipherSpec.
      const bool ends_in_server_alert = c.doc["expect"].contains("alert") && stream == &c.server;
      CHECK(protected_now == !ends_in_server_alert);
      CHECK(messages == test::plaintext_handshake_messages(*stream).size());
    }
  }
}

TEST_CASE("Alert and ChangeCipherSpec messages") {
  const auto a = AlertMessage::parse(hex("0228"));
  CHECK(a.level == AlertLevel::fatal);
  CHECK(a.description == AlertDescription::handshake_failure);
  CHECK(a.serialize() == hex("0228"));
  CHECK_TLS_ERROR(AlertMessage::parse(hex("02")), AlertDescription::decode_error,
                  "Alert: a record must hold exactly one 2-byte alert, this one has 1 bytes");
  CHECK_TLS_ERROR(AlertMessage::parse(hex("02280100")), AlertDescription::decode_error,
                  "has 4 bytes");
  CHECK_TLS_ERROR(AlertMessage::parse(hex("0328")), AlertDescription::illegal_parameter,
                  "Alert.level: level 3 is neither warning(1) nor fatal(2)");
  parse_change_cipher_spec(hex("01"));
  CHECK_TLS_ERROR(parse_change_cipher_spec(hex("02")), AlertDescription::illegal_parameter,
                  "ChangeCipherSpec.type: value 2 is not 1");
  CHECK_TLS_ERROR(parse_change_cipher_spec(hex("0101")), AlertDescription::unexpected_message,
                  "ChangeCipherSpec: 2 bytes, must be exactly 1");
  Bytes out;
  write_record(ContentType::alert, 0x0303, a.serialize(), out);
  CHECK(out == hex("1503030002 0228"));
  CHECK_TLS_ERROR(write_record(ContentType::handshake, 0x0303, Bytes(kMaxCiphertext + 1, 0), out),
                  AlertDescription::internal_error, "is too long");
}

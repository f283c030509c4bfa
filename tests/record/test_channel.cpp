// record::Channel: the one record loop of the connection, replay, the capture reader and
// `tlslab decode`. What comes out and in which order, the switch to protection at
// ChangeCipherSpec, the negotiated limits both ways, and the record rules it enforces.
#include "../test_util.hpp"
#include "protection_test_util.hpp"
#include "tlslab/record/channel.hpp"

using namespace tlslab;
using namespace tlslab::record;
using tlslab::test::copy;
using tlslab::test::hex;

namespace {

// What next() gave, as text: "record 22", "message 01", "ccs", "alert 2/40", "data 3".
std::vector<std::string> drain(Channel& c) {
  std::vector<std::string> out;
  while (auto in = c.next()) {
    switch (in->kind) {
      case Inbound::Kind::record:
        out.push_back("record " + std::to_string(in->record.type));
        break;
      case Inbound::Kind::handshake_message:
        out.push_back("message " + to_hex(in->data.first(1)) + " " +
                      std::to_string(in->data.size()));
        break;
      case Inbound::Kind::change_cipher_spec:
        out.push_back("ccs");
        break;
      case Inbound::Kind::alert:
        out.push_back("alert " + std::to_string(static_cast<int>(in->alert.level)) + "/" +
                      std::to_string(static_cast<int>(in->alert.description)));
        break;
      case Inbound::Kind::application_data:
        out.push_back("data " + std::to_string(in->data.size()));
        break;
    }
  }
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("channel: each record first, then what it carried, in stream order") {
  // Two whole messages in one record (HelloRequest, ServerHelloDone), then one message split
  // across three records, an alert, a CCS and empty application data.
  const Bytes stream =
      hex("16030300 08 00000000 0e000000"
          "16030300 02 0b00"
          "16030300 02 0001"
          "16030300 01 ff"
          "15030300 02 0128"
          "14030300 01 01"
          "17030300 00");
  for (std::size_t piece : {std::size_t{1}, std::size_t{5}, stream.size()}) {
    CAPTURE(piece);
    Channel c;
    Strings got;
    for (std::size_t i = 0; i < stream.size(); i += piece) {
      c.feed(ByteView(stream).subspan(i, std::min(piece, stream.size() - i)));
      for (auto& s : drain(c))
        got.push_back(s);
    }
    CHECK(got == Strings{"record 22", "message 00 4", "message 0e 4", "record 22", "record 22",
                         "record 22", "message 0b 5", "record 21", "alert 1/40", "record 20", "ccs",
                         "record 23", "data 0"});
    CHECK(c.pending() == 0);
    CHECK_FALSE(c.mid_handshake_message());
  }
}

TEST_CASE("channel: the record rules, with their alerts") {
  Channel interleaved;
  interleaved.feed(hex("16030300 02 0b00  15030300 02 0128"));
  CHECK(interleaved.next()->kind == Inbound::Kind::record);
  CHECK(interleaved.next()->kind == Inbound::Kind::record);  // the alert's record
  CHECK(interleaved.mid_handshake_message());
  CHECK_TLS_ERROR(interleaved.next(), AlertDescription::unexpected_message,
                  "a alert record arrived in the middle of a fragmented handshake message");

  Channel empty;
  empty.feed(hex("16030300 00"));
  empty.next();
  CHECK_TLS_ERROR(empty.next(), AlertDescription::unexpected_message, "zero-length fragment");

  Channel ccs;
  ccs.feed(hex("14030300 01 02"));
  ccs.next();
  CHECK_TLS_ERROR(ccs.next(), AlertDescription::illegal_parameter, "ChangeCipherSpec.type");

  Channel alert;
  alert.feed(hex("15030300 03 022800"));
  alert.next();
  CHECK_TLS_ERROR(alert.next(), AlertDescription::decode_error, "exactly one 2-byte alert");

  Channel keys;
  CHECK_TLS_ERROR(keys.activate_pending_read(), AlertDescription::internal_error,
                  "ChangeCipherSpec received before keys were derived");
  CHECK_TLS_ERROR(keys.activate_pending_write(), AlertDescription::internal_error,
                  "ChangeCipherSpec sent before keys were derived");
}

TEST_CASE("channel: ChangeCipherSpec switches each direction to its pending state") {
  const auto owned = crypto::make_default_provider();
  auto& provider = *owned;
  const auto& suite = test::suite_named("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
  const auto client_keys = test::test_keys(suite, 1);
  const auto server_keys = test::test_keys(suite, 2);
  Channel client, server;
  client.set_pending(make_protection(provider, suite, server_keys, false),
                     make_protection(provider, suite, client_keys, false));
  server.set_pending(make_protection(provider, suite, client_keys, false),
                     make_protection(provider, suite, server_keys, false));
  server.keep_ciphertext(true);

  const std::uint8_t one[1] = {kChangeCipherSpecValue};
  client.send(ContentType::change_cipher_spec, one);
  client.activate_pending_write();
  CHECK(client.write_protected());
  const Bytes finished = hex("1400000c 000102030405060708090a0b");
  client.send(ContentType::handshake, finished);
  const Bytes wire = client.output();
  CHECK(wire.size() == 6 + 5 + 8 + finished.size() + 16);  // explicit nonce and tag (RFC 5288)

  server.feed(wire);
  CHECK(server.next()->kind == Inbound::Kind::record);
  CHECK(server.next()->kind == Inbound::Kind::change_cipher_spec);
  // The pending state takes over only when the layer above says so, before the next record.
  server.activate_pending_read();
  CHECK(server.read_protected());
  const auto rec = server.next();
  REQUIRE(rec->kind == Inbound::Kind::record);
  CHECK(rec->record.is_protected);
  CHECK(rec->record.protection == "AES-128-GCM");
  CHECK(copy(rec->record.ciphertext) == Bytes(wire.begin() + 11, wire.end()));
  CHECK(copy(rec->record.plaintext) == finished);
  const auto message = server.next();
  REQUIRE(message->kind == Inbound::Kind::handshake_message);
  CHECK(copy(message->data) == finished);
  CHECK_FALSE(server.next().has_value());

  // A flipped bit is the protection's one bad_record_mac.
  client.output().clear();
  client.send(ContentType::application_data, hex("68656c6c6f"));
  Bytes tampered = client.output();
  tampered.back() ^= 1;
  server.feed(tampered);
  CHECK_TLS_ERROR(server.next(), AlertDescription::bad_record_mac, "");
}

TEST_CASE("channel: the negotiated limits split what we send and refuse what is above them") {
  Channel sender;
  sender.apply_max_fragment_length(512);  // RFC 6066 §4: 2^9
  std::vector<std::size_t> sizes;
  const std::function<void(const SentRecord&)> observe = [&](const SentRecord& r) {
    sizes.push_back(r.plaintext.size());
    CHECK_FALSE(r.is_protected);
    CHECK(r.protection == "null");
  };
  sender.send(ContentType::application_data, Bytes(1300, 0x61), &observe);
  CHECK(sizes == std::vector<std::size_t>{512, 512, 276});
  CHECK(sender.output().size() == 1300 + 3 * kHeaderSize);

  Channel receiver;
  receiver.apply_max_fragment_length(512);
  Bytes big;
  write_record(ContentType::handshake, 0x0303, Bytes(513, 0), big);
  receiver.feed(big);
  CHECK_TLS_ERROR(receiver.next(), AlertDescription::record_overflow,
                  "record: 513 bytes of plaintext, above the negotiated limit of 512");

  // record_size_limit (RFC 8449 §4) lowers only protected records, and never above 2^14.
  Channel rsl;
  rsl.apply_record_size_limits(1 << 15, 100);
  CHECK(rsl.limits().receive_protected == kMaxPlaintext);
  CHECK(rsl.limits().send_protected == 100);
  CHECK(rsl.limits().send_plain == kMaxPlaintext);
}

TEST_CASE("channel: without keys, protected records come as ciphertext and nothing else") {
  Channel d;
  d.feed(hex("14030300 01 01  16030300 03 abcdef  17030300 02 0102"));
  CHECK(d.next()->kind == Inbound::Kind::record);
  CHECK(d.next()->kind == Inbound::Kind::change_cipher_spec);
  d.read_without_keys();
  const auto a = d.next();
  REQUIRE(a->kind == Inbound::Kind::record);
  CHECK_FALSE(a->record.opened);
  CHECK(a->record.is_protected);
  CHECK(copy(a->record.ciphertext) == hex("abcdef"));
  CHECK(a->record.plaintext.empty());
  const auto b = d.next();
  REQUIRE(b->kind == Inbound::Kind::record);
  CHECK(b->record.type == 23);
  CHECK_FALSE(d.next().has_value());
}

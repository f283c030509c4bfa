// Hand-made malformed messages: each gives the alert the RFC (or OpenSSL's practice) names and a
// reason with the field path. Plus byte-exact round trips of the corner cases.
#include "../test_util.hpp"
#include "tlslab/codec/writer.hpp"
#include "tlslab/messages/handshake.hpp"

using namespace tlslab;
using namespace tlslab::messages;
using tlslab::codec::Writer;
using tlslab::test::copy;
using tlslab::test::hex;

namespace {

// A ClientHello body from parts given as hex; `extensions` includes its length prefix (or is
// empty for an absent block).
Bytes client_hello(std::string_view session_id = "00", std::string_view suites = "0002c02b",
                   std::string_view compression = "0100", std::string_view extensions = "") {
  Bytes out = hex("0303");
  out.resize(out.size() + 32, 0x11);
  for (auto part : {session_id, suites, compression, extensions}) {
    const Bytes b = hex(part);
    out.insert(out.end(), b.begin(), b.end());
  }
  return out;
}

Bytes server_hello(std::string_view tail = "c02b00", std::string_view extensions = "") {
  Bytes out = hex("0303");
  out.resize(out.size() + 32, 0x22);
  for (auto part : {std::string_view("00"), tail, extensions}) {
    const Bytes b = hex(part);
    out.insert(out.end(), b.begin(), b.end());
  }
  return out;
}

Bytes round_trip(const Message& m) {
  Bytes out;
  serialize_message(m, out);
  return Bytes(out.begin() + 4, out.end());
}

}  // namespace

TEST_CASE("ClientHello structure errors") {
  CHECK_TLS_ERROR(parse<ClientHello>(client_hello("00", "0003c02b00")),
                  AlertDescription::decode_error,
                  "ClientHello.cipher_suites: length 3 at offset 35 is not a multiple of 2");
  CHECK_TLS_ERROR(parse<ClientHello>(client_hello("00", "0000")), AlertDescription::decode_error,
                  "ClientHello.cipher_suites: length 0 at offset 35 is below the minimum 2");
  CHECK_TLS_ERROR(parse<ClientHello>(client_hello("00", "0002c02b", "0101")),
                  AlertDescription::illegal_parameter,
                  "ClientHello.compression_methods: the null method (0) is missing");
  // Without null and with a malformed extension block after it: the decoding error wins (a
  // misframed message is decode_error whatever its bytes spell).
  CHECK_TLS_ERROR(parse<ClientHello>(client_hello("00", "0002c02b", "0101", "0005 000d000200")),
                  AlertDescription::decode_error, "ClientHello.extensions");
  CHECK_TLS_ERROR(parse<ClientHello>(client_hello("00", "0002c02b", "00")),
                  AlertDescription::decode_error,
                  "ClientHello.compression_methods: length 0 at offset 39 is below the minimum 1");
  Bytes long_id = hex("21");
  long_id.resize(34, 0);
  CHECK_TLS_ERROR(parse<ClientHello>(client_hello(to_hex(long_id))), AlertDescription::decode_error,
                  "ClientHello.session_id: length 33 at offset 34 is above the maximum 32");
  CHECK_TLS_ERROR(parse<ClientHello>(client_hello("00", "0002c02b", "0100", "0000ff")),
                  AlertDescription::decode_error, "ClientHello: 1 trailing byte at offset 43");
  CHECK_TLS_ERROR(parse<ClientHello>(Bytes{0x03}), AlertDescription::decode_error,
                  "ClientHello.client_version: needs 2 bytes at offset 0, 1 left");
}

TEST_CASE("extension errors name the extension and the field") {
  // extended_master_secret twice
  CHECK_TLS_ERROR(
      parse<ClientHello>(client_hello("00", "0002c02b", "0100", "0008 00170000 00170000")),
      AlertDescription::illegal_parameter,
      "ClientHello.extensions.extension.extension_type: duplicate extension 0x0017 "
      "extended_master_secret");
  CHECK_TLS_ERROR(parse<ClientHello>(client_hello("00", "0002c02b", "0100", "0005 0017000100")),
                  AlertDescription::decode_error,
                  "ClientHello.extensions.extension.extension_data: must be empty, has 1 bytes");
  CHECK_TLS_ERROR(
      parse<ClientHello>(client_hello("00", "0002c02b", "0100", "0009 000a0005 0003 001d00")),
      AlertDescription::decode_error,
      "ClientHello.extensions.extension.extension_data.named_group_list: length 3");
  CHECK_TLS_ERROR(parse<ClientHello>(client_hello("00", "0002c02b", "0100", "0005 0001000105")),
                  AlertDescription::illegal_parameter,
                  "extension_data.max_fragment_length: value 5 is not one of 1..4");
  CHECK_TLS_ERROR(parse<ClientHello>(client_hello("00", "0002c02b", "0100", "0006 001c0002003f")),
                  AlertDescription::illegal_parameter,
                  "extension_data.record_size_limit: value 63 is below 64");
  CHECK_TLS_ERROR(
      parse<ClientHello>(client_hello("00", "0002c02b", "0100", "0008 0000 0004 0002 0100")),
      AlertDescription::decode_error, "server_name_list.name: needs 2 bytes");
  // An unknown name type is read as opaque<1..2^16-1> and kept byte for byte.
  {
    const Bytes raw = client_hello("00", "0002c02b", "0100", "000c 0000 0008 0006 01 0003 616263");
    const auto ch = parse<ClientHello>(raw);
    const auto* names = ch.extensions.get<ServerNameList>();
    REQUIRE(names != nullptr);
    const auto& list = *names;
    REQUIRE(list.server_name_list.size() == 1);
    CHECK(list.server_name_list[0].name_type == 1);
    CHECK(Bytes(list.server_name_list[0].name.begin(), list.server_name_list[0].name.end()) ==
          Bytes{'a', 'b', 'c'});
  }
  // The extension's declared length runs past the block.
  CHECK_TLS_ERROR(parse<ClientHello>(client_hello("00", "0002c02b", "0100", "0004 00170005")),
                  AlertDescription::decode_error,
                  "ClientHello.extensions.extension.extension_data: length 5");
  // signature_algorithms: empty list
  CHECK_TLS_ERROR(parse<ClientHello>(client_hello("00", "0002c02b", "0100", "0006 000d00020000")),
                  AlertDescription::decode_error,
                  "supported_signature_algorithms: length 0 at offset 47 is below the minimum 2");
}

TEST_CASE("ServerHello errors") {
  CHECK_TLS_ERROR(parse<ServerHello>(server_hello("c02b01")), AlertDescription::illegal_parameter,
                  "ServerHello.compression_method: method 1 was not offered (only null is)");
  // ALPN with two protocols from a server
  CHECK_TLS_ERROR(parse<ServerHello>(server_hello("c02b00", "000c 0010 0008 0006 026832 026833")),
                  AlertDescription::decode_error, "must select exactly one protocol, found 2");
  // A server's server_name must be empty
  CHECK_TLS_ERROR(parse<ServerHello>(server_hello("c02b00", "0005 0000000100")),
                  AlertDescription::decode_error, "must be empty, has 1 bytes");
}

TEST_CASE("other messages' errors") {
  CHECK_TLS_ERROR(parse<Certificate>(hex("000003 000000")), AlertDescription::decode_error,
                  "Certificate.certificate_list.certificate: length 0 at offset 3 is below the "
                  "minimum 1");
  CHECK_TLS_ERROR(parse<Certificate>(hex("000009 000005 3003020101")),
                  AlertDescription::decode_error,
                  "Certificate.certificate_list: length 9 at offset 0 exceeds the 8 bytes left");
  CHECK_TLS_ERROR(parse<CertificateRequest>(hex("00 0002 0401 0000")),
                  AlertDescription::decode_error,
                  "CertificateRequest.certificate_types: length 0 at offset 0 is below the "
                  "minimum 1");
  CHECK_TLS_ERROR(parse<CertificateRequest>(hex("0140 0002 0401 0003 0000aa")),
                  AlertDescription::decode_error,
                  "CertificateRequest.certificate_authorities.distinguished_name: length 0");
  CHECK_TLS_ERROR(parse<ServerKeyExchange>(hex("01 0017 00"), registry::KeyExchange::ecdhe),
                  AlertDescription::illegal_parameter,
                  "ServerKeyExchange.curve_type: curve type 1 is not named_curve(3)");
  CHECK_TLS_ERROR(parse<ServerKeyExchange>(hex("03 001d 00"), registry::KeyExchange::ecdhe),
                  AlertDescription::decode_error,
                  "ServerKeyExchange.public: length 0 at offset 3 is below the minimum 1");
  CHECK_TLS_ERROR(parse<ServerKeyExchange>(hex("00"), registry::KeyExchange::rsa),
                  AlertDescription::unexpected_message,
                  "no ServerKeyExchange exists for the RSA key exchange");
  CHECK_TLS_ERROR(parse<ClientKeyExchange>(hex("00"), registry::KeyExchange::ecdhe),
                  AlertDescription::decode_error,
                  "ClientKeyExchange.ecdh_Yc: length 0 at offset 0 is below the minimum 1");
  CHECK_TLS_ERROR(parse<Finished>(Bytes(11, 0)), AlertDescription::decode_error,
                  "Finished.verify_data: length 11 is not 12");
  CHECK_TLS_ERROR(parse<ServerHelloDone>(hex("00")), AlertDescription::decode_error,
                  "ServerHelloDone: 1 trailing byte at offset 0");
  CHECK_TLS_ERROR(parse<CertificateVerify>(hex("0403 0005 00")), AlertDescription::decode_error,
                  "CertificateVerify.signature: length 5 at offset 2 exceeds the 1 bytes left");
  CHECK_TLS_ERROR(parse<NewSessionTicket>(hex("000000")), AlertDescription::decode_error,
                  "NewSessionTicket.ticket_lifetime_hint: needs 4 bytes");
}

TEST_CASE("message dispatch errors") {
  CHECK_TLS_ERROR(parse_message(99, {}, {}), AlertDescription::unexpected_message,
                  "handshake message 0x63 unknown has no place in TLS 1.2");
  CHECK_TLS_ERROR(parse_message(8, {}, {}), AlertDescription::unexpected_message,
                  "handshake message 0x08 encrypted_extensions has no place in TLS 1.2");
  CHECK_TLS_ERROR(parse_message(12, hex("03001d0100"), {}), AlertDescription::unexpected_message,
                  "ServerKeyExchange: cannot be parsed before a ServerHello chose a key exchange");
}

TEST_CASE("extension bodies are parsed once, into their types") {
  // One ClientHello carrying every extension tlslab knows, plus an unknown one; each body is
  // read into its typed form while the hello is parsed, and nothing re-reads the bytes.
  const Bytes body =
      client_hello("00", "0002c02b", "0100",
                   "0069"
                   "0000 000e 000c 00 0009 6c6f63616c686f7374"  // server_name "localhost"
                   "0001 0001 02"                               // max_fragment_length 2^10
                   "0005 0005 01 0000 0000"                     // status_request ocsp
                   "000a 0006 0004 001d 0017"  // supported_groups x25519, secp256r1
                   "000b 0002 01 00"           // ec_point_formats uncompressed
                   "000d 0004 0002 0403"       // signature_algorithms ecdsa_secp256r1_sha256
                   "0010 0005 0003 026832"     // ALPN "h2"
                   "0012 0000"                 // signed_certificate_timestamp (empty)
                   "0015 0002 0000"            // padding
                   "0016 0000 0017 0000"       // encrypt_then_mac, extended_master_secret
                   "001c 0002 0100"            // record_size_limit 256
                   "0023 0002 abcd"            // session_ticket
                   "ff01 0001 00"              // renegotiation_info (initial)
                   "abcd 0001 ff");            // unknown: opaque
  const auto ch = parse<ClientHello>(body);
  const auto& x = ch.extensions;
  REQUIRE(x.get<ServerNameList>() != nullptr);
  CHECK(copy(x.get<ServerNameList>()->server_name_list.at(0).name) ==
        Bytes({'l', 'o', 'c', 'a', 'l', 'h', 'o', 's', 't'}));
  REQUIRE(x.get<MaxFragmentLength>() != nullptr);
  CHECK(x.get<MaxFragmentLength>()->limit() == 1024);
  REQUIRE(x.get<StatusRequest>() != nullptr);
  CHECK(x.get<StatusRequest>()->status_type == 1);
  REQUIRE(x.get<SupportedGroups>() != nullptr);
  CHECK(x.get<SupportedGroups>()->named_group_list == std::vector<std::uint16_t>{0x1d, 0x17});
  REQUIRE(x.get<EcPointFormats>() != nullptr);
  CHECK(copy(x.get<EcPointFormats>()->ec_point_format_list) == hex("00"));
  REQUIRE(x.get<SignatureAlgorithms>() != nullptr);
  CHECK(x.get<SignatureAlgorithms>()->supported_signature_algorithms ==
        std::vector<std::uint16_t>{0x0403});
  REQUIRE(x.get<ApplicationLayerProtocolNegotiation>() != nullptr);
  CHECK(copy(x.get<ApplicationLayerProtocolNegotiation>()->protocol_name_list.at(0)) ==
        Bytes{'h', '2'});
  REQUIRE(x.get<Padding>() != nullptr);
  CHECK(x.get<Padding>()->padding.size() == 2);
  REQUIRE(x.get<RecordSizeLimit>() != nullptr);
  CHECK(x.get<RecordSizeLimit>()->record_size_limit == 256);
  REQUIRE(x.get<SessionTicket>() != nullptr);
  CHECK(copy(x.get<SessionTicket>()->ticket) == hex("abcd"));
  REQUIRE(x.get<RenegotiationInfo>() != nullptr);
  CHECK(x.get<RenegotiationInfo>()->renegotiated_connection.empty());
  // Empty bodies: present, typed as Empty; the client's SCT request has no SCT list.
  for (auto t : {ExtensionType::encrypt_then_mac, ExtensionType::extended_master_secret,
                 ExtensionType::signed_certificate_timestamp}) {
    REQUIRE(x.find(t) != nullptr);
    CHECK(std::holds_alternative<Empty>(x.find(t)->body));
  }
  CHECK(x.get<SignedCertificateTimestampList>() == nullptr);
  REQUIRE(x.find(0xabcd) != nullptr);
  CHECK(std::holds_alternative<Opaque>(x.find(0xabcd)->body));
  CHECK(round_trip(ch) == body);

  // The same types read differently in a ServerHello: an empty session_ticket and server_name
  // are acknowledgements, not a ticket or a name list.
  const auto sh = parse<ServerHello>(server_hello("c02b00", "0008 0000 0000 0023 0000"));
  CHECK(sh.extensions.find(ExtensionType::server_name) != nullptr);
  CHECK(sh.extensions.get<ServerNameList>() == nullptr);
  CHECK(sh.extensions.find(ExtensionType::session_ticket) != nullptr);
  CHECK(sh.extensions.get<SessionTicket>() == nullptr);
}

TEST_CASE("corner cases round-trip byte-exact") {
  SUBCASE("absent and empty extension blocks stay distinct") {
    const Bytes absent = client_hello();
    const auto a = parse<ClientHello>(absent);
    CHECK_FALSE(a.extensions.present);
    CHECK(round_trip(a) == absent);
    const Bytes empty = client_hello("00", "0002c02b", "0100", "0000");
    const auto e = parse<ClientHello>(empty);
    CHECK(e.extensions.present);
    CHECK(e.extensions.list.empty());
    CHECK(round_trip(e) == empty);
  }
  SUBCASE("unknown and GREASE extensions and values are kept") {
    const Bytes body = client_hello("00", "0004 2a2a c02b", "0100",
                                    "0013 3a3a0000 abcd0003010203 000a0004 00025a5a");
    const auto m = parse<ClientHello>(body);
    REQUIRE(m.extensions.list.size() == 3);
    CHECK(m.extensions.list[0].type == 0x3a3a);
    CHECK(copy(m.extensions.find(0xabcd)->data) == hex("010203"));
    CHECK(m.cipher_suites.front() == 0x2a2a);
    CHECK(round_trip(m) == body);
  }
  SUBCASE("a session ticket and renegotiation_info") {
    const Bytes body = client_hello("20" + std::string(64, '7'), "0004 c02b 00ff", "0100",
                                    "000d 00230004deadbeef ff01000100");
    const auto m = parse<ClientHello>(body);
    CHECK(m.session_id.size() == 32);
    CHECK(copy(m.extensions.find(ExtensionType::session_ticket)->data) == hex("deadbeef"));
    CHECK(round_trip(m) == body);
  }
  SUBCASE("Certificate with an empty list (a client without a certificate)") {
    const auto m = parse<Certificate>(hex("000000"));
    CHECK(m.certificate_list.empty());
    CHECK(round_trip(m) == hex("000000"));
  }
  SUBCASE("DHE key exchange messages") {
    const Bytes ske = hex("0001 ff 0001 02 0002 1234 0401 0002 abcd");
    const auto m = parse<ServerKeyExchange>(ske, registry::KeyExchange::dhe);
    CHECK(copy(m.params) == hex("0001ff000102 00021234"));
    CHECK(round_trip(m) == ske);
    // Parsed messages are views: the bytes must outlive them.
    const Bytes dh_yc = hex("0002 1234");
    const auto c = parse<ClientKeyExchange>(dh_yc, registry::KeyExchange::dhe);
    CHECK(copy(c.exchange_keys) == hex("1234"));
    CHECK(round_trip(c) == hex("00021234"));
    const Bytes encrypted = hex("0003 010203");
    const auto r = parse<ClientKeyExchange>(encrypted, registry::KeyExchange::rsa);
    CHECK(round_trip(r) == hex("0003010203"));
  }
}

TEST_CASE("serialising refuses what cannot be encoded") {
  Finished f;
  const Bytes short_data(11, 0);
  f.verify_data = short_data;
  Bytes out;
  CHECK_TLS_ERROR(serialize_message(f, out), AlertDescription::internal_error,
                  "Finished.verify_data: 11 bytes, not 12");
  ClientHello ch;
  CHECK_TLS_ERROR(serialize_message(ch, out), AlertDescription::internal_error,
                  "ClientHello.cipher_suites: 0 bytes are below the minimum 2");
}

TEST_CASE("serialize refuses what parse refuses: the bounds are declared once") {
  // RFC 5246 §7.4.1.3: opaque SessionID<0..32>. Before the bounds were shared, a 33-byte
  // session_id serialised (and only the peer's parser noticed).
  const Bytes long_id(33, 0x11);
  messages::ServerHello sh;
  sh.server_version = 0x0303;
  sh.session_id = long_id;
  sh.cipher_suite = 0xc02b;
  Bytes out;
  codec::Writer w(out);
  CHECK_TLS_ERROR(sh.serialize(w), AlertDescription::internal_error,
                  "ServerHello.session_id: 33 bytes are above the maximum 32");
  messages::CertificateRequest cr;
  static constexpr std::uint8_t kTypes[] = {64};
  cr.certificate_types = kTypes;
  cr.supported_signature_algorithms = {0x0403, 0x04};  // fine: 2 elements
  const Bytes empty_dn;
  cr.certificate_authorities.push_back(empty_dn);  // DistinguishedName<1..2^16-1>
  CHECK_TLS_ERROR(cr.serialize(w), AlertDescription::internal_error,
                  "CertificateRequest.distinguished_name: 0 bytes are below the minimum 1");
  // The key-exchange messages and the extensions share their bounds the same way.
  messages::ClientKeyExchange cke;
  cke.key_exchange = registry::KeyExchange::ecdhe;  // ECPoint point<1..2^8-1>
  CHECK_TLS_ERROR(cke.serialize(w), AlertDescription::internal_error,
                  "ClientKeyExchange.ecdh_Yc: 0 bytes are below the minimum 1");
  CHECK_TLS_ERROR(parse<ClientKeyExchange>(hex("00"), registry::KeyExchange::ecdhe),
                  AlertDescription::decode_error, "ecdh_Yc");
  const Bytes long_point(256, 0x04);
  cke.exchange_keys = long_point;
  CHECK_TLS_ERROR(cke.serialize(w), AlertDescription::internal_error,
                  "ClientKeyExchange.ecdh_Yc: 256 bytes do not fit a 8-bit length prefix");
  messages::SupportedGroups groups;  // NamedGroup named_group_list<2..2^16-1>
  CHECK_TLS_ERROR(groups.serialize(w), AlertDescription::internal_error,
                  "named_group_list: 0 bytes are below the minimum 2");
  messages::ApplicationLayerProtocolNegotiation alpn;
  const Bytes empty_name;
  alpn.protocol_name_list.push_back(empty_name);  // ProtocolName<1..2^8-1>
  CHECK_TLS_ERROR(alpn.serialize(w), AlertDescription::internal_error,
                  "protocol_name: 0 bytes are below the minimum 1");
}

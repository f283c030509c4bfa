#include "tlslab/messages/extensions.hpp"

#include <algorithm>
#include <string>

#include "tlslab/error.hpp"

namespace tlslab::messages {

using codec::Reader;
using codec::Writer;

namespace {

// The vectors of RFC 5246 §7.4.1.4 and of each extension's RFC, declared once for parse and
// serialize.
using codec::Bounds;
constexpr auto kExtensions = Bounds::u16();     // Extension extensions<0..2^16-1>
constexpr auto kExtensionData = Bounds::u16();  // opaque extension_data<0..2^16-1>
constexpr auto kServerNameList = Bounds::u16(1);
constexpr auto kHostName = Bounds::u16(1);
constexpr auto kResponderIdList = Bounds::u16();
constexpr auto kRequestExtensions = Bounds::u16();
constexpr auto kNamedGroupList = Bounds::u16(2, 0xffff, 2);
constexpr auto kEcPointFormatList = Bounds::u8(1);
constexpr auto kSupportedSignatureAlgorithms = Bounds::u16(2, 0xfffe, 2);
constexpr auto kProtocolNameList = Bounds::u16(2);
constexpr auto kProtocolName = Bounds::u8(1);
constexpr auto kSctList = Bounds::u16(1);
constexpr auto kSerializedSct = Bounds::u16(1);
constexpr auto kRenegotiatedConnection = Bounds::u8();

}  // namespace

const Extension* Extensions::find(std::uint16_t type) const noexcept {
  for (const auto& e : list) {
    if (e.type == type) return &e;
  }
  return nullptr;
}

Extensions Extensions::parse(Reader& r, Origin origin) {
  Extensions out;
  if (r.empty()) return out;  // RFC 5246 §7.4.1.2: the block may be absent
  out.present = true;
  Reader block = r.sub("extensions", kExtensions);
  while (!block.empty()) {
    // Each extension is read as its own nested structure so that errors and traces say which
    // one; its extent comes from the length field (checked again when it is read).
    const std::size_t extent = 4 + static_cast<std::size_t>(block.peek(2, 2).value_or(0));
    Reader one = block.sub(std::min(extent, block.remaining()), "extension");
    Extension e;
    e.type = one.u16("extension_type");
    Reader body = one.sub("extension_data", kExtensionData);
    e.data = body.data();
    if (out.find(e.type) != nullptr) {
      // RFC 5246 §7.4.1.4: "There MUST NOT be more than one extension of the same type."
      one.fail(AlertDescription::illegal_parameter, "extension_type",
               "duplicate extension " +
                   registry::describe_u16(e.type, registry::extension_name(e.type)));
    }
    e.body = parse_extension_body(e.type, origin, body);
    out.list.push_back(std::move(e));
  }
  return out;
}

void Extensions::serialize(Writer& w) const {
  if (!present) return;
  w.sub("extensions", kExtensions, [&](Writer& block) {
    for (const auto& e : list) {
      block.u16(e.type);
      block.opaque("extension_data", e.data, kExtensionData);
    }
  });
}

namespace {

Empty expect_empty(Reader& body) {
  if (!body.empty()) {
    body.fail(AlertDescription::decode_error, {},
              "must be empty, has " + std::to_string(body.remaining()) + " bytes");
  }
  return {};
}

}  // namespace

ExtensionBody parse_extension_body(std::uint16_t type, Origin origin, Reader& body) {
  const bool client = origin == Origin::client_hello;
  ExtensionBody out;
  switch (static_cast<ExtensionType>(type)) {
    case ExtensionType::server_name:
      // RFC 6066 §3: the server's extension_data is empty
      out = client ? ExtensionBody(ServerNameList::parse(body)) : expect_empty(body);
      break;
    case ExtensionType::max_fragment_length:
      out = MaxFragmentLength::parse(body);
      break;
    case ExtensionType::status_request:
      // RFC 6066 §8: the server's is empty
      out = client ? ExtensionBody(StatusRequest::parse(body)) : expect_empty(body);
      break;
    case ExtensionType::supported_groups:
      out = SupportedGroups::parse(body);
      break;
    case ExtensionType::ec_point_formats:
      out = EcPointFormats::parse(body);
      break;
    case ExtensionType::signature_algorithms:
      out = SignatureAlgorithms::parse(body);
      break;
    case ExtensionType::application_layer_protocol_negotiation: {
      auto alpn = ApplicationLayerProtocolNegotiation::parse(body);
      if (!client && alpn.protocol_name_list.size() != 1) {
        // RFC 7301 §3.1: the server's list "MUST contain exactly one ProtocolName".
        body.fail(AlertDescription::decode_error, "protocol_name_list",
                  "the server must select exactly one protocol, found " +
                      std::to_string(alpn.protocol_name_list.size()));
      }
      out = std::move(alpn);
      break;
    }
    case ExtensionType::signed_certificate_timestamp:
      // RFC 6962 §3.3.1: the client's extension_data is empty
      out = client ? ExtensionBody(expect_empty(body))
                   : ExtensionBody(SignedCertificateTimestampList::parse(body));
      break;
    case ExtensionType::padding:
      out = Padding::parse(body);
      break;
    case ExtensionType::encrypt_then_mac:        // RFC 7366 §2
    case ExtensionType::extended_master_secret:  // RFC 7627 §5.1
      out = expect_empty(body);
      break;
    case ExtensionType::record_size_limit:
      out = RecordSizeLimit::parse(body);
      break;
    case ExtensionType::session_ticket:
      // RFC 5077 §3.2: the server's is empty
      out = client ? ExtensionBody(SessionTicket::parse(body)) : expect_empty(body);
      break;
    case ExtensionType::renegotiation_info:
      out = RenegotiationInfo::parse(body);
      break;
    default:
      body.rest("extension_data");  // unknown or GREASE: opaque, kept byte-exact
      return Opaque{};
  }
  body.expect_end();
  return out;
}

// ---- typed bodies ---------------------------------------------------------------------------

ServerNameList ServerNameList::parse(Reader& r) {
  ServerNameList out;
  Reader list = r.sub("server_name_list", kServerNameList);
  while (!list.empty()) {
    Entry e;
    e.name_type = list.u8("name_type");
    // RFC 6066 §3 defines only host_name(0). Other types are read as the same opaque<1..2^16-1>
    // (what every deployed parser assumes, and tlsfuzzer's "multiple types in SNI" probes
    // expect) and kept, so that a server can skip them and a replay re-serialises them.
    e.name = list.opaque(e.name_type == 0 ? "host_name" : "name", kHostName);
    for (const auto& seen : out.server_name_list) {
      if (seen.name_type == e.name_type) {
        // RFC 6066 §3: "MUST NOT contain more than one name of the same name_type".
        list.fail(AlertDescription::illegal_parameter, "name_type", "more than one host_name");
      }
    }
    out.server_name_list.push_back(e);
  }
  return out;
}

void ServerNameList::serialize(Writer& w) const {
  w.sub("server_name_list", kServerNameList, [&](Writer& list) {
    for (const auto& e : server_name_list) {
      list.u8(e.name_type);
      list.opaque("host_name", e.name, kHostName);
    }
  });
}

MaxFragmentLength MaxFragmentLength::parse(Reader& r) {
  MaxFragmentLength out;
  out.value = r.u8("max_fragment_length");
  if (out.value < 1 || out.value > 4) {
    // RFC 6066 §4: "MUST abort the handshake with an illegal_parameter alert".
    r.fail(AlertDescription::illegal_parameter, "max_fragment_length",
           "value " + std::to_string(out.value) + " is not one of 1..4");
  }
  return out;
}

void MaxFragmentLength::serialize(Writer& w) const {
  w.u8(value);
}

StatusRequest StatusRequest::parse(Reader& r) {
  StatusRequest out;
  out.status_type = r.u8("status_type");
  if (out.status_type != 1) {
    // Only ocsp(1) has a defined body; another type's body is kept opaque.
    out.responder_id_list = r.rest("request");
    return out;
  }
  out.responder_id_list = r.opaque("responder_id_list", kResponderIdList);
  out.request_extensions = r.opaque("request_extensions", kRequestExtensions);
  return out;
}

void StatusRequest::serialize(Writer& w) const {
  w.u8(status_type);
  if (status_type != 1) {
    w.bytes(responder_id_list);
    return;
  }
  w.opaque("responder_id_list", responder_id_list, kResponderIdList);
  w.opaque("request_extensions", request_extensions, kRequestExtensions);
}

SupportedGroups SupportedGroups::parse(Reader& r) {
  SupportedGroups out;
  Reader list = r.sub("named_group_list", kNamedGroupList);
  while (!list.empty())
    out.named_group_list.push_back(list.u16("named_group"));
  return out;
}

void SupportedGroups::serialize(Writer& w) const {
  w.sub("named_group_list", kNamedGroupList, [&](Writer& list) {
    for (auto g : named_group_list)
      list.u16(g);
  });
}

EcPointFormats EcPointFormats::parse(Reader& r) {
  return EcPointFormats{r.u8_list("ec_point_format_list", kEcPointFormatList, "ec_point_format")};
}

void EcPointFormats::serialize(Writer& w) const {
  w.opaque("ec_point_format_list", ec_point_format_list, kEcPointFormatList);
}

std::vector<std::uint16_t> read_supported_signature_algorithms(Reader& r) {
  std::vector<std::uint16_t> out;
  Reader list = r.sub("supported_signature_algorithms", kSupportedSignatureAlgorithms);
  while (!list.empty())
    out.push_back(list.u16("signature_algorithm"));
  return out;
}

void write_supported_signature_algorithms(Writer& w, std::string_view field,
                                          const std::vector<std::uint16_t>& algorithms) {
  w.sub(field, kSupportedSignatureAlgorithms, [&](Writer& list) {
    for (auto s : algorithms)
      list.u16(s);
  });
}

SignatureAlgorithms SignatureAlgorithms::parse(Reader& r) {
  return SignatureAlgorithms{read_supported_signature_algorithms(r)};
}

void SignatureAlgorithms::serialize(Writer& w) const {
  write_supported_signature_algorithms(w, "supported_signature_algorithms",
                                       supported_signature_algorithms);
}

ApplicationLayerProtocolNegotiation ApplicationLayerProtocolNegotiation::parse(Reader& r) {
  ApplicationLayerProtocolNegotiation out;
  Reader list = r.sub("protocol_name_list", kProtocolNameList);
  while (!list.empty())
    out.protocol_name_list.push_back(list.opaque("protocol_name", kProtocolName));
  return out;
}

void ApplicationLayerProtocolNegotiation::serialize(Writer& w) const {
  w.sub("protocol_name_list", kProtocolNameList, [&](Writer& list) {
    for (auto p : protocol_name_list)
      list.opaque("protocol_name", p, kProtocolName);
  });
}

SignedCertificateTimestampList SignedCertificateTimestampList::parse(Reader& r) {
  SignedCertificateTimestampList out;
  Reader list = r.sub("sct_list", kSctList);
  while (!list.empty())
    out.sct_list.push_back(list.opaque("serialized_sct", kSerializedSct));
  return out;
}

void SignedCertificateTimestampList::serialize(Writer& w) const {
  w.sub("sct_list", kSctList, [&](Writer& list) {
    for (auto s : sct_list)
      list.opaque("serialized_sct", s, kSerializedSct);
  });
}

RecordSizeLimit RecordSizeLimit::parse(Reader& r) {
  RecordSizeLimit out;
  out.record_size_limit = r.u16("record_size_limit");
  if (out.record_size_limit < 64) {
    // RFC 8449 §4: "Endpoints MUST NOT send a value smaller than 64 ... MUST treat receipt of a
    // smaller value as a fatal error and generate an illegal_parameter alert."
    r.fail(AlertDescription::illegal_parameter, "record_size_limit",
           "value " + std::to_string(out.record_size_limit) + " is below 64");
  }
  return out;
}

void RecordSizeLimit::serialize(Writer& w) const {
  w.u16(record_size_limit);
}

RenegotiationInfo RenegotiationInfo::parse(Reader& r) {
  RenegotiationInfo out;
  out.renegotiated_connection = r.opaque("renegotiated_connection", kRenegotiatedConnection);
  return out;
}

void RenegotiationInfo::serialize(Writer& w) const {
  w.opaque("renegotiated_connection", renegotiated_connection, kRenegotiatedConnection);
}

SessionTicket SessionTicket::parse(Reader& r) {
  SessionTicket out;
  out.ticket = r.rest("ticket");
  return out;
}

void SessionTicket::serialize(Writer& w) const {
  w.bytes(ticket);
}

Padding Padding::parse(Reader& r) {
  Padding out;
  out.padding = r.rest("padding");
  return out;
}

void Padding::serialize(Writer& w) const {
  w.bytes(padding);
}

}  // namespace tlslab::messages

#include "tlslab/messages/extensions.hpp"

#include <algorithm>
#include <string>

#include "tlslab/error.hpp"

namespace tlslab::messages {

using codec::Reader;
using codec::Writer;

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
  Reader block = r.sub16("extensions");
  while (!block.empty()) {
    // Each extension is read as its own nested structure so that errors and traces say which
    // one; its extent comes from the length field (checked again when it is read).
    const std::size_t extent = 4 + static_cast<std::size_t>(block.peek(2, 2).value_or(0));
    Reader one = block.sub(std::min(extent, block.remaining()), "extension");
    Extension e;
    e.type = one.u16("extension_type");
    Reader body = one.sub16("extension_data");
    e.data = body.data();
    if (out.find(e.type) != nullptr) {
      // RFC 5246 §7.4.1.4: "There MUST NOT be more than one extension of the same type."
      one.fail(AlertDescription::illegal_parameter, "extension_type",
               "duplicate extension " +
                   registry::describe_u16(e.type, registry::extension_name(e.type)));
    }
    parse_extension_body(e.type, origin, body);
    out.list.push_back(e);
  }
  return out;
}

void Extensions::serialize(Writer& w) const {
  if (!present) return;
  w.sub16("extensions", [&](Writer& block) {
    for (const auto& e : list) {
      block.u16(e.type);
      block.opaque16("extension_data", e.data);
    }
  });
}

namespace {

void expect_empty(Reader& body) {
  if (!body.empty()) {
    body.fail(AlertDescription::decode_error, {},
              "must be empty, has " + std::to_string(body.remaining()) + " bytes");
  }
}

}  // namespace

void parse_extension_body(std::uint16_t type, Origin origin, Reader& body) {
  const bool client = origin == Origin::client_hello;
  switch (static_cast<ExtensionType>(type)) {
    case ExtensionType::server_name:
      if (client) {
        ServerNameList::parse(body);
      } else {
        expect_empty(body);  // RFC 6066 §3: the server's extension_data is empty
      }
      break;
    case ExtensionType::max_fragment_length:
      MaxFragmentLength::parse(body);
      break;
    case ExtensionType::status_request:
      if (client) {
        StatusRequest::parse(body);
      } else {
        expect_empty(body);  // RFC 6066 §8
      }
      break;
    case ExtensionType::supported_groups:
      SupportedGroups::parse(body);
      break;
    case ExtensionType::ec_point_formats:
      EcPointFormats::parse(body);
      break;
    case ExtensionType::signature_algorithms:
      SignatureAlgorithms::parse(body);
      break;
    case ExtensionType::application_layer_protocol_negotiation: {
      const auto alpn = ApplicationLayerProtocolNegotiation::parse(body);
      if (!client && alpn.protocol_name_list.size() != 1) {
        // RFC 7301 §3.1: the server's list "MUST contain exactly one ProtocolName".
        body.fail(AlertDescription::decode_error, "protocol_name_list",
                  "the server must select exactly one protocol, found " +
                      std::to_string(alpn.protocol_name_list.size()));
      }
      break;
    }
    case ExtensionType::signed_certificate_timestamp:
      if (client) {
        expect_empty(body);  // RFC 6962 §3.3.1: the client's extension_data is empty
      } else {
        SignedCertificateTimestampList::parse(body);
      }
      break;
    case ExtensionType::padding:
      Padding::parse(body);
      break;
    case ExtensionType::encrypt_then_mac:        // RFC 7366 §2
    case ExtensionType::extended_master_secret:  // RFC 7627 §5.1
      expect_empty(body);
      break;
    case ExtensionType::record_size_limit:
      RecordSizeLimit::parse(body);
      break;
    case ExtensionType::session_ticket:
      if (client) {
        SessionTicket::parse(body);
      } else {
        expect_empty(body);  // RFC 5077 §3.2
      }
      break;
    case ExtensionType::renegotiation_info:
      RenegotiationInfo::parse(body);
      break;
    default:
      body.rest("extension_data");  // unknown or GREASE: opaque, kept byte-exact
      return;
  }
  body.expect_end();
}

// ---- typed bodies ---------------------------------------------------------------------------

ServerNameList ServerNameList::parse(Reader& r) {
  ServerNameList out;
  Reader list = r.sub16("server_name_list", 1);
  while (!list.empty()) {
    Entry e;
    e.name_type = list.u8("name_type");
    // RFC 6066 §3 defines only host_name(0). Other types are read as the same opaque<1..2^16-1>
    // (what every deployed parser assumes, and tlsfuzzer's "multiple types in SNI" probes
    // expect) and kept, so that a server can skip them and a replay re-serialises them.
    e.name = list.opaque16(e.name_type == 0 ? "host_name" : "name", 1);
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
  w.sub16(
      "server_name_list",
      [&](Writer& list) {
        for (const auto& e : server_name_list) {
          list.u8(e.name_type);
          list.opaque16("host_name", e.name, 1);
        }
      },
      1);
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
  out.responder_id_list = r.opaque16("responder_id_list");
  out.request_extensions = r.opaque16("request_extensions");
  return out;
}

void StatusRequest::serialize(Writer& w) const {
  w.u8(status_type);
  if (status_type != 1) {
    w.bytes(responder_id_list);
    return;
  }
  w.opaque16("responder_id_list", responder_id_list);
  w.opaque16("request_extensions", request_extensions);
}

SupportedGroups SupportedGroups::parse(Reader& r) {
  SupportedGroups out;
  Reader list = r.sub16("named_group_list", 2, 0xffff, 2);
  while (!list.empty())
    out.named_group_list.push_back(list.u16("named_group"));
  return out;
}

void SupportedGroups::serialize(Writer& w) const {
  w.sub16(
      "named_group_list",
      [&](Writer& list) {
        for (auto g : named_group_list)
          list.u16(g);
      },
      2);
}

EcPointFormats EcPointFormats::parse(Reader& r) {
  EcPointFormats out;
  Reader list = r.sub8("ec_point_format_list", 1);
  out.ec_point_format_list = list.data();
  while (!list.empty())
    (void)list.u8("ec_point_format");
  return out;
}

void EcPointFormats::serialize(Writer& w) const {
  w.opaque8("ec_point_format_list", ec_point_format_list, 1);
}

SignatureAlgorithms SignatureAlgorithms::parse(Reader& r) {
  SignatureAlgorithms out;
  Reader list = r.sub16("supported_signature_algorithms", 2, 0xfffe, 2);
  while (!list.empty()) {
    out.supported_signature_algorithms.push_back(list.u16("signature_algorithm"));
  }
  return out;
}

void SignatureAlgorithms::serialize(Writer& w) const {
  w.sub16(
      "supported_signature_algorithms",
      [&](Writer& list) {
        for (auto s : supported_signature_algorithms)
          list.u16(s);
      },
      2);
}

ApplicationLayerProtocolNegotiation ApplicationLayerProtocolNegotiation::parse(Reader& r) {
  ApplicationLayerProtocolNegotiation out;
  Reader list = r.sub16("protocol_name_list", 2);
  while (!list.empty())
    out.protocol_name_list.push_back(list.opaque8("protocol_name", 1));
  return out;
}

void ApplicationLayerProtocolNegotiation::serialize(Writer& w) const {
  w.sub16(
      "protocol_name_list",
      [&](Writer& list) {
        for (auto p : protocol_name_list)
          list.opaque8("protocol_name", p, 1);
      },
      2);
}

SignedCertificateTimestampList SignedCertificateTimestampList::parse(Reader& r) {
  SignedCertificateTimestampList out;
  Reader list = r.sub16("sct_list", 1);
  while (!list.empty())
    out.sct_list.push_back(list.opaque16("serialized_sct", 1));
  return out;
}

void SignedCertificateTimestampList::serialize(Writer& w) const {
  w.sub16(
      "sct_list",
      [&](Writer& list) {
        for (auto s : sct_list)
          list.opaque16("serialized_sct", s, 1);
      },
      1);
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
  out.renegotiated_connection = r.opaque8("renegotiated_connection");
  return out;
}

void RenegotiationInfo::serialize(Writer& w) const {
  w.opaque8("renegotiated_connection", renegotiated_connection);
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

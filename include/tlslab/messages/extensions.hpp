// Hello extensions (RFC 5246 §7.4.1.4): the generic block, kept byte-exact, and the typed bodies
// of the extensions tlslab understands (RFC 6066, RFC 8422, RFC 7301, RFC 6962, RFC 7685,
// RFC 7366, RFC 7627, RFC 8449, RFC 5077, RFC 5746). Parsed values are views into the bytes
// they were parsed from, which must outlive them.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"
#include "tlslab/registry.hpp"

namespace tlslab::messages {

using registry::ExtensionType;

// Which hello carried an extension block: several bodies differ (an empty server_name in the
// ServerHello, exactly one ALPN protocol, ...).
enum class Origin : std::uint8_t { client_hello, server_hello };

struct Extension {
  std::uint16_t type = 0;
  ByteView data;  // extension_data, unparsed
};

struct Extensions {
  // Absent (no bytes after compression_methods, as hellos before RFC 3546) differs from an
  // empty block (two zero bytes); keeping the difference makes re-serialising byte-exact.
  bool present = false;
  std::vector<Extension> list;

  const Extension* find(std::uint16_t type) const noexcept;
  const Extension* find(ExtensionType type) const noexcept {
    return find(static_cast<std::uint16_t>(type));
  }
  // Reads the optional block that ends a hello. Each extension type may appear once
  // (RFC 5246 §7.4.1.4: illegal_parameter otherwise); the body of every extension tlslab knows is
  // validated (decode_error / illegal_parameter naming the extension and field); unknown and
  // GREASE extensions are kept as they are.
  static Extensions parse(codec::Reader& r, Origin origin);
  void serialize(codec::Writer& w) const;
};

// Validates (and, with an observer on `body`, annotates) one extension body. `body` covers
// exactly extension_data; it must be consumed entirely. Unknown types are accepted as opaque.
void parse_extension_body(std::uint16_t type, Origin origin, codec::Reader& body);

// ---- typed bodies ---------------------------------------------------------------------------
// Each has parse(Reader&) reading the whole extension_data and serialize(Writer&) writing it.

// RFC 6066 §3. In a ServerHello the body is empty (the server acknowledges SNI).
struct ServerNameList {
  struct Entry {
    std::uint8_t name_type = 0;  // host_name(0)
    ByteView name;               // HostName<1..2^16-1>
  };
  std::vector<Entry> server_name_list;  // <1..2^16-1>
  static ServerNameList parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 6066 §4: 2^9, 2^10, 2^11, 2^12 as 1..4; any other value is illegal_parameter.
struct MaxFragmentLength {
  std::uint8_t value = 0;
  static MaxFragmentLength parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
  std::size_t limit() const noexcept { return std::size_t{1} << (8 + value); }
};

// RFC 6066 §8 CertificateStatusRequest (client); the server's is empty.
struct StatusRequest {
  std::uint8_t status_type = 1;  // ocsp(1)
  ByteView responder_id_list;    // ResponderID responder_id_list<0..2^16-1>, kept as bytes
  ByteView request_extensions;   // Extensions request_extensions (DER), <0..2^16-1>
  static StatusRequest parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 8422 §5.1.1, RFC 7919 §2: NamedGroup named_group_list<2..2^16-1>.
struct SupportedGroups {
  std::vector<std::uint16_t> named_group_list;
  static SupportedGroups parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 8422 §5.1.2: ECPointFormat ec_point_format_list<1..2^8-1>.
struct EcPointFormats {
  ByteView ec_point_format_list;
  static EcPointFormats parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 5246 §7.4.1.4.1: SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>.
struct SignatureAlgorithms {
  std::vector<std::uint16_t> supported_signature_algorithms;
  static SignatureAlgorithms parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 7301 §3.1: ProtocolName protocol_name_list<2..2^16-1>, ProtocolName<1..2^8-1>. The
// server's list has exactly one name.
struct ApplicationLayerProtocolNegotiation {
  std::vector<ByteView> protocol_name_list;
  static ApplicationLayerProtocolNegotiation parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 6962 §3.3.1: SerializedSCT sct_list<1..2^16-1>, each <1..2^16-1> (server side; the
// client sends an empty body).
struct SignedCertificateTimestampList {
  std::vector<ByteView> sct_list;
  static SignedCertificateTimestampList parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 8449 §4: uint16 RecordSizeLimit; values below 64 are illegal_parameter.
struct RecordSizeLimit {
  std::uint16_t record_size_limit = 0;
  static RecordSizeLimit parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 5746 §3.2: opaque renegotiated_connection<0..255>.
struct RenegotiationInfo {
  ByteView renegotiated_connection;
  static RenegotiationInfo parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 5077 §3.2: the client's extension_data is the ticket itself (no length prefix); empty
// asks for a new ticket. The server's is empty.
struct SessionTicket {
  ByteView ticket;
  static SessionTicket parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 7685 §3: zero bytes. Kept as they are: the RFC obliges the sender to send zeros but
// gives the receiver nothing to check, and OpenSSL and GnuTLS accept any content.
struct Padding {
  ByteView padding;
  static Padding parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

}  // namespace tlslab::messages

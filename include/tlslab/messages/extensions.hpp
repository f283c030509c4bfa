// Hello extensions (RFC 5246 §7.4.1.4): the generic block, kept byte-exact, and the typed bodies
// of the extensions tlslab understands (RFC 6066, RFC 8422, RFC 7301, RFC 6962, RFC 7685,
// RFC 7366, RFC 7627, RFC 8449, RFC 5077, RFC 5746). Parsed values are views into the bytes
// they were parsed from, which must outlive them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>
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

// ---- typed bodies ---------------------------------------------------------------------------
// Each has parse(Reader&) reading the whole extension_data, serialize(Writer&) writing it, and
// kType, the extension it is the body of.

// RFC 6066 §3. In a ServerHello the body is empty (the server acknowledges SNI).
struct ServerNameList {
  static constexpr ExtensionType kType = ExtensionType::server_name;
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
  static constexpr ExtensionType kType = ExtensionType::max_fragment_length;
  std::uint8_t value = 0;
  static MaxFragmentLength parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
  std::size_t limit() const noexcept { return std::size_t{1} << (8 + value); }
};

// RFC 6066 §8 CertificateStatusRequest (client); the server's is empty.
struct StatusRequest {
  static constexpr ExtensionType kType = ExtensionType::status_request;
  std::uint8_t status_type = 1;  // ocsp(1)
  ByteView responder_id_list;    // ResponderID responder_id_list<0..2^16-1>, kept as bytes
  ByteView request_extensions;   // Extensions request_extensions (DER), <0..2^16-1>
  static StatusRequest parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 8422 §5.1.1, RFC 7919 §2: NamedGroup named_group_list<2..2^16-1>.
struct SupportedGroups {
  static constexpr ExtensionType kType = ExtensionType::supported_groups;
  std::vector<std::uint16_t> named_group_list;
  static SupportedGroups parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 8422 §5.1.2: ECPointFormat ec_point_format_list<1..2^8-1>.
struct EcPointFormats {
  static constexpr ExtensionType kType = ExtensionType::ec_point_formats;
  ByteView ec_point_format_list;
  static EcPointFormats parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 5246 §7.4.1.4.1: SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>.
struct SignatureAlgorithms {
  static constexpr ExtensionType kType = ExtensionType::signature_algorithms;
  std::vector<std::uint16_t> supported_signature_algorithms;
  static SignatureAlgorithms parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};
// The vector itself, which CertificateRequest declares the same way (RFC 5246 §7.4.4). `field`
// names it in the writer's errors.
std::vector<std::uint16_t> read_supported_signature_algorithms(codec::Reader& r);
void write_supported_signature_algorithms(codec::Writer& w, std::string_view field,
                                          const std::vector<std::uint16_t>& list);

// RFC 7301 §3.1: ProtocolName protocol_name_list<2..2^16-1>, ProtocolName<1..2^8-1>. The
// server's list has exactly one name.
struct ApplicationLayerProtocolNegotiation {
  static constexpr ExtensionType kType = ExtensionType::application_layer_protocol_negotiation;
  std::vector<ByteView> protocol_name_list;
  static ApplicationLayerProtocolNegotiation parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 6962 §3.3.1: SerializedSCT sct_list<1..2^16-1>, each <1..2^16-1> (server side; the
// client sends an empty body).
struct SignedCertificateTimestampList {
  static constexpr ExtensionType kType = ExtensionType::signed_certificate_timestamp;
  std::vector<ByteView> sct_list;
  static SignedCertificateTimestampList parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 8449 §4: uint16 RecordSizeLimit; values below 64 are illegal_parameter.
struct RecordSizeLimit {
  static constexpr ExtensionType kType = ExtensionType::record_size_limit;
  std::uint16_t record_size_limit = 0;
  static RecordSizeLimit parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 5746 §3.2: opaque renegotiated_connection<0..255>.
struct RenegotiationInfo {
  static constexpr ExtensionType kType = ExtensionType::renegotiation_info;
  ByteView renegotiated_connection;
  static RenegotiationInfo parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 5077 §3.2: the client's extension_data is the ticket itself (no length prefix); empty
// asks for a new ticket. The server's is empty.
struct SessionTicket {
  static constexpr ExtensionType kType = ExtensionType::session_ticket;
  ByteView ticket;
  static SessionTicket parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// RFC 7685 §3: zero bytes. Kept as they are: the RFC obliges the sender to send zeros but
// gives the receiver nothing to check, and OpenSSL and GnuTLS accept any content.
struct Padding {
  static constexpr ExtensionType kType = ExtensionType::padding;
  ByteView padding;
  static Padding parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

// An extension whose body is empty in this hello (encrypt_then_mac, extended_master_secret, the
// server's acknowledgements of server_name, status_request and session_ticket, the client's
// signed_certificate_timestamp): its presence is all it says.
struct Empty {};
// An extension tlslab has no structure for, or GREASE (RFC 8701): extension_data is kept as it
// came, byte-exact.
struct Opaque {};

using ExtensionBody =
    std::variant<Opaque, Empty, ServerNameList, MaxFragmentLength, StatusRequest, SupportedGroups,
                 EcPointFormats, SignatureAlgorithms, ApplicationLayerProtocolNegotiation,
                 SignedCertificateTimestampList, RecordSizeLimit, RenegotiationInfo, SessionTicket,
                 Padding>;

struct Extension {
  std::uint16_t type = 0;
  ByteView data;  // extension_data as on the wire: what serialize writes
  // Its typed reading, made once by Extensions::parse. An extension built by hand for sending
  // leaves it Opaque: the bytes are the truth, the body is how a receiver reads them.
  ExtensionBody body = Opaque{};
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
  // The typed body of extension T::kType, parsed when the hello was; nullptr when the hello has
  // no such extension, or has it with an empty body (a ServerHello's session_ticket: use find).
  template <class T>
  const T* get() const noexcept {
    const Extension* e = find(T::kType);
    return e != nullptr ? std::get_if<T>(&e->body) : nullptr;
  }
  // Reads the optional block that ends a hello, and every body in it once. Each extension type
  // may appear once (RFC 5246 §7.4.1.4: illegal_parameter otherwise); the body of every
  // extension tlslab knows is parsed into its type (decode_error / illegal_parameter naming the
  // extension and field); unknown and GREASE extensions are kept as they are.
  static Extensions parse(codec::Reader& r, Origin origin);
  void serialize(codec::Writer& w) const;
};

// Parses (and, with an observer on `body`, annotates) one extension body. `body` covers
// exactly extension_data; it must be consumed entirely. Unknown types are Opaque.
ExtensionBody parse_extension_body(std::uint16_t type, Origin origin, codec::Reader& body);

}  // namespace tlslab::messages

// The TLS registries (IANA "Transport Layer Security (TLS) Parameters" and "TLS Extensions"):
// one table each, in src/registry/, giving the names traces print and, for cipher suites, the
// parameters the record layer and key schedule need. Names exist for many values tlslab does
// not implement, so captures from other stacks read well.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "tlslab/crypto/algorithms.hpp"

namespace tlslab::registry {

// RFC 5246 §6.2.1
enum class ContentType : std::uint8_t {
  change_cipher_spec = 20,
  alert = 21,
  handshake = 22,
  application_data = 23,
  heartbeat = 24,  // RFC 6520; recognised, never used by tlslab
};
std::optional<std::string_view> content_type_name(std::uint8_t v) noexcept;

// RFC 5246 §7.4, RFC 5077, RFC 6066, RFC 8446 (names only)
enum class HandshakeType : std::uint8_t {
  hello_request = 0,
  client_hello = 1,
  server_hello = 2,
  hello_verify_request = 3,
  new_session_ticket = 4,
  end_of_early_data = 5,
  encrypted_extensions = 8,
  certificate = 11,
  server_key_exchange = 12,
  certificate_request = 13,
  server_hello_done = 14,
  certificate_verify = 15,
  client_key_exchange = 16,
  finished = 20,
  certificate_url = 21,
  certificate_status = 22,
  key_update = 24,
  message_hash = 254,
};
std::optional<std::string_view> handshake_type_name(std::uint8_t v) noexcept;

enum class ExtensionType : std::uint16_t {
  server_name = 0,
  max_fragment_length = 1,
  status_request = 5,
  supported_groups = 10,
  ec_point_formats = 11,
  signature_algorithms = 13,
  application_layer_protocol_negotiation = 16,
  signed_certificate_timestamp = 18,
  padding = 21,
  encrypt_then_mac = 22,
  extended_master_secret = 23,
  record_size_limit = 28,
  session_ticket = 35,
  renegotiation_info = 0xff01,
};
std::optional<std::string_view> extension_name(std::uint16_t v) noexcept;

// RFC 8701: 0x0a0a, 0x1a1a, ..., 0xfafa.
constexpr bool is_grease(std::uint16_t v) noexcept {
  return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
}

std::optional<std::string_view> group_name(std::uint16_t v) noexcept;
std::optional<std::string_view> signature_scheme_name(std::uint16_t v) noexcept;
// The reverse of the two above: "secp256r1" -> 23.
std::optional<std::uint16_t> group_code(std::string_view name) noexcept;
std::optional<std::uint16_t> signature_scheme_code(std::string_view name) noexcept;
// RFC 5246 §7.4.1.4.1 HashAlgorithm / SignatureAlgorithm halves of a SignatureAndHashAlgorithm.
std::optional<std::string_view> hash_algorithm_name(std::uint8_t v) noexcept;
std::optional<std::string_view> signature_algorithm_name(std::uint8_t v) noexcept;
// RFC 5246 §7.4.4 ClientCertificateType, RFC 8422 §5.5
std::optional<std::string_view> certificate_type_name(std::uint8_t v) noexcept;
// RFC 8422 §5.1.2
std::optional<std::string_view> ec_point_format_name(std::uint8_t v) noexcept;
// RFC 5246 §7.4.1.2, RFC 3749
std::optional<std::string_view> compression_method_name(std::uint8_t v) noexcept;
// RFC 5246 §7.4.3 / RFC 8422 §5.4 ECCurveType
std::optional<std::string_view> ec_curve_type_name(std::uint8_t v) noexcept;
// RFC 6066 §4 MaxFragmentLength
std::optional<std::string_view> max_fragment_length_name(std::uint8_t v) noexcept;

// "0xc02b TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "0x1a1a GREASE", "0x1234 unknown": what a
// trace prints for a code point.
std::string describe_u16(std::uint16_t v, std::optional<std::string_view> name);
// ProtocolVersion names: "TLS 1.2" for 0x0303, "GREASE" for RFC 8701 values, else "unknown".
std::string version_name(std::uint16_t version);
std::string describe_u8(std::uint8_t v, std::optional<std::string_view> name);

// --- cipher suites -----------------------------------------------------------------------------

enum class KeyExchange : std::uint8_t { rsa, dhe, ecdhe, other };
enum class Authentication : std::uint8_t { rsa, ecdsa, anonymous, other };
enum class BulkKind : std::uint8_t { aead, cbc, other };

struct CipherSuiteInfo {
  std::uint16_t code;
  std::string_view name;  // IANA name
  KeyExchange key_exchange;
  Authentication authentication;  // of the server certificate
  BulkKind bulk;
  crypto::AeadAlgorithm aead;      // when bulk == aead
  crypto::CbcAlgorithm cbc;        // when bulk == cbc
  crypto::HashAlgorithm mac_hash;  // record MAC for CBC suites (RFC 5246 §6.2.3.1)
  crypto::HashAlgorithm prf_hash;  // PRF and transcript hash (RFC 5246 §5, RFC 5288 §3)
  bool implemented;                // tlslab can negotiate it
  bool default_enabled;            // offered/accepted without configuration

  // RFC 5246 §6.3 key_block sizes.
  std::size_t mac_key_length() const noexcept;
  std::size_t enc_key_length() const noexcept;
  std::size_t fixed_iv_length() const noexcept;   // AEAD implicit nonce part (4 GCM, 12 ChaCha)
  std::size_t record_iv_length() const noexcept;  // explicit nonce/IV per record (8 GCM, block)
};

// nullptr for a code point not in the table.
const CipherSuiteInfo* find_cipher_suite(std::uint16_t code) noexcept;
// By IANA name (also accepts OpenSSL-style names? no: IANA names only, case-sensitive).
const CipherSuiteInfo* find_cipher_suite(std::string_view iana_name) noexcept;
std::span<const CipherSuiteInfo> cipher_suites() noexcept;
std::optional<std::string_view> cipher_suite_name(std::uint16_t v) noexcept;

// The signalling values (RFC 5746 §3.3, RFC 7507 §2).
inline constexpr std::uint16_t TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;
inline constexpr std::uint16_t TLS_FALLBACK_SCSV = 0x5600;

}  // namespace tlslab::registry

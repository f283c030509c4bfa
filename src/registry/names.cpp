// Name tables of the smaller TLS registries (IANA "TLS Parameters", "TLS ExtensionType Values",
// "TLS Supported Groups", "TLS SignatureScheme").
#include <array>
#include <cstdio>
#include <utility>

#include "tlslab/registry.hpp"

namespace tlslab::registry {
namespace {

template <class T, std::size_t N>
std::optional<std::string_view> lookup(const std::array<std::pair<T, std::string_view>, N>& table,
                                       T v) noexcept {
  for (const auto& [code, name] : table) {
    if (code == v) return name;
  }
  return std::nullopt;
}

// The reverse: the code point of a name (option and vector parsers).
template <class T, std::size_t N>
std::optional<T> reverse_lookup(const std::array<std::pair<T, std::string_view>, N>& table,
                                std::string_view name) noexcept {
  for (const auto& [code, n] : table) {
    if (n == name) return code;
  }
  return std::nullopt;
}

using P8 = std::pair<std::uint8_t, std::string_view>;
using P16 = std::pair<std::uint16_t, std::string_view>;

constexpr std::array kContentTypes{
    P8{20, "change_cipher_spec"}, P8{21, "alert"},     P8{22, "handshake"},
    P8{23, "application_data"},   P8{24, "heartbeat"},
};

constexpr std::array kHandshakeTypes{
    P8{0, "hello_request"},        P8{1, "client_hello"},       P8{2, "server_hello"},
    P8{3, "hello_verify_request"}, P8{4, "new_session_ticket"}, P8{5, "end_of_early_data"},
    P8{8, "encrypted_extensions"}, P8{11, "certificate"},       P8{12, "server_key_exchange"},
    P8{13, "certificate_request"}, P8{14, "server_hello_done"}, P8{15, "certificate_verify"},
    P8{16, "client_key_exchange"}, P8{20, "finished"},          P8{21, "certificate_url"},
    P8{22, "certificate_status"},  P8{24, "key_update"},        P8{254, "message_hash"},
};

constexpr std::array kExtensions{
    P16{0, "server_name"},
    P16{1, "max_fragment_length"},
    P16{2, "client_certificate_url"},
    P16{3, "trusted_ca_keys"},
    P16{4, "truncated_hmac"},
    P16{5, "status_request"},
    P16{6, "user_mapping"},
    P16{9, "cert_type"},
    P16{10, "supported_groups"},
    P16{11, "ec_point_formats"},
    P16{12, "srp"},
    P16{13, "signature_algorithms"},
    P16{14, "use_srtp"},
    P16{15, "heartbeat"},
    P16{16, "application_layer_protocol_negotiation"},
    P16{17, "status_request_v2"},
    P16{18, "signed_certificate_timestamp"},
    P16{19, "client_certificate_type"},
    P16{20, "server_certificate_type"},
    P16{21, "padding"},
    P16{22, "encrypt_then_mac"},
    P16{23, "extended_master_secret"},
    P16{24, "token_binding"},
    P16{25, "cached_info"},
    P16{27, "compress_certificate"},
    P16{28, "record_size_limit"},
    P16{34, "delegated_credential"},
    P16{35, "session_ticket"},
    P16{41, "pre_shared_key"},
    P16{42, "early_data"},
    P16{43, "supported_versions"},
    P16{44, "cookie"},
    P16{45, "psk_key_exchange_modes"},
    P16{47, "certificate_authorities"},
    P16{48, "oid_filters"},
    P16{49, "post_handshake_auth"},
    P16{50, "signature_algorithms_cert"},
    P16{51, "key_share"},
    P16{57, "quic_transport_parameters"},
    P16{0x4469, "application_settings"},
    P16{0xfe0d, "encrypted_client_hello"},
    P16{0xff01, "renegotiation_info"},
};

constexpr std::array kGroups{
    P16{1, "sect163k1"},
    P16{14, "sect571r1"},
    P16{18, "secp192k1"},
    P16{19, "secp192r1"},
    P16{21, "secp224r1"},
    P16{22, "secp256k1"},
    P16{23, "secp256r1"},
    P16{24, "secp384r1"},
    P16{25, "secp521r1"},
    P16{26, "brainpoolP256r1"},
    P16{27, "brainpoolP384r1"},
    P16{28, "brainpoolP512r1"},
    P16{29, "x25519"},
    P16{30, "x448"},
    P16{256, "ffdhe2048"},
    P16{257, "ffdhe3072"},
    P16{258, "ffdhe4096"},
    P16{259, "ffdhe6144"},
    P16{260, "ffdhe8192"},
    P16{0x11eb, "SecP256r1MLKEM768"},
    P16{0x11ec, "X25519MLKEM768"},
    P16{0x11ed, "SecP384r1MLKEM1024"},
    P16{0x6399, "X25519Kyber768Draft00"},
    P16{0xff01, "arbitrary_explicit_prime_curves"},
    P16{0xff02, "arbitrary_explicit_char2_curves"},
};

constexpr std::array kSignatureSchemes{
    P16{0x0101, "rsa_md5"},
    P16{0x0201, "rsa_pkcs1_sha1"},
    P16{0x0202, "dsa_sha1"},
    P16{0x0203, "ecdsa_sha1"},
    P16{0x0301, "rsa_sha224"},
    P16{0x0302, "dsa_sha224"},
    P16{0x0303, "ecdsa_sha224"},
    P16{0x0401, "rsa_pkcs1_sha256"},
    P16{0x0402, "dsa_sha256"},
    P16{0x0403, "ecdsa_secp256r1_sha256"},
    P16{0x0420, "rsa_pkcs1_sha256_legacy"},
    P16{0x0501, "rsa_pkcs1_sha384"},
    P16{0x0502, "dsa_sha384"},
    P16{0x0503, "ecdsa_secp384r1_sha384"},
    P16{0x0601, "rsa_pkcs1_sha512"},
    P16{0x0602, "dsa_sha512"},
    P16{0x0603, "ecdsa_secp521r1_sha512"},
    P16{0x0804, "rsa_pss_rsae_sha256"},
    P16{0x0805, "rsa_pss_rsae_sha384"},
    P16{0x0806, "rsa_pss_rsae_sha512"},
    P16{0x0807, "ed25519"},
    P16{0x0808, "ed448"},
    P16{0x0809, "rsa_pss_pss_sha256"},
    P16{0x080a, "rsa_pss_pss_sha384"},
    P16{0x080b, "rsa_pss_pss_sha512"},
    P16{0x081a, "ecdsa_brainpoolP256r1tls13_sha256"},
    P16{0x081b, "ecdsa_brainpoolP384r1tls13_sha384"},
    P16{0x081c, "ecdsa_brainpoolP512r1tls13_sha512"},
    P16{0x0904, "mldsa44"},
    P16{0x0905, "mldsa65"},
    P16{0x0906, "mldsa87"},
};

constexpr std::array kHashAlgorithms{
    P8{0, "none"},   P8{1, "md5"},    P8{2, "sha1"},   P8{3, "sha224"},
    P8{4, "sha256"}, P8{5, "sha384"}, P8{6, "sha512"}, P8{8, "intrinsic"},
};

constexpr std::array kSignatureAlgorithms{
    P8{0, "anonymous"}, P8{1, "rsa"},     P8{2, "dsa"},
    P8{3, "ecdsa"},     P8{7, "ed25519"}, P8{8, "ed448"},
};

constexpr std::array kCertificateTypes{
    P8{1, "rsa_sign"},
    P8{2, "dss_sign"},
    P8{3, "rsa_fixed_dh"},
    P8{4, "dss_fixed_dh"},
    P8{5, "rsa_ephemeral_dh_RESERVED"},
    P8{6, "dss_ephemeral_dh_RESERVED"},
    P8{20, "fortezza_dms_RESERVED"},
    P8{64, "ecdsa_sign"},
    P8{65, "rsa_fixed_ecdh"},
    P8{66, "ecdsa_fixed_ecdh"},
    P8{67, "gost_sign256"},
    P8{68, "gost_sign512"},
};

constexpr std::array kPointFormats{
    P8{0, "uncompressed"},
    P8{1, "ansiX962_compressed_prime"},
    P8{2, "ansiX962_compressed_char2"},
};

constexpr std::array kCompressionMethods{P8{0, "null"}, P8{1, "DEFLATE"}, P8{64, "LZS"}};

constexpr std::array kCurveTypes{P8{1, "explicit_prime"}, P8{2, "explicit_char2"},
                                 P8{3, "named_curve"}};

constexpr std::array kMaxFragmentLengths{P8{1, "2^9"}, P8{2, "2^10"}, P8{3, "2^11"}, P8{4, "2^12"}};

std::string hex_code(unsigned v, int digits) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%0*x", digits, v);
  return buf;
}

}  // namespace

std::optional<std::string_view> content_type_name(std::uint8_t v) noexcept {
  return lookup(kContentTypes, v);
}
std::optional<std::string_view> handshake_type_name(std::uint8_t v) noexcept {
  return lookup(kHandshakeTypes, v);
}
std::optional<std::string_view> extension_name(std::uint16_t v) noexcept {
  return lookup(kExtensions, v);
}
std::optional<std::string_view> group_name(std::uint16_t v) noexcept {
  return lookup(kGroups, v);
}
std::optional<std::string_view> signature_scheme_name(std::uint16_t v) noexcept {
  return lookup(kSignatureSchemes, v);
}
std::optional<std::uint16_t> group_code(std::string_view name) noexcept {
  return reverse_lookup(kGroups, name);
}
std::optional<std::uint16_t> signature_scheme_code(std::string_view name) noexcept {
  return reverse_lookup(kSignatureSchemes, name);
}
std::optional<std::string_view> hash_algorithm_name(std::uint8_t v) noexcept {
  return lookup(kHashAlgorithms, v);
}
std::optional<std::string_view> signature_algorithm_name(std::uint8_t v) noexcept {
  return lookup(kSignatureAlgorithms, v);
}
std::optional<std::string_view> certificate_type_name(std::uint8_t v) noexcept {
  return lookup(kCertificateTypes, v);
}
std::optional<std::string_view> ec_point_format_name(std::uint8_t v) noexcept {
  return lookup(kPointFormats, v);
}
std::optional<std::string_view> compression_method_name(std::uint8_t v) noexcept {
  return lookup(kCompressionMethods, v);
}
std::optional<std::string_view> ec_curve_type_name(std::uint8_t v) noexcept {
  return lookup(kCurveTypes, v);
}
std::optional<std::string_view> max_fragment_length_name(std::uint8_t v) noexcept {
  return lookup(kMaxFragmentLengths, v);
}

std::string describe_u16(std::uint16_t v, std::optional<std::string_view> name) {
  std::string out = hex_code(v, 4);
  out += ' ';
  if (name) {
    out += *name;
  } else if (is_grease(v)) {
    out += "GREASE";
  } else {
    out += "unknown";
  }
  return out;
}

std::string describe_u8(std::uint8_t v, std::optional<std::string_view> name) {
  std::string out = hex_code(v, 2);
  out += ' ';
  out += name ? *name : std::string_view("unknown");
  return out;
}

std::string version_name(std::uint16_t version) {
  switch (version) {
    case 0x0300:
      return "SSL 3.0";
    case 0x0301:
      return "TLS 1.0";
    case 0x0302:
      return "TLS 1.1";
    case 0x0303:
      return "TLS 1.2";
    case 0x0304:
      return "TLS 1.3";
    default:
      return is_grease(version) ? "GREASE" : "unknown";
  }
}

}  // namespace tlslab::registry

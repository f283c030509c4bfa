// The cipher suite registry (IANA "TLS Cipher Suites"): every suite tlslab implements with its
// parameters, plus the names of common suites it does not implement, for traces.
#include <array>

#include "tlslab/registry.hpp"

namespace tlslab::registry {
namespace {

using crypto::AeadAlgorithm;
using crypto::CbcAlgorithm;
using crypto::HashAlgorithm;
constexpr auto kSha1 = HashAlgorithm::sha1;
constexpr auto kSha256 = HashAlgorithm::sha256;
constexpr auto kSha384 = HashAlgorithm::sha384;

// AEAD suites: the MAC hash is unused; the PRF hash is the suite's (RFC 5288 §3, RFC 7905 §2).
constexpr CipherSuiteInfo aead(std::uint16_t code, std::string_view name, KeyExchange kx,
                               Authentication auth, AeadAlgorithm a, HashAlgorithm prf,
                               bool on_by_default) {
  return {code, name, kx,   auth,         BulkKind::aead, a, CbcAlgorithm::aes_128_cbc,
          prf,  prf,  true, on_by_default};
}
// CBC suites: TLS 1.2 uses SHA-256 for the PRF unless the suite names SHA-384 (RFC 5246 §5,
// RFC 5289 §3.2).
constexpr CipherSuiteInfo cbc(std::uint16_t code, std::string_view name, KeyExchange kx,
                              Authentication auth, CbcAlgorithm c, HashAlgorithm mac) {
  return {code, name,          kx,
          auth, BulkKind::cbc, AeadAlgorithm::aes_128_gcm,
          c,    mac,           mac == kSha384 ? kSha384 : kSha256,
          true, false};
}
// Known by name only.
constexpr CipherSuiteInfo named(std::uint16_t code, std::string_view name) {
  return {code,
          name,
          KeyExchange::other,
          Authentication::other,
          BulkKind::other,
          AeadAlgorithm::aes_128_gcm,
          CbcAlgorithm::aes_128_cbc,
          kSha256,
          kSha256,
          false,
          false};
}

constexpr auto E = KeyExchange::ecdhe;
constexpr auto D = KeyExchange::dhe;
constexpr auto R = KeyExchange::rsa;
constexpr auto aRSA = Authentication::rsa;
constexpr auto aECDSA = Authentication::ecdsa;
constexpr auto GCM128 = AeadAlgorithm::aes_128_gcm;
constexpr auto GCM256 = AeadAlgorithm::aes_256_gcm;
constexpr auto CHACHA = AeadAlgorithm::chacha20_poly1305;
constexpr auto CBC128 = CbcAlgorithm::aes_128_cbc;
constexpr auto CBC256 = CbcAlgorithm::aes_256_cbc;
constexpr auto TDES = CbcAlgorithm::des_ede3_cbc;

constexpr std::array kSuites{
    // ECDHE + AEAD: the default set (forward secrecy, no CBC).
    aead(0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", E, aECDSA, GCM128, kSha256, true),
    aead(0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", E, aECDSA, GCM256, kSha384, true),
    aead(0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", E, aECDSA, CHACHA, kSha256, true),
    aead(0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", E, aRSA, GCM128, kSha256, true),
    aead(0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", E, aRSA, GCM256, kSha384, true),
    aead(0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", E, aRSA, CHACHA, kSha256, true),
    // DHE and static RSA with AEAD: implemented, off by default.
    aead(0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", D, aRSA, GCM128, kSha256, false),
    aead(0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", D, aRSA, GCM256, kSha384, false),
    aead(0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", D, aRSA, CHACHA, kSha256, false),
    aead(0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256", R, aRSA, GCM128, kSha256, false),
    aead(0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384", R, aRSA, GCM256, kSha384, false),
    // CBC suites (MAC-then-encrypt, or encrypt_then_mac when negotiated): off by default.
    cbc(0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", E, aECDSA, CBC128, kSha1),
    cbc(0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", E, aECDSA, CBC256, kSha1),
    cbc(0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", E, aECDSA, CBC128, kSha256),
    cbc(0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", E, aECDSA, CBC256, kSha384),
    cbc(0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", E, aRSA, CBC128, kSha1),
    cbc(0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", E, aRSA, CBC256, kSha1),
    cbc(0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", E, aRSA, CBC128, kSha256),
    cbc(0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", E, aRSA, CBC256, kSha384),
    cbc(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", D, aRSA, CBC128, kSha1),
    cbc(0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", D, aRSA, CBC256, kSha1),
    cbc(0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", D, aRSA, CBC128, kSha256),
    cbc(0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", D, aRSA, CBC256, kSha256),
    cbc(0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA", R, aRSA, CBC128, kSha1),
    cbc(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", R, aRSA, CBC256, kSha1),
    cbc(0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256", R, aRSA, CBC128, kSha256),
    cbc(0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256", R, aRSA, CBC256, kSha256),
    cbc(0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", R, aRSA, TDES, kSha1),
    // Names only.
    named(0x0000, "TLS_NULL_WITH_NULL_NULL"),
    named(0x0004, "TLS_RSA_WITH_RC4_128_MD5"),
    named(0x0005, "TLS_RSA_WITH_RC4_128_SHA"),
    named(0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA"),
    named(0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA"),
    named(0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA"),
    named(0x0040, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256"),
    named(0x006a, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256"),
    named(0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA"),
    named(0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA"),
    named(0x008c, "TLS_PSK_WITH_AES_128_CBC_SHA"),
    named(0x008d, "TLS_PSK_WITH_AES_256_CBC_SHA"),
    named(0x00a2, "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256"),
    named(0x00a3, "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384"),
    named(0x00a8, "TLS_PSK_WITH_AES_128_GCM_SHA256"),
    named(0x00a9, "TLS_PSK_WITH_AES_256_GCM_SHA384"),
    named(0x00aa, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256"),
    named(0x00ab, "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384"),
    named(0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"),
    named(0x1301, "TLS_AES_128_GCM_SHA256"),
    named(0x1302, "TLS_AES_256_GCM_SHA384"),
    named(0x1303, "TLS_CHACHA20_POLY1305_SHA256"),
    named(0x1304, "TLS_AES_128_CCM_SHA256"),
    named(0x1305, "TLS_AES_128_CCM_8_SHA256"),
    named(0x5600, "TLS_FALLBACK_SCSV"),
    named(0xc008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA"),
    named(0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"),
    named(0xc035, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA"),
    named(0xc036, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA"),
    named(0xc09c, "TLS_RSA_WITH_AES_128_CCM"),
    named(0xc09d, "TLS_RSA_WITH_AES_256_CCM"),
    named(0xc09e, "TLS_DHE_RSA_WITH_AES_128_CCM"),
    named(0xc09f, "TLS_DHE_RSA_WITH_AES_256_CCM"),
    named(0xc0a0, "TLS_RSA_WITH_AES_128_CCM_8"),
    named(0xc0a1, "TLS_RSA_WITH_AES_256_CCM_8"),
    named(0xc0a2, "TLS_DHE_RSA_WITH_AES_128_CCM_8"),
    named(0xc0a3, "TLS_DHE_RSA_WITH_AES_256_CCM_8"),
    named(0xc0ac, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM"),
    named(0xc0ad, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM"),
    named(0xc0ae, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"),
    named(0xc0af, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8"),
    named(0xccab, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256"),
    named(0xccac, "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256"),
    named(0xccad, "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256"),
};

}  // namespace

std::size_t CipherSuiteInfo::mac_key_length() const noexcept {
  return bulk == BulkKind::cbc ? crypto::digest_size(mac_hash) : 0;
}
std::size_t CipherSuiteInfo::enc_key_length() const noexcept {
  switch (bulk) {
    case BulkKind::aead:
      return crypto::aead_key_size(aead);
    case BulkKind::cbc:
      return crypto::cbc_key_size(cbc);
    case BulkKind::other:
      break;
  }
  return 0;
}
std::size_t CipherSuiteInfo::fixed_iv_length() const noexcept {
  // RFC 5288 §3: 4-byte salt for GCM; RFC 7905 §2: the 12-byte IV for ChaCha20-Poly1305.
  // CBC suites have none in TLS 1.2: "the client_write_IV and server_write_IV are only
  // generated for implicit nonce techniques" (RFC 5246 §6.3); each record carries its IV.
  if (bulk != BulkKind::aead) return 0;
  return aead == AeadAlgorithm::chacha20_poly1305 ? 12 : 4;
}
std::size_t CipherSuiteInfo::record_iv_length() const noexcept {
  if (bulk == BulkKind::aead) return aead == AeadAlgorithm::chacha20_poly1305 ? 0 : 8;
  if (bulk == BulkKind::cbc) return crypto::cbc_block_size(cbc);
  return 0;
}

std::span<const CipherSuiteInfo> cipher_suites() noexcept {
  return kSuites;
}

const CipherSuiteInfo* find_cipher_suite(std::uint16_t code) noexcept {
  for (const auto& s : kSuites) {
    if (s.code == code) return &s;
  }
  return nullptr;
}

const CipherSuiteInfo* find_cipher_suite(std::string_view iana_name) noexcept {
  for (const auto& s : kSuites) {
    if (s.name == iana_name) return &s;
  }
  return nullptr;
}

std::optional<std::string_view> cipher_suite_name(std::uint16_t v) noexcept {
  if (const auto* s = find_cipher_suite(v)) return s->name;
  return std::nullopt;
}

}  // namespace tlslab::registry

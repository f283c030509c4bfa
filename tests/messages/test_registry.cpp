#include "../test_util.hpp"
#include "tlslab/registry.hpp"

using namespace tlslab::registry;

TEST_CASE("cipher suite table: parameters of the implemented suites") {
  const auto* gcm = find_cipher_suite(0xc02b);
  REQUIRE(gcm != nullptr);
  CHECK(gcm->name == "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
  CHECK(gcm->implemented);
  CHECK(gcm->default_enabled);
  CHECK(gcm->key_exchange == KeyExchange::ecdhe);
  CHECK(gcm->authentication == Authentication::ecdsa);
  CHECK(gcm->enc_key_length() == 16);
  CHECK(gcm->fixed_iv_length() == 4);   // RFC 5288 §3 salt
  CHECK(gcm->record_iv_length() == 8);  // explicit nonce
  CHECK(gcm->mac_key_length() == 0);
  const auto* chacha = find_cipher_suite("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
  REQUIRE(chacha != nullptr);
  CHECK(chacha->code == 0xcca8);
  CHECK(chacha->fixed_iv_length() == 12);  // RFC 7905 §2
  CHECK(chacha->record_iv_length() == 0);
  const auto* cbc384 = find_cipher_suite(0xc028);
  REQUIRE(cbc384 != nullptr);
  CHECK(cbc384->prf_hash == tlslab::crypto::HashAlgorithm::sha384);
  CHECK(cbc384->mac_key_length() == 48);
  CHECK(cbc384->record_iv_length() == 16);
  CHECK_FALSE(cbc384->default_enabled);
  const auto* cbc_sha = find_cipher_suite(0x002f);
  REQUIRE(cbc_sha != nullptr);
  CHECK(cbc_sha->prf_hash == tlslab::crypto::HashAlgorithm::sha256);  // TLS 1.2 PRF for SHA-1
  CHECK(cbc_sha->mac_key_length() == 20);
  const auto* tdes = find_cipher_suite(0x000a);
  REQUIRE(tdes != nullptr);
  CHECK(tdes->enc_key_length() == 24);
  CHECK(tdes->record_iv_length() == 8);
  CHECK(find_cipher_suite(0x1301)->implemented == false);
  CHECK(find_cipher_suite(0x1234) == nullptr);
  CHECK(cipher_suite_name(TLS_EMPTY_RENEGOTIATION_INFO_SCSV) ==
        std::string_view("TLS_EMPTY_RENEGOTIATION_INFO_SCSV"));
  CHECK(cipher_suite_name(TLS_FALLBACK_SCSV) == std::string_view("TLS_FALLBACK_SCSV"));
  // Every default suite is an implemented ECDHE + AEAD suite.
  int defaults = 0;
  for (const auto& s : cipher_suites()) {
    if (!s.default_enabled) continue;
    ++defaults;
    CHECK(s.implemented);
    CHECK(s.key_exchange == KeyExchange::ecdhe);
    CHECK(s.bulk == BulkKind::aead);
  }
  CHECK(defaults == 6);
  // Codes are unique.
  for (const auto& a : cipher_suites()) {
    int same = 0;
    for (const auto& b : cipher_suites())
      same += a.code == b.code;
    CHECK_MESSAGE(same == 1, a.name);
  }
}

TEST_CASE("name registries") {
  CHECK(extension_name(0xff01) == std::string_view("renegotiation_info"));
  CHECK(extension_name(23) == std::string_view("extended_master_secret"));
  CHECK_FALSE(extension_name(0x3a3a).has_value());
  CHECK(is_grease(0x3a3a));
  CHECK(is_grease(0xfafa));
  CHECK_FALSE(is_grease(0x3a3b));
  CHECK_FALSE(is_grease(0x0a1a));
  CHECK(describe_u16(0x3a3a, extension_name(0x3a3a)) == "0x3a3a GREASE");
  CHECK(describe_u16(0x1234, std::nullopt) == "0x1234 unknown");
  CHECK(describe_u8(1, handshake_type_name(1)) == "0x01 client_hello");
  CHECK(group_name(29) == std::string_view("x25519"));
  CHECK(group_name(0x11ec) == std::string_view("X25519MLKEM768"));
  CHECK(signature_scheme_name(0x0809) == std::string_view("rsa_pss_pss_sha256"));
  CHECK(hash_algorithm_name(4) == std::string_view("sha256"));
  CHECK(signature_algorithm_name(3) == std::string_view("ecdsa"));
  CHECK(certificate_type_name(64) == std::string_view("ecdsa_sign"));
  CHECK(ec_point_format_name(0) == std::string_view("uncompressed"));
  CHECK(compression_method_name(0) == std::string_view("null"));
  CHECK(content_type_name(23) == std::string_view("application_data"));
  CHECK(ec_curve_type_name(3) == std::string_view("named_curve"));
  CHECK(max_fragment_length_name(4) == std::string_view("2^12"));
}

TEST_CASE("registry: group_code and signature_scheme_code invert the name tables") {
  std::size_t groups = 0, schemes = 0;
  for (std::uint32_t v = 0; v <= 0xffff; ++v) {
    const auto code = static_cast<std::uint16_t>(v);
    if (const auto name = tlslab::registry::group_name(code)) {
      CHECK(tlslab::registry::group_code(*name) == code);
      ++groups;
    }
    if (const auto name = tlslab::registry::signature_scheme_name(code)) {
      CHECK(tlslab::registry::signature_scheme_code(*name) == code);
      ++schemes;
    }
  }
  CHECK(groups >= 5);
  CHECK(schemes >= 9);
  CHECK(tlslab::registry::group_code("x25519") == std::uint16_t{29});
  CHECK(tlslab::registry::signature_scheme_code("rsa_pss_rsae_sha256") == std::uint16_t{0x0804});
  CHECK_FALSE(
      tlslab::registry::group_code("X25519"));  // names are exact, as the registries spell them
  CHECK_FALSE(tlslab::registry::signature_scheme_code(""));
}

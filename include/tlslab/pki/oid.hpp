// ASN.1 OBJECT IDENTIFIERs (X.690 §8.19) and the table of the ones tlslab knows by name
// (src/pki/oids.cpp): algorithms, X.520 attribute types, X.509 extensions and key purposes,
// PKCS#5/#7/#9/#12 identifiers. The names are OpenSSL's (short name as `-nameopt RFC2253`
// prints attribute types, long name as `x509 -text` prints algorithms and extensions), so that
// tlslab's inspection output can be compared with openssl's line by line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tlslab/bytes.hpp"

namespace tlslab::pki {

// Every OID the parsers and printers refer to. `unknown` is any other OID.
enum class OidId : std::uint16_t {
  unknown = 0,
  // --- hashes (NIST, RFC 3279, RFC 5754) ---
  md5,
  sha1,
  sha224,
  sha256,
  sha384,
  sha512,
  // --- public key and signature algorithms (RFC 3279, RFC 4055, RFC 5758, RFC 8410) ---
  rsa_encryption,
  md5_with_rsa_encryption,
  sha1_with_rsa_encryption,
  sha224_with_rsa_encryption,
  sha256_with_rsa_encryption,
  sha384_with_rsa_encryption,
  sha512_with_rsa_encryption,
  rsassa_pss,
  mgf1,
  rsaes_oaep,
  dsa,
  dsa_with_sha1,
  dsa_with_sha256,
  ec_public_key,
  ecdsa_with_sha1,
  ecdsa_with_sha224,
  ecdsa_with_sha256,
  ecdsa_with_sha384,
  ecdsa_with_sha512,
  prime256v1,
  secp384r1,
  secp521r1,
  x25519,
  x448,
  ed25519,
  ed448,
  // --- PKCS#5 (RFC 8018) and its PRFs and ciphers; PBMAC1 (RFC 9579) ---
  pbe_with_md5_and_des_cbc,
  pbe_with_sha1_and_des_cbc,
  pbkdf2,
  pbes2,
  pbmac1,
  hmac_with_sha1,
  hmac_with_sha224,
  hmac_with_sha256,
  hmac_with_sha384,
  hmac_with_sha512,
  des_cbc,
  des_ede3_cbc,
  rc2_cbc,
  aes_128_cbc,
  aes_192_cbc,
  aes_256_cbc,
  aes_128_gcm,
  aes_192_gcm,
  aes_256_gcm,
  // --- PKCS#7 content types (RFC 2315) ---
  pkcs7_data,
  pkcs7_signed_data,
  pkcs7_enveloped_data,
  pkcs7_signed_and_enveloped_data,
  pkcs7_digested_data,
  pkcs7_encrypted_data,
  // --- PKCS#9 attributes (RFC 2985) ---
  email_address,
  unstructured_name,
  content_type,
  message_digest,
  signing_time,
  challenge_password,
  unstructured_address,
  extension_request,
  friendly_name,
  local_key_id,
  x509_certificate_type,
  sdsi_certificate_type,
  x509_crl_type,
  // --- PKCS#12 (RFC 7292): PBE schemes and bag types ---
  pbe_with_sha1_and_128bit_rc4,
  pbe_with_sha1_and_40bit_rc4,
  pbe_with_sha1_and_3key_3des_cbc,
  pbe_with_sha1_and_2key_3des_cbc,
  pbe_with_sha1_and_128bit_rc2_cbc,
  pbe_with_sha1_and_40bit_rc2_cbc,
  key_bag,
  pkcs8_shrouded_key_bag,
  cert_bag,
  crl_bag,
  secret_bag,
  safe_contents_bag,
  // Attributes some producers add to PKCS#12 bags (Microsoft CryptoAPI, Java keytool).
  ms_csp_name,
  ms_local_key_set,
  jdk_trusted_key_usage,
  ms_upn,  // otherName type of Microsoft's User Principal Name
  // --- X.520 attribute types in names (RFC 5280 §4.1.2.4, RFC 4519) ---
  common_name,
  surname,
  serial_number,
  country_name,
  locality_name,
  state_or_province_name,
  street_address,
  organization_name,
  organizational_unit_name,
  title,
  description,
  business_category,
  postal_code,
  name,
  given_name,
  initials,
  generation_qualifier,
  x500_unique_identifier,
  dn_qualifier,
  pseudonym,
  organization_identifier,
  domain_component,
  user_id,
  jurisdiction_locality,
  jurisdiction_state,
  jurisdiction_country,
  // --- X.509 v3 extensions (RFC 5280 §4.2, RFC 6962, RFC 7633) ---
  subject_key_identifier,
  key_usage,
  private_key_usage_period,
  subject_alt_name,
  issuer_alt_name,
  basic_constraints,
  crl_number,
  name_constraints,
  crl_distribution_points,
  certificate_policies,
  any_policy,
  policy_mappings,
  authority_key_identifier,
  policy_constraints,
  ext_key_usage,
  any_extended_key_usage,
  freshest_crl,
  inhibit_any_policy,
  authority_info_access,
  subject_info_access,
  tls_feature,
  ct_precert_scts,
  ct_precert_poison,
  netscape_cert_type,
  netscape_comment,
  // --- key purposes (RFC 5280 §4.2.1.12) ---
  kp_server_auth,
  kp_client_auth,
  kp_code_signing,
  kp_email_protection,
  kp_ipsec_ike,
  kp_time_stamping,
  kp_ocsp_signing,
  // --- access methods and policy qualifiers (RFC 5280 §4.2.2.1, §4.2.1.4) ---
  ad_ocsp,
  ad_ca_issuers,
  qt_cps,
  qt_unotice,
  // (keep last)
  count_,
};

// A view of an OBJECT IDENTIFIER's contents octets (the encoding without tag and length). It
// refers to the bytes it was read from (or to the table's static storage for Oid::of), so it is
// as cheap to pass around as a span. The contents are assumed valid (der::Reader checks them).
class Oid {
 public:
  constexpr Oid() noexcept = default;
  explicit constexpr Oid(ByteView contents) noexcept : contents_(contents) {}
  // The table's encoding of a known OID. `id` must not be unknown or count_.
  static Oid of(OidId id) noexcept;

  ByteView contents() const noexcept { return contents_; }
  bool empty() const noexcept { return contents_.empty(); }
  // Dotted decimal ("1.2.840.113549.1.1.11"); arcs of any size.
  std::string dotted() const;
  // Which known OID this is (binary search in the table), or OidId::unknown.
  OidId id() const noexcept;
  // OpenSSL's short name ("CN", "sha256WithRSAEncryption"), or empty when unknown.
  std::string_view short_name() const noexcept;
  // OpenSSL's long name ("commonName", "X509v3 Subject Alternative Name"), or empty.
  std::string_view long_name() const noexcept;
  // The long name if known, else the dotted form: what to print.
  std::string display_name() const;

  bool operator==(const Oid& other) const noexcept;
  bool operator==(OidId other) const noexcept { return id() == other; }

 private:
  ByteView contents_;
};

std::string_view oid_short_name(OidId id) noexcept;
std::string_view oid_long_name(OidId id) noexcept;
std::string_view oid_dotted(OidId id) noexcept;

// Encodes a dotted OID to contents octets (tests, configuration). Throws
// tlslab::Error(decode_error) for a malformed string (fewer than two arcs, first arc > 2, second
// arc >= 40 under arcs 0 and 1, non-digits, an arc above 2^64-1).
Bytes encode_oid(std::string_view dotted);

}  // namespace tlslab::pki

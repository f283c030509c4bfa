// The OID table: dotted form and OpenSSL's short and long names (crypto/objects/objects.txt),
// one row per OidId. The encoded forms are computed once, on first use, and kept sorted for
// lookup by contents.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "tlslab/error.hpp"
#include "tlslab/pki/oid.hpp"

namespace tlslab::pki {
namespace {

struct Row {
  OidId id;
  std::string_view dotted;
  std::string_view short_name;
  std::string_view long_name;
};

// clang-format off
constexpr Row kTable[] = {
    {OidId::unknown, "", "", ""},
    {OidId::md5, "1.2.840.113549.2.5", "MD5", "md5"},
    {OidId::sha1, "1.3.14.3.2.26", "SHA1", "sha1"},
    {OidId::sha224, "2.16.840.1.101.3.4.2.4", "SHA224", "sha224"},
    {OidId::sha256, "2.16.840.1.101.3.4.2.1", "SHA256", "sha256"},
    {OidId::sha384, "2.16.840.1.101.3.4.2.2", "SHA384", "sha384"},
    {OidId::sha512, "2.16.840.1.101.3.4.2.3", "SHA512", "sha512"},
    {OidId::rsa_encryption, "1.2.840.113549.1.1.1", "rsaEncryption", "rsaEncryption"},
    {OidId::md5_with_rsa_encryption, "1.2.840.113549.1.1.4", "RSA-MD5", "md5WithRSAEncryption"},
    {OidId::sha1_with_rsa_encryption, "1.2.840.113549.1.1.5", "RSA-SHA1", "sha1WithRSAEncryption"},
    {OidId::sha224_with_rsa_encryption, "1.2.840.113549.1.1.14", "RSA-SHA224", "sha224WithRSAEncryption"},
    {OidId::sha256_with_rsa_encryption, "1.2.840.113549.1.1.11", "RSA-SHA256", "sha256WithRSAEncryption"},
    {OidId::sha384_with_rsa_encryption, "1.2.840.113549.1.1.12", "RSA-SHA384", "sha384WithRSAEncryption"},
    {OidId::sha512_with_rsa_encryption, "1.2.840.113549.1.1.13", "RSA-SHA512", "sha512WithRSAEncryption"},
    {OidId::rsassa_pss, "1.2.840.113549.1.1.10", "RSASSA-PSS", "rsassaPss"},
    {OidId::mgf1, "1.2.840.113549.1.1.8", "MGF1", "mgf1"},
    {OidId::rsaes_oaep, "1.2.840.113549.1.1.7", "RSAES-OAEP", "rsaesOaep"},
    {OidId::dsa, "1.2.840.10040.4.1", "DSA", "dsaEncryption"},
    {OidId::dsa_with_sha1, "1.2.840.10040.4.3", "DSA-SHA1", "dsaWithSHA1"},
    {OidId::dsa_with_sha256, "2.16.840.1.101.3.4.3.2", "dsa_with_SHA256", "dsa_with_SHA256"},
    {OidId::ec_public_key, "1.2.840.10045.2.1", "id-ecPublicKey", "id-ecPublicKey"},
    {OidId::ecdsa_with_sha1, "1.2.840.10045.4.1", "ecdsa-with-SHA1", "ecdsa-with-SHA1"},
    {OidId::ecdsa_with_sha224, "1.2.840.10045.4.3.1", "ecdsa-with-SHA224", "ecdsa-with-SHA224"},
    {OidId::ecdsa_with_sha256, "1.2.840.10045.4.3.2", "ecdsa-with-SHA256", "ecdsa-with-SHA256"},
    {OidId::ecdsa_with_sha384, "1.2.840.10045.4.3.3", "ecdsa-with-SHA384", "ecdsa-with-SHA384"},
    {OidId::ecdsa_with_sha512, "1.2.840.10045.4.3.4", "ecdsa-with-SHA512", "ecdsa-with-SHA512"},
    {OidId::prime256v1, "1.2.840.10045.3.1.7", "prime256v1", "prime256v1"},
    {OidId::secp384r1, "1.3.132.0.34", "secp384r1", "secp384r1"},
    {OidId::secp521r1, "1.3.132.0.35", "secp521r1", "secp521r1"},
    {OidId::x25519, "1.3.101.110", "X25519", "X25519"},
    {OidId::x448, "1.3.101.111", "X448", "X448"},
    {OidId::ed25519, "1.3.101.112", "ED25519", "ED25519"},
    {OidId::ed448, "1.3.101.113", "ED448", "ED448"},
    {OidId::pbe_with_md5_and_des_cbc, "1.2.840.113549.1.5.3", "PBE-MD5-DES", "pbeWithMD5AndDES-CBC"},
    {OidId::pbe_with_sha1_and_des_cbc, "1.2.840.113549.1.5.10", "PBE-SHA1-DES", "pbeWithSHA1AndDES-CBC"},
    {OidId::pbkdf2, "1.2.840.113549.1.5.12", "PBKDF2", "PBKDF2"},
    {OidId::pbes2, "1.2.840.113549.1.5.13", "PBES2", "PBES2"},
    {OidId::pbmac1, "1.2.840.113549.1.5.14", "PBMAC1", "PBMAC1"},
    {OidId::hmac_with_sha1, "1.2.840.113549.2.7", "hmacWithSHA1", "hmacWithSHA1"},
    {OidId::hmac_with_sha224, "1.2.840.113549.2.8", "hmacWithSHA224", "hmacWithSHA224"},
    {OidId::hmac_with_sha256, "1.2.840.113549.2.9", "hmacWithSHA256", "hmacWithSHA256"},
    {OidId::hmac_with_sha384, "1.2.840.113549.2.10", "hmacWithSHA384", "hmacWithSHA384"},
    {OidId::hmac_with_sha512, "1.2.840.113549.2.11", "hmacWithSHA512", "hmacWithSHA512"},
    {OidId::des_cbc, "1.3.14.3.2.7", "DES-CBC", "des-cbc"},
    {OidId::des_ede3_cbc, "1.2.840.113549.3.7", "DES-EDE3-CBC", "des-ede3-cbc"},
    {OidId::rc2_cbc, "1.2.840.113549.3.2", "RC2-CBC", "rc2-cbc"},
    {OidId::aes_128_cbc, "2.16.840.1.101.3.4.1.2", "AES-128-CBC", "aes-128-cbc"},
    {OidId::aes_192_cbc, "2.16.840.1.101.3.4.1.22", "AES-192-CBC", "aes-192-cbc"},
    {OidId::aes_256_cbc, "2.16.840.1.101.3.4.1.42", "AES-256-CBC", "aes-256-cbc"},
    {OidId::aes_128_gcm, "2.16.840.1.101.3.4.1.6", "id-aes128-GCM", "aes-128-gcm"},
    {OidId::aes_192_gcm, "2.16.840.1.101.3.4.1.26", "id-aes192-GCM", "aes-192-gcm"},
    {OidId::aes_256_gcm, "2.16.840.1.101.3.4.1.46", "id-aes256-GCM", "aes-256-gcm"},
    {OidId::pkcs7_data, "1.2.840.113549.1.7.1", "pkcs7-data", "pkcs7-data"},
    {OidId::pkcs7_signed_data, "1.2.840.113549.1.7.2", "pkcs7-signedData", "pkcs7-signedData"},
    {OidId::pkcs7_enveloped_data, "1.2.840.113549.1.7.3", "pkcs7-envelopedData", "pkcs7-envelopedData"},
    {OidId::pkcs7_signed_and_enveloped_data, "1.2.840.113549.1.7.4", "pkcs7-signedAndEnvelopedData", "pkcs7-signedAndEnvelopedData"},
    {OidId::pkcs7_digested_data, "1.2.840.113549.1.7.5", "pkcs7-digestData", "pkcs7-digestData"},
    {OidId::pkcs7_encrypted_data, "1.2.840.113549.1.7.6", "pkcs7-encryptedData", "pkcs7-encryptedData"},
    {OidId::email_address, "1.2.840.113549.1.9.1", "emailAddress", "emailAddress"},
    {OidId::unstructured_name, "1.2.840.113549.1.9.2", "unstructuredName", "unstructuredName"},
    {OidId::content_type, "1.2.840.113549.1.9.3", "contentType", "contentType"},
    {OidId::message_digest, "1.2.840.113549.1.9.4", "messageDigest", "messageDigest"},
    {OidId::signing_time, "1.2.840.113549.1.9.5", "signingTime", "signingTime"},
    {OidId::challenge_password, "1.2.840.113549.1.9.7", "challengePassword", "challengePassword"},
    {OidId::unstructured_address, "1.2.840.113549.1.9.8", "unstructuredAddress", "unstructuredAddress"},
    {OidId::extension_request, "1.2.840.113549.1.9.14", "extReq", "Extension Request"},
    {OidId::friendly_name, "1.2.840.113549.1.9.20", "friendlyName", "friendlyName"},
    {OidId::local_key_id, "1.2.840.113549.1.9.21", "localKeyID", "localKeyID"},
    {OidId::x509_certificate_type, "1.2.840.113549.1.9.22.1", "x509Certificate", "x509Certificate"},
    {OidId::sdsi_certificate_type, "1.2.840.113549.1.9.22.2", "sdsiCertificate", "sdsiCertificate"},
    {OidId::x509_crl_type, "1.2.840.113549.1.9.23.1", "x509Crl", "x509Crl"},
    {OidId::pbe_with_sha1_and_128bit_rc4, "1.2.840.113549.1.12.1.1", "PBE-SHA1-RC4-128", "pbeWithSHA1And128BitRC4"},
    {OidId::pbe_with_sha1_and_40bit_rc4, "1.2.840.113549.1.12.1.2", "PBE-SHA1-RC4-40", "pbeWithSHA1And40BitRC4"},
    {OidId::pbe_with_sha1_and_3key_3des_cbc, "1.2.840.113549.1.12.1.3", "PBE-SHA1-3DES", "pbeWithSHA1And3-KeyTripleDES-CBC"},
    {OidId::pbe_with_sha1_and_2key_3des_cbc, "1.2.840.113549.1.12.1.4", "PBE-SHA1-2DES", "pbeWithSHA1And2-KeyTripleDES-CBC"},
    {OidId::pbe_with_sha1_and_128bit_rc2_cbc, "1.2.840.113549.1.12.1.5", "PBE-SHA1-RC2-128", "pbeWithSHA1And128BitRC2-CBC"},
    {OidId::pbe_with_sha1_and_40bit_rc2_cbc, "1.2.840.113549.1.12.1.6", "PBE-SHA1-RC2-40", "pbeWithSHA1And40BitRC2-CBC"},
    {OidId::key_bag, "1.2.840.113549.1.12.10.1.1", "keyBag", "keyBag"},
    {OidId::pkcs8_shrouded_key_bag, "1.2.840.113549.1.12.10.1.2", "pkcs8ShroudedKeyBag", "pkcs8ShroudedKeyBag"},
    {OidId::cert_bag, "1.2.840.113549.1.12.10.1.3", "certBag", "certBag"},
    {OidId::crl_bag, "1.2.840.113549.1.12.10.1.4", "crlBag", "crlBag"},
    {OidId::secret_bag, "1.2.840.113549.1.12.10.1.5", "secretBag", "secretBag"},
    {OidId::safe_contents_bag, "1.2.840.113549.1.12.10.1.6", "safeContentsBag", "safeContentsBag"},
    {OidId::ms_csp_name, "1.3.6.1.4.1.311.17.1", "CSPName", "Microsoft CSP Name"},
    {OidId::ms_local_key_set, "1.3.6.1.4.1.311.17.2", "LocalKeySet", "Microsoft Local Key set"},
    {OidId::jdk_trusted_key_usage, "2.16.840.1.113894.746875.1.1", "oracle-jdk-trustedkeyusage", "Trusted key usage (Oracle)"},
    {OidId::ms_upn, "1.3.6.1.4.1.311.20.2.3", "msUPN", "Microsoft User Principal Name"},
    {OidId::common_name, "2.5.4.3", "CN", "commonName"},
    {OidId::surname, "2.5.4.4", "SN", "surname"},
    {OidId::serial_number, "2.5.4.5", "serialNumber", "serialNumber"},
    {OidId::country_name, "2.5.4.6", "C", "countryName"},
    {OidId::locality_name, "2.5.4.7", "L", "localityName"},
    {OidId::state_or_province_name, "2.5.4.8", "ST", "stateOrProvinceName"},
    {OidId::street_address, "2.5.4.9", "street", "streetAddress"},
    {OidId::organization_name, "2.5.4.10", "O", "organizationName"},
    {OidId::organizational_unit_name, "2.5.4.11", "OU", "organizationalUnitName"},
    {OidId::title, "2.5.4.12", "title", "title"},
    {OidId::description, "2.5.4.13", "description", "description"},
    {OidId::business_category, "2.5.4.15", "businessCategory", "businessCategory"},
    {OidId::postal_code, "2.5.4.17", "postalCode", "postalCode"},
    {OidId::name, "2.5.4.41", "name", "name"},
    {OidId::given_name, "2.5.4.42", "GN", "givenName"},
    {OidId::initials, "2.5.4.43", "initials", "initials"},
    {OidId::generation_qualifier, "2.5.4.44", "generationQualifier", "generationQualifier"},
    {OidId::x500_unique_identifier, "2.5.4.45", "x500UniqueIdentifier", "x500UniqueIdentifier"},
    {OidId::dn_qualifier, "2.5.4.46", "dnQualifier", "dnQualifier"},
    {OidId::pseudonym, "2.5.4.65", "pseudonym", "pseudonym"},
    {OidId::organization_identifier, "2.5.4.97", "organizationIdentifier", "organizationIdentifier"},
    {OidId::domain_component, "0.9.2342.19200300.100.1.25", "DC", "domainComponent"},
    {OidId::user_id, "0.9.2342.19200300.100.1.1", "UID", "userId"},
    {OidId::jurisdiction_locality, "1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL", "jurisdictionLocalityName"},
    {OidId::jurisdiction_state, "1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST", "jurisdictionStateOrProvinceName"},
    {OidId::jurisdiction_country, "1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC", "jurisdictionCountryName"},
    {OidId::subject_key_identifier, "2.5.29.14", "subjectKeyIdentifier", "X509v3 Subject Key Identifier"},
    {OidId::key_usage, "2.5.29.15", "keyUsage", "X509v3 Key Usage"},
    {OidId::private_key_usage_period, "2.5.29.16", "privateKeyUsagePeriod", "X509v3 Private Key Usage Period"},
    {OidId::subject_alt_name, "2.5.29.17", "subjectAltName", "X509v3 Subject Alternative Name"},
    {OidId::issuer_alt_name, "2.5.29.18", "issuerAltName", "X509v3 Issuer Alternative Name"},
    {OidId::basic_constraints, "2.5.29.19", "basicConstraints", "X509v3 Basic Constraints"},
    {OidId::crl_number, "2.5.29.20", "crlNumber", "X509v3 CRL Number"},
    {OidId::name_constraints, "2.5.29.30", "nameConstraints", "X509v3 Name Constraints"},
    {OidId::crl_distribution_points, "2.5.29.31", "crlDistributionPoints", "X509v3 CRL Distribution Points"},
    {OidId::certificate_policies, "2.5.29.32", "certificatePolicies", "X509v3 Certificate Policies"},
    {OidId::any_policy, "2.5.29.32.0", "anyPolicy", "X509v3 Any Policy"},
    {OidId::policy_mappings, "2.5.29.33", "policyMappings", "X509v3 Policy Mappings"},
    {OidId::authority_key_identifier, "2.5.29.35", "authorityKeyIdentifier", "X509v3 Authority Key Identifier"},
    {OidId::policy_constraints, "2.5.29.36", "policyConstraints", "X509v3 Policy Constraints"},
    {OidId::ext_key_usage, "2.5.29.37", "extendedKeyUsage", "X509v3 Extended Key Usage"},
    {OidId::any_extended_key_usage, "2.5.29.37.0", "anyExtendedKeyUsage", "Any Extended Key Usage"},
    {OidId::freshest_crl, "2.5.29.46", "freshestCRL", "X509v3 Freshest CRL"},
    {OidId::inhibit_any_policy, "2.5.29.54", "inhibitAnyPolicy", "X509v3 Inhibit Any Policy"},
    {OidId::authority_info_access, "1.3.6.1.5.5.7.1.1", "authorityInfoAccess", "Authority Information Access"},
    {OidId::subject_info_access, "1.3.6.1.5.5.7.1.11", "subjectInfoAccess", "Subject Information Access"},
    {OidId::tls_feature, "1.3.6.1.5.5.7.1.24", "tlsfeature", "TLS Feature"},
    {OidId::ct_precert_scts, "1.3.6.1.4.1.11129.2.4.2", "ct_precert_scts", "CT Precertificate SCTs"},
    {OidId::ct_precert_poison, "1.3.6.1.4.1.11129.2.4.3", "ct_precert_poison", "CT Precertificate Poison"},
    {OidId::netscape_cert_type, "2.16.840.1.113730.1.1", "nsCertType", "Netscape Cert Type"},
    {OidId::netscape_comment, "2.16.840.1.113730.1.13", "nsComment", "Netscape Comment"},
    {OidId::kp_server_auth, "1.3.6.1.5.5.7.3.1", "serverAuth", "TLS Web Server Authentication"},
    {OidId::kp_client_auth, "1.3.6.1.5.5.7.3.2", "clientAuth", "TLS Web Client Authentication"},
    {OidId::kp_code_signing, "1.3.6.1.5.5.7.3.3", "codeSigning", "Code Signing"},
    {OidId::kp_email_protection, "1.3.6.1.5.5.7.3.4", "emailProtection", "E-mail Protection"},
    {OidId::kp_ipsec_ike, "1.3.6.1.5.5.7.3.17", "ipsecIKE", "ipsec Internet Key Exchange"},
    {OidId::kp_time_stamping, "1.3.6.1.5.5.7.3.8", "timeStamping", "Time Stamping"},
    {OidId::kp_ocsp_signing, "1.3.6.1.5.5.7.3.9", "OCSPSigning", "OCSP Signing"},
    {OidId::ad_ocsp, "1.3.6.1.5.5.7.48.1", "OCSP", "OCSP"},
    {OidId::ad_ca_issuers, "1.3.6.1.5.5.7.48.2", "caIssuers", "CA Issuers"},
    {OidId::qt_cps, "1.3.6.1.5.5.7.2.1", "id-qt-cps", "Policy Qualifier CPS"},
    {OidId::qt_unotice, "1.3.6.1.5.5.7.2.2", "id-qt-unotice", "Policy Qualifier User Notice"},
};
// clang-format on

static_assert(std::size(kTable) == static_cast<std::size_t>(OidId::count_),
              "one table row per OidId, in enum order");

constexpr bool table_in_enum_order() {
  for (std::size_t i = 0; i < std::size(kTable); ++i) {
    if (static_cast<std::size_t>(kTable[i].id) != i) return false;
  }
  return true;
}
static_assert(table_in_enum_order(), "kTable rows must follow the OidId order");

struct Encoded {
  std::vector<Bytes> by_id;   // contents octets, indexed by OidId
  std::vector<OidId> sorted;  // ids sorted by contents, for lookup
};

bool less_bytes(ByteView a, ByteView b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

const Encoded& encoded() {
  static const Encoded table = [] {
    Encoded e;
    e.by_id.resize(std::size(kTable));
    for (std::size_t i = 1; i < std::size(kTable); ++i) {
      e.by_id[i] = encode_oid(kTable[i].dotted);
      e.sorted.push_back(kTable[i].id);
    }
    std::sort(e.sorted.begin(), e.sorted.end(), [&](OidId a, OidId b) {
      return less_bytes(e.by_id[static_cast<std::size_t>(a)], e.by_id[static_cast<std::size_t>(b)]);
    });
    return e;
  }();
  return table;
}

const Row& row(OidId id) noexcept {
  const auto i = static_cast<std::size_t>(id);
  return i < std::size(kTable) ? kTable[i] : kTable[0];
}

// Decimal arithmetic on a little-endian base-10^9 number, for arcs beyond 64 bits (UUID arcs
// under 2.25 are 128-bit).
using BigDecimal = std::vector<std::uint32_t>;
constexpr std::uint32_t kLimb = 1000000000;

void big_mul_add(BigDecimal& n, std::uint32_t mul, std::uint32_t add) {
  std::uint64_t carry = add;
  for (auto& limb : n) {
    const std::uint64_t v = static_cast<std::uint64_t>(limb) * mul + carry;
    limb = static_cast<std::uint32_t>(v % kLimb);
    carry = v / kLimb;
  }
  while (carry != 0) {
    n.push_back(static_cast<std::uint32_t>(carry % kLimb));
    carry /= kLimb;
  }
}

std::string big_to_string(const BigDecimal& n) {
  if (n.empty()) return "0";
  std::string out = std::to_string(n.back());
  for (std::size_t i = n.size() - 1; i-- > 0;) {
    std::string part = std::to_string(n[i]);
    out += std::string(9 - part.size(), '0') + part;
  }
  return out;
}

// Subtracts `sub` (< kLimb) from n >= sub.
void big_sub_small(BigDecimal& n, std::uint32_t sub) {
  std::uint64_t borrow = sub;
  for (auto& limb : n) {
    if (borrow == 0) break;
    if (limb >= borrow) {
      limb = static_cast<std::uint32_t>(limb - borrow);
      borrow = 0;
    } else {
      limb = static_cast<std::uint32_t>(limb + kLimb - borrow);
      borrow = 1;
    }
  }
  while (!n.empty() && n.back() == 0)
    n.pop_back();
}

bool big_less(const BigDecimal& n, std::uint32_t v) {
  if (n.size() > 1) return false;
  return (n.empty() ? 0 : n[0]) < v;
}

}  // namespace

Oid Oid::of(OidId id) noexcept {
  const auto& e = encoded();
  const auto i = static_cast<std::size_t>(id);
  if (i == 0 || i >= e.by_id.size()) return Oid{};
  return Oid(e.by_id[i]);
}

std::string Oid::dotted() const {
  std::string out;
  BigDecimal arc;
  bool first = true;
  for (const std::uint8_t byte : contents_) {
    big_mul_add(arc, 128, byte & 0x7fU);
    if ((byte & 0x80U) != 0) continue;
    if (first) {
      // X.690 §8.19.4: the first subidentifier is 40 * arc1 + arc2 (arc2 unbounded under 2).
      if (big_less(arc, 40)) {
        out = "0." + big_to_string(arc);
      } else if (big_less(arc, 80)) {
        big_sub_small(arc, 40);
        out = "1." + big_to_string(arc);
      } else {
        big_sub_small(arc, 80);
        out = "2." + big_to_string(arc);
      }
      first = false;
    } else {
      out += '.';
      out += big_to_string(arc);
    }
    arc.clear();
  }
  return out;
}

OidId Oid::id() const noexcept {
  const auto& e = encoded();
  const auto it =
      std::lower_bound(e.sorted.begin(), e.sorted.end(), contents_, [&](OidId id, ByteView key) {
        return less_bytes(e.by_id[static_cast<std::size_t>(id)], key);
      });
  if (it == e.sorted.end()) return OidId::unknown;
  const Bytes& found = e.by_id[static_cast<std::size_t>(*it)];
  return std::equal(found.begin(), found.end(), contents_.begin(), contents_.end())
             ? *it
             : OidId::unknown;
}

std::string_view Oid::short_name() const noexcept {
  return row(id()).short_name;
}
std::string_view Oid::long_name() const noexcept {
  return row(id()).long_name;
}
std::string Oid::display_name() const {
  const std::string_view name = long_name();
  return name.empty() ? dotted() : std::string(name);
}

bool Oid::operator==(const Oid& other) const noexcept {
  return std::equal(contents_.begin(), contents_.end(), other.contents_.begin(),
                    other.contents_.end());
}

std::string_view oid_short_name(OidId id) noexcept {
  return row(id).short_name;
}
std::string_view oid_long_name(OidId id) noexcept {
  return row(id).long_name;
}
std::string_view oid_dotted(OidId id) noexcept {
  return row(id).dotted;
}

namespace {

// The base-128 digits (most significant first) of a non-negative decimal number of any size.
std::vector<std::uint8_t> base128_digits(std::string decimal) {
  std::vector<std::uint8_t> out;
  while (!(decimal.size() == 1 && decimal[0] == '0')) {
    std::string quotient;
    unsigned remainder = 0;
    for (const char c : decimal) {
      remainder = remainder * 10 + static_cast<unsigned>(c - '0');
      if (!quotient.empty() || remainder >= 128) {
        quotient += static_cast<char>('0' + remainder / 128);
      }
      remainder %= 128;
    }
    out.push_back(static_cast<std::uint8_t>(remainder));
    decimal = quotient.empty() ? "0" : quotient;
  }
  if (out.empty()) out.push_back(0);
  std::reverse(out.begin(), out.end());
  return out;
}

// decimal + small, for 40 * arc1 + arc2 with a large arc2.
std::string add_small(std::string decimal, unsigned small) {
  unsigned carry = small;
  for (std::size_t i = decimal.size(); i-- > 0 && carry != 0;) {
    const unsigned d = static_cast<unsigned>(decimal[i] - '0') + carry;
    decimal[i] = static_cast<char>('0' + d % 10);
    carry = d / 10;
  }
  while (carry != 0) {
    decimal.insert(decimal.begin(), static_cast<char>('0' + carry % 10));
    carry /= 10;
  }
  return decimal;
}

}  // namespace

Bytes encode_oid(std::string_view dotted) {
  const auto bad = [&](const std::string& why) -> Error {
    return Error(AlertDescription::decode_error, "OID \"" + std::string(dotted) + "\": " + why);
  };
  std::vector<std::string> arcs;
  std::size_t pos = 0;
  while (true) {
    const std::size_t end = std::min(dotted.find('.', pos), dotted.size());
    const std::string_view part = dotted.substr(pos, end - pos);
    if (part.empty()) throw bad("empty arc");
    for (const char c : part) {
      if (c < '0' || c > '9') throw bad("not a digit: '" + std::string(1, c) + "'");
    }
    if (part.size() > 1 && part[0] == '0') throw bad("arc with a leading zero");
    arcs.emplace_back(part);
    if (end == dotted.size()) break;
    pos = end + 1;
  }
  if (arcs.size() < 2) throw bad("needs at least two arcs");
  if (arcs[0].size() != 1 || arcs[0][0] > '2') throw bad("first arc must be 0, 1 or 2");
  const unsigned first = static_cast<unsigned>(arcs[0][0] - '0');
  if (first < 2 && (arcs[1].size() > 2 || std::stoul(arcs[1]) >= 40)) {
    throw bad("second arc must be below 40 under arcs 0 and 1");
  }
  Bytes out;
  const auto put = [&](const std::string& decimal) {
    const auto digits = base128_digits(decimal);
    for (std::size_t i = 0; i < digits.size(); ++i)
      out.push_back(static_cast<std::uint8_t>(digits[i] | (i + 1 < digits.size() ? 0x80 : 0x00)));
  };
  // X.690 §8.19.4: the first two arcs share one subidentifier, 40 * arc1 + arc2.
  put(add_small(arcs[1], first * 40));
  for (std::size_t i = 2; i < arcs.size(); ++i)
    put(arcs[i]);
  return out;
}

}  // namespace tlslab::pki

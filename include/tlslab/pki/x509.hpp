// X.509 v3 certificates (RFC 5280 §4.1): parsing into a Certificate that owns its DER and
// exposes views of every field, the extensions tlslab understands parsed, and the signature
// check against an issuer's key. Path building and validation (chains, validity against a
// clock, CA/pathLen/keyUsage/EKU/name constraints, host names) sit on top of this.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tlslab/alert.hpp"
#include "tlslab/bytes.hpp"
#include "tlslab/crypto/provider.hpp"
#include "tlslab/pki/algorithm.hpp"
#include "tlslab/pki/der.hpp"
#include "tlslab/pki/extensions.hpp"
#include "tlslab/pki/keys.hpp"
#include "tlslab/pki/name.hpp"

namespace tlslab::pki {

class Certificate {
 public:
  // Parses one DER certificate (the whole buffer; trailing bytes are an error) into an object
  // that keeps its own copy. Failures throw Error(alert, "Certificate.tbsCertificate....: ...");
  // use bad_certificate for certificates from the wire, decode_error for files.
  //
  // Beyond DER validity it enforces RFC 5280's structural rules: version 1..3; unique IDs only
  // in v2/v3 and extensions only in v3; signatureAlgorithm identical to tbsCertificate.signature
  // (§4.1.1.2); at least one extension when the field is present, no extension twice (§4.2); the
  // understood extensions well-formed. Unsupported signature or key algorithms are not errors
  // here (the certificate can still be inspected): see signature_algorithm().kind and
  // public_key().key; verify_signature() reports them.
  static Certificate parse(ByteView der,
                           AlertDescription alert = AlertDescription::bad_certificate);

  // Copies share the DER (views stay valid).
  ByteView der() const noexcept { return der_; }
  ByteView tbs_der() const noexcept { return tbs_; }  // tbsCertificate TLV: the signed bytes
  int version() const noexcept { return version_; }   // 1, 2 or 3
  // serialNumber's contents (two's complement as encoded; RFC 5280 wants a positive value of at
  // most 20 octets, but negative and zero serials exist and are only reported).
  ByteView serial() const noexcept { return serial_; }
  bool serial_negative() const noexcept { return !serial_.empty() && (serial_[0] & 0x80) != 0; }
  const SignatureAlgorithm& signature_algorithm() const noexcept { return signature_algorithm_; }
  ByteView signature() const noexcept { return signature_; }  // signatureValue's bytes
  const DistinguishedName& issuer() const noexcept { return issuer_; }
  const DistinguishedName& subject() const noexcept { return subject_; }
  const der::Time& not_before() const noexcept { return not_before_; }
  const der::Time& not_after() const noexcept { return not_after_; }
  const SubjectPublicKeyInfo& public_key() const noexcept { return spki_; }
  const std::optional<der::BitString>& issuer_unique_id() const noexcept { return issuer_uid_; }
  const std::optional<der::BitString>& subject_unique_id() const noexcept { return subject_uid_; }

  // Every extension in order, and the understood ones parsed.
  const std::vector<Extension>& extensions() const noexcept { return extensions_; }
  const Extension* find_extension(OidId id) const noexcept;
  const std::optional<BasicConstraints>& basic_constraints() const noexcept { return bc_; }
  const std::optional<KeyUsage>& key_usage() const noexcept { return key_usage_; }
  const std::optional<ExtendedKeyUsage>& extended_key_usage() const noexcept { return eku_; }
  const std::optional<std::vector<GeneralName>>& subject_alt_names() const noexcept { return san_; }
  const std::optional<std::vector<GeneralName>>& issuer_alt_names() const noexcept { return ian_; }
  const std::optional<ByteView>& subject_key_identifier() const noexcept { return ski_; }
  const std::optional<AuthorityKeyIdentifier>& authority_key_identifier() const noexcept {
    return aki_;
  }
  const std::optional<NameConstraints>& name_constraints() const noexcept { return nc_; }
  // Critical extensions tlslab does not understand: a certificate with any must be rejected by
  // path validation (RFC 5280 §4.2), though it parses and can be shown.
  const std::vector<Oid>& unhandled_critical_extensions() const noexcept {
    return unhandled_critical_;
  }

  // Issuer and subject are the same bytes (RFC 5280 §6.1: self-issued).
  bool self_issued() const noexcept;
  // "CN=leaf,O=Example" (subject in RFC 2253 form), for messages.
  std::string describe() const { return subject_.rfc2253(); }

  // Checks this certificate's signature with the issuer's public key (imported through a
  // provider). false when it does not verify; Error(unsupported_certificate) for an unsupported
  // algorithm; Error(bad_certificate) when the key type does not fit the algorithm.
  bool verify_signature(const crypto::PublicKey& issuer_key) const;

 private:
  Certificate() = default;
  void parse_extensions(der::Reader& r);

  std::shared_ptr<const Bytes> storage_;
  ByteView der_;
  ByteView tbs_;
  int version_ = 1;
  ByteView serial_;
  SignatureAlgorithm signature_algorithm_;
  ByteView signature_;
  DistinguishedName issuer_;
  DistinguishedName subject_;
  der::Time not_before_;
  der::Time not_after_;
  SubjectPublicKeyInfo spki_;
  std::optional<der::BitString> issuer_uid_;
  std::optional<der::BitString> subject_uid_;
  std::vector<Extension> extensions_;
  std::optional<BasicConstraints> bc_;
  std::optional<KeyUsage> key_usage_;
  std::optional<ExtendedKeyUsage> eku_;
  std::optional<std::vector<GeneralName>> san_;
  std::optional<std::vector<GeneralName>> ian_;
  std::optional<ByteView> ski_;
  std::optional<AuthorityKeyIdentifier> aki_;
  std::optional<NameConstraints> nc_;
  std::vector<Oid> unhandled_critical_;
};

// The certificates in a file: every CERTIFICATE (or X509 CERTIFICATE) block of a PEM file, in
// order (other blocks are skipped), or one DER certificate. Errors name the PEM block ("PEM
// block 2 \"CERTIFICATE\" (line 31): Certificate.tbsCertificate...."). A PEM file without any
// certificate block is an error. `alert` as in Certificate::parse.
std::vector<Certificate> load_certificates(ByteView file,
                                           AlertDescription alert = AlertDescription::decode_error);

}  // namespace tlslab::pki

// The X.509 v3 extensions tlslab understands (RFC 5280 §4.2.1): GeneralName(s),
// basicConstraints, keyUsage, extendedKeyUsage, subjectAltName/issuerAltName, authority and
// subject key identifiers, nameConstraints. Parsing only: enforcing them (CA flags, path
// lengths, key usage, EKU, name constraints) is path validation's job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/pki/der.hpp"
#include "tlslab/pki/name.hpp"
#include "tlslab/pki/oid.hpp"

namespace tlslab::pki {

// GeneralName (RFC 5280 §4.2.1.6), a CHOICE of context tags [0]..[8].
struct GeneralName {
  enum class Type : std::uint8_t {
    other_name = 0,
    rfc822_name = 1,
    dns_name = 2,
    x400_address = 3,
    directory_name = 4,
    edi_party_name = 5,
    uri = 6,
    ip_address = 7,
    registered_id = 8,
  };
  Type type = Type::dns_name;
  // rfc822Name/dNSName/URI: the IA5String's characters. iPAddress: 4 or 16 address bytes, or
  // in name constraints 8 or 32 (address then mask). Other types: the element's contents.
  ByteView value;
  ByteView der;                                     // the whole element
  std::optional<DistinguishedName> directory_name;  // directoryName
  Oid other_name_type;                              // otherName type-id
  ByteView other_name_value;  // otherName value (the element inside [0] EXPLICIT)
  Oid registered_id;          // registeredID

  std::string_view text() const noexcept {
    return {reinterpret_cast<const char*>(value.data()), value.size()};
  }
  // As OpenSSL's i2v_GENERAL_NAME (subjectAltName, AKI lists): "DNS:example.com",
  // "IP Address:192.0.2.1", "IP Address:2001:DB8:0:0:0:0:0:1", "email:a@example.com",
  // "URI:https://example.com/", "DirName:/C=US/CN=x", "Registered ID:1.2.3",
  // "othername:<unsupported>". With `constraint`, as in nameConstraints output:
  // "IP:192.168.0.0/255.255.0.0" and "DirName:C = US, CN = x".
  std::string to_string(bool constraint = false) const;
};

// `constraint`: inside nameConstraints, where iPAddress carries an address and a mask.
GeneralName read_general_name(der::Reader& r, der::FieldName field, bool constraint = false);
// GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName
std::vector<GeneralName> read_general_names(der::Reader& r, der::FieldName field);

// basicConstraints (§4.2.1.9)
struct BasicConstraints {
  bool ca = false;
  std::optional<std::uint64_t> path_length;
};
BasicConstraints read_basic_constraints(der::Reader& extn_value);

// keyUsage (§4.2.1.3): the named bits.
enum class KeyUsageBit : std::uint8_t {
  digital_signature = 0,
  non_repudiation = 1,  // contentCommitment
  key_encipherment = 2,
  data_encipherment = 3,
  key_agreement = 4,
  key_cert_sign = 5,
  crl_sign = 6,
  encipher_only = 7,
  decipher_only = 8,
};
struct KeyUsage {
  std::uint16_t bits = 0;  // bit i set <=> KeyUsageBit i asserted
  bool has(KeyUsageBit b) const noexcept { return (bits >> static_cast<unsigned>(b) & 1U) != 0; }
  // OpenSSL's text: "Digital Signature, Key Encipherment, Certificate Sign".
  std::string to_string() const;
};
KeyUsage read_key_usage(der::Reader& extn_value);

// extendedKeyUsage (§4.2.1.12)
struct ExtendedKeyUsage {
  std::vector<Oid> purposes;
  bool has(OidId purpose) const noexcept;
  std::string to_string() const;  // long names joined by ", " (unknown OIDs dotted)
};
ExtendedKeyUsage read_extended_key_usage(der::Reader& extn_value);

// authorityKeyIdentifier (§4.2.1.1)
struct AuthorityKeyIdentifier {
  std::optional<ByteView> key_identifier;
  std::vector<GeneralName> issuer;  // authorityCertIssuer (may be empty)
  std::optional<ByteView> serial;   // authorityCertSerialNumber (INTEGER contents)
};
AuthorityKeyIdentifier read_authority_key_identifier(der::Reader& extn_value);
// subjectKeyIdentifier (§4.2.1.2): the OCTET STRING's bytes.
ByteView read_subject_key_identifier(der::Reader& extn_value);

// nameConstraints (§4.2.1.10)
struct GeneralSubtree {
  GeneralName base;
  std::uint64_t minimum = 0;
  std::optional<std::uint64_t> maximum;
};
struct NameConstraints {
  std::vector<GeneralSubtree> permitted;
  std::vector<GeneralSubtree> excluded;
};
NameConstraints read_name_constraints(der::Reader& extn_value);

// One Extension as found in the certificate.
struct Extension {
  Oid oid;
  bool critical = false;
  ByteView value;  // extnValue's contents (the DER of the extension's own type)
  ByteView der;    // the whole Extension SEQUENCE
  // Whether tlslab parses this extension (and so can act on it when it is critical): the types
  // above. Path validation must reject a certificate with a critical extension that is not
  // understood (RFC 5280 §4.2).
  bool understood = false;
};

// Colon-separated upper-case hex ("AB:CD:01"), as OpenSSL prints key identifiers and serials.
std::string colon_hex(ByteView bytes);

}  // namespace tlslab::pki

// X.501 Name (RFC 5280 §4.1.2.4): the RDNSequence of issuer and subject, its raw bytes for
// chain building, and the one-line forms OpenSSL prints.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/pki/der.hpp"
#include "tlslab/pki/oid.hpp"

namespace tlslab::pki {

// AttributeTypeAndValue ::= SEQUENCE { type AttributeType, value AttributeValue }
struct AttributeTypeAndValue {
  Oid type;
  der::Tag value_tag;
  ByteView value;       // the value's contents octets
  ByteView value_der;   // the value's whole encoding
  std::size_t rdn = 0;  // index of the RelativeDistinguishedName (SET) it belongs to

  // Whether the value is a character string (then `text()` is its UTF-8 form).
  bool is_string() const noexcept;
  std::string text() const;
};

struct DistinguishedName {
  ByteView der;  // the whole Name (SEQUENCE): issuer/subject matching compares these bytes
  std::vector<AttributeTypeAndValue> attributes;  // in encoding order (most significant first)
  std::size_t rdn_count = 0;

  bool empty() const noexcept { return attributes.empty(); }

  // `openssl ... -nameopt RFC2253`: RDNs in reverse order separated by ",", the AVAs of a
  // multi-valued RDN by "+", short attribute names (unknown types as dotted OIDs with the value
  // as "#" and the DER in hex), values escaped as RFC 4514 §2.4 and OpenSSL do (",+\"\\<>;",
  // a leading "#" or space, a trailing space; control characters and every byte of non-ASCII
  // UTF-8 as \XX).
  std::string rfc2253() const;
  // OpenSSL's default one-line form (`x509 -text`, `-nameopt oneline`): forward order,
  // "C = US, O = Example, CN = host", values with special characters in double quotes.
  std::string oneline() const;
  // OpenSSL's `-nameopt compat` form used inside some extensions: "/C=US/O=Example/CN=host".
  std::string slashed() const;

  // The UTF-8 values of every attribute of `type` (e.g. the common names), in order.
  std::vector<std::string> values(OidId type) const;
};

// Reads a Name (a SEQUENCE OF non-empty SETs of AttributeTypeAndValue). Character string values
// must be valid for their type (der::check_string); other value types are kept as they are.
DistinguishedName read_name(der::Reader& r, der::FieldName field);

}  // namespace tlslab::pki

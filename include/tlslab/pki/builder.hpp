// Issuing X.509 v3 certificates (RFC 5280 §4.1) — for throwaway identities: `tlslab demo`, tests
// and anything that needs a CA in memory. The signature algorithm follows the issuer's key:
// sha256WithRSAEncryption, ecdsa-with-SHA256 (P-256), ecdsa-with-SHA384 (P-384) or Ed25519.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/provider.hpp"
#include "tlslab/pki/oid.hpp"

namespace tlslab::pki {

struct CertificateTemplate {
  // Attributes of the subject, most significant first ({country_name, "NL"},
  // {common_name, "demo CA"}); countryName is written as PrintableString, the rest as
  // UTF8String.
  std::vector<std::pair<OidId, std::string>> subject;
  Bytes serial;  // unsigned big-endian; empty: 1
  std::int64_t not_before = 0;
  std::int64_t not_after = 0;
  bool ca = false;                   // basicConstraints cA (critical)
  std::optional<unsigned> path_len;  // pathLenConstraint, CA only
  // keyUsage (critical): digitalSignature for end entities, keyCertSign + cRLSign for CAs, plus
  // keyEncipherment for RSA end entities (static RSA key exchange).
  std::vector<OidId> extended_key_usage;  // kp_server_auth, kp_client_auth
  std::vector<std::string> dns_names;     // subjectAltName dNSName
  std::vector<Bytes> ip_addresses;        // subjectAltName iPAddress (4 or 16 bytes)

  // Shapes beyond that profile, for tests and for studying validators (issue 13): certificates
  // a careful CA would not issue.
  struct RawExtension {
    Bytes oid;  // contents octets (encode_oid("1.2.3"), or Oid::of(id).contents())
    bool critical = false;
    Bytes value;  // extnValue's contents: the extension's own DER
  };
  // Further subjectAltName entries, each one whole GeneralName element (email, URI, DirName,
  // otherName...), after the dNSName and iPAddress ones.
  std::vector<Bytes> extra_alt_names;
  bool alt_names_critical = false;
  std::vector<OidId> omit_extensions;          // standard extensions above not to write
  std::vector<RawExtension> extra_extensions;  // written after the standard ones
  std::optional<Bytes> raw_serial;             // INTEGER contents as given (zero, negative)
  std::optional<Bytes> issuer_name;            // the issuer Name's DER, instead of the issuer's
  // Extra subject attributes (emailAddress...), written as IA5String after `subject`.
  std::vector<std::pair<OidId, std::string>> subject_ia5;
};

// The DER certificate for `subject_key`, signed with `issuer_key`. `issuer_der` is the issuer's
// certificate (its subject becomes our issuer, its subject key identifier our authority key
// identifier); empty for a self-signed certificate, where `issuer_key` must be the subject's.
Bytes issue_certificate(crypto::Provider& provider, const CertificateTemplate& t,
                        const crypto::PublicKeyMaterial& subject_key,
                        const crypto::PrivateKey& issuer_key, ByteView issuer_der = {});

}  // namespace tlslab::pki

// What the handshake reads from a certificate, through the PKI layer's X.509 parser: the
// issuer and subject names (as DER, to compare with CertificateRequest.certificate_authorities)
// and the public key.
#include "certificates.hpp"

#include "tlslab/pki/keys.hpp"
#include "tlslab/pki/x509.hpp"

namespace tlslab::handshake::detail {

CertificateFacts certificate_facts(ByteView der) {
  const auto cert = pki::Certificate::parse(der, AlertDescription::bad_certificate);
  CertificateFacts facts;
  facts.issuer.assign(cert.issuer().der.begin(), cert.issuer().der.end());
  facts.subject.assign(cert.subject().der.begin(), cert.subject().der.end());
  facts.subject_text = cert.subject().rfc2253();
  facts.public_key =
      pki::public_key_from_spki(cert.public_key().der, AlertDescription::unsupported_certificate);
  return facts;
}

}  // namespace tlslab::handshake::detail

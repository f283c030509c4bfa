// CertificateRequest (RFC 5246 §7.4.4).
#include "tlslab/messages/certificate_request.hpp"

namespace tlslab::messages {

using codec::Reader;
using codec::Writer;

namespace {
// ClientCertificateType certificate_types<1..2^8-1>; DistinguishedName certificate_authorities
// <0..2^16-1>, opaque DistinguishedName<1..2^16-1>. supported_signature_algorithms is the
// signature_algorithms extension's vector (extensions.hpp).
constexpr auto kCertificateTypes = codec::Bounds::u8(1);
constexpr auto kCertificateAuthorities = codec::Bounds::u16();
constexpr auto kDistinguishedName = codec::Bounds::u16(1);
}  // namespace

CertificateRequest CertificateRequest::parse(Reader& r) {
  CertificateRequest m;
  m.certificate_types = r.u8_list("certificate_types", kCertificateTypes, "certificate_type");
  m.supported_signature_algorithms = read_supported_signature_algorithms(r);
  Reader cas = r.sub("certificate_authorities", kCertificateAuthorities);
  while (!cas.empty())
    m.certificate_authorities.push_back(cas.opaque("distinguished_name", kDistinguishedName));
  r.expect_end();
  return m;
}

void CertificateRequest::serialize(Writer& w) const {
  w.opaque("CertificateRequest.certificate_types", certificate_types, kCertificateTypes);
  write_supported_signature_algorithms(w, "CertificateRequest.supported_signature_algorithms",
                                       supported_signature_algorithms);
  w.sub("CertificateRequest.certificate_authorities", kCertificateAuthorities, [&](Writer& list) {
    for (auto dn : certificate_authorities) {
      list.opaque("CertificateRequest.distinguished_name", dn, kDistinguishedName);
    }
  });
}
}  // namespace tlslab::messages

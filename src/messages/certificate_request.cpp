// CertificateRequest (RFC 5246 §7.4.4).
#include "tlslab/messages/certificate_request.hpp"

namespace tlslab::messages {

using codec::Reader;
using codec::Writer;

namespace {
// ClientCertificateType certificate_types<1..2^8-1>; SignatureAndHashAlgorithm
// supported_signature_algorithms<2..2^16-2>; DistinguishedName certificate_authorities
// <0..2^16-1>, opaque DistinguishedName<1..2^16-1>.
constexpr auto kCertificateTypes = codec::Bounds::u8(1);
constexpr auto kSignatureAlgorithms = codec::Bounds::u16(2, 0xfffe, 2);
constexpr auto kCertificateAuthorities = codec::Bounds::u16();
constexpr auto kDistinguishedName = codec::Bounds::u16(1);
}  // namespace

CertificateRequest CertificateRequest::parse(Reader& r) {
  CertificateRequest m;
  Reader types = r.sub("certificate_types", kCertificateTypes);
  m.certificate_types = types.data();
  while (!types.empty())
    (void)types.u8("certificate_type");
  Reader algs = r.sub("supported_signature_algorithms", kSignatureAlgorithms);
  while (!algs.empty())
    m.supported_signature_algorithms.push_back(algs.u16("signature_algorithm"));
  Reader cas = r.sub("certificate_authorities", kCertificateAuthorities);
  while (!cas.empty())
    m.certificate_authorities.push_back(cas.opaque("distinguished_name", kDistinguishedName));
  r.expect_end();
  return m;
}

void CertificateRequest::serialize(Writer& w) const {
  w.opaque("CertificateRequest.certificate_types", certificate_types, kCertificateTypes);
  w.sub("CertificateRequest.supported_signature_algorithms", kSignatureAlgorithms,
        [&](Writer& list) {
          for (auto a : supported_signature_algorithms)
            list.u16(a);
        });
  w.sub("CertificateRequest.certificate_authorities", kCertificateAuthorities, [&](Writer& list) {
    for (auto dn : certificate_authorities) {
      list.opaque("CertificateRequest.distinguished_name", dn, kDistinguishedName);
    }
  });
}
}  // namespace tlslab::messages

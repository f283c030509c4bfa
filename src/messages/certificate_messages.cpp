// Certificate, CertificateRequest and CertificateVerify (RFC 5246 §7.4.2, §7.4.4, §7.4.8).
#include "tlslab/error.hpp"
#include "tlslab/messages/certificate.hpp"
#include "tlslab/messages/certificate_request.hpp"
#include "tlslab/messages/certificate_verify.hpp"

namespace tlslab::messages {

using codec::Reader;
using codec::Writer;

namespace {
// RFC 5246 §7.4.2: ASN.1Cert certificate_list<0..2^24-1>, opaque ASN.1Cert<1..2^24-1>.
constexpr auto kCertificateList = codec::Bounds::u24();
constexpr auto kAsn1Cert = codec::Bounds::u24(1);
// §7.4.4: ClientCertificateType certificate_types<1..2^8-1>; SignatureAndHashAlgorithm
// supported_signature_algorithms<2..2^16-2>; DistinguishedName certificate_authorities
// <0..2^16-1>, opaque DistinguishedName<1..2^16-1>.
constexpr auto kCertificateTypes = codec::Bounds::u8(1);
constexpr auto kSignatureAlgorithms = codec::Bounds::u16(2, 0xfffe, 2);
constexpr auto kCertificateAuthorities = codec::Bounds::u16();
constexpr auto kDistinguishedName = codec::Bounds::u16(1);
// §7.4.8 / §4.7: digitally-signed opaque signature<0..2^16-1>.
constexpr auto kSignature = codec::Bounds::u16();
}  // namespace

Certificate Certificate::parse(Reader& r) {
  Certificate m;
  Reader list = r.sub("certificate_list", kCertificateList);
  while (!list.empty())
    m.certificate_list.push_back(list.opaque("certificate", kAsn1Cert));
  r.expect_end();
  return m;
}

Certificate Certificate::parse(ByteView body) {
  Reader r(body, "Certificate");
  return parse(r);
}

void Certificate::serialize(Writer& w) const {
  w.sub("Certificate.certificate_list", kCertificateList, [&](Writer& list) {
    for (auto c : certificate_list)
      list.opaque("Certificate.certificate", c, kAsn1Cert);
  });
}

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

CertificateRequest CertificateRequest::parse(ByteView body) {
  Reader r(body, "CertificateRequest");
  return parse(r);
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

CertificateVerify CertificateVerify::parse(Reader& r) {
  CertificateVerify m;
  m.signature_algorithm = r.u16("signature_algorithm");
  m.signature = r.opaque("signature", kSignature);
  r.expect_end();
  return m;
}

CertificateVerify CertificateVerify::parse(ByteView body) {
  Reader r(body, "CertificateVerify");
  return parse(r);
}

void CertificateVerify::serialize(Writer& w) const {
  w.u16(signature_algorithm);
  w.opaque("CertificateVerify.signature", signature, kSignature);
}

}  // namespace tlslab::messages

// Certificate, CertificateRequest and CertificateVerify (RFC 5246 §7.4.2, §7.4.4, §7.4.8).
#include "tlslab/error.hpp"
#include "tlslab/messages/certificate.hpp"
#include "tlslab/messages/certificate_request.hpp"
#include "tlslab/messages/certificate_verify.hpp"

namespace tlslab::messages {

using codec::Reader;
using codec::Writer;

Certificate Certificate::parse(Reader& r) {
  Certificate m;
  Reader list = r.sub24("certificate_list");
  while (!list.empty())
    m.certificate_list.push_back(list.opaque24("certificate", 1));
  r.expect_end();
  return m;
}

Certificate Certificate::parse(ByteView body) {
  Reader r(body, "Certificate");
  return parse(r);
}

void Certificate::serialize(Writer& w) const {
  w.sub24("Certificate.certificate_list", [&](Writer& list) {
    for (auto c : certificate_list)
      list.opaque24("Certificate.certificate", c, 1);
  });
}

CertificateRequest CertificateRequest::parse(Reader& r) {
  CertificateRequest m;
  Reader types = r.sub8("certificate_types", 1);
  m.certificate_types = types.data();
  while (!types.empty())
    (void)types.u8("certificate_type");
  Reader algs = r.sub16("supported_signature_algorithms", 2, 0xfffe, 2);
  while (!algs.empty())
    m.supported_signature_algorithms.push_back(algs.u16("signature_algorithm"));
  Reader cas = r.sub16("certificate_authorities");
  while (!cas.empty())
    m.certificate_authorities.push_back(cas.opaque16("distinguished_name", 1));
  r.expect_end();
  return m;
}

CertificateRequest CertificateRequest::parse(ByteView body) {
  Reader r(body, "CertificateRequest");
  return parse(r);
}

void CertificateRequest::serialize(Writer& w) const {
  w.opaque8("CertificateRequest.certificate_types", certificate_types, 1);
  w.sub16(
      "CertificateRequest.supported_signature_algorithms",
      [&](Writer& list) {
        for (auto a : supported_signature_algorithms)
          list.u16(a);
      },
      2);
  w.sub16("CertificateRequest.certificate_authorities", [&](Writer& list) {
    for (auto dn : certificate_authorities) {
      list.opaque16("CertificateRequest.distinguished_name", dn, 1);
    }
  });
}

CertificateVerify CertificateVerify::parse(Reader& r) {
  CertificateVerify m;
  m.signature_algorithm = r.u16("signature_algorithm");
  m.signature = r.opaque16("signature");
  r.expect_end();
  return m;
}

CertificateVerify CertificateVerify::parse(ByteView body) {
  Reader r(body, "CertificateVerify");
  return parse(r);
}

void CertificateVerify::serialize(Writer& w) const {
  w.u16(signature_algorithm);
  w.opaque16("CertificateVerify.signature", signature);
}

}  // namespace tlslab::messages

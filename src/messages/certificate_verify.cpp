// CertificateVerify (RFC 5246 §7.4.8).
#include "tlslab/messages/certificate_verify.hpp"

namespace tlslab::messages {

using codec::Reader;
using codec::Writer;

namespace {
// digitally-signed: opaque signature<0..2^16-1> (RFC 5246 §4.7).
constexpr auto kSignature = codec::Bounds::u16();
}  // namespace

CertificateVerify CertificateVerify::parse(Reader& r) {
  CertificateVerify m;
  m.signature_algorithm = r.u16("signature_algorithm");
  m.signature = r.opaque("signature", kSignature);
  r.expect_end();
  return m;
}

void CertificateVerify::serialize(Writer& w) const {
  w.u16(signature_algorithm);
  w.opaque("CertificateVerify.signature", signature, kSignature);
}
}  // namespace tlslab::messages

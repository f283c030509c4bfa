// Certificate (RFC 5246 §7.4.2, §7.4.6).
#include "tlslab/messages/certificate.hpp"

namespace tlslab::messages {

using codec::Reader;
using codec::Writer;

namespace {
// ASN.1Cert certificate_list<0..2^24-1>, opaque ASN.1Cert<1..2^24-1>.
constexpr auto kCertificateList = codec::Bounds::u24();
constexpr auto kAsn1Cert = codec::Bounds::u24(1);
}  // namespace

Certificate Certificate::parse(Reader& r) {
  Certificate m;
  Reader list = r.sub("certificate_list", kCertificateList);
  while (!list.empty())
    m.certificate_list.push_back(list.opaque("certificate", kAsn1Cert));
  r.expect_end();
  return m;
}

void Certificate::serialize(Writer& w) const {
  w.sub("Certificate.certificate_list", kCertificateList, [&](Writer& list) {
    for (auto c : certificate_list)
      list.opaque("Certificate.certificate", c, kAsn1Cert);
  });
}
}  // namespace tlslab::messages

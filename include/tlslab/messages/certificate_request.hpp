// CertificateRequest (RFC 5246 §7.4.4, RFC 8422 §5.5).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"
#include "tlslab/messages/extensions.hpp"
#include "tlslab/messages/parse.hpp"

namespace tlslab::messages {

struct CertificateRequest {
  static constexpr HandshakeType kType = HandshakeType::certificate_request;
  static constexpr std::string_view kName = "CertificateRequest";
  ByteView certificate_types;  // ClientCertificateType certificate_types<1..2^8-1>
  std::vector<std::uint16_t> supported_signature_algorithms;  // <2..2^16-2>
  std::vector<ByteView> certificate_authorities;  // DistinguishedName<1..2^16-1>, list <0..2^16-1>

  static CertificateRequest parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

}  // namespace tlslab::messages

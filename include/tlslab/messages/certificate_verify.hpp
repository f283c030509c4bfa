// CertificateVerify (RFC 5246 §7.4.8): a DigitallySigned over the handshake messages so far.
#pragma once

#include <cstdint>
#include <string_view>

#include "tlslab/bytes.hpp"
#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"
#include "tlslab/messages/parse.hpp"

namespace tlslab::messages {

struct CertificateVerify {
  static constexpr HandshakeType kType = HandshakeType::certificate_verify;
  static constexpr std::string_view kName = "CertificateVerify";
  std::uint16_t signature_algorithm = 0;  // SignatureAndHashAlgorithm
  ByteView signature;                     // opaque signature<0..2^16-1>

  static CertificateVerify parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

}  // namespace tlslab::messages

// CertificateVerify (RFC 5246 §7.4.8): a DigitallySigned over the handshake messages so far.
#pragma once

#include <cstdint>

#include "tlslab/bytes.hpp"
#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"

namespace tlslab::messages {

struct CertificateVerify {
  std::uint16_t signature_algorithm = 0;  // SignatureAndHashAlgorithm
  ByteView signature;                     // opaque signature<0..2^16-1>

  static CertificateVerify parse(codec::Reader& r);
  static CertificateVerify parse(ByteView body);
  void serialize(codec::Writer& w) const;
};

}  // namespace tlslab::messages

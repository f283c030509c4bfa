// ClientHello (RFC 5246 §7.4.1.2).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "tlslab/messages/extensions.hpp"

namespace tlslab::messages {

struct ClientHello {
  std::uint16_t client_version = 0x0303;
  std::array<std::uint8_t, 32> random{};
  ByteView session_id;                       // SessionID<0..32>
  std::vector<std::uint16_t> cipher_suites;  // CipherSuite cipher_suites<2..2^16-2>
  ByteView compression_methods;              // CompressionMethod compression_methods<1..2^8-1>
  Extensions extensions;

  // `r` covers exactly the message body. Errors: decode_error for structure and ranges (the
  // alert OpenSSL sends, e.g. for a list without the null compression method),
  // illegal_parameter for a duplicate extension.
  static ClientHello parse(codec::Reader& r);
  static ClientHello parse(ByteView body);
  void serialize(codec::Writer& w) const;

  bool offers(std::uint16_t cipher_suite) const noexcept;
};

}  // namespace tlslab::messages

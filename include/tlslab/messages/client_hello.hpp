// ClientHello (RFC 5246 §7.4.1.2).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "tlslab/messages/extensions.hpp"
#include "tlslab/messages/parse.hpp"

namespace tlslab::messages {

struct ClientHello {
  static constexpr HandshakeType kType = HandshakeType::client_hello;
  static constexpr std::string_view kName = "ClientHello";
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
  void serialize(codec::Writer& w) const;

  bool offers(std::uint16_t cipher_suite) const noexcept;
};

}  // namespace tlslab::messages

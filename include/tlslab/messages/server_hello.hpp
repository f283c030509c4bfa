// ServerHello (RFC 5246 §7.4.1.3).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "tlslab/messages/extensions.hpp"
#include "tlslab/messages/parse.hpp"

namespace tlslab::messages {

struct ServerHello {
  static constexpr HandshakeType kType = HandshakeType::server_hello;
  static constexpr std::string_view kName = "ServerHello";
  std::uint16_t server_version = 0x0303;
  std::array<std::uint8_t, 32> random{};
  ByteView session_id;  // SessionID<0..32>
  std::uint16_t cipher_suite = 0;
  std::uint8_t compression_method = 0;
  Extensions extensions;

  // A compression method other than null is illegal_parameter: tlslab never offers one
  // (RFC 5246 §7.4.1.3 "selected by the server from the list in ClientHello").
  static ServerHello parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

}  // namespace tlslab::messages

// NewSessionTicket (RFC 5077 §3.3).
#pragma once

#include <cstdint>
#include <string_view>

#include "tlslab/bytes.hpp"
#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"
#include "tlslab/messages/parse.hpp"

namespace tlslab::messages {

struct NewSessionTicket {
  static constexpr HandshakeType kType = HandshakeType::new_session_ticket;
  static constexpr std::string_view kName = "NewSessionTicket";
  std::uint32_t ticket_lifetime_hint = 0;  // seconds; 0 = unspecified
  ByteView ticket;                         // opaque ticket<0..2^16-1>

  static NewSessionTicket parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

}  // namespace tlslab::messages

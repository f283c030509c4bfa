// NewSessionTicket (RFC 5077 §3.3).
#pragma once

#include <cstdint>

#include "tlslab/bytes.hpp"
#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"

namespace tlslab::messages {

struct NewSessionTicket {
  std::uint32_t ticket_lifetime_hint = 0;  // seconds; 0 = unspecified
  ByteView ticket;                         // opaque ticket<0..2^16-1>

  static NewSessionTicket parse(codec::Reader& r);
  static NewSessionTicket parse(ByteView body);
  void serialize(codec::Writer& w) const;
};

}  // namespace tlslab::messages

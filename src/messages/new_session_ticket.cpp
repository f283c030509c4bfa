// NewSessionTicket (RFC 5077 §3.3).
#include "tlslab/messages/new_session_ticket.hpp"

namespace tlslab::messages {

using codec::Reader;
using codec::Writer;

namespace {
constexpr auto kTicket = codec::Bounds::u16();  // opaque ticket<0..2^16-1>
}  // namespace

NewSessionTicket NewSessionTicket::parse(Reader& r) {
  NewSessionTicket m;
  m.ticket_lifetime_hint = r.u32("ticket_lifetime_hint");
  m.ticket = r.opaque("ticket", kTicket);
  r.expect_end();
  return m;
}

void NewSessionTicket::serialize(Writer& w) const {
  w.u32(ticket_lifetime_hint);
  w.opaque("NewSessionTicket.ticket", ticket, kTicket);
}
}  // namespace tlslab::messages

// The small messages: HelloRequest, ServerHelloDone, Finished, NewSessionTicket.
#include <string>

#include "tlslab/error.hpp"
#include "tlslab/messages/empty_messages.hpp"
#include "tlslab/messages/finished.hpp"
#include "tlslab/messages/new_session_ticket.hpp"

namespace tlslab::messages {

using codec::Reader;
using codec::Writer;

HelloRequest HelloRequest::parse(Reader& r) {
  r.expect_end();
  return {};
}
HelloRequest HelloRequest::parse(ByteView body) {
  Reader r(body, "HelloRequest");
  return parse(r);
}

ServerHelloDone ServerHelloDone::parse(Reader& r) {
  r.expect_end();
  return {};
}
ServerHelloDone ServerHelloDone::parse(ByteView body) {
  Reader r(body, "ServerHelloDone");
  return parse(r);
}

Finished Finished::parse(Reader& r) {
  if (r.remaining() != kVerifyDataLength) {
    r.fail(AlertDescription::decode_error, "verify_data",
           "length " + std::to_string(r.remaining()) + " is not 12");
  }
  Finished m;
  m.verify_data = r.bytes(kVerifyDataLength, "verify_data");
  return m;
}
Finished Finished::parse(ByteView body) {
  Reader r(body, "Finished");
  return parse(r);
}
void Finished::serialize(Writer& w) const {
  if (verify_data.size() != kVerifyDataLength) {
    fail(AlertDescription::internal_error,
         "Finished.verify_data: " + std::to_string(verify_data.size()) + " bytes, not 12");
  }
  w.bytes(verify_data);
}

NewSessionTicket NewSessionTicket::parse(Reader& r) {
  NewSessionTicket m;
  m.ticket_lifetime_hint = r.u32("ticket_lifetime_hint");
  m.ticket = r.opaque16("ticket");
  r.expect_end();
  return m;
}
NewSessionTicket NewSessionTicket::parse(ByteView body) {
  Reader r(body, "NewSessionTicket");
  return parse(r);
}
void NewSessionTicket::serialize(Writer& w) const {
  w.u32(ticket_lifetime_hint);
  w.opaque16("NewSessionTicket.ticket", ticket);
}

}  // namespace tlslab::messages

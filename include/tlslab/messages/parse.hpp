// Reading one handshake message body from bytes: the single entry point for every message type
// (each type supplies kName and parse(Reader&, ...)). The body is read whole: bytes left over
// are decode_error, and every error path starts with the message's name.
#pragma once

#include "tlslab/bytes.hpp"
#include "tlslab/codec/reader.hpp"
#include "tlslab/registry.hpp"

namespace tlslab::messages {

using registry::HandshakeType;

// parse<ClientHello>(body); parse<ServerKeyExchange>(body, key_exchange) for the messages whose
// layout depends on the negotiated key exchange.
template <class M, class... Context>
M parse(ByteView body, Context... context) {
  codec::Reader r(body, M::kName);
  return M::parse(r, context...);
}

}  // namespace tlslab::messages

// Handshake message framing (RFC 5246 §7.4: msg_type, uint24 length, body) and dispatch over
// every message type.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

#include "tlslab/messages/certificate.hpp"
#include "tlslab/messages/certificate_request.hpp"
#include "tlslab/messages/certificate_verify.hpp"
#include "tlslab/messages/client_hello.hpp"
#include "tlslab/messages/client_key_exchange.hpp"
#include "tlslab/messages/empty_messages.hpp"
#include "tlslab/messages/finished.hpp"
#include "tlslab/messages/new_session_ticket.hpp"
#include "tlslab/messages/server_hello.hpp"
#include "tlslab/messages/server_key_exchange.hpp"

namespace tlslab::messages {

using registry::HandshakeType;

inline constexpr std::size_t kHandshakeHeaderSize = 4;

using Message = std::variant<HelloRequest, ClientHello, ServerHello, Certificate, ServerKeyExchange,
                             CertificateRequest, ServerHelloDone, ClientKeyExchange,
                             CertificateVerify, Finished, NewSessionTicket>;

// What parsing needs beyond the bytes: ServerKeyExchange and ClientKeyExchange depend on the key
// exchange of the suite the ServerHello chose.
struct ParseContext {
  std::optional<registry::KeyExchange> key_exchange;
};

// "ClientHello" for client_hello(1), as RFC 5246 names the structures; std::nullopt for a type
// tlslab has no structure for.
std::optional<std::string_view> message_name(std::uint8_t msg_type) noexcept;
HandshakeType message_type(const Message& m) noexcept;

// Parses the body of a message of type `msg_type`. Unknown or TLS 1.3-only types are
// unexpected_message; a key-exchange-dependent message without ctx.key_exchange is
// unexpected_message too (it cannot come before a ServerHello). With `observer`, every field read
// is reported (the trace).
Message parse_message(std::uint8_t msg_type, ByteView body, const ParseContext& ctx,
                      codec::FieldObserver* observer = nullptr);

// Appends msg_type, the uint24 length and the body.
void serialize_message(const Message& m, Bytes& out);

}  // namespace tlslab::messages

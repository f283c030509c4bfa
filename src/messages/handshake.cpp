#include "tlslab/messages/handshake.hpp"

#include <string>

#include "tlslab/error.hpp"

namespace tlslab::messages {

std::optional<std::string_view> message_name(std::uint8_t msg_type) noexcept {
  switch (static_cast<HandshakeType>(msg_type)) {
    case HandshakeType::hello_request:
      return "HelloRequest";
    case HandshakeType::client_hello:
      return "ClientHello";
    case HandshakeType::server_hello:
      return "ServerHello";
    case HandshakeType::new_session_ticket:
      return "NewSessionTicket";
    case HandshakeType::certificate:
      return "Certificate";
    case HandshakeType::server_key_exchange:
      return "ServerKeyExchange";
    case HandshakeType::certificate_request:
      return "CertificateRequest";
    case HandshakeType::server_hello_done:
      return "ServerHelloDone";
    case HandshakeType::certificate_verify:
      return "CertificateVerify";
    case HandshakeType::client_key_exchange:
      return "ClientKeyExchange";
    case HandshakeType::finished:
      return "Finished";
    default:
      return std::nullopt;
  }
}

HandshakeType message_type(const Message& m) noexcept {
  return std::visit([](const auto& msg) { return std::decay_t<decltype(msg)>::kType; }, m);
}

Message parse_message(std::uint8_t msg_type, ByteView body, const ParseContext& ctx,
                      codec::FieldObserver* observer) {
  const auto name = message_name(msg_type);
  if (!name) {
    fail(AlertDescription::unexpected_message,
         "handshake message " +
             registry::describe_u8(msg_type, registry::handshake_type_name(msg_type)) +
             " has no place in TLS 1.2");
  }
  codec::Reader r(body, *name);
  r.observe(observer);
  auto need_key_exchange = [&]() {
    if (!ctx.key_exchange) {
      fail(AlertDescription::unexpected_message,
           std::string(*name) + ": cannot be parsed before a ServerHello chose a key exchange");
    }
    return *ctx.key_exchange;
  };
  switch (static_cast<HandshakeType>(msg_type)) {
    case HandshakeType::hello_request:
      return HelloRequest::parse(r);
    case HandshakeType::client_hello:
      return ClientHello::parse(r);
    case HandshakeType::server_hello:
      return ServerHello::parse(r);
    case HandshakeType::new_session_ticket:
      return NewSessionTicket::parse(r);
    case HandshakeType::certificate:
      return Certificate::parse(r);
    case HandshakeType::server_key_exchange:
      return ServerKeyExchange::parse(r, need_key_exchange());
    case HandshakeType::certificate_request:
      return CertificateRequest::parse(r);
    case HandshakeType::server_hello_done:
      return ServerHelloDone::parse(r);
    case HandshakeType::certificate_verify:
      return CertificateVerify::parse(r);
    case HandshakeType::client_key_exchange:
      return ClientKeyExchange::parse(r, need_key_exchange());
    case HandshakeType::finished:
      return Finished::parse(r);
    default:
      break;
  }
  fail(AlertDescription::unexpected_message, "unreachable handshake type");
}

void serialize_message(const Message& m, Bytes& out) {
  codec::Writer w(out);
  w.u8(static_cast<std::uint8_t>(message_type(m)));
  const auto name = message_name(static_cast<std::uint8_t>(message_type(m)));
  // RFC 5246 §7.4: uint24 length, then the body.
  w.sub(*name, codec::Bounds::u24(),
        [&](codec::Writer& body) { std::visit([&](const auto& msg) { msg.serialize(body); }, m); });
}

}  // namespace tlslab::messages

// ClientKeyExchange (RFC 5246 §7.4.7, RFC 8422 §5.7): the layout depends on the negotiated key
// exchange.
#pragma once

#include <string_view>

#include "tlslab/bytes.hpp"
#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"
#include "tlslab/messages/parse.hpp"
#include "tlslab/registry.hpp"

namespace tlslab::messages {

struct ClientKeyExchange {
  static constexpr HandshakeType kType = HandshakeType::client_key_exchange;
  static constexpr std::string_view kName = "ClientKeyExchange";
  registry::KeyExchange key_exchange = registry::KeyExchange::ecdhe;
  // rsa:   EncryptedPreMasterSecret, opaque <0..2^16-1> (TLS 1.0+ carries the length)
  // dhe:   ClientDiffieHellmanPublic dh_Yc<1..2^16-1> (explicit)
  // ecdhe: ClientECDiffieHellmanPublic ECPoint point<1..2^8-1>
  ByteView exchange_keys;

  static ClientKeyExchange parse(codec::Reader& r, registry::KeyExchange key_exchange);
  void serialize(codec::Writer& w) const;
};

}  // namespace tlslab::messages

// ServerKeyExchange (RFC 5246 §7.4.3, RFC 8422 §5.4) for the signed ephemeral exchanges tlslab
// knows: ECDHE over a named curve and finite-field DHE. The layout depends on the negotiated
// key exchange, so parsing takes it.
#pragma once

#include <cstdint>
#include <string_view>

#include "tlslab/bytes.hpp"
#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"
#include "tlslab/messages/parse.hpp"
#include "tlslab/registry.hpp"

namespace tlslab::messages {

struct ServerKeyExchange {
  static constexpr HandshakeType kType = HandshakeType::server_key_exchange;
  static constexpr std::string_view kName = "ServerKeyExchange";
  registry::KeyExchange key_exchange = registry::KeyExchange::ecdhe;

  // ECDHE: ServerECDHParams { ECParameters { curve_type = named_curve(3); NamedCurve }; ECPoint
  // public<1..2^8-1> }.
  std::uint8_t curve_type = 3;
  std::uint16_t named_curve = 0;
  ByteView public_key;

  // DHE: ServerDHParams { dh_p<1..2^16-1>; dh_g<1..2^16-1>; dh_Ys<1..2^16-1> }.
  ByteView dh_p, dh_g, dh_Ys;

  // The params exactly as received: what the signature covers, after client_random and
  // server_random (RFC 5246 §7.4.3, RFC 8422 §5.4).
  ByteView params;

  // DigitallySigned { SignatureAndHashAlgorithm algorithm; opaque signature<0..2^16-1> }.
  std::uint16_t signature_algorithm = 0;
  ByteView signature;

  // Only ecdhe and dhe have a ServerKeyExchange; an explicit curve (curve_type 1 or 2) is
  // illegal_parameter (RFC 8422 §5.4 deprecates them; no peer tlslab meets sends them).
  static ServerKeyExchange parse(codec::Reader& r, registry::KeyExchange key_exchange);
  // Writes params (from the fields, not from `params`) and the signature.
  void serialize(codec::Writer& w) const;
  // The params encoding of the fields (what serialize writes before the signature).
  Bytes encode_params() const;
};

}  // namespace tlslab::messages

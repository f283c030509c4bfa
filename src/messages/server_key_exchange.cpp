// ServerKeyExchange (RFC 5246 §7.4.3; RFC 8422 §5.4).
#include "tlslab/messages/server_key_exchange.hpp"

#include <string>

#include "tlslab/error.hpp"

namespace tlslab::messages {

using codec::Reader;
using codec::Writer;
using registry::KeyExchange;

namespace {
constexpr std::uint8_t kNamedCurve = 3;  // ECCurveType named_curve (RFC 8422 §5.4)
// ECPoint: opaque point<1..2^8-1> (RFC 8422 §5.4); ServerDHParams: dh_p, dh_g, dh_Ys
// <1..2^16-1> (RFC 5246 §7.4.3); digitally-signed: opaque signature<0..2^16-1> (§4.7).
constexpr auto kEcPoint = codec::Bounds::u8(1);
constexpr auto kDhValue = codec::Bounds::u16(1);
constexpr auto kSignature = codec::Bounds::u16();

std::string_view key_exchange_label(KeyExchange k) {
  switch (k) {
    case KeyExchange::rsa:
      return "RSA";
    case KeyExchange::dhe:
      return "DHE";
    case KeyExchange::ecdhe:
      return "ECDHE";
    case KeyExchange::other:
      break;
  }
  return "unsupported";
}
}  // namespace

ServerKeyExchange ServerKeyExchange::parse(Reader& r, KeyExchange key_exchange) {
  ServerKeyExchange m;
  m.key_exchange = key_exchange;
  const std::size_t params_start = r.data().size() - r.remaining();
  switch (key_exchange) {
    case KeyExchange::ecdhe:
      m.curve_type = r.u8("curve_type");
      if (m.curve_type != kNamedCurve) {
        r.fail(AlertDescription::illegal_parameter, "curve_type",
               "curve type " + std::to_string(m.curve_type) +
                   " is not named_curve(3) (explicit curves are deprecated, RFC 8422 §5.4)");
      }
      m.named_curve = r.u16("named_curve");
      m.public_key = r.opaque("public", kEcPoint);
      break;
    case KeyExchange::dhe:
      m.dh_p = r.opaque("dh_p", kDhValue);
      m.dh_g = r.opaque("dh_g", kDhValue);
      m.dh_Ys = r.opaque("dh_Ys", kDhValue);
      break;
    default:
      // RFC 5246 §7.4.3: static RSA sends no ServerKeyExchange.
      r.fail(AlertDescription::unexpected_message, {},
             "no ServerKeyExchange exists for the " +
                 std::string(key_exchange_label(key_exchange)) + " key exchange");
  }
  const std::size_t params_end = r.data().size() - r.remaining();
  m.params = r.data().subspan(params_start, params_end - params_start);
  m.signature_algorithm = r.u16("signature_algorithm");
  m.signature = r.opaque("signature", kSignature);
  r.expect_end();
  return m;
}

Bytes ServerKeyExchange::encode_params() const {
  Bytes out;
  Writer w(out);
  if (key_exchange == KeyExchange::ecdhe) {
    w.u8(curve_type);
    w.u16(named_curve);
    w.opaque("ServerKeyExchange.public", public_key, kEcPoint);
  } else if (key_exchange == KeyExchange::dhe) {
    w.opaque("ServerKeyExchange.dh_p", dh_p, kDhValue);
    w.opaque("ServerKeyExchange.dh_g", dh_g, kDhValue);
    w.opaque("ServerKeyExchange.dh_Ys", dh_Ys, kDhValue);
  } else {
    fail(AlertDescription::internal_error, "ServerKeyExchange: cannot encode params for the " +
                                               std::string(key_exchange_label(key_exchange)) +
                                               " key exchange");
  }
  return out;
}

void ServerKeyExchange::serialize(Writer& w) const {
  w.bytes(encode_params());
  w.u16(signature_algorithm);
  w.opaque("ServerKeyExchange.signature", signature, kSignature);
}
}  // namespace tlslab::messages

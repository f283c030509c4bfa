// ServerKeyExchange and ClientKeyExchange (RFC 5246 §7.4.3, §7.4.7; RFC 8422 §5.4, §5.7).
#include <string>

#include "tlslab/error.hpp"
#include "tlslab/messages/client_key_exchange.hpp"
#include "tlslab/messages/server_key_exchange.hpp"

namespace tlslab::messages {

using codec::Reader;
using codec::Writer;
using registry::KeyExchange;

namespace {
constexpr std::uint8_t kNamedCurve = 3;  // ECCurveType named_curve (RFC 8422 §5.4)

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
      m.public_key = r.opaque8("public", 1);
      break;
    case KeyExchange::dhe:
      m.dh_p = r.opaque16("dh_p", 1);
      m.dh_g = r.opaque16("dh_g", 1);
      m.dh_Ys = r.opaque16("dh_Ys", 1);
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
  m.signature = r.opaque16("signature");
  r.expect_end();
  return m;
}

ServerKeyExchange ServerKeyExchange::parse(ByteView body, KeyExchange key_exchange) {
  Reader r(body, "ServerKeyExchange");
  return parse(r, key_exchange);
}

Bytes ServerKeyExchange::encode_params() const {
  Bytes out;
  Writer w(out);
  if (key_exchange == KeyExchange::ecdhe) {
    w.u8(curve_type);
    w.u16(named_curve);
    w.opaque8("ServerKeyExchange.public", public_key, 1);
  } else if (key_exchange == KeyExchange::dhe) {
    w.opaque16("ServerKeyExchange.dh_p", dh_p, 1);
    w.opaque16("ServerKeyExchange.dh_g", dh_g, 1);
    w.opaque16("ServerKeyExchange.dh_Ys", dh_Ys, 1);
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
  w.opaque16("ServerKeyExchange.signature", signature);
}

ClientKeyExchange ClientKeyExchange::parse(Reader& r, KeyExchange key_exchange) {
  ClientKeyExchange m;
  m.key_exchange = key_exchange;
  switch (key_exchange) {
    case KeyExchange::rsa:
      m.exchange_keys = r.opaque16("encrypted_pre_master_secret");
      break;
    case KeyExchange::dhe:
      m.exchange_keys = r.opaque16("dh_Yc", 1);
      break;
    case KeyExchange::ecdhe:
      m.exchange_keys = r.opaque8("ecdh_Yc", 1);
      break;
    case KeyExchange::other:
      r.fail(AlertDescription::unexpected_message, {},
             "no ClientKeyExchange layout for an unsupported key exchange");
  }
  r.expect_end();
  return m;
}

ClientKeyExchange ClientKeyExchange::parse(ByteView body, KeyExchange key_exchange) {
  Reader r(body, "ClientKeyExchange");
  return parse(r, key_exchange);
}

void ClientKeyExchange::serialize(Writer& w) const {
  switch (key_exchange) {
    case KeyExchange::rsa:
      w.opaque16("ClientKeyExchange.encrypted_pre_master_secret", exchange_keys);
      return;
    case KeyExchange::dhe:
      w.opaque16("ClientKeyExchange.dh_Yc", exchange_keys, 1);
      return;
    case KeyExchange::ecdhe:
      w.opaque8("ClientKeyExchange.ecdh_Yc", exchange_keys, 1);
      return;
    case KeyExchange::other:
      break;
  }
  fail(AlertDescription::internal_error, "ClientKeyExchange: unsupported key exchange");
}

}  // namespace tlslab::messages

// ClientKeyExchange (RFC 5246 §7.4.7; RFC 8422 §5.7).
#include "tlslab/messages/client_key_exchange.hpp"

#include "tlslab/error.hpp"

namespace tlslab::messages {

using codec::Reader;
using codec::Writer;
using registry::KeyExchange;

namespace {
// RSA: opaque encrypted_pre_master_secret<0..2^16-1> (RFC 5246 §7.4.7.1); DHE: dh_Yc
// <1..2^16-1> (§7.4.7.2); ECDHE: ECPoint ecdh_Yc, opaque point<1..2^8-1> (RFC 8422 §5.7).
constexpr auto kEncryptedPreMasterSecret = codec::Bounds::u16();
constexpr auto kDhYc = codec::Bounds::u16(1);
constexpr auto kEcdhYc = codec::Bounds::u8(1);
}  // namespace

ClientKeyExchange ClientKeyExchange::parse(Reader& r, KeyExchange key_exchange) {
  ClientKeyExchange m;
  m.key_exchange = key_exchange;
  switch (key_exchange) {
    case KeyExchange::rsa:
      m.exchange_keys = r.opaque("encrypted_pre_master_secret", kEncryptedPreMasterSecret);
      break;
    case KeyExchange::dhe:
      m.exchange_keys = r.opaque("dh_Yc", kDhYc);
      break;
    case KeyExchange::ecdhe:
      m.exchange_keys = r.opaque("ecdh_Yc", kEcdhYc);
      break;
    case KeyExchange::other:
      r.fail(AlertDescription::unexpected_message, {},
             "no ClientKeyExchange layout for an unsupported key exchange");
  }
  r.expect_end();
  return m;
}

void ClientKeyExchange::serialize(Writer& w) const {
  switch (key_exchange) {
    case KeyExchange::rsa:
      w.opaque("ClientKeyExchange.encrypted_pre_master_secret", exchange_keys,
               kEncryptedPreMasterSecret);
      return;
    case KeyExchange::dhe:
      w.opaque("ClientKeyExchange.dh_Yc", exchange_keys, kDhYc);
      return;
    case KeyExchange::ecdhe:
      w.opaque("ClientKeyExchange.ecdh_Yc", exchange_keys, kEcdhYc);
      return;
    case KeyExchange::other:
      break;
  }
  fail(AlertDescription::internal_error, "ClientKeyExchange: unsupported key exchange");
}
}  // namespace tlslab::messages

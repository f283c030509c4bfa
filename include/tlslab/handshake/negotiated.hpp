// What a handshake agreed on, as the connection reports it (Connection::negotiated()).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "tlslab/pki/identity.hpp"

namespace tlslab::handshake {

struct Negotiated {
  std::uint16_t cipher_suite = 0;
  std::optional<std::uint16_t> group;             // (EC)DHE group
  std::optional<std::uint16_t> signature_scheme;  // of ServerKeyExchange
  std::string alpn;
  std::string server_name;
  bool extended_master_secret = false;
  bool encrypt_then_mac = false;
  bool resumed = false;
  bool client_certificate = false;        // the client authenticated with a certificate
  std::optional<pki::VerifiedPeer> peer;  // the peer's identity, when it sent one
};

}  // namespace tlslab::handshake

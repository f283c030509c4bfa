// The event stream a connection produces (ARCHITECTURE.md "connection"): what the trace and the
// CLI show, and what tests assert on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "tlslab/alert.hpp"
#include "tlslab/bytes.hpp"
#include "tlslab/registry.hpp"

namespace tlslab::handshake {

enum class Direction { sent, received };

// A handshake message, ChangeCipherSpec included, as it went over the wire.
struct MessageEvent {
  Direction direction = Direction::sent;
  std::uint8_t msg_type = 0;  // handshake type, or 0xff for ChangeCipherSpec
  std::string name;           // "ClientHello", "ChangeCipherSpec"
  Bytes raw;                  // the whole message (header + body); the byte 01 for CCS
  // Key exchange in force, so that raw can be parsed again for a trace.
  std::optional<registry::KeyExchange> key_exchange;
};

struct StateEvent {
  std::string from;
  std::string to;
  std::string input;  // "ServerHello", "ChangeCipherSpec", "start"
};

// A secret the key schedule derived (for people studying the handshake; wiped with the event).
struct SecretEvent {
  std::string label;  // "pre_master_secret", "master_secret", "extended_master_secret", ...
  SecretBytes value;
};

struct AlertEvent {
  Direction direction = Direction::sent;
  AlertLevel level = AlertLevel::fatal;
  AlertDescription description = AlertDescription::close_notify;
  std::string reason;  // the local reason (for alerts we send), empty for received ones
};

// The client's verdict on one configured identity for a CertificateRequest (RFC 5246 §7.4.4,
// §7.4.6): the first rule it fails, or that it was chosen. Identities after the chosen one are
// not examined (the first fit wins, in configuration order).
struct IdentityVerdict {
  enum class Outcome : std::uint8_t {
    chosen,
    certificate_type_not_requested,  // its ClientCertificateType is not in certificate_types
    no_common_signature_scheme,      // nothing both sides accept for its key
    issuer_not_named,                // no chain certificate is or is issued by a named CA
  };
  std::size_t index = 0;              // in ClientConfig::identities
  std::string subject;                // the leaf's, RFC 2253 ("" for an empty chain)
  std::string key_type;               // "RSA", "EC P-256", ...
  std::uint8_t certificate_type = 0;  // rsa_sign(1) or ecdsa_sign(64)
  Outcome outcome = Outcome::chosen;
  std::uint16_t signature_scheme = 0;  // chosen: what CertificateVerify signs with
};

// Certificate decisions: which client identity was chosen and why each other one was not, the
// verdict on the peer's chain, "no client certificate".
struct CertificateEvent {
  std::string decision;                     // "client identity", "server certificate accepted", ...
  std::string detail;                       // the same in words, for people
  std::optional<IdentityVerdict> identity;  // for "client identity" decisions about one identity
};

// Negotiated facts as they become known ("cipher_suite", "TLS_ECDHE_..."; "alpn", "h2").
struct NegotiatedEvent {
  std::string what;
  std::string value;
};

// One record as it crossed the wire: its header and fragment, and for protected records the
// plaintext inside. Only produced when CommonConfig::record_events is set (it copies every
// record).
struct RecordEvent {
  Direction direction = Direction::sent;
  std::uint8_t content_type = 0;
  std::uint16_t version = 0;
  Bytes fragment;                  // as on the wire (ciphertext when protected)
  std::optional<Bytes> plaintext;  // when the record was protected
  std::string protection;          // "null", "AES-128-GCM", ...
};

using Event = std::variant<MessageEvent, StateEvent, SecretEvent, AlertEvent, CertificateEvent,
                           NegotiatedEvent, RecordEvent>;

}  // namespace tlslab::handshake

// Configuration of each role (ARCHITECTURE.md "connection"): algorithms in preference order,
// identities, trust, client-authentication mode, ALPN, SNI, extended-master-secret policy, the
// clock and the crypto provider.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/provider.hpp"
#include "tlslab/handshake/session.hpp"
#include "tlslab/pki/identity.hpp"

namespace tlslab::handshake {

// Identities and peer verification are the PKI layer's (pki/identity.hpp); the configuration
// names them as its own.
using pki::ChainVerifier;
using pki::Identity;
using pki::Purpose;
using pki::VerifiedPeer;

enum class ClientAuth { none, optional, required };

// RFC 7627: `prefer` offers (client) / accepts (server) extended_master_secret but continues
// with a peer that does not; `require` aborts with handshake_failure; `off` never uses it.
enum class ExtendedMasterSecret { prefer, require, off };

using Clock = std::function<std::int64_t()>;  // seconds since the epoch
std::int64_t system_clock_now();

struct CommonConfig {
  std::shared_ptr<crypto::Provider> provider;     // required
  std::vector<std::uint16_t> cipher_suites;       // preference order; empty: the defaults
  std::vector<std::uint16_t> groups;              // NamedGroup; empty: x25519, P-256, P-384
  std::vector<std::uint16_t> signature_schemes;   // empty: the defaults
  std::vector<Identity> identities;               // ours (server: required; client: optional)
  std::shared_ptr<const ChainVerifier> verifier;  // null: peer chain not verified (loud)
  std::vector<std::string> alpn;                  // preference order
  ExtendedMasterSecret ems = ExtendedMasterSecret::prefer;
  Clock clock = system_clock_now;
  // Receives one NSS key-log line per master secret ("CLIENT_RANDOM <client_random>
  // <master_secret>", lower-case hex), for Wireshark and `tlslab replay`. Opt-in.
  std::function<void(const std::string& line)> keylog;
  // The event stream (Connection::take_events): messages, states, secrets, alerts and decisions,
  // for traces, the CLI and tests. Off by default, so that a connection nobody studies keeps no
  // copies of its messages and secrets. When on, at most max_events wait to be taken; further
  // ones are counted (Connection::dropped_events) instead of kept, so a peer that makes a
  // connection emit without end cannot grow it without bound.
  bool events = false;
  std::size_t max_events = 4096;
  // With events: also a RecordEvent per record sent and received (costs a copy per record).
  bool record_events = false;
  // RFC 8449: the largest protected-record plaintext we accept (64..16384), announced in the
  // record_size_limit extension; 0 does not send it. The peer's announced limit is honoured
  // whatever this says. A server answers a client's extension with this value, or 16384.
  std::uint16_t record_size_limit = 0;
};

struct ClientConfig : CommonConfig {
  std::string server_name;  // SNI and the name the server certificate must match
  // A session to resume (from Connection::session() of an earlier connection): its SessionID
  // and, when it has one, its ticket are offered. The server may still choose a full handshake.
  std::optional<Session> session;
  // Offer the session_ticket extension (RFC 5077 §3.2), as OpenSSL does by default.
  bool session_tickets = true;
  // RFC 6066 §4: ask for records of at most 2^(8+n) bytes (n = 1..4: 512..4096); 0: do not.
  // A server that also sees record_size_limit ignores this (RFC 8449 §5).
  std::uint8_t max_fragment_length = 0;
};

// What a server does with a server_name that none of its certificates is for (RFC 6066 §3).
enum class UnknownServerName {
  warn,    // a warning-level unrecognized_name, then the handshake goes on (the default)
  fatal,   // a fatal unrecognized_name
  ignore,  // nothing
};

struct ServerConfig : CommonConfig {
  ClientAuth client_auth = ClientAuth::none;
  UnknownServerName unknown_server_name = UnknownServerName::warn;
  // Choose the cipher suite by the client's order of preference instead of cipher_suites'.
  bool prefer_client_cipher_order = false;
  bool send_ca_names = true;  // CertificateRequest.certificate_authorities from the verifier
  // Resumption: by SessionID when a cache is given (full handshakes then get a fresh 32-byte
  // SessionID), by RFC 5077 ticket when ticket keys are given and the client offers the
  // extension. Neither: every handshake is a full one. Sessions older than session_lifetime
  // seconds are not resumed (7200, OpenSSL's default for TLS 1.2).
  std::shared_ptr<SessionCache> session_cache;
  std::shared_ptr<TicketKeys> ticket_keys;
  std::int64_t session_lifetime = 7200;
};

std::vector<std::uint16_t> default_cipher_suites();
std::vector<std::uint16_t> default_groups();
std::vector<std::uint16_t> default_signature_schemes();

}  // namespace tlslab::handshake

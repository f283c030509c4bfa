// Session resumption (RFC 5246 §7.3, RFC 5077): what an established session keeps so that a later
// connection can skip the key exchange and the certificates, the server's session-ID cache, and
// the keys that protect session tickets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/provider.hpp"

namespace tlslab::handshake {

// The state both sides keep of a session (RFC 5246 §7.1 "session state"; RFC 5077 §4 lists what
// a ticket carries). The peer's certificate chain is kept so that a resumed connection still
// knows who the peer is — in particular the server knows the client's identity without a new
// Certificate/CertificateVerify.
struct Session {
  std::uint16_t cipher_suite = 0;
  SecretBytes master_secret;  // 48 bytes
  bool extended_master_secret = false;
  Bytes session_id;  // the server's SessionID (may be empty when the session lives in a ticket)
  Bytes ticket;      // client side: the RFC 5077 ticket to present, if the server issued one
  std::uint32_t ticket_lifetime_hint = 0;  // seconds, from NewSessionTicket (0: unspecified)
  std::int64_t established_at = 0;         // seconds since the epoch, by the config's clock
  std::string server_name;                 // the SNI of the original handshake
  bool client_certificate = false;         // the client authenticated with a certificate
  std::vector<Bytes> peer_chain;           // DER, leaf first, as the original handshake saw it
  std::string peer_subject;                // RFC 2253, as path validation reported it
  std::vector<std::string> peer_chain_subjects;

  // A self-describing encoding (a version byte, then TLS-style fields), for tickets and for
  // clients that save a session between processes (`tlslab client --sess-out`). The result holds
  // the master secret: keep it secret. decode() throws Error(decode_error) naming the field.
  SecretBytes encode() const;
  static Session decode(ByteView bytes);
};

// The server's session-ID cache. Implementations must be safe to share between connections on
// several threads.
class SessionCache {
 public:
  virtual ~SessionCache() = default;
  virtual void store(const Session& session) = 0;  // keyed by session.session_id
  virtual std::optional<Session> find(ByteView session_id) = 0;
  virtual void erase(ByteView session_id) = 0;
};

// An in-memory cache of at most `capacity` sessions; the least recently stored is evicted first
// (OpenSSL's default cache holds 20480 sessions; 1024 suits a study tool).
std::shared_ptr<SessionCache> make_session_cache(std::size_t capacity = 1024);

// The keys that protect session tickets (RFC 5077 §4 recommends a key name, an encryption key
// and integrity protection; tlslab uses an AEAD, which gives both). A ticket is
//   key_name[16] || nonce[12] || AES-256-GCM(session.encode(), aad = key_name) || tag[16].
// rotate() makes a new current key and keeps the `keep_previous` older ones for opening only, so
// tickets issued shortly before a rotation still resume (and are then renewed).
class TicketKeys {
 public:
  static constexpr std::size_t kKeyNameSize = 16;

  explicit TicketKeys(std::shared_ptr<crypto::Provider> provider, std::size_t keep_previous = 1);
  ~TicketKeys();
  TicketKeys(const TicketKeys&) = delete;
  TicketKeys& operator=(const TicketKeys&) = delete;

  void rotate();
  Bytes seal(const Session& session);

  struct Opened {
    Session session;
    bool renew = false;  // sealed under an older key: issue a fresh ticket
  };
  // nullopt when the key name is unknown (rotated out, another server's) or the ticket does not
  // authenticate or decode: RFC 5077 §3.4 says the server then falls back to a full handshake.
  std::optional<Opened> open(ByteView ticket);

  Bytes current_key_name() const;

 private:
  struct Key;
  std::shared_ptr<crypto::Provider> provider_;
  std::size_t keep_previous_;
  mutable std::mutex mutex_;
  std::deque<std::unique_ptr<Key>> keys_;  // front: current
};

}  // namespace tlslab::handshake

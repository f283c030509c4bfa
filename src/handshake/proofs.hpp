// Internal: proof, not booleans. Each check that must pass before application data flows
// returns a move-only token that only the checking code (Verify, below) can make, and the
// traffic state is built from one token of each kind — as rustls's ServerCertVerified,
// HandshakeSignatureValid and FinishedMessageVerified do. A handler cannot "set the flag"
// without running the check, and a path that skips one cannot reach Traffic.
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/provider.hpp"
#include "tlslab/handshake/config.hpp"
#include "tlslab/handshake/key_schedule.hpp"
#include "tlslab/handshake/session.hpp"

namespace tlslab::handshake::detail {

struct Verify;

// A proof's common shape: move-only, made by Verify only, and saying how it was obtained
// ("chain verified", "resumed session", ...) for the trace.
template <class Tag>
class Proof {
 public:
  Proof(Proof&&) noexcept = default;
  Proof& operator=(Proof&&) noexcept = default;
  Proof(const Proof&) = delete;
  Proof& operator=(const Proof&) = delete;
  std::string_view how() const noexcept { return how_; }

 private:
  explicit Proof(std::string_view how) noexcept : how_(how) {}
  std::string_view how_;  // a literal
  friend struct Verify;
};

// The peer's chain passed the configured verifier (an intermediate step on the server, which
// still needs the client's CertificateVerify).
using ChainVerified = Proof<struct ChainVerifiedTag>;
// Who the peer is, settled: the server's chain verified; the client's chain verified and its
// CertificateVerify checked, or no client certificate where none is required; a client
// configured without trust anchors accepting the server unverified (said loudly); a resumed
// session whose full handshake settled it.
using PeerAuthenticated = Proof<struct PeerAuthenticatedTag>;
// The key exchange is bound to the peer's key: the ServerKeyExchange signature checked (client);
// RSA key transport, where only the holder of the certificate's key can decrypt the premaster
// and the server's Finished shows it did; our own signature (server).
using KeyExchangeBound = Proof<struct KeyExchangeBoundTag>;
// The peer's Finished matched the transcript (RFC 5246 §7.4.9).
using FinishedVerified = Proof<struct FinishedVerifiedTag>;

// What the traffic state requires: one proof of each kind, consumed.
class Authenticated {
 public:
  Authenticated(PeerAuthenticated peer, KeyExchangeBound key_exchange, FinishedVerified finished)
      : peer_(std::move(peer)),
        key_exchange_(std::move(key_exchange)),
        finished_(std::move(finished)) {}
  std::string_view peer() const noexcept { return peer_.how(); }
  std::string_view key_exchange() const noexcept { return key_exchange_.how(); }

 private:
  PeerAuthenticated peer_;
  KeyExchangeBound key_exchange_;
  FinishedVerified finished_;
};

// The checking code: each function runs its check (throwing the protocol's alert when it fails)
// and only then hands out the proof.
struct Verify {
  // The configured verifier accepts `chain` for `purpose` (and `host_name`, when given) at `now`.
  static std::pair<ChainVerified, pki::VerifiedPeer> chain(const ChainVerifier& verifier,
                                                           const std::vector<ByteView>& chain,
                                                           Purpose purpose,
                                                           const std::string& host_name,
                                                           std::int64_t now);
  // Client side: the server's verified chain is who it is.
  static PeerAuthenticated server(ChainVerified chain) noexcept;
  // Client side, no verifier configured: the caller chose not to verify (the event says NOT
  // verified). internal_error if a verifier is configured.
  static PeerAuthenticated server_unverified(const CommonConfig& config);
  // Server side: the client's CertificateVerify signs the transcript so far with the key of its
  // verified chain (RFC 5246 §7.4.8). decrypt_error when it does not verify.
  static PeerAuthenticated client(ChainVerified chain, const crypto::PublicKey& key,
                                  crypto::SignatureScheme scheme, ByteView handshake_messages,
                                  ByteView signature);
  // Server side: no client certificate, and none is required (not requested, or an optional one
  // not sent). handshake_failure when one is required.
  static PeerAuthenticated no_client_certificate(ClientAuth client_auth);

  // Client side: the ServerKeyExchange signature over client_random + server_random + params
  // (RFC 5246 §7.4.3). decrypt_error when it does not verify.
  static KeyExchangeBound server_key_exchange(const crypto::PublicKey& key,
                                              crypto::SignatureScheme scheme, ByteView signed_data,
                                              ByteView signature);
  // Client side, RSA key exchange: nothing is signed; the premaster is encrypted to the
  // certificate's key, so the server's Finished can only be right if it holds that key.
  static KeyExchangeBound rsa_key_transport() noexcept;
  // Server side: we signed the ServerKeyExchange, or decrypt the client's premaster ourselves.
  static KeyExchangeBound our_key_exchange() noexcept;

  // The peer's verify_data equals what the transcript gives, compared in constant time;
  // decrypt_error otherwise.
  static FinishedVerified finished(Sender peer, ByteView received,
                                   const std::array<std::uint8_t, 12>& expected);

  // An abbreviated handshake (RFC 5246 §7.3): the full handshake that established `session`
  // settled the peer and the key exchange; only the Finished messages remain.
  static std::pair<PeerAuthenticated, KeyExchangeBound> resumed(const Session& session) noexcept;
};

}  // namespace tlslab::handshake::detail

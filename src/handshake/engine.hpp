// Internal: what both roles share — the record layer of one connection (deframing, protection,
// output), the transcript, the event stream and the state-machine plumbing. The role machines
// (client.cpp, server.cpp) hold the protocol logic.
#pragma once

#include <algorithm>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "proofs.hpp"
#include "tlslab/error.hpp"
#include "tlslab/handshake/config.hpp"
#include "tlslab/handshake/events.hpp"
#include "tlslab/handshake/key_schedule.hpp"
#include "tlslab/handshake/negotiated.hpp"
#include "tlslab/handshake/session.hpp"
#include "tlslab/handshake/transcript.hpp"
#include "tlslab/messages/handshake.hpp"
#include "tlslab/record/channel.hpp"

namespace tlslab::handshake::detail {

// The inputs of the state machines: every handshake message type, ChangeCipherSpec and
// application data (ARCHITECTURE.md "The state machine"). One list makes both the enum and
// kAllInputs, so they cannot drift apart.
#define TLSLAB_HANDSHAKE_INPUTS(X) \
  X(hello_request, 0)              \
  X(client_hello, 1)               \
  X(server_hello, 2)               \
  X(new_session_ticket, 4)         \
  X(certificate, 11)               \
  X(server_key_exchange, 12)       \
  X(certificate_request, 13)       \
  X(server_hello_done, 14)         \
  X(certificate_verify, 15)        \
  X(client_key_exchange, 16)       \
  X(finished, 20)                  \
  X(change_cipher_spec, 0x100)     \
  X(application_data, 0x101)

enum class Input : std::uint16_t {
#define TLSLAB_INPUT_ENUMERATOR(name, value) name = value,
  TLSLAB_HANDSHAKE_INPUTS(TLSLAB_INPUT_ENUMERATOR)
#undef TLSLAB_INPUT_ENUMERATOR
};
inline constexpr Input kAllInputs[] = {
#define TLSLAB_INPUT_ITEM(name, value) Input::name,
    TLSLAB_HANDSHAKE_INPUTS(TLSLAB_INPUT_ITEM)
#undef TLSLAB_INPUT_ITEM
};
std::string_view input_name(Input i) noexcept;
std::optional<Input> input_for_message(std::uint8_t msg_type) noexcept;

struct Incoming {
  Input input;
  const messages::Message* message = nullptr;  // null for CCS and application data
  ByteView raw;                                // the whole message as received
};

class Engine {
 public:
  Engine(CommonConfig& config, bool is_client);

  CommonConfig& config;
  crypto::Provider& provider;
  const bool is_client;

  // ---- record layer ----
  record::Channel channel;
  Bytes application_data;
  void apply_max_fragment_length(std::size_t limit);
  void apply_record_size_limits(std::size_t ours, std::size_t peers);

  // ---- handshake ----
  Transcript transcript;
  messages::ParseContext parse_context;
  Negotiated negotiated;
  const registry::CipherSuiteInfo* suite = nullptr;
  Random client_random{};
  Random server_random{};
  SecretBytes master_secret;
  std::array<std::uint8_t, 12> client_verify_data{};
  std::array<std::uint8_t, 12> server_verify_data{};

  // The proofs the traffic state is built from (proofs.hpp), each put here by the code that
  // ran its check, and consumed by enter_traffic().
  std::optional<PeerAuthenticated> peer_authenticated;
  std::optional<KeyExchangeBound> key_exchange_bound;
  std::optional<FinishedVerified> peer_finished;
  // Set once, from the three proofs, on entering the traffic state.
  std::optional<Authenticated> authenticated;
  // Builds `authenticated` from the proofs; internal_error if one is missing.
  void enter_traffic();
  bool in_traffic() const noexcept { return authenticated.has_value(); }

  // ---- status ----
  std::optional<Error> error;
  bool peer_closed = false;
  bool closed_sent = false;
  unsigned warning_alerts_in_a_row = 0;  // reset by any non-empty record of another type
  std::vector<Event> events;

  // Serialises `m`, adds it to the transcript, records the event and queues it in records.
  void send(const messages::Message& m);
  void send_change_cipher_spec();
  void send_alert(AlertLevel level, AlertDescription description, const std::string& reason);
  void send_application_data(ByteView data);
  // Splits `data` into records under the current write state (record::Channel::send), tracing
  // each when the configuration asks for record events.
  void send_records(record::ContentType type, ByteView data);

  // Events are kept only when the configuration asks (CommonConfig::events), and at most
  // max_events of them; one that does not fit is counted in dropped_events.
  std::size_t dropped_events = 0;
  bool keep_event() noexcept {
    if (!config.events) return false;
    if (events.size() >= config.max_events) {
      ++dropped_events;
      return false;
    }
    return true;
  }
  template <class T>
  void emit(T&& e) {
    if (keep_event()) events.emplace_back(std::in_place_type<std::decay_t<T>>, std::forward<T>(e));
  }
  // For events that copy bytes (messages, records, secrets): `make` runs only if it is kept.
  template <class Make>
  void emit_with(Make&& make) {
    if (keep_event()) events.emplace_back(make());
  }
  void emit_secret(std::string label, ByteView value);
  void emit_negotiated(std::string what, std::string value);
  void emit_certificate(std::string decision, std::string detail);

  // Derives the master secret — extended (RFC 7627 §4) when negotiated, over the transcript as
  // it stands, which must end with ClientKeyExchange — the key block and the pending
  // protections, emitting the secrets.
  void derive_keys(ByteView pre_master_secret);
  // An abbreviated handshake (RFC 5246 §7.3): the resumed session's master secret with this
  // connection's randoms gives the key block. Also restores what the session knew of the peer,
  // with the proofs that its full handshake settled the peer and the key exchange.
  void resume_keys(const Session& session);
  // The session this handshake established (or resumed), filled in as the handshake goes.
  Session session;
  std::array<std::uint8_t, 12> compute_verify_data(Sender sender) const;
  // The peer's ChangeCipherSpec: its records are protected from now on (RFC 5246 §7.1).
  void activate_pending_read();
  // Checks the peer's Finished against the transcript before it (decrypt_error otherwise), then
  // adds it to the transcript and keeps the proof.
  void check_peer_finished(Sender peer, ByteView verify_data, ByteView raw);
  // Validates the peer's chain with the configured verifier and returns the leaf's public key
  // with the proof; keeps the chain in `session` and the peer in `negotiated`. Without a
  // verifier (a client configured so; a server cannot be) the leaf's key is taken and the
  // event says loudly that nothing was verified: the proof is then the one
  // Verify::server_unverified gives, and `verified` is empty.
  struct PeerChain {
    std::shared_ptr<const crypto::PublicKey> key;
    std::optional<ChainVerified> verified;
  };
  PeerChain accept_peer_chain(const std::vector<ByteView>& chain, Purpose purpose,
                              const std::string& host_name, std::int64_t now);

  // Bytes that belong to one outgoing message's extension bodies; cleared after each send.
  ByteView keep(Bytes bytes);

 private:
  void derive_key_block();
  std::deque<Bytes> scratch_;
};

inline bool contains(const std::vector<std::uint16_t>& v, std::uint16_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// An extension body's encoding.
template <class T>
Bytes encode(const T& body) {
  Bytes out;
  codec::Writer w(out);
  body.serialize(w);
  return out;
}

// "0xc02b TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"-style labels.
std::string suite_label(std::uint16_t code);
std::string group_label(std::uint16_t code);
std::string scheme_label(std::uint16_t code);

}  // namespace tlslab::handshake::detail

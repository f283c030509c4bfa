// Internal: the two role state machines. Each has an explicit State enum and one table of the
// allowed (state, input) pairs with their handlers (ARCHITECTURE.md "The state machine"); any
// pair not in the table is unexpected_message, checked before the message is even parsed.
#pragma once

#include <array>
#include <memory>
#include <span>
#include <string_view>

#include "certificates.hpp"
#include "engine.hpp"

namespace tlslab::handshake::detail {

// The states a handler may answer with: each table row declares them, the dispatcher refuses
// any other answer (internal_error), and the exported table draws them.
template <class State>
struct NextStates {
  std::array<State, 3> states{};
  std::size_t count = 0;

  constexpr bool contains(State s) const noexcept {
    for (std::size_t i = 0; i < count; ++i)
      if (states[i] == s) return true;
    return false;
  }
};

template <class State, class... More>
constexpr NextStates<State> next(State first, More... more) noexcept {
  static_assert(sizeof...(More) < 3, "at most three next states per row");
  return {{first, more...}, 1 + sizeof...(More)};
}

template <class Machine>
struct Transition {
  typename Machine::State state;
  Input input;
  typename Machine::State (Machine::*handler)(const Incoming&);
  NextStates<typename Machine::State> next;
};

// One list per role makes the State enum, kAllStates and the names the trace and diagrams use.
#define TLSLAB_CLIENT_STATES(X)                                           \
  X(start, "Start")                                                       \
  X(expect_server_hello, "ExpectServerHello")                             \
  X(expect_certificate, "ExpectCertificate")                              \
  X(expect_server_key_exchange, "ExpectServerKeyExchange")                \
  X(expect_certificate_request_or_done, "ExpectCertificateRequestOrDone") \
  X(expect_server_hello_done, "ExpectServerHelloDone")                    \
  X(expect_new_session_ticket, "ExpectNewSessionTicket")                  \
  X(expect_change_cipher_spec, "ExpectChangeCipherSpec")                  \
  X(expect_finished, "ExpectFinished")                                    \
  X(traffic, "Traffic")

#define TLSLAB_SERVER_STATES(X)                            \
  X(expect_client_hello, "ExpectClientHello")              \
  X(expect_certificate, "ExpectCertificate")               \
  X(expect_client_key_exchange, "ExpectClientKeyExchange") \
  X(expect_certificate_verify, "ExpectCertificateVerify")  \
  X(expect_change_cipher_spec, "ExpectChangeCipherSpec")   \
  X(expect_finished, "ExpectFinished")                     \
  X(traffic, "Traffic")

#define TLSLAB_STATE_ENUMERATOR(name, text) name,
#define TLSLAB_STATE_ITEM(name, text) State::name,
#define TLSLAB_STATE_NAME(name, text) \
  case State::name:                   \
    return text;

class ClientMachine {
 public:
  enum class State { TLSLAB_CLIENT_STATES(TLSLAB_STATE_ENUMERATOR) };
  static constexpr State kAllStates[] = {TLSLAB_CLIENT_STATES(TLSLAB_STATE_ITEM)};
  static std::string_view state_name(State s) noexcept;
  static std::span<const Transition<ClientMachine>> table() noexcept;

  explicit ClientMachine(ClientConfig config);
  ClientConfig config;
  Engine engine;
  State state = State::start;

  void start();

  State on_server_hello(const Incoming& in);
  State on_certificate(const Incoming& in);
  State on_server_key_exchange(const Incoming& in);
  State on_certificate_request(const Incoming& in);
  State on_server_hello_done(const Incoming& in);
  State on_new_session_ticket(const Incoming& in);
  State on_change_cipher_spec(const Incoming& in);
  State on_finished(const Incoming& in);
  State on_hello_request(const Incoming& in);
  State on_application_data(const Incoming& in);

 private:
  void send_client_flight();
  State resume(const messages::ServerHello& sh);
  void negotiate_record_limits(const messages::ServerHello& sh);

  std::vector<std::uint16_t> offered_suites_;
  std::vector<std::uint16_t> offered_groups_;
  std::vector<std::uint16_t> offered_schemes_;
  std::vector<std::uint16_t> offered_extensions_;
  bool offered_ems_ = false;
  bool offered_etm_ = false;
  std::shared_ptr<const crypto::PublicKey> server_key_;
  Bytes server_share_;  // the server's (EC)DH public value
  std::uint16_t server_group_ = 0;
  std::vector<IdentityFacts> identity_facts_;  // one per config.identities, read once
  // Decided when a CertificateRequest arrives (none: no Certificate is sent): which identity
  // (none: an empty Certificate) signs CertificateVerify with which scheme.
  std::optional<IdentityChoice> identity_choice_;
  bool expect_ticket_ = false;
  Bytes offered_session_id_;  // non-empty when a session is offered for resumption
  bool resumed_ = false;
};

class ServerMachine {
 public:
  enum class State { TLSLAB_SERVER_STATES(TLSLAB_STATE_ENUMERATOR) };
  static constexpr State kAllStates[] = {TLSLAB_SERVER_STATES(TLSLAB_STATE_ITEM)};
  static std::string_view state_name(State s) noexcept;
  static std::span<const Transition<ServerMachine>> table() noexcept;

  explicit ServerMachine(ServerConfig config);
  ServerConfig config;
  Engine engine;
  State state = State::expect_client_hello;

  State on_client_hello(const Incoming& in);
  State on_certificate(const Incoming& in);
  State on_client_key_exchange(const Incoming& in);
  State on_certificate_verify(const Incoming& in);
  State on_change_cipher_spec(const Incoming& in);
  State on_finished(const Incoming& in);
  State on_renegotiation_attempt(const Incoming& in);
  State on_application_data(const Incoming& in);

 private:
  // A session the client offered (ticket first, then SessionID) that may be resumed, or
  // nullopt with the reason emitted. Throws for the one case that must abort (RFC 7627 §5.3).
  std::optional<TicketKeys::Opened> find_resumable(const messages::ClientHello& ch,
                                                   bool client_ems);
  void send_abbreviated_flight(const messages::ClientHello& ch, const TicketKeys::Opened& found);
  void send_server_finished();
  // The steps of a full handshake's ClientHello (RFC 5246 §7.4.1.2 to §7.4.5):
  // What the client supports (signature_algorithms into client_schemes_, ec_point_formats
  // checked); returns its groups (P-256 alone without supported_groups, RFC 8422 §4).
  std::vector<std::uint16_t> read_client_offer(const messages::ClientHello& ch);
  // Suite, identity and signature scheme (engine.suite, identity_, ske_scheme_); returns the
  // group (0 for RSA key exchange). handshake_failure / insufficient_security when none fits.
  std::uint16_t choose_parameters(const messages::ClientHello& ch,
                                  const std::vector<std::uint16_t>& client_groups);
  void send_server_hello(const messages::ClientHello& ch, bool client_ems);
  void send_certificate();
  void send_server_key_exchange(std::uint16_t group);
  void send_certificate_request();
  // A ServerHello for engine.suite with a fresh server_random (RFC 5246 §7.4.1.3).
  messages::ServerHello new_server_hello();
  // The protocol chosen from the client's ALPN list (our preference first), encoded as the
  // ServerHello extension body; no_application_protocol when there is none in common.
  std::optional<Bytes> choose_alpn(const messages::ClientHello& ch);
  // max_fragment_length / record_size_limit answers for the ServerHello (and the limits set).
  void negotiate_record_limits(const messages::ClientHello& ch,
                               std::vector<messages::Extension>& out);

  const Identity* identity_ = nullptr;
  bool resumed_ = false;
  bool issue_ticket_ = false;
  Bytes session_id_;
  std::uint16_t ske_scheme_ = 0;
  std::unique_ptr<crypto::KeyShare> share_;
  std::vector<std::uint16_t> client_schemes_;
  bool requested_certificate_ = false;
  std::shared_ptr<const crypto::PublicKey> client_key_;
  std::optional<ChainVerified> client_chain_;  // until its CertificateVerify is checked
  std::uint16_t client_version_ = 0;
  std::string host_name_;  // the client's server_name host_name, "" without one
  void check_server_name();
};

}  // namespace tlslab::handshake::detail

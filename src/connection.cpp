// The connection: the record loop that feeds the role state machine, and the public API.
#include "tlslab/connection.hpp"

#include <exception>
#include <new>
#include <variant>

#include "handshake/machines.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/handshake/state_table.hpp"

namespace tlslab {

using handshake::detail::ClientMachine;
using handshake::detail::Engine;
using handshake::detail::Incoming;
using handshake::detail::Input;
using handshake::detail::ServerMachine;

// Warning alerts accepted in a row before the connection fails: OpenSSL allows 4 (the fifth is
// fatal), which is what tlsfuzzer's test-ssl-death-alert.py expects.
constexpr unsigned kMaxWarningAlertsInARow = 4;

struct Connection::Impl {
  std::variant<ClientMachine, ServerMachine> machine;

  template <class... Args>
  explicit Impl(Args&&... args) : machine(std::forward<Args>(args)...) {}

  Engine& engine() {
    return std::visit([](auto& m) -> Engine& { return m.engine; }, machine);
  }
  std::string state_name() {
    return std::visit([](auto& m) { return std::string(m.state_name(m.state)); }, machine);
  }

  // Runs `input` through the role's table: a pair that is not there is unexpected_message
  // before anything is parsed; otherwise `parse` builds the message and the handler runs.
  template <class Machine, class Parse>
  void dispatch(Machine& m, Input input, ByteView raw, Parse&& parse) {
    const auto from = m.state;
    const handshake::detail::Transition<Machine>* found = nullptr;
    for (const auto& t : Machine::table()) {
      if (t.state == from && t.input == input) found = &t;
    }
    if (found == nullptr) {
      fail(AlertDescription::unexpected_message, std::string(handshake::detail::input_name(input)) +
                                                     " is not expected in state " +
                                                     std::string(Machine::state_name(from)));
    }
    Engine& e = m.engine;
    std::optional<messages::Message> message = parse();
    if (message) {
      e.emit_with([&] {
        return handshake::MessageEvent{handshake::Direction::received,
                                       static_cast<std::uint8_t>(input),
                                       std::string(handshake::detail::input_name(input)),
                                       Bytes(raw.begin(), raw.end()), e.parse_context.key_exchange};
      });
      // CertificateVerify and Finished are checked against the transcript before them; their
      // handlers add them. HelloRequest is never part of it (RFC 5246 §7.4.1.1).
      if (input != Input::certificate_verify && input != Input::finished &&
          input != Input::hello_request) {
        e.transcript.add(raw);
      }
    } else if (input == Input::change_cipher_spec) {
      e.emit(handshake::MessageEvent{handshake::Direction::received, 0xff, "ChangeCipherSpec",
                                     Bytes{1}, std::nullopt});
    }
    const Incoming in{input, message ? &*message : nullptr, raw};
    const auto to = (m.*(found->handler))(in);
    if (!found->next.contains(to)) {
      fail(AlertDescription::internal_error,
           "the handler of " + std::string(handshake::detail::input_name(input)) + " in state " +
               std::string(Machine::state_name(from)) + " answered " +
               std::string(Machine::state_name(to)) + ", which its table row does not name");
    }
    m.state = to;
    if (to != from) {
      e.emit(handshake::StateEvent{std::string(Machine::state_name(from)),
                                   std::string(Machine::state_name(to)),
                                   std::string(handshake::detail::input_name(input))});
    }
    if (to == Machine::State::traffic && !e.in_traffic()) {
      // Application data needs proof of the peer, the key exchange and the Finished
      // (proofs.hpp).
      e.enter_traffic();
      e.emit_negotiated("handshake", "complete");
    }
  }

  void on_handshake_message(ByteView raw) {
    const std::uint8_t type = raw[0];
    const auto input = handshake::detail::input_for_message(type);
    if (!input) {
      fail(AlertDescription::unexpected_message,
           "handshake message " + registry::describe_u8(type, registry::handshake_type_name(type)) +
               " has no place in TLS 1.2");
    }
    std::visit(
        [&](auto& m) {
          dispatch(m, *input, raw, [&]() -> std::optional<messages::Message> {
            return messages::parse_message(type, raw.subspan(4), m.engine.parse_context);
          });
        },
        machine);
  }

  void on_simple(Input input, ByteView data) {
    std::visit(
        [&](auto& m) {
          dispatch(m, input, data, []() -> std::optional<messages::Message> { return {}; });
        },
        machine);
  }

  // One thing the record layer gave: a record (traced, and the warning-alert count reset), a
  // handshake message, ChangeCipherSpec or application data (through the table), an alert.
  void on_inbound(const record::Inbound& in) {
    Engine& e = engine();
    using Kind = record::Inbound::Kind;
    switch (in.kind) {
      case Kind::record: {
        const auto& r = in.record;
        if (e.config.record_events) {
          e.emit_with([&] {
            handshake::RecordEvent event;
            event.direction = handshake::Direction::received;
            event.content_type = r.type;
            event.version = r.version;
            event.fragment.assign(r.ciphertext.begin(), r.ciphertext.end());
            if (r.is_protected) event.plaintext = Bytes(r.plaintext.begin(), r.plaintext.end());
            event.protection = std::string(r.protection);
            return event;
          });
        }
        if (static_cast<record::ContentType>(r.type) != record::ContentType::alert &&
            !r.plaintext.empty()) {
          e.warning_alerts_in_a_row = 0;
        }
        return;
      }
      case Kind::handshake_message:
        on_handshake_message(in.data);
        return;
      case Kind::change_cipher_spec:
        on_simple(Input::change_cipher_spec, in.data);
        return;
      case Kind::application_data:
        on_simple(Input::application_data, in.data);
        return;
      case Kind::alert: {
        const auto& a = in.alert;
        e.emit(handshake::AlertEvent{handshake::Direction::received, a.level, a.description, {}});
        if (a.description == AlertDescription::close_notify) {
          e.peer_closed = true;
        } else if (a.level == AlertLevel::fatal) {
          e.error = Error(a.description, "the peer sent a fatal " +
                                             std::string(alert_label(a.description)) + " alert");
        } else if (++e.warning_alerts_in_a_row > kMaxWarningAlertsInARow) {
          // A peer may otherwise send warning alerts forever and keep the connection (and
          // this loop) busy without progress (CVE-2016-8610, "SSL Death Alert"): after a few
          // in a row with nothing else between them, the connection ends.
          fail(AlertDescription::unexpected_message,
               "Alert: " + std::to_string(e.warning_alerts_in_a_row) +
                   " warning alerts in a row (at most " + std::to_string(kMaxWarningAlertsInARow) +
                   ")");
        }
        return;
      }
    }
  }

  void feed(ByteView bytes) {
    Engine& e = engine();
    if (e.error || e.peer_closed) return;
    try {
      e.channel.feed(bytes);
      while (auto in = e.channel.next()) {
        on_inbound(*in);
        if (e.error || e.peer_closed) return;
      }
    } catch (const Error& err) {
      fail_with(e, err);
    } catch (const std::bad_alloc&) {
      // Every length the peer controls is bounded before anything is allocated, so this is
      // the process running out of memory, not a hostile size: still only this connection ends.
      fail_with(e, Error(AlertDescription::internal_error, "out of memory"));
    } catch (const std::exception& ex) {
      // A library below us (Crypto++, the standard library) threw: a bug or an input its
      // checks caught before ours. The peer gets internal_error and the process goes on
      // (issue 12: no input ends the process).
      fail_with(e, Error(AlertDescription::internal_error,
                         std::string("internal error while processing the peer's records: ") +
                             ex.what()));
    } catch (...) {
      fail_with(e, Error(AlertDescription::internal_error,
                         "internal error while processing the peer's records"));
    }
  }

  // Records `err` and queues its fatal alert; an error while queueing the alert (its
  // protection failing) leaves the error recorded and the alert unsent.
  static void fail_with(Engine& e, const Error& err) noexcept {
    e.error = err;
    try {
      e.send_alert(AlertLevel::fatal, err.alert(), err.reason());
    } catch (...) {
    }
  }
};

Connection::Connection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Connection::~Connection() = default;

std::unique_ptr<Connection> Connection::client(handshake::ClientConfig config) {
  if (!config.provider) fail(AlertDescription::internal_error, "client configuration: no provider");
  return std::unique_ptr<Connection>(
      new Connection(std::make_unique<Impl>(std::in_place_type<ClientMachine>, std::move(config))));
}

std::unique_ptr<Connection> Connection::server(handshake::ServerConfig config) {
  if (!config.provider) fail(AlertDescription::internal_error, "server configuration: no provider");
  if (config.identities.empty()) {
    fail(AlertDescription::internal_error, "server configuration: no identity");
  }
  if (config.client_auth != handshake::ClientAuth::none && !config.verifier) {
    // A client certificate nobody checks authenticates nothing: asking for one without trust
    // anchors is a mistake in the configuration, not something to accept unverified.
    fail(AlertDescription::internal_error,
         "server configuration: client authentication (optional or required) needs a verifier "
         "(trust anchors for client certificates)");
  }
  return std::unique_ptr<Connection>(
      new Connection(std::make_unique<Impl>(std::in_place_type<ServerMachine>, std::move(config))));
}

void Connection::start() {
  auto* client = std::get_if<ClientMachine>(&impl_->machine);
  if (client == nullptr || client->state != ClientMachine::State::start) return;
  Engine& e = client->engine;
  try {
    client->start();
    e.emit(handshake::StateEvent{"Start", "ExpectServerHello", "start"});
  } catch (const Error& err) {
    e.error = err;
  } catch (const std::exception& ex) {
    e.error = Error(AlertDescription::internal_error,
                    std::string("internal error while starting the handshake: ") + ex.what());
  }
}

void Connection::feed(ByteView bytes) {
  impl_->feed(bytes);
}

Bytes Connection::take_output() {
  Bytes out;
  out.swap(impl_->engine().channel.output());
  return out;
}

void Connection::write(ByteView data) {
  Engine& e = impl_->engine();
  if (!e.in_traffic() || e.error || e.closed_sent) {
    fail(AlertDescription::internal_error,
         "write: application data can be sent only after the handshake completed");
  }
  e.send_application_data(data);
}

Bytes Connection::read() {
  Bytes out;
  out.swap(impl_->engine().application_data);
  return out;
}

void Connection::close() {
  Engine& e = impl_->engine();
  if (e.closed_sent || e.error) return;
  e.send_alert(AlertLevel::warning, AlertDescription::close_notify, "close requested");
  e.closed_sent = true;
}

bool Connection::handshake_complete() const noexcept {
  return impl_->engine().in_traffic();
}
bool Connection::is_handshaking() const noexcept {
  const Engine& e = impl_->engine();
  return !e.in_traffic() && !e.error.has_value();
}
bool Connection::wants_write() const noexcept {
  return impl_->engine().channel.has_output();
}
bool Connection::failed() const noexcept {
  return impl_->engine().error.has_value();
}
bool Connection::peer_closed() const noexcept {
  return impl_->engine().peer_closed;
}
const std::optional<Error>& Connection::error() const noexcept {
  return impl_->engine().error;
}
const Negotiated& Connection::negotiated() const noexcept {
  return impl_->engine().negotiated;
}
std::string Connection::state_name() const {
  return impl_->state_name();
}

std::optional<handshake::Session> Connection::session() const {
  const Engine& e = impl_->engine();
  if (!e.in_traffic()) return std::nullopt;
  return e.session;
}

std::size_t Connection::dropped_events() const noexcept {
  return impl_->engine().dropped_events;
}

std::vector<handshake::Event> Connection::take_events() {
  std::vector<handshake::Event> out;
  out.swap(impl_->engine().events);
  return out;
}

}  // namespace tlslab

// ---- tests' access to the state -------------------------------------------------------------

namespace tlslab::testing {

bool force_state(Connection& c, std::string_view state) {
  bool found = false;
  std::visit(
      [&](auto& m) {
        using M = std::decay_t<decltype(m)>;
        for (auto s : M::kAllStates) {
          if (M::state_name(s) == state) {
            m.state = s;
            found = true;
          }
        }
      },
      c.impl_for_testing()->machine);
  return found;
}

}  // namespace tlslab::testing

// ---- the exported tables ----------------------------------------------------------------------

namespace tlslab::handshake {

namespace {

template <class Machine>
std::vector<std::string> names_of() {
  std::vector<std::string> out;
  for (auto s : Machine::kAllStates)
    out.emplace_back(Machine::state_name(s));
  return out;
}

template <class Machine>
std::vector<TableRow> rows_of() {
  std::vector<TableRow> out;
  for (const auto& t : Machine::table()) {
    TableRow row{
        std::string(Machine::state_name(t.state)), std::string(detail::input_name(t.input)), {}};
    for (std::size_t i = 0; i < t.next.count; ++i)
      row.next.emplace_back(Machine::state_name(t.next.states[i]));
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

std::vector<std::string> state_names(Role role) {
  return role == Role::client ? names_of<detail::ClientMachine>()
                              : names_of<detail::ServerMachine>();
}

std::vector<std::string> input_names() {
  std::vector<std::string> out;
  for (auto i : detail::kAllInputs)
    out.emplace_back(detail::input_name(i));
  return out;
}

std::optional<TableRow> start_transition(Role role) {
  if (role != Role::client) return std::nullopt;
  using S = detail::ClientMachine::State;
  return TableRow{std::string(detail::ClientMachine::state_name(S::start)),
                  "start",
                  {std::string(detail::ClientMachine::state_name(S::expect_server_hello))}};
}

std::vector<TableRow> transition_table(Role role) {
  return role == Role::client ? rows_of<detail::ClientMachine>() : rows_of<detail::ServerMachine>();
}

}  // namespace tlslab::handshake

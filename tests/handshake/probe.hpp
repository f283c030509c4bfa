// Puts a fresh connection of `role` into `state` and delivers `input` (a minimal message of that
// type — an empty body —, or a ChangeCipherSpec / empty application data record). Returns the
// alert the connection sent (std::nullopt if none) and its state afterwards. For pairs outside
// the table the alert must be unexpected_message; for rows of the table anything else: the
// handler's own verdict on the minimal message, or a move to one of the row's next states.
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "pair.hpp"
#include "src/connection_testing.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/handshake/state_table.hpp"
#include "tlslab/messages/handshake.hpp"

namespace tlslab::test {

struct ProbeResult {
  std::optional<AlertDescription> alert;
  std::string state;   // afterwards
  std::string reason;  // the connection's error, if it failed
};

inline ProbeResult probe_state(handshake::Role role, const std::string& state,
                               const std::string& input) {
  std::unique_ptr<Connection> c;
  if (role == handshake::Role::client) {
    handshake::ClientConfig config;
    config.provider = crypto::make_default_provider();
    config.events = true;
    c = Connection::client(std::move(config));
  } else {
    handshake::ServerConfig config;
    config.provider = crypto::make_default_provider();
    config.identities = {load_identity(*config.provider, "server-p256")};  // a server needs one
    config.events = true;
    c = Connection::server(std::move(config));
  }
  REQUIRE(testing::force_state(*c, state));
  Bytes record;
  if (input == "ChangeCipherSpec") {
    record = {20, 3, 3, 0, 1, 1};
  } else if (input == "ApplicationData") {
    record = {23, 3, 3, 0, 0};
  } else {
    std::optional<std::uint8_t> type;
    for (unsigned t = 0; t < 256; ++t) {
      const auto name = messages::message_name(static_cast<std::uint8_t>(t));
      if (name && *name == input) type = static_cast<std::uint8_t>(t);
    }
    REQUIRE_MESSAGE(type, "no handshake type is called " << input);
    record = {22, 3, 3, 0, 4, *type, 0, 0, 0};
  }
  c->feed(record);
  ProbeResult r{std::nullopt, c->state_name(), c->failed() ? c->error()->reason() : ""};
  for (const auto& e : c->take_events()) {
    if (const auto* a = std::get_if<handshake::AlertEvent>(&e);
        a && a->direction == handshake::Direction::sent && !r.alert) {
      r.alert = a->description;
    }
  }
  return r;
}

inline std::optional<AlertDescription> probe(handshake::Role role, const std::string& state,
                                             const std::string& input) {
  return probe_state(role, state, input).alert;
}

}  // namespace tlslab::test

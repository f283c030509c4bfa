// The state machines' tables, exported for people (a diagram, the trace) and for tests that walk
// every (state, input) pair.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tlslab/alert.hpp"

namespace tlslab::handshake {

enum class Role { client, server };

struct TableRow {
  std::string state;
  std::string input;
  std::vector<std::string> next;  // the states the handler may answer with
};

std::vector<std::string> state_names(Role role);  // the first is the initial state
std::vector<std::string> input_names();
// The allowed pairs, in table order.
std::vector<TableRow> transition_table(Role role);
// The move a role makes on its own before any input: the client's start() sends ClientHello
// and leaves its initial state ({"Start", "start", {"ExpectServerHello"}}); the server has none.
std::optional<TableRow> start_transition(Role role);

}  // namespace tlslab::handshake

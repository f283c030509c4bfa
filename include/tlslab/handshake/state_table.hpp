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
};

std::vector<std::string> state_names(Role role);
std::vector<std::string> input_names();
// The allowed pairs, in table order.
std::vector<TableRow> transition_table(Role role);

// Puts a fresh connection of `role` into `state` and delivers `input` (a minimal message of
// that type, or a ChangeCipherSpec / empty application data record). Returns the alert the
// connection sent, or std::nullopt if it sent none. For pairs outside the table the answer must
// be unexpected_message; that is what tests check for every such pair.
std::optional<AlertDescription> probe(Role role, const std::string& state,
                                      const std::string& input);

}  // namespace tlslab::handshake

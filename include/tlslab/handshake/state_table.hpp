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

}  // namespace tlslab::handshake

// Tests' one way into a connection's state machine (not installed): put a fresh connection into
// a named state, so that a test can deliver any input there (tests/handshake/probe.hpp).
#pragma once

#include <string_view>

#include "tlslab/connection.hpp"

namespace tlslab::testing {

// Sets the connection's state machine to the state called `state` ("ExpectServerHelloDone");
// false when its role has no such state.
bool force_state(Connection& c, std::string_view state);

}  // namespace tlslab::testing

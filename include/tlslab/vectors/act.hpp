// The act-as modes of replay (issue 7): tlslab's own state machine plays one side of a vector
// whose randomness and ephemeral keys for that side are known (a side tlslab ran with --seed, or a
// published vector that gives them). It is configured as the vector says
// (`<role>.config.tlslab`, the role's certificates and private key, the trust anchors, the
// capture time as its clock, the scripted randomness of `secrets.ephemeral_keys.<role>`), fed the
// other side's records in flight order, and every record it sends is compared byte for byte with
// the captured one. Application data and close_notify are sent where the capture has them (their
// plaintext comes from a verify-mode replay of the vector, which must be green first). At the
// first difference the report names the record and gives the first differing message as two
// annotated trees: the captured one and tlslab's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tlslab/pki/path_validation.hpp"
#include "tlslab/trace/tree.hpp"
#include "tlslab/vectors/replay.hpp"
#include "tlslab/vectors/vector.hpp"

namespace tlslab::vectors {

struct ActStep {
  RecordInfo record;
  bool sent = false;  // tlslab's record compared with the capture (else: the peer's, fed)
};

struct MessageDifference {
  std::string message;  // "ClientHello", or "record" when the records differ below messages
  std::optional<trace::Node> captured;  // absent: the capture has no message there
  std::optional<trace::Node> produced;  // tlslab's; absent: tlslab sent none there
};

struct ActReport {
  Direction role = Direction::client;
  // Set when the vector lacks what acting needs (no config.tlslab or no ephemeral keys for the
  // role): "cannot act as the client: ...". Nothing was compared.
  std::string unavailable;
  std::vector<ActStep> steps;
  std::size_t records_sent = 0;      // tlslab's records found equal to the captured ones
  std::size_t records_received = 0;  // the peer's records fed to tlslab
  std::optional<Divergence> divergence;
  std::optional<MessageDifference> difference;  // with a divergence where bytes differ
  std::string state;                            // tlslab's state when it stopped
  bool ok() const noexcept { return unavailable.empty() && !divergence; }
};

// Throws Error(decode_error) naming the field when config.tlslab or the ephemeral keys are
// malformed (like read_vector). `verify_provider` checks the vector in verify mode first and
// validates the peer's chain; tlslab's side gets its own deterministic provider.
// `policy`: what certificate chains are validated under, in the connection and in the replays.
ActReport act(const Vector& vector, Direction role, crypto::Provider& verify_provider,
              const pki::ValidationPolicy& policy = {});

// Whether the vector gives what act() needs for `role` (config.tlslab and ephemeral keys).
bool can_act(const Vector& vector, Direction role);

}  // namespace tlslab::vectors

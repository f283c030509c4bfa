// The one error type of tlslab (ARCHITECTURE.md, "Errors"): every failure carries the TLS alert
// the peer is sent and a reason for people. Parsers, crypto and the state machine throw it; the
// connection boundary catches it, sends the alert and reports both. Exceptions are used (not a
// Result type) so that parsers read like the RFC's struct definitions, field after field.
#pragma once

#include <stdexcept>
#include <string>

#include "tlslab/alert.hpp"

namespace tlslab {

class Error : public std::runtime_error {
 public:
  Error(AlertDescription alert, std::string reason)
      : std::runtime_error(std::move(reason)), alert_(alert) {}

  AlertDescription alert() const noexcept { return alert_; }
  // The local, human-readable reason, e.g. "ClientHello.cipher_suites: length 3 is odd".
  std::string reason() const { return what(); }

 private:
  AlertDescription alert_;
};

[[noreturn]] inline void fail(AlertDescription alert, std::string reason) {
  throw Error(alert, std::move(reason));
}

}  // namespace tlslab

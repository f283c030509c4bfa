// The sans-I/O connection users hold (ARCHITECTURE.md "connection"): bytes in with feed(), bytes
// out with take_output(), application data in and out, close_notify, and an event stream.
// No sockets, no clock and no randomness of its own: those come from the configuration.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/error.hpp"
#include "tlslab/handshake/config.hpp"
#include "tlslab/handshake/events.hpp"
#include "tlslab/handshake/negotiated.hpp"

namespace tlslab {

using handshake::Negotiated;

class Connection {
 public:
  static std::unique_ptr<Connection> client(handshake::ClientConfig config);
  static std::unique_ptr<Connection> server(handshake::ServerConfig config);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Client: queue the ClientHello. (A server starts by reading.)
  void start();
  // Bytes from the peer. Never throws for the peer's misbehaviour: the connection sends the
  // alert, records the error and fails.
  void feed(ByteView bytes);
  // Bytes to send to the peer (records), draining the queue.
  Bytes take_output();
  // Application data to send; only once the handshake is complete (else internal_error).
  void write(ByteView data);
  // Application data received so far, draining it.
  Bytes read();
  // Sends close_notify.
  void close();

  bool handshake_complete() const noexcept;
  // Until the handshake completes or fails (a client not yet started included): what an event
  // loop asks to know whether application data can be written yet.
  bool is_handshaking() const noexcept;
  // Records wait in take_output(): what an event loop asks before polling for writability.
  bool wants_write() const noexcept;
  bool failed() const noexcept;
  bool peer_closed() const noexcept;
  const std::optional<Error>& error() const noexcept;
  const Negotiated& negotiated() const noexcept;
  std::string state_name() const;
  // The events since the last call (only with CommonConfig::events; at most max_events wait).
  std::vector<handshake::Event> take_events();
  // Events that did not fit under CommonConfig::max_events since the connection began.
  std::size_t dropped_events() const noexcept;
  // The session established (or resumed) once the handshake is complete, to resume later with
  // ClientConfig::session; a client's includes the ticket the server issued, if any.
  std::optional<handshake::Session> session() const;

  struct Impl;
  Impl* impl_for_testing() noexcept { return impl_.get(); }

 private:
  explicit Connection(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tlslab

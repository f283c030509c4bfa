// Sockets for `tlslab client` and `tlslab server` (the core never touches them): TCP connect and
// listen, and TlsStream, which moves a sans-I/O Connection's records over a connected socket.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "tlslab/bytes.hpp"
#include "tlslab/connection.hpp"

namespace tlslab::cli {

struct Endpoint {
  std::string host;
  std::string port;
};
// "host:port", "[v6addr]:port". Throws std::invalid_argument with a readable reason.
Endpoint parse_endpoint(const std::string& text);

// An owned file descriptor.
class Socket {
 public:
  Socket() = default;
  explicit Socket(int fd) noexcept : fd_(fd) {}
  ~Socket();
  Socket(Socket&& o) noexcept : fd_(o.release()) {}
  Socket& operator=(Socket&& o) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const noexcept { return fd_; }
  int release() noexcept {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  explicit operator bool() const noexcept { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// "REASON (alert)": how the client, the server and the demo show a connection's error.
std::string error_text(const Error& e);

// Connects to the first address of `e` that answers. Throws std::runtime_error naming the
// endpoint and the system's reason.
Socket connect_tcp(const Endpoint& e);

// Listens on host:port (port "0": the system picks one, see bound_port). Throws
// std::runtime_error with the reason.
Socket listen_tcp(const std::string& host, const std::string& port);
std::uint16_t bound_port(const Socket& listener);
std::string peer_address(const Socket& s);  // "127.0.0.1:51234"

// One TLS connection over one socket. Every method flushes what the connection has to send and
// hands its events to `on_events` as they come.
class TlsStream {
 public:
  TlsStream(Socket socket, Connection& connection,
            std::function<void(std::vector<handshake::Event>)> on_events);

  // Runs the handshake to completion. false when it failed or the peer went away (see error()).
  bool handshake(int timeout_ms);
  void write(ByteView data);
  // Waits up to timeout_ms for application data. Empty result with eof() false: nothing yet.
  Bytes read(int timeout_ms);
  // True once the peer sent close_notify, closed the socket, or the connection failed.
  bool eof() const noexcept { return eof_; }
  // Sends close_notify and shuts down our direction.
  void close();
  // Why the handshake or the stream ended, for people ("connection closed by the peer during
  // the handshake", or the connection's error).
  std::string error() const;
  int fd() const noexcept { return socket_.fd(); }

 private:
  void flush();
  // Reads once from the socket into the connection (waiting up to timeout_ms). false on EOF.
  bool pull(int timeout_ms);
  void drain_events();

  Socket socket_;
  Connection& c_;
  std::function<void(std::vector<handshake::Event>)> on_events_;
  bool eof_ = false;
  bool socket_closed_ = false;
  std::string io_error_;
  Bytes buffer_;
};

}  // namespace tlslab::cli

#include "net.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace tlslab::cli {

Endpoint parse_endpoint(const std::string& text) {
  Endpoint e;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      throw std::invalid_argument("\"" + text + "\": expected [ADDRESS]:PORT");
    }
    e.host = text.substr(1, close - 1);
    e.port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || text.find(':') != colon) {
      throw std::invalid_argument("\"" + text + "\": expected HOST:PORT (IPv6 as [ADDRESS]:PORT)");
    }
    e.host = text.substr(0, colon);
    e.port = text.substr(colon + 1);
  }
  if (e.host.empty() || e.port.empty() ||
      e.port.find_first_not_of("0123456789") != std::string::npos || e.port.size() > 5 ||
      std::stoul(e.port) > 65535) {
    throw std::invalid_argument("\"" + text + "\": expected HOST:PORT with a port 0..65535");
  }
  return e;
}

Socket::~Socket() {
  if (fd_ >= 0) ::close(fd_);
}

Socket& Socket::operator=(Socket&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.release();
  }
  return *this;
}

namespace {

struct AddrInfo {
  addrinfo* list = nullptr;
  ~AddrInfo() {
    if (list != nullptr) freeaddrinfo(list);
  }
};

AddrInfo resolve(const std::string& host, const std::string& port, bool passive) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  if (passive) hints.ai_flags = AI_PASSIVE;
  AddrInfo out;
  const int rc =
      getaddrinfo(host.empty() ? nullptr : host.c_str(), port.c_str(), &hints, &out.list);
  if (rc != 0) {
    throw std::runtime_error("cannot resolve " + host + ": " + gai_strerror(rc));
  }
  return out;
}

std::string address_text(const sockaddr* sa) {
  char host[INET6_ADDRSTRLEN] = {};
  std::uint16_t port = 0;
  if (sa->sa_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(sa);
    inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
    port = ntohs(in->sin_port);
    return std::string(host) + ":" + std::to_string(port);
  }
  const auto* in6 = reinterpret_cast<const sockaddr_in6*>(sa);
  inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
  port = ntohs(in6->sin6_port);
  return "[" + std::string(host) + "]:" + std::to_string(port);
}

}  // namespace

Socket connect_tcp(const Endpoint& e) {
  const auto addresses = resolve(e.host, e.port, false);
  std::string last = "no address";
  for (const addrinfo* a = addresses.list; a != nullptr; a = a->ai_next) {
    Socket s(::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol));
    if (!s) {
      last = std::strerror(errno);
      continue;
    }
    if (::connect(s.fd(), a->ai_addr, a->ai_addrlen) == 0) {
      const int one = 1;
      // Handshake flights are small and latency-bound: no Nagle delay.
      setsockopt(s.fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      return s;
    }
    last = std::strerror(errno);
  }
  throw std::runtime_error("cannot connect to " + e.host + ":" + e.port + ": " + last);
}

Socket listen_tcp(const std::string& host, const std::string& port) {
  const auto addresses = resolve(host, port, true);
  std::string last = "no address";
  for (const addrinfo* a = addresses.list; a != nullptr; a = a->ai_next) {
    Socket s(::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol));
    if (!s) {
      last = std::strerror(errno);
      continue;
    }
    const int one = 1;
    setsockopt(s.fd(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(s.fd(), a->ai_addr, a->ai_addrlen) == 0 && ::listen(s.fd(), 64) == 0) return s;
    last = std::strerror(errno);
  }
  throw std::runtime_error("cannot listen on " + host + ":" + port + ": " + last);
}

std::uint16_t bound_port(const Socket& listener) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  getsockname(listener.fd(), reinterpret_cast<sockaddr*>(&ss), &len);
  if (ss.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
  return ntohs(reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port);
}

std::string peer_address(const Socket& s) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  if (getpeername(s.fd(), reinterpret_cast<sockaddr*>(&ss), &len) != 0) return "?";
  return address_text(reinterpret_cast<sockaddr*>(&ss));
}

// ---- TlsStream -------------------------------------------------------------------------------

TlsStream::TlsStream(Socket socket, Connection& connection,
                     std::function<void(std::vector<handshake::Event>)> on_events)
    : socket_(std::move(socket)), c_(connection), on_events_(std::move(on_events)) {
  buffer_.resize(16 * 1024 + 2048 + 5);  // one whole record at most per read
}

void TlsStream::drain_events() {
  auto events = c_.take_events();
  if (!events.empty() && on_events_) on_events_(std::move(events));
}

void TlsStream::flush() {
  drain_events();
  const Bytes out = c_.take_output();
  std::size_t sent = 0;
  while (sent < out.size() && !socket_closed_) {
    const ssize_t n = ::send(socket_.fd(), out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      io_error_ = std::string("send: ") + std::strerror(errno);
      socket_closed_ = true;
      eof_ = true;
      return;
    }
    sent += static_cast<std::size_t>(n);
  }
}

bool TlsStream::pull(int timeout_ms) {
  pollfd p{socket_.fd(), POLLIN, 0};
  const int ready = ::poll(&p, 1, timeout_ms);
  if (ready <= 0) return true;  // timeout (or EINTR): nothing read, not EOF
  const ssize_t n = ::recv(socket_.fd(), buffer_.data(), buffer_.size(), 0);
  if (n < 0 && errno == EINTR) return true;
  if (n <= 0) {
    if (n < 0) io_error_ = std::string("recv: ") + std::strerror(errno);
    socket_closed_ = true;
    return false;
  }
  c_.feed(ByteView(buffer_.data(), static_cast<std::size_t>(n)));
  flush();  // alerts, the next flight
  return true;
}

bool TlsStream::handshake(int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  flush();  // a client's ClientHello
  while (!c_.handshake_complete() && !c_.failed()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) {
      io_error_ = "the handshake timed out after " + std::to_string(timeout_ms / 1000) + " s";
      eof_ = true;
      return false;
    }
    if (!pull(static_cast<int>(std::min<long long>(left, 1000)))) {
      eof_ = true;
      if (io_error_.empty()) io_error_ = "connection closed by the peer during the handshake";
      return false;
    }
  }
  if (c_.failed()) eof_ = true;
  return c_.handshake_complete();
}

void TlsStream::write(ByteView data) {
  if (eof_ && socket_closed_) return;
  c_.write(data);
  flush();
}

Bytes TlsStream::read(int timeout_ms) {
  Bytes data = c_.read();
  if (!data.empty()) return data;
  if (eof_) return data;
  if (!pull(timeout_ms)) eof_ = true;
  if (c_.failed() || c_.peer_closed()) eof_ = true;
  return c_.read();
}

void TlsStream::close() {
  if (!socket_closed_) {
    c_.close();
    flush();
    ::shutdown(socket_.fd(), SHUT_WR);
  }
}

std::string error_text(const Error& e) {
  return e.reason() + " (" + std::string(alert_label(e.alert())) + ")";
}

std::string TlsStream::error() const {
  return c_.error() ? error_text(*c_.error()) : io_error_;
}

}  // namespace tlslab::cli

#include "server_loop.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <memory>
#include <vector>

namespace tlslab::cli {

std::size_t http_head_end(const std::string& request) noexcept {
  // The first empty line ends the head; its terminator may be CRLF or a bare LF.
  for (std::size_t i = request.find('\n'); i != std::string::npos; i = request.find('\n', i + 1)) {
    if (i + 1 < request.size() && request[i + 1] == '\n') return i + 2;
    if (i + 2 < request.size() && request[i + 1] == '\r' && request[i + 2] == '\n') return i + 3;
  }
  return std::string::npos;
}

namespace {

using Clock = std::chrono::steady_clock;

// A connection's life: the handshake, application data, then closing: our last records are
// flushed, our direction is shut down, and what the peer still sends is read and dropped
// (bounded) so that the peer reads our alert instead of a TCP reset (closing with unread input
// makes the kernel send RST, which can destroy the alert still in flight).
enum class Phase { handshake, traffic, closing, draining, done };

struct Served {
  Socket socket;
  std::string peer;
  std::unique_ptr<Connection> tls;
  Phase phase = Phase::handshake;
  Clock::time_point deadline;
  Bytes pending;  // records not yet accepted by the socket
  std::size_t sent = 0;
  std::string request;  // --http: the request head read so far
  bool answered = false;
  std::size_t drained = 0;
  std::string outcome;  // logged when the connection ends
};

bool set_nonblocking(int fd) {
  const int flags = ::fcntl(fd, F_GETFL, 0);
  return flags >= 0 && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

class Loop {
 public:
  Loop(const handshake::ServerConfig& config, ServeMode mode, const ServeLimits& limits,
       const ServeHooks& hooks)
      : config_(config), mode_(mode), limits_(limits), hooks_(hooks) {
    buffer_.resize(16 * 1024 + 2048 + 5);  // one whole record at most per read
  }

  int run(Socket listener, volatile std::sig_atomic_t& stop) {
    set_nonblocking(listener.fd());
    std::vector<pollfd> fds;
    while (!stop) {
      const bool accepting = limits_.naccept == 0 || accepted_ < limits_.naccept;
      if (!accepting && connections_.empty()) break;
      fds.clear();
      if (accepting) fds.push_back({listener.fd(), POLLIN, 0});
      for (const auto& c : connections_) {
        short events = 0;
        if (c->pending.size() - c->sent < limits_.max_pending_output) events |= POLLIN;
        if (c->sent < c->pending.size()) events |= POLLOUT;
        fds.push_back({c->socket.fd(), events, 0});
      }
      const int ready = ::poll(fds.data(), fds.size(), poll_timeout_ms());
      if (ready < 0 && errno != EINTR) {
        std::cerr << "tlslab server: poll: " << std::strerror(errno) << '\n';
        break;
      }
      const std::size_t first = accepting ? 1 : 0;
      // connections_ only grows at its end (accept_all runs after this loop), so the indices
      // of fds still match.
      for (std::size_t i = first; i < fds.size() && ready > 0; ++i) {
        Served& c = *connections_[i - first];
        guarded(c, [&] {
          if ((fds[i].revents & POLLOUT) != 0) flush(c);
          if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) != 0) on_readable(c);
        });
      }
      const auto now = Clock::now();
      for (auto& c : connections_)
        guarded(*c, [&] { check_deadline(*c, now); });
      reap();
      if (accepting && ready > 0 && (fds[0].revents & POLLIN) != 0) accept_all(listener);
    }
    for (auto& c : connections_) {
      const bool closing = c->phase == Phase::closing || c->phase == Phase::draining;
      end(*c, closing ? c->outcome : "server shutting down");
    }
    reap();
    return accepted_;
  }

 private:
  int poll_timeout_ms() const {
    auto wait = std::chrono::milliseconds(500);  // at least twice a second: the stop flag
    const auto now = Clock::now();
    for (const auto& c : connections_) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(c->deadline - now);
      wait = std::min(wait, std::max(left, std::chrono::milliseconds(0)));
    }
    return static_cast<int>(wait.count()) + 1;
  }

  void accept_all(const Socket& listener) {
    while (limits_.naccept == 0 || accepted_ < limits_.naccept) {
      Socket s(::accept4(listener.fd(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
      if (!s) return;  // EAGAIN: no more waiting (or a transient error: next round)
      const std::string peer = peer_address(s);
      if (connections_.size() >= limits_.max_connections) {
        // Refused before a byte is read: a FIN, never a half-served connection.
        std::cerr << "tlslab server: " << peer << ": refused: " << connections_.size()
                  << " connections open (--max-connections " << limits_.max_connections << ")\n";
        ::shutdown(s.fd(), SHUT_RDWR);
        continue;
      }
      const int one = 1;
      // Handshake flights are small and latency-bound: no Nagle delay.
      setsockopt(s.fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      auto c = std::make_unique<Served>();
      c->socket = std::move(s);
      c->peer = peer;
      c->deadline = Clock::now() + std::chrono::milliseconds(limits_.handshake_timeout_ms);
      ++accepted_;
      Served& ref = *c;
      connections_.push_back(std::move(c));
      guarded(ref, [&] { ref.tls = Connection::server(config_); });
    }
  }

  // Runs `step` for one connection; whatever it throws ends that connection only.
  template <class Step>
  void guarded(Served& c, Step&& step) noexcept {
    if (c.phase == Phase::done) return;
    try {
      step();
    } catch (const std::exception& e) {
      end(c, std::string("internal error: ") + e.what());
    } catch (...) {
      end(c, "internal error");
    }
  }

  void on_readable(Served& c) {
    const ssize_t n = ::recv(c.socket.fd(), buffer_.data(), buffer_.size(), 0);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return;
      end(c, prefix(c) + "recv: " + std::strerror(errno));
      return;
    }
    if (n == 0) {
      end(c, c.phase == Phase::handshake ? "handshake failed: connection closed by the peer "
                                           "during the handshake"
             : c.phase == Phase::traffic ? "connection closed by the peer without close_notify"
                                         : c.outcome);
      return;
    }
    if (c.phase == Phase::closing || c.phase == Phase::draining) {
      c.drained += static_cast<std::size_t>(n);
      if (c.drained > limits_.max_drain) end(c, c.outcome);
      return;
    }
    c.tls->feed(ByteView(buffer_.data(), static_cast<std::size_t>(n)));
    if (c.phase == Phase::traffic) {
      c.deadline = Clock::now() + std::chrono::milliseconds(limits_.idle_timeout_ms);
    }
    advance(c);
  }

  static std::string prefix(const Served& c) {
    return c.phase == Phase::handshake ? "handshake failed: " : "";
  }

  // Moves the connection on after the engine took input: handshake done, application data,
  // the peer's close_notify, a failure; then queues what the engine has to send.
  void advance(Served& c) {
    if (c.phase == Phase::handshake && c.tls->handshake_complete() && !c.tls->failed()) {
      c.phase = Phase::traffic;
      c.deadline = Clock::now() + std::chrono::milliseconds(limits_.idle_timeout_ms);
      std::cerr << "tlslab server: " << c.peer << ": handshake complete\n"
                << hooks_.describe(*c.tls);
    }
    if (c.tls->failed()) {
      // Whatever the handshake or the record layer did not like: the engine has queued the
      // fatal alert; nothing else is ever written on this connection.
      begin_close(c, prefix(c) + error_text(*c.tls->error()));
    } else if (c.phase == Phase::traffic) {
      const Bytes data = c.tls->read();
      if (mode_ == ServeMode::print && !data.empty()) {
        std::cout.write(reinterpret_cast<const char*>(data.data()),
                        static_cast<std::streamsize>(data.size()));
        std::cout.flush();
      }
      if (c.tls->peer_closed()) {
        // RFC 5246 §7.2.1: answer close_notify with ours and discard pending writes.
        begin_close(c, "closed");
      } else if (!data.empty()) {
        on_application_data(c, data);
      }
    }
    queue_output(c);
  }

  void on_application_data(Served& c, const Bytes& data) {
    if (mode_ == ServeMode::echo) {
      c.tls->write(data);
      return;
    }
    if (mode_ != ServeMode::http || c.answered) return;
    c.request.append(data.begin(), data.end());
    if (http_head_end(c.request) != std::string::npos) {
      answer_http(c, "200 OK", hooks_.describe(*c.tls));
    } else if (c.request.size() > limits_.max_http_head) {
      answer_http(c, "431 Request Header Fields Too Large", "request head too large\n");
    }
  }

  void answer_http(Served& c, const std::string& status, const std::string& text) {
    std::string escaped;
    for (char ch : text) {
      if (ch == '<') {
        escaped += "&lt;";
      } else if (ch == '>') {
        escaped += "&gt;";
      } else if (ch == '&') {
        escaped += "&amp;";
      } else {
        escaped += ch;
      }
    }
    const std::string body =
        "<!DOCTYPE html>\n<html><head><title>tlslab</title></head><body>\n"
        "<h1>tlslab server</h1>\n<pre>\n" +
        escaped + "</pre>\n</body></html>\n";
    const std::string response =
        "HTTP/1.1 " + status + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    c.tls->write(view(response));
    c.answered = true;
    begin_close(c, "closed");
  }

  // Our side is done: close_notify (unless the connection failed, when the fatal alert is
  // already queued), flush, then shut our direction and drain.
  void begin_close(Served& c, std::string why) {
    if (c.phase == Phase::closing || c.phase == Phase::draining || c.phase == Phase::done) return;
    if (!c.tls->failed()) c.tls->close();
    c.outcome = std::move(why);
    c.phase = Phase::closing;
    c.deadline = Clock::now() + std::chrono::milliseconds(limits_.close_timeout_ms);
  }

  void queue_output(Served& c) {
    auto events = c.tls->take_events();
    if (!events.empty() && hooks_.on_events) hooks_.on_events(std::move(events));
    const Bytes out = c.tls->take_output();
    if (c.sent == c.pending.size()) {
      c.pending.clear();
      c.sent = 0;
    }
    c.pending.insert(c.pending.end(), out.begin(), out.end());
    flush(c);
  }

  void flush(Served& c) {
    while (c.sent < c.pending.size()) {
      const ssize_t n = ::send(c.socket.fd(), c.pending.data() + c.sent, c.pending.size() - c.sent,
                               MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) return;
        if (errno == EINTR) continue;
        end(c, c.phase == Phase::closing ? c.outcome : prefix(c) + "send: " + std::strerror(errno));
        return;
      }
      c.sent += static_cast<std::size_t>(n);
    }
    if (c.phase == Phase::closing) {
      ::shutdown(c.socket.fd(), SHUT_WR);
      c.phase = Phase::draining;
    }
  }

  void check_deadline(Served& c, Clock::time_point now) {
    if (c.phase == Phase::done || now < c.deadline) return;
    switch (c.phase) {
      case Phase::handshake:
        end(c, "handshake failed: the handshake timed out after " +
                   seconds(limits_.handshake_timeout_ms) + " (--handshake-timeout)");
        break;
      case Phase::traffic:
        begin_close(c,
                    "closed: idle for " + seconds(limits_.idle_timeout_ms) + " (--idle-timeout)");
        queue_output(c);
        break;
      default:
        end(c, c.outcome);
    }
  }

  static std::string seconds(int ms) {
    return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
  }

  void end(Served& c, const std::string& outcome) {
    if (c.phase == Phase::done) return;
    c.phase = Phase::done;
    std::cerr << "tlslab server: " << c.peer << ": " << outcome << '\n';
    c.socket = Socket();
  }

  void reap() {
    std::erase_if(connections_, [](const auto& c) { return c->phase == Phase::done; });
  }

  const handshake::ServerConfig& config_;
  const ServeMode mode_;
  const ServeLimits limits_;
  const ServeHooks& hooks_;
  std::vector<std::unique_ptr<Served>> connections_;
  Bytes buffer_;
  int accepted_ = 0;
};

}  // namespace

int serve(Socket listener, const handshake::ServerConfig& config, ServeMode mode,
          const ServeLimits& limits, const ServeHooks& hooks, volatile std::sig_atomic_t& stop) {
  Loop loop(config, mode, limits, hooks);
  return loop.run(std::move(listener), stop);
}

}  // namespace tlslab::cli

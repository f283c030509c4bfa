// The event loop behind `tlslab server` (issue 12): every accepted connection is served at once
// by one thread polling non-blocking sockets, each driving its own sans-I/O Connection.
//
// Why an event loop and not a worker pool: the core is sans-I/O, so a connection is just bytes
// in and bytes out, and one thread can hold thousands of them for the price of their buffers; an
// idle or slow peer costs a table entry, not a thread. The only blocking work is the handshake's
// public-key cryptography (a few milliseconds per flight), which a test server can afford to do
// inline. Every connection has a deadline (handshake, idle, closing), the number of connections
// is capped, and what one connection does (a hostile record, an exception, a full send buffer)
// never touches another.
#pragma once

#include <csignal>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "net.hpp"
#include "tlslab/connection.hpp"

namespace tlslab::cli {

class EventPrinter;

// What the server does with a connection's application data.
enum class ServeMode {
  print,  // write it to stdout
  echo,   // send it back
  http,   // read one HTTP request head, answer with a page, close
};

struct ServeLimits {
  int handshake_timeout_ms = 10'000;          // from accept to the end of the handshake
  int idle_timeout_ms = 60'000;               // after the handshake, without a byte from the peer
  int close_timeout_ms = 2'000;               // flushing our last records and draining the peer's
  std::size_t max_connections = 256;          // open at once; beyond it new ones are refused
  std::size_t max_pending_output = 1u << 20;  // bytes queued for a peer before we stop reading
  std::size_t max_http_head = 64u * 1024;     // an HTTP request head larger than this: 431
  std::size_t max_drain = 256u * 1024;        // bytes read and dropped after our last record
  int naccept = 0;                            // stop accepting after N connections (0: never)
};

struct ServeHooks {
  // A connection's events (only called when tracing).
  std::function<void(std::vector<handshake::Event>)> on_events;
  // The page for --http: the negotiated parameters of an established connection.
  std::function<std::string(const Connection&)> describe;
};

// Serves connections from `listener` until `stop` becomes non-zero or, with naccept, every
// accepted connection is done. Returns the number of connections accepted. Never throws for
// anything a peer does; a connection's failure is logged on stderr and ends that connection.
int serve(Socket listener, const handshake::ServerConfig& config, ServeMode mode,
          const ServeLimits& limits, const ServeHooks& hooks, volatile std::sig_atomic_t& stop);

// The end of an HTTP request head in `request`: the offset just past "\r\n\r\n" or "\n\n"
// (RFC 9112 §2.2: a recipient MAY take a bare LF as the line terminator), or npos.
std::size_t http_head_end(const std::string& request) noexcept;

}  // namespace tlslab::cli

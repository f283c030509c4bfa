// What both examples need around a sans-I/O connection: moving its records over a socket.
// tlslab itself never touches the socket; this is the whole of the glue.
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <tlslab/connection.hpp>

inline tlslab::Bytes read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Sends every record the connection has queued.
inline bool flush(int fd, tlslab::Connection& tls) {
  while (tls.wants_write()) {
    const tlslab::Bytes out = tls.take_output();
    for (std::size_t sent = 0; sent < out.size();) {
      const ssize_t n = ::send(fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
  }
  return true;
}

// Sends what is queued, then feeds the connection one read from the socket (false at EOF).
inline bool exchange(int fd, tlslab::Connection& tls) {
  if (!flush(fd, tls)) return false;
  std::uint8_t buf[16384];
  const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
  if (n <= 0) return false;
  tls.feed(tlslab::ByteView(buf, static_cast<std::size_t>(n)));
  return flush(fd, tls);  // the alert or the answer it caused
}

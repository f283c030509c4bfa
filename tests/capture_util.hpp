// Access to the captured handshakes in tests/data/captures (made by vectors/capture.py).
#pragma once

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace tlslab::test {

struct Capture {
  std::string name;
  nlohmann::json doc;
  Bytes client;  // everything the client sent, in order
  Bytes server;  // everything the server sent
};

inline std::vector<std::string> capture_names() {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(data_path("captures"))) {
    if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

inline Capture load_capture(const std::string& name) {
  Capture c;
  c.name = name;
  c.doc = nlohmann::json::parse(read_text(data_path("captures/" + name + ".json")));
  // The vector format of vectors/README.md: flights of records, each with its direction.
  for (const auto& f : c.doc["flights"]) {
    Bytes& dst = f["direction"] == "client" ? c.client : c.server;
    for (const auto& r : f["records"]) {
      const Bytes b = from_hex(r.get<std::string>());
      dst.insert(dst.end(), b.begin(), b.end());
    }
  }
  return c;
}

// The plaintext handshake messages (header included) a direction sent before its first
// ChangeCipherSpec. A deliberately simple reader of record headers for the tests; the record
// layer has its own.
inline std::vector<Bytes> plaintext_handshake_messages(const Bytes& stream) {
  Bytes handshake;
  std::size_t pos = 0;
  while (pos + 5 <= stream.size()) {
    const std::uint8_t type = stream[pos];
    const std::size_t length = (std::size_t{stream[pos + 3]} << 8) | stream[pos + 4];
    REQUIRE(pos + 5 + length <= stream.size());
    if (type == 20) break;  // ChangeCipherSpec: what follows is protected
    if (type == 22) {
      handshake.insert(handshake.end(), stream.begin() + static_cast<std::ptrdiff_t>(pos + 5),
                       stream.begin() + static_cast<std::ptrdiff_t>(pos + 5 + length));
    }
    pos += 5 + length;
  }
  std::vector<Bytes> out;
  std::size_t p = 0;
  while (p + 4 <= handshake.size()) {
    const std::size_t length = (std::size_t{handshake[p + 1]} << 16) |
                               (std::size_t{handshake[p + 2]} << 8) | handshake[p + 3];
    REQUIRE(p + 4 + length <= handshake.size());
    out.emplace_back(handshake.begin() + static_cast<std::ptrdiff_t>(p),
                     handshake.begin() + static_cast<std::ptrdiff_t>(p + 4 + length));
    p += 4 + length;
  }
  REQUIRE(p == handshake.size());
  return out;
}

}  // namespace tlslab::test

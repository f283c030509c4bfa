// Helpers shared by the tests.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "tlslab/bytes.hpp"
#include "tlslab/error.hpp"

namespace tlslab::test {

inline Bytes hex(std::string_view h) {
  return from_hex(h);
}
// std::span has no operator==; tests compare copies.
inline Bytes copy(ByteView v) {
  return Bytes(v.begin(), v.end());
}

inline std::filesystem::path data_path(const std::string& relative) {
  return std::filesystem::path(TLSLAB_SOURCE_DIR) / "tests" / "data" / relative;
}

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << p.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace tlslab::test

// Checks that `expr` throws tlslab::Error with the given alert and a reason containing `text`.
#define CHECK_TLS_ERROR(expr, alert_value, text)                                                   \
  do {                                                                                             \
    bool tlslab_thrown_ = false;                                                                   \
    try {                                                                                          \
      (void)(expr);                                                                                \
    } catch (const ::tlslab::Error& e) {                                                           \
      tlslab_thrown_ = true;                                                                       \
      CHECK_MESSAGE(e.alert() == (alert_value), "alert was " << ::tlslab::alert_label(e.alert())); \
      CHECK_MESSAGE(e.reason().find(text) != std::string::npos,                                    \
                    "reason \"" << e.reason() << "\" lacks \"" << (text) << "\"");                 \
    }                                                                                              \
    CHECK_MESSAGE(tlslab_thrown_, "no tlslab::Error thrown by " #expr);                            \
  } while (false)

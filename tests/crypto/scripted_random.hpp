// A RandomSource for tests that hands out exactly the bytes it was given, then fails the test:
// it shows exactly what a key generation drew.
#pragma once

#include <deque>

#include "../test_util.hpp"
#include "tlslab/crypto/provider.hpp"

namespace tlslab::test {

class ScriptedRandom final : public crypto::RandomSource {
 public:
  explicit ScriptedRandom(Bytes bytes) : bytes_(bytes.begin(), bytes.end()) {}
  void fill(MutableByteView out) override {
    REQUIRE_MESSAGE(out.size() <= bytes_.size(), "scripted random bytes exhausted");
    for (std::uint8_t& b : out) {
      b = bytes_.front();
      bytes_.pop_front();
    }
  }
  std::size_t left() const { return bytes_.size(); }

 private:
  std::deque<std::uint8_t> bytes_;
};

}  // namespace tlslab::test

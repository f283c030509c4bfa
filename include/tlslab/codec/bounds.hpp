// A variable-length vector as the RFCs declare it (RFC 5246 §4.3): the size of its length
// prefix, its minimum and maximum length in bytes, and the size of one element. Declared once
// per field and given to both Reader and Writer, so that what we refuse to parse we also refuse
// to write: `opaque SessionID<0..32>` is Bounds::u8(0, 32), `CipherSuite
// cipher_suites<2..2^16-2>` is Bounds::u16(2, 0xfffe, 2).
#pragma once

#include <cstddef>
#include <cstdint>

namespace tlslab::codec {

struct Bounds {
  std::size_t prefix = 1;  // 1, 2 or 3 bytes
  std::size_t min = 0;
  std::size_t max = 0xff;
  std::size_t unit = 1;

  static constexpr Bounds u8(std::size_t min = 0, std::size_t max = 0xff,
                             std::size_t unit = 1) noexcept {
    return {1, min, max, unit};
  }
  static constexpr Bounds u16(std::size_t min = 0, std::size_t max = 0xffff,
                              std::size_t unit = 1) noexcept {
    return {2, min, max, unit};
  }
  static constexpr Bounds u24(std::size_t min = 0, std::size_t max = 0xffffff,
                              std::size_t unit = 1) noexcept {
    return {3, min, max, unit};
  }
};

}  // namespace tlslab::codec

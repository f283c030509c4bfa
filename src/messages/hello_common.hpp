// Internal: what the two hellos share (RFC 5246 §7.4.1.2, §7.4.1.3): opaque SessionID<0..32>
// and the 32-byte Random.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>

#include "tlslab/codec/bounds.hpp"
#include "tlslab/codec/reader.hpp"

namespace tlslab::messages::detail {

inline constexpr auto kSessionId = codec::Bounds::u8(0, 32);

inline std::array<std::uint8_t, 32> read_random(codec::Reader& r) {
  std::array<std::uint8_t, 32> out{};
  const ByteView b = r.bytes(32, "random");
  std::copy(b.begin(), b.end(), out.begin());
  return out;
}

}  // namespace tlslab::messages::detail

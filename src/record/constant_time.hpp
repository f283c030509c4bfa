// Branch-free comparisons for the CBC receive path (Lucky13, CVE-2013-0169): each returns a mask,
// all ones for true and zero for false, computed with arithmetic only, so neither the branch
// predictor nor the instruction count learns the outcome. Valid for operands below 2^63 (record
// lengths are below 2^15).
#pragma once

#include <climits>
#include <cstddef>
#include <cstdint>

namespace tlslab::record::ct {

using Mask = std::size_t;
inline constexpr unsigned kTopBit = sizeof(std::size_t) * CHAR_BIT - 1;

// An empty asm statement the optimiser cannot see through: it keeps compilers from recognising
// a mask as a boolean and turning the arithmetic back into a conditional jump.
inline std::size_t barrier(std::size_t v) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  __asm__("" : "+r"(v));
#endif
  return v;
}

// All ones if the top bit of v is set.
inline Mask top_bit_mask(std::size_t v) noexcept {
  return std::size_t{0} - (barrier(v) >> kTopBit);
}
inline Mask lt(std::size_t a, std::size_t b) noexcept {
  return top_bit_mask(a - b);  // a < b makes a - b wrap around to a value with the top bit set
}
inline Mask ge(std::size_t a, std::size_t b) noexcept {
  return ~lt(a, b);
}
inline Mask le(std::size_t a, std::size_t b) noexcept {
  return lt(a, b + 1);
}
inline Mask is_zero(std::size_t v) noexcept {
  return top_bit_mask(~v & (v - 1));  // only v == 0 has the top bit set in both ~v and v - 1
}
inline Mask eq(std::size_t a, std::size_t b) noexcept {
  return is_zero(a ^ b);
}

}  // namespace tlslab::record::ct

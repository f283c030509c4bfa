// Byte buffers used across tlslab: read-only views for parsing without copies, owned buffers for
// output, and a buffer type for secrets that is wiped whenever its storage is released.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tlslab {

using ByteView = std::span<const std::uint8_t>;
using MutableByteView = std::span<std::uint8_t>;
using Bytes = std::vector<std::uint8_t>;

// Overwrites memory in a way the optimiser may not remove (sodium_memzero).
void secure_wipe(void* data, std::size_t size) noexcept;

// An allocator that wipes every block before giving it back, so a vector that grows, shrinks or
// dies leaves no copy of a key behind on the heap.
template <class T>
struct WipingAllocator {
  using value_type = T;
  WipingAllocator() noexcept = default;
  template <class U>
  WipingAllocator(const WipingAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return std::allocator<T>{}.allocate(n); }
  void deallocate(T* p, std::size_t n) noexcept {
    secure_wipe(p, n * sizeof(T));
    std::allocator<T>{}.deallocate(p, n);
  }
  template <class U>
  bool operator==(const WipingAllocator<U>&) const noexcept {
    return true;
  }
};

// Secret material: premaster and master secrets, key blocks, private key bytes.
using SecretBytes = std::vector<std::uint8_t, WipingAllocator<std::uint8_t>>;

inline ByteView view(const std::string& s) noexcept {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
inline ByteView view(std::string_view s) noexcept {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// Lower-case hex without separators.
std::string to_hex(ByteView bytes);
// Accepts upper/lower case, ignores ASCII white space and ':' separators (as openssl prints).
// Throws tlslab::Error(decode_error) naming the first bad character.
Bytes from_hex(std::string_view hex);

// Constant-time comparison of equal-length buffers (false when lengths differ; the length is
// not secret).
bool equal_constant_time(ByteView a, ByteView b) noexcept;

}  // namespace tlslab

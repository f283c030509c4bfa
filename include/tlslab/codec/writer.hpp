// Serialisation of TLS presentation-language structures. Appends to a caller-owned buffer (so a
// record path can reuse capacity). Length-prefixed vectors are written as scopes: the prefix is
// reserved, the body written, and the length backfilled when the body returns; a body longer
// than the prefix can express (or shorter than the declared minimum) throws
// tlslab::Error(internal_error) naming the field, since it means we built a bad message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include "tlslab/bytes.hpp"
#include "tlslab/codec/bounds.hpp"

namespace tlslab::codec {

class Writer {
 public:
  explicit Writer(Bytes& out) noexcept : out_(out) {}

  void u8(std::uint8_t v);
  void u16(std::uint16_t v);
  void u24(std::uint32_t v, std::string_view field = "u24");  // throws if v >= 2^24
  void u32(std::uint32_t v);
  void u64(std::uint64_t v);
  void bytes(ByteView b);

  // opaque field<min..2^k-1>: prefix + bytes, checked against min and the prefix's maximum.
  void opaque8(std::string_view field, ByteView b, std::size_t min = 0);
  void opaque16(std::string_view field, ByteView b, std::size_t min = 0);
  void opaque24(std::string_view field, ByteView b, std::size_t min = 0);

  // Scoped vectors: `body(*this)` writes the content; the prefix is patched afterwards.
  template <class Body>
  void sub8(std::string_view field, Body&& body, std::size_t min = 0) {
    scoped(1, field, min, std::forward<Body>(body));
  }
  template <class Body>
  void sub16(std::string_view field, Body&& body, std::size_t min = 0) {
    scoped(2, field, min, std::forward<Body>(body));
  }
  template <class Body>
  void sub24(std::string_view field, Body&& body, std::size_t min = 0) {
    scoped(3, field, min, std::forward<Body>(body));
  }

  // With the bounds declared once for parser and writer (bounds.hpp): the minimum, the maximum
  // and the element size are enforced too, so a message we could not parse is never written
  // (a 33-byte session_id is internal_error).
  void opaque(std::string_view field, ByteView b, const Bounds& bounds);
  template <class Body>
  void sub(std::string_view field, const Bounds& bounds, Body&& body) {
    const std::size_t mark = open_scope(bounds.prefix);
    body(*this);
    close_scope(mark, bounds, field);
  }

  std::size_t size() const noexcept { return out_.size(); }
  Bytes& buffer() noexcept { return out_; }

 private:
  template <class Body>
  void scoped(std::size_t prefix, std::string_view field, std::size_t min, Body&& body) {
    const std::size_t mark = open_scope(prefix);
    body(*this);
    close_scope(mark, prefix, field, min);
  }
  std::size_t open_scope(std::size_t prefix);
  void close_scope(std::size_t mark, std::size_t prefix, std::string_view field, std::size_t min);
  void close_scope(std::size_t mark, const Bounds& bounds, std::string_view field);
  void put_be(std::uint64_t v, std::size_t n);

  Bytes& out_;
};

}  // namespace tlslab::codec

#include "tlslab/codec/writer.hpp"

#include <string>

#include "tlslab/error.hpp"

namespace tlslab::codec {

namespace {
constexpr std::size_t max_for_prefix(std::size_t prefix) noexcept {
  return (std::size_t{1} << (8 * prefix)) - 1;
}

[[noreturn]] void fail_length(std::string_view field, std::size_t length, std::string detail) {
  fail(AlertDescription::internal_error,
       std::string(field) + ": " + std::to_string(length) + " bytes " + detail);
}
}  // namespace

void Writer::put_be(std::uint64_t v, std::size_t n) {
  for (std::size_t i = n; i-- > 0;)
    out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void Writer::u8(std::uint8_t v) {
  out_.push_back(v);
}
void Writer::u16(std::uint16_t v) {
  put_be(v, 2);
}
void Writer::u24(std::uint32_t v, std::string_view field) {
  if (v > 0xffffff) {
    fail(AlertDescription::internal_error,
         std::string(field) + ": value " + std::to_string(v) + " does not fit in 24 bits");
  }
  put_be(v, 3);
}
void Writer::u32(std::uint32_t v) {
  put_be(v, 4);
}
void Writer::u64(std::uint64_t v) {
  put_be(v, 8);
}
void Writer::bytes(ByteView b) {
  out_.insert(out_.end(), b.begin(), b.end());
}

namespace {
void check_vector(std::string_view field, std::size_t length, std::size_t prefix, std::size_t min) {
  if (length > max_for_prefix(prefix)) {
    fail_length(field, length,
                "do not fit a " + std::to_string(8 * prefix) + "-bit length prefix (maximum " +
                    std::to_string(max_for_prefix(prefix)) + ")");
  }
  if (length < min) {
    fail_length(field, length, "are below the minimum " + std::to_string(min));
  }
}
}  // namespace

void Writer::opaque8(std::string_view field, ByteView b, std::size_t min) {
  opaque(field, b, Bounds{1, min, max_for_prefix(1), 1});
}
void Writer::opaque16(std::string_view field, ByteView b, std::size_t min) {
  opaque(field, b, Bounds{2, min, max_for_prefix(2), 1});
}
void Writer::opaque24(std::string_view field, ByteView b, std::size_t min) {
  opaque(field, b, Bounds{3, min, max_for_prefix(3), 1});
}

std::size_t Writer::open_scope(std::size_t prefix) {
  const std::size_t mark = out_.size();
  out_.insert(out_.end(), prefix, 0);
  return mark;
}

void Writer::close_scope(std::size_t mark, std::size_t prefix, std::string_view field,
                         std::size_t min) {
  close_scope(mark, Bounds{prefix, min, max_for_prefix(prefix), 1}, field);
}

namespace {
void check_bounds(std::string_view field, std::size_t length, const Bounds& b) {
  check_vector(field, length, b.prefix, b.min);
  if (length > b.max) {
    fail_length(field, length, "are above the maximum " + std::to_string(b.max));
  }
  if (b.unit > 1 && length % b.unit != 0) {
    fail_length(field, length, "are not a multiple of " + std::to_string(b.unit));
  }
}
}  // namespace

void Writer::opaque(std::string_view field, ByteView b, const Bounds& bounds) {
  check_bounds(field, b.size(), bounds);
  put_be(b.size(), bounds.prefix);
  bytes(b);
}

void Writer::close_scope(std::size_t mark, const Bounds& bounds, std::string_view field) {
  const std::size_t length = out_.size() - mark - bounds.prefix;
  try {
    check_bounds(field, length, bounds);
  } catch (...) {
    out_.resize(mark);  // leave the buffer as it was before the scope opened
    throw;
  }
  for (std::size_t i = 0; i < bounds.prefix; ++i) {
    out_[mark + i] = static_cast<std::uint8_t>(length >> (8 * (bounds.prefix - 1 - i)));
  }
}

}  // namespace tlslab::codec

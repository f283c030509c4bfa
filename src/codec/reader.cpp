#include "tlslab/codec/reader.hpp"

#include <string>

#include "tlslab/error.hpp"

namespace tlslab::codec {

Reader::Reader(ByteView data, std::string_view context) noexcept : data_(data) {
  if (!context.empty()) path_[depth_++] = context;
}

Reader::Reader(ByteView data, std::size_t base, const Reader& parent,
               std::string_view field) noexcept
    : data_(data),
      base_(base),
      path_(parent.path_),
      depth_(parent.depth_),
      truncated_path_(parent.truncated_path_),
      level_(parent.level_ + 1),
      observer_(parent.observer_) {
  if (depth_ < kMaxDepth) {
    path_[depth_++] = field;
  } else {
    truncated_path_ = true;
  }
}

std::string Reader::path(std::string_view field) const {
  std::string out;
  for (std::size_t i = 0; i < depth_; ++i) {
    if (!out.empty()) out += '.';
    out += path_[i];
  }
  if (truncated_path_) out += ".…";
  if (!field.empty()) {
    if (!out.empty()) out += '.';
    out += field;
  }
  return out;
}

void Reader::fail(AlertDescription alert, std::string_view field, std::string_view detail) const {
  std::string reason = path(field);
  reason += ": ";
  reason += detail;
  throw Error(alert, std::move(reason));
}

void Reader::need(std::size_t n, std::string_view field) const {
  if (n <= remaining()) return;
  fail(AlertDescription::decode_error, field,
       "needs " + std::to_string(n) + (n == 1 ? " byte" : " bytes") + " at offset " +
           std::to_string(offset()) + ", " + std::to_string(remaining()) + " left");
}

void Reader::report(Field::Kind kind, std::string_view name, std::size_t offset, std::size_t size,
                    std::size_t prefix_size, std::uint64_t value, ByteView body) const {
  observer_->on_field(Field{kind, name, offset, size, prefix_size, value, body, level_});
}

std::uint64_t Reader::read_be(std::size_t n, std::string_view field) {
  need(n, field);
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i)
    v = (v << 8) | data_[pos_ + i];
  pos_ += n;
  return v;
}

std::uint8_t Reader::u8(std::string_view field) {
  const auto v = static_cast<std::uint8_t>(read_be(1, field));
  if (observer_ != nullptr) report(Field::Kind::integer, field, offset() - 1, 1, 0, v, {});
  return v;
}
std::uint16_t Reader::u16(std::string_view field) {
  const auto v = static_cast<std::uint16_t>(read_be(2, field));
  if (observer_ != nullptr) report(Field::Kind::integer, field, offset() - 2, 2, 0, v, {});
  return v;
}
std::uint32_t Reader::u24(std::string_view field) {
  const auto v = static_cast<std::uint32_t>(read_be(3, field));
  if (observer_ != nullptr) report(Field::Kind::integer, field, offset() - 3, 3, 0, v, {});
  return v;
}
std::uint32_t Reader::u32(std::string_view field) {
  const auto v = static_cast<std::uint32_t>(read_be(4, field));
  if (observer_ != nullptr) report(Field::Kind::integer, field, offset() - 4, 4, 0, v, {});
  return v;
}
std::uint64_t Reader::u64(std::string_view field) {
  const auto v = read_be(8, field);
  if (observer_ != nullptr) report(Field::Kind::integer, field, offset() - 8, 8, 0, v, {});
  return v;
}

ByteView Reader::bytes(std::size_t n, std::string_view field) {
  need(n, field);
  ByteView out = data_.subspan(pos_, n);
  pos_ += n;
  if (observer_ != nullptr) report(Field::Kind::bytes, field, offset() - n, n, 0, n, out);
  return out;
}

ByteView Reader::vector(std::size_t prefix, std::string_view field, std::size_t min,
                        std::size_t max, std::size_t unit, std::size_t& start, Field::Kind kind) {
  const std::size_t prefix_offset = offset();
  const auto length = static_cast<std::size_t>(read_be(prefix, field));
  if (length < min) {
    fail(AlertDescription::decode_error, field,
         "length " + std::to_string(length) + " at offset " + std::to_string(prefix_offset) +
             " is below the minimum " + std::to_string(min));
  }
  if (length > max) {
    fail(AlertDescription::decode_error, field,
         "length " + std::to_string(length) + " at offset " + std::to_string(prefix_offset) +
             " is above the maximum " + std::to_string(max));
  }
  if (unit > 1 && length % unit != 0) {
    fail(AlertDescription::decode_error, field,
         "length " + std::to_string(length) + " at offset " + std::to_string(prefix_offset) +
             " is not a multiple of " + std::to_string(unit));
  }
  if (length > remaining()) {
    fail(AlertDescription::decode_error, field,
         "length " + std::to_string(length) + " at offset " + std::to_string(prefix_offset) +
             " exceeds the " + std::to_string(remaining()) + " bytes left");
  }
  start = offset();
  ByteView out = data_.subspan(pos_, length);
  pos_ += length;
  if (observer_ != nullptr) {
    report(kind, field, prefix_offset, prefix + length, prefix, length, out);
  }
  return out;
}

ByteView Reader::opaque8(std::string_view field, std::size_t min, std::size_t max,
                         std::size_t unit) {
  std::size_t start = 0;
  return vector(1, field, min, max, unit, start, Field::Kind::vector);
}
ByteView Reader::opaque16(std::string_view field, std::size_t min, std::size_t max,
                          std::size_t unit) {
  std::size_t start = 0;
  return vector(2, field, min, max, unit, start, Field::Kind::vector);
}
ByteView Reader::opaque24(std::string_view field, std::size_t min, std::size_t max,
                          std::size_t unit) {
  std::size_t start = 0;
  return vector(3, field, min, max, unit, start, Field::Kind::vector);
}

Reader Reader::sub8(std::string_view field, std::size_t min, std::size_t max, std::size_t unit) {
  std::size_t start = 0;
  ByteView body = vector(1, field, min, max, unit, start, Field::Kind::structure);
  return Reader(body, start, *this, field);
}
Reader Reader::sub16(std::string_view field, std::size_t min, std::size_t max, std::size_t unit) {
  std::size_t start = 0;
  ByteView body = vector(2, field, min, max, unit, start, Field::Kind::structure);
  return Reader(body, start, *this, field);
}
Reader Reader::sub24(std::string_view field, std::size_t min, std::size_t max, std::size_t unit) {
  std::size_t start = 0;
  ByteView body = vector(3, field, min, max, unit, start, Field::Kind::structure);
  return Reader(body, start, *this, field);
}

ByteView Reader::opaque(std::string_view field, const Bounds& b) {
  std::size_t start = 0;
  return vector(b.prefix, field, b.min, b.max, b.unit, start, Field::Kind::vector);
}
Reader Reader::sub(std::string_view field, const Bounds& b) {
  std::size_t start = 0;
  ByteView body = vector(b.prefix, field, b.min, b.max, b.unit, start, Field::Kind::structure);
  return Reader(body, start, *this, field);
}

ByteView Reader::u8_list(std::string_view field, const Bounds& b, std::string_view element) {
  Reader list = sub(field, b);
  while (!list.empty())
    (void)list.u8(element);
  return list.data();
}

Reader Reader::sub(std::size_t n, std::string_view field) {
  const std::size_t start = offset();
  need(n, field);
  ByteView body = data_.subspan(pos_, n);
  pos_ += n;
  if (observer_ != nullptr) report(Field::Kind::structure, field, start, n, 0, n, body);
  return Reader(body, start, *this, field);
}

std::optional<std::uint64_t> Reader::peek(std::size_t ahead, std::size_t n) const noexcept {
  if (n > 8 || ahead > remaining() || n > remaining() - ahead) return std::nullopt;
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i)
    v = (v << 8) | data_[pos_ + ahead + i];
  return v;
}

ByteView Reader::rest(std::string_view field) {
  const std::size_t start = offset();
  ByteView out = data_.subspan(pos_);
  pos_ = data_.size();
  if (observer_ != nullptr && !out.empty()) {
    report(Field::Kind::rest, field, start, out.size(), 0, out.size(), out);
  }
  return out;
}

void Reader::expect_end() const {
  if (empty()) return;
  const std::size_t n = remaining();
  fail(AlertDescription::decode_error, {},
       std::to_string(n) + (n == 1 ? " trailing byte" : " trailing bytes") + " at offset " +
           std::to_string(offset()));
}

}  // namespace tlslab::codec

// The DER writer.
#include "tlslab/pki/der_writer.hpp"

#include <array>
#include <cstdio>

#include "tlslab/error.hpp"

namespace tlslab::pki::der {

Bytes encode_header(Tag tag, std::size_t length) {
  Bytes h;
  const auto id = static_cast<std::uint8_t>((static_cast<unsigned>(tag.cls) << 6) |
                                            (tag.constructed ? 0x20U : 0U));
  if (tag.number < 0x1f) {
    h.push_back(static_cast<std::uint8_t>(id | tag.number));
  } else {
    // X.690 §8.1.2.4: base-128 tag number, most significant group first.
    h.push_back(static_cast<std::uint8_t>(id | 0x1fU));
    std::array<std::uint8_t, 5> groups{};
    std::size_t n = 0;
    std::uint32_t v = tag.number;
    do {
      groups[n++] = static_cast<std::uint8_t>(v & 0x7f);
      v >>= 7;
    } while (v != 0);
    while (n-- > 0)
      h.push_back(static_cast<std::uint8_t>(groups[n] | (n != 0 ? 0x80 : 0x00)));
  }
  if (length < 0x80) {
    h.push_back(static_cast<std::uint8_t>(length));
  } else {
    // X.690 §10.1: the definite form with the fewest length octets.
    std::array<std::uint8_t, sizeof(std::size_t)> bytes{};
    std::size_t n = 0;
    for (std::size_t v = length; v != 0; v >>= 8)
      bytes[n++] = static_cast<std::uint8_t>(v & 0xff);
    h.push_back(static_cast<std::uint8_t>(0x80 | n));
    while (n-- > 0)
      h.push_back(bytes[n]);
  }
  return h;
}

void Writer::element(Tag tag, ByteView contents) {
  const Bytes h = encode_header(tag, contents.size());
  out_.insert(out_.end(), h.begin(), h.end());
  out_.insert(out_.end(), contents.begin(), contents.end());
}

void Writer::close(Tag tag, std::size_t mark) {
  const Bytes h = encode_header(tag, out_.size() - mark);
  out_.insert(out_.begin() + static_cast<std::ptrdiff_t>(mark), h.begin(), h.end());
}

void Writer::boolean(bool v) {
  const std::uint8_t b = v ? 0xff : 0x00;
  element(tags::boolean, {&b, 1});
}

void Writer::integer(ByteView twos_complement) {
  element(tags::integer, twos_complement);
}

void Writer::unsigned_integer(ByteView magnitude) {
  std::size_t skip = 0;
  while (skip < magnitude.size() && magnitude[skip] == 0)
    ++skip;
  const ByteView m = magnitude.subspan(skip);
  Bytes contents;
  if (m.empty() || (m[0] & 0x80) != 0) contents.push_back(0x00);
  contents.insert(contents.end(), m.begin(), m.end());
  element(tags::integer, contents);
}

void Writer::small_unsigned(std::uint64_t v) {
  std::array<std::uint8_t, 8> bytes{};
  for (std::size_t i = 0; i < 8; ++i)
    bytes[7 - i] = static_cast<std::uint8_t>(v >> (8 * i));
  unsigned_integer(bytes);
}

void Writer::null() {
  element(tags::null, {});
}

void Writer::oid(Oid oid) {
  if (oid.empty()) fail(AlertDescription::internal_error, "DER writer: empty OBJECT IDENTIFIER");
  element(tags::oid, oid.contents());
}

void Writer::bit_string(ByteView bytes, unsigned unused_bits) {
  if (unused_bits > 7 || (bytes.empty() && unused_bits != 0)) {
    fail(AlertDescription::internal_error, "DER writer: invalid BIT STRING unused bit count");
  }
  Bytes contents;
  contents.reserve(bytes.size() + 1);
  contents.push_back(static_cast<std::uint8_t>(unused_bits));
  contents.insert(contents.end(), bytes.begin(), bytes.end());
  element(tags::bit_string, contents);
}

void Writer::time(std::int64_t t) {
  const CivilTime c = civil_from_time(t);
  const std::int64_t year = c.year;
  if (year < 0 || year > 9999) {
    fail(AlertDescription::internal_error,
         "DER writer: year " + std::to_string(year) + " cannot be encoded");
  }
  char text[64];
  if (year >= 1950 && year < 2050) {
    std::snprintf(text, sizeof text, "%02u%02u%02u%02u%02u%02uZ", static_cast<unsigned>(year % 100),
                  c.month, c.day, c.hour, c.minute, c.second);
    string(tags::utc_time, text);
  } else {
    std::snprintf(text, sizeof text, "%04u%02u%02u%02u%02u%02uZ", static_cast<unsigned>(year),
                  c.month, c.day, c.hour, c.minute, c.second);
    string(tags::generalized_time, text);
  }
}

}  // namespace tlslab::pki::der

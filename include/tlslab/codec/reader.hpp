// Bounds-checked reading of TLS presentation-language structures (RFC 5246 §4) from a span,
// without copying. Every read names its field; a failure throws tlslab::Error(decode_error) with
// the full field path, e.g. "ClientHello.extensions.server_name: needs 2 bytes at offset 57, 1
// left".
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tlslab/alert.hpp"
#include "tlslab/bytes.hpp"
#include "tlslab/codec/bounds.hpp"

namespace tlslab::codec {

// What a reader reports for every field it reads successfully. The trace builds its annotated
// tree from these reports, so a message's parse function is the one description of its layout.
struct Field {
  enum class Kind : std::uint8_t {
    integer,    // u8..u64: `value`
    bytes,      // fixed-size opaque: `body`
    vector,     // length-prefixed opaque: `body`, `prefix_size`
    structure,  // a nested reader (sub8/16/24/sub): the fields that follow with a greater
                // `depth` are its children
    rest,       // rest(): `body`
  };
  Kind kind;
  std::string_view name;
  std::size_t offset;       // absolute offset of the first byte (the length prefix for vectors)
  std::size_t size;         // bytes covered, prefix included
  std::size_t prefix_size;  // 1, 2 or 3 for vectors and prefixed structures, else 0
  std::uint64_t value;      // the integer; for vectors and structures the body length
  ByteView body;            // the bytes (without prefix) for bytes/vector/structure/rest
  std::size_t depth;        // nesting level of the reader that read it (0: the outermost)
};

class FieldObserver {
 public:
  virtual ~FieldObserver() = default;
  virtual void on_field(const Field& field) = 0;
};

class Reader {
 public:
  // `context` names the structure being read ("ClientHello"); it starts the path of every error.
  // Field names are expected to be string literals (only views are kept).
  explicit Reader(ByteView data, std::string_view context = {}) noexcept;

  std::uint8_t u8(std::string_view field);
  std::uint16_t u16(std::string_view field);
  std::uint32_t u24(std::string_view field);
  std::uint32_t u32(std::string_view field);
  std::uint64_t u64(std::string_view field);

  // opaque field[n]: exactly n bytes.
  ByteView bytes(std::size_t n, std::string_view field);
  // opaque field<min..max> with a 1-, 2- or 3-byte length prefix. `unit` is the size of one
  // element for vectors of fixed-size items (2 for cipher_suites): the length must be a multiple.
  ByteView opaque8(std::string_view field, std::size_t min = 0, std::size_t max = 0xff,
                   std::size_t unit = 1);
  ByteView opaque16(std::string_view field, std::size_t min = 0, std::size_t max = 0xffff,
                    std::size_t unit = 1);
  ByteView opaque24(std::string_view field, std::size_t min = 0, std::size_t max = 0xffffff,
                    std::size_t unit = 1);

  // The same vectors as nested readers whose errors carry `field` in their path.
  Reader sub8(std::string_view field, std::size_t min = 0, std::size_t max = 0xff,
              std::size_t unit = 1);
  Reader sub16(std::string_view field, std::size_t min = 0, std::size_t max = 0xffff,
               std::size_t unit = 1);
  Reader sub24(std::string_view field, std::size_t min = 0, std::size_t max = 0xffffff,
               std::size_t unit = 1);
  // The same, with the bounds declared once for parser and writer (bounds.hpp).
  ByteView opaque(std::string_view field, const Bounds& b);
  Reader sub(std::string_view field, const Bounds& b);
  // A vector of one-byte code points (certificate_types, ec_point_format_list): its bytes, each
  // element read as `element` so that observers (the trace) see and name every one.
  ByteView u8_list(std::string_view field, const Bounds& b, std::string_view element);
  // The next n bytes as a nested reader (for bodies whose length came from elsewhere).
  Reader sub(std::size_t n, std::string_view field);

  // Everything not yet read; the reader is then empty. `field` names it for observers.
  ByteView rest(std::string_view field = "rest");
  // Throws decode_error "<path>: N trailing bytes at offset O" unless everything was read.
  void expect_end() const;

  // The n-byte big-endian integer `ahead` bytes past the next one, without reading it;
  // std::nullopt if the bytes are not there (n <= 8).
  std::optional<std::uint64_t> peek(std::size_t ahead, std::size_t n) const noexcept;

  std::size_t remaining() const noexcept { return data_.size() - pos_; }
  bool empty() const noexcept { return pos_ == data_.size(); }
  // Offset of the next byte from the start of the outermost buffer (for traces and errors).
  std::size_t offset() const noexcept { return base_ + pos_; }
  // The bytes this reader covers (read or not).
  ByteView data() const noexcept { return data_; }

  // Reports every field this reader and its nested readers read to `observer` (nullptr: none).
  void observe(FieldObserver* observer) noexcept { observer_ = observer; }

  // "ClientHello.extensions" + "." + field.
  std::string path(std::string_view field = {}) const;
  // For semantic checks by parsers: throws Error(alert, "<path>.<field>: <detail>").
  [[noreturn]] void fail(AlertDescription alert, std::string_view field,
                         std::string_view detail) const;

  static constexpr std::size_t kMaxDepth = 8;

 private:
  Reader(ByteView data, std::size_t base, const Reader& parent, std::string_view field) noexcept;
  void need(std::size_t n, std::string_view field) const;
  void report(Field::Kind kind, std::string_view name, std::size_t offset, std::size_t size,
              std::size_t prefix_size, std::uint64_t value, ByteView body) const;
  std::uint64_t read_be(std::size_t n, std::string_view field);
  ByteView vector(std::size_t prefix, std::string_view field, std::size_t min, std::size_t max,
                  std::size_t unit, std::size_t& start, Field::Kind kind);

  ByteView data_;
  std::size_t pos_ = 0;
  std::size_t base_ = 0;
  // The path is kept as views (no allocation per nested reader); deeper levels than kMaxDepth
  // keep the outermost ones and are marked with "…" when printed.
  std::array<std::string_view, kMaxDepth> path_{};
  std::size_t depth_ = 0;
  bool truncated_path_ = false;
  std::size_t level_ = 0;  // nesting level (0 for the outermost reader), for observers
  FieldObserver* observer_ = nullptr;
};

}  // namespace tlslab::codec

// The DER/BER reader (X.690 §8 for BER, §10 for the DER restrictions).
#include "tlslab/pki/der.hpp"

#include <string>

#include "tlslab/error.hpp"

namespace tlslab::pki::der {
namespace {

std::string universal_name(std::uint32_t n) {
  switch (n) {
    case 0:
      return "end-of-contents";
    case 1:
      return "BOOLEAN";
    case 2:
      return "INTEGER";
    case 3:
      return "BIT STRING";
    case 4:
      return "OCTET STRING";
    case 5:
      return "NULL";
    case 6:
      return "OBJECT IDENTIFIER";
    case 10:
      return "ENUMERATED";
    case 12:
      return "UTF8String";
    case 16:
      return "SEQUENCE";
    case 17:
      return "SET";
    case 18:
      return "NumericString";
    case 19:
      return "PrintableString";
    case 20:
      return "T61String";
    case 21:
      return "VideotexString";
    case 22:
      return "IA5String";
    case 23:
      return "UTCTime";
    case 24:
      return "GeneralizedTime";
    case 25:
      return "GraphicString";
    case 26:
      return "VisibleString";
    case 27:
      return "GeneralString";
    case 28:
      return "UniversalString";
    case 30:
      return "BMPString";
    default:
      return "[UNIVERSAL " + std::to_string(n) + "]";
  }
}

// X.690 §8: the types whose encoding is always primitive / always constructed.
bool always_primitive(std::uint32_t n) {
  return n == 1 || n == 2 || n == 5 || n == 6 || n == 10 || n == 13 || n == 23 || n == 24;
}
bool always_constructed(std::uint32_t n) {
  return n == 16 || n == 17;
}
// String types: primitive in DER (§10.2), either form in BER (§8.7, §8.23).
bool is_string_type(std::uint32_t n) {
  return n == 3 || n == 4 || n == 12 || (n >= 18 && n <= 22) || (n >= 25 && n <= 28) || n == 30;
}

std::string offset_text(std::size_t offset) {
  return "at offset " + std::to_string(offset);
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

unsigned two_digits(std::string_view s, std::size_t at) {
  return static_cast<unsigned>((s[at] - '0') * 10 + (s[at + 1] - '0'));
}

void put_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

// Validates UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
std::optional<std::string> check_utf8(ByteView s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::uint8_t b = s[i];
    std::size_t n = 0;
    std::uint32_t cp = 0;
    std::uint32_t min = 0;
    if (b < 0x80) {
      ++i;
      continue;
    } else if ((b & 0xe0) == 0xc0) {
      n = 1, cp = b & 0x1fU, min = 0x80;
    } else if ((b & 0xf0) == 0xe0) {
      n = 2, cp = b & 0x0fU, min = 0x800;
    } else if ((b & 0xf8) == 0xf0) {
      n = 3, cp = b & 0x07U, min = 0x10000;
    } else {
      return "invalid UTF-8 lead byte 0x" + to_hex(s.subspan(i, 1)) + " at index " +
             std::to_string(i);
    }
    if (i + n >= s.size()) {
      return "truncated UTF-8 sequence at index " + std::to_string(i);
    }
    for (std::size_t k = 1; k <= n; ++k) {
      if ((s[i + k] & 0xc0) != 0x80) {
        return "invalid UTF-8 continuation byte at index " + std::to_string(i + k);
      }
      cp = (cp << 6) | (s[i + k] & 0x3fU);
    }
    if (cp < min) return "overlong UTF-8 encoding at index " + std::to_string(i);
    if (cp >= 0xd800 && cp <= 0xdfff)
      return "UTF-8 encodes a surrogate at index " + std::to_string(i);
    if (cp > 0x10ffff) return "UTF-8 code point above U+10FFFF at index " + std::to_string(i);
    i += n + 1;
  }
  return std::nullopt;
}

// X.680 §41.4 PrintableString characters. '*' and '&' are not among them, but certificates
// with "AT&T" or wildcards in PrintableStrings exist and every major verifier accepts them.
bool printable_char(std::uint8_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case ' ':
    case '\'':
    case '(':
    case ')':
    case '+':
    case ',':
    case '-':
    case '.':
    case '/':
    case ':':
    case '=':
    case '?':
    case '*':
    case '&':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string Tag::describe() const {
  if (cls == Class::universal) {
    std::string out = universal_name(number);
    if (constructed && !always_constructed(number)) out += " (constructed)";
    if (!constructed && always_constructed(number)) out += " (primitive)";
    return out;
  }
  std::string out = "[";
  if (cls == Class::application) out += "APPLICATION ";
  if (cls == Class::private_use) out += "PRIVATE ";
  out += std::to_string(number) + "]";
  out += constructed ? " constructed" : " primitive";
  return out;
}

Reader::Reader(ByteView data, std::string_view context, AlertDescription alert,
               Encoding encoding) noexcept
    : data_(data), alert_(alert), encoding_(encoding) {
  if (!context.empty()) path_[depth_++] = Name(context);
}

Reader::Reader(ByteView data, std::size_t base, const Reader& parent, Name field) noexcept
    : data_(data),
      base_(base),
      alert_(parent.alert_),
      encoding_(parent.encoding_),
      path_(parent.path_),
      depth_(parent.depth_),
      truncated_path_(parent.truncated_path_) {
  if (depth_ < kMaxPathDepth) {
    path_[depth_++] = field;
  } else {
    truncated_path_ = true;
  }
}

std::string Reader::path(Name field) const {
  std::string out;
  const auto append = [&](const Name& n) {
    if (n.text.empty() && n.index == Name::kNoIndex) return;
    if (!out.empty() && !n.text.empty()) out += '.';
    out += n.text;
    if (n.index != Name::kNoIndex) out += "[" + std::to_string(n.index) + "]";
  };
  for (std::size_t i = 0; i < depth_; ++i)
    append(path_[i]);
  if (truncated_path_) out += ".…";
  append(field);
  return out;
}

void Reader::fail(Name field, std::string_view detail) const {
  std::string reason = path(field);
  reason += ": ";
  reason += detail;
  throw Error(alert_, std::move(reason));
}

// Parses the identifier and length octets at pos_ and finds the element's end; consumes
// nothing.
Element Reader::parse_element(Name field) const {
  struct Walker {
    const Reader& r;
    Name field;

    // Reads the header at `pos` of r.data_; sets `tag`, `header` (size of identifier+length),
    // `length` (contents size; for indefinite lengths the size up to the end-of-contents) and
    // `indefinite`.
    void header(std::size_t pos, std::size_t depth, Tag& tag, std::size_t& header,
                std::size_t& length, bool& indefinite) const {
      const ByteView d = r.data_;
      const std::size_t start = pos;
      const auto need = [&](std::size_t n, const char* what) {
        if (d.size() - pos < n) {
          r.fail(field, std::string("truncated ") + what + " " + offset_text(r.base_ + pos) +
                            " (element starting " + offset_text(r.base_ + start) + ")");
        }
      };
      need(1, "identifier octet");
      const std::uint8_t id = d[pos++];
      tag.cls = static_cast<Class>(id >> 6);
      tag.constructed = (id & 0x20) != 0;
      tag.number = id & 0x1fU;
      if (tag.number == 0x1f) {
        // X.690 §8.1.2.4: high tag numbers, base 128, minimal (§8.1.2.4.2 c).
        std::uint32_t n = 0;
        for (std::size_t count = 0;; ++count) {
          need(1, "tag number octet");
          const std::uint8_t b = d[pos++];
          if (count == 0 && b == 0x80) {
            r.fail(field, "tag number with a leading 0x80 octet " + offset_text(r.base_ + start));
          }
          if (count == 4) r.fail(field, "tag number too large " + offset_text(r.base_ + start));
          n = (n << 7) | (b & 0x7fU);
          if ((b & 0x80) == 0) break;
        }
        if (n < 0x1f) {
          r.fail(field, "tag number " + std::to_string(n) +
                            " uses the long form but fits the short one " +
                            offset_text(r.base_ + start));
        }
        tag.number = n;
      }
      need(1, "length octet");
      const std::uint8_t l = d[pos++];
      indefinite = false;
      if (l < 0x80) {
        length = l;
      } else if (l == 0x80) {
        if (r.encoding_ == Encoding::der) {
          r.fail(field,
                 "indefinite length " + offset_text(r.base_ + start) + " is not allowed in DER");
        }
        if (!tag.constructed) {
          r.fail(field, "indefinite length on a primitive element " + offset_text(r.base_ + start));
        }
        indefinite = true;
      } else if (l == 0xff) {
        r.fail(field, "reserved length octet 0xFF " + offset_text(r.base_ + start));
      } else {
        const std::size_t n = l & 0x7fU;
        if (n > 4) {
          r.fail(field, "length of " + std::to_string(n) + " octets " +
                            offset_text(r.base_ + start) + " is too large");
        }
        need(n, "length octets");
        if (r.encoding_ == Encoding::der && d[pos] == 0) {
          r.fail(field,
                 "non-minimal length " + offset_text(r.base_ + start) + " (leading zero octet)");
        }
        std::size_t v = 0;
        for (std::size_t i = 0; i < n; ++i)
          v = (v << 8) | d[pos++];
        if (r.encoding_ == Encoding::der && v < 0x80) {
          r.fail(field, "non-minimal length " + offset_text(r.base_ + start) + ": " +
                            std::to_string(v) + " fits the short form");
        }
        length = v;
      }
      header = pos - start;
      if (tag.cls == Class::universal) {
        if (tag.number == 0) {
          r.fail(field, "unexpected end-of-contents octets " + offset_text(r.base_ + start));
        }
        if (always_primitive(tag.number) && tag.constructed) {
          r.fail(field, universal_name(tag.number) + " " + offset_text(r.base_ + start) +
                            " must be primitive");
        }
        if (always_constructed(tag.number) && !tag.constructed) {
          r.fail(field, universal_name(tag.number) + " " + offset_text(r.base_ + start) +
                            " must be constructed");
        }
        if (r.encoding_ == Encoding::der && is_string_type(tag.number) && tag.constructed) {
          r.fail(field, "constructed " + universal_name(tag.number) + " " +
                            offset_text(r.base_ + start) + " is not allowed in DER");
        }
      }
      if (indefinite) {
        length = indefinite_length(pos, depth + 1, start);
      } else if (length > d.size() - pos) {
        r.fail(field, "length " + std::to_string(length) + " " + offset_text(r.base_ + start) +
                          " exceeds the " + std::to_string(d.size() - pos) + " bytes left");
      }
    }

    // X.690 §8.1.3.6: the contents of an indefinite-length element run to the end-of-contents
    // octets 00 00 at its own level, so its children are walked to find them.
    std::size_t indefinite_length(std::size_t contents, std::size_t depth,
                                  std::size_t start) const {
      if (depth > kMaxBerDepth) {
        r.fail(field, "indefinite-length elements nested deeper than " +
                          std::to_string(kMaxBerDepth) + " " + offset_text(r.base_ + start));
      }
      const ByteView d = r.data_;
      std::size_t pos = contents;
      while (true) {
        if (d.size() - pos >= 2 && d[pos] == 0 && d[pos + 1] == 0) return pos - contents;
        if (pos == d.size()) {
          r.fail(field, "indefinite-length element " + offset_text(r.base_ + start) +
                            " has no end-of-contents octets");
        }
        Tag tag;
        std::size_t header_size = 0;
        std::size_t length = 0;
        bool indefinite = false;
        header(pos, depth, tag, header_size, length, indefinite);
        pos += header_size + length + (indefinite ? 2 : 0);
      }
    }
  };

  if (empty()) fail(field, "missing (no bytes left " + offset_text(offset()) + ")");
  Walker w{*this, field};
  Element e;
  std::size_t header = 0;
  std::size_t length = 0;
  w.header(pos_, 0, e.tag, header, length, e.indefinite);
  e.offset = offset();
  e.contents = data_.subspan(pos_ + header, length);
  e.encoding = data_.subspan(pos_, header + length + (e.indefinite ? 2 : 0));
  return e;
}

std::optional<Tag> Reader::peek() const noexcept {
  if (empty()) return std::nullopt;
  try {
    return parse_element({}).tag;
  } catch (const Error&) {
    return std::nullopt;
  }
}

Element Reader::read(Name field) {
  Element e = parse_element(field);
  pos_ += e.encoding.size();
  return e;
}

Element Reader::read(Tag tag, Name field) {
  if (empty()) {
    fail(field, "missing " + tag.describe() + " (no bytes left " + offset_text(offset()) + ")");
  }
  Element e = parse_element(field);
  if (!(e.tag == tag)) {
    fail(field, "expected " + tag.describe() + ", found " + e.tag.describe() + " " +
                    offset_text(offset()));
  }
  pos_ += e.encoding.size();
  return e;
}

std::optional<Element> Reader::read_optional(Tag tag, Name field) {
  if (empty()) return std::nullopt;
  // The identifier alone decides; a malformed length is an error, not an absent field.
  Element e = parse_element(field);
  if (!(e.tag == tag)) return std::nullopt;
  pos_ += e.encoding.size();
  return e;
}

Reader Reader::constructed(Tag tag, Name field) {
  const Element e = read(tag, field);
  return enter(e, field);
}

std::optional<Reader> Reader::optional_constructed(Tag tag, Name field) {
  auto e = read_optional(tag, field);
  if (!e) return std::nullopt;
  return enter(*e, field);
}

Reader Reader::enter(const Element& element, Name field) const {
  const std::size_t header =
      element.encoding.size() - element.contents.size() - (element.indefinite ? 2 : 0);
  return Reader(element.contents, element.offset + header, *this, field);
}

Reader Reader::nested(ByteView bytes, Name field) const {
  if (bytes.empty()) return Reader(bytes, offset(), *this, field);
  const auto begin = reinterpret_cast<std::uintptr_t>(data_.data());
  const auto start = reinterpret_cast<std::uintptr_t>(bytes.data());
  if (start < begin || start - begin > data_.size() ||
      bytes.size() > data_.size() - (start - begin)) {
    throw Error(AlertDescription::internal_error,
                path(field) + ": der::Reader::nested called with bytes outside the reader");
  }
  return Reader(bytes, base_ + (start - begin), *this, field);
}

Element Reader::primitive(Tag tag, Name field) {
  const Tag expected = implicit_.value_or(tag);
  implicit_.reset();
  return read(expected, field);
}

bool Reader::boolean(Name field) {
  const Element e = primitive(tags::boolean, field);
  if (e.contents.size() != 1) {
    fail(field, "BOOLEAN of " + std::to_string(e.contents.size()) + " octets (must be 1)");
  }
  const std::uint8_t v = e.contents[0];
  // X.690 §11.1: DER encodes TRUE as 0xFF.
  if (encoding_ == Encoding::der && v != 0x00 && v != 0xff) {
    fail(field, "BOOLEAN 0x" + to_hex(e.contents) + " is not DER (0x00 or 0xFF)");
  }
  return v != 0;
}

ByteView Reader::integer(Name field) {
  const Element e = primitive(tags::integer, field);
  const ByteView c = e.contents;
  if (c.empty()) fail(field, "INTEGER with no contents octets");
  // X.690 §8.3.2: the first nine bits are never all zeros or all ones.
  if (c.size() >= 2 &&
      ((c[0] == 0x00 && (c[1] & 0x80) == 0) || (c[0] == 0xff && (c[1] & 0x80) != 0))) {
    fail(field, "INTEGER " + offset_text(e.offset) + " is not minimally encoded (leading 0x" +
                    to_hex(c.subspan(0, 1)) + " octet)");
  }
  return c;
}

ByteView Reader::unsigned_integer(Name field) {
  const ByteView c = integer(field);
  if ((c[0] & 0x80) != 0) fail(field, "negative INTEGER where a non-negative one is required");
  return c[0] == 0 ? c.subspan(1) : c;
}

std::uint64_t Reader::small_unsigned(Name field, std::uint64_t max) {
  const ByteView c = unsigned_integer(field);
  if (c.size() > 8) fail(field, "INTEGER of " + std::to_string(c.size()) + " octets is too large");
  std::uint64_t v = 0;
  for (const std::uint8_t b : c)
    v = (v << 8) | b;
  if (v > max) {
    fail(field, "INTEGER " + std::to_string(v) + " exceeds the maximum " + std::to_string(max));
  }
  return v;
}

BitString Reader::bit_string(Name field) {
  if (auto t = peek(); !implicit_ && t && *t == Tag::universal(3, true)) {
    fail(field, "constructed BIT STRING " + offset_text(offset()) + " is not supported");
  }
  const Element e = primitive(tags::bit_string, field);
  const ByteView c = e.contents;
  if (c.empty()) fail(field, "BIT STRING with no contents octets");
  BitString bits{c.subspan(1), c[0]};
  if (bits.unused_bits > 7) {
    fail(field, "BIT STRING with " + std::to_string(bits.unused_bits) + " unused bits (max 7)");
  }
  if (bits.bytes.empty() && bits.unused_bits != 0) {
    fail(field, "empty BIT STRING with " + std::to_string(bits.unused_bits) + " unused bits");
  }
  // X.690 §11.2.1: DER sets the unused bits to zero.
  if (encoding_ == Encoding::der && !bits.bytes.empty() &&
      (bits.bytes.back() & ((1U << bits.unused_bits) - 1U)) != 0) {
    fail(field, "BIT STRING unused bits are not zero");
  }
  return bits;
}

ByteView Reader::bit_string_bytes(Name field) {
  const BitString bits = bit_string(field);
  if (bits.unused_bits != 0) {
    fail(field, "BIT STRING has " + std::to_string(bits.unused_bits) +
                    " unused bits where whole octets are required");
  }
  return bits.bytes;
}

ByteView Reader::octet_string(Name field) {
  if (auto t = peek(); !implicit_ && t && *t == Tag::universal(4, true)) {
    fail(field, "constructed OCTET STRING " + offset_text(offset()) +
                    " where a primitive one "
                    "is required");
  }
  return primitive(tags::octet_string, field).contents;
}

OctetString Reader::octets(Name field) {
  const auto t = peek();
  if (!t || !(*t == Tag::universal(4, true)) || encoding_ == Encoding::der) {
    return OctetString(octet_string(field));
  }
  // X.690 §8.7.3: a constructed OCTET STRING is the concatenation of its segments, which are
  // OCTET STRINGs themselves (primitive or, recursively, constructed).
  Bytes out;
  struct Collect {
    Bytes& out;
    void run(Reader& r, std::size_t depth) {
      while (!r.empty()) {
        const auto inner = r.peek();
        if (inner && *inner == Tag::universal(4, true)) {
          if (depth >= kMaxBerDepth) r.fail("segment", "constructed OCTET STRING nested too deep");
          Reader sub = r.constructed(Tag::universal(4, true), "segment");
          run(sub, depth + 1);
        } else {
          const ByteView part = r.read(tags::octet_string, "segment").contents;
          out.insert(out.end(), part.begin(), part.end());
        }
      }
    }
  };
  Reader segments = constructed(Tag::universal(4, true), field);
  Collect{out}.run(segments, 1);
  return OctetString(std::move(out));
}

void Reader::null(Name field) {
  const Element e = primitive(tags::null, field);
  if (!e.contents.empty()) fail(field, "NULL with contents octets");
}

Oid Reader::oid(Name field) {
  const Element e = primitive(tags::oid, field);
  const ByteView c = e.contents;
  if (c.empty()) fail(field, "OBJECT IDENTIFIER with no contents octets");
  // X.690 §8.19.2: each subidentifier is minimal (no leading 0x80) and ends with bit 8 clear.
  bool start = true;
  for (const std::uint8_t b : c) {
    if (start && b == 0x80) fail(field, "OBJECT IDENTIFIER subidentifier with a leading 0x80");
    start = (b & 0x80) == 0;
  }
  if (!start) fail(field, "OBJECT IDENTIFIER ends inside a subidentifier");
  return Oid(c);
}

Time Reader::time(Name field) {
  const auto t = peek();
  const bool generalized = t && *t == tags::generalized_time;
  const Element e = read(generalized ? tags::generalized_time : tags::utc_time, field);
  const std::string_view text(reinterpret_cast<const char*>(e.contents.data()), e.contents.size());
  std::string error;
  const auto seconds = parse_time(text, generalized, error);
  if (!seconds) fail(field, error);
  return {*seconds, generalized, text};
}

String Reader::string(Name field) {
  const Element e = read(field);
  if (e.tag.cls != Class::universal || e.tag.constructed || !is_string_type(e.tag.number) ||
      e.tag.number == 3 || e.tag.number == 4) {
    fail(field,
         "expected a character string, found " + e.tag.describe() + " " + offset_text(e.offset));
  }
  check_string_contents(e, field);
  return {e.tag.number, e.contents};
}

std::string_view Reader::ia5_string(Name field) {
  Element e = primitive(tags::ia5_string, field);
  e.tag = tags::ia5_string;
  check_string_contents(e, field);
  return {reinterpret_cast<const char*>(e.contents.data()), e.contents.size()};
}

void Reader::check_string_contents(const Element& e, Name field) const {
  if (auto problem = check_string(e.tag.number, e.contents)) {
    fail(field, universal_name(e.tag.number) + ": " + *problem);
  }
}

void Reader::expect_end() const {
  if (empty()) return;
  const std::size_t n = remaining();
  fail({}, std::to_string(n) + (n == 1 ? " trailing byte " : " trailing bytes ") +
               offset_text(offset()));
}

std::optional<std::string> check_string(std::uint32_t tag, ByteView c) {
  const auto bad_char = [&](std::size_t i) {
    return "character 0x" + to_hex(c.subspan(i, 1)) + " at index " + std::to_string(i) +
           " is not allowed";
  };
  switch (tag) {
    case 12:
      return check_utf8(c);
    case 18:  // NumericString: digits and space
      for (std::size_t i = 0; i < c.size(); ++i)
        if (!(c[i] == ' ' || (c[i] >= '0' && c[i] <= '9'))) return bad_char(i);
      return std::nullopt;
    case 19:
      for (std::size_t i = 0; i < c.size(); ++i)
        if (!printable_char(c[i])) return bad_char(i);
      return std::nullopt;
    case 22:  // IA5String: ASCII
      for (std::size_t i = 0; i < c.size(); ++i)
        if (c[i] > 0x7f) return bad_char(i);
      return std::nullopt;
    case 26:  // VisibleString: printable ASCII
      for (std::size_t i = 0; i < c.size(); ++i)
        if (c[i] < 0x20 || c[i] > 0x7e) return bad_char(i);
      return std::nullopt;
    case 20:
    case 21:
    case 25:
    case 27:  // T61/Videotex/Graphic/GeneralString: taken as Latin-1 bytes
      return std::nullopt;
    case 28:  // UniversalString: UCS-4 big-endian
      if (c.size() % 4 != 0)
        return "length " + std::to_string(c.size()) + " is not a multiple of 4";
      for (std::size_t i = 0; i < c.size(); i += 4) {
        const std::uint32_t cp = (std::uint32_t{c[i]} << 24) | (std::uint32_t{c[i + 1]} << 16) |
                                 (std::uint32_t{c[i + 2]} << 8) | c[i + 3];
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
          return "invalid code point at index " + std::to_string(i);
        }
      }
      return std::nullopt;
    case 30: {  // BMPString: UCS-2 big-endian; surrogate pairs (UTF-16) accepted, lone ones not
      if (c.size() % 2 != 0) return "odd length " + std::to_string(c.size());
      for (std::size_t i = 0; i < c.size(); i += 2) {
        const unsigned u = (unsigned{c[i]} << 8) | c[i + 1];
        if (u >= 0xd800 && u <= 0xdbff) {
          if (i + 3 >= c.size()) return "unpaired surrogate at index " + std::to_string(i);
          const unsigned low = (unsigned{c[i + 2]} << 8) | c[i + 3];
          if (low < 0xdc00 || low > 0xdfff)
            return "unpaired surrogate at index " + std::to_string(i);
          i += 2;
        } else if (u >= 0xdc00 && u <= 0xdfff) {
          return "unpaired surrogate at index " + std::to_string(i);
        }
      }
      return std::nullopt;
    }
    default:
      return "tag " + std::to_string(tag) + " is not a character string type";
  }
}

std::string to_utf8(const String& s) {
  std::string out;
  const ByteView c = s.contents;
  switch (s.tag) {
    case 12:
      return {reinterpret_cast<const char*>(c.data()), c.size()};
    case 28:
      for (std::size_t i = 0; i + 3 < c.size(); i += 4) {
        put_utf8(out, (std::uint32_t{c[i]} << 24) | (std::uint32_t{c[i + 1]} << 16) |
                          (std::uint32_t{c[i + 2]} << 8) | c[i + 3]);
      }
      return out;
    case 30:
      for (std::size_t i = 0; i + 1 < c.size(); i += 2) {
        std::uint32_t u = (std::uint32_t{c[i]} << 8) | c[i + 1];
        if (u >= 0xd800 && u <= 0xdbff && i + 3 < c.size()) {
          const std::uint32_t low = (std::uint32_t{c[i + 2]} << 8) | c[i + 3];
          u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
          i += 2;
        }
        put_utf8(out, u);
      }
      return out;
    default:
      for (const std::uint8_t b : c)
        put_utf8(out, b);
      return out;
  }
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);                 // [0, 399]
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilTime civil_from_time(std::int64_t t) noexcept {
  std::int64_t days = t / 86400;
  std::int64_t secs = t % 86400;
  if (secs < 0) {
    secs += 86400;
    days -= 1;
  }
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  CivilTime c{};
  c.day = doy - (153 * mp + 2) / 5 + 1;
  c.month = mp < 10 ? mp + 3 : mp - 9;
  c.year = static_cast<std::int64_t>(yoe) + era * 400 + (c.month <= 2 ? 1 : 0);
  c.hour = static_cast<unsigned>(secs / 3600);
  c.minute = static_cast<unsigned>(secs / 60 % 60);
  c.second = static_cast<unsigned>(secs % 60);
  return c;
}

std::optional<std::int64_t> parse_time(std::string_view s, bool generalized, std::string& error) {
  const char* type = generalized ? "GeneralizedTime" : "UTCTime";
  const std::size_t digits = generalized ? 14 : 12;
  std::string shown;
  for (const char c : s)
    shown += (c >= 0x20 && c < 0x7f) ? c : '?';
  const std::string quoted = std::string(type) + " \"" + shown + "\"";
  // RFC 5280 §4.1.2.5.1/.2: seconds present, Zulu, no fractional seconds, no offsets.
  if (s.find('.') != std::string_view::npos || s.find(',') != std::string_view::npos) {
    error = quoted + " has fractional seconds (RFC 5280 §4.1.2.5 forbids them)";
    return std::nullopt;
  }
  if (s.find('+') != std::string_view::npos || s.find('-') != std::string_view::npos) {
    error = quoted + " has a time zone offset (RFC 5280 §4.1.2.5 requires Z)";
    return std::nullopt;
  }
  if (s.size() != digits + 1 || s.back() != 'Z') {
    if (!s.empty() && s.back() == 'Z' && s.size() == digits - 1) {
      error = quoted + " has no seconds (RFC 5280 §4.1.2.5 requires them)";
    } else if (!s.empty() && s.back() != 'Z') {
      error = quoted + " does not end in Z (RFC 5280 §4.1.2.5 requires UTC)";
    } else {
      error = quoted + " must have the form " + (generalized ? "YYYYMMDDHHMMSSZ" : "YYMMDDHHMMSSZ");
    }
    return std::nullopt;
  }
  for (std::size_t i = 0; i < digits; ++i) {
    if (!is_digit(s[i])) {
      error = quoted + ": non-digit at index " + std::to_string(i);
      return std::nullopt;
    }
  }
  std::int64_t year = 0;
  std::size_t p = 0;
  if (generalized) {
    year = two_digits(s, 0) * 100 + two_digits(s, 2);
    p = 4;
  } else {
    const unsigned yy = two_digits(s, 0);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;  // RFC 5280 §4.1.2.5.1
    p = 2;
  }
  const unsigned month = two_digits(s, p);
  const unsigned day = two_digits(s, p + 2);
  const unsigned hour = two_digits(s, p + 4);
  const unsigned minute = two_digits(s, p + 6);
  const unsigned second = two_digits(s, p + 8);
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month < 1 || month > 12) {
    error = quoted + ": month " + std::to_string(month) + " out of range";
    return std::nullopt;
  }
  const unsigned month_days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  if (day < 1 || day > month_days) {
    error = quoted + ": day " + std::to_string(day) + " out of range";
    return std::nullopt;
  }
  if (hour > 23 || minute > 59 || second > 59) {
    error = quoted + ": time of day out of range";
    return std::nullopt;
  }
  return days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

}  // namespace tlslab::pki::der

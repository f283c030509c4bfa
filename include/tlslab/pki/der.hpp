// Reading ASN.1 DER (X.690 §10) without copying, in the style of codec::Reader: every read names
// its field, and a failure throws tlslab::Error with the full field path and the alert the
// caller chose for this input ("Certificate.tbsCertificate.validity.notAfter: UTCTime
// \"2401011200Z\" has no seconds"). Certificates from the wire use bad_certificate; files use
// decode_error.
//
// Strict DER by default: definite, minimal lengths; minimal tag numbers; primitive/constructed
// as X.690 requires for each universal type; minimal INTEGERs; BOOLEAN 0x00/0xFF; BIT STRING
// unused bits zero. Encoding::ber relaxes exactly what BER allows and PKCS#12 producers emit:
// indefinite lengths (X.690 §8.1.3.6), non-minimal length octets, constructed OCTET STRINGs
// (read them with octets(), which concatenates the segments) and any non-zero BOOLEAN as TRUE.
//
// A reader and the readers it returns for nested elements refer to the caller's buffer: keep it
// alive while they (and the views they return) are in use.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tlslab/alert.hpp"
#include "tlslab/bytes.hpp"
#include "tlslab/pki/oid.hpp"

namespace tlslab::pki::der {

enum class Class : std::uint8_t { universal = 0, application = 1, context = 2, private_use = 3 };

struct Tag {
  Class cls = Class::universal;
  bool constructed = false;
  std::uint32_t number = 0;

  static constexpr Tag universal(std::uint32_t n, bool constructed = false) noexcept {
    return {Class::universal, constructed, n};
  }
  // [n] in an ASN.1 module: constructed for EXPLICIT tags and IMPLICIT tags on constructed
  // types (SEQUENCE, SET, CHOICE of them), primitive for IMPLICIT tags on primitive types.
  static constexpr Tag context(std::uint32_t n, bool constructed) noexcept {
    return {Class::context, constructed, n};
  }
  friend constexpr bool operator==(const Tag&, const Tag&) = default;
  // "SEQUENCE", "INTEGER", "[0] constructed", "[APPLICATION 3] primitive".
  std::string describe() const;
};

// The universal tags tlslab reads (X.680 §8.4).
namespace tags {
inline constexpr Tag boolean = Tag::universal(1);
inline constexpr Tag integer = Tag::universal(2);
inline constexpr Tag bit_string = Tag::universal(3);
inline constexpr Tag octet_string = Tag::universal(4);
inline constexpr Tag null = Tag::universal(5);
inline constexpr Tag oid = Tag::universal(6);
inline constexpr Tag enumerated = Tag::universal(10);
inline constexpr Tag utf8_string = Tag::universal(12);
inline constexpr Tag sequence = Tag::universal(16, true);
inline constexpr Tag set = Tag::universal(17, true);
inline constexpr Tag numeric_string = Tag::universal(18);
inline constexpr Tag printable_string = Tag::universal(19);
inline constexpr Tag t61_string = Tag::universal(20);
inline constexpr Tag ia5_string = Tag::universal(22);
inline constexpr Tag utc_time = Tag::universal(23);
inline constexpr Tag generalized_time = Tag::universal(24);
inline constexpr Tag visible_string = Tag::universal(26);
inline constexpr Tag universal_string = Tag::universal(28);
inline constexpr Tag bmp_string = Tag::universal(30);
}  // namespace tags

enum class Encoding : std::uint8_t { der, ber };

// One TLV as read.
struct Element {
  Tag tag;
  ByteView contents;       // the value octets (for an indefinite length: up to the end-of-contents)
  ByteView encoding;       // the whole TLV: identifier, length, contents (and end-of-contents)
  std::size_t offset = 0;  // absolute offset of the identifier octet in the outermost buffer
  bool indefinite = false;
};

// BIT STRING value (X.690 §8.6): `bytes` holds the bits, the last `unused_bits` bits of the last
// byte are padding (zero in DER).
struct BitString {
  ByteView bytes;
  unsigned unused_bits = 0;

  std::size_t bit_count() const noexcept { return bytes.size() * 8 - unused_bits; }
  // Bit i in ASN.1 numbering (bit 0 is the most significant bit of the first byte); false
  // beyond the end, as named bit lists drop trailing zero bits.
  bool bit(std::size_t i) const noexcept {
    return i < bit_count() && (bytes[i / 8] & (0x80U >> (i % 8))) != 0;
  }
};

// An OCTET STRING value: a view of the input, or, when BER split it into segments (constructed
// form), the concatenation it owns. Copies and moves keep view() valid.
class OctetString {
 public:
  OctetString() = default;
  explicit OctetString(ByteView v) : view_(v) {}
  explicit OctetString(Bytes owned) : owned_(true), storage_(std::move(owned)) {}
  ByteView view() const noexcept { return owned_ ? ByteView(storage_) : view_; }
  bool concatenated() const noexcept { return owned_; }

 private:
  bool owned_ = false;
  ByteView view_;
  Bytes storage_;
};

// A character string as found in a name or an extension: its universal tag number and its
// contents octets in that type's encoding.
struct String {
  std::uint32_t tag = 0;  // 12 UTF8String, 19 PrintableString, 22 IA5String, 30 BMPString, ...
  ByteView contents;
};

// A time as seconds since 1970-01-01T00:00:00Z (negative before), with the form it came in.
struct Time {
  std::int64_t seconds = 0;
  bool generalized = false;  // GeneralizedTime (else UTCTime)
  std::string_view text;     // the characters as encoded ("250101120000Z")
};

// A field name, optionally with an index for items of SEQUENCE OF / SET OF, printed as
// "extensions[2]". The text must outlive the readers (string literals).
struct FieldName {
  static constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);
  std::string_view text;
  std::size_t index = kNoIndex;
  constexpr FieldName() noexcept = default;
  constexpr FieldName(const char* t) noexcept : text(t) {}       // NOLINT: implicit on purpose
  constexpr FieldName(std::string_view t) noexcept : text(t) {}  // NOLINT
  constexpr FieldName(std::string_view t, std::size_t i) noexcept : text(t), index(i) {}
};

class Reader {
 public:
  using Name = FieldName;

  // An empty reader (no context, decode_error).
  Reader() noexcept : Reader({}, {}) {}
  // `context` starts every error path ("Certificate"); `alert` is what every failure carries.
  Reader(ByteView data, std::string_view context,
         AlertDescription alert = AlertDescription::decode_error,
         Encoding encoding = Encoding::der) noexcept;

  bool empty() const noexcept { return pos_ == data_.size(); }
  std::size_t remaining() const noexcept { return data_.size() - pos_; }
  std::size_t offset() const noexcept { return base_ + pos_; }  // absolute offset of next byte
  ByteView data() const noexcept { return data_; }
  Encoding encoding() const noexcept { return encoding_; }
  AlertDescription alert() const noexcept { return alert_; }

  // The tag of the next element, or std::nullopt when empty or its identifier is malformed
  // (the next read reports why).
  std::optional<Tag> peek() const noexcept;
  bool next_is(Tag tag) const noexcept { return peek() == tag; }

  // Any element / an element with this tag (else "expected SEQUENCE, found INTEGER").
  Element read(Name field);
  Element read(Tag tag, Name field);
  // The element if the next one has this tag, else std::nullopt and nothing is consumed.
  std::optional<Element> read_optional(Tag tag, Name field);

  // Readers over the contents of a constructed element.
  Reader sequence(Name field) { return constructed(tags::sequence, field); }
  Reader set(Name field) { return constructed(tags::set, field); }
  Reader constructed(Tag tag, Name field);
  std::optional<Reader> optional_constructed(Tag tag, Name field);
  // A reader over an element already read (its contents), named `field` below this reader.
  Reader enter(const Element& element, Name field) const;
  // A reader over `bytes`, which must lie within this reader's data (a view it returned, such as
  // an Element's encoding), named `field` below this reader. Offsets stay absolute.
  Reader nested(ByteView bytes, Name field) const;

  // IMPLICIT tagging: the next typed read (integer, octet_string, oid, ia5_string, ...)
  // expects `tag` instead of its universal tag and applies its contents rules as usual:
  //   r.implicit(der::Tag::context(2, false)).ia5_string("dNSName");
  Reader& implicit(Tag tag) noexcept {
    implicit_ = tag;
    return *this;
  }

  // Universal types. Each checks the tag and the contents rules of X.690.
  bool boolean(Name field);
  // INTEGER contents octets, two's complement, minimal (X.690 §8.3.2).
  ByteView integer(Name field);
  // A non-negative INTEGER's magnitude: the contents without the 0x00 sign octet ("" for 0).
  // A negative value is an error.
  ByteView unsigned_integer(Name field);
  // A non-negative INTEGER no greater than `max`.
  std::uint64_t small_unsigned(Name field, std::uint64_t max = UINT64_MAX);
  BitString bit_string(Name field);
  // A BIT STRING that must have no unused bits (keys, signatures); its bytes.
  ByteView bit_string_bytes(Name field);
  // A primitive OCTET STRING's contents (DER; in BER too when the producer used the primitive
  // form). Constructed OCTET STRINGs need octets().
  ByteView octet_string(Name field);
  // An OCTET STRING in either form; in DER mode the same as octet_string().
  OctetString octets(Name field);
  void null(Name field);
  Oid oid(Name field);
  // UTCTime or GeneralizedTime as RFC 5280 §4.1.2.5 profiles them: UTCTime YYMMDDHHMMSSZ
  // (YY >= 50 is 19YY), GeneralizedTime YYYYMMDDHHMMSSZ, no fractions, no offsets.
  Time time(Name field);
  // Any of the character string types (universal tags 12, 18-22, 25-28, 30), with the contents
  // checked against the type: PrintableString's character set, IA5String/VisibleString/
  // NumericString ASCII, UTF8String valid UTF-8, BMPString/UniversalString whole code units.
  String string(Name field);
  // An IA5String (ASCII) as text.
  std::string_view ia5_string(Name field);

  // Throws "<path>: N trailing bytes at offset O" unless everything was read.
  void expect_end() const;

  // "Certificate.tbsCertificate" + "." + field.
  std::string path(Name field = {}) const;
  // Throws Error(alert(), "<path>.<field>: <detail>").
  [[noreturn]] void fail(Name field, std::string_view detail) const;

  static constexpr std::size_t kMaxPathDepth = 12;
  // Nesting limit for indefinite-length elements, whose end is found by walking their children.
  static constexpr std::size_t kMaxBerDepth = 32;

 private:
  Reader(ByteView data, std::size_t base, const Reader& parent, Name field) noexcept;
  Element parse_element(Name field) const;  // the next element, without consuming it
  Element primitive(Tag tag, Name field);
  void check_string_contents(const Element& e, Name field) const;

  ByteView data_;
  std::size_t pos_ = 0;
  std::size_t base_ = 0;
  AlertDescription alert_;
  Encoding encoding_;
  std::array<Name, kMaxPathDepth> path_{};
  std::size_t depth_ = 0;
  bool truncated_path_ = false;
  std::optional<Tag> implicit_;
};

// Checks a character string's contents against its type (see Reader::string); returns an
// explanation of the first problem, or std::nullopt when it is valid.
std::optional<std::string> check_string(std::uint32_t tag, ByteView contents);
// The string as UTF-8: UTF8String as is, BMPString/UniversalString converted, and the single-byte
// types (T61String included, read as Latin-1 as OpenSSL does) mapped byte to code point.
// `s` must be valid (check_string).
std::string to_utf8(const String& s);
// Parses the characters of a UTCTime/GeneralizedTime (as Reader::time); the explanation of the
// problem in `error` when std::nullopt.
std::optional<std::int64_t> parse_time(std::string_view text, bool generalized, std::string& error);
// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) noexcept;

// The UTC calendar date and time of `t` seconds since the epoch (the inverse, Howard Hinnant's
// civil_from_days), for the DER writer and the certificate printer.
struct CivilTime {
  std::int64_t year;
  unsigned month, day, hour, minute, second;
};
CivilTime civil_from_time(std::int64_t t) noexcept;

}  // namespace tlslab::pki::der

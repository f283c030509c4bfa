// Names: reading the RDNSequence, and printing it exactly as OpenSSL's X509_NAME_print_ex does
// for -nameopt RFC2253 and oneline (crypto/x509/x_name.c, crypto/asn1/a_strex.c), so that
// tlslab's output can be compared with openssl's in tests and by people.
#include "tlslab/pki/name.hpp"

#include <string>

#include "tlslab/error.hpp"

namespace tlslab::pki {
namespace {

// OpenSSL's character classes for escaping (crypto/asn1/charmap.h, ASN1_STRFLGS_* in asn1.h).
constexpr unsigned kEsc2253 = 0x01;  // always backslash-escaped: " + , ; < > backslash
constexpr unsigned kEscCtrl = 0x02;  // control characters: \XX
constexpr unsigned kQuote = 0x08;    // with quoting on, a reason to quote instead of escape
constexpr unsigned kFirst = 0x20;    // escaped when first: space, #
constexpr unsigned kLast = 0x40;     // escaped when last: space

unsigned char_class(std::uint8_t c) {
  if (c < 0x20 || c == 0x7f) return kEscCtrl;
  switch (c) {
    case ' ':
      return kFirst | kLast | kQuote;
    case '#':
      return kFirst | kQuote;
    case '"':
    case '\\':
      return kEsc2253;
    case '+':
    case ',':
    case ';':
    case '<':
    case '>':
      return kEsc2253 | kQuote;
    default:
      return 0;
  }
}

// String types OpenSSL prints as text (a_strex.c tag2nbyte); others are dumped as hex.
bool printable_type(const der::Tag& t) {
  if (t.cls != der::Class::universal || t.constructed) return false;
  switch (t.number) {
    case 12:
    case 18:
    case 19:
    case 20:
    case 22:
    case 23:
    case 24:
    case 26:
    case 27:
    case 28:
    case 30:
      return true;
    default:
      return false;
  }
}

void put_hex_byte(std::string& out, std::uint8_t b) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += kHex[b >> 4];
  out += kHex[b & 15];
}

std::string dump(ByteView der) {
  std::string out = "#";
  for (const std::uint8_t b : der)
    put_hex_byte(out, b);
  return out;
}

// Decodes the UTF-8 produced by der::to_utf8 into code points.
std::vector<std::string> utf8_chars(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<std::uint8_t>(s[i]);
    std::size_t n = b < 0x80 ? 1 : (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : 4;
    n = std::min(n, s.size() - i);
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

// a_strex.c do_buf + do_esc_char with ASN1_STRFLGS_RFC2253 (+ ESC_QUOTE when `quote`).
std::string escape(const std::string& utf8, bool quote) {
  std::string out;
  bool needs_quotes = false;
  const auto chars = utf8_chars(utf8);
  for (std::size_t i = 0; i < chars.size(); ++i) {
    // OpenSSL decides "first" before and "last" after reading the character, so a one-character
    // value only gets the "last" treatment.
    unsigned position = 0;
    if (i == 0) position = kFirst;
    if (i + 1 == chars.size()) position = kLast;
    for (const char ch : chars[i]) {
      const auto c = static_cast<std::uint8_t>(ch);
      if (c > 0x7f) {  // ESC_MSB
        out += '\\';
        put_hex_byte(out, c);
        continue;
      }
      const unsigned cls = char_class(c) & (kEsc2253 | kEscCtrl | kQuote | position);
      if ((cls & (kEsc2253 | kFirst | kLast)) != 0) {
        if (quote && (cls & kQuote) != 0) {
          needs_quotes = true;
          out += ch;
        } else {
          out += '\\';
          out += ch;
        }
      } else if ((cls & kEscCtrl) != 0) {
        out += '\\';
        put_hex_byte(out, c);
      } else {
        out += ch;
      }
    }
  }
  return needs_quotes ? "\"" + out + "\"" : out;
}

struct Style {
  bool reverse;
  const char* rdn_separator;
  const char* ava_separator;
  const char* equals;
  bool quote;
  bool dump_unknown_fields;
};

std::string print(const DistinguishedName& name, const Style& style) {
  std::string out;
  const std::size_t n = name.attributes.size();
  for (std::size_t i = 0; i < n; ++i) {
    const AttributeTypeAndValue& a = name.attributes[style.reverse ? n - 1 - i : i];
    if (i > 0) {
      const AttributeTypeAndValue& prev = name.attributes[style.reverse ? n - i : i - 1];
      out += prev.rdn == a.rdn ? style.ava_separator : style.rdn_separator;
    }
    const std::string_view short_name = a.type.short_name();
    out += short_name.empty() ? a.type.dotted() : std::string(short_name);
    out += style.equals;
    if ((short_name.empty() && style.dump_unknown_fields) || !printable_type(a.value_tag)) {
      out += dump(a.value_der);
    } else {
      out += escape(a.text(), style.quote);
    }
  }
  return out;
}

}  // namespace

bool AttributeTypeAndValue::is_string() const noexcept {
  return value_tag.cls == der::Class::universal && !value_tag.constructed &&
         !der::check_string(value_tag.number, value).has_value();
}

std::string AttributeTypeAndValue::text() const {
  if (!is_string()) return {};
  return der::to_utf8({value_tag.number, value});
}

std::string DistinguishedName::rfc2253() const {
  return print(*this, {true, ",", "+", "=", false, true});
}

std::string DistinguishedName::oneline() const {
  return print(*this, {false, ", ", " + ", " = ", true, false});
}

std::string DistinguishedName::slashed() const {
  // X509_NAME_oneline: "/type=value" with short names, no escaping, non-ASCII as \xXX.
  std::string out;
  for (const AttributeTypeAndValue& a : attributes) {
    out += '/';
    const std::string_view short_name = a.type.short_name();
    out += short_name.empty() ? a.type.dotted() : std::string(short_name);
    out += '=';
    if (!printable_type(a.value_tag)) {
      out += dump(a.value_der);
      continue;
    }
    for (const char ch : a.text()) {
      const auto c = static_cast<std::uint8_t>(ch);
      if (c < 0x20 || c > 0x7e) {
        static constexpr char kHex[] = "0123456789ABCDEF";
        out += "\\x";
        out += kHex[c >> 4];
        out += kHex[c & 15];
      } else {
        out += ch;
      }
    }
  }
  return out;
}

std::vector<std::string> DistinguishedName::values(OidId type) const {
  std::vector<std::string> out;
  for (const AttributeTypeAndValue& a : attributes) {
    if (a.type == type && a.is_string()) out.push_back(a.text());
  }
  return out;
}

DistinguishedName read_name(der::Reader& r, der::FieldName field) {
  const der::Element e = r.read(der::tags::sequence, field);
  der::Reader seq = r.enter(e, field);
  DistinguishedName name;
  name.der = e.encoding;
  for (std::size_t i = 0; !seq.empty(); ++i) {
    der::Reader rdn = seq.set({"rdn", i});
    if (rdn.empty()) rdn.fail({}, "empty RelativeDistinguishedName (SET SIZE (1..MAX))");
    for (std::size_t j = 0; !rdn.empty(); ++j) {
      der::Reader atv = rdn.sequence({"attribute", j});
      AttributeTypeAndValue a;
      a.type = atv.oid("type");
      const der::Element value = atv.read("value");
      atv.expect_end();
      a.value_tag = value.tag;
      a.value = value.contents;
      a.value_der = value.encoding;
      a.rdn = i;
      if (value.tag.cls == der::Class::universal && !value.tag.constructed) {
        const std::uint32_t t = value.tag.number;
        const bool string_type = t == 12 || (t >= 18 && t <= 22) || (t >= 25 && t <= 28) || t == 30;
        if (string_type) {
          if (auto problem = der::check_string(t, value.contents)) {
            atv.fail("value", value.tag.describe() + ": " + *problem);
          }
        }
      }
      name.attributes.push_back(a);
    }
    name.rdn_count = i + 1;
  }
  return name;
}

}  // namespace tlslab::pki

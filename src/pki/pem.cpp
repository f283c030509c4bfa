// PEM reading and writing (RFC 7468), with OpenSSL's tolerance for text between blocks.
#include "tlslab/pki/pem.hpp"

#include <array>
#include <optional>

#include "tlslab/error.hpp"

namespace tlslab::pki {
namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

// "-----BEGIN X-----" / "-----END X-----" -> "X".
std::optional<std::string_view> framed_label(std::string_view line, std::string_view prefix) {
  if (line.substr(0, prefix.size()) != prefix) return std::nullopt;
  line.remove_prefix(prefix.size());
  if (line.size() < kDashes.size() || line.substr(line.size() - kDashes.size()) != kDashes) {
    return std::nullopt;
  }
  return line.substr(0, line.size() - kDashes.size());
}

std::string printable(char c) {
  if (c >= 0x20 && c < 0x7f) return std::string("'") + c + "'";
  static constexpr char kHex[] = "0123456789abcdef";
  const auto u = static_cast<unsigned char>(c);
  return std::string("byte 0x") + kHex[u >> 4] + kHex[u & 15];
}

// Accumulates base64 characters with their positions, for errors that point at them.
class Base64Decoder {
 public:
  explicit Base64Decoder(std::string what) : what_(std::move(what)) {}

  void feed(std::string_view chunk, std::size_t line) {
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      const char c = chunk[i];
      if (is_space(c)) continue;
      const std::string where =
          line != 0 ? " at line " + std::to_string(line) + ", column " + std::to_string(i + 1)
                    : " at index " + std::to_string(i);
      if (c == '=') {
        ++padding_;
        if (padding_ > 2 || (count_ % 4) < 2) {
          fail(AlertDescription::decode_error, what_ + ": misplaced '=' padding" + where);
        }
        ++count_;
        continue;
      }
      const int v = base64_value(c);
      if (v < 0) {
        fail(AlertDescription::decode_error,
             what_ + ": " + printable(c) + where + " is not a base64 character");
      }
      if (padding_ != 0) {
        fail(AlertDescription::decode_error, what_ + ": data after '=' padding" + where);
      }
      bits_ = (bits_ << 6) | static_cast<unsigned>(v);
      nbits_ += 6;
      ++count_;
      if (nbits_ >= 8) {
        nbits_ -= 8;
        out_.push_back(static_cast<std::uint8_t>(bits_ >> nbits_));
        bits_ &= (1U << nbits_) - 1U;
      }
    }
  }

  Bytes finish() {
    if (count_ % 4 != 0) {
      fail(AlertDescription::decode_error,
           what_ + ": base64 length " + std::to_string(count_) +
               " is not a multiple of 4 (truncated or missing '=' padding)");
    }
    return std::move(out_);
  }

 private:
  std::string what_;
  Bytes out_;
  unsigned bits_ = 0;
  unsigned nbits_ = 0;
  std::size_t count_ = 0;    // characters including padding
  std::size_t padding_ = 0;  // '=' seen
};

}  // namespace

std::vector<PemBlock> parse_pem(std::string_view text) {
  std::vector<PemBlock> blocks;
  std::optional<PemBlock> current;
  std::optional<Base64Decoder> decoder;
  bool body_started = false;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    const std::string_view line = trim_right(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;

    if (!current) {
      if (auto label = framed_label(line, kBegin)) {
        current = PemBlock{std::string(*label), {}, line_no};
        decoder.emplace("PEM block \"" + current->label + "\" (BEGIN at line " +
                        std::to_string(line_no) + ")");
        body_started = false;
      }
      continue;  // anything else outside a block is ignored, as OpenSSL does
    }
    const std::string where = "PEM block \"" + current->label + "\" (BEGIN at line " +
                              std::to_string(current->line) + ")";
    if (auto label = framed_label(line, kEnd)) {
      if (*label != current->label) {
        fail(AlertDescription::decode_error, where + ": END line " + std::to_string(line_no) +
                                                 " is for \"" + std::string(*label) + "\"");
      }
      current->der = decoder->finish();
      blocks.push_back(std::move(*current));
      current.reset();
      decoder.reset();
      continue;
    }
    if (framed_label(line, kBegin)) {
      fail(AlertDescription::decode_error,
           where + ": no END line before the next BEGIN at line " + std::to_string(line_no));
    }
    // RFC 1421 §4.6 encapsulated headers ("Proc-Type: 4,ENCRYPTED", "DEK-Info: ...") come
    // before the base64; they are how traditional OpenSSL keys were encrypted.
    if (!body_started && line.find(':') != std::string_view::npos) {
      fail(AlertDescription::decode_error,
           where + ": RFC 1421 header \"" + std::string(line.substr(0, line.find(':'))) +
               "\" at line " + std::to_string(line_no) +
               " (legacy PEM encryption is not supported; convert the key to PKCS#8 with "
               "`openssl pkcs8 -topk8`)");
    }
    if (!line.empty()) body_started = true;
    decoder->feed(line, line_no);
  }
  if (current) {
    fail(AlertDescription::decode_error, "PEM block \"" + current->label + "\" (BEGIN at line " +
                                             std::to_string(current->line) +
                                             "): no END line before the end of the text");
  }
  return blocks;
}

bool looks_like_pem(ByteView data) {
  const std::string_view s(reinterpret_cast<const char*>(data.data()), data.size());
  std::size_t at = s.find(kBegin);
  while (at != std::string_view::npos) {
    if (at == 0 || s[at - 1] == '\n') return true;
    at = s.find(kBegin, at + 1);
  }
  return false;
}

Bytes decode_base64(std::string_view text, std::string_view what) {
  Base64Decoder d{std::string(what)};
  d.feed(text, 0);
  return d.finish();
}

std::string encode_base64(ByteView data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const unsigned v = (unsigned{data[i]} << 16) | (unsigned{data[i + 1]} << 8) | data[i + 2];
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == data.size()) {
    const unsigned v = unsigned{data[i]} << 16;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == data.size()) {
    const unsigned v = (unsigned{data[i]} << 16) | (unsigned{data[i + 1]} << 8);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string encode_pem(std::string_view label, ByteView der) {
  const std::string b64 = encode_base64(der);
  std::string out = std::string(kBegin) + std::string(label) + std::string(kDashes) + "\n";
  for (std::size_t i = 0; i < b64.size(); i += 64)
    out += b64.substr(i, 64) + "\n";
  out += std::string(kEnd) + std::string(label) + std::string(kDashes) + "\n";
  return out;
}

}  // namespace tlslab::pki

#include "tlslab/bytes.hpp"

#include <sodium.h>

#include <string>

#include "tlslab/error.hpp"

namespace tlslab {

void secure_wipe(void* data, std::size_t size) noexcept {
  if (data != nullptr && size != 0) sodium_memzero(data, size);
}

std::string to_hex(ByteView bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0f]);
  }
  return out;
}

namespace {
int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

Bytes from_hex(std::string_view hex) {
  Bytes out;
  out.reserve(hex.size() / 2);
  int high = -1;
  for (std::size_t i = 0; i < hex.size(); ++i) {
    const char c = hex[i];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ':') continue;
    const int v = hex_value(c);
    if (v < 0) {
      fail(AlertDescription::decode_error, "hex: character '" + std::string(1, c) +
                                               "' at position " + std::to_string(i) +
                                               " is not a hex digit");
    }
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<std::uint8_t>((high << 4) | v));
      high = -1;
    }
  }
  if (high >= 0) fail(AlertDescription::decode_error, "hex: odd number of digits");
  return out;
}

bool equal_constant_time(ByteView a, ByteView b) noexcept {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace tlslab

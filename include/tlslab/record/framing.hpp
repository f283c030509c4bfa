// The TLS record layer's framing (RFC 5246 §6.2): splitting a byte stream into records,
// reassembling handshake messages across records (and several in one), and the two one-record
// protocols, Alert (§7.2) and ChangeCipherSpec (§7.1). Protection (encryption and MACs) is in
// protection.hpp. Everything works on views into buffers the objects own; a view is valid until
// the next call that adds bytes.
#pragma once

#include <cstdint>
#include <optional>

#include "tlslab/alert.hpp"
#include "tlslab/bytes.hpp"
#include "tlslab/registry.hpp"

namespace tlslab::record {

using registry::ContentType;

inline constexpr std::size_t kHeaderSize = 5;
// RFC 5246 §6.2.1: TLSPlaintext.length MUST NOT exceed 2^14.
inline constexpr std::size_t kMaxPlaintext = std::size_t{1} << 14;
// RFC 5246 §6.2.3: TLSCiphertext.length MUST NOT exceed 2^14 + 2048.
inline constexpr std::size_t kMaxCiphertext = kMaxPlaintext + 2048;

struct Record {
  std::uint8_t type = 0;
  std::uint16_t version = 0;
  MutableByteView fragment;  // in the deframer's buffer; protection may decrypt it in place
  std::size_t offset = 0;    // of the record header in the stream fed so far
};

// Splits a stream into records. Checks each header as soon as its 5 bytes are there, so garbage
// fails fast: an unknown content type is unexpected_message (RFC 5246 §6), a version whose major
// byte is not 3 is protocol_version, a length above the current maximum is record_overflow.
class Deframer {
 public:
  void feed(ByteView bytes);
  // The next complete record, or std::nullopt when more bytes are needed. Its fragment is valid
  // until the next feed().
  std::optional<Record> next();
  // Plaintext records may be at most kMaxPlaintext; once a cipher is active, kMaxCiphertext
  // (or less, after max_fragment_length / record_size_limit).
  void set_max_fragment(std::size_t max) noexcept { max_fragment_ = max; }
  std::size_t max_fragment() const noexcept { return max_fragment_; }
  // Bytes fed but not yet returned in a record (a partial record at the end of a stream).
  std::size_t pending() const noexcept { return buffer_.size() - start_; }
  std::size_t stream_offset() const noexcept { return consumed_ + start_; }

 private:
  Bytes buffer_;
  std::size_t start_ = 0;     // first unread byte in buffer_
  std::size_t consumed_ = 0;  // bytes dropped from the front of buffer_ so far
  std::size_t max_fragment_ = kMaxPlaintext;
};

// Collects handshake messages (msg_type, uint24 length, body) from handshake-record fragments.
class HandshakeAssembler {
 public:
  // Default cap on one message body: the largest legal ClientHello (RFC 5246 §7.4.1.2:
  // version 2 + random 32 + session_id 1+32 + cipher_suites 2+65534 + compression_methods
  // 1+255 + extensions 2+65535 = 131,396 bytes), which also bounds a certificate chain
  // (OpenSSL's default max_cert_list is 100 KiB).
  static constexpr std::size_t kMaxClientHello = 131'396;
  static constexpr std::size_t kDefaultMaxMessage = kMaxClientHello;

  // Adds a handshake record's fragment. A zero-length fragment is unexpected_message (RFC 5246
  // §6.2.1: "Implementations MUST NOT send zero-length fragments of Handshake ... content").
  void add(ByteView fragment);
  // The next complete message (header included), or std::nullopt. Valid until the next add().
  // A message announcing more than the cap is illegal_parameter.
  std::optional<ByteView> next();
  // True while part of a message is buffered: no other content type may arrive then.
  bool in_progress() const noexcept { return buffer_.size() > start_; }
  void set_max_message(std::size_t max) noexcept { max_message_ = max; }

 private:
  Bytes buffer_;
  std::size_t start_ = 0;
  static constexpr std::uint8_t kClientHelloType = 1;
  std::size_t max_message_ = kDefaultMaxMessage;
};

struct AlertMessage {
  AlertLevel level;
  AlertDescription description;
  // One alert is exactly two bytes (RFC 5246 §7.2; fragmenting or coalescing alerts is
  // decode_error, as OpenSSL treats it). An unknown level is illegal_parameter.
  static AlertMessage parse(ByteView fragment);
  Bytes serialize() const;
};

// RFC 5246 §7.1: the ChangeCipherSpec message is the single byte 1 (decode_error for another
// length, illegal_parameter for another value).
void parse_change_cipher_spec(ByteView fragment);
inline constexpr std::uint8_t kChangeCipherSpecValue = 1;

// Appends a record header and `fragment` (a plaintext record). Throws internal_error if the
// fragment exceeds kMaxCiphertext.
void write_record(ContentType type, std::uint16_t version, ByteView fragment, Bytes& out);

}  // namespace tlslab::record

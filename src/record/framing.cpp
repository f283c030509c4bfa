#include "tlslab/record/framing.hpp"

#include <string>

#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"
#include "tlslab/error.hpp"

namespace tlslab::record {

namespace {
// Compact the buffer once the consumed prefix dominates, so memory stays bounded without moving
// bytes on every record.
void compact(Bytes& buffer, std::size_t& start, std::size_t* consumed) {
  if (start == 0 || start < buffer.size() / 2) return;
  buffer.erase(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(start));
  if (consumed != nullptr) *consumed += start;
  start = 0;
}
}  // namespace

void Deframer::feed(ByteView bytes) {
  compact(buffer_, start_, &consumed_);
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

std::optional<Record> Deframer::next() {
  const std::size_t available = buffer_.size() - start_;
  if (available == 0) return std::nullopt;
  const std::uint8_t* h = buffer_.data() + start_;
  const std::size_t offset = stream_offset();
  // Check what is there of the header before waiting for the rest, so that a stream that is
  // not TLS at all fails on its first bytes.
  if (!registry::content_type_name(h[0]) ||
      static_cast<ContentType>(h[0]) == ContentType::heartbeat) {
    fail(AlertDescription::unexpected_message,
         "record at offset " + std::to_string(offset) + ": content type " +
             registry::describe_u8(h[0], registry::content_type_name(h[0])) +
             " is not one TLS 1.2 uses");
  }
  if (available >= 2 && h[1] != 3) {
    fail(AlertDescription::protocol_version, "record at offset " + std::to_string(offset) +
                                                 ": version major byte " + std::to_string(h[1]) +
                                                 " is not 3 (not a TLS record)");
  }
  if (available < kHeaderSize) return std::nullopt;
  const std::size_t length = (std::size_t{h[3]} << 8) | h[4];
  if (length > max_fragment_) {
    fail(AlertDescription::record_overflow,
         "record at offset " + std::to_string(offset) + ": length " + std::to_string(length) +
             " exceeds the maximum " + std::to_string(max_fragment_));
  }
  if (available < kHeaderSize + length) return std::nullopt;
  Record r;
  r.type = h[0];
  r.version = static_cast<std::uint16_t>((h[1] << 8) | h[2]);
  r.fragment = MutableByteView(buffer_.data() + start_ + kHeaderSize, length);
  r.offset = offset;
  start_ += kHeaderSize + length;
  return r;
}

void HandshakeAssembler::add(ByteView fragment) {
  if (fragment.empty()) {
    fail(AlertDescription::unexpected_message,
         "handshake record: zero-length fragment (RFC 5246 §6.2.1 forbids them)");
  }
  compact(buffer_, start_, nullptr);
  buffer_.insert(buffer_.end(), fragment.begin(), fragment.end());
}

std::optional<ByteView> HandshakeAssembler::next() {
  const std::size_t available = buffer_.size() - start_;
  if (available < 4) return std::nullopt;
  const std::uint8_t* h = buffer_.data() + start_;
  const std::size_t length = (std::size_t{h[1]} << 16) | (std::size_t{h[2]} << 8) | h[3];
  if (h[0] == kClientHelloType && length > kMaxClientHello) {
    // Longer than any well-formed ClientHello can be (tlsfuzzer's
    // test-truncating-of-client-hello.py): a decoding error, not a policy limit.
    fail(AlertDescription::decode_error,
         "handshake message 0x01 client_hello: length " + std::to_string(length) +
             " exceeds the largest well-formed ClientHello (" + std::to_string(kMaxClientHello) +
             " bytes, RFC 5246 §7.4.1.2)");
  }
  if (length > max_message_) {
    fail(AlertDescription::illegal_parameter,
         "handshake message " + registry::describe_u8(h[0], registry::handshake_type_name(h[0])) +
             ": length " + std::to_string(length) + " exceeds the limit " +
             std::to_string(max_message_));
  }
  if (available < 4 + length) return std::nullopt;
  ByteView out(buffer_.data() + start_, 4 + length);
  start_ += 4 + length;  // the next add() compacts, which is what invalidates `out`
  return out;
}

AlertMessage AlertMessage::parse(ByteView fragment) {
  codec::Reader r(fragment, "Alert");
  if (fragment.size() != 2) {
    r.fail(AlertDescription::decode_error, {},
           "a record must hold exactly one 2-byte alert, this one has " +
               std::to_string(fragment.size()) + " bytes");
  }
  AlertMessage a{};
  const std::uint8_t level = r.u8("level");
  if (level != 1 && level != 2) {
    r.fail(AlertDescription::illegal_parameter, "level",
           "level " + std::to_string(level) + " is neither warning(1) nor fatal(2)");
  }
  a.level = static_cast<AlertLevel>(level);
  a.description = static_cast<AlertDescription>(r.u8("description"));
  return a;
}

Bytes AlertMessage::serialize() const {
  return {static_cast<std::uint8_t>(level), static_cast<std::uint8_t>(description)};
}

void parse_change_cipher_spec(ByteView fragment) {
  if (fragment.size() != 1) {
    // unexpected_message, as tlsfuzzer's test-ccs.py and OpenSSL answer: a record that is not
    // the one-byte CCS message is not a ChangeCipherSpec at all (RFC 5246 §7.1).
    fail(AlertDescription::unexpected_message,
         "ChangeCipherSpec: " + std::to_string(fragment.size()) + " bytes, must be exactly 1");
  }
  if (fragment[0] != kChangeCipherSpecValue) {
    fail(AlertDescription::illegal_parameter,
         "ChangeCipherSpec.type: value " + std::to_string(fragment[0]) + " is not 1");
  }
}

void write_record(ContentType type, std::uint16_t version, ByteView fragment, Bytes& out) {
  if (fragment.size() > kMaxCiphertext) {
    fail(AlertDescription::internal_error,
         "record: fragment of " + std::to_string(fragment.size()) + " bytes is too long");
  }
  codec::Writer w(out);
  w.u8(static_cast<std::uint8_t>(type));
  w.u16(version);
  w.opaque16("TLSPlaintext.fragment", fragment);
}

}  // namespace tlslab::record

#include "tlslab/record/channel.hpp"

#include <algorithm>
#include <string>

#include "tlslab/error.hpp"

namespace tlslab::record {

Channel::Channel() : read_(make_null_protection()), write_(make_null_protection()) {}

void Channel::feed(ByteView bytes) {
  deframer_.feed(bytes);
}

std::optional<Inbound> Channel::next() {
  for (;;) {
    // Messages already reassembled come before the next record is read: a record may hold
    // several (RFC 5246 §6.2.1).
    if (auto message = assembler_.next()) {
      Inbound in;
      in.kind = Inbound::Kind::handshake_message;
      in.data = *message;
      return in;
    }
    if (!current_.delivered) {
      current_.delivered = true;
      if (auto in = content()) return in;
      continue;  // a handshake fragment: its messages (if complete) come from the assembler
    }
    auto r = deframer_.next();
    if (!r) return std::nullopt;
    Inbound in;
    ReceivedRecord& out = in.record;
    out.type = r->type;
    out.version = r->version;
    out.offset = r->offset;
    out.length = r->fragment.size();
    out.protection = opaque_ ? std::string_view("unknown keys") : read_->name();
    out.is_protected = read_protected();
    if (opaque_) {
      out.opened = false;
      out.ciphertext = r->fragment;
      return in;  // nothing inside can be read
    }
    if (out.is_protected && keep_ciphertext_) {
      ciphertext_copy_.assign(r->fragment.begin(), r->fragment.end());
      out.ciphertext = ciphertext_copy_;
    } else if (!out.is_protected) {
      out.ciphertext = r->fragment;
    }
    const MutableByteView plaintext = read_->open(*r);
    const std::size_t limit = out.is_protected ? limits_.receive_protected : limits_.receive_plain;
    if (plaintext.size() > limit) {
      fail(AlertDescription::record_overflow,
           "record: " + std::to_string(plaintext.size()) +
               " bytes of plaintext, above the negotiated limit of " + std::to_string(limit) +
               " (max_fragment_length / record_size_limit)");
    }
    out.plaintext = plaintext;
    current_ = Current{static_cast<ContentType>(r->type), plaintext, false};
    return in;
  }
}

std::optional<Inbound> Channel::content() {
  const ByteView plaintext = current_.plaintext;
  if (current_.type != ContentType::handshake && assembler_.in_progress()) {
    // RFC 5246 §6.2.1 lets handshake messages span records, but nothing may come between
    // their fragments (OpenSSL and tlsfuzzer's test-interleaved-application-data-*.py agree).
    fail(AlertDescription::unexpected_message,
         "a " +
             std::string(registry::content_type_name(static_cast<std::uint8_t>(current_.type))
                             .value_or("unknown")) +
             " record arrived in the middle of a fragmented handshake message");
  }
  Inbound in;
  in.data = plaintext;
  switch (current_.type) {
    case ContentType::handshake:
      assembler_.add(plaintext);
      return std::nullopt;
    case ContentType::change_cipher_spec:
      parse_change_cipher_spec(plaintext);
      in.kind = Inbound::Kind::change_cipher_spec;
      return in;
    case ContentType::alert:
      in.alert = AlertMessage::parse(plaintext);
      in.kind = Inbound::Kind::alert;
      return in;
    case ContentType::application_data:
      in.kind = Inbound::Kind::application_data;
      return in;
    default:
      // The deframer lets only TLS 1.2's content types through.
      fail(AlertDescription::unexpected_message, "unexpected record type");
  }
}

void Channel::set_pending(std::unique_ptr<Protection> read, std::unique_ptr<Protection> write) {
  pending_read_ = std::move(read);
  pending_write_ = std::move(write);
}

void Channel::activate_pending_read() {
  if (!pending_read_) {
    fail(AlertDescription::internal_error, "ChangeCipherSpec received before keys were derived");
  }
  set_read_protection(std::move(pending_read_));
}

void Channel::activate_pending_write() {
  if (!pending_write_) {
    fail(AlertDescription::internal_error, "ChangeCipherSpec sent before keys were derived");
  }
  write_ = std::move(pending_write_);
}

void Channel::set_read_protection(std::unique_ptr<Protection> read) {
  read_ = std::move(read);
  // RFC 5246 §6.2.3: a protected record may carry up to 2048 bytes beyond 2^14.
  deframer_.set_max_fragment(kMaxCiphertext);
}

void Channel::read_without_keys() {
  opaque_ = true;
  deframer_.set_max_fragment(kMaxCiphertext);
}

void Channel::apply_max_fragment_length(std::size_t limit) noexcept {
  limits_ = Limits{limit, limit, limit, limit};
}

void Channel::apply_record_size_limits(std::size_t ours, std::size_t peers) noexcept {
  limits_.receive_protected = std::min(ours, kMaxPlaintext);
  limits_.send_protected = std::min(peers, kMaxPlaintext);
}

void Channel::send(ContentType type, ByteView data,
                   const std::function<void(const SentRecord&)>* observer) {
  std::size_t pos = 0;
  do {
    const bool is_protected = !write_->is_null();
    const std::size_t limit = is_protected ? limits_.send_protected : limits_.send_plain;
    const std::size_t n = std::min(limit, data.size() - pos);
    const std::size_t start = output_.size();
    write_->seal(type, version_, data.subspan(pos, n), output_);
    if (observer != nullptr) {
      SentRecord r;
      r.type = type;
      r.version = version_;
      r.fragment = ByteView(output_).subspan(start + kHeaderSize);
      r.plaintext = data.subspan(pos, n);
      r.is_protected = is_protected;
      r.protection = write_->name();
      (*observer)(r);
    }
    pos += n;
  } while (pos < data.size());
}

}  // namespace tlslab::record

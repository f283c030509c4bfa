// One connection's record layer, both directions (RFC 5246 §6): bytes from the peer in →
// records, then handshake messages, ChangeCipherSpec, alerts and application data out; and
// content to send → protected records appended to one output buffer. It owns the deframer, the
// handshake reassembly, the current and pending protections of each direction (§6.1: "current"
// and "pending" connection states), the negotiated record-size limits and the output. Every
// reader of TLS records uses it — the connection, replay, the capture reader and `tlslab
// decode` — so the record rules (sizes, interleaving, empty fragments, which types may come) are
// written once.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "tlslab/bytes.hpp"
#include "tlslab/record/framing.hpp"
#include "tlslab/record/protection.hpp"

namespace tlslab::record {

// A record as it arrived, after its protection was removed.
struct ReceivedRecord {
  std::uint8_t type = 0;
  std::uint16_t version = 0;
  std::size_t offset = 0;  // of its header in the stream fed so far
  std::size_t length = 0;  // of the fragment as received
  // The fragment as received. For a protected record only when keep_ciphertext() is on (the
  // fragment is decrypted in place) or when it could not be opened; else empty.
  ByteView ciphertext;
  // What the protection gave (the fragment itself when unprotected); empty when not opened.
  ByteView plaintext;
  bool is_protected = false;    // under a protection other than null
  bool opened = true;           // false after read_without_keys()
  std::string_view protection;  // its name: "null", "AES-128-GCM", ...
};

// What the peer sent, in order: each record first, then what it carried.
struct Inbound {
  enum class Kind : std::uint8_t {
    record,              // `record`: one record arrived
    handshake_message,   // `data`: one whole message, its 4-byte header included
    change_cipher_spec,  // `data`: the one byte (already checked)
    alert,               // `alert`
    application_data,    // `data`: the plaintext (may be empty: a legal record)
  };
  Kind kind = Kind::record;
  ReceivedRecord record;
  ByteView data;
  AlertMessage alert{};
};

// A record just appended to the output, for tracing.
struct SentRecord {
  ContentType type{};
  std::uint16_t version = 0;
  ByteView fragment;   // as sent (protected when the write state is)
  ByteView plaintext;  // what it carries
  bool is_protected = false;
  std::string_view protection;
};

class Channel {
 public:
  Channel();

  // ---- reading -------------------------------------------------------------------------------
  void feed(ByteView bytes);
  // The next thing the peer sent, or std::nullopt when more bytes are needed. Views stay valid
  // until the next feed() or next(). Throws Error with the alert for a bad record: header
  // checks (Deframer), authentication (Protection: bad_record_mac), a plaintext above the
  // limit (record_overflow), a zero-length handshake fragment, another content type between
  // the fragments of one handshake message (unexpected_message), a malformed alert or CCS.
  // A record's content is read only when next() is called again after its Kind::record: a
  // ChangeCipherSpec handled in between changes how the next record is read (RFC 5246 §7.1).
  std::optional<Inbound> next();
  // Bytes fed that are not yet part of a returned record.
  std::size_t pending() const noexcept { return deframer_.pending(); }
  std::size_t stream_offset() const noexcept { return deframer_.stream_offset(); }
  // True while part of a handshake message is buffered.
  bool mid_handshake_message() const noexcept { return assembler_.in_progress(); }
  // Copy each protected fragment before it is decrypted, for ReceivedRecord::ciphertext.
  void keep_ciphertext(bool on) noexcept { keep_ciphertext_ = on; }

  // ---- protection (RFC 5246 §6.1) --------------------------------------------------------------
  // The states ChangeCipherSpec switches to: installed by the handshake once keys are derived.
  void set_pending(std::unique_ptr<Protection> read, std::unique_ptr<Protection> write);
  // The peer's ChangeCipherSpec: its records are read under the pending read state from now on.
  // internal_error when there is none.
  void activate_pending_read();
  // Ours: records we send from now on are sealed under the pending write state.
  void activate_pending_write();
  // Installs a read state directly (replay, which knows the keys from elsewhere).
  void set_read_protection(std::unique_ptr<Protection> read);
  // From now on records are protected under keys we do not have: they come as Kind::record with
  // their ciphertext and nothing else (`tlslab decode` after a ChangeCipherSpec).
  void read_without_keys();
  bool read_protected() const noexcept { return !read_->is_null() || opaque_; }
  bool write_protected() const noexcept { return !write_->is_null(); }
  const Protection& read_protection() const noexcept { return *read_; }
  const Protection& write_protection() const noexcept { return *write_; }

  // ---- limits --------------------------------------------------------------------------------
  // Largest record plaintext each way, before and after ChangeCipherSpec: 2^14 unless
  // max_fragment_length (RFC 6066 §4: every record from the ServerHello on) or
  // record_size_limit (RFC 8449 §4: protected records only) lowered it.
  struct Limits {
    std::size_t send_plain = kMaxPlaintext;
    std::size_t send_protected = kMaxPlaintext;
    std::size_t receive_plain = kMaxPlaintext;
    std::size_t receive_protected = kMaxPlaintext;
  };
  void apply_max_fragment_length(std::size_t limit) noexcept;
  // RFC 8449 §4: in TLS 1.2 a value above 2^14 means no more than the protocol's own limit.
  void apply_record_size_limits(std::size_t ours, std::size_t peers) noexcept;
  const Limits& limits() const noexcept { return limits_; }

  // ---- writing -------------------------------------------------------------------------------
  // The version in the headers of records we send (RFC 5246 §6.2.1; E.1 for the ClientHello).
  void set_version(std::uint16_t version) noexcept { version_ = version; }
  // Splits `data` into records of at most the current limit and seals each under the current
  // write state, appending them to the output. Alerts and CCS are never empty; empty
  // application data is a legal record of its own. `observer` sees each record sealed.
  void send(ContentType type, ByteView data,
            const std::function<void(const SentRecord&)>* observer = nullptr);
  Bytes& output() noexcept { return output_; }
  bool has_output() const noexcept { return !output_.empty(); }

 private:
  std::optional<Inbound> content();

  Deframer deframer_;
  HandshakeAssembler assembler_;
  std::unique_ptr<Protection> read_, write_, pending_read_, pending_write_;
  bool opaque_ = false;
  bool keep_ciphertext_ = false;
  Limits limits_;
  std::uint16_t version_ = 0x0303;
  Bytes output_;
  Bytes ciphertext_copy_;  // reused: no allocation per record once it has grown
  // The record whose content next() delivers next.
  struct Current {
    ContentType type{};
    ByteView plaintext;
    bool delivered = true;
  } current_;
};

}  // namespace tlslab::record

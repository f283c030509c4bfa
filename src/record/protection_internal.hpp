// Pieces the record protection implementations share (null_protection.cpp, aead_protection.cpp,
// cbc_protection.cpp): the sequence number, the 13-byte block RFC 5246 §6.2.3 authenticates,
// the record header, size checks and the one bad_record_mac reason.
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include "tlslab/record/protection.hpp"

namespace tlslab::record::detail {

// Every authentication failure gives this very reason, whatever went wrong (tag, MAC, padding,
// a fragment too short to hold them): a reason that differed would be the padding oracle of
// Vaudenay (2002) again, one step further from the wire.
inline constexpr const char* kBadRecordMacReason =
    "protected record: decryption failed or bad record MAC";
[[noreturn]] void fail_bad_record_mac();

// The 64-bit sequence number of one direction (RFC 5246 §6.1). It "MUST NOT wrap": a wrapped
// number would reuse an AEAD nonce and let a record be replayed, so once all 2^64 values are
// used every further record is internal_error (RFC 5246 says to renegotiate first; tlslab never
// gets anywhere near).
class SequenceNumber {
 public:
  explicit SequenceNumber(std::uint64_t first) noexcept : next_(first) {}
  std::uint64_t peek() const noexcept { return next_; }
  // The number of the record being sealed or opened; throws internal_error if none is left.
  std::uint64_t current() const;
  // Called once the record has been sealed or has authenticated.
  void advance() noexcept;

 private:
  std::uint64_t next_;
  bool exhausted_ = false;
};

// seq_num(8) + type(1) + version(2) + length(2): the additional data of RFC 5246 §6.2.3.3, and
// the same fields the CBC record MAC starts with (RFC 5246 §6.2.3.1, RFC 7366 §3).
using AdditionalData = std::array<std::uint8_t, 13>;
AdditionalData additional_data(std::uint64_t sequence_number, std::uint8_t type,
                               std::uint16_t version, std::size_t length) noexcept;

// seal(): internal_error for a plaintext above kMaxPlaintext (the caller fragments).
void check_seal_size(std::string_view protection_name, std::size_t plaintext_size);
// open(): record_overflow for an authenticated plaintext above kMaxPlaintext (RFC 5246 §6.2.1).
void check_opened_size(std::size_t plaintext_size);

// Grows `out` by a whole record with a `fragment_length` fragment, writes the 5-byte header and
// returns the fragment's offset in `out`. No allocation when the caller's buffer has room.
std::size_t begin_record(Bytes& out, ContentType type, std::uint16_t version,
                         std::size_t fragment_length);

void write_u64(std::uint64_t v, std::uint8_t* out) noexcept;

std::unique_ptr<Protection> make_null_protection(std::uint64_t first_sequence_number);
std::unique_ptr<Protection> make_aead_protection(crypto::Provider& provider,
                                                 const registry::CipherSuiteInfo& suite,
                                                 const TrafficKeys& keys,
                                                 std::uint64_t first_sequence_number);
std::unique_ptr<Protection> make_cbc_protection(crypto::Provider& provider,
                                                const registry::CipherSuiteInfo& suite,
                                                const TrafficKeys& keys, bool encrypt_then_mac,
                                                std::uint64_t first_sequence_number);

// make_protection() starting at a given sequence number instead of 0: for tests of the 2^64
// limit and of sequence-number encodings, and for replaying a direction from the middle.
std::unique_ptr<Protection> make_protection(crypto::Provider& provider,
                                            const registry::CipherSuiteInfo& suite,
                                            const TrafficKeys& keys, bool encrypt_then_mac,
                                            std::uint64_t first_sequence_number);

}  // namespace tlslab::record::detail

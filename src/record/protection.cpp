// The record protection factory and the pieces every protection shares (protection_internal.hpp).
#include "tlslab/record/protection.hpp"

#include <limits>
#include <string>

#include "protection_internal.hpp"
#include "tlslab/error.hpp"

namespace tlslab::record {

namespace detail {

void fail_bad_record_mac() {
  fail(AlertDescription::bad_record_mac, kBadRecordMacReason);
}

std::uint64_t SequenceNumber::current() const {
  if (exhausted_) {
    fail(AlertDescription::internal_error,
         "record: all 2^64 sequence numbers of this direction are used; a wrap would reuse "
         "them (RFC 5246 §6.1)");
  }
  return next_;
}

void SequenceNumber::advance() noexcept {
  if (next_ == std::numeric_limits<std::uint64_t>::max()) {
    exhausted_ = true;
  } else {
    ++next_;
  }
}

void write_u64(std::uint64_t v, std::uint8_t* out) noexcept {
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<std::uint8_t>(v);
    v >>= 8;
  }
}

AdditionalData additional_data(std::uint64_t sequence_number, std::uint8_t type,
                               std::uint16_t version, std::size_t length) noexcept {
  AdditionalData ad{};
  write_u64(sequence_number, ad.data());
  ad[8] = type;
  ad[9] = static_cast<std::uint8_t>(version >> 8);
  ad[10] = static_cast<std::uint8_t>(version);
  ad[11] = static_cast<std::uint8_t>(length >> 8);
  ad[12] = static_cast<std::uint8_t>(length);
  return ad;
}

void check_seal_size(std::string_view protection_name, std::size_t plaintext_size) {
  if (plaintext_size > kMaxPlaintext) {
    fail(AlertDescription::internal_error, "record (" + std::string(protection_name) +
                                               "): plaintext of " + std::to_string(plaintext_size) +
                                               " bytes exceeds 2^14; fragment it first");
  }
}

void check_opened_size(std::size_t plaintext_size) {
  if (plaintext_size > kMaxPlaintext) {
    fail(AlertDescription::record_overflow, "protected record: plaintext of " +
                                                std::to_string(plaintext_size) +
                                                " bytes exceeds 2^14 (RFC 5246 §6.2.1)");
  }
}

std::size_t begin_record(Bytes& out, ContentType type, std::uint16_t version,
                         std::size_t fragment_length) {
  const std::size_t start = out.size();
  out.resize(start + kHeaderSize + fragment_length);
  std::uint8_t* h = out.data() + start;
  h[0] = static_cast<std::uint8_t>(type);
  h[1] = static_cast<std::uint8_t>(version >> 8);
  h[2] = static_cast<std::uint8_t>(version);
  h[3] = static_cast<std::uint8_t>(fragment_length >> 8);
  h[4] = static_cast<std::uint8_t>(fragment_length);
  return start + kHeaderSize;
}

std::unique_ptr<Protection> make_protection(crypto::Provider& provider,
                                            const registry::CipherSuiteInfo& suite,
                                            const TrafficKeys& keys, bool encrypt_then_mac,
                                            std::uint64_t first_sequence_number) {
  if (!suite.implemented || suite.bulk == registry::BulkKind::other) {
    fail(AlertDescription::internal_error,
         "record protection: suite " + std::string(suite.name) + " is not implemented");
  }
  // The key block gives exactly these sizes (RFC 5246 §6.3); anything else is a bug upstream.
  const auto check = [&](const SecretBytes& key, std::size_t expected, const char* what) {
    if (key.size() != expected) {
      fail(AlertDescription::internal_error, "record protection: " + std::string(suite.name) + " " +
                                                 what + " must be " + std::to_string(expected) +
                                                 " bytes, got " + std::to_string(key.size()));
    }
  };
  check(keys.mac_key, suite.mac_key_length(), "MAC key");
  check(keys.enc_key, suite.enc_key_length(), "encryption key");
  check(keys.fixed_iv, suite.fixed_iv_length(), "fixed IV");
  if (suite.bulk == registry::BulkKind::aead) {
    // encrypt_then_mac does not apply to AEAD suites (RFC 7366 §3); the flag is ignored.
    return make_aead_protection(provider, suite, keys, first_sequence_number);
  }
  return make_cbc_protection(provider, suite, keys, encrypt_then_mac, first_sequence_number);
}

}  // namespace detail

std::unique_ptr<Protection> make_null_protection() {
  return detail::make_null_protection(0);
}

std::unique_ptr<Protection> make_protection(crypto::Provider& provider,
                                            const registry::CipherSuiteInfo& suite,
                                            const TrafficKeys& keys, bool encrypt_then_mac) {
  return detail::make_protection(provider, suite, keys, encrypt_then_mac, 0);
}

}  // namespace tlslab::record

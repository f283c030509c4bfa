// AEAD record protection (RFC 5246 §6.2.3.3). The nonce differs by algorithm:
// - AES-GCM (RFC 5288 §3): the 4-byte salt from the key block (fixed_iv) followed by an 8-byte
//   explicit nonce that each record carries in front of its ciphertext. The sender chooses it;
//   like OpenSSL we send the sequence number, which is unique per key and keeps sealing
//   deterministic (golden transcripts). The receiver takes whatever the record carries.
// - ChaCha20-Poly1305 (RFC 7905 §2): the 12-byte fixed_iv XOR the sequence number, left-padded
//   to 12 bytes; nothing explicit on the wire.
// The additional data is seq_num + type + version + the plaintext's length.
#include <algorithm>
#include <array>
#include <string>

#include "protection_internal.hpp"
#include "tlslab/error.hpp"

namespace tlslab::record::detail {
namespace {

using crypto::kAeadNonceSize;
using crypto::kAeadTagSize;

class AeadProtection final : public Protection {
 public:
  AeadProtection(crypto::Provider& provider, const registry::CipherSuiteInfo& suite,
                 const TrafficKeys& keys, std::uint64_t first)
      : aead_(provider.aead(suite.aead, keys.enc_key)),
        explicit_size_(suite.record_iv_length()),
        sequence_(first),
        name_(crypto::aead_name(suite.aead)) {
    // fixed_iv is 4 bytes for GCM and 12 for ChaCha20 (checked by make_protection); GCM's
    // nonce is salt || explicit, so the salt sits at the front and the rest stays zero.
    std::copy(keys.fixed_iv.begin(), keys.fixed_iv.end(), fixed_.begin());
  }
  ~AeadProtection() override { secure_wipe(fixed_.data(), fixed_.size()); }
  AeadProtection(const AeadProtection&) = delete;
  AeadProtection& operator=(const AeadProtection&) = delete;

  std::string_view name() const noexcept override { return name_; }
  bool is_null() const noexcept override { return false; }

  void seal(ContentType type, std::uint16_t version, ByteView plaintext, Bytes& out) override {
    check_seal_size(name_, plaintext.size());
    const std::uint64_t seq = sequence_.current();
    const std::size_t at =
        begin_record(out, type, version, explicit_size_ + plaintext.size() + kAeadTagSize);
    const MutableByteView fragment(out.data() + at,
                                   explicit_size_ + plaintext.size() + kAeadTagSize);
    if (explicit_size_ != 0) write_u64(seq, fragment.data());
    const MutableByteView body = fragment.subspan(explicit_size_, plaintext.size());
    std::copy(plaintext.begin(), plaintext.end(), body.begin());
    const auto nonce = make_nonce(seq, fragment.first(explicit_size_));
    const auto ad =
        additional_data(seq, static_cast<std::uint8_t>(type), version, plaintext.size());
    aead_->seal(nonce, ad, body, fragment.subspan(explicit_size_ + plaintext.size()));
    sequence_.advance();
  }

  MutableByteView open(const Record& record) override {
    const std::uint64_t seq = sequence_.current();
    const MutableByteView fragment = record.fragment;
    if (fragment.size() < explicit_size_ + kAeadTagSize) fail_bad_record_mac();
    const std::size_t length = fragment.size() - explicit_size_ - kAeadTagSize;
    const MutableByteView body = fragment.subspan(explicit_size_, length);
    const auto nonce = make_nonce(seq, fragment.first(explicit_size_));
    const auto ad = additional_data(seq, record.type, record.version, length);
    if (!aead_->open(nonce, ad, body, fragment.subspan(explicit_size_ + length))) {
      fail_bad_record_mac();
    }
    check_opened_size(length);
    sequence_.advance();
    return body;
  }

  std::uint64_t sequence_number() const noexcept override { return sequence_.peek(); }
  std::size_t overhead() const noexcept override { return explicit_size_ + kAeadTagSize; }

 private:
  // GCM: salt || explicit nonce (as on the wire). ChaCha20: fixed_iv XOR 0^32 || seq_num.
  std::array<std::uint8_t, kAeadNonceSize> make_nonce(std::uint64_t seq,
                                                      ByteView explicit_nonce) const noexcept {
    std::array<std::uint8_t, kAeadNonceSize> nonce = fixed_;
    if (explicit_size_ != 0) {
      std::copy(explicit_nonce.begin(), explicit_nonce.end(), nonce.begin() + 4);
    } else {
      std::array<std::uint8_t, 8> s{};
      write_u64(seq, s.data());
      for (std::size_t i = 0; i < 8; ++i)
        nonce[4 + i] ^= s[i];
    }
    return nonce;
  }

  std::unique_ptr<crypto::Aead> aead_;
  std::array<std::uint8_t, kAeadNonceSize> fixed_{};
  std::size_t explicit_size_;  // 8 for GCM, 0 for ChaCha20-Poly1305
  SequenceNumber sequence_;
  std::string name_;
};

}  // namespace

std::unique_ptr<Protection> make_aead_protection(crypto::Provider& provider,
                                                 const registry::CipherSuiteInfo& suite,
                                                 const TrafficKeys& keys,
                                                 std::uint64_t first_sequence_number) {
  return std::make_unique<AeadProtection>(provider, suite, keys, first_sequence_number);
}

}  // namespace tlslab::record::detail

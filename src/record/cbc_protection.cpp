// CBC record protection with HMAC (RFC 5246 §6.2.3.2), in either order:
// - MAC-then-encrypt (TLS 1.2 as published): MAC(seq_num + type + version + length + plaintext)
//   is appended to the plaintext, then padding, then the whole is encrypted under a fresh
//   explicit IV. The receiver must decrypt before it can check anything, which is what padding
//   oracles and Lucky13 feed on; cbc_constant_time.cpp checks in constant time.
// - encrypt_then_mac (RFC 7366 §3): plaintext and padding are encrypted first, and the MAC over
//   seq_num + type + version + length(IV + ciphertext) + IV + ciphertext follows in the clear.
//   The receiver checks the MAC before decrypting anything.
// Every IV comes from the provider's RandomSource (RFC 5246 §6.2.3.2: "SHOULD be chosen at
// random, and MUST be unpredictable"), so a deterministic provider scripts them. Padding is the
// minimum (1 to one block of bytes): longer padding hides little and costs bytes.
#include <algorithm>
#include <string>

#include "cbc_internal.hpp"
#include "protection_internal.hpp"
#include "tlslab/error.hpp"

namespace tlslab::record::detail {
namespace {

class CbcProtection final : public Protection {
 public:
  CbcProtection(crypto::Provider& provider, const registry::CipherSuiteInfo& suite,
                const TrafficKeys& keys, bool encrypt_then_mac, std::uint64_t first)
      : rng_(provider),
        cipher_(provider.cbc(suite.cbc, keys.enc_key)),
        mac_(provider.hmac(suite.mac_hash, keys.mac_key)),
        filler_(provider.hash(suite.mac_hash)),
        block_(crypto::cbc_block_size(suite.cbc)),
        mac_size_(crypto::digest_size(suite.mac_hash)),
        encrypt_then_mac_(encrypt_then_mac),
        sequence_(first),
        name_(std::string(crypto::cbc_name(suite.cbc)) + " HMAC-" +
              std::string(crypto::hash_name(suite.mac_hash)) +
              (encrypt_then_mac ? " (encrypt_then_mac)" : " (MAC-then-encrypt)")) {}

  std::string_view name() const noexcept override { return name_; }
  bool is_null() const noexcept override { return false; }

  void seal(ContentType type, std::uint16_t version, ByteView plaintext, Bytes& out) override {
    check_seal_size(name_, plaintext.size());
    const std::uint64_t seq = sequence_.current();
    const auto type_byte = static_cast<std::uint8_t>(type);
    // Encrypted part: plaintext [+ MAC] + padding, padding being 1..block bytes each equal to
    // padding_length (the last of them is padding_length itself).
    const std::size_t content = plaintext.size() + (encrypt_then_mac_ ? 0 : mac_size_);
    const std::size_t padding = block_ - content % block_;
    const std::size_t encrypted = content + padding;
    const std::size_t fragment_size = block_ + encrypted + (encrypt_then_mac_ ? mac_size_ : 0);

    const std::size_t at = begin_record(out, type, version, fragment_size);
    const MutableByteView fragment(out.data() + at, fragment_size);
    const MutableByteView iv = fragment.first(block_);
    const MutableByteView body = fragment.subspan(block_, encrypted);
    rng_.fill(iv);
    std::copy(plaintext.begin(), plaintext.end(), body.begin());
    if (!encrypt_then_mac_) {
      mac_->update(additional_data(seq, type_byte, version, plaintext.size()));
      mac_->update(plaintext);
      const crypto::Digest tag = mac_->finish();
      std::copy_n(tag.bytes.begin(), mac_size_, body.begin() + plaintext.size());
    }
    std::fill(body.begin() + static_cast<std::ptrdiff_t>(content), body.end(),
              static_cast<std::uint8_t>(padding - 1));
    cipher_->encrypt(iv, body);
    if (encrypt_then_mac_) {
      const ByteView authenticated = fragment.first(block_ + encrypted);
      mac_->update(additional_data(seq, type_byte, version, authenticated.size()));
      mac_->update(authenticated);
      const crypto::Digest tag = mac_->finish();
      std::copy_n(tag.bytes.begin(), mac_size_, fragment.begin() + block_ + encrypted);
    }
    sequence_.advance();
  }

  MutableByteView open(const Record& record) override {
    const std::uint64_t seq = sequence_.current();
    const MutableByteView plaintext =
        encrypt_then_mac_ ? open_etm(record, seq) : open_mte(record, seq);
    check_opened_size(plaintext.size());
    sequence_.advance();
    return plaintext;
  }

  std::uint64_t sequence_number() const noexcept override { return sequence_.peek(); }
  std::size_t overhead() const noexcept override {
    return block_ /* IV */ + mac_size_ + block_ /* padding, at most */;
  }

 private:
  MutableByteView open_mte(const Record& record, std::uint64_t seq) {
    const MutableByteView fragment = record.fragment;
    // Public checks on the length alone: IV plus whole blocks holding at least MAC + the
    // padding_length byte.
    if (fragment.size() < block_ || (fragment.size() - block_) % block_ != 0 ||
        fragment.size() - block_ < mac_size_ + 1) {
      fail_bad_record_mac();
    }
    const MutableByteView body = fragment.subspan(block_);
    cipher_->decrypt(fragment.first(block_), body);
    const std::size_t length =
        verify_mac_then_encrypt(*mac_, *filler_, seq, record.type, record.version, body);
    return body.first(length);
  }

  MutableByteView open_etm(const Record& record, std::uint64_t seq) {
    const MutableByteView fragment = record.fragment;
    // IV, at least one block of ciphertext (there is always padding), the MAC.
    if (fragment.size() < 2 * block_ + mac_size_ || (fragment.size() - mac_size_) % block_ != 0) {
      fail_bad_record_mac();
    }
    const std::size_t authenticated_size = fragment.size() - mac_size_;
    const ByteView authenticated = fragment.first(authenticated_size);
    mac_->update(additional_data(seq, record.type, record.version, authenticated_size));
    mac_->update(authenticated);
    const crypto::Digest tag = mac_->finish();
    if (!equal_constant_time(tag.view(), fragment.subspan(authenticated_size))) {
      fail_bad_record_mac();
    }
    // Authentic: the padding can no longer be an oracle (only the sender could have made it
    // wrong), but a wrong one is still bad_record_mac (RFC 7366 §3).
    const MutableByteView body = fragment.subspan(block_, authenticated_size - block_);
    cipher_->decrypt(fragment.first(block_), body);
    const std::size_t pad = body.back();
    if (pad + 1 > body.size()) fail_bad_record_mac();
    const std::size_t length = body.size() - pad - 1;
    if (!std::all_of(body.begin() + static_cast<std::ptrdiff_t>(length), body.end(),
                     [&](std::uint8_t b) { return b == pad; })) {
      fail_bad_record_mac();
    }
    return body.first(length);
  }

  crypto::RandomSource& rng_;
  std::unique_ptr<crypto::CbcCipher> cipher_;
  std::unique_ptr<crypto::Mac> mac_;
  std::unique_ptr<crypto::HashContext> filler_;
  std::size_t block_;
  std::size_t mac_size_;
  bool encrypt_then_mac_;
  SequenceNumber sequence_;
  std::string name_;
};

}  // namespace

std::unique_ptr<Protection> make_cbc_protection(crypto::Provider& provider,
                                                const registry::CipherSuiteInfo& suite,
                                                const TrafficKeys& keys, bool encrypt_then_mac,
                                                std::uint64_t first_sequence_number) {
  return std::make_unique<CbcProtection>(provider, suite, keys, encrypt_then_mac,
                                         first_sequence_number);
}

}  // namespace tlslab::record::detail

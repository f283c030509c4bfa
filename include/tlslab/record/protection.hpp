// Per-direction record protection (RFC 5246 §6.2.3): null, AEAD (AES-GCM with the 8-byte
// explicit nonce of RFC 5288; ChaCha20-Poly1305 with the XOR nonce of RFC 7905) and CBC with
// HMAC, MAC-then-encrypt (RFC 5246 §6.2.3.2) or encrypt_then_mac (RFC 7366). Each object owns its
// keys and its 64-bit sequence number. No allocation per record: seal() appends to a buffer the
// caller reuses; open() works in place.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/provider.hpp"
#include "tlslab/record/framing.hpp"
#include "tlslab/registry.hpp"

namespace tlslab::record {

// One direction's keys from the key block (RFC 5246 §6.3): client_write_* or server_write_*.
struct TrafficKeys {
  SecretBytes mac_key;  // CBC suites only
  SecretBytes enc_key;
  SecretBytes fixed_iv;  // AEAD implicit nonce part: 4 bytes (GCM salt) or 12 (ChaCha20)
};

class Protection {
 public:
  virtual ~Protection() = default;
  // "null", "AES-128-GCM", "AES-256-CBC HMAC-SHA1 (MAC-then-encrypt)", ...
  virtual std::string_view name() const noexcept = 0;
  virtual bool is_null() const noexcept = 0;
  // Appends one whole record (header + protected fragment) carrying `plaintext`
  // (<= kMaxPlaintext bytes, else internal_error) and advances the sequence number.
  virtual void seal(ContentType type, std::uint16_t version, ByteView plaintext, Bytes& out) = 0;
  // Verifies and decrypts `record.fragment` in place and returns the plaintext within it.
  // Every authentication failure — tag, MAC, padding, a fragment too short to hold them — is
  // bad_record_mac with one and the same reason, and for CBC the checks take the same time
  // whatever the padding (Lucky13). A plaintext above kMaxPlaintext is record_overflow.
  virtual MutableByteView open(const Record& record) = 0;
  // The sequence number the next record will use.
  virtual std::uint64_t sequence_number() const noexcept = 0;
  // The most a sealed record adds to its plaintext (explicit nonce/IV, tag or MAC, padding).
  virtual std::size_t overhead() const noexcept = 0;
};

std::unique_ptr<Protection> make_null_protection();
// For an implemented AEAD or CBC suite. `rng` (the provider) gives CBC's per-record IVs; it must
// outlive the object. Wrong key sizes are internal_error.
std::unique_ptr<Protection> make_protection(crypto::Provider& provider,
                                            const registry::CipherSuiteInfo& suite,
                                            const TrafficKeys& keys, bool encrypt_then_mac);

}  // namespace tlslab::record

// The record-protection AEADs (RFC 5116): AES-GCM (RFC 5288) and ChaCha20-Poly1305 (RFC 7905,
// RFC 8439 §2.8).
//
// Which library for which cipher:
// - ChaCha20-Poly1305 comes from libsodium, the faster of the two: sealing a 16 KiB record took
//   about half the time of Crypto++'s ChaCha20Poly1305 on the bench machine (libsodium has
//   SSSE3/AVX2 ChaCha20 and a vectorised Poly1305).
// - AES-GCM comes from Crypto++. libsodium's crypto_aead_aes256gcm exists only on CPUs with
//   AES-NI and PCLMUL (it refuses to run elsewhere) and has no AES-128 at all, while Crypto++
//   uses AES-NI/PCLMUL when present and falls back to table code otherwise.
//
// Both keep the key schedule for the life of the object: a record costs one resynchronisation
// with the 12-byte nonce, never a rekey.
#include <cryptopp/aes.h>
#include <cryptopp/gcm.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <string>

#include "impl.hpp"
#include "tlslab/error.hpp"

namespace tlslab::crypto::impl {
namespace {

// An empty span may carry a null pointer; the libraries want a valid one even for length 0.
const std::uint8_t* data_or_dummy(ByteView v) noexcept {
  static constexpr std::uint8_t kNothing = 0;
  return v.empty() ? &kNothing : v.data();
}
std::uint8_t* data_or_dummy(MutableByteView v) noexcept {
  static std::uint8_t nothing = 0;
  return v.empty() ? &nothing : v.data();
}

void check_key(AeadAlgorithm a, ByteView key) {
  if (key.size() != aead_key_size(a)) {
    fail(AlertDescription::internal_error, "AEAD: " + std::string(aead_name(a)) + " key must be " +
                                               std::to_string(aead_key_size(a)) + " bytes, got " +
                                               std::to_string(key.size()));
  }
}

void check_sizes(AeadAlgorithm a, ByteView nonce, std::size_t tag_size, const char* operation) {
  if (nonce.size() != kAeadNonceSize) {
    fail(AlertDescription::internal_error, "AEAD: " + std::string(aead_name(a)) + " " + operation +
                                               ": nonce must be " + std::to_string(kAeadNonceSize) +
                                               " bytes, got " + std::to_string(nonce.size()));
  }
  if (tag_size != kAeadTagSize) {
    fail(AlertDescription::internal_error, "AEAD: " + std::string(aead_name(a)) + " " + operation +
                                               ": tag must be " + std::to_string(kAeadTagSize) +
                                               " bytes, got " + std::to_string(tag_size));
  }
}

class AesGcm final : public Aead {
 public:
  AesGcm(AeadAlgorithm a, ByteView key) : algorithm_(a) {
    check_key(a, key);
    // Crypto++ will not key a GCM object without an IV; the zero IV is never used to encrypt,
    // as every seal()/open() resynchronises with the record's nonce first.
    static constexpr std::array<CryptoPP::byte, kAeadNonceSize> kUnusedIv{};
    encryption_.SetKeyWithIV(key.data(), key.size(), kUnusedIv.data(), kUnusedIv.size());
    decryption_.SetKeyWithIV(key.data(), key.size(), kUnusedIv.data(), kUnusedIv.size());
  }

  AeadAlgorithm algorithm() const noexcept override { return algorithm_; }

  void seal(ByteView nonce, ByteView aad, MutableByteView in_out, MutableByteView tag) override {
    check_sizes(algorithm_, nonce, tag.size(), "seal");
    // Crypto++ stream processing works in place (output pointer == input pointer).
    encryption_.EncryptAndAuthenticate(data_or_dummy(in_out), tag.data(), tag.size(), nonce.data(),
                                       static_cast<int>(nonce.size()), data_or_dummy(aad),
                                       aad.size(), data_or_dummy(in_out), in_out.size());
  }

  bool open(ByteView nonce, ByteView aad, MutableByteView in_out, ByteView tag) override {
    check_sizes(algorithm_, nonce, tag.size(), "open");
    // DecryptAndVerify decrypts while it authenticates and compares the tag in constant time
    // at the end; on a mismatch the buffer holds unauthenticated plaintext, which is wiped.
    const bool ok = decryption_.DecryptAndVerify(
        data_or_dummy(in_out), tag.data(), tag.size(), nonce.data(), static_cast<int>(nonce.size()),
        data_or_dummy(aad), aad.size(), data_or_dummy(in_out), in_out.size());
    if (!ok) secure_wipe(in_out.data(), in_out.size());
    return ok;
  }

 private:
  AeadAlgorithm algorithm_;
  // Separate objects because GCM<AES>::Decryption holds the AES decryption direction; both
  // are keyed once (the GHASH tables and key schedule are in SecBlocks, wiped on destruction).
  CryptoPP::GCM<CryptoPP::AES>::Encryption encryption_;
  CryptoPP::GCM<CryptoPP::AES>::Decryption decryption_;
};

class ChaCha20Poly1305 final : public Aead {
 public:
  explicit ChaCha20Poly1305(ByteView key) {
    check_key(AeadAlgorithm::chacha20_poly1305, key);
    static_assert(crypto_aead_chacha20poly1305_ietf_KEYBYTES == 32);
    static_assert(crypto_aead_chacha20poly1305_ietf_NPUBBYTES == kAeadNonceSize);
    static_assert(crypto_aead_chacha20poly1305_ietf_ABYTES == kAeadTagSize);
    std::copy(key.begin(), key.end(), key_.begin());
  }
  ~ChaCha20Poly1305() override { sodium_memzero(key_.data(), key_.size()); }
  ChaCha20Poly1305(const ChaCha20Poly1305&) = delete;
  ChaCha20Poly1305& operator=(const ChaCha20Poly1305&) = delete;

  AeadAlgorithm algorithm() const noexcept override { return AeadAlgorithm::chacha20_poly1305; }

  void seal(ByteView nonce, ByteView aad, MutableByteView in_out, MutableByteView tag) override {
    check_sizes(AeadAlgorithm::chacha20_poly1305, nonce, tag.size(), "seal");
    // libsodium documents c == m as supported for the detached API.
    if (crypto_aead_chacha20poly1305_ietf_encrypt_detached(
            data_or_dummy(in_out), tag.data(), nullptr, data_or_dummy(in_out), in_out.size(),
            data_or_dummy(aad), aad.size(), nullptr, nonce.data(), key_.data()) != 0) {
      fail(AlertDescription::internal_error, "AEAD: ChaCha20-Poly1305 seal: libsodium refused a " +
                                                 std::to_string(in_out.size()) + "-byte message");
    }
  }

  bool open(ByteView nonce, ByteView aad, MutableByteView in_out, ByteView tag) override {
    check_sizes(AeadAlgorithm::chacha20_poly1305, nonce, tag.size(), "open");
    // libsodium verifies the tag before decrypting, so a forgery leaves the ciphertext
    // untouched; it is zeroed anyway, as the interface promises.
    const bool ok = crypto_aead_chacha20poly1305_ietf_decrypt_detached(
                        data_or_dummy(in_out), nullptr, data_or_dummy(in_out), in_out.size(),
                        tag.data(), data_or_dummy(aad), aad.size(), nonce.data(), key_.data()) == 0;
    if (!ok) secure_wipe(in_out.data(), in_out.size());
    return ok;
  }

 private:
  std::array<std::uint8_t, crypto_aead_chacha20poly1305_ietf_KEYBYTES> key_{};
};

}  // namespace

std::unique_ptr<Aead> make_aead(AeadAlgorithm a, ByteView key) {
  switch (a) {
    case AeadAlgorithm::aes_128_gcm:
    case AeadAlgorithm::aes_256_gcm:
      return std::make_unique<AesGcm>(a, key);
    case AeadAlgorithm::chacha20_poly1305:
      return std::make_unique<ChaCha20Poly1305>(key);
  }
  fail(AlertDescription::internal_error,
       "AEAD: unknown algorithm " + std::to_string(static_cast<unsigned>(a)));
}

}  // namespace tlslab::crypto::impl

// CBC-mode block ciphers for the TLS 1.2 GenericBlockCipher record (RFC 5246 §6.2.3.2): AES
// (FIPS 197) and Triple-DES EDE with three keys (NIST SP 800-67), from Crypto++ (libsodium has
// neither). No padding here: the record layer adds and checks its own.
#include <cryptopp/aes.h>
#include <cryptopp/des.h>
#include <cryptopp/modes.h>

#include <array>
#include <string>

#include "impl.hpp"
#include "tlslab/error.hpp"

namespace tlslab::crypto::impl {
namespace {

template <class Cipher>
class CryptoppCbc final : public CbcCipher {
 public:
  static constexpr std::size_t kBlock = Cipher::BLOCKSIZE;

  CryptoppCbc(CbcAlgorithm c, ByteView key) : algorithm_(c) {
    if (key.size() != cbc_key_size(c)) {
      fail(AlertDescription::internal_error, "CBC: " + std::string(cbc_name(c)) + " key must be " +
                                                 std::to_string(cbc_key_size(c)) + " bytes, got " +
                                                 std::to_string(key.size()));
    }
    static_assert(kBlock == 8 || kBlock == 16);
    // Keyed once with a throwaway IV (Crypto++ wants one to key a CBC object); every call
    // resynchronises with the record's own IV.
    static constexpr std::array<CryptoPP::byte, kBlock> kUnusedIv{};
    encryption_.SetKeyWithIV(key.data(), key.size(), kUnusedIv.data(), kUnusedIv.size());
    decryption_.SetKeyWithIV(key.data(), key.size(), kUnusedIv.data(), kUnusedIv.size());
  }

  CbcAlgorithm algorithm() const noexcept override { return algorithm_; }

  void encrypt(ByteView iv, MutableByteView in_out) override {
    check(iv, in_out, "encrypt");
    encryption_.Resynchronize(iv.data(), static_cast<int>(iv.size()));
    // ProcessData on whole blocks adds no padding (that is StreamTransformationFilter's job)
    // and works in place.
    encryption_.ProcessData(in_out.data(), in_out.data(), in_out.size());
  }

  void decrypt(ByteView iv, MutableByteView in_out) override {
    check(iv, in_out, "decrypt");
    decryption_.Resynchronize(iv.data(), static_cast<int>(iv.size()));
    decryption_.ProcessData(in_out.data(), in_out.data(), in_out.size());
  }

 private:
  void check(ByteView iv, MutableByteView in_out, const char* operation) const {
    if (iv.size() != kBlock) {
      fail(AlertDescription::internal_error,
           "CBC: " + std::string(cbc_name(algorithm_)) + " " + operation + ": IV must be " +
               std::to_string(kBlock) + " bytes, got " + std::to_string(iv.size()));
    }
    if (in_out.size() % kBlock != 0) {
      fail(AlertDescription::internal_error,
           "CBC: " + std::string(cbc_name(algorithm_)) + " " + operation + ": length " +
               std::to_string(in_out.size()) + " is not a multiple of the " +
               std::to_string(kBlock) + "-byte block");
    }
  }

  CbcAlgorithm algorithm_;
  // Two objects because AES decryption runs the inverse key schedule; both key schedules sit
  // in SecBlocks that wipe themselves.
  typename CryptoPP::CBC_Mode<Cipher>::Encryption encryption_;
  typename CryptoPP::CBC_Mode<Cipher>::Decryption decryption_;
};

}  // namespace

std::unique_ptr<CbcCipher> make_cbc(CbcAlgorithm c, ByteView key) {
  switch (c) {
    case CbcAlgorithm::aes_128_cbc:
    case CbcAlgorithm::aes_256_cbc:
      return std::make_unique<CryptoppCbc<CryptoPP::AES>>(c, key);
    case CbcAlgorithm::des_ede3_cbc:
      return std::make_unique<CryptoppCbc<CryptoPP::DES_EDE3>>(c, key);
  }
  fail(AlertDescription::internal_error,
       "CBC: unknown algorithm " + std::to_string(static_cast<unsigned>(c)));
}

}  // namespace tlslab::crypto::impl

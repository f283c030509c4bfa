// PBKDF2 and padded CBC for password-based encryption (RFC 8018), from Crypto++: libsodium has
// neither PBKDF2 nor AES-CBC/3DES. AES-192 is here (and not in the record layer's CbcCipher)
// because PBES2 producers use it while no TLS 1.2 suite does.
#include "tlslab/crypto/pbe.hpp"

#include <cryptopp/aes.h>
#include <cryptopp/des.h>
#include <cryptopp/modes.h>
#include <cryptopp/pwdbased.h>
#include <cryptopp/sha.h>

#include <string>

#include "tlslab/error.hpp"

namespace tlslab::crypto {
namespace {

template <class Hash>
void derive(ByteView password, ByteView salt, std::uint32_t iterations, SecretBytes& out) {
  const CryptoPP::PKCS5_PBKDF2_HMAC<Hash> kdf;
  // Crypto++ keys the HMAC from the pointer even for an empty password; give it a valid one.
  static constexpr CryptoPP::byte kEmpty[1] = {0};
  const CryptoPP::byte* secret = password.empty() ? kEmpty : password.data();
  const CryptoPP::byte* salt_bytes = salt.empty() ? kEmpty : salt.data();
  kdf.DeriveKey(out.data(), out.size(), 0, secret, password.size(), salt_bytes, salt.size(),
                iterations, 0.0);
}

void check_sizes(PbeCipher c, ByteView key, ByteView iv, const char* operation) {
  if (key.size() != pbe_cipher_key_size(c) || iv.size() != pbe_cipher_block_size(c)) {
    fail(AlertDescription::internal_error,
         std::string(pbe_cipher_name(c)) + " " + operation + ": key must be " +
             std::to_string(pbe_cipher_key_size(c)) + " bytes and IV " +
             std::to_string(pbe_cipher_block_size(c)) + ", got " + std::to_string(key.size()) +
             " and " + std::to_string(iv.size()));
  }
}

template <class Cipher>
void cbc_decrypt(ByteView key, ByteView iv, ByteView in, MutableByteView out) {
  typename CryptoPP::CBC_Mode<Cipher>::Decryption d(key.data(), key.size(), iv.data());
  d.ProcessData(out.data(), in.data(), in.size());
}

template <class Cipher>
void cbc_encrypt(ByteView key, ByteView iv, MutableByteView in_out) {
  typename CryptoPP::CBC_Mode<Cipher>::Encryption e(key.data(), key.size(), iv.data());
  e.ProcessData(in_out.data(), in_out.data(), in_out.size());
}

void run(PbeCipher c, bool decrypt, ByteView key, ByteView iv, ByteView in, MutableByteView out) {
  switch (c) {
    case PbeCipher::aes_128_cbc:
    case PbeCipher::aes_192_cbc:
    case PbeCipher::aes_256_cbc:
      if (decrypt) {
        cbc_decrypt<CryptoPP::AES>(key, iv, in, out);
      } else {
        cbc_encrypt<CryptoPP::AES>(key, iv, out);
      }
      return;
    case PbeCipher::des_ede3_cbc:
      if (decrypt) {
        cbc_decrypt<CryptoPP::DES_EDE3>(key, iv, in, out);
      } else {
        cbc_encrypt<CryptoPP::DES_EDE3>(key, iv, out);
      }
      return;
  }
  fail(AlertDescription::internal_error, "PBE: unknown cipher");
}

}  // namespace

std::size_t pbe_cipher_key_size(PbeCipher c) noexcept {
  switch (c) {
    case PbeCipher::aes_128_cbc:
      return 16;
    case PbeCipher::aes_192_cbc:
      return 24;
    case PbeCipher::aes_256_cbc:
      return 32;
    case PbeCipher::des_ede3_cbc:
      return 24;
  }
  return 0;
}

std::size_t pbe_cipher_block_size(PbeCipher c) noexcept {
  return c == PbeCipher::des_ede3_cbc ? 8 : 16;
}

std::string_view pbe_cipher_name(PbeCipher c) noexcept {
  switch (c) {
    case PbeCipher::aes_128_cbc:
      return "AES-128-CBC";
    case PbeCipher::aes_192_cbc:
      return "AES-192-CBC";
    case PbeCipher::aes_256_cbc:
      return "AES-256-CBC";
    case PbeCipher::des_ede3_cbc:
      return "DES-EDE3-CBC";
  }
  return "unknown";
}

SecretBytes pbkdf2_hmac(HashAlgorithm prf, ByteView password, ByteView salt,
                        std::uint32_t iterations, std::size_t key_length) {
  if (iterations == 0 || key_length == 0) {
    fail(AlertDescription::internal_error,
         "PBKDF2: iteration count and key length must be at least 1");
  }
  SecretBytes out(key_length);
  switch (prf) {
    case HashAlgorithm::sha1:
      derive<CryptoPP::SHA1>(password, salt, iterations, out);
      break;
    case HashAlgorithm::sha224:
      derive<CryptoPP::SHA224>(password, salt, iterations, out);
      break;
    case HashAlgorithm::sha256:
      derive<CryptoPP::SHA256>(password, salt, iterations, out);
      break;
    case HashAlgorithm::sha384:
      derive<CryptoPP::SHA384>(password, salt, iterations, out);
      break;
    case HashAlgorithm::sha512:
      derive<CryptoPP::SHA512>(password, salt, iterations, out);
      break;
  }
  return out;
}

SecretBytes cbc_decrypt_padded(PbeCipher c, ByteView key, ByteView iv, ByteView ciphertext) {
  check_sizes(c, key, iv, "decrypt");
  const std::size_t block = pbe_cipher_block_size(c);
  if (ciphertext.empty() || ciphertext.size() % block != 0) {
    fail(AlertDescription::decode_error,
         std::string(pbe_cipher_name(c)) + ": ciphertext of " + std::to_string(ciphertext.size()) +
             " bytes is not a non-zero multiple of the " + std::to_string(block) + "-byte block");
  }
  SecretBytes plain(ciphertext.size());
  run(c, true, key, iv, ciphertext, plain);
  // RFC 8018 §6.1.1 step 4: 1..block bytes, each equal to the count. Checked without branching
  // on the bytes (the check is the only place a wrong password shows before parsing).
  const std::uint8_t pad = plain.back();
  unsigned bad = static_cast<unsigned>(pad == 0) | static_cast<unsigned>(pad > block);
  for (std::size_t i = 0; i < block; ++i) {
    const std::uint8_t in_pad = static_cast<std::uint8_t>(i < pad);
    bad |= in_pad & static_cast<unsigned>(plain[plain.size() - 1 - i] != pad);
  }
  if (bad != 0) {
    fail(AlertDescription::decrypt_error,
         std::string(pbe_cipher_name(c)) +
             ": bad padding after decryption (wrong password or corrupt data)");
  }
  plain.resize(plain.size() - pad);
  return plain;
}

Bytes cbc_encrypt_padded(PbeCipher c, ByteView key, ByteView iv, ByteView plaintext) {
  check_sizes(c, key, iv, "encrypt");
  const std::size_t block = pbe_cipher_block_size(c);
  const std::size_t pad = block - plaintext.size() % block;
  Bytes out(plaintext.begin(), plaintext.end());
  out.insert(out.end(), pad, static_cast<std::uint8_t>(pad));
  run(c, false, key, iv, {}, out);
  return out;
}

}  // namespace tlslab::crypto

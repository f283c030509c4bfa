// The PKCS#12 KDF and legacy PBE ciphers (RFC 7292 Appendices B and C) from Crypto++:
// PKCS12_PBKDF implements §B.2, and Crypto++ still has RC2 and (in its Weak namespace) RC4,
// which libsodium never had.
#define CRYPTOPP_ENABLE_NAMESPACE_WEAK 1
#include "tlslab/crypto/pkcs12_pbe.hpp"

#include <cryptopp/algparam.h>
#include <cryptopp/arc4.h>
#include <cryptopp/argnames.h>
#include <cryptopp/des.h>
#include <cryptopp/modes.h>
#include <cryptopp/pwdbased.h>
#include <cryptopp/rc2.h>
#include <cryptopp/sha.h>

#include <string>

#include "tlslab/error.hpp"

namespace tlslab::crypto {
namespace {

template <class Hash>
void derive(Pkcs12KdfId id, ByteView password, ByteView salt, std::uint32_t iterations,
            SecretBytes& out) {
  const CryptoPP::PKCS12_PBKDF<Hash> kdf;
  // Crypto++ asserts on null pointers even for zero lengths; give it a valid one.
  static constexpr CryptoPP::byte kEmpty[1] = {0};
  kdf.DeriveKey(out.data(), out.size(), static_cast<CryptoPP::byte>(id),
                password.empty() ? kEmpty : password.data(), password.size(),
                salt.empty() ? kEmpty : salt.data(), salt.size(), iterations, 0.0);
}

bool is_cbc(Pkcs12PbeCipher c) noexcept {
  return c != Pkcs12PbeCipher::rc4_128 && c != Pkcs12PbeCipher::rc4_40;
}

// Runs the cipher over `data` in place. RC2's effective key length is the key length in bits
// (RFC 7292 Appendix C: "RC2 with a 40-bit key" means effective bits 40 as well), not Crypto++'s
// default of 1024.
void run(Pkcs12PbeCipher c, bool decrypt, ByteView key, ByteView iv, MutableByteView data) {
  using CryptoPP::CBC_Mode;
  const auto cbc = [&](auto& mode) { mode.ProcessData(data.data(), data.data(), data.size()); };
  switch (c) {
    case Pkcs12PbeCipher::rc4_128:
    case Pkcs12PbeCipher::rc4_40: {
      CryptoPP::Weak::ARC4 rc4(key.data(), key.size());
      rc4.ProcessData(data.data(), data.data(), data.size());
      return;
    }
    case Pkcs12PbeCipher::des_ede3_cbc:
      if (decrypt) {
        CBC_Mode<CryptoPP::DES_EDE3>::Decryption m(key.data(), key.size(), iv.data());
        cbc(m);
      } else {
        CBC_Mode<CryptoPP::DES_EDE3>::Encryption m(key.data(), key.size(), iv.data());
        cbc(m);
      }
      return;
    case Pkcs12PbeCipher::des_ede2_cbc:
      if (decrypt) {
        CBC_Mode<CryptoPP::DES_EDE2>::Decryption m(key.data(), key.size(), iv.data());
        cbc(m);
      } else {
        CBC_Mode<CryptoPP::DES_EDE2>::Encryption m(key.data(), key.size(), iv.data());
        cbc(m);
      }
      return;
    case Pkcs12PbeCipher::rc2_128_cbc:
    case Pkcs12PbeCipher::rc2_40_cbc: {
      const auto params = CryptoPP::MakeParameters(CryptoPP::Name::EffectiveKeyLength(),
                                                   static_cast<int>(key.size() * 8))(
          CryptoPP::Name::IV(), CryptoPP::ConstByteArrayParameter(iv.data(), iv.size()));
      if (decrypt) {
        CBC_Mode<CryptoPP::RC2>::Decryption m;
        m.SetKey(key.data(), key.size(), params);
        cbc(m);
      } else {
        CBC_Mode<CryptoPP::RC2>::Encryption m;
        m.SetKey(key.data(), key.size(), params);
        cbc(m);
      }
      return;
    }
  }
  fail(AlertDescription::internal_error, "PKCS#12 PBE: unknown cipher");
}

void check_count(std::uint32_t iterations, std::size_t length) {
  if (iterations == 0 || length == 0) {
    fail(AlertDescription::internal_error,
         "PKCS#12 KDF: iteration count and length must be at least 1");
  }
}

void append_unit(SecretBytes& out, std::uint32_t unit) {
  out.push_back(static_cast<std::uint8_t>(unit >> 8));
  out.push_back(static_cast<std::uint8_t>(unit));
}

}  // namespace

SecretBytes pkcs12_kdf(HashAlgorithm h, Pkcs12KdfId id, ByteView password, ByteView salt,
                       std::uint32_t iterations, std::size_t length) {
  check_count(iterations, length);
  SecretBytes out(length);
  switch (h) {
    case HashAlgorithm::sha1:
      derive<CryptoPP::SHA1>(id, password, salt, iterations, out);
      break;
    case HashAlgorithm::sha224:
      derive<CryptoPP::SHA224>(id, password, salt, iterations, out);
      break;
    case HashAlgorithm::sha256:
      derive<CryptoPP::SHA256>(id, password, salt, iterations, out);
      break;
    case HashAlgorithm::sha384:
      derive<CryptoPP::SHA384>(id, password, salt, iterations, out);
      break;
    case HashAlgorithm::sha512:
      derive<CryptoPP::SHA512>(id, password, salt, iterations, out);
      break;
  }
  return out;
}

std::optional<SecretBytes> pkcs12_password_bmp(std::string_view utf8) {
  SecretBytes out;
  out.reserve(utf8.size() * 2 + 2);
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto b0 = static_cast<std::uint8_t>(utf8[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (b0 < 0x80) {
      n = 1;
      cp = b0;
    } else if ((b0 & 0xE0) == 0xC0) {
      n = 2;
      cp = b0 & 0x1FU;
    } else if ((b0 & 0xF0) == 0xE0) {
      n = 3;
      cp = b0 & 0x0FU;
    } else if ((b0 & 0xF8) == 0xF0) {
      n = 4;
      cp = b0 & 0x07U;
    } else {
      return std::nullopt;
    }
    if (utf8.size() - i < n) return std::nullopt;
    for (std::size_t k = 1; k < n; ++k) {
      const auto b = static_cast<std::uint8_t>(utf8[i + k]);
      if ((b & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (b & 0x3FU);
    }
    // Overlong forms, surrogates and values beyond U+10FFFF are not UTF-8 (RFC 3629 §3).
    static constexpr std::uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      append_unit(out, 0xD800 + (cp >> 10));
      append_unit(out, 0xDC00 + (cp & 0x3FF));
    } else {
      append_unit(out, cp);
    }
    i += n;
  }
  append_unit(out, 0);
  return out;
}

SecretBytes pkcs12_password_bytes_as_bmp(std::string_view bytes) {
  SecretBytes out;
  out.reserve(bytes.size() * 2 + 2);
  for (const char c : bytes)
    append_unit(out, static_cast<std::uint8_t>(c));
  append_unit(out, 0);
  return out;
}

std::size_t pkcs12_pbe_key_size(Pkcs12PbeCipher c) noexcept {
  switch (c) {
    case Pkcs12PbeCipher::rc4_128:
    case Pkcs12PbeCipher::des_ede2_cbc:
    case Pkcs12PbeCipher::rc2_128_cbc:
      return 16;
    case Pkcs12PbeCipher::rc4_40:
    case Pkcs12PbeCipher::rc2_40_cbc:
      return 5;
    case Pkcs12PbeCipher::des_ede3_cbc:
      return 24;
  }
  return 0;
}

std::size_t pkcs12_pbe_iv_size(Pkcs12PbeCipher c) noexcept {
  return is_cbc(c) ? 8 : 0;
}

std::string_view pkcs12_pbe_name(Pkcs12PbeCipher c) noexcept {
  switch (c) {
    case Pkcs12PbeCipher::rc4_128:
      return "RC4-128";
    case Pkcs12PbeCipher::rc4_40:
      return "RC4-40";
    case Pkcs12PbeCipher::des_ede3_cbc:
      return "DES-EDE3-CBC";
    case Pkcs12PbeCipher::des_ede2_cbc:
      return "DES-EDE-CBC";
    case Pkcs12PbeCipher::rc2_128_cbc:
      return "RC2-128-CBC";
    case Pkcs12PbeCipher::rc2_40_cbc:
      return "RC2-40-CBC";
  }
  return "unknown";
}

SecretBytes pkcs12_pbe_decrypt(Pkcs12PbeCipher c, ByteView password, ByteView salt,
                               std::uint32_t iterations, ByteView ciphertext) {
  const std::string name(pkcs12_pbe_name(c));
  const SecretBytes key = pkcs12_kdf(HashAlgorithm::sha1, Pkcs12KdfId::key, password, salt,
                                     iterations, pkcs12_pbe_key_size(c));
  SecretBytes iv;
  if (is_cbc(c)) {
    if (ciphertext.empty() || ciphertext.size() % 8 != 0) {
      fail(AlertDescription::decode_error,
           name + ": ciphertext of " + std::to_string(ciphertext.size()) +
               " bytes is not a non-zero multiple of the 8-byte block");
    }
    iv = pkcs12_kdf(HashAlgorithm::sha1, Pkcs12KdfId::iv, password, salt, iterations, 8);
  }
  SecretBytes plain(ciphertext.begin(), ciphertext.end());
  run(c, true, key, iv, plain);
  if (!is_cbc(c)) return plain;
  // PKCS#7 padding of 1..8 bytes, checked without branching on the bytes (as crypto/pbe.cpp).
  const std::uint8_t pad = plain.back();
  unsigned bad = static_cast<unsigned>(pad == 0) | static_cast<unsigned>(pad > 8);
  for (std::size_t i = 0; i < 8; ++i) {
    const auto in_pad = static_cast<std::uint8_t>(i < pad);
    bad |= in_pad & static_cast<unsigned>(plain[plain.size() - 1 - i] != pad);
  }
  if (bad != 0) {
    fail(AlertDescription::decrypt_error,
         name + ": bad padding after decryption (wrong password or corrupt data)");
  }
  plain.resize(plain.size() - pad);
  return plain;
}

Bytes pkcs12_pbe_encrypt(Pkcs12PbeCipher c, ByteView password, ByteView salt,
                         std::uint32_t iterations, ByteView plaintext) {
  const SecretBytes key = pkcs12_kdf(HashAlgorithm::sha1, Pkcs12KdfId::key, password, salt,
                                     iterations, pkcs12_pbe_key_size(c));
  Bytes out(plaintext.begin(), plaintext.end());
  SecretBytes iv;
  if (is_cbc(c)) {
    iv = pkcs12_kdf(HashAlgorithm::sha1, Pkcs12KdfId::iv, password, salt, iterations, 8);
    const std::size_t pad = 8 - plaintext.size() % 8;
    out.insert(out.end(), pad, static_cast<std::uint8_t>(pad));
  }
  run(c, false, key, iv, out);
  return out;
}

}  // namespace tlslab::crypto

// CBC ciphers through the provider: NIST SP 800-38A Appendix F.2 (CBC-AES128 F.2.1/F.2.2,
// CBC-AES256 F.2.5/F.2.6) and, for Triple-DES, the NIST CAVP TDES Multi-block Message Test file
// TCBCMMT3.rsp (three-key TDEA, CBC; [ENCRYPT] COUNT = 9) from tdesmmt.zip.
#include <string>

#include "../test_util.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/crypto/provider.hpp"

namespace tlslab::crypto {
namespace {

using test::hex;

// SP 800-38A F.2: the same four-block plaintext and IV for every key size.
const char* const kSpIv = "000102030405060708090a0b0c0d0e0f";
const char* const kSpPlaintext =
    "6bc1bee22e409f96e93d7e117393172a"
    "ae2d8a571e03ac9c9eb76fac45af8e51"
    "30c81c46a35ce411e5fbc1191a0a52ef"
    "f69f2445df4f9b17ad2b417be66c3710";

struct Vector {
  const char* name;
  CbcAlgorithm algorithm;
  const char* key;
  const char* iv;
  const char* plaintext;
  const char* ciphertext;
};

const Vector kVectors[] = {
    {"SP 800-38A F.2.1/F.2.2 CBC-AES128", CbcAlgorithm::aes_128_cbc,
     "2b7e151628aed2a6abf7158809cf4f3c", kSpIv, kSpPlaintext,
     "7649abac8119b246cee98e9b12e9197d"
     "5086cb9b507219ee95db113a917678b2"
     "73bed6b8e3c1743b7116e69e22229516"
     "3ff1caa1681fac09120eca307586e1a7"},
    {"SP 800-38A F.2.5/F.2.6 CBC-AES256", CbcAlgorithm::aes_256_cbc,
     "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", kSpIv, kSpPlaintext,
     "f58c4c04d6e5f1ba779eabfb5f7bfbd6"
     "9cfc4e967edb808d679f777bc6702c7d"
     "39f23369a9d9bacfa530e26304231461"
     "b2eb05e2c39be9fcda6c19078c6a9d1b"},
    // KEY1 = 9b162a0df8ad9b61, KEY2 = c88676e3d5864345, KEY3 = 70b902f12a2046e0.
    {"CAVP TCBCMMT3 encrypt COUNT 9", CbcAlgorithm::des_ede3_cbc,
     "9b162a0df8ad9b61c88676e3d586434570b902f12a2046e0", "ebd6fefe029ad54b",
     "f4c1c918e77355c8156f0fd778da52bff121ae5f2f44eaf4d2754946d0e10d1f18ce3a0176e69c18b7d20b6e0d"
     "0bee5eb5edfe4bd60e4d92adcd86bce72e76f94ee5cbcaa8b01cfddcea2ade575e66ac",
     "1ff3c8709f403a8eff291aedf50c010df5c5ff64a8b205f1fce68564798897a390db16ee0d053856b75898009"
     "731da290fcc119dad987277aacef694872e880c4bb41471063fae05c89f25e4bd0cad6a"},
};

TEST_CASE("cbc: known answers, encrypt and decrypt in place") {
  auto provider = make_default_provider();
  for (const auto& v : kVectors) {
    CAPTURE(v.name);
    auto cbc = provider->cbc(v.algorithm, hex(v.key));
    CHECK(cbc->algorithm() == v.algorithm);
    Bytes buffer = hex(v.plaintext);
    cbc->encrypt(hex(v.iv), buffer);
    CHECK(to_hex(buffer) == v.ciphertext);
    cbc->decrypt(hex(v.iv), buffer);
    CHECK(to_hex(buffer) == v.plaintext);

    // Decryption by a separate object (the peer's), as in F.2.2/F.2.6.
    auto peer = provider->cbc(v.algorithm, hex(v.key));
    buffer = hex(v.ciphertext);
    peer->decrypt(hex(v.iv), buffer);
    CHECK(to_hex(buffer) == v.plaintext);
  }
}

TEST_CASE("cbc: every call starts from its own IV") {
  auto provider = make_default_provider();
  for (const auto& v : kVectors) {
    CAPTURE(v.name);
    auto cbc = provider->cbc(v.algorithm, hex(v.key));
    const std::size_t block = cbc_block_size(v.algorithm);
    const Bytes plaintext = hex(v.plaintext);
    const Bytes ciphertext = hex(v.ciphertext);

    // Block by block, each call given the previous ciphertext block as IV, reproduces the
    // chained result: so no state leaks from one call into the next except through the IV.
    Bytes iv = hex(v.iv);
    for (std::size_t at = 0; at < plaintext.size(); at += block) {
      CAPTURE(at);
      Bytes chunk(plaintext.begin() + static_cast<std::ptrdiff_t>(at),
                  plaintext.begin() + static_cast<std::ptrdiff_t>(at + block));
      cbc->encrypt(iv, chunk);
      CHECK(chunk == Bytes(ciphertext.begin() + static_cast<std::ptrdiff_t>(at),
                           ciphertext.begin() + static_cast<std::ptrdiff_t>(at + block)));
      iv = chunk;
    }
    // Same for decryption, in reverse order of blocks.
    for (std::size_t at = ciphertext.size(); at > 0; at -= block) {
      CAPTURE(at);
      const std::size_t start = at - block;
      const Bytes chunk_iv =
          start == 0 ? hex(v.iv)
                     : Bytes(ciphertext.begin() + static_cast<std::ptrdiff_t>(start - block),
                             ciphertext.begin() + static_cast<std::ptrdiff_t>(start));
      Bytes chunk(ciphertext.begin() + static_cast<std::ptrdiff_t>(start),
                  ciphertext.begin() + static_cast<std::ptrdiff_t>(at));
      cbc->decrypt(chunk_iv, chunk);
      CHECK(chunk == Bytes(plaintext.begin() + static_cast<std::ptrdiff_t>(start),
                           plaintext.begin() + static_cast<std::ptrdiff_t>(at)));
    }
    // The whole message again on the same object still gives the vector.
    Bytes buffer = plaintext;
    cbc->encrypt(hex(v.iv), buffer);
    CHECK(buffer == ciphertext);
  }
}

TEST_CASE("cbc: wrong lengths are internal errors") {
  auto provider = make_default_provider();
  auto aes = provider->cbc(CbcAlgorithm::aes_128_cbc, hex(kVectors[0].key));
  Bytes ragged(33, 0x11);
  CHECK_TLS_ERROR(aes->encrypt(hex(kSpIv), ragged), AlertDescription::internal_error,
                  "AES-128-CBC encrypt: length 33 is not a multiple of the 16-byte block");
  CHECK_TLS_ERROR(aes->decrypt(hex(kSpIv), ragged), AlertDescription::internal_error,
                  "AES-128-CBC decrypt: length 33 is not a multiple of the 16-byte block");
  CHECK(ragged == Bytes(33, 0x11));  // untouched
  Bytes whole(32, 0x11);
  CHECK_TLS_ERROR(aes->encrypt(Bytes(8), whole), AlertDescription::internal_error,
                  "IV must be 16 bytes, got 8");

  auto des = provider->cbc(CbcAlgorithm::des_ede3_cbc, hex(kVectors[2].key));
  Bytes twelve(12);
  CHECK_TLS_ERROR(des->encrypt(Bytes(8), twelve), AlertDescription::internal_error,
                  "DES-EDE3-CBC encrypt: length 12 is not a multiple of the 8-byte block");
  Bytes sixteen(16);
  CHECK_TLS_ERROR(des->decrypt(Bytes(16), sixteen), AlertDescription::internal_error,
                  "IV must be 8 bytes, got 16");

  CHECK_TLS_ERROR(provider->cbc(CbcAlgorithm::aes_128_cbc, Bytes(32)),
                  AlertDescription::internal_error, "AES-128-CBC key must be 16 bytes, got 32");
  CHECK_TLS_ERROR(provider->cbc(CbcAlgorithm::aes_256_cbc, Bytes(16)),
                  AlertDescription::internal_error, "AES-256-CBC key must be 32 bytes, got 16");
  CHECK_TLS_ERROR(provider->cbc(CbcAlgorithm::des_ede3_cbc, Bytes(16)),
                  AlertDescription::internal_error, "DES-EDE3-CBC key must be 24 bytes, got 16");
}

TEST_CASE("cbc: zero-length input is a multiple of the block size and changes nothing") {
  auto provider = make_default_provider();
  auto aes = provider->cbc(CbcAlgorithm::aes_256_cbc, hex(kVectors[1].key));
  Bytes empty;
  aes->encrypt(hex(kSpIv), empty);
  aes->decrypt(hex(kSpIv), empty);
  CHECK(empty.empty());
}

}  // namespace
}  // namespace tlslab::crypto

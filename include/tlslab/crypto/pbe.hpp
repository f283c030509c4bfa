// Password-based encryption building blocks for encrypted private keys (PKCS#8
// EncryptedPrivateKeyInfo with PBES2, RFC 8018 §6.2) and PKCS#12 containers: PBKDF2 with HMAC
// and the CBC ciphers PBES2 uses, with the PKCS#7 padding of RFC 8018 §6.1.1 step 4. The
// parsing of the algorithm parameters is the pki layer's (pki/pbes2.hpp); this header keeps
// Crypto++ inside src/crypto.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/algorithms.hpp"

namespace tlslab::crypto {

// The PBES2 encryption schemes tlslab supports (RFC 8018 §B.2; AES from RFC 3565/NIST).
enum class PbeCipher : std::uint8_t { aes_128_cbc, aes_192_cbc, aes_256_cbc, des_ede3_cbc };
std::size_t pbe_cipher_key_size(PbeCipher c) noexcept;    // 16, 24, 32, 24
std::size_t pbe_cipher_block_size(PbeCipher c) noexcept;  // 16, or 8 for DES-EDE3
std::string_view pbe_cipher_name(PbeCipher c) noexcept;   // "AES-128-CBC", ..., "DES-EDE3-CBC"

// PBKDF2 (RFC 8018 §5.2) with HMAC-`prf` as the pseudorandom function. `password` is used as
// given (PBES2 passwords are UTF-8 bytes). iterations >= 1 and key_length >= 1, else
// Error(internal_error): callers validate and cap what they read from files.
SecretBytes pbkdf2_hmac(HashAlgorithm prf, ByteView password, ByteView salt,
                        std::uint32_t iterations, std::size_t key_length);

// CBC decryption followed by the PKCS#7 padding check and removal (RFC 8018 §6.1.1 step 4,
// RFC 5652 §6.3). Key and IV of the wrong size: Error(internal_error). A ciphertext that is
// empty or not a whole number of blocks: Error(decode_error). Bad padding: Error(decrypt_error,
// "... bad padding"), which for a password-derived key almost always means a wrong password.
SecretBytes cbc_decrypt_padded(PbeCipher c, ByteView key, ByteView iv, ByteView ciphertext);
// The reverse: pads (1..block bytes) and encrypts.
Bytes cbc_encrypt_padded(PbeCipher c, ByteView key, ByteView iv, ByteView plaintext);

}  // namespace tlslab::crypto

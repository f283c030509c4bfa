// PBES2 (RFC 8018 §6.2, §A.4): the parameters of password-based encryption with PBKDF2, as
// encrypted PKCS#8 keys and PKCS#12 containers carry them, and decryption with limits against
// hostile files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/algorithms.hpp"
#include "tlslab/crypto/pbe.hpp"
#include "tlslab/pki/der.hpp"

namespace tlslab::pki {

// Bounds on what a file may ask of us. An iteration count is the attacker's lever on CPU time
// (a file with 2^31 iterations is a denial of service); OpenSSL's default is 2048, 600000 is
// OWASP's 2023 advice for PBKDF2-HMAC-SHA256, so 10 million leaves room for paranoid producers.
struct PbeLimits {
  std::uint32_t max_iterations = 10'000'000;
  std::size_t max_salt_size = 1024;
  std::size_t max_ciphertext_size = 16 * 1024 * 1024;
};

// PBES2-params with the PBKDF2 key derivation and a CBC cipher (the only KDF RFC 8018 defines).
struct Pbes2Parameters {
  crypto::HashAlgorithm prf = crypto::HashAlgorithm::sha1;  // PBKDF2 prf, DEFAULT hmacWithSHA1
  ByteView salt;
  std::uint32_t iterations = 0;
  std::optional<std::size_t> key_length;  // PBKDF2 keyLength, when given (must fit the cipher)
  crypto::PbeCipher cipher = crypto::PbeCipher::aes_256_cbc;
  ByteView iv;

  // "PBES2, PBKDF2 hmacWithSHA256 2048 iterations, AES-256-CBC" (for inspection).
  std::string describe() const;
};

// Reads PBES2-params from `params` (the parameters of an AlgorithmIdentifier whose OID is
// id-PBES2; see AlgorithmIdentifier::parameters_reader) and checks it is exhausted. Malformed
// parameters fail with the reader's alert; a KDF other than PBKDF2, a PRF or cipher tlslab does
// not have (RC2, DES, GCM), PBKDF2's otherSource salt: Error(unsupported_certificate) naming it.
Pbes2Parameters read_pbes2_parameters(der::Reader& params);

// Derives the key from the password (UTF-8 bytes, RFC 8018 §3) and decrypts. Throws
// Error(decrypt_error, "... wrong password or corrupt data ...") when the padding is wrong, and
// Error(illegal_parameter) when the parameters exceed `limits` (the reason names the limit).
SecretBytes pbes2_decrypt(const Pbes2Parameters& p, ByteView password, ByteView ciphertext,
                          const PbeLimits& limits = {});

}  // namespace tlslab::pki

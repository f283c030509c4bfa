// The password-based building blocks of PKCS#12 (RFC 7292): the PKCS#12 key derivation function
// (Appendix B.2), the password encoding it expects (Appendix B.1), and the legacy
// pkcs-12PbeIds ciphers (Appendix C: SHA-1 with 3DES, 2-key 3DES, RC2 and RC4). PBES2 layers use
// crypto/pbe.hpp instead, and the integrity MAC is the provider's HMAC. The ASN.1 is the pki
// layer's (pki/pkcs12.hpp); this header keeps Crypto++ inside src/crypto.
//
// These ciphers are broken (RC4, 40-bit RC2) or weak (2-key 3DES); tlslab only decrypts with them
// so that files from old producers can be read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/algorithms.hpp"

namespace tlslab::crypto {

// The diversifier ID of RFC 7292 §B.3: what the derived bytes are for.
enum class Pkcs12KdfId : std::uint8_t { key = 1, iv = 2, mac = 3 };

// RFC 7292 §B.2 with hash `h` (SHA-1 for the PBE ciphers; the MacData digest for the MAC key).
// `password` is already encoded (pkcs12_password_bmp; empty means "no password", which RFC 7292
// §B.2 step 3 turns into an empty P). iterations >= 1 and length >= 1, else
// Error(internal_error): callers validate and cap what they read from files.
SecretBytes pkcs12_kdf(HashAlgorithm h, Pkcs12KdfId id, ByteView password, ByteView salt,
                       std::uint32_t iterations, std::size_t length);

// RFC 7292 §B.1: the password as a BMPString (UTF-16BE; OpenSSL, like Windows, writes
// characters outside the BMP as surrogate pairs) followed by the two-byte terminator 00 00. An
// empty password is just 00 00 (not "absent", which is zero bytes). std::nullopt when `utf8` is
// not valid UTF-8.
std::optional<SecretBytes> pkcs12_password_bmp(std::string_view utf8);
// Each byte of `bytes` as one UTF-16 code unit, plus the terminator: what OpenSSL before 1.1.0
// (OPENSSL_asc2uni) made of a non-ASCII UTF-8 password. `openssl pkcs12` still falls back to it
// ("Warning: using broken algorithm"), so files made that way exist.
SecretBytes pkcs12_password_bytes_as_bmp(std::string_view bytes);

// The pkcs-12PbeIds encryption schemes (RFC 7292 Appendix C), all with SHA-1 in the KDF.
enum class Pkcs12PbeCipher : std::uint8_t {
  rc4_128,       // pbeWithSHAAnd128BitRC4
  rc4_40,        // pbeWithSHAAnd40BitRC4
  des_ede3_cbc,  // pbeWithSHAAnd3-KeyTripleDES-CBC
  des_ede2_cbc,  // pbeWithSHAAnd2-KeyTripleDES-CBC
  rc2_128_cbc,   // pbeWithSHAAnd128BitRC2-CBC
  rc2_40_cbc,    // pbewithSHAAnd40BitRC2-CBC
};
std::size_t pkcs12_pbe_key_size(Pkcs12PbeCipher c) noexcept;   // 16, 5, 24, 16, 16, 5
std::size_t pkcs12_pbe_iv_size(Pkcs12PbeCipher c) noexcept;    // 8 for the CBC ones, 0 for RC4
std::string_view pkcs12_pbe_name(Pkcs12PbeCipher c) noexcept;  // "RC2-40-CBC", "DES-EDE3-CBC"...

// Derives key and IV (IDs 1 and 2) and decrypts; the CBC ciphers check and strip the PKCS#7
// padding (RFC 7292 §B.2 via RFC 8018 §6.1.1). A ciphertext that is not whole blocks:
// Error(decode_error). Bad padding: Error(decrypt_error, "... wrong password or corrupt data").
// RC4 has no padding, so a wrong password only shows when the plaintext fails to parse.
SecretBytes pkcs12_pbe_decrypt(Pkcs12PbeCipher c, ByteView password, ByteView salt,
                               std::uint32_t iterations, ByteView ciphertext);
// The reverse (tests, hostile-file builders): pads and encrypts.
Bytes pkcs12_pbe_encrypt(Pkcs12PbeCipher c, ByteView password, ByteView salt,
                         std::uint32_t iterations, ByteView plaintext);

}  // namespace tlslab::crypto

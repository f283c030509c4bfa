// PBES2-params (RFC 8018 §A.2 PBKDF2-params, §A.4 PBES2-params, §B.2 cipher parameters).
#include "tlslab/pki/pbes2.hpp"

#include <string>

#include "tlslab/error.hpp"
#include "tlslab/pki/algorithm.hpp"

namespace tlslab::pki {

using crypto::PbeCipher;

namespace {

[[noreturn]] void unsupported(const der::Reader& r, der::FieldName field, const std::string& what) {
  throw Error(AlertDescription::unsupported_certificate, r.path(field) + ": " + what);
}

}  // namespace

std::string Pbes2Parameters::describe() const {
  std::string out = "PBES2, PBKDF2 ";
  out += oid_long_name(hmac_oid(prf));
  out += ", " + std::to_string(iterations) + " iterations, ";
  out += crypto::pbe_cipher_name(cipher);
  return out;
}

Pbes2Parameters read_pbes2_parameters(der::Reader& params) {
  Pbes2Parameters p;
  der::Reader seq = params.sequence("PBES2-params");

  AlgorithmIdentifier kdf = read_algorithm_identifier(seq, "keyDerivationFunc");
  if (kdf.oid.id() != OidId::pbkdf2) {
    unsupported(seq, "keyDerivationFunc",
                "key derivation function " + kdf.oid.display_name() + " is not supported");
  }
  der::Reader kp = kdf.parameters_reader.sequence("PBKDF2-params");
  if (!kp.next_is(der::tags::octet_string)) {
    unsupported(kp, "salt", "PBKDF2 otherSource salts are not supported");
  }
  p.salt = kp.octet_string("salt");
  p.iterations = static_cast<std::uint32_t>(kp.small_unsigned("iterationCount", 0xffffffff));
  if (p.iterations == 0) kp.fail("iterationCount", "must be at least 1");
  if (kp.next_is(der::tags::integer)) {
    const auto length = kp.small_unsigned("keyLength", 0xffff);
    if (length == 0) kp.fail("keyLength", "must be at least 1");
    p.key_length = static_cast<std::size_t>(length);
  }
  if (!kp.empty()) {
    AlgorithmIdentifier prf = read_algorithm_identifier(kp, "prf");
    // RFC 8018 §B.1: the HMAC parameters are NULL (or, in practice, absent).
    if (!prf.parameters_absent() && !prf.parameters_null()) {
      prf.parameters_reader.fail({}, "PRF parameters must be NULL");
    }
    const auto h = hmac_hash_from_oid(prf.oid.id());
    if (!h) unsupported(kp, "prf", "PBKDF2 PRF " + prf.oid.display_name() + " is not supported");
    p.prf = *h;
  }
  kp.expect_end();
  kdf.parameters_reader.expect_end();

  AlgorithmIdentifier enc = read_algorithm_identifier(seq, "encryptionScheme");
  switch (enc.oid.id()) {
    case OidId::aes_128_cbc:
      p.cipher = PbeCipher::aes_128_cbc;
      break;
    case OidId::aes_192_cbc:
      p.cipher = PbeCipher::aes_192_cbc;
      break;
    case OidId::aes_256_cbc:
      p.cipher = PbeCipher::aes_256_cbc;
      break;
    case OidId::des_ede3_cbc:
      p.cipher = PbeCipher::des_ede3_cbc;
      break;
    default:
      unsupported(seq, "encryptionScheme",
                  "PBES2 cipher " + enc.oid.display_name() + " is not supported");
  }
  // RFC 3565 §4.1 (AES-IV) and RFC 8018 §B.2.2 (des-EDE3-CBC): the IV as an OCTET STRING of one
  // block.
  p.iv = enc.parameters_reader.octet_string("iv");
  enc.parameters_reader.expect_end();
  const std::size_t block = crypto::pbe_cipher_block_size(p.cipher);
  if (p.iv.size() != block) {
    enc.parameters_reader.fail("iv", "IV of " + std::to_string(p.iv.size()) + " bytes, " +
                                         std::string(crypto::pbe_cipher_name(p.cipher)) +
                                         " needs " + std::to_string(block));
  }
  if (p.key_length && *p.key_length != crypto::pbe_cipher_key_size(p.cipher)) {
    kdf.parameters_reader.fail(
        "keyLength", "PBKDF2 keyLength " + std::to_string(*p.key_length) + " does not match " +
                         std::string(crypto::pbe_cipher_name(p.cipher)) + "'s " +
                         std::to_string(crypto::pbe_cipher_key_size(p.cipher)) + "-byte key");
  }
  seq.expect_end();
  params.expect_end();
  return p;
}

SecretBytes pbes2_decrypt(const Pbes2Parameters& p, ByteView password, ByteView ciphertext,
                          const PbeLimits& limits) {
  if (p.iterations > limits.max_iterations) {
    fail(AlertDescription::illegal_parameter, "PBES2: " + std::to_string(p.iterations) +
                                                  " PBKDF2 iterations exceed the limit of " +
                                                  std::to_string(limits.max_iterations));
  }
  if (p.salt.size() > limits.max_salt_size) {
    fail(AlertDescription::illegal_parameter, "PBES2: salt of " + std::to_string(p.salt.size()) +
                                                  " bytes exceeds the limit of " +
                                                  std::to_string(limits.max_salt_size));
  }
  if (ciphertext.size() > limits.max_ciphertext_size) {
    fail(AlertDescription::illegal_parameter,
         "PBES2: ciphertext of " + std::to_string(ciphertext.size()) +
             " bytes exceeds the limit of " + std::to_string(limits.max_ciphertext_size));
  }
  const SecretBytes key = crypto::pbkdf2_hmac(p.prf, password, p.salt, p.iterations,
                                              crypto::pbe_cipher_key_size(p.cipher));
  try {
    return crypto::cbc_decrypt_padded(p.cipher, key, p.iv, ciphertext);
  } catch (const Error& e) {
    throw Error(e.alert(), "PBES2 (" + p.describe() + "): " + e.reason());
  }
}

}  // namespace tlslab::pki

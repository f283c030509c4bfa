// PKCS#12 passwords, integrity and decryption: the encodings OpenSSL tries, the MAC of RFC 7292
// §B.2/§4 and PBMAC1 (RFC 9579), and the two families of encryption (PBES2, RFC 8018 §6.2, and
// pkcs-12PbeIds, RFC 7292 Appendix C).
#include <string>

#include "pkcs12_internal.hpp"
#include "tlslab/crypto/pbe.hpp"
#include "tlslab/crypto/pkcs12_pbe.hpp"
#include "tlslab/error.hpp"

namespace tlslab::pki {

std::string_view pkcs12_error_kind_name(Pkcs12ErrorKind k) noexcept {
  switch (k) {
    case Pkcs12ErrorKind::wrong_password:
      return "wrong password";
    case Pkcs12ErrorKind::malformed:
      return "malformed";
    case Pkcs12ErrorKind::unsupported:
      return "unsupported";
    case Pkcs12ErrorKind::limit:
      return "limit exceeded";
  }
  return "malformed";
}

namespace {
AlertDescription alert_of(Pkcs12ErrorKind k) noexcept {
  switch (k) {
    case Pkcs12ErrorKind::wrong_password:
      return AlertDescription::decrypt_error;
    case Pkcs12ErrorKind::unsupported:
      return AlertDescription::unsupported_certificate;
    case Pkcs12ErrorKind::limit:
      return AlertDescription::illegal_parameter;
    case Pkcs12ErrorKind::malformed:
      break;
  }
  return AlertDescription::decode_error;
}
}  // namespace

Pkcs12Error::Pkcs12Error(Pkcs12ErrorKind kind, std::string reason)
    : Error(alert_of(kind), std::move(reason)), kind_(kind) {}

Pkcs12ErrorKind Pkcs12Error::kind_of(const Error& e) noexcept {
  if (const auto* p = dynamic_cast<const Pkcs12Error*>(&e)) return p->kind();
  switch (e.alert()) {
    case AlertDescription::decrypt_error:
      return Pkcs12ErrorKind::wrong_password;
    case AlertDescription::unsupported_certificate:
      return Pkcs12ErrorKind::unsupported;
    case AlertDescription::illegal_parameter:
      return Pkcs12ErrorKind::limit;
    default:
      return Pkcs12ErrorKind::malformed;
  }
}

std::string_view pkcs12_password_form_name(Pkcs12PasswordForm f) noexcept {
  switch (f) {
    case Pkcs12PasswordForm::given:
      return "as given";
    case Pkcs12PasswordForm::empty_bmp:
      return "empty (BMPString 00 00)";
    case Pkcs12PasswordForm::absent:
      return "absent (zero bytes)";
    case Pkcs12PasswordForm::bytes_as_bmp:
      return "bytes as BMPString (OpenSSL before 1.1.0)";
  }
  return "as given";
}

std::string Pkcs12Mac::describe() const {
  std::string out;
  if (pbmac1) {
    out = "PBMAC1 HMAC-" + std::string(crypto::hash_name(hash)) + ", PBKDF2 " +
          std::string(oid_long_name(hmac_oid(kdf_prf))) + ", key " + std::to_string(key_length) +
          " bytes, ";
  } else {
    out = "HMAC-" + std::string(crypto::hash_name(hash)) + ", PKCS#12 KDF, ";
  }
  return out + std::to_string(iterations) + " iterations, salt " + std::to_string(salt.size()) +
         " bytes";
}

namespace pkcs12_detail {

void fail_kind(Pkcs12ErrorKind kind, std::string reason) {
  throw Pkcs12Error(kind, std::move(reason));
}

void fail_limit(const std::string& where, std::string_view what, std::size_t value,
                std::size_t limit) {
  fail_kind(Pkcs12ErrorKind::limit, where + ": " + std::string(what) + " " + std::to_string(value) +
                                        " exceeds the limit " + std::to_string(limit));
}

namespace {

std::optional<crypto::Pkcs12PbeCipher> pkcs12_cipher(OidId id) noexcept {
  using crypto::Pkcs12PbeCipher;
  switch (id) {
    case OidId::pbe_with_sha1_and_128bit_rc4:
      return Pkcs12PbeCipher::rc4_128;
    case OidId::pbe_with_sha1_and_40bit_rc4:
      return Pkcs12PbeCipher::rc4_40;
    case OidId::pbe_with_sha1_and_3key_3des_cbc:
      return Pkcs12PbeCipher::des_ede3_cbc;
    case OidId::pbe_with_sha1_and_2key_3des_cbc:
      return Pkcs12PbeCipher::des_ede2_cbc;
    case OidId::pbe_with_sha1_and_128bit_rc2_cbc:
      return Pkcs12PbeCipher::rc2_128_cbc;
    case OidId::pbe_with_sha1_and_40bit_rc2_cbc:
      return Pkcs12PbeCipher::rc2_40_cbc;
    default:
      return std::nullopt;
  }
}

void check_iterations(const std::string& where, std::uint64_t iterations,
                      const Pkcs12Limits& limits) {
  if (iterations > limits.pbe.max_iterations) {
    fail_limit(where, "iteration count", iterations, limits.pbe.max_iterations);
  }
}

void check_salt(const std::string& where, std::size_t size, const Pkcs12Limits& limits) {
  if (size > limits.pbe.max_salt_size) {
    fail_limit(where, "salt size", size, limits.pbe.max_salt_size);
  }
}

// Latin-1 bytes to UTF-8: what OpenSSL's OPENSSL_uni2utf8(OPENSSL_asc2uni(p)) gives for its
// "broken algorithm" retry, used by that retry's PBES2 layers.
SecretBytes latin1_to_utf8(std::string_view bytes) {
  SecretBytes out;
  for (const char ch : bytes) {
    const auto c = static_cast<std::uint8_t>(ch);
    if (c < 0x80) {
      out.push_back(c);
    } else {
      out.push_back(static_cast<std::uint8_t>(0xC0 | (c >> 6)));
      out.push_back(static_cast<std::uint8_t>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

}  // namespace

Pkcs12Encryption read_encryption(const AlgorithmIdentifier& algorithm, const der::Reader& at,
                                 der::FieldName field) {
  Pkcs12Encryption e;
  e.algorithm = algorithm.oid.display_name();
  der::Reader params = algorithm.parameters_reader;
  if (algorithm.oid == OidId::pbes2) {
    e.scheme = Pkcs12Encryption::Scheme::pbes2;
    const Pbes2Parameters p = read_pbes2_parameters(params);
    e.salt.assign(p.salt.begin(), p.salt.end());
    e.iterations = p.iterations;
    e.parameters = p.describe();
    return e;
  }
  const auto cipher = pkcs12_cipher(algorithm.oid.id());
  if (!cipher) {
    fail_kind(Pkcs12ErrorKind::unsupported,
              at.path(field) + ": encryption algorithm " + e.algorithm +
                  " is not supported (PBES2 and the pkcs-12PbeIds are)");
  }
  // RFC 7292 Appendix C: pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }
  e.scheme = Pkcs12Encryption::Scheme::pkcs12_pbe;
  e.cipher = *cipher;
  der::Reader p = params.sequence("pkcs-12PbeParams");
  const ByteView salt = p.octet_string("salt");
  e.salt.assign(salt.begin(), salt.end());
  const auto iterations = p.small_unsigned("iterations", 0xffffffff);
  if (iterations == 0) p.fail("iterations", "must be at least 1");
  e.iterations = static_cast<std::uint32_t>(iterations);
  p.expect_end();
  params.expect_end();
  e.parameters = e.algorithm + ", " + std::to_string(e.iterations) + " iterations, salt " +
                 std::to_string(e.salt.size()) + " bytes";
  return e;
}

std::vector<PasswordCandidate> password_candidates(std::optional<std::string_view> password,
                                                   bool for_mac) {
  std::vector<PasswordCandidate> out;
  if (!password || password->empty()) {
    // apps/pkcs12.c: "If we enter empty password try no password first" for the MAC; without
    // one, the empty string (00 00) is what PKCS12_pbe_crypt is given.
    PasswordCandidate absent{Pkcs12PasswordForm::absent, {}, {}};
    PasswordCandidate empty{Pkcs12PasswordForm::empty_bmp, SecretBytes{0, 0}, {}};
    if (for_mac) {
      out.push_back(std::move(absent));
      out.push_back(std::move(empty));
    } else {
      out.push_back(std::move(empty));
      out.push_back(std::move(absent));
    }
    return out;
  }
  const ByteView raw = view(*password);
  if (auto bmp = crypto::pkcs12_password_bmp(*password)) {
    out.push_back(
        {Pkcs12PasswordForm::given, std::move(*bmp), SecretBytes(raw.begin(), raw.end())});
  }
  bool ascii = true;
  for (const char c : *password)
    ascii = ascii && static_cast<std::uint8_t>(c) < 0x80;
  if (!ascii) {
    out.push_back({Pkcs12PasswordForm::bytes_as_bmp,
                   crypto::pkcs12_password_bytes_as_bmp(*password), latin1_to_utf8(*password)});
  }
  return out;
}

bool mac_verifies(const Pkcs12Mac& mac, ByteView auth_safe, const PasswordCandidate& candidate,
                  crypto::Provider& provider) {
  SecretBytes key;
  if (mac.pbmac1) {
    // RFC 9579 §4: the key is PBKDF2 over the password (UTF-8, not the BMPString), with the
    // salt and count of PBKDF2-params; MacData's macSalt and iterations are ignored.
    key =
        crypto::pbkdf2_hmac(mac.kdf_prf, candidate.utf8, mac.salt, mac.iterations, mac.key_length);
  } else {
    // RFC 7292 §B.4 / §4: the HMAC key is ID 3 of the KDF with the MAC's hash, as long as its
    // output.
    key = crypto::pkcs12_kdf(mac.hash, crypto::Pkcs12KdfId::mac, candidate.bmp, mac.salt,
                             mac.iterations, crypto::digest_size(mac.hash));
  }
  const crypto::Digest d = provider.hmac(mac.hash, key, auth_safe);
  return equal_constant_time(d.view(), mac.digest);
}

SecretBytes decrypt(ByteView algorithm_der, ByteView ciphertext, const PasswordCandidate& candidate,
                    const Pkcs12Limits& limits, const std::string& where) {
  der::Reader r(algorithm_der, where, AlertDescription::decode_error, der::Encoding::ber);
  const AlgorithmIdentifier alg = read_algorithm_identifier(r, "algorithm");
  if (ciphertext.size() > limits.pbe.max_ciphertext_size) {
    fail_limit(where, "encrypted data size", ciphertext.size(), limits.pbe.max_ciphertext_size);
  }
  const Pkcs12Encryption e = read_encryption(alg, r, "algorithm");
  check_iterations(where + " (" + e.algorithm + ")", e.iterations, limits);
  check_salt(where + " (" + e.algorithm + ")", e.salt.size(), limits);
  if (e.scheme == Pkcs12Encryption::Scheme::pbes2) {
    try {
      der::Reader params = alg.parameters_reader;
      const Pbes2Parameters p = read_pbes2_parameters(params);
      return pbes2_decrypt(p, candidate.utf8, ciphertext, limits.pbe);
    } catch (const Error& err) {
      throw Error(err.alert(), where + ": " + err.reason());  // the reason names the PBES2 setup
    }
  }
  try {
    return crypto::pkcs12_pbe_decrypt(e.cipher, candidate.bmp, e.salt, e.iterations, ciphertext);
  } catch (const Error& err) {
    throw Error(err.alert(), where + " (" + e.parameters + "): " + err.reason());
  }
}

}  // namespace pkcs12_detail
}  // namespace tlslab::pki

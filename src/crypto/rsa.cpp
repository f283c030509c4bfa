// RSA keys (Crypto++): PKCS#1 v1.5 and PSS signatures, PKCS#1 v1.5 encryption of the premaster
// secret, and its decryption with the Bleichenbacher countermeasure of RFC 5246 §7.4.7.1. Also
// RSASSA-PSS verification with explicit parameters for X.509 (rsa_pss.hpp).
#include <cryptopp/integer.h>
#include <cryptopp/pkcspad.h>
#include <cryptopp/pssr.h>
#include <cryptopp/rsa.h>
#include <cryptopp/secblock.h>
#include <cryptopp/sha.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <variant>

#include "cryptopp_rng.hpp"
#include "impl.hpp"
#include "tlslab/crypto/rsa_pss.hpp"
#include "tlslab/error.hpp"

namespace tlslab::crypto::impl {
namespace {

using CryptoPP::Integer;

// Peer keys below 1024 bits are refused: 512-bit moduli have been factored in hours on
// commodity hardware for years (and 768 bits publicly, RSA-768), so a signature or premaster
// encryption under such a key protects nothing. The upper bound caps the cost of the
// verifications a peer can make us perform with a key it chose.
constexpr std::size_t kMinRsaBits = 1024;
constexpr std::size_t kMaxRsaBits = 16384;
constexpr std::size_t kPremasterSize = 48;  // RFC 5246 §7.4.7.1 PreMasterSecret

Integer to_integer(ByteView bytes) {
  return {bytes.data(), bytes.size()};
}

Bytes to_bytes(const Integer& value) {
  Bytes out(value.MinEncodedSize());
  value.Encode(out.data(), out.size());
  return out;
}

std::string bits_text(std::size_t bits) {
  return std::to_string(bits) + " bits";
}

// Checks what every RSA public key must satisfy (RFC 8017 §3.1) and our size limits; `what`
// names the key in the reason.
void check_public_parameters(const Integer& n, const Integer& e, const std::string& what) {
  const std::size_t bits = n.BitCount();
  if (bits < kMinRsaBits) {
    fail(AlertDescription::unsupported_certificate,
         what + ": modulus of " + bits_text(bits) + " is below the " + std::to_string(kMinRsaBits) +
             "-bit minimum");
  }
  if (bits > kMaxRsaBits) {
    fail(AlertDescription::unsupported_certificate,
         what + ": modulus of " + bits_text(bits) + " exceeds the " + std::to_string(kMaxRsaBits) +
             "-bit maximum");
  }
  if (n.IsEven()) fail(AlertDescription::bad_certificate, what + ": modulus is even");
  if (e < Integer(3) || e.IsEven() || e >= n) {
    fail(AlertDescription::bad_certificate,
         what + ": public exponent is not an odd integer in [3, n-1]");
  }
}

// --- signatures -----------------------------------------------------------------------------

template <class Standard, class Hash>
bool verify_with(const CryptoPP::RSA::PublicKey& key, ByteView message, ByteView signature) {
  typename CryptoPP::RSASS<Standard, Hash>::Verifier verifier(key);
  return verifier.VerifyMessage(message.data(), message.size(), signature.data(), signature.size());
}

// The signing half of RSASS (Crypto++'s TF_SignerBase::SignAndRestart) done in two steps, so
// that the encoding draws from `encoding_rng` (the PSS salt, protocol-visible) while the private
// key operation is blinded with the system generator: Crypto++'s one-call signer would take
// both from one generator, and a scripted generator must never decide blinding factors.
template <class Standard, class Hash>
Bytes sign_with(const CryptoPP::InvertibleRSAFunction& key, ByteView message,
                CryptoPP::RandomNumberGenerator& encoding_rng) {
  using Encoding = typename Standard::SignatureMessageEncodingMethod;
  using Lookup = typename Encoding::HashIdentifierLookup::template HashIdentifierLookup2<Hash>;
  const Encoding encoding;
  // PSS declares its overrides private; they are called through the public base interface.
  const CryptoPP::PK_SignatureMessageEncodingMethod& method = encoding;
  const CryptoPP::HashIdentifier id = Lookup::Lookup();

  Hash hash;
  hash.Update(message.data(), message.size());
  // The encoded message is one bit shorter than the modulus (RFC 8017 §8.1.1 emBits = modBits-1).
  const std::size_t representative_bits = key.GetModulus().BitCount() - 1;
  if (representative_bits < method.MinRepresentativeBitLength(id.second, hash.DigestSize())) {
    fail(AlertDescription::internal_error,
         "RSA sign: a " + bits_text(key.GetModulus().BitCount()) + " key is too short for " +
             Encoding::StaticAlgorithmName() + " with " + Hash::StaticAlgorithmName());
  }
  CryptoPP::SecByteBlock representative(CryptoPP::BitsToBytes(representative_bits));
  method.ComputeMessageRepresentative(encoding_rng, nullptr, 0, hash, id, message.empty(),
                                      representative, representative_bits);

  CryptoppRng blinding(system_random());
  const Integer signature =
      key.CalculateInverse(blinding, Integer(representative, representative.size()));
  Bytes out(key.GetModulus().ByteCount());
  signature.Encode(out.data(), out.size());
  return out;
}

// --- constant-time helpers for the premaster check --------------------------------------------

// 0xff when x == 0, else 0x00, without a branch: (x - 1) borrows into bit 8 only for x == 0.
std::uint8_t ct_is_zero(std::uint8_t x) noexcept {
  return static_cast<std::uint8_t>((static_cast<unsigned>(x) - 1U) >> 8);
}
std::uint8_t ct_equal(std::uint8_t a, std::uint8_t b) noexcept {
  return ct_is_zero(static_cast<std::uint8_t>(a ^ b));
}

// --- keys -------------------------------------------------------------------------------------

class RsaPublicKey final : public PublicKey {
 public:
  explicit RsaPublicKey(CryptoPP::RSA::PublicKey key) : key_(std::move(key)) {}

  KeyType type() const noexcept override { return KeyType::rsa; }
  std::size_t bits() const noexcept override { return key_.GetModulus().BitCount(); }

  PublicKeyMaterial material() const override {
    return RsaPublicMaterial{to_bytes(key_.GetModulus()), to_bytes(key_.GetPublicExponent())};
  }

  bool verify(SignatureScheme scheme, ByteView message, ByteView signature) const override {
    // RFC 8017 §8.1.2 step 1 / §8.2.2 step 1: the signature is exactly k octets; and its value
    // must be below n (RSAVP1 step 1). Both are public, so checking them first leaks nothing.
    if (signature.size() != key_.GetModulus().ByteCount()) return false;
    if (to_integer(signature) >= key_.GetModulus()) return false;
    using CryptoPP::PKCS1v15;
    using CryptoPP::PSS;
    try {
      switch (scheme) {
        case SignatureScheme::rsa_pkcs1_sha1:
          return verify_with<PKCS1v15, CryptoPP::SHA1>(key_, message, signature);
        case SignatureScheme::rsa_pkcs1_sha224:
          return verify_with<PKCS1v15, CryptoPP::SHA224>(key_, message, signature);
        case SignatureScheme::rsa_pkcs1_sha256:
          return verify_with<PKCS1v15, CryptoPP::SHA256>(key_, message, signature);
        case SignatureScheme::rsa_pkcs1_sha384:
          return verify_with<PKCS1v15, CryptoPP::SHA384>(key_, message, signature);
        case SignatureScheme::rsa_pkcs1_sha512:
          return verify_with<PKCS1v15, CryptoPP::SHA512>(key_, message, signature);
        // RFC 8446 §4.2.3: MGF1 with the signature's hash, salt as long as the digest; Crypto++'s
        // PSS (PSSR_MEM<false, P1363_MGF1, -1>) is exactly that and checks the salt position.
        case SignatureScheme::rsa_pss_rsae_sha256:
          return verify_with<PSS, CryptoPP::SHA256>(key_, message, signature);
        case SignatureScheme::rsa_pss_rsae_sha384:
          return verify_with<PSS, CryptoPP::SHA384>(key_, message, signature);
        case SignatureScheme::rsa_pss_rsae_sha512:
          return verify_with<PSS, CryptoPP::SHA512>(key_, message, signature);
        default:
          return false;  // not an RSA scheme
      }
    } catch (const CryptoPP::Exception&) {
      // e.g. PSS "message recovery disabled" for an encoding with a non-empty recoverable part.
      return false;
    }
  }

  Bytes encrypt_pkcs1(ByteView plaintext, RandomSource& rng) const override {
    // RFC 8017 §7.2.1: the nonzero padding string PS comes from `rng`.
    CryptoPP::RSAES<CryptoPP::PKCS1v15>::Encryptor encryptor(key_);
    if (plaintext.size() > encryptor.FixedMaxPlaintextLength()) {
      fail(AlertDescription::internal_error,
           "RSAES-PKCS1-v1_5 encrypt: " + std::to_string(plaintext.size()) +
               " bytes exceed the maximum of " +
               std::to_string(encryptor.FixedMaxPlaintextLength()) + " for a " + bits_text(bits()) +
               " key");
    }
    Bytes out(encryptor.FixedCiphertextLength());
    CryptoppRng padding(rng);
    encryptor.Encrypt(padding, plaintext.data(), plaintext.size(), out.data());
    return out;
  }

 private:
  CryptoPP::RSA::PublicKey key_;
};

class RsaPrivateKey final : public PrivateKey {
 public:
  explicit RsaPrivateKey(CryptoPP::InvertibleRSAFunction key)
      : key_(std::move(key)), public_(public_part(key_)) {}

  KeyType type() const noexcept override { return KeyType::rsa; }
  std::size_t bits() const noexcept override { return key_.GetModulus().BitCount(); }
  const PublicKey& public_key() const noexcept override { return public_; }

  PrivateKeyMaterial material() const override {
    return RsaPrivateMaterial{
        to_bytes(key_.GetModulus()),
        to_bytes(key_.GetPublicExponent()),
        to_bytes(key_.GetPrivateExponent()),
        to_bytes(key_.GetPrime1()),
        to_bytes(key_.GetPrime2()),
        to_bytes(key_.GetModPrime1PrivateExponent()),
        to_bytes(key_.GetModPrime2PrivateExponent()),
        // Crypto++'s u is q^-1 mod p, the qInv of RFC 8017 §3.2.
        to_bytes(key_.GetMultiplicativeInverseOfPrime2ModPrime1()),
    };
  }

  Bytes sign(SignatureScheme scheme, ByteView message, RandomSource& rng) const override {
    using CryptoPP::PKCS1v15;
    using CryptoPP::PSS;
    // PKCS#1 v1.5 encoding is deterministic and never reads this generator; PSS takes its salt
    // (hLen bytes, RFC 8446 §4.2.3) from it.
    CryptoppRng encoding_rng(rng);
    switch (scheme) {
      case SignatureScheme::rsa_pkcs1_sha1:
        return sign_with<PKCS1v15, CryptoPP::SHA1>(key_, message, encoding_rng);
      case SignatureScheme::rsa_pkcs1_sha224:
        return sign_with<PKCS1v15, CryptoPP::SHA224>(key_, message, encoding_rng);
      case SignatureScheme::rsa_pkcs1_sha256:
        return sign_with<PKCS1v15, CryptoPP::SHA256>(key_, message, encoding_rng);
      case SignatureScheme::rsa_pkcs1_sha384:
        return sign_with<PKCS1v15, CryptoPP::SHA384>(key_, message, encoding_rng);
      case SignatureScheme::rsa_pkcs1_sha512:
        return sign_with<PKCS1v15, CryptoPP::SHA512>(key_, message, encoding_rng);
      case SignatureScheme::rsa_pss_rsae_sha256:
        return sign_with<PSS, CryptoPP::SHA256>(key_, message, encoding_rng);
      case SignatureScheme::rsa_pss_rsae_sha384:
        return sign_with<PSS, CryptoPP::SHA384>(key_, message, encoding_rng);
      case SignatureScheme::rsa_pss_rsae_sha512:
        return sign_with<PSS, CryptoPP::SHA512>(key_, message, encoding_rng);
      default:
        break;
    }
    fail(AlertDescription::internal_error,
         "RSA sign: an RSA key cannot sign with " + std::string(signature_scheme_name(scheme)));
  }

  void decrypt_premaster(ByteView encrypted, std::uint16_t client_version,
                         std::span<std::uint8_t, 48> premaster, RandomSource& rng) const override {
    // RFC 5246 §7.4.7.1: generate the random fallback R first, then decrypt, then pick either
    // the decrypted M or R without revealing which (Bleichenbacher 1998; Klima, Pokorny, Rosa
    // 2003 for the version check). Any difference in time, errors or alerts between "bad
    // padding" and "good padding" is an oracle, so nothing below branches on the plaintext.
    std::array<std::uint8_t, kPremasterSize> fallback{};
    rng.fill(fallback);

    const Integer& n = key_.GetModulus();
    const std::size_t k = n.ByteCount();
    CryptoPP::SecByteBlock em(k);
    bool decrypted = false;
    // A ciphertext of the wrong length, or one not below n, is rejected by anyone who knows
    // the public key, so failing fast on it reveals nothing about the private key.
    if (encrypted.size() == k) {
      const Integer c = to_integer(encrypted);
      if (c < n) {
        try {
          CryptoppRng blinding(system_random());
          key_.CalculateInverse(blinding, c).Encode(em, em.size());
          decrypted = true;
        } catch (const CryptoPP::Exception&) {
          // Crypto++ re-encrypts its result to catch faults; a fault selects R as well.
        }
      }
    }

    // EM = 0x00 || 0x02 || PS || 0x00 || M with |M| = 48 (RFC 8017 §7.2.2 step 3), so the
    // separator sits at k-49 and PS = EM[2 .. k-50], all nonzero; k >= 128 (1024-bit minimum)
    // makes |PS| = k-51 >= 8. Every byte is examined whatever the earlier ones were.
    // `decrypted` only reflects the public checks above (or a fault), so it may branch.
    std::uint8_t good = static_cast<std::uint8_t>(decrypted ? 0xff : 0x00);
    if (k >= kPremasterSize + 11) {
      const std::size_t separator = k - kPremasterSize - 1;
      good &= ct_is_zero(em[0]);
      good &= ct_equal(em[1], 0x02);
      for (std::size_t i = 2; i < separator; ++i) {
        good &= static_cast<std::uint8_t>(~ct_is_zero(em[i]));
      }
      good &= ct_is_zero(em[separator]);
      const std::uint8_t* m = em.data() + separator + 1;
      good &= ct_equal(m[0], static_cast<std::uint8_t>(client_version >> 8));
      good &= ct_equal(m[1], static_cast<std::uint8_t>(client_version & 0xff));
      for (std::size_t i = 0; i < kPremasterSize; ++i) {
        premaster[i] = static_cast<std::uint8_t>((m[i] & good) | (fallback[i] & ~good));
      }
    } else {
      std::copy(fallback.begin(), fallback.end(), premaster.begin());
    }
    secure_wipe(fallback.data(), fallback.size());
    // em is a SecByteBlock and wipes itself; the mask tells whether the padding was valid.
    secure_wipe(&good, sizeof good);
  }

 private:
  static RsaPublicKey public_part(const CryptoPP::InvertibleRSAFunction& key) {
    CryptoPP::RSA::PublicKey pub;
    pub.Initialize(key.GetModulus(), key.GetPublicExponent());
    return RsaPublicKey(std::move(pub));
  }

  CryptoPP::InvertibleRSAFunction key_;
  RsaPublicKey public_;
};

// Crypto++'s own consistency checks (level 2: primality of p and q, d*e = 1 mod lcm(p-1, q-1),
// CRT values) on top of ours.
std::shared_ptr<const PrivateKey> finish_private(CryptoPP::InvertibleRSAFunction key,
                                                 const std::string& what) {
  check_public_parameters(key.GetModulus(), key.GetPublicExponent(), what);
  CryptoppRng rng(system_random());
  if (!key.Validate(rng, 2)) {
    fail(AlertDescription::bad_certificate, what + ": the key's components are inconsistent");
  }
  return std::make_shared<RsaPrivateKey>(std::move(key));
}

}  // namespace

std::shared_ptr<const PublicKey> import_rsa_public(const RsaPublicMaterial& m) {
  const std::string what = "RSA public key";
  const Integer n = to_integer(m.n);
  const Integer e = to_integer(m.e);
  check_public_parameters(n, e, what);
  CryptoPP::RSA::PublicKey key;
  key.Initialize(n, e);
  return std::make_shared<RsaPublicKey>(std::move(key));
}

std::shared_ptr<const PrivateKey> import_rsa_private(const RsaPrivateMaterial& m) {
  const std::string what = "RSA private key";
  const bool has_crt =
      !m.p.empty() || !m.q.empty() || !m.dp.empty() || !m.dq.empty() || !m.qinv.empty();
  const bool full_crt =
      !m.p.empty() && !m.q.empty() && !m.dp.empty() && !m.dq.empty() && !m.qinv.empty();
  if (has_crt && !full_crt) {
    fail(AlertDescription::bad_certificate,
         what + ": p, q, dp, dq and qinv must be given all together or not at all");
  }
  const Integer n = to_integer(m.n);
  const Integer e = to_integer(m.e);
  check_public_parameters(n, e, what);
  CryptoPP::InvertibleRSAFunction key;
  try {
    if (full_crt) {
      key.Initialize(n, e, to_integer(m.d), to_integer(m.p), to_integer(m.q), to_integer(m.dp),
                     to_integer(m.dq), to_integer(m.qinv));
    } else {
      // Recovers p and q from (n, e, d) (RFC 8017 leaves this to the implementation).
      key.Initialize(n, e, to_integer(m.d));
    }
  } catch (const CryptoPP::Exception& error) {
    fail(AlertDescription::bad_certificate, what + ": " + error.what());
  }
  return finish_private(std::move(key), what);
}

std::shared_ptr<const PrivateKey> generate_rsa_private(std::size_t bits, RandomSource& rng) {
  if (bits < kMinRsaBits || bits > kMaxRsaBits) {
    fail(AlertDescription::internal_error, "RSA key generation: " + bits_text(bits) +
                                               " is outside [" + bits_text(kMinRsaBits) + ", " +
                                               bits_text(kMaxRsaBits) + "]");
  }
  CryptoppRng prime_rng(rng);
  CryptoPP::InvertibleRSAFunction key;
  // e = 65537 (F4), the exponent virtually every RSA key uses; Crypto++'s default is 17.
  key.Initialize(prime_rng, static_cast<unsigned int>(bits), Integer(65537));
  return finish_private(std::move(key), "generated RSA key");
}

}  // namespace tlslab::crypto::impl

// --- RSASSA-PSS with explicit parameters (rsa_pss.hpp) ----------------------------------------

namespace tlslab::crypto {
namespace {

std::unique_ptr<CryptoPP::HashTransformation> make_cryptopp_hash(HashAlgorithm h) {
  switch (h) {
    case HashAlgorithm::sha1:
      return std::make_unique<CryptoPP::SHA1>();
    case HashAlgorithm::sha224:
      return std::make_unique<CryptoPP::SHA224>();
    case HashAlgorithm::sha256:
      return std::make_unique<CryptoPP::SHA256>();
    case HashAlgorithm::sha384:
      return std::make_unique<CryptoPP::SHA384>();
    case HashAlgorithm::sha512:
      return std::make_unique<CryptoPP::SHA512>();
  }
  return nullptr;
}

// MGF1 (RFC 8017 §B.2.1) over its own hash, which RSASSA-PSS-params may choose independently of
// the message hash; Crypto++'s P1363_MGF1 would reuse the message hash.
class Mgf1 final : public CryptoPP::MaskGeneratingFunction {
 public:
  explicit Mgf1(CryptoPP::HashTransformation& hash) : hash_(hash) {}
  void GenerateAndMask(CryptoPP::HashTransformation& /*message_hash*/, CryptoPP::byte* output,
                       std::size_t output_length, const CryptoPP::byte* input,
                       std::size_t input_length, bool mask) const override {
    CryptoPP::P1363_MGF1KDF2_Common(hash_, output, output_length, input, input_length, nullptr, 0,
                                    mask, 0);
  }

 private:
  CryptoPP::HashTransformation& hash_;
};

// Crypto++'s EMSA-PSS decoding (PSSR_MEM_Base: checks 0xBC, unmasks DB, checks the zero padding
// and the 0x01 separator at the salt's position, and compares H with Hash(0^64 || mHash ||
// salt)) with the salt length and MGF chosen at run time instead of by template arguments.
class PssEncoding final : public CryptoPP::PSSR_MEM_Base {
 public:
  PssEncoding(std::size_t salt_length, const Mgf1& mgf) : salt_length_(salt_length), mgf_(mgf) {}

 private:
  bool AllowRecovery() const override { return false; }
  std::size_t SaltLen(std::size_t) const override { return salt_length_; }
  std::size_t MinPadLen(std::size_t) const override { return 0; }
  const CryptoPP::MaskGeneratingFunction& GetMGF() const override { return mgf_; }

  std::size_t salt_length_;
  const Mgf1& mgf_;
};

}  // namespace

bool verify_rsa_pss(const PublicKey& key, const RsaPssParameters& params, ByteView message,
                    ByteView signature) {
  if (key.type() != KeyType::rsa) return false;
  const PublicKeyMaterial material = key.material();
  const auto* rsa = std::get_if<RsaPublicMaterial>(&material);
  if (rsa == nullptr) return false;
  const CryptoPP::Integer n(rsa->n.data(), rsa->n.size());
  const CryptoPP::Integer e(rsa->e.data(), rsa->e.size());
  // RFC 8017 §8.1.2 step 1 and RSAVP1 step 1: exactly k octets, a value below n.
  if (signature.size() != n.ByteCount()) return false;
  const CryptoPP::Integer s(signature.data(), signature.size());
  if (s >= n) return false;

  const auto hash = make_cryptopp_hash(params.hash);
  const auto mgf_hash = make_cryptopp_hash(params.mgf1_hash);
  if (!hash || !mgf_hash) return false;
  // §8.1.2 step 2c/§9.1.2: emBits = modBits - 1, emLen = ceil(emBits / 8); step 3 of §9.1.2.
  const std::size_t em_bits = n.BitCount() - 1;
  const std::size_t em_len = CryptoPP::BitsToBytes(em_bits);
  if (em_len < hash->DigestSize() + params.salt_length + 2) return false;

  CryptoPP::RSAFunction function;
  function.Initialize(n, e);
  const CryptoPP::Integer m = function.ApplyFunction(s);
  // §9.1.2 step 6: the bits of EM above emBits are zero (Crypto++ would mask them away).
  if (m.BitCount() > em_bits) return false;
  CryptoPP::SecByteBlock em(em_len);
  m.Encode(em, em.size());

  hash->Update(message.data(), message.size());
  const Mgf1 mgf(*mgf_hash);
  const PssEncoding encoding(params.salt_length, mgf);
  const CryptoPP::PK_SignatureMessageEncodingMethod& method = encoding;
  CryptoPP::SecByteBlock recovered(em_len);  // never written: recovery is disabled
  try {
    return method
        .RecoverMessageFromRepresentative(*hash, CryptoPP::HashIdentifier(nullptr, 0),
                                          message.empty(), em, em_bits, recovered)
        .isValidCoding;
  } catch (const CryptoPP::Exception&) {
    return false;
  }
}

}  // namespace tlslab::crypto

// ECDSA keys on P-256 and P-384 (Crypto++): verification of DER Ecdsa-Sig-Value signatures
// (RFC 8422 §5.4) and deterministic signing (RFC 6979), so no signature depends on a generator.
#include <cryptopp/asn.h>
#include <cryptopp/dsa.h>
#include <cryptopp/eccrypto.h>
#include <cryptopp/ecp.h>
#include <cryptopp/oids.h>
#include <cryptopp/secblock.h>
#include <cryptopp/sha.h>

#include <algorithm>
#include <string>

#include "cryptopp_rng.hpp"
#include "impl.hpp"
#include "tlslab/error.hpp"

namespace tlslab::crypto::impl {
namespace {

using CryptoPP::ECP;
using CryptoPP::Integer;
using Params = CryptoPP::DL_GroupParameters_EC<ECP>;
using EcPublic = CryptoPP::DL_PublicKey_EC<ECP>;
using EcPrivate = CryptoPP::DL_PrivateKey_EC<ECP>;

struct Curve {
  NamedGroup group;
  KeyType key_type;
  std::size_t field_bytes;  // also the byte length of the group order for these curves
  const char* name;
};

// `what` names the key in the reason ("EC public key").
Curve curve_for(NamedGroup group, const std::string& what) {
  switch (group) {
    case NamedGroup::secp256r1:
      return {group, KeyType::ec_p256, 32, "secp256r1"};
    case NamedGroup::secp384r1:
      return {group, KeyType::ec_p384, 48, "secp384r1"};
    default:
      break;
  }
  fail(AlertDescription::unsupported_certificate,
       what + ": curve " + std::string(group_name(group)) + " (" +
           std::to_string(static_cast<unsigned>(group)) + ") is not supported");
}

// The parameters are built once per curve; Crypto++ group parameters are safe to share for
// reading.
const Params& params_for(NamedGroup group) {
  static const Params p256(CryptoPP::ASN1::secp256r1());
  static const Params p384(CryptoPP::ASN1::secp384r1());
  return group == NamedGroup::secp256r1 ? p256 : p384;
}

Bytes encode_point(const Curve& curve, const ECP::Point& point) {
  // SEC 1 §2.3.3 uncompressed form, the only one TLS 1.2 uses (RFC 8422 §5.1.2).
  Bytes out(1 + 2 * curve.field_bytes);
  out[0] = 0x04;
  point.x.Encode(out.data() + 1, curve.field_bytes);
  point.y.Encode(out.data() + 1 + curve.field_bytes, curve.field_bytes);
  return out;
}

template <class Hash>
bool verify_with(const EcPublic& key, ByteView message, ByteView p1363) {
  typename CryptoPP::ECDSA<ECP, Hash>::Verifier verifier(key);
  return verifier.VerifyMessage(message.data(), message.size(), p1363.data(), p1363.size());
}

template <class Hash>
Bytes sign_with(const EcPrivate& key, ByteView message) {
  typename CryptoPP::ECDSA_RFC6979<ECP, Hash>::Signer signer(key);
  // RFC 6979 derives k from the key and the message, so Crypto++ draws nothing from this
  // generator; the system one is passed so that no caller-visible randomness could be used.
  CryptoppRng unused(system_random());
  CryptoPP::SecByteBlock p1363(signer.SignatureLength());
  const std::size_t length =
      signer.SignMessage(unused, message.data(), message.size(), p1363.data());
  // DER: SEQUENCE { INTEGER r, INTEGER s } is at most 2 * (len + 3) + 4 bytes.
  Bytes der(2 * length + 16);
  der.resize(CryptoPP::DSAConvertSignatureFormat(der.data(), der.size(), CryptoPP::DSA_DER,
                                                 p1363.data(), length, CryptoPP::DSA_P1363));
  return der;
}

class EcPublicKey final : public PublicKey {
 public:
  EcPublicKey(Curve curve, EcPublic key) : curve_(curve), key_(std::move(key)) {}

  KeyType type() const noexcept override { return curve_.key_type; }
  std::size_t bits() const noexcept override { return curve_.field_bytes * 8; }

  PublicKeyMaterial material() const override {
    return EcPublicMaterial{curve_.group, encode_point(curve_, key_.GetPublicElement())};
  }

  bool verify(SignatureScheme scheme, ByteView message, ByteView signature) const override {
    if (signature_family(scheme) != SignatureFamily::ecdsa) return false;
    Bytes p1363(2 * curve_.field_bytes);
    try {
      const std::size_t written = CryptoPP::DSAConvertSignatureFormat(
          p1363.data(), p1363.size(), CryptoPP::DSA_P1363, signature.data(), signature.size(),
          CryptoPP::DSA_DER);
      if (written != p1363.size()) return false;
      // DER is a unique encoding: re-encoding must give the very same bytes. This rejects
      // non-minimal integers and lengths, negative values, integers too long for the curve and
      // anything after the SEQUENCE, which BER decoding alone would let through.
      Bytes der(p1363.size() + 16);
      der.resize(CryptoPP::DSAConvertSignatureFormat(der.data(), der.size(), CryptoPP::DSA_DER,
                                                     p1363.data(), p1363.size(),
                                                     CryptoPP::DSA_P1363));
      if (!std::equal(der.begin(), der.end(), signature.begin(), signature.end())) return false;

      // TLS 1.2: the scheme fixes only the hash, any curve goes with it (RFC 8422 §5.1.3); a
      // digest longer than the order is truncated as ECDSA prescribes (SEC 1 §4.1.4 step 5).
      switch (scheme) {
        case SignatureScheme::ecdsa_sha1:
          return verify_with<CryptoPP::SHA1>(key_, message, p1363);
        case SignatureScheme::ecdsa_sha224:
          return verify_with<CryptoPP::SHA224>(key_, message, p1363);
        case SignatureScheme::ecdsa_secp256r1_sha256:
          return verify_with<CryptoPP::SHA256>(key_, message, p1363);
        case SignatureScheme::ecdsa_secp384r1_sha384:
          return verify_with<CryptoPP::SHA384>(key_, message, p1363);
        case SignatureScheme::ecdsa_secp521r1_sha512:
          return verify_with<CryptoPP::SHA512>(key_, message, p1363);
        default:
          return false;
      }
    } catch (const CryptoPP::Exception&) {
      return false;  // malformed DER
    }
  }

  Bytes encrypt_pkcs1(ByteView, RandomSource&) const override {
    fail(AlertDescription::internal_error,
         "encrypt_pkcs1: an " + std::string(key_type_name(curve_.key_type)) +
             " key cannot encrypt (RSA key exchange needs an RSA key)");
  }

 private:
  Curve curve_;
  EcPublic key_;
};

class EcPrivateKey final : public PrivateKey {
 public:
  EcPrivateKey(Curve curve, EcPrivate key)
      : curve_(curve), key_(std::move(key)), public_(curve, public_part(key_)) {}

  KeyType type() const noexcept override { return curve_.key_type; }
  std::size_t bits() const noexcept override { return curve_.field_bytes * 8; }
  const PublicKey& public_key() const noexcept override { return public_; }

  PrivateKeyMaterial material() const override {
    Bytes scalar(curve_.field_bytes);
    key_.GetPrivateExponent().Encode(scalar.data(), scalar.size());
    return EcPrivateMaterial{curve_.group, std::move(scalar)};
  }

  Bytes sign(SignatureScheme scheme, ByteView message, RandomSource&) const override {
    switch (scheme) {
      case SignatureScheme::ecdsa_sha1:
        return sign_with<CryptoPP::SHA1>(key_, message);
      case SignatureScheme::ecdsa_sha224:
        return sign_with<CryptoPP::SHA224>(key_, message);
      case SignatureScheme::ecdsa_secp256r1_sha256:
        return sign_with<CryptoPP::SHA256>(key_, message);
      case SignatureScheme::ecdsa_secp384r1_sha384:
        return sign_with<CryptoPP::SHA384>(key_, message);
      case SignatureScheme::ecdsa_secp521r1_sha512:
        return sign_with<CryptoPP::SHA512>(key_, message);
      default:
        break;
    }
    fail(AlertDescription::internal_error,
         "ECDSA sign: an " + std::string(key_type_name(curve_.key_type)) +
             " key cannot sign with " + std::string(signature_scheme_name(scheme)));
  }

  void decrypt_premaster(ByteView, std::uint16_t, std::span<std::uint8_t, 48>,
                         RandomSource&) const override {
    fail(AlertDescription::internal_error,
         "decrypt_premaster: an " + std::string(key_type_name(curve_.key_type)) +
             " key cannot decrypt (RSA key exchange needs an RSA key)");
  }

 private:
  static EcPublic public_part(const EcPrivate& key) {
    EcPublic pub;
    key.MakePublicKey(pub);
    return pub;
  }

  Curve curve_;
  EcPrivate key_;
  EcPublicKey public_;
};

std::shared_ptr<const PrivateKey> make_private(const Curve& curve, const Integer& scalar) {
  EcPrivate key;
  key.Initialize(params_for(curve.group), scalar);
  return std::make_shared<EcPrivateKey>(curve, std::move(key));
}

}  // namespace

std::shared_ptr<const PublicKey> import_ec_public(const EcPublicMaterial& m) {
  const std::string what = "EC public key";
  const Curve curve = curve_for(m.curve, what);
  const std::string where = what + " (" + curve.name + ")";
  const std::size_t expected = 1 + 2 * curve.field_bytes;
  if (m.point.size() != expected || m.point[0] != 0x04) {
    fail(AlertDescription::bad_certificate, where + ": not an uncompressed point (want 0x04 and " +
                                                std::to_string(expected) + " bytes, got " +
                                                std::to_string(m.point.size()) + " bytes)");
  }
  const ECP::Point point(Integer(m.point.data() + 1, curve.field_bytes),
                         Integer(m.point.data() + 1 + curve.field_bytes, curve.field_bytes));
  const Params& params = params_for(curve.group);
  // SEC 1 §3.2.2.1: coordinates in [0, p-1] and the curve equation holds (VerifyPoint checks
  // both). The point cannot be the identity, which has no affine encoding, and both curves have
  // cofactor 1, so every point on the curve is in the prime-order group.
  if (!params.GetCurve().VerifyPoint(point)) {
    fail(AlertDescription::bad_certificate, where + ": point is not on the curve");
  }
  EcPublic key;
  key.Initialize(params, point);
  return std::make_shared<EcPublicKey>(curve, std::move(key));
}

std::shared_ptr<const PrivateKey> import_ec_private(const EcPrivateMaterial& m) {
  const std::string what = "EC private key";
  const Curve curve = curve_for(m.curve, what);
  const std::string where = what + " (" + curve.name + ")";
  if (m.scalar.size() != curve.field_bytes) {
    fail(AlertDescription::bad_certificate, where + ": scalar is " +
                                                std::to_string(m.scalar.size()) + " bytes, want " +
                                                std::to_string(curve.field_bytes));
  }
  const Integer scalar(m.scalar.data(), m.scalar.size());
  // SEC 1 §3.2.1: the private key is an integer in [1, n-1].
  if (scalar.IsZero() || scalar >= params_for(curve.group).GetSubgroupOrder()) {
    fail(AlertDescription::bad_certificate, where + ": scalar is not in [1, n-1]");
  }
  return make_private(curve, scalar);
}

std::shared_ptr<const PrivateKey> generate_ec_private(NamedGroup group, RandomSource& rng) {
  const Curve curve = curve_for(group, "EC key generation");
  const Integer& order = params_for(group).GetSubgroupOrder();
  // FIPS 186-5 A.4.2 (rejection sampling): draw as many bytes as the order has and retry until
  // the value is in [1, n-1]. Both orders are just below 2^bits, so a retry is vanishingly
  // rare; the bound only stops a broken generator (all zeros) from spinning forever.
  CryptoPP::SecByteBlock candidate(curve.field_bytes);
  for (int attempt = 0; attempt < 64; ++attempt) {
    rng.fill({candidate.data(), candidate.size()});
    const Integer scalar(candidate.data(), candidate.size());
    if (!scalar.IsZero() && scalar < order) return make_private(curve, scalar);
  }
  fail(AlertDescription::internal_error,
       std::string("EC key generation (") + curve.name +
           "): 64 candidates in a row were out of range; the generator is broken");
}

}  // namespace tlslab::crypto::impl

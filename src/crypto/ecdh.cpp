// ECDH key shares over secp256r1 and secp384r1 (RFC 8422 §5.10, §5.11) with Crypto++'s prime
// curve arithmetic; libsodium has no NIST curves.
#include <cryptopp/eccrypto.h>
#include <cryptopp/ecp.h>
#include <cryptopp/integer.h>
#include <cryptopp/oids.h>

#include <cstdint>
#include <string>

#include "ecdh_curves.hpp"
#include "impl.hpp"
#include "tlslab/error.hpp"

namespace tlslab::crypto::impl {
namespace {

using CryptoPP::ECP;
using CryptoPP::Integer;
using Curve = CryptoPP::DL_GroupParameters_EC<ECP>;

// RFC 8422 §5.4.1: the only point format TLS 1.2 peers must support, and the only one we
// advertise (ec_point_formats), so anything else is an illegal parameter.
constexpr std::uint8_t kUncompressed = 0x04;

std::string label(NamedGroup curve) {
  return "ECDH " + std::string(group_name(curve));
}

Curve load_curve(NamedGroup curve) {
  switch (curve) {
    case NamedGroup::secp256r1:
      return Curve(CryptoPP::ASN1::secp256r1());
    case NamedGroup::secp384r1:
      return Curve(CryptoPP::ASN1::secp384r1());
    case NamedGroup::x25519:
    case NamedGroup::ffdhe2048:
    case NamedGroup::ffdhe3072:
    case NamedGroup::ffdhe4096:
    case NamedGroup::ffdhe6144:
    case NamedGroup::ffdhe8192:
      break;
  }
  fail(AlertDescription::internal_error,
       "ECDH: group " + std::to_string(static_cast<unsigned>(curve)) + " is not a NIST curve");
}

std::size_t field_size(const Curve& params) {
  return params.GetCurve().GetField().MaxElementByteLength();
}

bool in_range(const Curve& params, const Integer& scalar) {
  return scalar.IsPositive() && scalar < params.GetSubgroupOrder();
}

class EcdhShare final : public KeyShare {
 public:
  EcdhShare(NamedGroup curve, ByteView private_value)
      : curve_(curve), params_(load_curve(curve)), field_size_(field_size(params_)) {
    if (private_value.size() != field_size_) {
      fail(AlertDescription::internal_error,
           label(curve_) + " private value: " + std::to_string(private_value.size()) +
               " bytes, expected " + std::to_string(field_size_));
    }
    // Integer keeps its words in a SecBlock, which wipes them when the share dies.
    scalar_.Decode(private_value.data(), private_value.size());
    if (!in_range(params_, scalar_)) {
      fail(AlertDescription::internal_error,
           label(curve_) + " private value: scalar is not in [1, n-1]");
    }
    const ECP& ec = params_.GetCurve();
    public_.resize(ec.EncodedPointSize(false));
    ec.EncodePoint(public_.data(), params_.ExponentiateBase(scalar_), false);
  }

  NamedGroup group() const noexcept override { return curve_; }
  ByteView public_value() const noexcept override { return public_; }
  SecretBytes private_value() const override {
    SecretBytes out(field_size_);
    scalar_.Encode(out.data(), out.size());
    return out;
  }

  SecretBytes derive(ByteView peer_public) const override {
    const std::string what = label(curve_) + " peer public value: ";
    const std::size_t expected = 1 + 2 * field_size_;
    // The format byte is checked first so that a compressed point (0x02/0x03, one coordinate
    // shorter) is reported as what it is rather than as a length error.
    if (!peer_public.empty() && peer_public[0] != kUncompressed) {
      fail(AlertDescription::illegal_parameter,
           what + "point format 0x" + to_hex(peer_public.first(1)) +
               " is not the uncompressed form 0x04 (RFC 8422 §5.4.1)");
    }
    if (peer_public.size() != expected) {
      fail(AlertDescription::illegal_parameter, what + std::to_string(peer_public.size()) +
                                                    " bytes, expected " + std::to_string(expected));
    }
    const ECP::Point peer(Integer(peer_public.data() + 1, field_size_),
                          Integer(peer_public.data() + 1 + field_size_, field_size_));
    // Public-key validation (RFC 8422 §5.11; NIST SP 800-56A §5.6.2.3): coordinates in [0, p-1]
    // and on the curve (VerifyPoint checks both); the identity has no 0x04 encoding, so a
    // decoded point never is one. Both curves have cofactor 1, so every point on the curve is
    // in the prime-order group and the n*Q = O check of full validation is implied: no
    // small-subgroup or invalid-curve attack gets through.
    if (!params_.GetCurve().VerifyPoint(peer)) {
      fail(AlertDescription::illegal_parameter, what + "point is not on the curve");
    }
    const ECP::Point shared_point = params_.ExponentiateElement(peer, scalar_);
    if (shared_point.identity) {  // unreachable for a valid peer point and scalar in [1, n-1]
      fail(AlertDescription::illegal_parameter, what + "shared point is the point at infinity");
    }
    // RFC 8422 §5.10: the premaster secret is the x-coordinate, as a field-size octet string
    // (FE2OSP: leading zeros kept).
    SecretBytes shared(field_size_);
    shared_point.x.Encode(shared.data(), shared.size());
    return shared;
  }

 private:
  NamedGroup curve_;
  Curve params_;
  std::size_t field_size_;
  Integer scalar_;
  Bytes public_;
};

}  // namespace

std::size_t ecdh_scalar_size(NamedGroup curve) {
  return field_size(load_curve(curve));
}

bool ecdh_scalar_in_range(NamedGroup curve, ByteView scalar) {
  const Curve params = load_curve(curve);
  return in_range(params, Integer(scalar.data(), scalar.size()));
}

std::unique_ptr<KeyShare> make_ecdh_share(NamedGroup curve, ByteView private_value) {
  return std::make_unique<EcdhShare>(curve, private_value);
}

}  // namespace tlslab::crypto::impl

// Finite-field DH key shares over the RFC 7919 groups ffdhe2048 and ffdhe3072, with Crypto++
// big-integer arithmetic (libsodium has no modular exponentiation).
#include <cryptopp/integer.h>
#include <cryptopp/nbtheory.h>

#include <string>
#include <string_view>

#include "ffdhe_groups.hpp"
#include "impl.hpp"
#include "tlslab/error.hpp"

namespace tlslab::crypto::impl {
namespace {

using CryptoPP::Integer;

// RFC 7919 Appendix A.1: ffdhe2048, p = 2^2048 - 2^1984 + {[2^1918 * e] + 560316} * 2^64 - 1.
constexpr std::string_view kFfdhe2048Prime =
    "FFFFFFFF FFFFFFFF ADF85458 A2BB4A9A AFDC5620 273D3CF1"
    "D8B9C583 CE2D3695 A9E13641 146433FB CC939DCE 249B3EF9"
    "7D2FE363 630C75D8 F681B202 AEC4617A D3DF1ED5 D5FD6561"
    "2433F51F 5F066ED0 85636555 3DED1AF3 B557135E 7F57C935"
    "984F0C70 E0E68B77 E2A689DA F3EFE872 1DF158A1 36ADE735"
    "30ACCA4F 483A797A BC0AB182 B324FB61 D108A94B B2C8E3FB"
    "B96ADAB7 60D7F468 1D4F42A3 DE394DF4 AE56EDE7 6372BB19"
    "0B07A7C8 EE0A6D70 9E02FCE1 CDF7E2EC C03404CD 28342F61"
    "9172FE9C E98583FF 8E4F1232 EEF28183 C3FE3B1B 4C6FAD73"
    "3BB5FCBC 2EC22005 C58EF183 7D1683B2 C6F34A26 C1B2EFFA"
    "886B4238 61285C97 FFFFFFFF FFFFFFFF";

// RFC 7919 Appendix A.2: ffdhe3072, p = 2^3072 - 2^3008 + {[2^2942 * e] + 2625351} * 2^64 - 1.
constexpr std::string_view kFfdhe3072Prime =
    "FFFFFFFF FFFFFFFF ADF85458 A2BB4A9A AFDC5620 273D3CF1"
    "D8B9C583 CE2D3695 A9E13641 146433FB CC939DCE 249B3EF9"
    "7D2FE363 630C75D8 F681B202 AEC4617A D3DF1ED5 D5FD6561"
    "2433F51F 5F066ED0 85636555 3DED1AF3 B557135E 7F57C935"
    "984F0C70 E0E68B77 E2A689DA F3EFE872 1DF158A1 36ADE735"
    "30ACCA4F 483A797A BC0AB182 B324FB61 D108A94B B2C8E3FB"
    "B96ADAB7 60D7F468 1D4F42A3 DE394DF4 AE56EDE7 6372BB19"
    "0B07A7C8 EE0A6D70 9E02FCE1 CDF7E2EC C03404CD 28342F61"
    "9172FE9C E98583FF 8E4F1232 EEF28183 C3FE3B1B 4C6FAD73"
    "3BB5FCBC 2EC22005 C58EF183 7D1683B2 C6F34A26 C1B2EFFA"
    "886B4238 611FCFDC DE355B3B 6519035B BC34F4DE F99C0238"
    "61B46FC9 D6E6C907 7AD91D26 91F7F7EE 598CB0FA C186D91C"
    "AEFE1309 85139270 B4130C93 BC437944 F4FD4452 E2D74DD3"
    "64F2E21E 71F54BFF 5CAE82AB 9C9DF69E E86D2BC5 22363A0D"
    "ABC52197 9B0DEADA 1DBF9A42 D5C4484E 0ABCD06B FA53DDEF"
    "3C1B20EE 3FD59D7C 25E41D2B 66C62E37 FFFFFFFF FFFFFFFF";

constexpr unsigned kGenerator = 2;  // RFC 7919 Appendix A: "The generator is: g = 2"

void check_group(NamedGroup group) {
  if (!is_ffdhe(group)) {
    fail(AlertDescription::internal_error,
         "DH: group " + std::to_string(static_cast<unsigned>(group)) + " is not an ffdhe group");
  }
}

std::string label(NamedGroup group) {
  return "DH " + std::string(group_name(group));
}

class FfdheShare final : public KeyShare {
 public:
  FfdheShare(NamedGroup group, ByteView private_value) : group_(group) {
    const ByteView p_bytes = ffdhe_prime(group);
    p_size_ = p_bytes.size();
    p_.Decode(p_bytes.data(), p_bytes.size());
    if (private_value.empty() || private_value.size() > p_size_) {
      fail(AlertDescription::internal_error,
           label(group_) + " private value: " + std::to_string(private_value.size()) +
               " bytes, expected 1 to " + std::to_string(p_size_));
    }
    // Integer keeps its words in a SecBlock, which wipes them when the share dies.
    x_.Decode(private_value.data(), private_value.size());
    // x = 0 and x = p-1 give Y = 1 and x = 1 gives Y = g, values a peer rejects or any
    // observer can undo; the range mirrors the one required of Y (RFC 7919 §5.1).
    if (x_ <= Integer::One() || x_ >= p_ - Integer::One()) {
      fail(AlertDescription::internal_error,
           label(group_) + " private value: exponent not in range 1 < x < p-1");
    }
    private_.assign(private_value.begin(), private_value.end());
    // Y is sent left-padded to the size of p: TLS 1.2 leaves the width open, the padded form is
    // the one every peer accepts and the one TLS 1.3 mandates (RFC 8446 §4.2.8.1).
    public_.resize(p_size_);
    CryptoPP::ModularExponentiation(Integer(kGenerator), x_, p_)
        .Encode(public_.data(), public_.size());
  }

  NamedGroup group() const noexcept override { return group_; }
  ByteView public_value() const noexcept override { return public_; }
  SecretBytes private_value() const override { return private_; }

  SecretBytes derive(ByteView peer_public) const override {
    const std::string range_error = label(group_) + " peer public value: not in range 1 < Y < p-1";
    // A value longer than p is malformed even if it starts with zeros: nobody pads beyond the
    // size of p. A shorter one is accepted, as TLS 1.2 peers may send Y without leading zeros.
    if (peer_public.size() > p_size_) {
      fail(AlertDescription::illegal_parameter,
           range_error + " (" + std::to_string(peer_public.size()) + " bytes, p has " +
               std::to_string(p_size_) + ")");
    }
    Integer y;
    if (!peer_public.empty()) y.Decode(peer_public.data(), peer_public.size());
    // RFC 7919 §5.1: peers MUST check 1 < Y < p-1. The groups are safe primes, so this excludes
    // exactly the elements of order 1 and 2 and leaves no small subgroup to confine Z to.
    if (y <= Integer::One() || y >= p_ - Integer::One()) {
      fail(AlertDescription::illegal_parameter, range_error);
    }
    const Integer z = CryptoPP::ModularExponentiation(y, x_, p_);
    // RFC 5246 §8.1.2: "Leading bytes of Z that contain all zero bits are stripped before it is
    // used as the pre_master_secret."
    SecretBytes shared(z.MinEncodedSize());
    z.Encode(shared.data(), shared.size());
    return shared;
  }

 private:
  NamedGroup group_;
  std::size_t p_size_ = 0;
  Integer p_;
  Integer x_;
  SecretBytes private_;
  Bytes public_;
};

}  // namespace

ByteView ffdhe_prime(NamedGroup group) {
  check_group(group);
  // Decoded once, on first use; function-local statics are initialised thread-safely.
  static const Bytes p2048 = from_hex(kFfdhe2048Prime);
  static const Bytes p3072 = from_hex(kFfdhe3072Prime);
  return group == NamedGroup::ffdhe2048 ? p2048 : p3072;
}

std::size_t ffdhe_exponent_bits(NamedGroup group) {
  check_group(group);
  // RFC 7919 §5.2 allows short exponents of about twice the group's strength; Appendix A.1
  // asks for at least 225 bits for ffdhe2048 (strength 103 bits) and A.2 for at least 275 bits
  // for ffdhe3072 (125 bits). We round up to 256 and 320 bits: whole bytes with a margin, still
  // far cheaper than full-size exponents.
  return group == NamedGroup::ffdhe2048 ? 256 : 320;
}

std::unique_ptr<KeyShare> make_ffdhe_share(NamedGroup group, ByteView private_value) {
  check_group(group);
  return std::make_unique<FfdheShare>(group, private_value);
}

}  // namespace tlslab::crypto::impl

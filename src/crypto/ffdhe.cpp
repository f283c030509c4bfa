// Finite-field DH key shares over the RFC 7919 groups (ffdhe2048 ... ffdhe8192), with Crypto++
// big-integer arithmetic (libsodium has no modular exponentiation).
#include <cryptopp/integer.h>
#include <cryptopp/nbtheory.h>

#include <array>
#include <iterator>
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

// RFC 7919 Appendix A.3: ffdhe4096, p = 2^4096 - 2^4032 + {[2^3966 * e] + 5736041} * 2^64 - 1.
constexpr std::string_view kFfdhe4096Prime =
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
    "3C1B20EE 3FD59D7C 25E41D2B 669E1EF1 6E6F52C3 164DF4FB"
    "7930E9E4 E58857B6 AC7D5F42 D69F6D18 7763CF1D 55034004"
    "87F55BA5 7E31CC7A 7135C886 EFB4318A ED6A1E01 2D9E6832"
    "A907600A 918130C4 6DC778F9 71AD0038 092999A3 33CB8B7A"
    "1A1DB93D 7140003C 2A4ECEA9 F98D0ACC 0A8291CD CEC97DCF"
    "8EC9B55A 7F88A46B 4DB5A851 F44182E1 C68A007E 5E655F6A"
    "FFFFFFFF FFFFFFFF";

// RFC 7919 Appendix A.4: ffdhe6144, p = 2^6144 - 2^6080 + {[2^6014 * e] + 15705020} * 2^64 - 1.
constexpr std::string_view kFfdhe6144Prime =
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
    "3C1B20EE 3FD59D7C 25E41D2B 669E1EF1 6E6F52C3 164DF4FB"
    "7930E9E4 E58857B6 AC7D5F42 D69F6D18 7763CF1D 55034004"
    "87F55BA5 7E31CC7A 7135C886 EFB4318A ED6A1E01 2D9E6832"
    "A907600A 918130C4 6DC778F9 71AD0038 092999A3 33CB8B7A"
    "1A1DB93D 7140003C 2A4ECEA9 F98D0ACC 0A8291CD CEC97DCF"
    "8EC9B55A 7F88A46B 4DB5A851 F44182E1 C68A007E 5E0DD902"
    "0BFD64B6 45036C7A 4E677D2C 38532A3A 23BA4442 CAF53EA6"
    "3BB45432 9B7624C8 917BDD64 B1C0FD4C B38E8C33 4C701C3A"
    "CDAD0657 FCCFEC71 9B1F5C3E 4E46041F 388147FB 4CFDB477"
    "A52471F7 A9A96910 B855322E DB6340D8 A00EF092 350511E3"
    "0ABEC1FF F9E3A26E 7FB29F8C 183023C3 587E38DA 0077D9B4"
    "763E4E4B 94B2BBC1 94C6651E 77CAF992 EEAAC023 2A281BF6"
    "B3A739C1 22611682 0AE8DB58 47A67CBE F9C9091B 462D538C"
    "D72B0374 6AE77F5E 62292C31 1562A846 505DC82D B854338A"
    "E49F5235 C95B9117 8CCF2DD5 CACEF403 EC9D1810 C6272B04"
    "5B3B71F9 DC6B80D6 3FDD4A8E 9ADB1E69 62A69526 D43161C1"
    "A41D570D 7938DAD4 A40E329C D0E40E65 FFFFFFFF FFFFFFFF";

// RFC 7919 Appendix A.5: ffdhe8192, p = 2^8192 - 2^8128 + {[2^8062 * e] + 10965728} * 2^64 - 1.
constexpr std::string_view kFfdhe8192Prime =
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
    "3C1B20EE 3FD59D7C 25E41D2B 669E1EF1 6E6F52C3 164DF4FB"
    "7930E9E4 E58857B6 AC7D5F42 D69F6D18 7763CF1D 55034004"
    "87F55BA5 7E31CC7A 7135C886 EFB4318A ED6A1E01 2D9E6832"
    "A907600A 918130C4 6DC778F9 71AD0038 092999A3 33CB8B7A"
    "1A1DB93D 7140003C 2A4ECEA9 F98D0ACC 0A8291CD CEC97DCF"
    "8EC9B55A 7F88A46B 4DB5A851 F44182E1 C68A007E 5E0DD902"
    "0BFD64B6 45036C7A 4E677D2C 38532A3A 23BA4442 CAF53EA6"
    "3BB45432 9B7624C8 917BDD64 B1C0FD4C B38E8C33 4C701C3A"
    "CDAD0657 FCCFEC71 9B1F5C3E 4E46041F 388147FB 4CFDB477"
    "A52471F7 A9A96910 B855322E DB6340D8 A00EF092 350511E3"
    "0ABEC1FF F9E3A26E 7FB29F8C 183023C3 587E38DA 0077D9B4"
    "763E4E4B 94B2BBC1 94C6651E 77CAF992 EEAAC023 2A281BF6"
    "B3A739C1 22611682 0AE8DB58 47A67CBE F9C9091B 462D538C"
    "D72B0374 6AE77F5E 62292C31 1562A846 505DC82D B854338A"
    "E49F5235 C95B9117 8CCF2DD5 CACEF403 EC9D1810 C6272B04"
    "5B3B71F9 DC6B80D6 3FDD4A8E 9ADB1E69 62A69526 D43161C1"
    "A41D570D 7938DAD4 A40E329C CFF46AAA 36AD004C F600C838"
    "1E425A31 D951AE64 FDB23FCE C9509D43 687FEB69 EDD1CC5E"
    "0B8CC3BD F64B10EF 86B63142 A3AB8829 555B2F74 7C932665"
    "CB2C0F1C C01BD702 29388839 D2AF05E4 54504AC7 8B758282"
    "2846C0BA 35C35F5C 59160CC0 46FD8251 541FC68C 9C86B022"
    "BB709987 6A460E74 51A8A931 09703FEE 1C217E6C 3826E52C"
    "51AA691E 0E423CFC 99E9E316 50C1217B 624816CD AD9A95F9"
    "D5B80194 88D9C0A0 A1FE3075 A577E231 83F81D4A 3F2FA457"
    "1EFC8CE0 BA8A4FE8 B6855DFE 72B0A66E DED2FBAB FBE58A30"
    "FAFABE1C 5D71A87E 2F741EF8 C1FE86FE A6BBFDE5 30677F0D"
    "97D11D49 F7A8443D 0822E506 A9F4614E 011E2A94 838FF88C"
    "D68C8BB7 C5C6424C FFFFFFFF FFFFFFFF";

constexpr unsigned kGenerator = 2;  // RFC 7919 Appendix A: "The generator is: g = 2"

// Each group's prime and the size of a fresh private exponent. RFC 7919 §5.2 allows short
// exponents of about twice the group's strength; Appendix A asks for at least 225, 275, 325,
// 375 and 400 bits for ffdhe2048 ... ffdhe8192 (strengths 103, 125, 150, 175 and 192 bits). We
// round up to whole bytes with a margin, still far cheaper than full-size exponents.
struct GroupParameters {
  NamedGroup group;
  std::string_view prime_hex;
  std::size_t exponent_bits;
};
constexpr GroupParameters kGroups[] = {
    {NamedGroup::ffdhe2048, kFfdhe2048Prime, 256}, {NamedGroup::ffdhe3072, kFfdhe3072Prime, 320},
    {NamedGroup::ffdhe4096, kFfdhe4096Prime, 384}, {NamedGroup::ffdhe6144, kFfdhe6144Prime, 416},
    {NamedGroup::ffdhe8192, kFfdhe8192Prime, 448},
};

// The index of `group` in kGroups; internal_error for a group that is not ffdhe.
std::size_t group_index(NamedGroup group) {
  for (std::size_t i = 0; i < std::size(kGroups); ++i) {
    if (kGroups[i].group == group) return i;
  }
  fail(AlertDescription::internal_error,
       "DH: group " + std::to_string(static_cast<unsigned>(group)) + " is not an ffdhe group");
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
  const std::size_t i = group_index(group);
  // Decoded once, on first use; function-local statics are initialised thread-safely.
  static const auto primes = [] {
    std::array<Bytes, std::size(kGroups)> out;
    for (std::size_t j = 0; j < out.size(); ++j)
      out[j] = from_hex(kGroups[j].prime_hex);
    return out;
  }();
  return primes[i];
}

std::size_t ffdhe_exponent_bits(NamedGroup group) {
  return kGroups[group_index(group)].exponent_bits;
}

std::unique_ptr<KeyShare> make_ffdhe_share(NamedGroup group, ByteView private_value) {
  (void)group_index(group);  // internal_error for a group that is not ffdhe
  return std::make_unique<FfdheShare>(group, private_value);
}

}  // namespace tlslab::crypto::impl

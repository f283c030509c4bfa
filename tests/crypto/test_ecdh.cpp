// ECDH key shares on secp256r1 and secp384r1: RFC 5903 §8.1 and §8.2 (the "random ECP group"
// exchanges: i, g^i, r, g^r, g^ir), the base point of FIPS 186-4 Appendix D.1.2.3 / D.1.2.4 for
// the scalars 1 and n-1, public-value validation (RFC 8422 §5.4.1, §5.11) and key generation by
// rejection sampling from the RandomSource.
#include <cryptopp/integer.h>
#include <cryptopp/nbtheory.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "../test_util.hpp"
#include "scripted_random.hpp"
#include "src/crypto/impl.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/crypto/provider.hpp"

namespace tlslab::crypto {
namespace {

using test::hex;

using test::ScriptedRandom;

std::string hex_of(ByteView v) {
  return to_hex(v);
}

// One RFC 5903 §8 test: private values i and r, their public values (uncompressed points), and
// the x-coordinate of g^ir, which is what TLS uses as the premaster secret (RFC 8422 §5.10).
struct Rfc5903Case {
  NamedGroup curve;
  const char* i;
  const char* gix;
  const char* giy;
  const char* r;
  const char* grx;
  const char* gry;
  const char* girx;
};

const Rfc5903Case kRfc5903[] = {
    // RFC 5903 §8.1, 256-bit Random ECP Group
    {NamedGroup::secp256r1,
     "C88F01F5 10D9AC3F 70A292DA A2316DE5 44E9AAB8 AFE84049 C62A9C57 862D1433",
     "DAD0B653 94221CF9 B051E1FE CA5787D0 98DFE637 FC90B9EF 945D0C37 72581180",
     "5271A046 1CDB8252 D61F1C45 6FA3E59A B1F45B33 ACCF5F58 389E0577 B8990BB3",
     "C6EF9C5D 78AE012A 011164AC B397CE20 88685D8F 06BF9BE0 B283AB46 476BEE53",
     "D12DFB52 89C8D4F8 1208B702 70398C34 2296970A 0BCCB74C 736FC755 4494BF63",
     "56FBF3CA 366CC23E 8157854C 13C58D6A AC23F046 ADA30F83 53E74F33 039872AB",
     "D6840F6B 42F6EDAF D13116E0 E1256520 2FEF8E9E CE7DCE03 812464D0 4B9442DE"},
    // RFC 5903 §8.2, 384-bit Random ECP Group
    {NamedGroup::secp384r1,
     "099F3C70 34D4A2C6 99884D73 A375A67F 7624EF7C 6B3C0F16 0647B674 14DCE655 E35B5380 41E649EE"
     "3FAEF896 783AB194",
     "667842D7 D180AC2C DE6F74F3 7551F557 55C7645C 20EF73E3 1634FE72 B4C55EE6 DE3AC808 ACB4BDB4"
     "C88732AE E95F41AA",
     "9482ED1F C0EEB9CA FC498462 5CCFC23F 65032149 E0E144AD A0241815 35A0F38E EB9FCFF3 C2C947DA"
     "E69B4C63 4573A81C",
     "41CB0779 B4BDB85D 47846725 FBEC3C94 30FAB46C C8DC5060 855CC9BD A0AA2942 E0308312 916B8ED2"
     "960E4BD5 5A7448FC",
     "E558DBEF 53EECDE3 D3FCCFC1 AEA08A89 A987475D 12FD950D 83CFA417 32BC509D 0D1AC43A 0336DEF9"
     "6FDA41D0 774A3571",
     "DCFBEC7A ACF31964 72169E83 8430367F 66EEBE3C 6E70C416 DD5F0C68 759DD1FF F83FA401 42209DFF"
     "5EAAD96D B9E6386C",
     "11187331 C279962D 93D60424 3FD592CB 9D0A926F 422E4718 7521287E 7156C5C4 D6031355 69B9E9D0"
     "9CF5D4A2 70F59746"},
};

// FIPS 186-4 Appendix D.1.2.3 (P-256) and D.1.2.4 (P-384): prime p, order n, coefficient b
// (a = -3), base point G.
struct CurveConstants {
  NamedGroup curve;
  std::size_t field_size;
  const char* p;
  const char* n;
  const char* b;
  const char* gx;
  const char* gy;
};

const CurveConstants kCurves[] = {
    {NamedGroup::secp256r1, 32, "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
     "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
     "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
     "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
     "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"},
    {NamedGroup::secp384r1, 48,
     "ffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
     "fffffffeffffffff0000000000000000ffffffff",
     "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf"
     "581a0db248b0a77aecec196accc52973",
     "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875a"
     "c656398d8a2ed19d2a85c8edd3ec2aef",
     "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a38"
     "5502f25dbf55296c3a545e3872760ab7",
     "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c0"
     "0a60b1ce1d7e819d7a431d7c90ea0e5f"},
};

const CurveConstants& constants(NamedGroup curve) {
  return curve == NamedGroup::secp256r1 ? kCurves[0] : kCurves[1];
}
const Rfc5903Case& rfc5903(NamedGroup curve) {
  return curve == NamedGroup::secp256r1 ? kRfc5903[0] : kRfc5903[1];
}

std::string label(NamedGroup curve) {
  return "ECDH " + std::string(group_name(curve));
}

Bytes uncompressed(std::string_view x, std::string_view y) {
  Bytes out{0x04};
  const Bytes xb = hex(x), yb = hex(y);
  out.insert(out.end(), xb.begin(), xb.end());
  out.insert(out.end(), yb.begin(), yb.end());
  return out;
}

CryptoPP::Integer integer(std::string_view h) {
  const Bytes b = hex(h);
  return {b.data(), b.size()};
}

Bytes encode(const CryptoPP::Integer& v, std::size_t size) {
  Bytes out(size);
  v.Encode(out.data(), out.size());
  return out;
}

TEST_CASE("ECDH: RFC 5903 §8.1 / §8.2 test vectors, from both sides") {
  auto p = make_default_provider();
  for (const Rfc5903Case& c : kRfc5903) {
    CAPTURE(group_name(c.curve));
    const auto initiator = p->key_share_from_private(c.curve, hex(c.i));
    const auto responder = p->key_share_from_private(c.curve, hex(c.r));
    CHECK(initiator->group() == c.curve);
    CHECK(hex_of(initiator->public_value()) == hex_of(uncompressed(c.gix, c.giy)));
    CHECK(hex_of(responder->public_value()) == hex_of(uncompressed(c.grx, c.gry)));
    CHECK(hex_of(initiator->derive(responder->public_value())) == hex_of(hex(c.girx)));
    CHECK(hex_of(responder->derive(initiator->public_value())) == hex_of(hex(c.girx)));
    // The private value comes back as given (field-size big-endian scalar).
    CHECK(hex_of(initiator->private_value()) == hex_of(hex(c.i)));
  }
}

TEST_CASE("ECDH: scalars 1 and n-1 give G and -G (FIPS 186-4 D.1.2.3, D.1.2.4)") {
  auto p = make_default_provider();
  for (const CurveConstants& c : kCurves) {
    CAPTURE(group_name(c.curve));
    Bytes one(c.field_size, 0);
    one.back() = 1;
    CHECK(hex_of(p->key_share_from_private(c.curve, one)->public_value()) ==
          hex_of(uncompressed(c.gx, c.gy)));

    const Bytes minus_gy = encode(integer(c.p) - integer(c.gy), c.field_size);
    CHECK(hex_of(p->key_share_from_private(c.curve, encode(integer(c.n) - 1, c.field_size))
                     ->public_value()) == hex_of(uncompressed(c.gx, to_hex(minus_gy))));
  }
}

TEST_CASE("ECDH: private values outside [1, n-1] or of the wrong size are internal errors") {
  auto p = make_default_provider();
  for (const CurveConstants& c : kCurves) {
    CAPTURE(group_name(c.curve));
    const std::string what = label(c.curve) + " private value: ";
    CHECK_TLS_ERROR(p->key_share_from_private(c.curve, Bytes(c.field_size, 0)),
                    AlertDescription::internal_error, what + "scalar is not in [1, n-1]");
    CHECK_TLS_ERROR(p->key_share_from_private(c.curve, hex(c.n)), AlertDescription::internal_error,
                    what + "scalar is not in [1, n-1]");
    CHECK_TLS_ERROR(p->key_share_from_private(c.curve, Bytes(c.field_size, 0xff)),
                    AlertDescription::internal_error, what + "scalar is not in [1, n-1]");
    CHECK_TLS_ERROR(p->key_share_from_private(c.curve, Bytes(c.field_size - 1, 1)),
                    AlertDescription::internal_error,
                    what + std::to_string(c.field_size - 1) + " bytes, expected " +
                        std::to_string(c.field_size));
  }
}

TEST_CASE("ECDH: invalid peer public values are rejected") {
  auto p = make_default_provider();
  for (const Rfc5903Case& c : kRfc5903) {
    CAPTURE(group_name(c.curve));
    const std::string what = label(c.curve) + " peer public value: ";
    const auto share = p->key_share_from_private(c.curve, hex(c.i));
    const Bytes good = uncompressed(c.grx, c.gry);
    const std::size_t field = hex(c.grx).size();

    SUBCASE("a point off the curve (one bit of Y flipped)") {
      Bytes bad = good;
      bad.back() ^= 0x01;
      CHECK_TLS_ERROR(share->derive(bad), AlertDescription::illegal_parameter,
                      what + "point is not on the curve");
    }
    SUBCASE("a coordinate not below the field prime") {
      CHECK_TLS_ERROR(share->derive(uncompressed(constants(c.curve).p, c.gry)),
                      AlertDescription::illegal_parameter, what + "point is not on the curve");
    }
    SUBCASE("all-zero coordinates") {
      Bytes zero(good.size(), 0);
      zero[0] = 0x04;
      CHECK_TLS_ERROR(share->derive(zero), AlertDescription::illegal_parameter,
                      what + "point is not on the curve");
    }
    SUBCASE("the point at infinity (SEC 1 encoding 0x00)") {
      CHECK_TLS_ERROR(share->derive(Bytes{0x00}), AlertDescription::illegal_parameter,
                      what + "point format 0x00");
    }
    SUBCASE("compressed encodings") {
      Bytes compressed(good.begin(), good.begin() + 1 + static_cast<std::ptrdiff_t>(field));
      compressed[0] = 0x02;
      CHECK_TLS_ERROR(share->derive(compressed), AlertDescription::illegal_parameter,
                      what + "point format 0x02");
      compressed[0] = 0x03;
      CHECK_TLS_ERROR(share->derive(compressed), AlertDescription::illegal_parameter,
                      what + "point format 0x03");
    }
    SUBCASE("hybrid encoding (0x06) of the right length") {
      Bytes hybrid = good;
      hybrid[0] = 0x06;
      CHECK_TLS_ERROR(share->derive(hybrid), AlertDescription::illegal_parameter,
                      what + "point format 0x06");
    }
    SUBCASE("wrong lengths") {
      const std::string expected = " bytes, expected " + std::to_string(good.size());
      CHECK_TLS_ERROR(share->derive(ByteView(good).first(good.size() - 1)),
                      AlertDescription::illegal_parameter,
                      what + std::to_string(good.size() - 1) + expected);
      Bytes longer = good;
      longer.push_back(0);
      CHECK_TLS_ERROR(share->derive(longer), AlertDescription::illegal_parameter,
                      what + std::to_string(good.size() + 1) + expected);
      CHECK_TLS_ERROR(share->derive(ByteView{}), AlertDescription::illegal_parameter,
                      what + "0" + expected);
    }
  }
}

// y^2 = x^3 - 3x + b (mod p), the curve equation of both (FIPS 186-4 Appendix D.1.2).
CryptoPP::Integer curve_rhs(const CurveConstants& c, const CryptoPP::Integer& x) {
  const CryptoPP::Integer p = integer(c.p);
  return (x * x * x - 3 * x + integer(c.b)) % p;
}

TEST_CASE("ECDH: a coordinate written as x + p is rejected although it satisfies the equation") {
  auto provider = make_default_provider();
  for (const CurveConstants& c : kCurves) {
    CAPTURE(group_name(c.curve));
    const CryptoPP::Integer p = integer(c.p);
    const std::size_t size = c.field_size;
    // The constants are right if G is on the curve.
    REQUIRE(curve_rhs(c, integer(c.gx)) == integer(c.gy) * integer(c.gy) % p);
    // The curve point with the smallest x: x + p still fits in the field size, since p is
    // close to 2^bits (2^bits - p > 2^128 for both curves).
    CryptoPP::Integer x = CryptoPP::Integer::Zero();
    while (CryptoPP::Jacobi(curve_rhs(c, x), p) != 1)
      ++x;
    const CryptoPP::Integer y = CryptoPP::ModularSquareRoot(curve_rhs(c, x), p);
    REQUIRE(x + p < CryptoPP::Integer::Power2(8 * size));
    const auto share = provider->key_share_from_private(c.curve, hex(rfc5903(c.curve).i));
    const Bytes yb = encode(y, size);
    // The point itself is valid...
    CHECK_NOTHROW(share->derive(uncompressed(to_hex(encode(x, size)), to_hex(yb))));
    // ...but the same residue class written as x + p is not a field element (SEC 1 §2.3.4).
    CHECK_TLS_ERROR(share->derive(uncompressed(to_hex(encode(x + p, size)), to_hex(yb))),
                    AlertDescription::illegal_parameter,
                    label(c.curve) + " peer public value: point is not on the curve");
  }
}

TEST_CASE("ECDH: a point of the other curve is rejected") {
  auto p = make_default_provider();
  const auto p256 =
      p->key_share_from_private(NamedGroup::secp256r1, hex(rfc5903(NamedGroup::secp256r1).i));
  const auto p384 =
      p->key_share_from_private(NamedGroup::secp384r1, hex(rfc5903(NamedGroup::secp384r1).i));
  CHECK_TLS_ERROR(p256->derive(p384->public_value()), AlertDescription::illegal_parameter,
                  "ECDH secp256r1 peer public value: 97 bytes, expected 65");
  CHECK_TLS_ERROR(p384->derive(p256->public_value()), AlertDescription::illegal_parameter,
                  "ECDH secp384r1 peer public value: 65 bytes, expected 97");
}

TEST_CASE("ECDH: generated shares agree") {
  auto p = make_default_provider();
  for (NamedGroup curve : {NamedGroup::secp256r1, NamedGroup::secp384r1}) {
    CAPTURE(group_name(curve));
    const auto a = p->generate_key_share(curve);
    const auto b = p->generate_key_share(curve);
    const std::size_t field = curve == NamedGroup::secp256r1 ? 32 : 48;
    CHECK(a->public_value().size() == 1 + 2 * field);
    CHECK(a->private_value().size() == field);
    CHECK(hex_of(a->public_value()) != hex_of(b->public_value()));
    const SecretBytes ab = a->derive(b->public_value());
    CHECK(ab.size() == field);
    CHECK(hex_of(ab) == hex_of(b->derive(a->public_value())));
    // Round trip through the private value.
    const auto a2 = p->key_share_from_private(curve, a->private_value());
    CHECK(hex_of(a2->public_value()) == hex_of(a->public_value()));
  }
}

TEST_CASE("ECDH: key generation rejection-samples the scalar from the RandomSource") {
  for (const Rfc5903Case& c : kRfc5903) {
    CAPTURE(group_name(c.curve));
    const std::size_t field = hex(c.i).size();
    // Zero, then n (the first value out of range at the top), then 2^bits - 1, are redrawn;
    // the fourth draw, RFC 5903's i, is used. The trailing byte must be left alone.
    Bytes script(field, 0x00);
    const Bytes n = hex(constants(c.curve).n);
    script.insert(script.end(), n.begin(), n.end());
    script.insert(script.end(), field, 0xff);
    const Bytes i = hex(c.i);
    script.insert(script.end(), i.begin(), i.end());
    script.push_back(0x5a);
    ScriptedRandom rng(script);
    const auto share = impl::generate_key_share(c.curve, rng);
    CHECK(rng.left() == 1);
    CHECK(hex_of(share->private_value()) == hex_of(i));
    CHECK(hex_of(share->public_value()) == hex_of(uncompressed(c.gix, c.giy)));
  }
}

}  // namespace
}  // namespace tlslab::crypto

// Finite-field DH over the RFC 7919 groups: the primes rebuilt from the formula of RFC 7919
// Appendix A (with e computed here from its series) and checked for primality and safety;
// known answers computed with Crypto++'s modular exponentiation; the peer-value range check of
// RFC 7919 §5.1; leading-zero stripping of the shared secret (RFC 5246 §8.1.2); exponent sizes
// (RFC 7919 §5.2) and key generation from the RandomSource.
#include <cryptopp/integer.h>
#include <cryptopp/nbtheory.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "../test_util.hpp"
#include "scripted_random.hpp"
#include "src/crypto/ffdhe_groups.hpp"
#include "src/crypto/impl.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/crypto/provider.hpp"

namespace tlslab::crypto {
namespace {

using CryptoPP::Integer;

using test::ScriptedRandom;

std::string hex_of(ByteView v) {
  return to_hex(v);
}

Integer integer(ByteView b) {
  return {b.data(), b.size()};
}

Bytes encode(const Integer& v, std::size_t size) {
  Bytes out(size);
  v.Encode(out.data(), out.size());
  return out;
}

Bytes minimal(const Integer& v) {
  return encode(v, v.MinEncodedSize());
}

struct Group {
  NamedGroup id;
  unsigned bits;                  // b
  unsigned long x;                // X, the smallest offset that makes p a safe prime
  std::size_t min_exponent_bits;  // RFC 7919 Appendix A short-exponent minimum
};

// RFC 7919 Appendix A.1 ... A.5.
const Group kGroups[] = {
    {NamedGroup::ffdhe2048, 2048, 560316, 225},   {NamedGroup::ffdhe3072, 3072, 2625351, 275},
    {NamedGroup::ffdhe4096, 4096, 5736041, 325},  {NamedGroup::ffdhe6144, 6144, 15705020, 375},
    {NamedGroup::ffdhe8192, 8192, 10965728, 400},
};

// floor(2^k * e), exactly: e = sum 1/j!, and floor(floor(a/m)/n) = floor(a/(mn)), so the j-th
// term below is exactly floor(2^(k+guard) / j!). The sum of those floors falls short of
// 2^(k+guard) * e by less than (number of terms + 2), which the guard bits absorb; the test
// checks that they do, so the result is exact rather than probably right.
Integer floor_e_times_power_of_two(unsigned k) {
  constexpr unsigned kGuard = 64;
  Integer sum;
  Integer term = Integer::Power2(k + kGuard);
  unsigned long terms = 0;
  for (unsigned long j = 1; !term.IsZero(); ++j) {
    sum += term;
    term /= Integer(static_cast<CryptoPP::word>(j));
    ++terms;
  }
  const Integer low_bits = sum % Integer::Power2(kGuard);
  REQUIRE_MESSAGE(
      low_bits + Integer(static_cast<CryptoPP::word>(terms + 2)) < Integer::Power2(kGuard),
      "guard bits too few to make floor(2^k e) exact");
  return sum >> kGuard;
}

Integer prime_of(NamedGroup g) {
  return integer(impl::ffdhe_prime(g));
}

TEST_CASE("FFDHE: the primes match RFC 7919 Appendix A's formula") {
  for (const Group& g : kGroups) {
    CAPTURE(group_name(g.id));
    // p = 2^b - 2^{b-64} + {[2^{b-130} e] + X} * 2^64 - 1
    const Integer expected =
        Integer::Power2(g.bits) - Integer::Power2(g.bits - 64) +
        (floor_e_times_power_of_two(g.bits - 130) + Integer(static_cast<CryptoPP::word>(g.x))) *
            Integer::Power2(64) -
        Integer::One();
    const ByteView stored = impl::ffdhe_prime(g.id);
    CHECK(stored.size() == g.bits / 8);
    CHECK(hex_of(stored) == hex_of(encode(expected, g.bits / 8)));
  }
}

TEST_CASE("FFDHE: p and (p-1)/2 are prime (safe primes)") {
  for (const Group& g : kGroups) {
    CAPTURE(group_name(g.id));
    const Integer p = prime_of(g.id);
    CHECK(p.BitCount() == g.bits);
    // Crypto++ IsPrime: trial division, a strong probable-prime test to base 3 and a strong
    // Lucas test (Baillie-PSW); no known composite passes it.
    CHECK(CryptoPP::IsPrime(p));
    CHECK(CryptoPP::IsPrime((p - Integer::One()) >> 1));
  }
}

TEST_CASE("FFDHE: known answers") {
  auto provider = make_default_provider();
  for (const Group& g : kGroups) {
    CAPTURE(group_name(g.id));
    const Integer p = prime_of(g.id);
    const std::size_t size = g.bits / 8;

    // x = 2: Y = g^2 = 4, left-padded to the size of p.
    const auto two = provider->key_share_from_private(g.id, Bytes{0x02});
    CHECK(two->group() == g.id);
    Bytes four(size, 0);
    four.back() = 4;
    CHECK(hex_of(two->public_value()) == hex_of(four));

    // x = 0x0102 against the peer value 2 (the generator): Z = 2^258, leading zeros stripped.
    const auto share = provider->key_share_from_private(g.id, Bytes{0x01, 0x02});
    const Integer z = a_exp_b_mod_c(Integer(2), Integer(0x0102), p);
    const SecretBytes shared = share->derive(Bytes{0x02});
    CHECK(shared.size() == 33);
    CHECK(hex_of(shared) == hex_of(minimal(z)));
    // A short (unpadded) peer value means the same number as the padded one.
    Bytes padded_two(size, 0);
    padded_two.back() = 2;
    CHECK(hex_of(share->derive(padded_two)) == hex_of(shared));

    // Y = g^x mod p for an exponent that wraps around p.
    const Bytes x = {0x0b, 0xad, 0xc0, 0xff, 0xee};
    const auto big = provider->key_share_from_private(g.id, x);
    CHECK(hex_of(big->public_value()) ==
          hex_of(encode(a_exp_b_mod_c(Integer(2), integer(x), p), size)));
    CHECK(hex_of(big->private_value()) == hex_of(x));
  }
}

TEST_CASE("FFDHE: generated shares agree") {
  auto provider = make_default_provider();
  for (const Group& g : kGroups) {
    CAPTURE(group_name(g.id));
    const auto a = provider->generate_key_share(g.id);
    const auto b = provider->generate_key_share(g.id);
    CHECK(a->public_value().size() == g.bits / 8);
    CHECK(hex_of(a->public_value()) != hex_of(b->public_value()));
    const SecretBytes ab = a->derive(b->public_value());
    CHECK(hex_of(ab) == hex_of(b->derive(a->public_value())));
    // Independently: Z = Y_b^x_a mod p.
    const Integer z =
        a_exp_b_mod_c(integer(b->public_value()), integer(a->private_value()), prime_of(g.id));
    CHECK(hex_of(ab) == hex_of(minimal(z)));
    const auto a2 = provider->key_share_from_private(g.id, a->private_value());
    CHECK(hex_of(a2->public_value()) == hex_of(a->public_value()));
  }
}

TEST_CASE("FFDHE: peer values outside 1 < Y < p-1 are rejected (RFC 7919 §5.1)") {
  auto provider = make_default_provider();
  for (const Group& g : kGroups) {
    CAPTURE(group_name(g.id));
    const std::string range_error =
        "DH " + std::string(group_name(g.id)) + " peer public value: not in range 1 < Y < p-1";
    const Integer p = prime_of(g.id);
    const std::size_t size = g.bits / 8;
    const auto share = provider->key_share_from_private(g.id, Bytes{0x01, 0x02});
    const Integer bad[] = {Integer::Zero(),    Integer::One(),
                           p - Integer::One(), p,
                           p + Integer::One(), Integer::Power2(g.bits) - Integer::One()};
    for (const Integer& y : bad) {
      CAPTURE(y);
      CHECK_TLS_ERROR(share->derive(encode(y, size)), AlertDescription::illegal_parameter,
                      range_error);
    }
    CHECK_TLS_ERROR(share->derive(Bytes{0x01}), AlertDescription::illegal_parameter, range_error);
    CHECK_TLS_ERROR(share->derive(ByteView{}), AlertDescription::illegal_parameter, range_error);
    // Longer than p, even when the extra byte is a leading zero in front of a valid value.
    CHECK_TLS_ERROR(share->derive(encode(Integer(2), size + 1)),
                    AlertDescription::illegal_parameter, range_error);
    // The bounds themselves are fine: Y = 2 and Y = p-2.
    CHECK_NOTHROW(share->derive(encode(Integer(2), size)));
    CHECK_NOTHROW(share->derive(encode(p - Integer(2), size)));
  }
}

TEST_CASE("FFDHE: leading zero bytes of Z are stripped (RFC 5246 §8.1.2)") {
  auto provider = make_default_provider();
  for (const Group& g : kGroups) {
    CAPTURE(group_name(g.id));
    const Integer p = prime_of(g.id);
    const std::size_t size = g.bits / 8;
    // A peer value with no visible structure: g^0xC0FFEE mod p.
    const auto peer = provider->key_share_from_private(g.id, Bytes{0xc0, 0xff, 0xee});
    const Integer y = integer(peer->public_value());
    // Walk small exponents until Y^x mod p is a byte or more shorter than p (about one in 256
    // does), and one where it is not.
    unsigned long stripped_x = 0, full_x = 0;
    for (unsigned long x = 2; x < 5000 && (stripped_x == 0 || full_x == 0); ++x) {
      const std::size_t len =
          a_exp_b_mod_c(y, Integer(static_cast<CryptoPP::word>(x)), p).MinEncodedSize();
      if (len < size && stripped_x == 0) stripped_x = x;
      if (len == size && full_x == 0) full_x = x;
    }
    REQUIRE(stripped_x != 0);
    REQUIRE(full_x != 0);
    CAPTURE(stripped_x);
    CAPTURE(full_x);
    for (unsigned long x : {stripped_x, full_x}) {
      const Bytes xb = {static_cast<std::uint8_t>(x >> 8), static_cast<std::uint8_t>(x)};
      const Integer z = a_exp_b_mod_c(y, Integer(static_cast<CryptoPP::word>(x)), p);
      const SecretBytes shared =
          provider->key_share_from_private(g.id, xb)->derive(peer->public_value());
      CHECK(shared.size() == (x == stripped_x ? z.MinEncodedSize() : size));
      CHECK(shared.front() != 0);
      CHECK(hex_of(shared) == hex_of(minimal(z)));
    }
  }
}

TEST_CASE("FFDHE: invalid private values are internal errors") {
  auto provider = make_default_provider();
  for (const Group& g : kGroups) {
    CAPTURE(group_name(g.id));
    const std::string what = "DH " + std::string(group_name(g.id)) + " private value: ";
    const std::string range = what + "exponent not in range 1 < x < p-1";
    const std::size_t size = g.bits / 8;
    const Integer p = prime_of(g.id);
    CHECK_TLS_ERROR(provider->key_share_from_private(g.id, Bytes{0x00}),
                    AlertDescription::internal_error, range);
    CHECK_TLS_ERROR(provider->key_share_from_private(g.id, Bytes(size, 0x00)),
                    AlertDescription::internal_error, range);
    CHECK_TLS_ERROR(provider->key_share_from_private(g.id, Bytes{0x01}),
                    AlertDescription::internal_error, range);
    CHECK_TLS_ERROR(provider->key_share_from_private(g.id, encode(p - Integer::One(), size)),
                    AlertDescription::internal_error, range);
    CHECK_TLS_ERROR(provider->key_share_from_private(g.id, ByteView{}),
                    AlertDescription::internal_error, what + "0 bytes");
    CHECK_TLS_ERROR(provider->key_share_from_private(g.id, Bytes(size + 1, 0x01)),
                    AlertDescription::internal_error, what + std::to_string(size + 1) + " bytes");
  }
  CHECK_TLS_ERROR(impl::make_ffdhe_share(NamedGroup::secp256r1, Bytes{0x02}),
                  AlertDescription::internal_error, "is not an ffdhe group");
  CHECK_TLS_ERROR(impl::ffdhe_prime(NamedGroup::x25519), AlertDescription::internal_error,
                  "is not an ffdhe group");
}

TEST_CASE("FFDHE: exponent sizes and key generation from the RandomSource (RFC 7919 §5.2)") {
  for (const Group& g : kGroups) {
    CAPTURE(group_name(g.id));
    const std::size_t bits = impl::ffdhe_exponent_bits(g.id);
    CHECK(bits >= g.min_exponent_bits);
    CHECK(bits % 8 == 0);
    CHECK(bits < g.bits);
    const std::size_t n = bits / 8;
    // 0 and 1 are redrawn; the third draw, 2, gives Y = 4. The trailing byte stays unused.
    Bytes script(n, 0x00);
    script.insert(script.end(), n - 1, 0x00);
    script.push_back(0x01);
    script.insert(script.end(), n - 1, 0x00);
    script.push_back(0x02);
    script.push_back(0x5a);
    ScriptedRandom rng(script);
    const auto share = impl::generate_key_share(g.id, rng);
    CHECK(rng.left() == 1);
    CHECK(share->private_value().size() == n);
    CHECK(integer(share->private_value()) == Integer(2));
    CHECK(integer(share->public_value()) == Integer(4));
  }
}

}  // namespace
}  // namespace tlslab::crypto

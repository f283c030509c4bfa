// Fresh ephemeral key shares: how each group's private value is drawn. Every random byte comes
// from the caller's RandomSource, so the deterministic provider's script decides the key.
#include <algorithm>
#include <string>

#include "ecdh_curves.hpp"
#include "ffdhe_groups.hpp"
#include "impl.hpp"
#include "tlslab/error.hpp"

namespace tlslab::crypto::impl {
namespace {

// Rejection sampling needs a bound for sources that never give a usable value (a scripted
// source of zeros); an honest source fails 64 times in a row with probability below 2^-2000.
constexpr int kMaxDraws = 64;

[[noreturn]] void give_up(NamedGroup group) {
  fail(AlertDescription::internal_error, "key share " + std::string(group_name(group)) +
                                             ": random source gave " + std::to_string(kMaxDraws) +
                                             " unusable private values in a row");
}

std::unique_ptr<KeyShare> generate_x25519(RandomSource& rng) {
  // RFC 7748 §6.1: the private key is 32 random bytes; clamping happens in the scalar
  // multiplication, so every value is usable.
  SecretBytes k(32);
  rng.fill(k);
  return make_x25519_share(k);
}

std::unique_ptr<KeyShare> generate_ecdh(NamedGroup curve, RandomSource& rng) {
  // A scalar uniform in [1, n-1] by rejection (FIPS 186-4 Appendix B.4.2, "testing
  // candidates"): draw as many bytes as the field has and retry when out of range. Reducing
  // mod n instead would bias the scalar; for P-256 and P-384 n is so close to 2^bits that a
  // retry almost never happens.
  SecretBytes d(ecdh_scalar_size(curve));
  for (int i = 0; i < kMaxDraws; ++i) {
    rng.fill(d);
    if (ecdh_scalar_in_range(curve, d)) return make_ecdh_share(curve, d);
  }
  give_up(curve);
}

std::unique_ptr<KeyShare> generate_ffdhe(NamedGroup group, RandomSource& rng) {
  // RFC 7919 §5.2: a short exponent of the size ffdhe_exponent_bits gives (Appendix A minimum
  // rounded up), which is well below p, so only 0 and 1 are unusable.
  SecretBytes x(ffdhe_exponent_bits(group) / 8);
  for (int i = 0; i < kMaxDraws; ++i) {
    rng.fill(x);
    const bool at_most_one =
        std::all_of(x.begin(), x.end() - 1, [](std::uint8_t b) { return b == 0; }) && x.back() <= 1;
    if (!at_most_one) return make_ffdhe_share(group, x);
  }
  give_up(group);
}

}  // namespace

std::unique_ptr<KeyShare> generate_key_share(NamedGroup group, RandomSource& rng) {
  switch (group) {
    case NamedGroup::x25519:
      return generate_x25519(rng);
    case NamedGroup::secp256r1:
    case NamedGroup::secp384r1:
      return generate_ecdh(group, rng);
    case NamedGroup::ffdhe2048:
    case NamedGroup::ffdhe3072:
    case NamedGroup::ffdhe4096:
    case NamedGroup::ffdhe6144:
    case NamedGroup::ffdhe8192:
      return generate_ffdhe(group, rng);
  }
  fail(AlertDescription::internal_error,
       "key share: unsupported group " + std::to_string(static_cast<unsigned>(group)));
}

}  // namespace tlslab::crypto::impl

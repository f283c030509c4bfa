// Internal: the RFC 7919 finite-field groups, shared by ffdhe.cpp, key generation
// (key_share.cpp) and the tests that check the primes against the RFC's formula.
#pragma once

#include <cstddef>

#include "tlslab/crypto/provider.hpp"

namespace tlslab::crypto::impl {

// The prime p of `group`, big-endian, without leading zeros (RFC 7919 Appendix A.1, A.2); the
// generator is 2 for both. internal_error for a group that is not ffdhe.
ByteView ffdhe_prime(NamedGroup group);
// The size of a fresh private exponent, in bits: at least what RFC 7919 §5.2 / Appendix A give
// as the short-exponent minimum for the group's strength.
std::size_t ffdhe_exponent_bits(NamedGroup group);

}  // namespace tlslab::crypto::impl

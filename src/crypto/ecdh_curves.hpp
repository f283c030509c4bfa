// Internal: what generate_key_share (key_share.cpp) needs to know about the ECDH curves to draw
// a private scalar by rejection sampling, without knowing Crypto++.
#pragma once

#include <cstddef>

#include "tlslab/crypto/provider.hpp"

namespace tlslab::crypto::impl {

// Bytes of a private scalar of `curve` (secp256r1: 32, secp384r1: 48); internal_error for a
// group that is not an ECDH curve.
std::size_t ecdh_scalar_size(NamedGroup curve);
// Whether the big-endian `scalar` lies in [1, n-1], n the order of the curve's base point.
bool ecdh_scalar_in_range(NamedGroup curve, ByteView scalar);

}  // namespace tlslab::crypto::impl

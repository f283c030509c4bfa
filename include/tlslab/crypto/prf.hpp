// The TLS 1.2 pseudo-random function (RFC 5246 §5): PRF(secret, label, seed) = P_<hash>(secret,
// label + seed), built on the provider's HMAC so every provider gets the same PRF.
#pragma once

#include <string_view>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/provider.hpp"

namespace tlslab::crypto {

// Fills `out` with PRF output. `hash` is SHA-256 for all suites except those that name SHA-384.
void tls12_prf(Provider& provider, HashAlgorithm hash, ByteView secret, std::string_view label,
               ByteView seed, MutableByteView out);

}  // namespace tlslab::crypto

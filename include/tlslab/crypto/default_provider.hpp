// The default provider: libsodium where it is the faster library (X25519, Ed25519,
// ChaCha20-Poly1305, randomness), Crypto++ for everything else.
#pragma once

#include <memory>

#include "tlslab/crypto/provider.hpp"

namespace tlslab::crypto {

std::unique_ptr<Provider> make_default_provider();

}  // namespace tlslab::crypto

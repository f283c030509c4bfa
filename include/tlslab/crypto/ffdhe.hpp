// The RFC 7919 finite-field groups as TLS 1.2 carries them in ServerKeyExchange (dh_p, dh_g):
// a client recognises the group from p.
#pragma once

#include <optional>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/algorithms.hpp"

namespace tlslab::crypto {

// p of ffdhe2048 ... ffdhe8192, big-endian (RFC 7919 Appendix A); the generator is 2.
ByteView ffdhe_prime(NamedGroup group);
// The group whose prime is `p` (leading zero bytes ignored) and whose generator is `g`.
std::optional<NamedGroup> ffdhe_group_of(ByteView p, ByteView g);

}  // namespace tlslab::crypto

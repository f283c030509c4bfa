// The constant-time half of CBC MAC-then-encrypt (cbc_constant_time.cpp), used by
// cbc_protection.cpp.
#pragma once

#include <cstdint>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/provider.hpp"

namespace tlslab::record::detail {

// Checks a decrypted GenericBlockCipher content (RFC 5246 §6.2.3.2: plaintext || MAC || padding
// || padding_length) without a branch or memory access that depends on the padding, and returns
// the plaintext length. On a bad padding or MAC it throws bad_record_mac with the one shared
// reason. `mac` is keyed with the MAC key and empty; `filler` is an empty hash of the MAC's
// algorithm, fed so that the total hashing work is the same for every padding length.
// Precondition (public, checked by the caller): decrypted.size() > the MAC size.
std::size_t verify_mac_then_encrypt(crypto::Mac& mac, crypto::HashContext& filler,
                                    std::uint64_t sequence_number, std::uint8_t type,
                                    std::uint16_t version, ByteView decrypted);

}  // namespace tlslab::record::detail

// The TLS 1.2 key schedule: master secret (RFC 5246 §8.1), extended master secret (RFC 7627
// §4), key block and its split into per-direction traffic keys (RFC 5246 §6.3), and Finished
// verify_data (RFC 5246 §7.4.9). All through the provider's PRF with the suite's PRF hash.
#pragma once

#include <array>
#include <string_view>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/provider.hpp"
#include "tlslab/record/protection.hpp"
#include "tlslab/registry.hpp"

namespace tlslab::handshake {

inline constexpr std::size_t kMasterSecretSize = 48;
using Random = std::array<std::uint8_t, 32>;

// PRF(pre_master_secret, "master secret", client_random + server_random)[0..47]
SecretBytes master_secret(crypto::Provider& p, crypto::HashAlgorithm prf_hash,
                          ByteView pre_master_secret, const Random& client_random,
                          const Random& server_random);

// PRF(pre_master_secret, "extended master secret", session_hash)[0..47], session_hash being the
// transcript hash up to and including ClientKeyExchange (RFC 7627 §4).
SecretBytes extended_master_secret(crypto::Provider& p, crypto::HashAlgorithm prf_hash,
                                   ByteView pre_master_secret, ByteView session_hash);

struct KeyBlock {
  record::TrafficKeys client_write;
  record::TrafficKeys server_write;
};

// PRF(master_secret, "key expansion", server_random + client_random), split in the order of
// RFC 5246 §6.3: client MAC key, server MAC key, client key, server key, client IV, server IV.
KeyBlock derive_key_block(crypto::Provider& p, const registry::CipherSuiteInfo& suite,
                          ByteView master_secret, const Random& client_random,
                          const Random& server_random);

enum class Sender { client, server };

// PRF(master_secret, "client finished" | "server finished", Hash(handshake_messages))[0..11]
std::array<std::uint8_t, 12> verify_data(crypto::Provider& p, crypto::HashAlgorithm prf_hash,
                                         ByteView master_secret, Sender sender,
                                         ByteView transcript_hash);

}  // namespace tlslab::handshake

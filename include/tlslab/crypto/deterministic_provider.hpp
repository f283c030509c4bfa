// A provider whose randomness and ephemeral private keys come from a script the caller gives, so
// that a handshake is byte-for-byte reproducible (golden transcripts, replay of our own side).
// All other operations are the default provider's.
#pragma once

#include <array>
#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <utility>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/provider.hpp"

namespace tlslab::crypto {

struct Script {
  // Bytes handed out by fill(), in order. When they run out, fill() continues with the
  // expansion stream below if a seed was given, or throws Error(internal_error,
  // "deterministic provider: script has no random bytes left").
  Bytes random;
  // Private values handed out by generate_key_share(), in order; each must name the group asked
  // for. When none is queued, a key is derived from the random stream (as fill()).
  std::deque<std::pair<NamedGroup, SecretBytes>> ephemeral_keys;
  // Optional: a 32-byte seed expanded with ChaCha20 (libsodium randombytes_buf_deterministic)
  // once `random` is used up. A zero seed gives the "zero RNG" style of golden tests.
  std::optional<std::array<std::uint8_t, 32>> seed;
};

std::unique_ptr<Provider> make_deterministic_provider(Script script);

}  // namespace tlslab::crypto

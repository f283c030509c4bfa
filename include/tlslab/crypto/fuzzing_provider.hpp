// A provider for fuzzing the handshake (ARCHITECTURE.md "crypto": "a fuzzing one whose checks are
// cheap so fuzzers reach deep states"). Never use it for anything but fuzzing and tests: its
// signatures and RSA encryption are not cryptography.
//
// What a handshake fuzzer needs is that a *recorded* peer flight replays byte for byte, so that
// every mutation starts from a point deep in the handshake rather than from the ClientHello. A
// flight replays when the role under test behaves exactly as it did when the flight was recorded,
// and the fuzzer can get past a check only by producing the bytes the check wants:
//
// - Randomness is a fixed stream (ChaCha20 of a seed built from `stream`, the deterministic
//   provider's expansion), restarted by every new provider. Client/server randoms, session IDs
//   and IVs are the same on every run.
// - Ephemeral keys are fixed: generate_key_share(g) always returns the same private value for a
//   given (stream, g), drawn with the real generator from a stream of its own. So our key share
//   is identical on every run and the premaster secret is reproducible from the recorded
//   transcript: a recorded Finished verifies again. The key exchange itself stays real (X25519,
//   ECDH, ffdhe through the default implementation), because validating the peer's public value
//   is attack surface we want fuzzed, and it is fast enough.
// - Hashes, HMAC, the PRF, AEAD and CBC are the real ones: they are fast, and the record MACs and
//   Finished must be real checks the fuzzer cannot bypass.
// - Signatures are cheap but still checked: a signature is the 32-byte
//     SHA-256("tlslab fuzzing signature" || key_id || scheme (u16) || message)
//   where key_id is SHA-256 of the public key's material. verify() accepts exactly that value (and
//   only for schemes the key type can make, as the real provider). A mutated signed message fails
//   unless the fuzzer also recomputes a SHA-256, which it cannot; an unmodified recorded flight
//   verifies. Real RSA-2048 signing costs milliseconds and ECDSA verification hundreds of
//   microseconds per execution, which would cap a fuzzer at a few hundred inputs per second.
// - RSA encryption (the RSA key exchange) is the identity on the RFC 8017 §7.2.1 encoded block
//   00 02 PS 00 M, of the modulus' length; decrypt_premaster() checks that encoding, the length
//   and client_version exactly as RFC 5246 §7.4.7.1 asks and substitutes the random premaster
//   otherwise, so every branch of the Bleichenbacher countermeasure is reachable.
//
// Keys are imported as real keys (the material is validated by the default implementation) and
// wrapped, so type(), bits() and material() are the real ones. Key generation is the real one
// (driven by the fixed stream), and slow for RSA: fuzz targets make their identities once.
// The wrapped keys do not refer to the provider that made them, so identities imported once can
// serve every fresh provider of a fuzz loop.
#pragma once

#include <cstdint>
#include <memory>

#include "tlslab/crypto/provider.hpp"

namespace tlslab::crypto {

// `stream` selects the random stream and the fixed ephemeral keys; give the two peers of a
// recorded handshake different streams so their randoms and key shares differ.
std::unique_ptr<Provider> make_fuzzing_provider(std::uint8_t stream = 0);

}  // namespace tlslab::crypto

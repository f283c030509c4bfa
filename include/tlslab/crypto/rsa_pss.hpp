// RSASSA-PSS verification with explicit parameters (RFC 8017 §8.1.2, §9.1.2), as X.509
// signatures carry them (RFC 4055 §3.1 RSASSA-PSS-params): any of SHA-1/224/256/384/512 for the
// message hash and, independently, for MGF1, and any salt length. TLS's rsa_pss_rsae_* schemes
// are the special case hash == MGF1 hash, salt length == digest length, which
// PublicKey::verify() already covers.
#pragma once

#include <cstddef>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/algorithms.hpp"
#include "tlslab/crypto/provider.hpp"

namespace tlslab::crypto {

// RFC 4055 §3.1: the defaults are SHA-1, MGF1 with SHA-1, a 20-byte salt, trailer field 1
// (0xBC, the only one RFC 8017 defines).
struct RsaPssParameters {
  HashAlgorithm hash = HashAlgorithm::sha1;
  HashAlgorithm mgf1_hash = HashAlgorithm::sha1;
  std::size_t salt_length = 20;
};

// Checks `signature` over `message` with the RSA key `key` (from any provider: its material()
// is used). Returns false for a bad signature, a non-RSA key, or parameters the key is too small
// for (emLen < hLen + sLen + 2, RFC 8017 §9.1.2 step 3).
bool verify_rsa_pss(const PublicKey& key, const RsaPssParameters& params, ByteView message,
                    ByteView signature);

}  // namespace tlslab::crypto

// Internal: lets Crypto++ draw randomness from a tlslab RandomSource, so a scripted source
// decides every protocol-visible random byte (PSS salts, PKCS#1 padding, keys) in
// deterministic runs.
#pragma once

#include <cryptopp/cryptlib.h>

#include "tlslab/crypto/provider.hpp"

namespace tlslab::crypto::impl {

class CryptoppRng final : public CryptoPP::RandomNumberGenerator {
 public:
  explicit CryptoppRng(RandomSource& source) noexcept : source_(source) {}
  void GenerateBlock(CryptoPP::byte* output, size_t size) override { source_.fill({output, size}); }
  std::string AlgorithmName() const override { return "tlslab::RandomSource"; }

 private:
  RandomSource& source_;
};

}  // namespace tlslab::crypto::impl

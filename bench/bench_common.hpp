// Shared pieces of the crypto benchmarks. Every primitive is measured twice, as
// "BM_<name>/provider" (through tlslab::crypto::Provider) and "BM_<name>/direct" (the same
// library call made by hand with the same setup), so the ratio is the cost of the provider
// layer: virtual calls, argument checks, allocations and the format conversions TLS needs.
#pragma once

#include <benchmark/benchmark.h>
#include <cryptopp/cryptlib.h>
#include <sodium.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/provider.hpp"

namespace tlslab::bench {

// The one provider all "provider" benchmarks use (made once; sodium_init happens there).
crypto::Provider& provider();

// Deterministic filler so that inputs do not depend on the run.
inline Bytes pattern(std::size_t n, std::uint8_t salt = 0) {
  Bytes out(n);
  for (std::size_t i = 0; i < n; ++i)
    out[i] = static_cast<std::uint8_t>(i * 131 + salt);
  return out;
}

// Crypto++ drawing from libsodium's randombytes_buf: the generator the default provider uses,
// so "direct" benchmarks pay for randomness exactly what the provider pays.
class SodiumRng final : public CryptoPP::RandomNumberGenerator {
 public:
  void GenerateBlock(CryptoPP::byte* output, size_t size) override {
    randombytes_buf(output, size);
  }
  std::string AlgorithmName() const override { return "libsodium randombytes_buf"; }
};

// With --benchmark_repetitions, also report the fastest repetition: on a shared machine other
// load only ever adds time, so the minimum is the steadiest figure to compare.
inline double fastest(const std::vector<double>& runs) {
  return runs.empty() ? 0.0 : *std::min_element(runs.begin(), runs.end());
}

// Registers "<name>/provider" and "<name>/direct".
template <class Provider, class Direct>
void register_pair(const std::string& name, Provider&& via_provider, Direct&& direct) {
  benchmark::RegisterBenchmark((name + "/provider").c_str(), std::forward<Provider>(via_provider))
      ->ComputeStatistics("min", fastest);
  benchmark::RegisterBenchmark((name + "/direct").c_str(), std::forward<Direct>(direct))
      ->ComputeStatistics("min", fastest);
}

void register_symmetric_benchmarks();
void register_public_key_benchmarks();

}  // namespace tlslab::bench

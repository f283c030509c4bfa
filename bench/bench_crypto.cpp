// Entry point of the crypto benchmarks (run with `meson test --benchmark` or directly, e.g.
// `bench/bench-crypto --benchmark_min_time=0.2`).
#include <benchmark/benchmark.h>

#include "bench_common.hpp"
#include "tlslab/crypto/default_provider.hpp"

namespace tlslab::bench {

crypto::Provider& provider() {
  static const auto instance = crypto::make_default_provider();
  return *instance;
}

}  // namespace tlslab::bench

int main(int argc, char** argv) {
  tlslab::bench::provider();  // sodium_init before any "direct" benchmark touches libsodium
  tlslab::bench::register_symmetric_benchmarks();
  tlslab::bench::register_public_key_benchmarks();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

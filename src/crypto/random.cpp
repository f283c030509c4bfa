// The system generator. libsodium's randombytes_buf (getrandom(2) underneath) is used rather
// than Crypto++'s AutoSeededRandomPool: it needs no per-instance state or locking and is
// thread-safe, so one instance serves every provider and every thread.
#include <sodium.h>

#include "impl.hpp"

namespace tlslab::crypto::impl {
namespace {

class SystemRandom final : public RandomSource {
 public:
  void fill(MutableByteView out) override {
    if (!out.empty()) randombytes_buf(out.data(), out.size());
  }
};

}  // namespace

RandomSource& system_random() noexcept {
  static SystemRandom instance;
  return instance;
}

}  // namespace tlslab::crypto::impl

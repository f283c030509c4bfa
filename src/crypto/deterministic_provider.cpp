#include "tlslab/crypto/deterministic_provider.hpp"

#include <sodium.h>

#include <algorithm>
#include <string>

#include "default_provider_base.hpp"
#include "impl.hpp"
#include "tlslab/error.hpp"

namespace tlslab::crypto {
namespace impl {
namespace {

class DeterministicProvider final : public ProviderBase {
 public:
  explicit DeterministicProvider(Script script) : script_(std::move(script)) {}
  DeterministicProvider(const DeterministicProvider&) = delete;
  DeterministicProvider& operator=(const DeterministicProvider&) = delete;
  ~DeterministicProvider() override {
    // The script may hold private keys and the seed of every "random" byte: wipe it all.
    secure_wipe(script_.random.data(), script_.random.size());
    if (script_.seed) secure_wipe(script_.seed->data(), script_.seed->size());
    secure_wipe(pool_.data(), pool_.size());
  }

  std::string_view name() const noexcept override { return "deterministic (scripted)"; }

  void fill(MutableByteView out) override {
    std::size_t done = 0;
    const std::size_t from_script = std::min(out.size(), script_.random.size() - used_);
    std::copy_n(script_.random.begin() + static_cast<std::ptrdiff_t>(used_), from_script,
                out.begin());
    used_ += from_script;
    done += from_script;
    if (done == out.size()) return;
    if (!script_.seed) {
      fail(AlertDescription::internal_error,
           "deterministic provider: script has no random bytes left (" +
               std::to_string(out.size() - done) + " more wanted)");
    }
    expand(out.subspan(done));
  }

  std::unique_ptr<KeyShare> generate_key_share(NamedGroup group) override {
    if (script_.ephemeral_keys.empty()) return ProviderBase::generate_key_share(group);
    auto [scripted_group, private_value] = std::move(script_.ephemeral_keys.front());
    script_.ephemeral_keys.pop_front();
    if (scripted_group != group) {
      fail(AlertDescription::internal_error, "deterministic provider: next scripted key is for " +
                                                 std::string(group_name(scripted_group)) +
                                                 ", asked for " + std::string(group_name(group)));
    }
    return key_share_from_private(group, private_value);
  }

 private:
  // ChaCha20 keystream of the seed (libsodium randombytes_buf_deterministic), continued across
  // calls by drawing whole blocks and keeping the unused tail.
  void expand(MutableByteView out) {
    std::size_t done = 0;
    while (done < out.size()) {
      if (pool_pos_ == pool_.size()) refill();
      const std::size_t n = std::min(out.size() - done, pool_.size() - pool_pos_);
      std::copy_n(pool_.begin() + static_cast<std::ptrdiff_t>(pool_pos_), n,
                  out.begin() + static_cast<std::ptrdiff_t>(done));
      pool_pos_ += n;
      done += n;
    }
  }
  void refill() {
    // Each block is derived from the seed with the block counter mixed into the seed, so the
    // stream does not depend on how callers split their requests.
    std::array<std::uint8_t, randombytes_SEEDBYTES> block_seed = *script_.seed;
    for (std::size_t i = 0; i < 8; ++i) {
      block_seed[i] ^= static_cast<std::uint8_t>(block_counter_ >> (8 * i));
    }
    randombytes_buf_deterministic(pool_.data(), pool_.size(), block_seed.data());
    secure_wipe(block_seed.data(), block_seed.size());
    ++block_counter_;
    pool_pos_ = 0;
  }

  Script script_;
  std::size_t used_ = 0;
  std::array<std::uint8_t, 256> pool_{};
  std::size_t pool_pos_ = pool_.size();
  std::uint64_t block_counter_ = 0;
};

}  // namespace
}  // namespace impl

std::unique_ptr<Provider> make_deterministic_provider(Script script) {
  return std::make_unique<impl::DeterministicProvider>(std::move(script));
}

}  // namespace tlslab::crypto

// A crypto::Provider decorator that forwards every call to another provider and adds up the CPU
// time spent inside it, so that a handshake's time splits into "cryptography" (everything behind
// the provider interface: hashing, HMAC/PRF, AEAD, key exchange, signatures, key import, random
// bytes) and "everything else" (record layer, message parsing and building, state machine,
// certificate parsing, path-validation logic, allocations).
//
// The objects the provider returns (hash contexts, MACs, ciphers, key shares, keys) are wrapped
// too, so their methods are timed as well. Calls nest (a signature draws random bytes from the
// provider it was given, which is this one); only the outermost call is timed, so nothing is
// counted twice. Time is the thread's CPU time (CLOCK_THREAD_CPUTIME_ID), so that other load on
// the machine does not inflate either side; each timed call costs two clock reads (well under a
// microsecond), which are counted as cryptography; `calls` says how many there were.
#pragma once

#include <time.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>

#include "tlslab/crypto/provider.hpp"

namespace tlslab::bench {

// The calling thread's CPU time.
inline std::chrono::nanoseconds thread_cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec);
}

struct CryptoClock {
  std::chrono::nanoseconds spent{0};
  std::uint64_t calls = 0;
  int depth = 0;
};

// Times the enclosing scope into `clock` unless it is nested in another timed call.
class TimedCall {
 public:
  explicit TimedCall(CryptoClock& clock) : clock_(clock) {
    if (clock_.depth++ == 0) {
      ++clock_.calls;
      start_ = thread_cpu_now();
    }
  }
  ~TimedCall() {
    if (--clock_.depth == 0) clock_.spent += thread_cpu_now() - start_;
  }
  TimedCall(const TimedCall&) = delete;
  TimedCall& operator=(const TimedCall&) = delete;

 private:
  CryptoClock& clock_;
  std::chrono::nanoseconds start_{0};
};

namespace timing_detail {

using namespace tlslab::crypto;

// Hashes and MACs share update/finish/algorithm: one decorator for both, the hash adding clone.
template <class Interface>
class TimedDigest : public Interface {
 public:
  TimedDigest(std::unique_ptr<Interface> inner, CryptoClock& c) : inner_(std::move(inner)), c_(c) {}
  HashAlgorithm algorithm() const noexcept override { return inner_->algorithm(); }
  void update(ByteView data) override {
    TimedCall t(c_);
    inner_->update(data);
  }
  Digest finish() override {
    TimedCall t(c_);
    return inner_->finish();
  }

 protected:
  std::unique_ptr<Interface> inner_;
  CryptoClock& c_;
};

class TimedHash final : public TimedDigest<HashContext> {
 public:
  using TimedDigest::TimedDigest;
  std::unique_ptr<HashContext> clone() const override {
    TimedCall t(c_);
    return std::make_unique<TimedHash>(inner_->clone(), c_);
  }
};

using TimedMac = TimedDigest<Mac>;

class TimedAead final : public Aead {
 public:
  TimedAead(std::unique_ptr<Aead> inner, CryptoClock& c) : inner_(std::move(inner)), c_(c) {}
  AeadAlgorithm algorithm() const noexcept override { return inner_->algorithm(); }
  void seal(ByteView nonce, ByteView aad, MutableByteView in_out, MutableByteView tag) override {
    TimedCall t(c_);
    inner_->seal(nonce, aad, in_out, tag);
  }
  bool open(ByteView nonce, ByteView aad, MutableByteView in_out, ByteView tag) override {
    TimedCall t(c_);
    return inner_->open(nonce, aad, in_out, tag);
  }

 private:
  std::unique_ptr<Aead> inner_;
  CryptoClock& c_;
};

class TimedCbc final : public CbcCipher {
 public:
  TimedCbc(std::unique_ptr<CbcCipher> inner, CryptoClock& c) : inner_(std::move(inner)), c_(c) {}
  CbcAlgorithm algorithm() const noexcept override { return inner_->algorithm(); }
  void encrypt(ByteView iv, MutableByteView in_out) override {
    TimedCall t(c_);
    inner_->encrypt(iv, in_out);
  }
  void decrypt(ByteView iv, MutableByteView in_out) override {
    TimedCall t(c_);
    inner_->decrypt(iv, in_out);
  }

 private:
  std::unique_ptr<CbcCipher> inner_;
  CryptoClock& c_;
};

class TimedKeyShare final : public KeyShare {
 public:
  TimedKeyShare(std::unique_ptr<KeyShare> inner, CryptoClock& c)
      : inner_(std::move(inner)), c_(c) {}
  NamedGroup group() const noexcept override { return inner_->group(); }
  ByteView public_value() const noexcept override { return inner_->public_value(); }
  SecretBytes private_value() const override {
    TimedCall t(c_);
    return inner_->private_value();
  }
  SecretBytes derive(ByteView peer_public) const override {
    TimedCall t(c_);
    return inner_->derive(peer_public);
  }

 private:
  std::unique_ptr<KeyShare> inner_;
  CryptoClock& c_;
};

class TimedPublicKey final : public PublicKey {
 public:
  TimedPublicKey(std::shared_ptr<const PublicKey> inner, CryptoClock& c)
      : inner_(std::move(inner)), c_(c) {}
  KeyType type() const noexcept override { return inner_->type(); }
  std::size_t bits() const noexcept override { return inner_->bits(); }
  PublicKeyMaterial material() const override {
    TimedCall t(c_);
    return inner_->material();
  }
  bool verify(SignatureScheme scheme, ByteView message, ByteView signature) const override {
    TimedCall t(c_);
    return inner_->verify(scheme, message, signature);
  }
  Bytes encrypt_pkcs1(ByteView plaintext, RandomSource& rng) const override {
    TimedCall t(c_);
    return inner_->encrypt_pkcs1(plaintext, rng);
  }

 private:
  std::shared_ptr<const PublicKey> inner_;
  CryptoClock& c_;
};

class TimedPrivateKey final : public PrivateKey {
 public:
  TimedPrivateKey(std::shared_ptr<const PrivateKey> inner, CryptoClock& c)
      : inner_(std::move(inner)),
        public_(std::shared_ptr<const PublicKey>(inner_, &inner_->public_key()), c),
        c_(c) {}
  KeyType type() const noexcept override { return inner_->type(); }
  std::size_t bits() const noexcept override { return inner_->bits(); }
  const PublicKey& public_key() const noexcept override { return public_; }
  PrivateKeyMaterial material() const override {
    TimedCall t(c_);
    return inner_->material();
  }
  Bytes sign(SignatureScheme scheme, ByteView message, RandomSource& rng) const override {
    TimedCall t(c_);
    return inner_->sign(scheme, message, rng);
  }
  void decrypt_premaster(ByteView encrypted, std::uint16_t client_version,
                         std::span<std::uint8_t, 48> premaster, RandomSource& rng) const override {
    TimedCall t(c_);
    inner_->decrypt_premaster(encrypted, client_version, premaster, rng);
  }

 private:
  std::shared_ptr<const PrivateKey> inner_;
  TimedPublicKey public_;
  CryptoClock& c_;
};

}  // namespace timing_detail

class TimingProvider final : public crypto::Provider {
 public:
  TimingProvider(std::shared_ptr<crypto::Provider> inner, CryptoClock& clock)
      : inner_(std::move(inner)), c_(clock) {}

  std::string_view name() const noexcept override { return "timing decorator"; }

  void fill(MutableByteView out) override {
    TimedCall t(c_);
    inner_->fill(out);
  }
  std::unique_ptr<crypto::HashContext> hash(crypto::HashAlgorithm h) override {
    TimedCall t(c_);
    return std::make_unique<timing_detail::TimedHash>(inner_->hash(h), c_);
  }
  std::unique_ptr<crypto::Mac> hmac(crypto::HashAlgorithm h, ByteView key) override {
    TimedCall t(c_);
    return std::make_unique<timing_detail::TimedMac>(inner_->hmac(h, key), c_);
  }
  using Provider::hash;
  using Provider::hmac;
  std::unique_ptr<crypto::Aead> aead(crypto::AeadAlgorithm a, ByteView key) override {
    TimedCall t(c_);
    return std::make_unique<timing_detail::TimedAead>(inner_->aead(a, key), c_);
  }
  std::unique_ptr<crypto::CbcCipher> cbc(crypto::CbcAlgorithm c, ByteView key) override {
    TimedCall t(c_);
    return std::make_unique<timing_detail::TimedCbc>(inner_->cbc(c, key), c_);
  }
  std::unique_ptr<crypto::KeyShare> generate_key_share(crypto::NamedGroup group) override {
    TimedCall t(c_);
    return std::make_unique<timing_detail::TimedKeyShare>(inner_->generate_key_share(group), c_);
  }
  std::unique_ptr<crypto::KeyShare> key_share_from_private(crypto::NamedGroup group,
                                                           ByteView private_value) override {
    TimedCall t(c_);
    return std::make_unique<timing_detail::TimedKeyShare>(
        inner_->key_share_from_private(group, private_value), c_);
  }
  std::shared_ptr<const crypto::PublicKey> import_public_key(
      const crypto::PublicKeyMaterial& m) override {
    TimedCall t(c_);
    return std::make_shared<timing_detail::TimedPublicKey>(inner_->import_public_key(m), c_);
  }
  std::shared_ptr<const crypto::PrivateKey> import_private_key(
      const crypto::PrivateKeyMaterial& m) override {
    TimedCall t(c_);
    return std::make_shared<timing_detail::TimedPrivateKey>(inner_->import_private_key(m), c_);
  }
  std::shared_ptr<const crypto::PrivateKey> generate_private_key(crypto::KeyType type,
                                                                 std::size_t rsa_bits) override {
    TimedCall t(c_);
    return std::make_shared<timing_detail::TimedPrivateKey>(
        inner_->generate_private_key(type, rsa_bits), c_);
  }

 private:
  std::shared_ptr<crypto::Provider> inner_;
  CryptoClock& c_;
};

}  // namespace tlslab::bench

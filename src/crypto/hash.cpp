// Hashes and HMAC (FIPS 180-4, RFC 2104) from Crypto++. libsodium has only SHA-256/512 and their
// HMACs (no SHA-1, SHA-224, SHA-384), in portable C, while Crypto++ uses the x86 SHA extensions
// where present: SHA-256 of 1 KiB measured about 7x faster with Crypto++ on a SHA-NI machine,
// SHA-512 on par. So Crypto++ is both the complete and the faster choice.
#include <cryptopp/hmac.h>
#include <cryptopp/sha.h>

#include <string>

#include "impl.hpp"
#include "tlslab/error.hpp"

namespace tlslab::crypto::impl {
namespace {

template <class H>
Digest finish_into(CryptoPP::HashTransformation& h) {
  static_assert(H::DIGESTSIZE <= Digest{}.bytes.size());
  Digest d;
  // Final() writes the digest and restarts the object, which is the reset finish() promises.
  h.Final(d.bytes.data());
  d.size = H::DIGESTSIZE;
  return d;
}

template <class H>
class CryptoppHash final : public HashContext {
 public:
  explicit CryptoppHash(HashAlgorithm algorithm) noexcept : algorithm_(algorithm) {}

  HashAlgorithm algorithm() const noexcept override { return algorithm_; }
  void update(ByteView data) override { hash_.Update(data.data(), data.size()); }
  Digest finish() override { return finish_into<H>(hash_); }
  // Crypto++ hash objects are plain values (state and buffered input in fixed arrays), so the
  // copy constructor forks the running state; the transcript hash relies on this.
  std::unique_ptr<HashContext> clone() const override {
    return std::make_unique<CryptoppHash>(*this);
  }

 private:
  HashAlgorithm algorithm_;
  H hash_;
};

// An empty key is legal for HMAC; hand Crypto++ a valid pointer anyway (it memcpy()s it).
const CryptoPP::byte* key_pointer(ByteView key) noexcept {
  static constexpr CryptoPP::byte kNoKey = 0;
  return key.empty() ? &kNoKey : key.data();
}

template <class H>
class CryptoppHmac final : public Mac {
 public:
  // HMAC<H> hashes keys longer than the block size and pads shorter ones (RFC 2104 §2); the
  // padded key lives in a SecByteBlock that wipes itself.
  CryptoppHmac(HashAlgorithm algorithm, ByteView key)
      : algorithm_(algorithm), hmac_(key_pointer(key), key.size()) {}

  HashAlgorithm algorithm() const noexcept override { return algorithm_; }
  void update(ByteView data) override { hmac_.Update(data.data(), data.size()); }
  // HMAC_Base::Final re-arms the inner hash with the stored key pad, so the object stays keyed
  // for the next message without running the key schedule again.
  Digest finish() override { return finish_into<H>(hmac_); }

 private:
  HashAlgorithm algorithm_;
  CryptoPP::HMAC<H> hmac_;
};

[[noreturn]] void unknown_hash(HashAlgorithm h) {
  fail(AlertDescription::internal_error,
       "hash: unknown algorithm " + std::to_string(static_cast<unsigned>(h)));
}

}  // namespace

std::unique_ptr<HashContext> make_hash(HashAlgorithm h) {
  switch (h) {
    case HashAlgorithm::sha1:
      return std::make_unique<CryptoppHash<CryptoPP::SHA1>>(h);
    case HashAlgorithm::sha224:
      return std::make_unique<CryptoppHash<CryptoPP::SHA224>>(h);
    case HashAlgorithm::sha256:
      return std::make_unique<CryptoppHash<CryptoPP::SHA256>>(h);
    case HashAlgorithm::sha384:
      return std::make_unique<CryptoppHash<CryptoPP::SHA384>>(h);
    case HashAlgorithm::sha512:
      return std::make_unique<CryptoppHash<CryptoPP::SHA512>>(h);
  }
  unknown_hash(h);
}

std::unique_ptr<Mac> make_hmac(HashAlgorithm h, ByteView key) {
  switch (h) {
    case HashAlgorithm::sha1:
      return std::make_unique<CryptoppHmac<CryptoPP::SHA1>>(h, key);
    case HashAlgorithm::sha224:
      return std::make_unique<CryptoppHmac<CryptoPP::SHA224>>(h, key);
    case HashAlgorithm::sha256:
      return std::make_unique<CryptoppHmac<CryptoPP::SHA256>>(h, key);
    case HashAlgorithm::sha384:
      return std::make_unique<CryptoppHmac<CryptoPP::SHA384>>(h, key);
    case HashAlgorithm::sha512:
      return std::make_unique<CryptoppHmac<CryptoPP::SHA512>>(h, key);
  }
  unknown_hash(h);
}

}  // namespace tlslab::crypto::impl

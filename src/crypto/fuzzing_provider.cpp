// The fuzzing provider: fixed randomness and ephemeral keys, real symmetric crypto and key
// exchange, keyed-hash "signatures" and an identity "RSA encryption". The header says why.
#include "tlslab/crypto/fuzzing_provider.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <variant>

#include "default_provider_base.hpp"
#include "impl.hpp"
#include "tlslab/crypto/deterministic_provider.hpp"
#include "tlslab/error.hpp"

namespace tlslab::crypto {
namespace impl {
namespace {

constexpr std::size_t kSignatureSize = 32;
constexpr std::size_t kPremasterSize = 48;

// A seed for the deterministic provider's ChaCha20 expansion: one per (stream, purpose), so the
// random stream and each group's ephemeral key are independent of how much the other is used.
std::unique_ptr<Provider> fixed_stream(std::uint8_t stream, std::uint8_t purpose,
                                       std::uint16_t group) {
  Script script;
  std::array<std::uint8_t, 32> seed{};
  const std::string_view label = "tlslab fuzzing provider";
  std::copy(label.begin(), label.end(), seed.begin());
  seed[28] = static_cast<std::uint8_t>(group >> 8);
  seed[29] = static_cast<std::uint8_t>(group);
  seed[30] = stream;
  seed[31] = purpose;
  script.seed = seed;
  return make_deterministic_provider(std::move(script));
}

void put_field(Bytes& out, ByteView field) {
  // Length-prefixed so that (n, e) = (ab, c) and (a, bc) give different identifiers.
  const auto n = static_cast<std::uint32_t>(field.size());
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<std::uint8_t>(n >> shift));
  out.insert(out.end(), field.begin(), field.end());
}

// SHA-256 over the public material: what the fake signatures are keyed with.
Digest key_id(const PublicKeyMaterial& m) {
  Bytes encoded;
  if (const auto* rsa = std::get_if<RsaPublicMaterial>(&m)) {
    encoded.push_back(1);
    put_field(encoded, rsa->n);
    put_field(encoded, rsa->e);
  } else if (const auto* ec = std::get_if<EcPublicMaterial>(&m)) {
    encoded.push_back(2);
    encoded.push_back(static_cast<std::uint8_t>(static_cast<std::uint16_t>(ec->curve) >> 8));
    encoded.push_back(static_cast<std::uint8_t>(ec->curve));
    put_field(encoded, ec->point);
  } else {
    encoded.push_back(3);
    put_field(encoded, std::get<Ed25519PublicMaterial>(m).key);
  }
  auto h = make_hash(HashAlgorithm::sha256);
  h->update(encoded);
  return h->finish();
}

Digest fake_signature(const Digest& id, SignatureScheme scheme, ByteView message) {
  auto h = make_hash(HashAlgorithm::sha256);
  const std::string_view label = "tlslab fuzzing signature";
  h->update({reinterpret_cast<const std::uint8_t*>(label.data()), label.size()});
  h->update(id.view());
  const auto code = static_cast<std::uint16_t>(scheme);
  const std::array<std::uint8_t, 2> scheme_bytes{static_cast<std::uint8_t>(code >> 8),
                                                 static_cast<std::uint8_t>(code)};
  h->update(scheme_bytes);
  h->update(message);
  return h->finish();
}

class FuzzingPublicKey final : public PublicKey {
 public:
  explicit FuzzingPublicKey(std::shared_ptr<const PublicKey> real)
      : real_(std::move(real)), id_(key_id(real_->material())) {}

  KeyType type() const noexcept override { return real_->type(); }
  std::size_t bits() const noexcept override { return real_->bits(); }
  PublicKeyMaterial material() const override { return real_->material(); }
  const Digest& id() const noexcept { return id_; }

  bool verify(SignatureScheme scheme, ByteView message, ByteView signature) const override {
    if (!key_supports(type(), scheme) || signature.size() != kSignatureSize) return false;
    const Digest expected = fake_signature(id_, scheme, message);
    return equal_constant_time(signature, expected.view());
  }

  Bytes encrypt_pkcs1(ByteView plaintext, RandomSource& rng) const override {
    if (type() != KeyType::rsa) {
      fail(AlertDescription::internal_error, "fuzzing provider: encrypt_pkcs1 needs an RSA key");
    }
    // RFC 8017 §7.2.1 step 2: EM = 0x00 || 0x02 || PS || 0x00 || M, PS at least 8 nonzero bytes.
    const std::size_t k = (bits() + 7) / 8;
    if (plaintext.size() + 11 > k) {
      fail(AlertDescription::internal_error, "fuzzing provider: encrypt_pkcs1 message too long");
    }
    Bytes em(k);
    em[1] = 2;
    const std::size_t ps_end = k - plaintext.size() - 1;
    for (std::size_t i = 2; i < ps_end; ++i) {
      do {
        rng.fill(MutableByteView(&em[i], 1));
      } while (em[i] == 0);
    }
    std::copy(plaintext.begin(), plaintext.end(),
              em.begin() + static_cast<std::ptrdiff_t>(k) -
                  static_cast<std::ptrdiff_t>(plaintext.size()));
    return em;  // the "ciphertext" is the encoded block itself
  }

 private:
  std::shared_ptr<const PublicKey> real_;
  Digest id_;
};

class FuzzingPrivateKey final : public PrivateKey {
 public:
  explicit FuzzingPrivateKey(std::shared_ptr<const PrivateKey> real)
      : real_(std::move(real)),
        // The real public key, shared with (and kept alive by) the real private key.
        public_(std::make_shared<FuzzingPublicKey>(
            std::shared_ptr<const PublicKey>(real_, &real_->public_key()))) {}

  KeyType type() const noexcept override { return real_->type(); }
  std::size_t bits() const noexcept override { return real_->bits(); }
  const PublicKey& public_key() const noexcept override { return *public_; }
  PrivateKeyMaterial material() const override { return real_->material(); }

  Bytes sign(SignatureScheme scheme, ByteView message, RandomSource& /*rng*/) const override {
    if (!key_supports(type(), scheme)) {
      fail(AlertDescription::internal_error,
           "fuzzing provider: a " + std::string(key_type_name(type())) + " key cannot sign with " +
               std::string(signature_scheme_name(scheme)));
    }
    const Digest s = fake_signature(public_->id(), scheme, message);
    return Bytes(s.bytes.begin(), s.bytes.begin() + static_cast<std::ptrdiff_t>(s.size));
  }

  void decrypt_premaster(ByteView encrypted, std::uint16_t client_version,
                         std::span<std::uint8_t, 48> premaster, RandomSource& rng) const override {
    if (type() != KeyType::rsa) {
      fail(AlertDescription::internal_error,
           "fuzzing provider: decrypt_premaster needs an RSA key");
    }
    // RFC 5246 §7.4.7.1: the substitute is drawn before looking at the ciphertext, and any
    // defect (length, padding, version) silently selects it.
    std::array<std::uint8_t, kPremasterSize> substitute{};
    rng.fill(substitute);
    const std::size_t k = (bits() + 7) / 8;
    bool good = encrypted.size() == k && k >= kPremasterSize + 11;
    if (good) {
      const std::size_t m = k - kPremasterSize;
      good = encrypted[0] == 0 && encrypted[1] == 2 && encrypted[m - 1] == 0 &&
             std::none_of(encrypted.begin() + 2,
                          encrypted.begin() + static_cast<std::ptrdiff_t>(m) - 1,
                          [](std::uint8_t b) { return b == 0; }) &&
             encrypted[m] == static_cast<std::uint8_t>(client_version >> 8) &&
             encrypted[m + 1] == static_cast<std::uint8_t>(client_version);
    }
    for (std::size_t i = 0; i < kPremasterSize; ++i) {
      premaster[i] = good ? encrypted[k - kPremasterSize + i] : substitute[i];
    }
    secure_wipe(substitute.data(), substitute.size());
  }

 private:
  std::shared_ptr<const PrivateKey> real_;
  std::shared_ptr<const FuzzingPublicKey> public_;
};

class FuzzingProvider final : public ProviderBase {
 public:
  explicit FuzzingProvider(std::uint8_t stream)
      : stream_(stream), random_(fixed_stream(stream, 0, 0)) {}

  std::string_view name() const noexcept override {
    return "fuzzing (fixed randomness, fake signatures)";
  }

  void fill(MutableByteView out) override { random_->fill(out); }

  std::unique_ptr<KeyShare> generate_key_share(NamedGroup group) override {
    // The same private value every time for this (stream, group): drawn by the real generator
    // from a stream that restarts on each call.
    auto rng = fixed_stream(stream_, 1, static_cast<std::uint16_t>(group));
    return impl::generate_key_share(group, *rng);
  }

  std::shared_ptr<const PublicKey> import_public_key(const PublicKeyMaterial& m) override {
    return std::make_shared<FuzzingPublicKey>(ProviderBase::import_public_key(m));
  }
  std::shared_ptr<const PrivateKey> import_private_key(const PrivateKeyMaterial& m) override {
    return std::make_shared<FuzzingPrivateKey>(ProviderBase::import_private_key(m));
  }
  std::shared_ptr<const PrivateKey> generate_private_key(KeyType type,
                                                         std::size_t rsa_bits) override {
    return std::make_shared<FuzzingPrivateKey>(ProviderBase::generate_private_key(type, rsa_bits));
  }

 private:
  std::uint8_t stream_;
  std::unique_ptr<Provider> random_;
};

}  // namespace
}  // namespace impl

std::unique_ptr<Provider> make_fuzzing_provider(std::uint8_t stream) {
  return std::make_unique<impl::FuzzingProvider>(stream);
}

}  // namespace tlslab::crypto

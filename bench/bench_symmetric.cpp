// Hashes, HMAC, the TLS 1.2 PRF and record ciphers: provider vs. direct library calls.
#include <cryptopp/aes.h>
#include <cryptopp/gcm.h>
#include <cryptopp/hmac.h>
#include <cryptopp/modes.h>
#include <cryptopp/sha.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "bench_common.hpp"
#include "tlslab/crypto/prf.hpp"

namespace tlslab::bench {
namespace {

using crypto::AeadAlgorithm;
using crypto::CbcAlgorithm;
using crypto::HashAlgorithm;

constexpr std::size_t kRecord = 16 * 1024;  // a full TLS record (RFC 5246 §6.2.1: 2^14)

void set_bytes(benchmark::State& state, std::size_t per_iteration) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(per_iteration));
}

// --- SHA-256, one shot (a fresh context per message on both sides) ---

void register_sha256(const char* name, std::size_t size) {
  register_pair(
      name,
      [size](benchmark::State& state) {
        const Bytes data = pattern(size);
        for (auto _ : state) {
          const crypto::Digest d = provider().hash(HashAlgorithm::sha256, data);
          benchmark::DoNotOptimize(d);
        }
        set_bytes(state, size);
      },
      [size](benchmark::State& state) {
        const Bytes data = pattern(size);
        std::array<CryptoPP::byte, CryptoPP::SHA256::DIGESTSIZE> d{};
        for (auto _ : state) {
          CryptoPP::SHA256().CalculateDigest(d.data(), data.data(), data.size());
          benchmark::DoNotOptimize(d);
        }
        set_bytes(state, size);
      });
}

// --- HMAC-SHA-256 of 1 KiB with a key set once (as the CBC record MAC uses it) ---

void register_hmac() {
  constexpr std::size_t kSize = 1024;
  register_pair(
      "BM_HmacSha256_1K",
      [](benchmark::State& state) {
        const Bytes key = pattern(32, 7);
        const Bytes data = pattern(kSize);
        const auto mac = provider().hmac(HashAlgorithm::sha256, key);
        for (auto _ : state) {
          mac->update(data);
          const crypto::Digest d = mac->finish();
          benchmark::DoNotOptimize(d);
        }
        set_bytes(state, kSize);
      },
      [](benchmark::State& state) {
        const Bytes key = pattern(32, 7);
        const Bytes data = pattern(kSize);
        CryptoPP::HMAC<CryptoPP::SHA256> mac(key.data(), key.size());
        std::array<CryptoPP::byte, CryptoPP::SHA256::DIGESTSIZE> d{};
        for (auto _ : state) {
          mac.Update(data.data(), data.size());
          mac.Final(d.data());
          benchmark::DoNotOptimize(d);
        }
        set_bytes(state, kSize);
      });
}

// --- TLS 1.2 PRF: the 48-byte master secret from a 48-byte premaster and the two randoms ---

// P_SHA256 (RFC 5246 §5) straight on Crypto++'s HMAC, one keyed object per call as tls12_prf
// does; neither Crypto++ nor libsodium has the TLS PRF itself.
void direct_prf_sha256(const Bytes& secret, std::string_view label, const Bytes& seed,
                       MutableByteView out) {
  CryptoPP::HMAC<CryptoPP::SHA256> mac(secret.data(), secret.size());
  const auto* label_bytes = reinterpret_cast<const CryptoPP::byte*>(label.data());
  std::array<CryptoPP::byte, CryptoPP::SHA256::DIGESTSIZE> a{};
  std::array<CryptoPP::byte, CryptoPP::SHA256::DIGESTSIZE> block{};
  mac.Update(label_bytes, label.size());
  mac.Update(seed.data(), seed.size());
  mac.Final(a.data());
  std::size_t done = 0;
  while (true) {
    mac.Update(a.data(), a.size());
    mac.Update(label_bytes, label.size());
    mac.Update(seed.data(), seed.size());
    mac.Final(block.data());
    const std::size_t n = std::min(block.size(), out.size() - done);
    std::copy_n(block.begin(), n, out.begin() + static_cast<std::ptrdiff_t>(done));
    done += n;
    if (done == out.size()) break;
    mac.Update(a.data(), a.size());
    mac.Final(a.data());
  }
  secure_wipe(a.data(), a.size());
  secure_wipe(block.data(), block.size());
}

void register_prf() {
  register_pair(
      "BM_Tls12Prf_MasterSecret",
      [](benchmark::State& state) {
        const Bytes premaster = pattern(48, 1);
        const Bytes randoms = pattern(64, 2);
        std::array<std::uint8_t, 48> master{};
        for (auto _ : state) {
          crypto::tls12_prf(provider(), HashAlgorithm::sha256, premaster, "master secret", randoms,
                            master);
          benchmark::DoNotOptimize(master);
        }
      },
      [](benchmark::State& state) {
        const Bytes premaster = pattern(48, 1);
        const Bytes randoms = pattern(64, 2);
        std::array<std::uint8_t, 48> master{};
        for (auto _ : state) {
          direct_prf_sha256(premaster, "master secret", randoms, master);
          benchmark::DoNotOptimize(master);
        }
      });
}

// --- AEAD seal of a 16 KiB record in place, key set once, 13-byte TLS 1.2 AAD ---

// The provider side is the same for every AEAD: only the algorithm (and its key size) differs.
auto provider_aead_seal(AeadAlgorithm algorithm) {
  return [algorithm](benchmark::State& state) {
    const auto aead = provider().aead(algorithm, pattern(crypto::aead_key_size(algorithm), 3));
    const Bytes nonce = pattern(crypto::kAeadNonceSize, 4);
    const Bytes aad = pattern(13, 5);
    Bytes record = pattern(kRecord);
    std::array<std::uint8_t, crypto::kAeadTagSize> tag{};
    for (auto _ : state) {
      aead->seal(nonce, aad, record, tag);
      benchmark::DoNotOptimize(record.data());
      benchmark::DoNotOptimize(tag);
    }
    set_bytes(state, kRecord);
  };
}

void register_aes_gcm() {
  register_pair("BM_Aes128GcmSeal_16K", provider_aead_seal(AeadAlgorithm::aes_128_gcm),
                [](benchmark::State& state) {
                  const Bytes key = pattern(16, 3);
                  const Bytes nonce = pattern(crypto::kAeadNonceSize, 4);
                  const Bytes aad = pattern(13, 5);
                  CryptoPP::GCM<CryptoPP::AES>::Encryption gcm;
                  gcm.SetKeyWithIV(key.data(), key.size(), nonce.data(), nonce.size());
                  Bytes record = pattern(kRecord);
                  std::array<std::uint8_t, crypto::kAeadTagSize> tag{};
                  for (auto _ : state) {
                    gcm.EncryptAndAuthenticate(record.data(), tag.data(), tag.size(), nonce.data(),
                                               static_cast<int>(nonce.size()), aad.data(),
                                               aad.size(), record.data(), record.size());
                    benchmark::DoNotOptimize(record.data());
                    benchmark::DoNotOptimize(tag);
                  }
                  set_bytes(state, kRecord);
                });
}

void register_chacha20_poly1305() {
  register_pair("BM_ChaCha20Poly1305Seal_16K", provider_aead_seal(AeadAlgorithm::chacha20_poly1305),
                [](benchmark::State& state) {
                  const Bytes key = pattern(32, 3);
                  const Bytes nonce = pattern(crypto::kAeadNonceSize, 4);
                  const Bytes aad = pattern(13, 5);
                  Bytes record = pattern(kRecord);
                  std::array<std::uint8_t, crypto::kAeadTagSize> tag{};
                  for (auto _ : state) {
                    crypto_aead_chacha20poly1305_ietf_encrypt_detached(
                        record.data(), tag.data(), nullptr, record.data(), record.size(),
                        aad.data(), aad.size(), nullptr, nonce.data(), key.data());
                    benchmark::DoNotOptimize(record.data());
                    benchmark::DoNotOptimize(tag);
                  }
                  set_bytes(state, kRecord);
                });
}

// --- AES-128-CBC encryption of a 16 KiB record in place, key set once, IV per record ---

void register_aes_cbc() {
  register_pair(
      "BM_Aes128CbcEncrypt_16K",
      [](benchmark::State& state) {
        const auto cbc = provider().cbc(CbcAlgorithm::aes_128_cbc, pattern(16, 3));
        const Bytes iv = pattern(16, 4);
        Bytes record = pattern(kRecord);
        for (auto _ : state) {
          cbc->encrypt(iv, record);
          benchmark::DoNotOptimize(record.data());
        }
        set_bytes(state, kRecord);
      },
      [](benchmark::State& state) {
        const Bytes key = pattern(16, 3);
        const Bytes iv = pattern(16, 4);
        CryptoPP::CBC_Mode<CryptoPP::AES>::Encryption cbc;
        cbc.SetKeyWithIV(key.data(), key.size(), iv.data(), iv.size());
        Bytes record = pattern(kRecord);
        for (auto _ : state) {
          cbc.Resynchronize(iv.data(), static_cast<int>(iv.size()));
          cbc.ProcessData(record.data(), record.data(), record.size());
          benchmark::DoNotOptimize(record.data());
        }
        set_bytes(state, kRecord);
      });
}

}  // namespace

void register_symmetric_benchmarks() {
  register_sha256("BM_Sha256_1K", 1024);
  register_sha256("BM_Sha256_16K", 16 * 1024);
  register_hmac();
  register_prf();
  register_aes_gcm();
  register_chacha20_poly1305();
  register_aes_cbc();
}

}  // namespace tlslab::bench

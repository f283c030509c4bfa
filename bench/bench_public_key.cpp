// Key exchange and signatures: provider vs. direct library calls. Keys are made once, outside
// the timed loops, and the direct side uses the very same key material. Direct benchmarks set
// up library objects (curve domains, signers, verifiers) once, as a program calling the library
// by hand would; the provider re-creates what it needs per call, and that shows in the ratio.
#include <cryptopp/dsa.h>
#include <cryptopp/eccrypto.h>
#include <cryptopp/integer.h>
#include <cryptopp/nbtheory.h>
#include <cryptopp/oids.h>
#include <cryptopp/pkcspad.h>
#include <cryptopp/rsa.h>
#include <cryptopp/secblock.h>
#include <cryptopp/sha.h>

#include <array>
#include <memory>
#include <stdexcept>
#include <variant>

#include "bench_common.hpp"

namespace tlslab::bench {
namespace {

using crypto::KeyType;
using crypto::NamedGroup;
using crypto::SignatureScheme;
using CryptoPP::Integer;

const Bytes& message() {
  static const Bytes m = pattern(128, 9);  // about a ServerKeyExchange's signed params
  return m;
}

Integer to_integer(const Bytes& b) {
  return {b.data(), b.size()};
}

[[noreturn]] void broken(const char* what) {
  throw std::runtime_error(what);
}

// --- Key exchange: a fresh ephemeral key and the shared secret with a fixed peer ---

void register_x25519() {
  register_pair(
      "BM_X25519_KeygenDerive",
      [](benchmark::State& state) {
        const auto peer = provider().generate_key_share(NamedGroup::x25519);
        for (auto _ : state) {
          const auto share = provider().generate_key_share(NamedGroup::x25519);
          const SecretBytes secret = share->derive(peer->public_value());
          benchmark::DoNotOptimize(secret.data());
        }
      },
      [](benchmark::State& state) {
        std::array<std::uint8_t, crypto_scalarmult_BYTES> peer_sk{}, peer_pk{};
        randombytes_buf(peer_sk.data(), peer_sk.size());
        crypto_scalarmult_base(peer_pk.data(), peer_sk.data());
        std::array<std::uint8_t, crypto_scalarmult_BYTES> sk{}, pk{}, shared{};
        for (auto _ : state) {
          randombytes_buf(sk.data(), sk.size());
          crypto_scalarmult_base(pk.data(), sk.data());
          if (crypto_scalarmult(shared.data(), sk.data(), peer_pk.data()) != 0) broken("X25519");
          benchmark::DoNotOptimize(pk);
          benchmark::DoNotOptimize(shared);
          sodium_memzero(sk.data(), sk.size());
          sodium_memzero(shared.data(), shared.size());
        }
      });
}

void register_p256() {
  register_pair(
      "BM_EcdhP256_KeygenDerive",
      [](benchmark::State& state) {
        const auto peer = provider().generate_key_share(NamedGroup::secp256r1);
        for (auto _ : state) {
          const auto share = provider().generate_key_share(NamedGroup::secp256r1);
          const SecretBytes secret = share->derive(peer->public_value());
          benchmark::DoNotOptimize(secret.data());
        }
      },
      [](benchmark::State& state) {
        SodiumRng rng;
        const CryptoPP::ECDH<CryptoPP::ECP>::Domain dh(CryptoPP::ASN1::secp256r1());
        CryptoPP::SecByteBlock peer_private(dh.PrivateKeyLength());
        CryptoPP::SecByteBlock peer_public(dh.PublicKeyLength());  // uncompressed, 65 bytes
        dh.GenerateKeyPair(rng, peer_private, peer_public);
        CryptoPP::SecByteBlock priv(dh.PrivateKeyLength()), pub(dh.PublicKeyLength());
        CryptoPP::SecByteBlock shared(dh.AgreedValueLength());
        for (auto _ : state) {
          dh.GenerateKeyPair(rng, priv, pub);
          // validateOtherPublicKey (the default) checks the point is on the curve, as derive()
          // does.
          if (!dh.Agree(shared, priv, peer_public)) broken("ECDH P-256");
          benchmark::DoNotOptimize(shared.data());
        }
      });
}

void register_ffdhe2048() {
  register_pair(
      "BM_Ffdhe2048_Derive",
      [](benchmark::State& state) {
        const auto share = provider().generate_key_share(NamedGroup::ffdhe2048);
        const auto peer = provider().generate_key_share(NamedGroup::ffdhe2048);
        for (auto _ : state) {
          const SecretBytes secret = share->derive(peer->public_value());
          benchmark::DoNotOptimize(secret.data());
        }
      },
      [](benchmark::State& state) {
        // The same exponent size and computation as the provider: a short exponent (RFC 7919
        // §5.2) and one modular exponentiation after the 1 < Y < p-1 check of RFC 7919 §5.1.
        const auto share = provider().generate_key_share(NamedGroup::ffdhe2048);
        const auto peer = provider().generate_key_share(NamedGroup::ffdhe2048);
        const SecretBytes x_bytes = share->private_value();
        const Integer x(x_bytes.data(), x_bytes.size());
        // The RFC 7919 Appendix A.1 ffdhe2048 prime (ffdhe.cpp keeps its copy internal).
        const Integer p(
            "0xFFFFFFFFFFFFFFFFADF85458A2BB4A9AAFDC5620273D3CF1D8B9C583CE2D3695A9E13641146433FBCC93"
            "9DCE249B3EF97D2FE363630C75D8F681B202AEC4617AD3DF1ED5D5FD65612433F51F5F066ED085636555"
            "3DED1AF3B557135E7F57C935984F0C70E0E68B77E2A689DAF3EFE8721DF158A136ADE73530ACCA4F483A"
            "797ABC0AB182B324FB61D108A94BB2C8E3FBB96ADAB760D7F4681D4F42A3DE394DF4AE56EDE76372BB19"
            "0B07A7C8EE0A6D709E02FCE1CDF7E2ECC03404CD28342F619172FE9CE98583FF8E4F1232EEF28183C3FE"
            "3B1B4C6FAD733BB5FCBC2EC22005C58EF1837D1683B2C6F34A26C1B2EFFA886B423861285C97FFFFFFFF"
            "FFFFFFFF");
        const Bytes peer_y(peer->public_value().begin(), peer->public_value().end());
        const Integer p_minus_1 = p - Integer::One();
        // Same inputs, same answer: checks the prime and that both sides compute one thing.
        const Integer expected = CryptoPP::ModularExponentiation(to_integer(peer_y), x, p);
        const SecretBytes via_provider = share->derive(peer_y);
        if (Integer(via_provider.data(), via_provider.size()) != expected) broken("ffdhe2048");
        for (auto _ : state) {
          const Integer y(peer_y.data(), peer_y.size());
          if (y <= Integer::One() || y >= p_minus_1) broken("ffdhe2048 range");
          const Integer z = CryptoPP::ModularExponentiation(y, x, p);
          CryptoPP::SecByteBlock shared(z.MinEncodedSize());
          z.Encode(shared.data(), shared.size());
          benchmark::DoNotOptimize(shared.data());
        }
      });
}

// --- Signatures over a 128-byte message ---

const crypto::PrivateKey& rsa_key() {
  static const auto key = provider().generate_private_key(KeyType::rsa, 2048);
  return *key;
}

CryptoPP::InvertibleRSAFunction direct_rsa_key() {
  const auto m = std::get<crypto::RsaPrivateMaterial>(rsa_key().material());
  CryptoPP::InvertibleRSAFunction k;
  k.Initialize(to_integer(m.n), to_integer(m.e), to_integer(m.d), to_integer(m.p), to_integer(m.q),
               to_integer(m.dp), to_integer(m.dq), to_integer(m.qinv));
  return k;
}

using RsaPkcs1Sha256 = CryptoPP::RSASS<CryptoPP::PKCS1v15, CryptoPP::SHA256>;

void register_rsa() {
  register_pair(
      "BM_Rsa2048Pkcs1Sha256_Sign",
      [](benchmark::State& state) {
        const auto& key = rsa_key();
        for (auto _ : state) {
          const Bytes sig = key.sign(SignatureScheme::rsa_pkcs1_sha256, message(), provider());
          benchmark::DoNotOptimize(sig.data());
        }
      },
      [](benchmark::State& state) {
        SodiumRng rng;  // Crypto++ draws the blinding factor from it, as the provider does
        const RsaPkcs1Sha256::Signer signer(direct_rsa_key());
        Bytes sig(signer.MaxSignatureLength());
        for (auto _ : state) {
          const std::size_t n =
              signer.SignMessage(rng, message().data(), message().size(), sig.data());
          benchmark::DoNotOptimize(n);
          benchmark::DoNotOptimize(sig.data());
        }
      });
  register_pair(
      "BM_Rsa2048Pkcs1Sha256_Verify",
      [](benchmark::State& state) {
        const auto& key = rsa_key();
        const Bytes sig = key.sign(SignatureScheme::rsa_pkcs1_sha256, message(), provider());
        for (auto _ : state) {
          if (!key.public_key().verify(SignatureScheme::rsa_pkcs1_sha256, message(), sig)) {
            broken("RSA verify (provider)");
          }
        }
      },
      [](benchmark::State& state) {
        const auto& key = rsa_key();
        const Bytes sig = key.sign(SignatureScheme::rsa_pkcs1_sha256, message(), provider());
        const RsaPkcs1Sha256::Verifier verifier{RsaPkcs1Sha256::PublicKey(direct_rsa_key())};
        for (auto _ : state) {
          if (!verifier.VerifyMessage(message().data(), message().size(), sig.data(), sig.size())) {
            broken("RSA verify (direct)");
          }
        }
      });
}

const crypto::PrivateKey& p256_key() {
  static const auto key = provider().generate_private_key(KeyType::ec_p256);
  return *key;
}

using EcdsaSigner = CryptoPP::ECDSA_RFC6979<CryptoPP::ECP, CryptoPP::SHA256>;
using EcdsaVerifier = CryptoPP::ECDSA<CryptoPP::ECP, CryptoPP::SHA256>;

EcdsaSigner::PrivateKey direct_p256_key() {
  const auto m = std::get<crypto::EcPrivateMaterial>(p256_key().material());
  EcdsaSigner::PrivateKey k;
  k.Initialize(CryptoPP::ASN1::secp256r1(), to_integer(m.scalar));
  return k;
}

void register_ecdsa() {
  register_pair(
      "BM_EcdsaP256Sha256_Sign",
      [](benchmark::State& state) {
        const auto& key = p256_key();
        for (auto _ : state) {
          const Bytes sig =
              key.sign(SignatureScheme::ecdsa_secp256r1_sha256, message(), provider());
          benchmark::DoNotOptimize(sig.data());
        }
      },
      [](benchmark::State& state) {
        SodiumRng rng;  // unused by RFC 6979 signing, as in the provider
        const EcdsaSigner::Signer signer(direct_p256_key());
        Bytes p1363(signer.MaxSignatureLength());
        Bytes der(p1363.size() + 16);
        for (auto _ : state) {
          // TLS carries DER (RFC 8422 §5.4); Crypto++ signs in IEEE P1363 form.
          const std::size_t n =
              signer.SignMessage(rng, message().data(), message().size(), p1363.data());
          const std::size_t d = CryptoPP::DSAConvertSignatureFormat(
              der.data(), der.size(), CryptoPP::DSA_DER, p1363.data(), n, CryptoPP::DSA_P1363);
          benchmark::DoNotOptimize(d);
          benchmark::DoNotOptimize(der.data());
        }
      });
  register_pair(
      "BM_EcdsaP256Sha256_Verify",
      [](benchmark::State& state) {
        const auto& key = p256_key();
        const Bytes sig = key.sign(SignatureScheme::ecdsa_secp256r1_sha256, message(), provider());
        for (auto _ : state) {
          if (!key.public_key().verify(SignatureScheme::ecdsa_secp256r1_sha256, message(), sig)) {
            broken("ECDSA verify (provider)");
          }
        }
      },
      [](benchmark::State& state) {
        const auto& key = p256_key();
        const Bytes der = key.sign(SignatureScheme::ecdsa_secp256r1_sha256, message(), provider());
        EcdsaVerifier::PublicKey pub;
        direct_p256_key().MakePublicKey(pub);
        const EcdsaVerifier::Verifier verifier(pub);
        Bytes p1363(verifier.SignatureLength());
        for (auto _ : state) {
          const std::size_t n =
              CryptoPP::DSAConvertSignatureFormat(p1363.data(), p1363.size(), CryptoPP::DSA_P1363,
                                                  der.data(), der.size(), CryptoPP::DSA_DER);
          if (!verifier.VerifyMessage(message().data(), message().size(), p1363.data(), n)) {
            broken("ECDSA verify (direct)");
          }
        }
      });
}

const crypto::PrivateKey& ed25519_key() {
  static const auto key = provider().generate_private_key(KeyType::ed25519);
  return *key;
}

struct SodiumEd25519 {
  std::array<std::uint8_t, crypto_sign_PUBLICKEYBYTES> pk{};
  std::array<std::uint8_t, crypto_sign_SECRETKEYBYTES> sk{};
  SodiumEd25519() {
    const auto m = std::get<crypto::Ed25519PrivateMaterial>(ed25519_key().material());
    crypto_sign_seed_keypair(pk.data(), sk.data(), m.seed.data());
  }
  ~SodiumEd25519() { sodium_memzero(sk.data(), sk.size()); }
};

void register_ed25519() {
  register_pair(
      "BM_Ed25519_Sign",
      [](benchmark::State& state) {
        const auto& key = ed25519_key();
        for (auto _ : state) {
          const Bytes sig = key.sign(SignatureScheme::ed25519, message(), provider());
          benchmark::DoNotOptimize(sig.data());
        }
      },
      [](benchmark::State& state) {
        const SodiumEd25519 k;
        std::array<std::uint8_t, crypto_sign_BYTES> sig{};
        for (auto _ : state) {
          crypto_sign_detached(sig.data(), nullptr, message().data(), message().size(),
                               k.sk.data());
          benchmark::DoNotOptimize(sig);
        }
      });
  register_pair(
      "BM_Ed25519_Verify",
      [](benchmark::State& state) {
        const auto& key = ed25519_key();
        const Bytes sig = key.sign(SignatureScheme::ed25519, message(), provider());
        for (auto _ : state) {
          if (!key.public_key().verify(SignatureScheme::ed25519, message(), sig)) {
            broken("Ed25519 verify (provider)");
          }
        }
      },
      [](benchmark::State& state) {
        const SodiumEd25519 k;
        std::array<std::uint8_t, crypto_sign_BYTES> sig{};
        crypto_sign_detached(sig.data(), nullptr, message().data(), message().size(), k.sk.data());
        for (auto _ : state) {
          if (crypto_sign_verify_detached(sig.data(), message().data(), message().size(),
                                          k.pk.data()) != 0) {
            broken("Ed25519 verify (direct)");
          }
        }
      });
}

}  // namespace

void register_public_key_benchmarks() {
  register_x25519();
  register_p256();
  register_ffdhe2048();
  register_rsa();
  register_ecdsa();
  register_ed25519();
}

}  // namespace tlslab::bench

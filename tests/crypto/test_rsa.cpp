// RSA keys against the openssl command line: a fixed RSA-2048 key and signatures, ciphertexts
// made by tests/data/rsa/make.sh (OpenSSL 3). PKCS#1 v1.5 (RFC 8017 §8.2) is deterministic, so
// ours must equal openssl's byte for byte; PSS (RFC 8017 §8.1, RFC 8446 §4.2.3) is randomised,
// so signatures are checked by verification in both directions. The premaster decryption is
// checked for the implicit rejection of RFC 5246 §7.4.7.1.
#include <cryptopp/integer.h>
#include <cryptopp/osrng.h>
#include <cryptopp/rsa.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

#include "../test_util.hpp"
#include "tlslab/crypto/default_provider.hpp"

namespace {

using namespace tlslab;
using namespace tlslab::crypto;
using tlslab::test::data_path;
using tlslab::test::hex;
using tlslab::test::read_text;

// Hands out exactly the bytes it was given, in order; asking for more is an error, so a test
// also learns how many bytes the code under test drew.
class ScriptedRandom final : public RandomSource {
 public:
  explicit ScriptedRandom(Bytes bytes) : bytes_(std::move(bytes)) {}
  void fill(MutableByteView out) override {
    if (out.size() > remaining()) throw std::logic_error("ScriptedRandom: script exhausted");
    std::copy_n(bytes_.begin() + static_cast<std::ptrdiff_t>(used_), out.size(), out.begin());
    used_ += out.size();
  }
  std::size_t remaining() const { return bytes_.size() - used_; }

 private:
  Bytes bytes_;
  std::size_t used_ = 0;
};

Bytes data_hex(const std::string& name) {
  return hex(read_text(data_path("rsa/" + name)));
}

std::string message_text() {
  return read_text(data_path("rsa/message.txt"));
}

// key.txt: one "name = hex" per line.
std::map<std::string, Bytes> read_components(const std::string& name) {
  std::map<std::string, Bytes> out;
  std::istringstream in(read_text(data_path("rsa/" + name)));
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find(" = ");
    if (eq == std::string::npos) continue;
    out[line.substr(0, eq)] = hex(line.substr(eq + 3));
  }
  return out;
}

RsaPrivateMaterial private_material() {
  auto c = read_components("key.txt");
  REQUIRE(c.size() == 8);
  return {c["n"], c["e"], c["d"], c["p"], c["q"], c["dp"], c["dq"], c["qinv"]};
}

struct Fixture {
  std::unique_ptr<Provider> provider = make_default_provider();
  std::shared_ptr<const PrivateKey> key = provider->import_private_key(private_material());
  const PublicKey& pub = key->public_key();
  std::string message = message_text();
};

// RSAEP with the public key and no padding: lets a test place any EM it likes under the key.
Bytes raw_encrypt(const RsaPrivateMaterial& m, const Bytes& em) {
  CryptoPP::RSAFunction f;
  f.Initialize(CryptoPP::Integer(m.n.data(), m.n.size()),
               CryptoPP::Integer(m.e.data(), m.e.size()));
  Bytes out(m.n.size());
  f.ApplyFunction(CryptoPP::Integer(em.data(), em.size())).Encode(out.data(), out.size());
  return out;
}

// RSADP without unpadding, to look at the block a ciphertext carries.
Bytes raw_decrypt(const RsaPrivateMaterial& m, const Bytes& c) {
  auto integer = [](const Bytes& b) { return CryptoPP::Integer(b.data(), b.size()); };
  CryptoPP::InvertibleRSAFunction f;
  f.Initialize(integer(m.n), integer(m.e), integer(m.d), integer(m.p), integer(m.q), integer(m.dp),
               integer(m.dq), integer(m.qinv));
  CryptoPP::AutoSeededRandomPool rng;
  Bytes out(m.n.size());
  f.CalculateInverse(rng, integer(c)).Encode(out.data(), out.size());
  return out;
}

bool openssl_available() {
  return std::system("openssl version >/dev/null 2>&1") == 0;
}

Bytes flip_bit(Bytes b, std::size_t byte, std::uint8_t bit = 0x01) {
  b.at(byte) ^= bit;
  return b;
}

struct HashCase {
  SignatureScheme scheme;
  const char* name;
};

}  // namespace

TEST_CASE("RSA: import of openssl's key components and material() round trip") {
  Fixture f;
  const RsaPrivateMaterial m = private_material();
  CHECK(f.key->type() == KeyType::rsa);
  CHECK(f.key->bits() == 2048);
  CHECK(f.pub.bits() == 2048);

  const auto exported = std::get<RsaPrivateMaterial>(f.key->material());
  CHECK(exported.n == m.n);
  CHECK(exported.e == m.e);
  CHECK(exported.d == m.d);
  CHECK(exported.p == m.p);
  CHECK(exported.q == m.q);
  CHECK(exported.dp == m.dp);
  CHECK(exported.dq == m.dq);
  CHECK(exported.qinv == m.qinv);
  const auto pub = std::get<RsaPublicMaterial>(f.pub.material());
  CHECK(pub.n == m.n);
  CHECK(pub.e == m.e);

  SUBCASE("from n, e, d alone the factors are recovered") {
    const auto key =
        f.provider->import_private_key(RsaPrivateMaterial{m.n, m.e, m.d, {}, {}, {}, {}, {}});
    const auto got = std::get<RsaPrivateMaterial>(key->material());
    CHECK(got.n == m.n);
    CHECK(got.d == m.d);
    CHECK(((got.p == m.p && got.q == m.q) || (got.p == m.q && got.q == m.p)));
    ScriptedRandom none({});
    CHECK(key->sign(SignatureScheme::rsa_pkcs1_sha256, view(f.message), none) ==
          data_hex("sig_pkcs1_sha256.hex"));
  }
}

TEST_CASE("RSA PKCS#1 v1.5: our signatures equal openssl's byte for byte") {
  Fixture f;
  const HashCase cases[] = {
      {SignatureScheme::rsa_pkcs1_sha1, "sha1"},     {SignatureScheme::rsa_pkcs1_sha224, "sha224"},
      {SignatureScheme::rsa_pkcs1_sha256, "sha256"}, {SignatureScheme::rsa_pkcs1_sha384, "sha384"},
      {SignatureScheme::rsa_pkcs1_sha512, "sha512"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const Bytes expected = data_hex(std::string("sig_pkcs1_") + c.name + ".hex");
    REQUIRE(expected.size() == 256);
    // An empty script: PKCS#1 v1.5 signing must draw nothing from the caller's generator.
    ScriptedRandom none({});
    const Bytes ours = f.key->sign(c.scheme, view(f.message), none);
    CHECK(to_hex(ours) == to_hex(expected));
    CHECK(f.pub.verify(c.scheme, view(f.message), expected));
    // The same signature under another hash fails.
    const auto other = c.scheme == SignatureScheme::rsa_pkcs1_sha256
                           ? SignatureScheme::rsa_pkcs1_sha384
                           : SignatureScheme::rsa_pkcs1_sha256;
    CHECK_FALSE(f.pub.verify(other, view(f.message), expected));
  }
}

TEST_CASE("RSA-PSS: openssl's signatures verify, other salt lengths do not") {
  Fixture f;
  const HashCase cases[] = {
      {SignatureScheme::rsa_pss_rsae_sha256, "sha256"},
      {SignatureScheme::rsa_pss_rsae_sha384, "sha384"},
      {SignatureScheme::rsa_pss_rsae_sha512, "sha512"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const Bytes sig = data_hex(std::string("sig_pss_") + c.name + ".hex");
    CHECK(f.pub.verify(c.scheme, view(f.message), sig));
    // Wrong family: a PSS signature is not a PKCS#1 v1.5 one.
    CHECK_FALSE(f.pub.verify(SignatureScheme::rsa_pkcs1_sha256, view(f.message), sig));
  }
  CHECK_FALSE(f.pub.verify(SignatureScheme::rsa_pss_rsae_sha384, view(f.message),
                           data_hex("sig_pss_sha256.hex")));
  // RFC 8446 §4.2.3: the salt length MUST equal the digest length.
  CHECK_FALSE(f.pub.verify(SignatureScheme::rsa_pss_rsae_sha256, view(f.message),
                           data_hex("sig_pss_sha256_salt0.hex")));
  CHECK_FALSE(f.pub.verify(SignatureScheme::rsa_pss_rsae_sha256, view(f.message),
                           data_hex("sig_pss_sha256_saltmax.hex")));
  // And a PKCS#1 v1.5 signature is not a PSS one.
  CHECK_FALSE(f.pub.verify(SignatureScheme::rsa_pss_rsae_sha256, view(f.message),
                           data_hex("sig_pkcs1_sha256.hex")));
}

TEST_CASE("RSA-PSS: our signatures take the salt from the caller's generator") {
  Fixture f;
  const struct {
    SignatureScheme scheme;
    std::size_t salt;
    const char* openssl_digest;
  } cases[] = {
      {SignatureScheme::rsa_pss_rsae_sha256, 32, "sha256"},
      {SignatureScheme::rsa_pss_rsae_sha384, 48, "sha384"},
      {SignatureScheme::rsa_pss_rsae_sha512, 64, "sha512"},
  };
  const bool have_openssl = openssl_available();
  if (!have_openssl)
    MESSAGE("openssl not on PATH: skipping the openssl check of our PSS signatures");
  for (const auto& c : cases) {
    CAPTURE(c.openssl_digest);
    const Bytes salt(c.salt, 0xa5);
    ScriptedRandom rng(salt);
    const Bytes sig = f.key->sign(c.scheme, view(f.message), rng);
    CHECK(rng.remaining() == 0);  // exactly hLen salt bytes were drawn
    CHECK(sig.size() == 256);
    CHECK(f.pub.verify(c.scheme, view(f.message), sig));

    // Same salt, same signature: the blinding (system generator) does not show in the output.
    ScriptedRandom again(salt);
    CHECK(f.key->sign(c.scheme, view(f.message), again) == sig);
    // Another salt, another valid signature.
    ScriptedRandom other(Bytes(c.salt, 0x3c));
    const Bytes sig2 = f.key->sign(c.scheme, view(f.message), other);
    CHECK(sig2 != sig);
    CHECK(f.pub.verify(c.scheme, view(f.message), sig2));

    if (have_openssl) {
      Bytes unique(8);
      f.provider->fill(unique);
      const auto tmp = std::filesystem::temp_directory_path() /
                       ("tlslab-pss-" + to_hex(unique) + "-" + c.openssl_digest);
      {
        std::ofstream out(tmp, std::ios::binary);
        out.write(reinterpret_cast<const char*>(sig.data()),
                  static_cast<std::streamsize>(sig.size()));
      }
      const std::string d = c.openssl_digest;
      const std::string command =
          "openssl dgst -" + d + " -verify '" + data_path("rsa/pub.pem").string() +
          "' -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest -sigopt rsa_mgf1_md:" + d +
          " -signature '" + tmp.string() + "' '" + data_path("rsa/message.txt").string() +
          "' >/dev/null 2>&1";
      CHECK_MESSAGE(std::system(command.c_str()) == 0, "openssl rejected our signature");
      std::filesystem::remove(tmp);
    }
  }
}

TEST_CASE("RSA: tampered signatures and wrong schemes fail") {
  Fixture f;
  const Bytes sig = data_hex("sig_pkcs1_sha256.hex");
  const Bytes pss = data_hex("sig_pss_sha256.hex");
  const auto pkcs1 = SignatureScheme::rsa_pkcs1_sha256;
  REQUIRE(f.pub.verify(pkcs1, view(f.message), sig));

  CHECK_FALSE(f.pub.verify(pkcs1, view(f.message), flip_bit(sig, 0)));
  CHECK_FALSE(f.pub.verify(pkcs1, view(f.message), flip_bit(sig, 255, 0x80)));
  CHECK_FALSE(
      f.pub.verify(SignatureScheme::rsa_pss_rsae_sha256, view(f.message), flip_bit(pss, 100)));
  std::string altered = f.message;
  altered[0] ^= 0x01;
  CHECK_FALSE(f.pub.verify(pkcs1, view(altered), sig));
  CHECK_FALSE(f.pub.verify(SignatureScheme::rsa_pss_rsae_sha256, view(altered), pss));

  // RFC 8017 §8.2.2 step 1: exactly k bytes; a leading zero added or a byte dropped fails.
  Bytes longer = sig;
  longer.insert(longer.begin(), 0x00);
  CHECK_FALSE(f.pub.verify(pkcs1, view(f.message), longer));
  CHECK_FALSE(f.pub.verify(pkcs1, view(f.message), ByteView(sig).subspan(1)));
  CHECK_FALSE(f.pub.verify(pkcs1, view(f.message), Bytes{}));
  // A "signature" >= n (RSAVP1 step 1).
  CHECK_FALSE(f.pub.verify(pkcs1, view(f.message), Bytes(256, 0xff)));

  // Schemes of other key types: false, not an exception.
  CHECK_FALSE(f.pub.verify(SignatureScheme::ecdsa_secp256r1_sha256, view(f.message), sig));
  CHECK_FALSE(f.pub.verify(SignatureScheme::ed25519, view(f.message), sig));
  ScriptedRandom none({});
  CHECK_TLS_ERROR(f.key->sign(SignatureScheme::ecdsa_secp256r1_sha256, view(f.message), none),
                  AlertDescription::internal_error, "cannot sign with ecdsa_secp256r1_sha256");
  CHECK_TLS_ERROR(f.key->sign(SignatureScheme::ed25519, view(f.message), none),
                  AlertDescription::internal_error, "cannot sign with ed25519");
}

TEST_CASE("RSA premaster: encrypt_pkcs1 then decrypt_premaster") {
  Fixture f;
  const RsaPrivateMaterial m = private_material();
  Bytes premaster(48);
  for (std::size_t i = 0; i < premaster.size(); ++i)
    premaster[i] = static_cast<std::uint8_t>(i);
  premaster[0] = 0x03;
  premaster[1] = 0x03;

  // RFC 8017 §7.2.1: PS is k - 3 - 48 = 205 nonzero bytes, drawn from the caller's generator
  // (how many bytes Crypto++ draws per padding byte is its business, so the script is long).
  Bytes script(4096);
  for (std::size_t i = 0; i < script.size(); ++i)
    script[i] = static_cast<std::uint8_t>(i * 7 + 1);
  ScriptedRandom padding(script);
  const Bytes c = f.pub.encrypt_pkcs1(premaster, padding);
  REQUIRE(c.size() == 256);
  CHECK(padding.remaining() < script.size() - 205);
  // Same generator output, same ciphertext; other output, other ciphertext.
  ScriptedRandom same(script);
  CHECK(f.pub.encrypt_pkcs1(premaster, same) == c);
  ScriptedRandom other(Bytes(4096, 0x33));
  CHECK(f.pub.encrypt_pkcs1(premaster, other) != c);

  // The block under the key is EM = 00 02 PS 00 M with PS nonzero.
  const Bytes em = raw_decrypt(m, c);
  REQUIRE(em.size() == 256);
  CHECK(em[0] == 0x00);
  CHECK(em[1] == 0x02);
  CHECK(std::none_of(em.begin() + 2, em.begin() + 207, [](std::uint8_t b) { return b == 0; }));
  CHECK(em[207] == 0x00);
  CHECK(Bytes(em.begin() + 208, em.end()) == premaster);

  ScriptedRandom fallback(Bytes(48, 0xee));
  std::array<std::uint8_t, 48> out{};
  f.key->decrypt_premaster(c, 0x0303, out, fallback);
  CHECK(Bytes(out.begin(), out.end()) == premaster);
  CHECK(fallback.remaining() == 0);  // R is drawn even when it is not used

  SUBCASE("openssl's ciphertext decrypts to the committed premaster") {
    const Bytes expected = data_hex("premaster.hex");
    REQUIRE(expected.size() == 48);
    ScriptedRandom r(Bytes(48, 0xee));
    f.key->decrypt_premaster(data_hex("premaster_enc.hex"), 0x0303, out, r);
    CHECK(to_hex(out) == to_hex(expected));
  }

  SUBCASE("too long a plaintext is refused") {
    ScriptedRandom r(Bytes(300, 0x77));
    CHECK_TLS_ERROR(f.pub.encrypt_pkcs1(Bytes(246, 0x01), r), AlertDescription::internal_error,
                    "exceed the maximum of 245");
  }
}

TEST_CASE("RSA premaster: malformed blocks yield the generator's bytes, never an error") {
  Fixture f;
  const RsaPrivateMaterial m = private_material();
  const std::size_t k = 256;

  // A well-formed EM = 00 02 PS 00 M with |M| = 48 and client_version 3,3.
  Bytes good = {0x00, 0x02};
  good.insert(good.end(), k - 51, 0x5b);
  good.push_back(0x00);
  Bytes m_good(48, 0x42);
  m_good[0] = 0x03;
  m_good[1] = 0x03;
  good.insert(good.end(), m_good.begin(), m_good.end());
  REQUIRE(good.size() == k);

  std::uint8_t tag = 0;
  // Decrypts `ciphertext` with a generator holding 48 bytes of `tag`; returns the premaster.
  auto decrypt = [&](const Bytes& ciphertext, std::uint16_t version, std::uint8_t fill) {
    ScriptedRandom r(Bytes(48, fill));
    std::array<std::uint8_t, 48> out{};
    CHECK_NOTHROW(f.key->decrypt_premaster(ciphertext, version, out, r));
    CHECK(r.remaining() == 0);
    return Bytes(out.begin(), out.end());
  };
  auto expect_fallback = [&](const Bytes& ciphertext, std::uint16_t version = 0x0303) {
    ++tag;
    CHECK(decrypt(ciphertext, version, tag) == Bytes(48, tag));
  };

  // The control: the crafted block itself decrypts to M.
  CHECK(decrypt(raw_encrypt(m, good), 0x0303, 0xee) == m_good);

  SUBCASE("block type byte is not 0x02") {
    Bytes em = good;
    em[1] = 0x01;
    expect_fallback(raw_encrypt(m, em));
  }
  SUBCASE("leading byte is not 0x00") {
    Bytes em = good;
    em[0] = 0x01;
    expect_fallback(raw_encrypt(m, em));
  }
  SUBCASE("no 0x00 separator at all") {
    Bytes em = good;
    em[k - 49] = 0x5b;
    for (std::size_t i = k - 48; i < k; ++i)
      em[i] |= 0x01;
    expect_fallback(raw_encrypt(m, em));
  }
  SUBCASE("separator too early: M would be longer than 48 bytes, PS shorter than 8") {
    Bytes em = good;
    em[5] = 0x00;
    expect_fallback(raw_encrypt(m, em));
  }
  SUBCASE("separator late: M is 47 bytes") {
    Bytes em = good;
    em[k - 49] = 0x5b;
    em[k - 48] = 0x00;
    expect_fallback(raw_encrypt(m, em));
  }
  SUBCASE("wrong client_version") {
    const Bytes c = raw_encrypt(m, good);
    expect_fallback(c, 0x0301);
    expect_fallback(c, 0x0302);
    expect_fallback(c, 0x0203);
  }
  SUBCASE("ciphertext of the wrong length") {
    const Bytes c = raw_encrypt(m, good);
    Bytes longer = c;
    longer.insert(longer.begin(), 0x00);
    expect_fallback(longer);
    expect_fallback(Bytes(c.begin() + 1, c.end()));
    expect_fallback(Bytes{});
  }
  SUBCASE("ciphertext not below n") {
    expect_fallback(Bytes(k, 0xff));
    expect_fallback(m.n);
  }
}

TEST_CASE("RSA: invalid and too small keys are refused") {
  auto provider = make_default_provider();
  const RsaPrivateMaterial m = private_material();

  const auto small = read_components("small_key.txt");
  REQUIRE(small.at("n").size() == 64);
  CHECK_TLS_ERROR(provider->import_public_key(RsaPublicMaterial{small.at("n"), small.at("e")}),
                  AlertDescription::unsupported_certificate,
                  "modulus of 512 bits is below the 1024-bit minimum");

  CHECK_TLS_ERROR(provider->import_public_key(RsaPublicMaterial{flip_bit(m.n, 255), m.e}),
                  AlertDescription::bad_certificate, "modulus is even");
  CHECK_TLS_ERROR(provider->import_public_key(RsaPublicMaterial{m.n, hex("010000")}),
                  AlertDescription::bad_certificate, "public exponent");
  CHECK_TLS_ERROR(provider->import_public_key(RsaPublicMaterial{m.n, hex("01")}),
                  AlertDescription::bad_certificate, "public exponent");

  RsaPrivateMaterial bad_d = m;
  bad_d.d = flip_bit(bad_d.d, 100);
  CHECK_TLS_ERROR(provider->import_private_key(bad_d), AlertDescription::bad_certificate,
                  "RSA private key");
  RsaPrivateMaterial partial = m;
  partial.qinv.clear();
  CHECK_TLS_ERROR(provider->import_private_key(partial), AlertDescription::bad_certificate,
                  "all together or not at all");
  RsaPrivateMaterial swapped = m;
  std::swap(swapped.dp, swapped.dq);
  CHECK_TLS_ERROR(provider->import_private_key(swapped), AlertDescription::bad_certificate,
                  "inconsistent");

  // The refusal above is not about the key being a public one: our public key imports.
  CHECK(provider->import_public_key(RsaPublicMaterial{m.n, m.e})->bits() == 2048);
}

TEST_CASE("RSA: generated keys") {
  auto provider = make_default_provider();
  const auto key = provider->generate_private_key(KeyType::rsa, 1024);
  CHECK(key->type() == KeyType::rsa);
  CHECK(key->bits() == 1024);
  const std::string message = "generated";
  const Bytes sig = key->sign(SignatureScheme::rsa_pss_rsae_sha256, view(message), *provider);
  CHECK(key->public_key().verify(SignatureScheme::rsa_pss_rsae_sha256, view(message), sig));
  // e = 65537 and a key that survives export and re-import.
  const auto material = std::get<RsaPrivateMaterial>(key->material());
  CHECK(material.e == hex("010001"));
  const auto again = provider->import_private_key(material);
  CHECK(again->public_key().verify(SignatureScheme::rsa_pss_rsae_sha256, view(message), sig));

  CHECK_TLS_ERROR(provider->generate_private_key(KeyType::rsa, 512),
                  AlertDescription::internal_error, "outside");
}

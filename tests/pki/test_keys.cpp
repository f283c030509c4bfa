// Keys: PKCS#8, PKCS#1, SEC1, Ed25519, SubjectPublicKeyInfo, PBES2-encrypted PKCS#8, compared
// with what openssl wrote and said (tests/data/pki/keys/expected.txt: the SHA-256 of
// `openssl pkey -pubout -outform DER`). PBKDF2 vectors from RFC 6070 §2 (HMAC-SHA-1) and RFC
// 7914 §11 (HMAC-SHA-256); CBC vectors from NIST SP 800-38A §F.2.
#include <doctest/doctest.h>

#include <sstream>

#include "../test_util.hpp"
#include "pki_test_util.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/crypto/pbe.hpp"
#include "tlslab/pki/der_writer.hpp"
#include "tlslab/pki/keys.hpp"
#include "tlslab/pki/pem.hpp"
#include "tlslab/pki/x509.hpp"

namespace tlslab::test {
namespace {

using crypto::HashAlgorithm;
using crypto::KeyType;
using crypto::PbeCipher;

constexpr auto kDecode = AlertDescription::decode_error;

struct KeyExpectation {
  std::string name;
  KeyType type;
  std::string bits;
  std::string spki_sha256;
};

std::vector<KeyExpectation> expected_keys() {
  std::vector<KeyExpectation> out;
  std::istringstream in(read_text(pki_path("keys/expected.txt")));
  std::string name, bits, spki;
  while (in >> name >> bits >> spki) {
    const KeyType type = name == "rsa"    ? KeyType::rsa
                         : name == "p256" ? KeyType::ec_p256
                         : name == "p384" ? KeyType::ec_p384
                                          : KeyType::ed25519;
    out.push_back({name, type, bits.substr(5), spki.substr(12)});
  }
  REQUIRE(out.size() == 4);
  return out;
}

crypto::Provider& provider() {
  static const auto p = crypto::make_default_provider();
  return *p;
}

std::string sha256_hex(ByteView data) {
  return to_hex(provider().hash(HashAlgorithm::sha256, data).view());
}

// The SPKI of the public half of `info`, computed through the provider (so it checks the key,
// not only the encoding).
Bytes spki_of(const pki::PrivateKeyInfo& info) {
  const auto key = provider().import_private_key(info.key);
  return pki::encode_spki(key->public_key().material());
}

std::string pem_der_label(const std::string& file) {
  return pki::parse_pem(read_text(pki_path(file))).at(0).label;
}

TEST_CASE("keys: PKCS#8 from openssl gives the key openssl reports") {
  for (const auto& k : expected_keys()) {
    CAPTURE(k.name);
    const Bytes der = read_bytes(pki_path("keys/" + k.name + ".pk8.der"));
    const pki::PrivateKeyInfo info = pki::parse_pkcs8(der);
    CHECK(info.type() == k.type);
    const Bytes spki = spki_of(info);
    CHECK(sha256_hex(spki) == k.spki_sha256);
    CHECK(spki == read_bytes(pki_path("keys/" + k.name + ".spki.der")));
    // Round trip: openssl's PKCS#8 is the canonical form the writer produces.
    const SecretBytes again = pki::encode_pkcs8(info);
    CHECK(Bytes(again.begin(), again.end()) == der);
    // The PEM file is the same key.
    const pki::PrivateKeyInfo from_pem =
        pki::load_private_key(read_bytes(pki_path("keys/" + k.name + ".pk8.pem")), std::nullopt);
    CHECK(spki_of(from_pem) == spki);
    // The SPKI parser and writer agree with openssl.
    const auto spki_info = pki::parse_spki(spki);
    REQUIRE(spki_info.key);
    CHECK(pki::key_type(*spki_info.key) == k.type);
    if (k.bits != "-") CHECK(std::to_string(spki_info.bits()) == k.bits);
    CHECK(pki::encode_spki(*spki_info.key) == spki);
    CHECK(pki::same_public_key(*spki_info.key,
                               provider().import_private_key(info.key)->public_key().material()));
  }
}

TEST_CASE("keys: PKCS#1 and SEC1 hold the same keys as PKCS#8") {
  const auto keys = expected_keys();
  for (const std::string name : {"rsa", "p256", "p384"}) {
    CAPTURE(name);
    const std::string format = name == std::string("rsa") ? "pkcs1" : "sec1";
    const Bytes der = read_bytes(pki_path("keys/" + name + "." + format + ".der"));
    const pki::PrivateKeyInfo info = name == std::string("rsa") ? pki::parse_rsa_private_key(der)
                                                                : pki::parse_ec_private_key(der);
    const std::string want = std::find_if(keys.begin(), keys.end(), [&](const auto& k) {
                               return k.name == name;
                             })->spki_sha256;
    CHECK(sha256_hex(spki_of(info)) == want);
    // SEC1 carries the public key; it is the one the scalar gives.
    if (format == "sec1") {
      REQUIRE(info.public_key);
      CHECK(pki::encode_spki(*info.public_key) == spki_of(info));
    }
    const auto pem = read_bytes(pki_path("keys/" + name + "." + format + ".pem"));
    CHECK(pem_der_label("keys/" + name + "." + format + ".pem") ==
          (format == "pkcs1" ? "RSA PRIVATE KEY" : "EC PRIVATE KEY"));
    CHECK(sha256_hex(spki_of(pki::load_private_key(pem, std::nullopt))) == want);
    CHECK(sha256_hex(spki_of(pki::load_private_key(der, std::nullopt))) == want);
  }
}

TEST_CASE("keys: PBES2-encrypted PKCS#8, every PRF and cipher openssl offers") {
  const auto passwords = read_expect(pki_path("keys/enc/passwords.txt"));
  const std::string password = passwords.at("default");
  const std::string p256 =
      pki::encode_pem("x", spki_of(pki::parse_pkcs8(read_bytes(pki_path("keys/p256.pk8.der")))));
  const std::pair<const char*, HashAlgorithm> prfs[] = {
      {"hmacWithSHA1", HashAlgorithm::sha1},     {"hmacWithSHA224", HashAlgorithm::sha224},
      {"hmacWithSHA256", HashAlgorithm::sha256}, {"hmacWithSHA384", HashAlgorithm::sha384},
      {"hmacWithSHA512", HashAlgorithm::sha512},
  };
  const std::pair<const char*, PbeCipher> ciphers[] = {
      {"aes-128-cbc", PbeCipher::aes_128_cbc},
      {"aes-192-cbc", PbeCipher::aes_192_cbc},
      {"aes-256-cbc", PbeCipher::aes_256_cbc},
      {"des-ede3-cbc", PbeCipher::des_ede3_cbc},
  };
  for (const auto& [prf_name, prf] : prfs) {
    for (const auto& [cipher_name, cipher] : ciphers) {
      const std::string file =
          std::string("keys/enc/p256-") + prf_name + "-" + cipher_name + ".pem";
      CAPTURE(file);
      const auto blocks = pki::parse_pem(read_text(pki_path(file)));
      REQUIRE(blocks.size() == 1);
      CHECK(blocks[0].label == "ENCRYPTED PRIVATE KEY");
      const auto enc = pki::parse_encrypted_pkcs8(blocks[0].der);
      REQUIRE(enc.pbes2);
      CHECK(enc.pbes2->prf == prf);
      CHECK(enc.pbes2->cipher == cipher);
      CHECK(enc.pbes2->iterations == 2048);  // openssl's default
      CHECK(enc.pbes2->describe() == std::string("PBES2, PBKDF2 ") + prf_name +
                                         ", 2048 iterations, " +
                                         std::string(crypto::pbe_cipher_name(cipher)));
      const auto info = pki::decrypt_pkcs8(blocks[0].der, password);
      CHECK(pki::encode_pem("x", spki_of(info)) == p256);
      CHECK_TLS_ERROR(pki::decrypt_pkcs8(blocks[0].der, "not the password"),
                      AlertDescription::decrypt_error, "wrong password");
    }
  }
}

TEST_CASE("keys: encrypted keys with awkward passwords, DER, and through load_private_key") {
  const auto keys = expected_keys();
  const auto passwords = read_expect(pki_path("keys/enc/passwords.txt"));
  const auto want = [&](const std::string& name) {
    return std::find_if(keys.begin(), keys.end(), [&](const auto& k) { return k.name == name; })
        ->spki_sha256;
  };
  const auto check = [&](const std::string& file, const std::string& password,
                         const std::string& key) {
    CAPTURE(file);
    const Bytes data = read_bytes(pki_path("keys/enc/" + file));
    CHECK(sha256_hex(spki_of(pki::load_private_key(data, password))) == want(key));
    CHECK_TLS_ERROR(pki::load_private_key(data, std::nullopt), AlertDescription::decrypt_error,
                    "encrypted private key needs a password");
    CHECK_TLS_ERROR(pki::load_private_key(data, password + "x"), AlertDescription::decrypt_error,
                    "wrong password");
  };
  check("rsa-default.pem", passwords.at("default"), "rsa");
  check("p384-default.pem", passwords.at("default"), "p384");
  check("p384-default.der", passwords.at("default"), "p384");
  check("ed25519-default.pem", passwords.at("default"), "ed25519");
  // UTF-8 bytes of a non-ASCII password (RFC 8018 §3).
  check("ed25519-nonascii.pem", passwords.at("nonascii"), "ed25519");
  // The empty password is a password.
  check("rsa-empty.pem", "", "rsa");
  CHECK(passwords.at("empty").empty());
}

TEST_CASE("keys: PBES2 limits against hostile files") {
  const Bytes der =
      pki::parse_pem(read_text(pki_path("keys/enc/p256-hmacWithSHA256-aes-256-cbc.pem"))).at(0).der;
  pki::PbeLimits limits;
  limits.max_iterations = 1000;
  CHECK_TLS_ERROR(pki::decrypt_pkcs8(der, "x", limits), AlertDescription::illegal_parameter,
                  "2048 PBKDF2 iterations exceed the limit of 1000");
  limits = {};
  limits.max_ciphertext_size = 16;
  CHECK_TLS_ERROR(pki::decrypt_pkcs8(der, "x", limits), AlertDescription::illegal_parameter,
                  "exceeds the limit of 16");
}

TEST_CASE("keys: key_matches pairs keys with certificates") {
  const auto leaf = pki::load_certificates(read_bytes(pki_path("certs/leaf-p256.pem"))).at(0);
  const auto p256 = provider().import_private_key(
      pki::parse_pkcs8(read_bytes(pki_path("keys/p256.pk8.der"))).key);
  const auto p384 = provider().import_private_key(
      pki::parse_pkcs8(read_bytes(pki_path("keys/p384.pk8.der"))).key);
  REQUIRE(leaf.public_key().key);
  CHECK(pki::key_matches(*p256, *leaf.public_key().key));
  CHECK(!pki::key_matches(*p384, *leaf.public_key().key));
  // The captured test PKI: every key file belongs to its certificate, no other.
  const char* names[] = {"client-ed25519", "client-p256", "client-p384", "client-rsa",
                         "server-ed25519", "server-p256", "server-p384", "server-rsa"};
  for (const char* name : names) {
    CAPTURE(name);
    const auto cert =
        pki::load_certificates(read_bytes(data_path(std::string("captures/pki/") + name + ".pem")))
            .at(0);
    const auto key = provider().import_private_key(
        pki::load_private_key(read_bytes(data_path(std::string("captures/pki/") + name + ".key")),
                              std::nullopt)
            .key);
    REQUIRE(cert.public_key().key);
    CHECK(pki::key_matches(*key, *cert.public_key().key));
    CHECK(!pki::key_matches(*p256, *cert.public_key().key));
  }
}

// Builds a SubjectPublicKeyInfo from an algorithm OID, raw parameters and key bytes.
Bytes make_spki(const std::string& oid, const Bytes& params, const Bytes& key) {
  Bytes out;
  pki::der::Writer w(out);
  w.sequence([&](pki::der::Writer& s) {
    s.sequence([&](pki::der::Writer& alg) {
      alg.oid(pki::Oid(pki::encode_oid(oid)));
      alg.raw(params);
    });
    s.bit_string(key);
  });
  return out;
}

TEST_CASE("keys: SubjectPublicKeyInfo validation and unsupported algorithms") {
  const Bytes ed = hex("0000000000000000000000000000000000000000000000000000000000000000");
  CHECK(pki::parse_spki(make_spki("1.3.101.112", {}, ed)).key);
  CHECK_TLS_ERROR(pki::parse_spki(make_spki("1.3.101.112", hex("0500"), ed)), kDecode,
                  "SubjectPublicKeyInfo.algorithm.parameters: ED25519 parameters must be absent");
  CHECK_TLS_ERROR(pki::parse_spki(make_spki("1.3.101.112", {}, hex("00"))), kDecode,
                  "Ed25519 public key of 1 bytes (want 32)");
  // RSA: NULL parameters are required (RFC 3279 §2.3.1).
  const Bytes rsa_key = hex("3006020100020103");
  CHECK_TLS_ERROR(pki::parse_spki(make_spki("1.2.840.113549.1.1.1", {}, rsa_key)), kDecode,
                  "rsaEncryption parameters must be NULL");
  CHECK_TLS_ERROR(pki::parse_spki(make_spki("1.2.840.113549.1.1.1", hex("0500"), rsa_key)), kDecode,
                  "subjectPublicKey.RSAPublicKey.modulus: is zero");
  // EC: curve and point checks.
  const Bytes p256_oid = hex("06082a8648ce3d030107");
  CHECK_TLS_ERROR(pki::parse_spki(make_spki("1.2.840.10045.2.1", p256_oid, hex("0401"))), kDecode,
                  "EC point of 2 bytes is not an uncompressed secp256r1 point");
  const auto compressed =
      pki::parse_spki(make_spki("1.2.840.10045.2.1", p256_oid, hex("02" + std::string(64, '1'))));
  CHECK(!compressed.key);
  CHECK(compressed.unsupported_reason == "compressed EC points are not supported");
  const auto p521 =
      pki::parse_spki(make_spki("1.2.840.10045.2.1", hex("06052b81040023"), hex("04")));
  CHECK(!p521.key);
  CHECK(p521.unsupported_reason == "curve secp521r1 is not supported");
  // DSA: recorded as unsupported, an error only when the key is needed.
  const Bytes dsa = make_spki("1.2.840.10040.4.1", {}, hex("020101"));
  const auto info = pki::parse_spki(dsa);
  CHECK(!info.key);
  CHECK(info.unsupported_reason == "public key algorithm dsaEncryption is not supported");
  CHECK_TLS_ERROR(pki::public_key_from_spki(dsa), AlertDescription::unsupported_certificate,
                  "dsaEncryption is not supported");
  // Trailing bytes after the SPKI.
  Bytes trailing = make_spki("1.3.101.112", {}, ed);
  trailing.push_back(0);
  CHECK_TLS_ERROR(pki::parse_spki(trailing), kDecode, "SubjectPublicKeyInfo: 1 trailing byte");
}

TEST_CASE("keys: malformed PKCS#8, PKCS#1 and SEC1") {
  const Bytes ed = read_bytes(pki_path("keys/ed25519.pk8.der"));
  Bytes bad_version = ed;
  bad_version[4] = 2;  // 30 2e 02 01 [00]
  CHECK_TLS_ERROR(pki::parse_pkcs8(bad_version), kDecode,
                  "PrivateKeyInfo.version: must be 0 or 1, got 2");
  Bytes short_seed = ed;
  short_seed.pop_back();
  CHECK_TLS_ERROR(pki::parse_pkcs8(short_seed), kDecode, "PrivateKeyInfo");
  const Bytes rsa = read_bytes(pki_path("keys/rsa.pkcs1.der"));
  Bytes multi_prime = rsa;
  multi_prime[6] = 1;  // 30 82 xx xx 02 01 [00]
  CHECK_TLS_ERROR(pki::parse_rsa_private_key(multi_prime),
                  AlertDescription::unsupported_certificate,
                  "multi-prime RSA keys are not supported");
  const Bytes sec1 = read_bytes(pki_path("keys/p256.sec1.der"));
  CHECK_TLS_ERROR(pki::parse_ec_private_key(sec1, kDecode, crypto::NamedGroup::secp384r1), kDecode,
                  "curve secp256r1 differs from the AlgorithmIdentifier's secp384r1");
  CHECK_TLS_ERROR(pki::load_private_key(view(std::string("-----BEGIN CERTIFICATE-----\nZm9v\n"
                                                         "-----END CERTIFICATE-----\n")),
                                        std::nullopt),
                  kDecode, "PEM: no PRIVATE KEY");
}

TEST_CASE("pbe: PBKDF2 vectors (RFC 6070 §2, RFC 7914 §11)") {
  const auto derive = [](HashAlgorithm h, std::string_view p, std::string_view s, std::uint32_t c,
                         std::size_t n) {
    const SecretBytes k = crypto::pbkdf2_hmac(h, view(p), view(s), c, n);
    return to_hex(Bytes(k.begin(), k.end()));
  };
  using namespace std::string_view_literals;
  CHECK(derive(HashAlgorithm::sha1, "password", "salt", 1, 20) ==
        "0c60c80f961f0e71f3a9b524af6012062fe037a6");
  CHECK(derive(HashAlgorithm::sha1, "password", "salt", 2, 20) ==
        "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
  CHECK(derive(HashAlgorithm::sha1, "password", "salt", 4096, 20) ==
        "4b007901b765489abead49d926f721d065a429c1");
  CHECK(derive(HashAlgorithm::sha1, "passwordPASSWORDpassword",
               "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096,
               25) == "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038");
  CHECK(derive(HashAlgorithm::sha1, "pass\0word"sv, "sa\0lt"sv, 4096, 16) ==
        "56fa6aa75548099dcc37d7f03425e0c3");
  CHECK(derive(HashAlgorithm::sha256, "passwd", "salt", 1, 64) ==
        "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
  CHECK(derive(HashAlgorithm::sha256, "Password", "NaCl", 80000, 64) ==
        "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
        "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
  CHECK_TLS_ERROR(crypto::pbkdf2_hmac(HashAlgorithm::sha1, {}, {}, 0, 16),
                  AlertDescription::internal_error, "at least 1");
}

TEST_CASE("pbe: CBC with PKCS#7 padding (SP 800-38A §F.2.1, §F.2.3, §F.2.5)") {
  const Bytes iv = hex("000102030405060708090a0b0c0d0e0f");
  const Bytes plain = hex("6bc1bee22e409f96e93d7e117393172a");
  const struct {
    PbeCipher cipher;
    const char* key;
    const char* first_block;
  } vectors[] = {
      {PbeCipher::aes_128_cbc, "2b7e151628aed2a6abf7158809cf4f3c",
       "7649abac8119b246cee98e9b12e9197d"},
      {PbeCipher::aes_192_cbc, "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
       "4f021db243bc633d7178183a9fa071e8"},
      {PbeCipher::aes_256_cbc, "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
       "f58c4c04d6e5f1ba779eabfb5f7bfbd6"},
  };
  for (const auto& v : vectors) {
    CAPTURE(crypto::pbe_cipher_name(v.cipher));
    const Bytes ct = crypto::cbc_encrypt_padded(v.cipher, hex(v.key), iv, plain);
    REQUIRE(ct.size() == 32);  // a whole block of padding after a whole block of data
    CHECK(to_hex(ByteView(ct).subspan(0, 16)) == v.first_block);
    const SecretBytes back = crypto::cbc_decrypt_padded(v.cipher, hex(v.key), iv, ct);
    CHECK(Bytes(back.begin(), back.end()) == plain);
    // The padding block decrypts to garbage under another key.
    Bytes other_key = hex(v.key);
    other_key[0] ^= 1;
    CHECK_TLS_ERROR(crypto::cbc_decrypt_padded(v.cipher, other_key, iv, ct),
                    AlertDescription::decrypt_error, "bad padding");
  }
  // 3DES: an 8-byte block, 1..8 padding bytes.
  const Bytes key3 = hex("0123456789abcdef23456789abcdef01456789abcdef0123");
  const Bytes iv8 = hex("0001020304050607");
  for (std::size_t n = 0; n < 20; ++n) {
    const Bytes p(n, 0x42);
    const Bytes ct = crypto::cbc_encrypt_padded(PbeCipher::des_ede3_cbc, key3, iv8, p);
    CHECK(ct.size() == (n / 8 + 1) * 8);
    const SecretBytes back = crypto::cbc_decrypt_padded(PbeCipher::des_ede3_cbc, key3, iv8, ct);
    CHECK(Bytes(back.begin(), back.end()) == p);
  }
  CHECK_TLS_ERROR(crypto::cbc_decrypt_padded(PbeCipher::des_ede3_cbc, key3, iv8, hex("0011")),
                  kDecode, "not a non-zero multiple of the 8-byte block");
  CHECK_TLS_ERROR(crypto::cbc_decrypt_padded(PbeCipher::aes_128_cbc, key3, iv, plain),
                  AlertDescription::internal_error, "key must be 16 bytes");
}

}  // namespace
}  // namespace tlslab::test

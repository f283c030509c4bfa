// PKCS#12 (RFC 7292): the KDF against openssl's and the standard vectors, the legacy ciphers,
// and every file of tests/data/pkcs12 (openssl 3.0, GnuTLS, Java keytool, Python cryptography,
// hand-built PBMAC1/BER files) loading to exactly the key and chain openssl sees in it
// (manifest.json, written by tests/data/pkcs12/make.sh); wrong passwords, damaged and hostile
// files with their error kind and reason.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "../test_util.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/crypto/pkcs12_pbe.hpp"
#include "tlslab/pki/keys.hpp"
#include "tlslab/pki/pkcs12.hpp"

namespace tlslab {
namespace {

using pki::Pkcs12Error;
using pki::Pkcs12ErrorKind;

const nlohmann::json& manifest() {
  static const nlohmann::json m =
      nlohmann::json::parse(test::read_text(test::data_path("pkcs12/manifest.json")));
  return m;
}

Bytes file(const std::string& name) {
  const std::string text = test::read_text(test::data_path("pkcs12/" + name + ".p12"));
  return Bytes(text.begin(), text.end());
}

std::optional<std::string> password_of(const nlohmann::json& entry) {
  if (entry["password"].is_null()) return std::nullopt;
  return entry["password"].get<std::string>();
}

std::string sha256_hex(crypto::Provider& p, ByteView data) {
  return to_hex(p.hash(crypto::HashAlgorithm::sha256, data).view());
}

// Runs `f` and returns the Pkcs12Error it throws (fails the test if it throws nothing else).
template <class F>
std::optional<Pkcs12Error> pkcs12_error(F&& f) {
  try {
    f();
  } catch (const Pkcs12Error& e) {
    return e;
  } catch (const Error& e) {
    FAIL("a tlslab::Error that is not a Pkcs12Error: " << e.reason());
  }
  return std::nullopt;
}

#define CHECK_PKCS12_ERROR(expr, kind_value, text)                                               \
  do {                                                                                           \
    const auto err_ = pkcs12_error([&] { (void)(expr); });                                       \
    REQUIRE_MESSAGE(err_.has_value(), "no Pkcs12Error from " #expr);                             \
    CHECK_MESSAGE(err_->kind() == (kind_value), "kind was "                                      \
                                                    << pki::pkcs12_error_kind_name(err_->kind()) \
                                                    << ": " << err_->reason());                  \
    CHECK_MESSAGE(err_->reason().find(text) != std::string::npos,                                \
                  "reason \"" << err_->reason() << "\" lacks \"" << (text) << "\"");             \
  } while (false)

crypto::HashAlgorithm hash_named(const std::string& n) {
  if (n == "SHA1") return crypto::HashAlgorithm::sha1;
  if (n == "SHA224") return crypto::HashAlgorithm::sha224;
  if (n == "SHA256") return crypto::HashAlgorithm::sha256;
  if (n == "SHA384") return crypto::HashAlgorithm::sha384;
  REQUIRE(n == "SHA512");
  return crypto::HashAlgorithm::sha512;
}

TEST_CASE("PKCS#12 KDF: openssl kdf PKCS12KDF vectors") {
  REQUIRE(manifest()["kdf"].size() >= 10);
  for (const auto& v : manifest()["kdf"]) {
    CAPTURE(v.dump());
    const Bytes password = from_hex(v["password"].get<std::string>());
    const Bytes salt = from_hex(v["salt"].get<std::string>());
    const Bytes expected = from_hex(v["output"].get<std::string>());
    const auto out = crypto::pkcs12_kdf(
        hash_named(v["hash"]), static_cast<crypto::Pkcs12KdfId>(v["id"].get<int>()), password, salt,
        v["iterations"].get<std::uint32_t>(), expected.size());
    CHECK(to_hex(out) == to_hex(expected));
  }
}

TEST_CASE("PKCS#12 KDF: the published \"smeg\" vectors") {
  // The widely used PKCS#12 KDF test vectors (password "smeg", salt 0A58CF64530D823F, one
  // iteration, SHA-1), also in the manifest as openssl computes them.
  const auto pw = crypto::pkcs12_password_bmp("smeg");
  REQUIRE(pw);
  const Bytes salt = test::hex("0A58CF64530D823F");
  CHECK(to_hex(crypto::pkcs12_kdf(crypto::HashAlgorithm::sha1, crypto::Pkcs12KdfId::key, *pw, salt,
                                  1, 24)) == "8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3");
  CHECK(to_hex(crypto::pkcs12_kdf(crypto::HashAlgorithm::sha1, crypto::Pkcs12KdfId::iv, *pw, salt,
                                  1, 8)) == "79993dfe048d3b76");
  CHECK_TLS_ERROR(
      crypto::pkcs12_kdf(crypto::HashAlgorithm::sha1, crypto::Pkcs12KdfId::key, *pw, salt, 0, 8),
      AlertDescription::internal_error, "at least 1");
}

TEST_CASE("PKCS#12 password encoding (RFC 7292 §B.1)") {
  CHECK(to_hex(*crypto::pkcs12_password_bmp("")) == "0000");
  CHECK(to_hex(*crypto::pkcs12_password_bmp("smeg")) == "0073006d006500670000");
  // ä (U+00E4), ✓ (U+2713), and U+1F600 outside the BMP as a surrogate pair.
  CHECK(to_hex(*crypto::pkcs12_password_bmp("\xc3\xa4\xe2\x9c\x93\xf0\x9f\x98\x80")) ==
        "00e42713d83dde000000");
  CHECK_FALSE(crypto::pkcs12_password_bmp("\xc3").has_value());          // truncated
  CHECK_FALSE(crypto::pkcs12_password_bmp("\xc0\x80").has_value());      // overlong
  CHECK_FALSE(crypto::pkcs12_password_bmp("\xed\xa0\x80").has_value());  // a surrogate
  CHECK(to_hex(crypto::pkcs12_password_bytes_as_bmp("\xc3\xa4")) == "00c300a40000");
}

TEST_CASE("PKCS#12 legacy ciphers: round trip and wrong password") {
  using C = crypto::Pkcs12PbeCipher;
  const Bytes salt = test::hex("0102030405060708");
  const Bytes plain = test::hex("000102030405060708090a0b0c0d0e0f1011121314");
  const auto pw = *crypto::pkcs12_password_bmp("right");
  const auto wrong = *crypto::pkcs12_password_bmp("wrong");
  for (const C c :
       {C::rc4_128, C::rc4_40, C::des_ede3_cbc, C::des_ede2_cbc, C::rc2_128_cbc, C::rc2_40_cbc}) {
    CAPTURE(crypto::pkcs12_pbe_name(c));
    const Bytes ct = crypto::pkcs12_pbe_encrypt(c, pw, salt, 3, plain);
    CHECK(ct != plain);
    CHECK(test::copy(crypto::pkcs12_pbe_decrypt(c, pw, salt, 3, ct)) == plain);
    if (crypto::pkcs12_pbe_iv_size(c) == 8) {
      CHECK(ct.size() == 24);
      // A wrong key leaves bad padding with probability 255/256; these values do.
      CHECK_TLS_ERROR(crypto::pkcs12_pbe_decrypt(c, wrong, salt, 3, ct),
                      AlertDescription::decrypt_error, "wrong password");
      CHECK_TLS_ERROR(crypto::pkcs12_pbe_decrypt(c, pw, salt, 3, ByteView(ct).first(20)),
                      AlertDescription::decode_error, "not a non-zero multiple");
    } else {
      CHECK(ct.size() == plain.size());
      CHECK(test::copy(crypto::pkcs12_pbe_decrypt(c, wrong, salt, 3, ct)) != plain);
    }
  }
}

TEST_CASE("every file loads to the key and chain openssl sees") {
  auto provider = crypto::make_default_provider();
  const auto& files = manifest()["files"];
  REQUIRE(files.size() >= 40);
  for (const auto& item : files.items()) {
    const std::string name = item.key();
    const nlohmann::json& entry = item.value();
    CAPTURE(name);
    const Bytes data = file(name);
    const auto pw = password_of(entry);
    pki::Pkcs12Contents c;
    try {
      c = pki::load_pkcs12(data, pw ? std::optional<std::string_view>(*pw) : std::nullopt,
                           *provider);
    } catch (const Error& e) {
      FAIL("load failed: " << e.reason());
    }
    REQUIRE(c.keys.size() == 1);
    const auto key = provider->import_private_key(c.keys[0].key);
    CHECK(sha256_hex(*provider, pki::encode_spki(key->public_key().material())) ==
          entry["spki_sha256"].get<std::string>());
    REQUIRE(c.chain.size() == entry["chain"].size());
    for (std::size_t i = 0; i < c.chain.size(); ++i) {
      CHECK(sha256_hex(*provider, c.certificates[c.chain[i]].der) ==
            entry["chain"][i]["sha256"].get<std::string>());
    }
    std::vector<std::string> extras, expected_extras;
    for (const auto i : c.extras)
      extras.push_back(sha256_hex(*provider, c.certificates[i].der));
    for (const auto& e : entry["extra_sha256"])
      expected_extras.push_back(e.get<std::string>());
    std::ranges::sort(extras);
    std::ranges::sort(expected_extras);
    CHECK(extras == expected_extras);
    CHECK(c.mac_verified == c.structure.mac.has_value());

    const pki::Identity id = pki::pkcs12_identity(c, *provider);
    REQUIRE(id.chain.size() == entry["chain"].size());
    CHECK(sha256_hex(*provider, id.chain[0]) == entry["chain"][0]["sha256"].get<std::string>());
    CHECK(pki::key_matches(
        *id.key, pki::public_key_from_spki(pki::encode_spki(id.key->public_key().material()))));
  }
}

TEST_CASE("structure without a password: openssl 3.0's default layout") {
  const Bytes data = file("ossl3-default-rsa");
  const pki::Pkcs12Structure s = pki::parse_pkcs12_structure(data);
  REQUIRE(s.mac);
  CHECK_FALSE(s.mac->pbmac1);
  CHECK(s.mac->hash == crypto::HashAlgorithm::sha256);
  CHECK(s.mac->iterations == 2048);
  REQUIRE(s.safes.size() == 2);
  // Certificates in an EncryptedData (PBES2 AES-256-CBC), the key in a plain data ContentInfo
  // as a pkcs8ShroudedKeyBag.
  REQUIRE(s.safes[0].encryption);
  CHECK(s.safes[0].encryption->scheme == pki::Pkcs12Encryption::Scheme::pbes2);
  CHECK(s.safes[0].encryption->parameters.find("AES-256-CBC") != std::string::npos);
  CHECK_FALSE(s.safes[0].decrypted);
  REQUIRE(s.safes[1].bags.size() == 1);
  CHECK(s.safes[1].bags[0].type == pki::Pkcs12Bag::Type::shrouded_key);
  CHECK(s.safes[1].bags[0].attributes.friendly_name == "leaf rsa");
  CHECK(s.safes[1].bags[0].attributes.local_key_id.has_value());
}

TEST_CASE("legacy layout: RC2-40 certificates, 3DES key, SHA-1 MAC") {
  auto provider = crypto::make_default_provider();
  const auto c = pki::load_pkcs12(file("ossl3-legacy-rsa"), "tlslab p12 test", *provider);
  REQUIRE(c.structure.mac);
  CHECK(c.structure.mac->hash == crypto::HashAlgorithm::sha1);
  REQUIRE(c.structure.safes[0].encryption);
  CHECK(c.structure.safes[0].encryption->cipher == crypto::Pkcs12PbeCipher::rc2_40_cbc);
  CHECK(c.structure.safes[0].decrypted);
  REQUIRE(c.structure.safes[1].bags[0].encryption);
  CHECK(c.structure.safes[1].bags[0].encryption->cipher == crypto::Pkcs12PbeCipher::des_ede3_cbc);
}

TEST_CASE("PBMAC1 (RFC 9579)") {
  auto provider = crypto::make_default_provider();
  const auto c = pki::load_pkcs12(file("pbmac1-sha256"), "tlslab p12 test", *provider);
  REQUIRE(c.structure.mac);
  CHECK(c.structure.mac->pbmac1);
  CHECK(c.structure.mac->key_length == 32);
  CHECK(c.mac_verified);
  CHECK_PKCS12_ERROR(pki::load_pkcs12(file("pbmac1-sha512"), "wrong", *provider),
                     Pkcs12ErrorKind::wrong_password, "MAC verification failed");
}

TEST_CASE("empty and absent passwords: OpenSSL's order of attempts") {
  auto provider = crypto::make_default_provider();
  for (const char* name : {"ossl3-empty-password", "ossl3-legacy-empty-password",
                           "gnutls-empty-password", "gnutls-null-password"}) {
    CAPTURE(name);
    const Bytes data = file(name);
    const auto a = pki::load_pkcs12(data, "", *provider);
    const auto b = pki::load_pkcs12(data, std::nullopt, *provider);
    CHECK(a.password_form == b.password_form);
    CHECK(a.keys.size() == 1);
    CHECK_PKCS12_ERROR(pki::load_pkcs12(data, "x", *provider), Pkcs12ErrorKind::wrong_password,
                       "wrong password");
  }
  // GnuTLS's --null-password MACs with the absent password, --empty-password with 00 00.
  CHECK(pki::load_pkcs12(file("gnutls-null-password"), "", *provider).password_form ==
        pki::Pkcs12PasswordForm::absent);
  CHECK(pki::load_pkcs12(file("gnutls-empty-password"), "", *provider).password_form ==
        pki::Pkcs12PasswordForm::empty_bmp);
}

TEST_CASE("wrong password is its own error kind") {
  auto provider = crypto::make_default_provider();
  CHECK_PKCS12_ERROR(pki::load_pkcs12(file("ossl3-default-p256"), "tlslab p12 tesT", *provider),
                     Pkcs12ErrorKind::wrong_password, "PKCS#12.PFX.macData: MAC verification");
  // Without a MAC the decryption tells: bad padding (CBC), in the first encrypted layer.
  CHECK_PKCS12_ERROR(pki::load_pkcs12(file("ossl3-nomac"), "nope", *provider),
                     Pkcs12ErrorKind::wrong_password,
                     "PKCS#12.AuthenticatedSafe[0]: PBES2 (PBES2, PBKDF2 hmacWithSHA256, 2048 "
                     "iterations, AES-256-CBC): AES-256-CBC: bad padding");
  // RC4 has no padding: the garbage it decrypts to does not parse.
  CHECK_PKCS12_ERROR(pki::load_pkcs12(file("ossl3-nomac-rc4"), "nope", *provider),
                     Pkcs12ErrorKind::wrong_password,
                     "PKCS#12.AuthenticatedSafe[0]: wrong password or corrupt data (the decrypted "
                     "data does not parse");
  const auto e = pkcs12_error([&] { pki::load_pkcs12(file("ossl3-nomac"), "nope", *provider); });
  REQUIRE(e);
  CHECK(e->alert() == AlertDescription::decrypt_error);
  // A -nomac file is still read, with a note.
  const auto c = pki::load_pkcs12(file("ossl3-nomac-plain"), "anything", *provider);
  CHECK_FALSE(c.mac_verified);
  CHECK(std::ranges::find(c.notes, std::string("no MacData: no integrity check")) != c.notes.end());
}

TEST_CASE("truncated and corrupted files are malformed, naming the layer") {
  auto provider = crypto::make_default_provider();
  const Bytes data = file("ossl3-default-p256");
  for (const std::size_t cut :
       {std::size_t{1}, std::size_t{4}, std::size_t{30}, data.size() / 2, data.size() - 1}) {
    CAPTURE(cut);
    CHECK_PKCS12_ERROR(pki::load_pkcs12(ByteView(data).first(cut), "tlslab p12 test", *provider),
                       Pkcs12ErrorKind::malformed, "PKCS#12");
  }
  CHECK_PKCS12_ERROR(
      pki::load_pkcs12(ByteView(data).first(data.size() / 2), "tlslab p12 test", *provider),
      Pkcs12ErrorKind::malformed, "PKCS#12.PFX");
  // PFX.version 3 -> 4 (the INTEGER right after the outer header).
  Bytes bad = data;
  const std::size_t header = (bad[1] & 0x80) ? 2 + (bad[1] & 0x7f) : 2;
  REQUIRE(bad[header] == 0x02);
  bad[header + 2] = 4;
  CHECK_PKCS12_ERROR(pki::load_pkcs12(bad, "tlslab p12 test", *provider),
                     Pkcs12ErrorKind::malformed, "PKCS#12.PFX.version: 4, RFC 7292 requires 3");
  // The last byte is in the MAC's iteration count or digest: the MAC no longer verifies.
  bad = data;
  bad[bad.size() - 1] ^= 1;
  const auto e = pkcs12_error([&] { pki::load_pkcs12(bad, "tlslab p12 test", *provider); });
  REQUIRE(e);
  CHECK(e->kind() != Pkcs12ErrorKind::unsupported);
  // signedData (public-key integrity mode): unsupported.
  CHECK_PKCS12_ERROR(
      pki::parse_pkcs12_structure(test::hex("3014020103300f06092a864886f70d010702a0023000")),
      Pkcs12ErrorKind::unsupported, "signedData (public-key integrity mode) is not supported");
}

TEST_CASE("hostile files hit the limits") {
  auto provider = crypto::make_default_provider();
  const std::string pw = "tlslab p12 test";
  CHECK_PKCS12_ERROR(pki::load_pkcs12(file("hostile-mac-iterations"), pw, *provider),
                     Pkcs12ErrorKind::limit,
                     "PFX.macData.iterations: iteration count 2147483647 exceeds the limit "
                     "10000000");
  CHECK_PKCS12_ERROR(pki::load_pkcs12(file("hostile-pbmac1-keylen"), pw, *provider),
                     Pkcs12ErrorKind::limit,
                     "keyLength: PBMAC1 key length 2147483647 exceeds the limit 64");
  CHECK_PKCS12_ERROR(pki::load_pkcs12(file("hostile-pbmac1-iterations"), pw, *provider),
                     Pkcs12ErrorKind::limit,
                     "iteration count 2147483647 exceeds the limit 10000000");
  CHECK_PKCS12_ERROR(pki::load_pkcs12(file("hostile-nesting"), pw, *provider),
                     Pkcs12ErrorKind::limit, "safeContentsBag nesting depth 5 exceeds the limit 4");
  // Tighter limits on ordinary files.
  pki::Pkcs12Limits limits;
  limits.max_bags = 2;
  CHECK_PKCS12_ERROR(pki::load_pkcs12(file("ossl3-default-rsa"), pw, *provider, limits),
                     Pkcs12ErrorKind::limit,
                     "number of SafeBags in the file 3 exceeds the limit 2");
  limits = {};
  limits.max_file_size = 100;
  CHECK_PKCS12_ERROR(pki::load_pkcs12(file("ossl3-default-rsa"), pw, *provider, limits),
                     Pkcs12ErrorKind::limit, "exceeds the limit 100");
  limits = {};
  limits.pbe.max_iterations = 2047;
  CHECK_PKCS12_ERROR(pki::load_pkcs12(file("ossl3-default-rsa"), pw, *provider, limits),
                     Pkcs12ErrorKind::limit, "iteration count 2048 exceeds the limit 2047");
  limits = {};
  limits.max_pbmac1_key_length = 31;
  CHECK_PKCS12_ERROR(pki::load_pkcs12(file("pbmac1-sha256"), pw, *provider, limits),
                     Pkcs12ErrorKind::limit, "PBMAC1 key length 32 exceeds the limit 31");
  limits = {};
  limits.max_depth = 1;
  CHECK_PKCS12_ERROR(pki::load_pkcs12(file("nested-depth2"), pw, *provider, limits),
                     Pkcs12ErrorKind::limit, "nesting depth 2 exceeds the limit 1");
}

}  // namespace
}  // namespace tlslab

// PEM (RFC 7468) and base64 (RFC 4648 §10 test vectors).
#include <doctest/doctest.h>

#include "../test_util.hpp"
#include "pki_test_util.hpp"
#include "tlslab/pki/pem.hpp"

namespace tlslab::test {
namespace {

using pki::decode_base64;
using pki::encode_base64;
using pki::parse_pem;

constexpr auto kDecode = AlertDescription::decode_error;

TEST_CASE("base64: RFC 4648 §10 vectors both ways") {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    CHECK(encode_base64(view(std::string_view(plain))) == encoded);
    const Bytes d = decode_base64(encoded);
    CHECK(std::string(d.begin(), d.end()) == plain);
  }
  CHECK(copy(decode_base64("Zm9v\r\nYmFy \t")) == Bytes{'f', 'o', 'o', 'b', 'a', 'r'});
  CHECK_TLS_ERROR(decode_base64("Zm9v!mFy"), kDecode, "'!' at index 4 is not a base64 character");
  CHECK_TLS_ERROR(decode_base64("Zm9vYmE"), kDecode, "base64 length 7 is not a multiple of 4");
  CHECK_TLS_ERROR(decode_base64("Zg==Zg=="), kDecode, "data after '=' padding");
  CHECK_TLS_ERROR(decode_base64("Z==="), kDecode, "misplaced '=' padding");
}

TEST_CASE("pem: every block with its label, junk between blocks ignored") {
  const std::string text =
      "Bag Attributes\n"
      "    friendlyName: test\n"
      "-----BEGIN CERTIFICATE-----\r\n"
      "Zm9v\r\n"
      "YmFy\r\n"
      "-----END CERTIFICATE-----\r\n"
      "anything at all -----\n"
      "-----BEGIN PRIVATE KEY-----\n"
      "Zm9vYg==\n"
      "-----END PRIVATE KEY-----";
  const auto blocks = parse_pem(text);
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].label == "CERTIFICATE");
  CHECK(blocks[0].line == 3);
  CHECK(std::string(blocks[0].der.begin(), blocks[0].der.end()) == "foobar");
  CHECK(blocks[1].label == "PRIVATE KEY");
  CHECK(blocks[1].line == 8);
  CHECK(std::string(blocks[1].der.begin(), blocks[1].der.end()) == "foob");
  CHECK(parse_pem("no blocks here\n").empty());
  CHECK(pki::looks_like_pem(view(text)));
  CHECK(!pki::looks_like_pem(hex("3003020101")));
}

TEST_CASE("pem: errors name the block and the line") {
  CHECK_TLS_ERROR(parse_pem("-----BEGIN CERTIFICATE-----\nZm9v\n"), kDecode,
                  "PEM block \"CERTIFICATE\" (BEGIN at line 1): no END line before the end");
  CHECK_TLS_ERROR(parse_pem("-----BEGIN CERTIFICATE-----\nZm9v\n-----END PRIVATE KEY-----\n"),
                  kDecode, "END line 3 is for \"PRIVATE KEY\"");
  CHECK_TLS_ERROR(parse_pem("-----BEGIN A-----\nZm9v\n-----BEGIN B-----\nZm9v\n-----END B-----\n"),
                  kDecode,
                  "PEM block \"A\" (BEGIN at line 1): no END line before the next BEGIN at line 3");
  CHECK_TLS_ERROR(
      parse_pem("x\n-----BEGIN CERTIFICATE-----\nZm9v\nZm*v\n-----END CERTIFICATE-----\n"), kDecode,
      "'*' at line 4, column 3 is not a base64 character");
  CHECK_TLS_ERROR(parse_pem("-----BEGIN CERTIFICATE-----\nZm9vY\n-----END CERTIFICATE-----\n"),
                  kDecode, "base64 length 5 is not a multiple of 4");
  CHECK_TLS_ERROR(parse_pem("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                            "DEK-Info: AES-128-CBC,00\n\nZm9v\n-----END RSA PRIVATE KEY-----\n"),
                  kDecode, "RFC 1421 header \"Proc-Type\" at line 2 (legacy PEM encryption");
}

TEST_CASE("pem: writer round trip, 64-column lines") {
  Bytes der(100);
  for (std::size_t i = 0; i < der.size(); ++i)
    der[i] = static_cast<std::uint8_t>(i * 7);
  const std::string pem = pki::encode_pem("CERTIFICATE", der);
  CHECK(pem.substr(0, 28) == "-----BEGIN CERTIFICATE-----\n");
  CHECK(pem.find('\n', 28) - 28 == 64);
  const auto blocks = parse_pem(pem);
  REQUIRE(blocks.size() == 1);
  CHECK(blocks[0].der == der);
}

TEST_CASE("pem: the files openssl wrote") {
  const auto blocks = parse_pem(read_text(pki_path("certs/chain-junk.pem")));
  REQUIRE(blocks.size() == 4);
  CHECK(blocks[0].label == "CERTIFICATE");
  CHECK(blocks[1].label == "PRIVATE KEY");
  CHECK(blocks[0].der == read_bytes(pki_path("certs/leaf-p256.der")));
  CHECK(blocks[1].der == read_bytes(pki_path("keys/p256.pk8.der")));
  CHECK(blocks[2].der == read_bytes(pki_path("certs/int-constrained.der")));
  CHECK(blocks[3].der == read_bytes(pki_path("certs/root-rsa.der")));
}

}  // namespace
}  // namespace tlslab::test

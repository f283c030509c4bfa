// Certificates issued by pki::issue_certificate parse back with the expected fields, carry valid
// signatures, and `openssl verify` accepts the chains.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "../test_util.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/pki/builder.hpp"
#include "tlslab/pki/pem.hpp"
#include "tlslab/pki/x509.hpp"

using namespace tlslab;
using namespace tlslab::pki;

namespace {

constexpr std::int64_t kNow = 1798761600;  // 2027-01-01

CertificateTemplate leaf(const std::string& cn, OidId purpose) {
  CertificateTemplate t;
  t.subject = {{OidId::country_name, "NL"},
               {OidId::organization_name, "tlslab, test"},
               {OidId::common_name, cn}};
  t.serial = {0x0a, 0x0b};
  t.not_before = kNow - 3600;
  t.not_after = kNow + 86400 * 30;
  t.extended_key_usage = {purpose};
  t.dns_names = {"localhost"};
  t.ip_addresses = {{127, 0, 0, 1}};
  return t;
}

bool have_openssl() {
  return std::system("openssl version >/dev/null 2>&1") == 0;
}

}  // namespace

TEST_CASE("issued chains parse, verify and satisfy openssl verify") {
  auto p = crypto::make_default_provider();
  for (auto ca_type : {crypto::KeyType::ec_p256, crypto::KeyType::rsa, crypto::KeyType::ed25519}) {
    const auto ca_key = p->generate_private_key(ca_type);
    CertificateTemplate ca;
    ca.subject = {{OidId::common_name, "tlslab demo CA"}};
    ca.not_before = kNow - 3600;
    ca.not_after = kNow + 86400 * 365;
    ca.ca = true;
    ca.path_len = 0;
    const Bytes ca_der = issue_certificate(*p, ca, ca_key->public_key().material(), *ca_key);
    const auto ca_cert = Certificate::parse(ca_der);
    CHECK(ca_cert.self_issued());
    CHECK(ca_cert.verify_signature(ca_key->public_key()));
    REQUIRE(ca_cert.basic_constraints().has_value());
    CHECK(ca_cert.basic_constraints()->ca);
    CHECK(ca_cert.basic_constraints()->path_length == 0u);
    CHECK(ca_cert.key_usage()->has(KeyUsageBit::key_cert_sign));

    for (auto leaf_type : {crypto::KeyType::rsa, crypto::KeyType::ec_p256, crypto::KeyType::ec_p384,
                           crypto::KeyType::ed25519}) {
      CAPTURE(crypto::key_type_name(ca_type));
      CAPTURE(crypto::key_type_name(leaf_type));
      const auto key = p->generate_private_key(leaf_type);
      const Bytes der = issue_certificate(*p, leaf("localhost", OidId::kp_server_auth),
                                          key->public_key().material(), *ca_key, ca_der);
      const auto cert = Certificate::parse(der);
      CHECK(cert.version() == 3);
      CHECK(cert.subject().rfc2253() == "CN=localhost,O=tlslab\\, test,C=NL");
      CHECK(cert.issuer().rfc2253() == "CN=tlslab demo CA");
      CHECK(test::copy(cert.issuer().der) == test::copy(ca_cert.subject().der));
      CHECK(cert.not_before().seconds == kNow - 3600);
      CHECK(cert.verify_signature(ca_key->public_key()));
      // The leaf's own key does not verify it: false when the key type fits the algorithm, an
      // error naming the mismatch otherwise.
      const bool same_family = (leaf_type == ca_type) || (leaf_type == crypto::KeyType::ec_p384 &&
                                                          ca_type == crypto::KeyType::ec_p256);
      if (same_family) {
        CHECK_FALSE(cert.verify_signature(key->public_key()));
      } else {
        CHECK_THROWS_AS(cert.verify_signature(key->public_key()), Error);
      }
      CHECK(cert.extended_key_usage()->has(OidId::kp_server_auth));
      CHECK(cert.key_usage()->has(KeyUsageBit::digital_signature));
      CHECK(cert.key_usage()->has(KeyUsageBit::key_encipherment) ==
            (leaf_type == crypto::KeyType::rsa));
      REQUIRE(cert.subject_alt_names().has_value());
      CHECK(cert.subject_alt_names()->at(0).to_string() == "DNS:localhost");
      CHECK(cert.subject_alt_names()->at(1).to_string() == "IP Address:127.0.0.1");
      REQUIRE(cert.subject_key_identifier().has_value());
      CHECK(cert.subject_key_identifier()->size() == 20);

      if (!have_openssl()) {
        MESSAGE("openssl not installed: the openssl verify part is skipped");
        continue;
      }
      const auto dir = std::filesystem::temp_directory_path() / "tlslab-builder-test";
      std::filesystem::create_directories(dir);
      std::ofstream(dir / "ca.pem") << encode_pem("CERTIFICATE", ca_der);
      std::ofstream(dir / "leaf.pem") << encode_pem("CERTIFICATE", der);
      // -attime: the certificates are valid around kNow, not necessarily today.
      const std::string cmd = "openssl verify -attime " + std::to_string(kNow) +
                              " -purpose sslserver -CAfile " + (dir / "ca.pem").string() + " " +
                              (dir / "leaf.pem").string() + " >/dev/null 2>&1";
      CHECK_MESSAGE(std::system(cmd.c_str()) == 0, "openssl verify rejected the chain: " << cmd);
      std::filesystem::remove_all(dir);
    }
  }
}

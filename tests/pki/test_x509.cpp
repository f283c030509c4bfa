// X.509 certificates against what openssl said about them (tests/data/pki/certs/NAME.expect and
// NAME.txt, made by make.sh): fingerprints, names in RFC 2253 and one-line form, serials, dates,
// SPKI hashes, the whole `openssl x509 -text` output, and the signatures `openssl verify`
// accepted. Then hand-built certificates for the structural rules of RFC 5280 §4.1 and §4.2.
#include <doctest/doctest.h>

#include <functional>
#include <sstream>

#include "../test_util.hpp"
#include "pki_test_util.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/pki/der_writer.hpp"
#include "tlslab/pki/x509.hpp"
#include "tlslab/pki/x509_json.hpp"
#include "tlslab/pki/x509_print.hpp"

namespace tlslab::test {
namespace {

using pki::Certificate;
using pki::GeneralName;
using pki::OidId;
namespace der = pki::der;

constexpr auto kBad = AlertDescription::bad_certificate;
constexpr auto kDecode = AlertDescription::decode_error;

crypto::Provider& provider() {
  static const auto p = crypto::make_default_provider();
  return *p;
}

std::string sha256_hex(ByteView data) {
  return to_hex(provider().hash(crypto::HashAlgorithm::sha256, data).view());
}

Certificate load(const std::string& name) {
  return Certificate::parse(read_bytes(pki_path("certs/" + name + ".der")));
}

// certificate_text without the lines tlslab adds after openssl's.
std::string openssl_part(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::string out;
  while (std::getline(in, line)) {
    if (line.rfind("SHA256 Fingerprint=", 0) == 0 || line.rfind("SPKI SHA256=", 0) == 0 ||
        line.rfind("Unhandled critical", 0) == 0) {
      continue;
    }
    out += line + "\n";
  }
  return out;
}

TEST_CASE("x509: every certificate reads as openssl read it") {
  const auto names = cert_names();
  REQUIRE(names.size() >= 17);
  for (const std::string& name : names) {
    CAPTURE(name);
    const auto expect = read_expect(pki_path("certs/" + name + ".expect"));
    const Bytes der = read_bytes(pki_path("certs/" + name + ".der"));
    const Certificate c = Certificate::parse(der);
    CHECK(copy(c.der()) == der);
    CHECK(sha256_hex(c.der()) == plain_hex(expect.at("sha256")));
    CHECK(c.subject().rfc2253() == expect.at("subject"));
    CHECK(c.issuer().rfc2253() == expect.at("issuer"));
    CHECK(c.subject().oneline() == expect.at("subject_oneline"));
    CHECK(to_hex(c.serial()).find(plain_hex(expect.at("serial"))) != std::string::npos);
    CHECK(std::to_string(c.not_before().seconds) == expect.at("not_before_epoch"));
    CHECK(std::to_string(c.not_after().seconds) == expect.at("not_after_epoch"));
    CHECK(pki::openssl_time(c.not_before().seconds) == expect.at("not_before"));
    CHECK(pki::openssl_time(c.not_after().seconds) == expect.at("not_after"));
    CHECK(sha256_hex(c.public_key().der) == expect.at("spki_sha256"));
    CHECK(c.signature_algorithm().name() == expect.at("signature_algorithm"));
    CHECK(std::to_string(c.version()) == expect.at("version"));
    // The whole text, every field and extension, as `openssl x509 -noout -text` printed it.
    CHECK(openssl_part(pki::certificate_text(c, provider())) ==
          read_text(pki_path("certs/" + name + ".txt")));
    // PEM and DER give the same certificate.
    const auto from_pem = pki::load_certificates(read_bytes(pki_path("certs/" + name + ".pem")));
    REQUIRE(from_pem.size() == 1);
    CHECK(copy(from_pem[0].der()) == der);
    // The JSON figures.
    const auto j = pki::certificate_json(c, provider());
    CHECK(j["sha256"] == plain_hex(expect.at("sha256")));
    CHECK(j["spki_sha256"] == expect.at("spki_sha256"));
    CHECK(j["subject"] == expect.at("subject"));
    CHECK(j["issuer"] == expect.at("issuer"));
  }
}

TEST_CASE("x509: the signatures openssl verified verify, and altered ones do not") {
  std::istringstream in(read_text(pki_path("certs/verified.txt")));
  std::string child, issuer;
  int checked = 0;
  while (in >> child >> issuer) {
    CAPTURE(child);
    const Certificate c = load(child);
    const Certificate i = load(issuer);
    REQUIRE(i.public_key().key);
    const auto key = provider().import_public_key(*i.public_key().key);
    CHECK(c.verify_signature(*key));
    // A certificate's issuer field is the issuer's subject, byte for byte.
    CHECK(copy(c.issuer().der) == copy(i.subject().der));
    // One flipped bit in the signed part breaks the signature.
    Bytes tampered(c.der().begin(), c.der().end());
    const std::size_t at =
        static_cast<std::size_t>(c.tbs_der().data() - c.der().data()) + c.tbs_der().size() - 1;
    tampered[at] ^= 1;
    const Certificate t = Certificate::parse(tampered);
    CHECK(!t.verify_signature(*key));
    ++checked;
  }
  CHECK(checked == 17);
  // The captured test PKI: every certificate is signed by ca.pem.
  const auto ca = pki::load_certificates(read_bytes(data_path("captures/pki/ca.pem"))).at(0);
  const auto ca_key = provider().import_public_key(*ca.public_key().key);
  for (const char* name : {"client-ed25519", "client-p256", "client-p384", "client-rsa",
                           "server-ed25519", "server-p256", "server-p384", "server-rsa", "ca"}) {
    CAPTURE(name);
    const auto c =
        pki::load_certificates(read_bytes(data_path(std::string("captures/pki/") + name + ".pem")))
            .at(0);
    CHECK(c.verify_signature(*ca_key));
  }
}

TEST_CASE("x509: the leaf's extensions, parsed") {
  const Certificate leaf = load("leaf-p256");
  CHECK(leaf.version() == 3);
  REQUIRE(leaf.basic_constraints());
  CHECK(!leaf.basic_constraints()->ca);
  REQUIRE(leaf.key_usage());
  CHECK(leaf.key_usage()->has(pki::KeyUsageBit::digital_signature));
  CHECK(leaf.key_usage()->has(pki::KeyUsageBit::key_agreement));
  CHECK(!leaf.key_usage()->has(pki::KeyUsageBit::key_cert_sign));
  REQUIRE(leaf.extended_key_usage());
  CHECK(leaf.extended_key_usage()->has(OidId::kp_server_auth));
  CHECK(leaf.extended_key_usage()->has(OidId::kp_client_auth));
  CHECK(leaf.extended_key_usage()->purposes.back().dotted() == "1.3.6.1.4.1.99999.1");
  REQUIRE(leaf.subject_alt_names());
  const auto& san = *leaf.subject_alt_names();
  REQUIRE(san.size() == 9);
  CHECK(san[0].type == GeneralName::Type::dns_name);
  CHECK(san[0].text() == "www.example.com");
  CHECK(san[1].text() == "*.example.com");
  CHECK(san[2].type == GeneralName::Type::ip_address);
  CHECK(copy(san[2].value) == hex("c000020a"));
  CHECK(copy(san[3].value) == hex("20010db8000000000001000000000042"));
  CHECK(san[4].type == GeneralName::Type::rfc822_name);
  CHECK(san[4].text() == "admin@example.com");
  CHECK(san[5].type == GeneralName::Type::uri);
  CHECK(san[6].registered_id.dotted() == "1.2.3.4");
  REQUIRE(san[7].directory_name);
  CHECK(san[7].directory_name->rfc2253() == "CN=directory name,O=tlslab test,C=DE");
  CHECK(san[8].type == GeneralName::Type::other_name);
  CHECK(san[8].other_name_type.id() == OidId::ms_upn);
  REQUIRE(leaf.issuer_alt_names());
  CHECK(leaf.issuer_alt_names()->size() == 2);
  // AKI: the issuer's key identifier, and its issuer and serial (keyid, issuer:always).
  const Certificate issuer = load("int-constrained");
  const Certificate root = load("root-rsa");
  REQUIRE(leaf.authority_key_identifier());
  REQUIRE(issuer.subject_key_identifier());
  CHECK(copy(*leaf.authority_key_identifier()->key_identifier) ==
        copy(*issuer.subject_key_identifier()));
  REQUIRE(leaf.authority_key_identifier()->issuer.size() == 1);
  CHECK(copy(leaf.authority_key_identifier()->issuer[0].directory_name->der) ==
        copy(root.subject().der));
  CHECK(copy(*leaf.authority_key_identifier()->serial) == copy(issuer.serial()));
  CHECK(leaf.unhandled_critical_extensions().empty());
  // Display-only extensions are kept, not understood.
  const pki::Extension* aia = leaf.find_extension(OidId::authority_info_access);
  REQUIRE(aia);
  CHECK(!aia->understood);
  CHECK(!aia->critical);
}

TEST_CASE("x509: name constraints, basic constraints of the CAs") {
  const Certificate ca = load("int-constrained");
  REQUIRE(ca.basic_constraints());
  CHECK(ca.basic_constraints()->ca);
  CHECK(ca.basic_constraints()->path_length == 0u);
  REQUIRE(ca.name_constraints());
  const auto& nc = *ca.name_constraints();
  REQUIRE(nc.permitted.size() == 6);
  REQUIRE(nc.excluded.size() == 2);
  CHECK(nc.permitted[0].base.text() == "example.com");
  CHECK(copy(nc.permitted[2].base.value) == hex("c0000200ffffff00"));
  CHECK(nc.permitted[3].base.value.size() == 32);
  CHECK(nc.permitted[5].base.directory_name->rfc2253() == "O=tlslab test,C=DE");
  CHECK(nc.permitted[0].minimum == 0u);
  CHECK(!nc.permitted[0].maximum);
  CHECK(nc.excluded[1].base.type == GeneralName::Type::uri);
  const Certificate root = load("root-rsa");
  CHECK(root.self_issued());
  CHECK(root.basic_constraints()->path_length == 1u);
  CHECK(root.key_usage()->has(pki::KeyUsageBit::key_cert_sign));
  CHECK(root.key_usage()->has(pki::KeyUsageBit::crl_sign));
}

TEST_CASE("x509: signature algorithms and their parameters") {
  using Kind = pki::SignatureAlgorithm::Kind;
  using crypto::HashAlgorithm;
  using crypto::SignatureScheme;
  const auto pss256 = load("pss-sha256").signature_algorithm();
  CHECK(pss256.kind == Kind::rsa_pss);
  CHECK(pss256.hash == HashAlgorithm::sha256);
  CHECK(pss256.pss.mgf1_hash == HashAlgorithm::sha256);
  CHECK(pss256.pss.salt_length == 32);
  CHECK(pss256.scheme() == SignatureScheme::rsa_pss_rsae_sha256);
  const auto pss512 = load("pss-sha512-mgf1-sha1").signature_algorithm();
  CHECK(pss512.hash == HashAlgorithm::sha512);
  CHECK(pss512.pss.mgf1_hash == HashAlgorithm::sha1);  // the DEFAULT, omitted in the encoding
  CHECK(pss512.pss.salt_length == 20);
  CHECK(!pss512.scheme());
  const auto max_salt = load("pss-sha384-maxsalt").signature_algorithm();
  // emLen - hLen - 2 for the 3072-bit issuer (RFC 8017 §9.1.1): 384 - 48 - 2.
  CHECK(max_salt.pss.salt_length == 334);
  CHECK(load("rsa-sha512").signature_algorithm().scheme() == SignatureScheme::rsa_pkcs1_sha512);
  CHECK(load("int-rsa").signature_algorithm().scheme() == SignatureScheme::rsa_pkcs1_sha1);
  CHECK(load("ecdsa-sha512").signature_algorithm().scheme() ==
        SignatureScheme::ecdsa_secp521r1_sha512);
  CHECK(load("self-ed25519").signature_algorithm().kind == Kind::ed25519);
  // Wrong PSS parameters do not verify (a salt length one off, another MGF1 hash).
  const Certificate c = load("pss-sha512-mgf1-sha1");
  const Certificate issuer = load("int-rsa");
  const auto key = provider().import_public_key(*issuer.public_key().key);
  auto params = pss512.pss;
  CHECK(crypto::verify_rsa_pss(*key, params, c.tbs_der(), c.signature()));
  params.salt_length = 19;
  CHECK(!crypto::verify_rsa_pss(*key, params, c.tbs_der(), c.signature()));
  params.salt_length = 20;
  params.mgf1_hash = HashAlgorithm::sha512;
  CHECK(!crypto::verify_rsa_pss(*key, params, c.tbs_der(), c.signature()));
  params.salt_length = 1000;  // longer than the modulus allows
  CHECK(!crypto::verify_rsa_pss(*key, params, c.tbs_der(), c.signature()));
  // A key of the wrong type for the algorithm.
  const auto ec_key = provider().import_public_key(*load("int-p384").public_key().key);
  CHECK_TLS_ERROR(
      c.verify_signature(*ec_key), kBad,
      "certificate CN=pss sha512 mgf1 sha1,O=tlslab test: signature algorithm rsassaPss "
      "does not fit the EC P-384 key");
  CHECK(!crypto::verify_rsa_pss(*ec_key, pss512.pss, c.tbs_der(), c.signature()));
}

TEST_CASE("x509: names") {
  const Certificate names = load("names");
  const auto& s = names.subject();
  CHECK(s.values(OidId::common_name) == std::vector<std::string>{"#hash lead", " spaces  ",
                                                                 "Gr\xc3\xbc\xc3\x9f"
                                                                 "e \xe6\x9d\xb1\xe4\xba\xac"});
  CHECK(s.values(OidId::domain_component) == std::vector<std::string>{"com", "example"});
  // O and OU share one RDN (a multi-valued RDN).
  std::size_t o_rdn = 99, ou_rdn = 98;
  for (const auto& a : s.attributes) {
    if (a.type == OidId::organization_name) o_rdn = a.rdn;
    if (a.type == OidId::organizational_unit_name && a.text() == "Plus+Sign") ou_rdn = a.rdn;
  }
  CHECK(o_rdn == ou_rdn);
  CHECK(s.rdn_count == s.attributes.size() - 1);
  // The attribute openssl does not know is dumped as DER hex in RFC 2253 form.
  CHECK(s.rfc2253().rfind("1.3.6.1.4.1.99999.3=#0C0C707269766174652061747472,", 0) == 0);
  const Certificate bmp = load("bmp-names");
  CHECK(bmp.subject().values(OidId::common_name) ==
        std::vector<std::string>{"bmp Gr\xc3\xbc\xc3\x9f"
                                 "e"});
  CHECK(bmp.subject().attributes[1].value_tag.number == 30);  // BMPString
  const Certificate empty = load("empty-subject");
  CHECK(empty.subject().empty());
  CHECK(empty.subject().rfc2253().empty());
  REQUIRE(empty.find_extension(OidId::subject_alt_name));
  CHECK(empty.find_extension(OidId::subject_alt_name)->critical);
}

TEST_CASE("x509: unknown critical extensions are recorded, version 1 has none") {
  const Certificate c = load("unknown-critical");
  REQUIRE(c.unhandled_critical_extensions().size() == 1);
  CHECK(c.unhandled_critical_extensions()[0].dotted() == "1.3.6.1.4.1.99999.7");
  const pki::Extension* ext = c.find_extension(OidId::unknown);
  REQUIRE(ext);
  CHECK(!ext->understood);
  const Certificate v1 = load("v1");
  CHECK(v1.version() == 1);
  CHECK(v1.extensions().empty());
  CHECK(copy(v1.serial()) == hex("00f1e2d3c4b5a69788"));
  CHECK(!v1.serial_negative());
}

TEST_CASE("x509: a PEM file with several certificates and text between them") {
  const auto certs = pki::load_certificates(read_bytes(pki_path("certs/chain-junk.pem")));
  REQUIRE(certs.size() == 3);
  CHECK(certs[0].subject().rfc2253() == "CN=www.example.com,OU=servers,O=tlslab test,C=DE");
  CHECK(copy(certs[1].der()) == read_bytes(pki_path("certs/int-constrained.der")));
  CHECK(certs[2].self_issued());
  CHECK_TLS_ERROR(pki::load_certificates(read_bytes(pki_path("keys/p256.pk8.pem"))), kDecode,
                  "PEM: no CERTIFICATE block");
}

// --- hand-built certificates ---------------------------------------------------------------

struct Parts {
  std::optional<Bytes> version = hex("a003020102");
  Bytes serial = hex("020101");
  Bytes algorithm = hex("300a06082a8648ce3d040302");   // ecdsa-with-SHA256
  Bytes issuer = hex("300c310a300806035504030c0178");  // CN=x
  Bytes validity = hex("301e170d3234303130313030303030305a170d3334303130313030303030305a");
  Bytes subject = hex("300c310a300806035504030c0178");
  Bytes spki = hex("302a300506032b6570032100" + std::string(64, '0'));
  Bytes unique_ids;
  std::optional<Bytes> extensions;  // the Extensions SEQUENCE
  std::optional<Bytes> outer_algorithm;
  Bytes signature = hex("03030000ab");
  Bytes trailing;
};

Bytes build(const Parts& p) {
  Bytes out;
  der::Writer w(out);
  w.sequence([&](der::Writer& cert) {
    cert.sequence([&](der::Writer& tbs) {
      if (p.version) tbs.raw(*p.version);
      tbs.raw(p.serial);
      tbs.raw(p.algorithm);
      tbs.raw(p.issuer);
      tbs.raw(p.validity);
      tbs.raw(p.subject);
      tbs.raw(p.spki);
      tbs.raw(p.unique_ids);
      if (p.extensions) {
        tbs.constructed(der::Tag::context(3, true), [&](der::Writer& x) { x.raw(*p.extensions); });
      }
    });
    cert.raw(p.outer_algorithm.value_or(p.algorithm));
    cert.raw(p.signature);
  });
  out.insert(out.end(), p.trailing.begin(), p.trailing.end());
  return out;
}

Bytes extension(const std::string& oid, bool critical, const Bytes& value) {
  Bytes out;
  der::Writer w(out);
  w.sequence([&](der::Writer& e) {
    e.oid(pki::Oid(pki::encode_oid(oid)));
    if (critical) e.boolean(true);
    e.octet_string(value);
  });
  return out;
}

Bytes sequence_of(const std::vector<Bytes>& items) {
  Bytes out;
  der::Writer w(out);
  w.sequence([&](der::Writer& s) {
    for (const Bytes& i : items)
      s.raw(i);
  });
  return out;
}

TEST_CASE("x509 rules: a minimal hand-built certificate parses") {
  const Certificate c = Certificate::parse(build({}));
  CHECK(c.version() == 3);
  CHECK(c.subject().rfc2253() == "CN=x");
  CHECK(c.public_key().key);
  CHECK(c.extensions().empty());
  // With extensions: a valid SAN and an unknown non-critical one.
  Parts p;
  p.extensions = sequence_of({extension("2.5.29.17", false, hex("300d820b6578616d706c652e636f6d")),
                              extension("1.2.3.4", false, hex("0500"))});
  const Certificate e = Certificate::parse(build(p));
  REQUIRE(e.subject_alt_names());
  CHECK((*e.subject_alt_names())[0].text() == "example.com");
  CHECK(e.unhandled_critical_extensions().empty());
}

TEST_CASE("x509 rules: structural errors name the field (RFC 5280 §4.1, §4.2)") {
  const auto fails = [](const Parts& p, AlertDescription alert, const std::string& why) {
    CHECK_TLS_ERROR(Certificate::parse(build(p), alert), alert, why);
  };
  Parts p;
  p.extensions = sequence_of(
      {extension("2.5.29.19", true, hex("3000")), extension("2.5.29.19", false, hex("3000"))});
  fails(p, kBad,
        "Certificate.tbsCertificate.extensions.Extensions.extension[1].extnID: duplicate "
        "extension X509v3 Basic Constraints (2.5.29.19) (RFC 5280 §4.2)");

  p = {};
  p.extensions = sequence_of({extension("1.2.3.4", true, hex("0500"))});
  const Certificate critical = Certificate::parse(build(p));
  REQUIRE(critical.unhandled_critical_extensions().size() == 1);
  CHECK(critical.unhandled_critical_extensions()[0].dotted() == "1.2.3.4");

  p = {};
  p.extensions = sequence_of({});
  fails(p, kBad, "empty Extensions");

  p = {};
  p.version.reset();
  p.extensions = sequence_of({extension("2.5.29.19", true, hex("3000"))});
  fails(p, kBad, "Certificate.tbsCertificate.extensions: present in a version 1 certificate");

  p = {};
  p.version.reset();
  p.unique_ids = hex("810200ff");
  fails(p, kBad, "Certificate.tbsCertificate.issuerUniqueID: present in a version 1 certificate");

  p = {};
  p.version = hex("a003020103");
  fails(p, kBad, "Certificate.tbsCertificate.version.Version: unknown version 3");

  p = {};
  p.outer_algorithm = hex("300a06082a8648ce3d040303");
  fails(p, kBad,
        "Certificate.signatureAlgorithm: differs from tbsCertificate.signature "
        "(ecdsa-with-SHA256) (RFC 5280 §4.1.1.2)");

  p = {};
  p.validity = hex("301c170b323430313031303030305a170d3334303130313030303030305a");
  fails(p, kDecode,
        "Certificate.tbsCertificate.validity.notBefore: UTCTime \"2401010000Z\" has no seconds");

  p = {};  // a GeneralizedTime one digit short
  p.validity = hex("301f170d3234303130313030303030305a180e323033343031303130303030305a");
  fails(p, kBad, "Certificate.tbsCertificate.validity.notAfter: GeneralizedTime");

  p = {};
  p.trailing = hex("00");
  fails(p, kBad, "Certificate: 1 trailing byte");

  p = {};
  p.serial = hex("02020001");
  fails(p, kBad, "Certificate.tbsCertificate.serialNumber: INTEGER at offset");

  p = {};
  p.signature = hex("03030700ab");
  fails(p, kBad, "Certificate.signatureValue: BIT STRING unused bits are not zero");

  // Understood extensions must be well-formed.
  p = {};
  p.extensions = sequence_of({extension("2.5.29.17", false, hex("300682046578e961"))});
  fails(p, kBad, "subjectAltName.GeneralNames.GeneralName[0]: IA5String: character 0xe9");
  p.extensions = sequence_of({extension("2.5.29.17", false, hex("30078705c000020a01"))});
  fails(p, kBad, "iPAddress of 5 bytes (want 4 or 16)");
  p.extensions = sequence_of({extension("2.5.29.17", false, hex("3000"))});
  fails(p, kBad, "empty GeneralNames");
  p.extensions = sequence_of({extension("2.5.29.19", true, hex("30030101ff00"))});
  fails(p, kBad, "basicConstraints: 1 trailing byte");
  p.extensions = sequence_of({extension("2.5.29.15", true, hex("03020601"))});
  fails(p, kBad, "keyUsage.KeyUsage: BIT STRING unused bits are not zero");
  p.extensions = sequence_of({extension("2.5.29.37", false, hex("3000"))});
  fails(p, kBad, "ExtKeyUsageSyntax: empty");
  p.extensions = sequence_of({extension("2.5.29.30", true, hex("3000"))});
  fails(p, kBad, "neither permittedSubtrees nor excludedSubtrees");
  p.extensions = sequence_of({extension("2.5.29.35", false, hex("3006820401020304"))});
  fails(p, kBad, "authorityCertIssuer and authorityCertSerialNumber must both be present");

  // Not a certificate at all; truncated.
  CHECK_TLS_ERROR(Certificate::parse(hex("0403010203")), kBad,
                  "Certificate: expected SEQUENCE, found OCTET STRING");
  Bytes truncated = build({});
  truncated.resize(truncated.size() - 1);
  CHECK_TLS_ERROR(Certificate::parse(truncated), kBad, "exceeds the");
}

TEST_CASE("x509 rules: unsupported algorithms parse but do not verify") {
  Parts p;
  p.algorithm = hex("300d06092a864886f70d0101040500");  // md5WithRSAEncryption
  const Certificate c = Certificate::parse(build(p));
  CHECK(c.signature_algorithm().kind == pki::SignatureAlgorithm::Kind::unsupported);
  CHECK(c.signature_algorithm().name() == "md5WithRSAEncryption");
  const auto key = provider().import_public_key(*load("root-rsa").public_key().key);
  CHECK_TLS_ERROR(c.verify_signature(*key), AlertDescription::unsupported_certificate,
                  "signature algorithm md5WithRSAEncryption is not supported");
  // ECDSA with parameters is malformed (RFC 5758 §3.2), not unsupported.
  p.algorithm = hex("300c06082a8648ce3d0403020500");
  CHECK_TLS_ERROR(Certificate::parse(build(p)), kBad,
                  "Certificate.tbsCertificate.signature.parameters: ecdsa-with-SHA256 parameters "
                  "must be absent");
  // RSASSA-PSS without parameters in a signature algorithm (RFC 4055 §3.1).
  p.algorithm = hex("300b06092a864886f70d01010a");
  CHECK_TLS_ERROR(Certificate::parse(build(p)), kBad, "RSASSA-PSS-params must be present");
  // trailerField other than 1.
  p.algorithm = hex("301206092a864886f70d01010a3005a303020102");
  CHECK_TLS_ERROR(Certificate::parse(build(p)), kBad, "trailerField: must be 1");
}

}  // namespace
}  // namespace tlslab::test

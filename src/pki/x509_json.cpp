// Certificates as JSON (x509_json.hpp): part of the tools library, which may use nlohmann.
#include "tlslab/pki/x509_json.hpp"

#include <string>

#include "tlslab/pki/x509_print.hpp"

namespace tlslab::pki {

namespace {

nlohmann::json general_names_json(const std::vector<GeneralName>& names) {
  auto out = nlohmann::json::array();
  for (const GeneralName& n : names)
    out.push_back(n.to_string());
  return out;
}

}  // namespace

nlohmann::json certificate_json(const Certificate& cert, crypto::Provider& provider) {
  using nlohmann::json;
  const auto sha256 = [&](ByteView b) {
    return to_hex(provider.hash(crypto::HashAlgorithm::sha256, b).view());
  };
  json j;
  j["version"] = cert.version();
  j["serial"] = serial_hex(cert);
  if (cert.serial_negative()) j["serial_negative"] = true;
  const SignatureAlgorithm& alg = cert.signature_algorithm();
  j["signature_algorithm"] = alg.name();
  if (alg.kind == SignatureAlgorithm::Kind::rsa_pss) {
    j["rsassa_pss"] = {{"hash", oid_long_name(hash_oid(alg.hash))},
                       {"mgf1_hash", oid_long_name(hash_oid(alg.pss.mgf1_hash))},
                       {"salt_length", alg.pss.salt_length}};
  }
  if (alg.kind == SignatureAlgorithm::Kind::unsupported) {
    j["signature_algorithm_unsupported"] = alg.unsupported_reason;
  }
  j["issuer"] = cert.issuer().rfc2253();
  j["subject"] = cert.subject().rfc2253();
  j["self_issued"] = cert.self_issued();
  j["not_before"] = iso8601_time(cert.not_before().seconds);
  j["not_after"] = iso8601_time(cert.not_after().seconds);
  j["not_before_epoch"] = cert.not_before().seconds;
  j["not_after_epoch"] = cert.not_after().seconds;
  const SubjectPublicKeyInfo& spki = cert.public_key();
  json key{{"algorithm", spki.algorithm.oid.display_name()}};
  if (spki.key) {
    key["type"] = crypto::key_type_name(key_type(*spki.key));
    key["bits"] = spki.bits();
  } else {
    key["unsupported"] = spki.unsupported_reason;
  }
  j["public_key"] = key;
  json extensions = json::array();
  for (const Extension& e : cert.extensions()) {
    json x{{"oid", e.oid.dotted()},
           {"name", e.oid.display_name()},
           {"critical", e.critical},
           {"understood", e.understood},
           {"value", extension_lines(e)}};
    extensions.push_back(x);
  }
  j["extensions"] = extensions;
  if (const auto& bc = cert.basic_constraints()) {
    j["basic_constraints"] = {{"ca", bc->ca}};
    if (bc->path_length) j["basic_constraints"]["path_length"] = *bc->path_length;
  }
  if (const auto& ku = cert.key_usage()) j["key_usage"] = ku->to_string();
  if (const auto& eku = cert.extended_key_usage()) {
    json purposes = json::array();
    for (const Oid& p : eku->purposes) {
      const std::string_view short_name = p.short_name();
      purposes.push_back(short_name.empty() ? p.dotted() : std::string(short_name));
    }
    j["extended_key_usage"] = purposes;
  }
  if (const auto& san = cert.subject_alt_names()) j["subject_alt_names"] = general_names_json(*san);
  if (const auto& ski = cert.subject_key_identifier()) j["subject_key_identifier"] = to_hex(*ski);
  if (const auto& aki = cert.authority_key_identifier(); aki && aki->key_identifier) {
    j["authority_key_identifier"] = to_hex(*aki->key_identifier);
  }
  json unhandled = json::array();
  for (const Oid& oid : cert.unhandled_critical_extensions())
    unhandled.push_back(oid.dotted());
  j["unhandled_critical_extensions"] = unhandled;
  j["sha256"] = sha256(cert.der());
  j["spki_sha256"] = sha256(spki.der);
  return j;
}

}  // namespace tlslab::pki

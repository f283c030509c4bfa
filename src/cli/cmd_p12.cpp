// `tlslab p12 info FILE [--json]`: every layer of a PKCS#12 file, as `openssl pkcs12 -info
// -noout` walks it: the MAC (algorithm, iterations, salt length), each AuthenticatedSafe entry
// with its encryption, each bag with its type and attributes, the certificates (subject, issuer,
// SHA-256 of the DER) and the key (type, bits, SHA-256 of its SubjectPublicKeyInfo), then the
// chain as tlslab pairs it with the key. Fingerprints are lower-case hex without colons.
//
// The password never comes from argv (it would show in `ps` and shell history): --password-file
// (first line), --password-env (a variable's name), --no-password (absent), or a prompt on
// /dev/tty without echo when stdin is a terminal.
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "commands.hpp"
#include "password.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/error.hpp"
#include "tlslab/pki/keys.hpp"
#include "tlslab/pki/pkcs12.hpp"
#include "tlslab/pki/x509.hpp"

namespace tlslab::cli {
namespace {

constexpr int kExitWrongPassword = 3;
constexpr int kExitMalformed = 4;

struct InfoOptions {
  std::string file;
  bool json = false;
  PasswordOptions password;
};

std::string sha256(crypto::Provider& p, ByteView data) {
  return to_hex(p.hash(crypto::HashAlgorithm::sha256, data).view());
}

nlohmann::json mac_json(const pki::Pkcs12Mac& m) {
  nlohmann::json j{{"pbmac1", m.pbmac1},
                   {"hmac", std::string(crypto::hash_name(m.hash))},
                   {"iterations", m.iterations},
                   {"salt_length", m.salt.size()},
                   {"description", m.describe()}};
  if (m.pbmac1) {
    j["kdf_prf"] = std::string(crypto::hash_name(m.kdf_prf));
    j["key_length"] = m.key_length;
  }
  return j;
}

nlohmann::json encryption_json(const pki::Pkcs12Encryption& e) {
  return {{"algorithm", e.algorithm},
          {"scheme", e.scheme == pki::Pkcs12Encryption::Scheme::pbes2 ? "PBES2" : "PKCS#12 PBE"},
          {"iterations", e.iterations},
          {"salt_length", e.salt.size()},
          {"parameters", e.parameters}};
}

nlohmann::json attributes_json(const pki::Pkcs12Attributes& a) {
  nlohmann::json j = nlohmann::json::object();
  if (a.friendly_name) j["friendlyName"] = *a.friendly_name;
  if (a.local_key_id) j["localKeyID"] = to_hex(*a.local_key_id);
  for (const auto& o : a.others)
    j["other"].push_back({{"oid", o.oid}, {"values", to_hex(o.values)}});
  return j;
}

nlohmann::json certificate_json(ByteView der, crypto::Provider& p) {
  const auto cert = pki::Certificate::parse(der, AlertDescription::decode_error);
  return {{"subject", cert.subject().rfc2253()},
          {"issuer", cert.issuer().rfc2253()},
          {"sha256", sha256(p, der)}};
}

nlohmann::json key_json(const pki::PrivateKeyInfo& key, crypto::Provider& p) {
  const auto k = p.import_private_key(key.key);
  return {{"type", std::string(crypto::key_type_name(k->type()))},
          {"bits", k->bits()},
          {"spki_sha256", sha256(p, pki::encode_spki(k->public_key().material()))}};
}

nlohmann::json contents_json(const std::string& file, const pki::Pkcs12Contents& c,
                             crypto::Provider& p) {
  nlohmann::json j;
  j["file"] = file;
  j["mac"] = c.structure.mac ? mac_json(*c.structure.mac) : nlohmann::json(nullptr);
  j["mac_verified"] = c.mac_verified;
  j["password_form"] = std::string(pki::pkcs12_password_form_name(c.password_form));
  j["auth_safes"] = nlohmann::json::array();
  for (const auto& safe : c.structure.safes) {
    nlohmann::json s;
    s["content_type"] = safe.encryption ? "encryptedData" : "data";
    s["encryption"] = safe.encryption ? encryption_json(*safe.encryption) : nlohmann::json(nullptr);
    s["bags"] = nlohmann::json::array();
    for (const auto& bag : safe.bags) {
      nlohmann::json b{{"type", bag.bag_id},
                       {"depth", bag.depth},
                       {"attributes", attributes_json(bag.attributes)}};
      if (bag.encryption) b["encryption"] = encryption_json(*bag.encryption);
      if (!bag.certificate.empty()) b["certificate"] = certificate_json(bag.certificate, p);
      if (bag.key) b["key"] = key_json(*bag.key, p);
      if (!bag.note.empty()) b["note"] = bag.note;
      s["bags"].push_back(b);
    }
    j["auth_safes"].push_back(s);
  }
  j["keys"] = nlohmann::json::array();
  for (const auto& k : c.keys)
    j["keys"].push_back(key_json(k, p));
  j["chain"] = nlohmann::json::array();
  for (const auto i : c.chain)
    j["chain"].push_back(certificate_json(c.certificates[i].der, p));
  j["extras"] = nlohmann::json::array();
  for (const auto i : c.extras)
    j["extras"].push_back(certificate_json(c.certificates[i].der, p));
  j["notes"] = c.notes;
  return j;
}

void print_attributes(const nlohmann::json& a, const std::string& indent) {
  if (a.contains("friendlyName")) {
    std::cout << indent << "friendlyName: " << a["friendlyName"].get<std::string>() << "\n";
  }
  if (a.contains("localKeyID")) {
    std::cout << indent << "localKeyID: " << a["localKeyID"].get<std::string>() << "\n";
  }
  if (a.contains("other")) {
    for (const auto& o : a["other"])
      std::cout << indent << o["oid"].get<std::string>() << ": " << o["values"].get<std::string>()
                << "\n";
  }
}

void print_cert(const nlohmann::json& c, const std::string& indent) {
  std::cout << indent << "subject=" << c["subject"].get<std::string>() << "\n"
            << indent << "issuer=" << c["issuer"].get<std::string>() << "\n"
            << indent << "SHA-256 fingerprint: " << c["sha256"].get<std::string>() << "\n";
}

void print_text(const nlohmann::json& j) {
  std::cout << "PKCS#12 file: " << j["file"].get<std::string>() << "\n";
  if (j["mac"].is_null()) {
    std::cout << "MAC: none (no integrity check)\n";
  } else {
    std::cout << "MAC: " << j["mac"]["description"].get<std::string>()
              << (j["mac_verified"].get<bool>() ? " (verified)" : "") << "\n";
  }
  std::cout << "Password: " << j["password_form"].get<std::string>() << "\n";
  for (std::size_t i = 0; i < j["auth_safes"].size(); ++i) {
    const auto& s = j["auth_safes"][i];
    std::cout << "AuthenticatedSafe[" << i << "]: " << s["content_type"].get<std::string>();
    if (!s["encryption"].is_null()) {
      std::cout << ", " << s["encryption"]["parameters"].get<std::string>();
    }
    std::cout << "\n";
    for (std::size_t k = 0; k < s["bags"].size(); ++k) {
      const auto& b = s["bags"][k];
      const std::string indent(2 + 2 * b["depth"].get<std::size_t>(), ' ');
      std::cout << indent << "SafeBag[" << k << "]: " << b["type"].get<std::string>();
      if (b.contains("encryption")) {
        std::cout << ", " << b["encryption"]["parameters"].get<std::string>();
      }
      std::cout << "\n";
      print_attributes(b["attributes"], indent + "  ");
      if (b.contains("certificate")) print_cert(b["certificate"], indent + "  ");
      if (b.contains("key")) {
        std::cout << indent << "  key: " << b["key"]["type"].get<std::string>() << ", "
                  << b["key"]["bits"].get<std::size_t>() << " bits, SPKI SHA-256 "
                  << b["key"]["spki_sha256"].get<std::string>() << "\n";
      }
      if (b.contains("note"))
        std::cout << indent << "  note: " << b["note"].get<std::string>() << "\n";
    }
  }
  std::cout << "Chain (leaf first):\n";
  if (j["chain"].empty()) std::cout << "  (no certificate matches the key)\n";
  for (std::size_t i = 0; i < j["chain"].size(); ++i) {
    std::cout << "  [" << i << "] subject=" << j["chain"][i]["subject"].get<std::string>() << "\n";
  }
  for (const auto& e : j["extras"])
    std::cout << "  extra: subject=" << e["subject"].get<std::string>() << "\n";
  for (const auto& n : j["notes"])
    std::cout << "Note: " << n.get<std::string>() << "\n";
}

int run_info(const InfoOptions& o) {
  std::optional<std::string> password;
  try {
    password = read_password(o.password, o.file);
  } catch (const PasswordUsageError& e) {
    std::cerr << "tlslab p12 info: " << e.what() << "\n";
    return kExitUsage;
  }
  std::ifstream in(o.file, std::ios::binary);
  if (!in) {
    std::cerr << "tlslab p12 info: cannot open " << o.file << "\n";
    return kExitUsage;
  }
  const Bytes data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto provider = crypto::make_default_provider();
  try {
    const pki::Pkcs12Contents c = pki::load_pkcs12(
        data, password ? std::optional<std::string_view>(*password) : std::nullopt, *provider);
    secure_wipe(password ? password->data() : nullptr, password ? password->size() : 0);
    const nlohmann::json j = contents_json(o.file, c, *provider);
    if (o.json) {
      std::cout << j.dump(2) << "\n";
    } else {
      print_text(j);
    }
    return kExitOk;
  } catch (const Error& e) {
    if (password) secure_wipe(password->data(), password->size());
    const pki::Pkcs12ErrorKind kind = pki::Pkcs12Error::kind_of(e);
    const std::string what(pki::pkcs12_error_kind_name(kind));
    if (o.json) {
      std::cout << nlohmann::json{{"file", o.file},
                                  {"error", {{"kind", what}, {"reason", e.reason()}}}}
                       .dump(2)
                << "\n";
    }
    std::cerr << "tlslab p12 info: " << o.file << ": " << what << ": " << e.reason() << "\n";
    return kind == pki::Pkcs12ErrorKind::wrong_password ? kExitWrongPassword : kExitMalformed;
  }
}

}  // namespace

void register_p12(CLI::App& app) {
  auto* p12 = app.add_subcommand("p12", "Inspect PKCS#12 (.p12/.pfx) files");
  p12->require_subcommand(1);
  auto opts = std::make_shared<InfoOptions>();
  auto* info = p12->add_subcommand(
      "info",
      "Print every layer of a PKCS#12 file (MAC, encryption of each part, bags and attributes, "
      "certificates, key) and the chain that goes with the key, as openssl pkcs12 -info does");
  info->add_option("file", opts->file, "PKCS#12 file (DER, BER as Java and Windows write it)")
      ->required();
  info->add_flag("--json", opts->json, "One JSON document with the same content");
  add_password_options(info, opts->password, "the file");
  info->footer(
      "Without a password option, the password is asked on the terminal (no echo).\n"
      "Exit status: 0 loaded, 2 usage error, 3 wrong password, 4 malformed or unsupported file "
      "(the message names the layer and algorithm).");
  info->callback([opts]() { set_exit_status(run_info(*opts)); });
}

}  // namespace tlslab::cli

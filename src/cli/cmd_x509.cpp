// `tlslab x509 show FILE [--json]`: every certificate of a PEM or DER file, field by field as
// `openssl x509 -noout -text` lays it out, with the SHA-256 fingerprints of the DER and of the
// SubjectPublicKeyInfo. `tlslab x509 verify` lives in cmd_x509_verify.cpp and is registered on
// the same "x509" subcommand from here.
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>

#include "commands.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/error.hpp"
#include "tlslab/pki/x509.hpp"
#include "tlslab/pki/x509_json.hpp"
#include "tlslab/pki/x509_print.hpp"

namespace tlslab::cli {
namespace {

// Issue 4 item 7's exit statuses for the PKI commands (with 3 for a wrong password).
constexpr int kExitMalformed = 4;

struct ShowOptions {
  std::string file;
  bool json = false;
};

int run_show(const ShowOptions& o) {
  std::ifstream in(o.file, std::ios::binary);
  if (!in) {
    std::cerr << "tlslab x509 show: cannot open " << o.file << "\n";
    return kExitUsage;
  }
  const Bytes data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::vector<pki::Certificate> certs;
  try {
    certs = pki::load_certificates(data, AlertDescription::decode_error);
  } catch (const Error& e) {
    if (o.json) {
      std::cout << nlohmann::json{{"file", o.file},
                                  {"error",
                                   {{"reason", e.reason()}, {"alert", alert_label(e.alert())}}}}
                       .dump(2)
                << "\n";
    }
    std::cerr << "tlslab x509 show: " << o.file
              << ": malformed or unsupported certificate file: " << e.reason() << "\n";
    return kExitMalformed;
  }
  const auto provider = crypto::make_default_provider();
  if (o.json) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : certs)
      list.push_back(pki::certificate_json(c, *provider));
    std::cout << nlohmann::json{{"file", o.file}, {"certificates", list}}.dump(2) << "\n";
    return kExitOk;
  }
  for (std::size_t i = 0; i < certs.size(); ++i) {
    if (certs.size() > 1) {
      std::cout << (i == 0 ? "" : "\n") << "# certificate " << i + 1 << " of " << certs.size()
                << "\n";
    }
    std::cout << pki::certificate_text(certs[i], *provider);
  }
  return kExitOk;
}

}  // namespace

void register_x509(CLI::App& app) {
  auto* x509 = app.add_subcommand("x509", "Inspect X.509 certificates");
  x509->require_subcommand(1);
  register_x509_verify(*x509);
  auto opts = std::make_shared<ShowOptions>();
  auto* show = x509->add_subcommand(
      "show",
      "Print every certificate of a PEM or DER file: all fields and extensions (as openssl "
      "x509 -text does) and the SHA-256 of the DER and of the SubjectPublicKeyInfo");
  show->add_option("file", opts->file, "Certificate file: PEM (one or more certificates) or DER")
      ->required();
  show->add_flag("--json", opts->json, "One JSON document with the same content");
  show->footer(
      "Exit status: 0 loaded, 2 usage error, 4 malformed or unsupported file (the message names "
      "the PEM block and the field).");
  show->callback([opts]() { set_exit_status(run_show(*opts)); });
}

}  // namespace tlslab::cli

// `tlslab replay VECTOR [--json] [--quiet]`: replays a captured handshake (vectors/README.md) in
// verify mode and prints each record and each handshake message as its annotated tree, the checks
// as they pass, and at the first divergence the record, message and field where it is.
// Exit status: 0 every check passed, 1 divergence, 2 usage, 4 malformed vector file.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "commands.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/error.hpp"
#include "tlslab/trace/render.hpp"
#include "tlslab/vectors/replay.hpp"

namespace tlslab::cli {
namespace {

struct ReplayOptions {
  std::string file;
  bool json = false;
  bool quiet = false;
};

std::string summary(const vectors::Vector& v, const vectors::ReplayReport& r) {
  std::string out = v.name + ": ";
  if (!r.ok()) return out + "DIVERGES at " + r.divergence->text();
  out += "replays green: " + std::to_string(r.records) + " records, " + std::to_string(r.messages) +
         " handshake messages byte-exact, " + std::to_string(r.finished_verified) +
         " Finished verified";
  if (r.server_key_exchange_verified) out += ", ServerKeyExchange signature";
  if (r.certificate_verify_verified) out += ", CertificateVerify signature";
  if (!r.server_chain.empty()) out += ", server chain";
  if (!r.client_chain.empty()) out += ", client chain";
  return out;
}

nlohmann::json to_json(const vectors::Vector& v, const vectors::ReplayReport& r) {
  using nlohmann::json;
  json records = json::array();
  for (const auto& e : r.trace) {
    if (e.kind == vectors::TraceEntry::Kind::record) {
      records.push_back({{"index", e.record.index},
                         {"direction", vectors::direction_name(e.record.direction)},
                         {"record", e.record.describe()},
                         {"size", e.text},
                         {"messages", json::array()},
                         {"notes", json::array()}});
    } else if (!records.empty()) {
      if (e.kind == vectors::TraceEntry::Kind::message && e.tree) {
        records.back()["messages"].push_back(trace::render_json(*e.tree));
      } else {
        records.back()["notes"].push_back(e.text);
      }
    }
  }
  json doc = {{"vector", v.name},
              {"ok", r.ok()},
              {"records", records},
              {"finished_verified", r.finished_verified},
              {"server_key_exchange_verified", r.server_key_exchange_verified},
              {"certificate_verify_verified", r.certificate_verify_verified},
              {"server_chain", r.server_chain},
              {"client_chain", r.client_chain},
              {"extended_master_secret", r.extended_master_secret},
              {"encrypt_then_mac", r.encrypt_then_mac},
              {"resumed", r.resumed},
              {"master_secret_source", r.master_secret_source}};
  if (r.suite) doc["suite"] = trace::decode_integer("cipher_suite", *r.suite);
  if (r.divergence) doc["divergence"] = r.divergence->text();
  return doc;
}

void print_text(const vectors::ReplayReport& r) {
  for (const auto& e : r.trace) {
    switch (e.kind) {
      case vectors::TraceEntry::Kind::record:
        std::cout << "record " << e.record.index << " (" << e.record.describe() << "), " << e.text
                  << "\n";
        break;
      case vectors::TraceEntry::Kind::message:
        if (e.tree) {
          trace::TextOptions options;
          options.indent = 2;
          std::cout << trace::render_text(*e.tree, options);
        }
        break;
      case vectors::TraceEntry::Kind::note:
        std::cout << "  * " << e.text << "\n";
        break;
    }
  }
}

int run_replay(const ReplayOptions& o) {
  vectors::Vector v;
  try {
    v = vectors::read_vector(o.file);
  } catch (const Error& e) {
    std::cerr << "tlslab replay: " << e.reason() << "\n";
    return kExitMalformedVector;
  }
  auto provider = crypto::make_default_provider();
  const auto report = vectors::replay(v, *provider);
  if (o.json) {
    std::cout << to_json(v, report).dump(1) << "\n";
  } else {
    if (!o.quiet) print_text(report);
    std::cout << summary(v, report) << "\n";
  }
  if (!report.ok()) {
    std::cerr << "tlslab replay: " << report.divergence->text() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void register_replay(CLI::App& app) {
  auto opts = std::make_shared<ReplayOptions>();
  auto* cmd = app.add_subcommand(
      "replay",
      "Replay a captured handshake (vectors/README.md) in verify mode: parse and re-serialize "
      "every message, decrypt every record with the vector's secrets, verify both Finished, the "
      "signatures and the chains. Exit: 0 green, 1 divergence, 2 usage, 4 malformed vector");
  cmd->add_option("vector", opts->file, "Vector file (JSON)")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--json", opts->json, "One JSON document: records, messages as trees, checks");
  cmd->add_flag("--quiet", opts->quiet, "Only the summary line (and the divergence on stderr)");
  cmd->callback([opts]() { set_exit_status(run_replay(*opts)); });
}

}  // namespace tlslab::cli

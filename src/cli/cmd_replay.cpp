// `tlslab replay VECTOR [--json] [--quiet]`: replays a captured handshake (vectors/README.md) in
// verify mode and prints each record and each handshake message as its annotated tree, the checks
// as they pass, and at the first divergence the record, message and field where it is.
// With --act client|server: tlslab's state machine plays that side (vectors/act.hpp).
// Exit status: 0 every check passed, 1 divergence, 2 usage, 3 cannot act, 4 malformed vector.
#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "files.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/error.hpp"
#include "tlslab/trace/render.hpp"
#include "tlslab/trace/render_json.hpp"
#include "tlslab/vectors/act.hpp"
#include "tlslab/vectors/replay.hpp"

namespace tlslab::cli {
namespace {

struct ReplayOptions {
  std::string file;
  bool json = false;
  bool quiet = false;
  std::string act;  // "", "client" or "server"
  bool allow_sha1 = false;
};

pki::ValidationPolicy policy_of(const ReplayOptions& o) {
  pki::ValidationPolicy policy;
  policy.allow_sha1 = o.allow_sha1;
  return policy;
}

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

// A tree line without its "+offset" column: an inserted field shifts every offset after it, and
// only the fields themselves should count as different.
std::string without_offset(const std::string& line) {
  const auto start = line.find_first_not_of(' ');
  if (start == std::string::npos || line[start] != '+') return line;
  const auto end = line.find(' ', start);
  return end == std::string::npos ? "" : line.substr(end);
}

// Marks the lines of `a` that are not in a longest common subsequence with `b`, compared without
// their offset column (a plain LCS table: trees are a few hundred lines at most).
std::vector<bool> unmatched(const std::vector<std::string>& a_lines,
                            const std::vector<std::string>& b_lines) {
  auto strip = [](const std::vector<std::string>& lines) {
    std::vector<std::string> out;
    for (const auto& line : lines)
      out.push_back(without_offset(line));
    return out;
  };
  const auto a = strip(a_lines);
  const auto b = strip(b_lines);
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> lcs(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<bool> out(n, true);
  for (std::size_t i = 0, j = 0; i < n && j < m;) {
    if (a[i] == b[j]) {
      out[i] = false;
      ++i;
      ++j;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

// Act-as mode: at a difference, the first differing message as two trees, with the lines that
// are not in the other tree marked '!'.
void print_difference(const vectors::MessageDifference& d) {
  trace::TextOptions options;
  options.indent = 2;
  auto lines = [&](const std::optional<trace::Node>& n) {
    std::vector<std::string> out;
    if (!n) return out;
    std::istringstream in(trace::render_text(*n, options));
    for (std::string line; std::getline(in, line);)
      out.push_back(line);
    return out;
  };
  const auto captured = lines(d.captured);
  const auto produced = lines(d.produced);
  auto print = [](const char* title, const std::vector<std::string>& mine,
                  const std::vector<std::string>& other) {
    std::cout << title << (mine.empty() ? " (no message)" : "") << "\n";
    const auto marks = unmatched(mine, other);
    for (std::size_t i = 0; i < mine.size(); ++i) {
      std::cout << (marks[i] ? "! " : "  ") << mine[i] << "\n";
    }
  };
  print("captured:", captured, produced);
  print("tlslab:", produced, captured);
}

nlohmann::json act_json(const vectors::Vector& v, const vectors::ActReport& r) {
  using nlohmann::json;
  json steps = json::array();
  for (const auto& s : r.steps) {
    steps.push_back({{"index", s.record.index},
                     {"record", s.record.describe()},
                     {"tlslab", s.sent ? "sent, equal" : "fed"}});
  }
  json doc = {{"vector", v.name},
              {"mode", "act-" + std::string(vectors::direction_name(r.role))},
              {"ok", r.ok()},
              {"records_sent", r.records_sent},
              {"records_received", r.records_received},
              {"state", r.state},
              {"steps", steps}};
  if (!r.unavailable.empty()) doc["unavailable"] = r.unavailable;
  if (r.divergence) doc["divergence"] = r.divergence->text();
  if (r.difference) {
    doc["difference"] = {{"message", r.difference->message}};
    if (r.difference->captured) {
      doc["difference"]["captured"] = trace::render_json(*r.difference->captured);
    }
    if (r.difference->produced) {
      doc["difference"]["tlslab"] = trace::render_json(*r.difference->produced);
    }
  }
  return doc;
}

int run_act(const ReplayOptions& o, const vectors::Vector& v) {
  const auto role = o.act == "client" ? vectors::Direction::client : vectors::Direction::server;
  auto provider = crypto::make_default_provider();
  vectors::ActReport r;
  try {
    r = vectors::act(v, role, *provider, policy_of(o));
  } catch (const Error& e) {
    std::cerr << "tlslab replay: " << e.reason() << "\n";
    return kExitMalformedVector;
  }
  if (o.json) {
    std::cout << act_json(v, r).dump(1) << "\n";
  } else if (!o.quiet) {
    for (const auto& s : r.steps) {
      std::cout << "record " << s.record.index << " (" << s.record.describe()
                << "): " << (s.sent ? "tlslab sent the same bytes" : "fed to tlslab") << "\n";
    }
    if (r.difference) print_difference(*r.difference);
  }
  const std::string role_name(vectors::direction_name(role));
  if (!r.unavailable.empty()) {
    std::cerr << "tlslab replay: " << r.unavailable << "\n";
    return kExitCannotAct;
  }
  if (!o.json) {
    std::cout << v.name << ": "
              << (r.ok() ? "tlslab as the " + role_name + " reproduces the capture: " +
                               std::to_string(r.records_sent) + " records sent byte for byte, " +
                               std::to_string(r.records_received) + " fed"
                         : "DIVERGES at " + r.divergence->text())
              << "\n";
  }
  if (!r.ok()) {
    std::cerr << "tlslab replay: " << r.divergence->text() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

int run_replay(const ReplayOptions& o) {
  vectors::Vector v;
  try {
    v = load_vector(o.file);
  } catch (const Error& e) {
    std::cerr << "tlslab replay: " << e.reason() << "\n";
    return kExitMalformedVector;
  }
  if (!o.act.empty()) return run_act(o, v);
  auto provider = crypto::make_default_provider();
  const auto report = vectors::replay(v, *provider, policy_of(o));
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
      "signatures and the chains; or with --act ROLE, play that side with tlslab and compare "
      "every record it sends. Exit: 0 green, 1 divergence, 2 usage, 3 cannot act (the vector "
      "lacks the side's configuration or randomness), 4 malformed vector");
  cmd->add_option("vector", opts->file, "Vector file (JSON)")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--json", opts->json, "One JSON document: records, messages as trees, checks");
  cmd->add_flag("--quiet", opts->quiet, "Only the summary line (and the divergence on stderr)");
  cmd->add_flag("--allow-sha1", opts->allow_sha1,
                "Accept SHA-1 signatures in the vector's certificate chains (old captures)");
  cmd->add_option("--act", opts->act,
                  "Act as this side: tlslab's state machine with the side's configuration and "
                  "randomness from the vector, fed the other side's records; every record it sends "
                  "must equal the captured one")
      ->check(CLI::IsMember({"client", "server"}))
      ->type_name("ROLE");
  cmd->footer(
      "Exit status: 0 green (--act: reproduced), 1 divergence, 2 usage, 3 cannot act (no "
      "config.tlslab or ephemeral keys for the side), 4 malformed vector.");
  cmd->callback([opts]() { set_exit_status(run_replay(*opts)); });
}

}  // namespace tlslab::cli

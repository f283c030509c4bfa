// `tlslab states [--role client|server] [--dot | --mermaid | --json]` (issue 14 item 5): the
// state machines' tables as the code has them — each (state, input) row with the states its
// handler may answer — as text, a Graphviz digraph, a Mermaid state diagram or JSON.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "commands.hpp"
#include "tlslab/handshake/state_table.hpp"

namespace tlslab::cli {
namespace {

using handshake::Role;

struct StatesOptions {
  std::string role;  // "" for both
  bool dot = false;
  bool mermaid = false;
  bool json = false;
};

struct Machine {
  const char* name;
  Role role;
  std::vector<std::string> states;  // the first is the initial state
  std::vector<handshake::TableRow> rows;
};

std::vector<Machine> machines(const StatesOptions& o) {
  std::vector<Machine> out;
  for (const auto& [name, role] :
       {std::pair{"client", Role::client}, std::pair{"server", Role::server}}) {
    if (!o.role.empty() && o.role != name) continue;
    Machine m{name, role, handshake::state_names(role), {}};
    if (const auto start = handshake::start_transition(role)) m.rows.push_back(*start);
    for (auto& row : handshake::transition_table(role))
      m.rows.push_back(std::move(row));
    out.push_back(std::move(m));
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& i : items)
    out += (out.empty() ? "" : sep) + i;
  return out;
}

void print_text(const std::vector<Machine>& ms) {
  for (const auto& m : ms) {
    std::cout << m.name << " (initial state " << m.states.front() << ")\n";
    for (const auto& r : m.rows)
      std::cout << "  " << r.state << " --" << r.input << "--> " << join(r.next, " | ") << "\n";
  }
}

// Graphviz: one cluster per role, node ids prefixed by the role (both have ExpectFinished).
void print_dot(const std::vector<Machine>& ms) {
  std::cout << "digraph tlslab {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n";
  for (const auto& m : ms) {
    const std::string p = std::string(m.name) + "_";
    std::cout << "  subgraph cluster_" << m.name << " {\n    label=\"" << m.name << "\";\n";
    std::cout << "    " << p << "init [shape=point, label=\"\"];\n";
    for (const auto& s : m.states)
      std::cout << "    " << p << s << " [label=\"" << s << "\"];\n";
    std::cout << "    " << p << "init -> " << p << m.states.front() << ";\n";
    for (const auto& r : m.rows) {
      for (const auto& n : r.next) {
        std::cout << "    " << p << r.state << " -> " << p << n << " [label=\"" << r.input
                  << "\"];\n";
      }
    }
    std::cout << "  }\n";
  }
  std::cout << "}\n";
}

// Mermaid: one composite state per role, the same prefixing.
void print_mermaid(const std::vector<Machine>& ms) {
  std::cout << "stateDiagram-v2\n";
  for (const auto& m : ms) {
    const std::string p = std::string(m.name) + "_";
    std::cout << "  state " << m.name << " {\n";
    for (const auto& s : m.states)
      std::cout << "    state \"" << s << "\" as " << p << s << "\n";
    std::cout << "    [*] --> " << p << m.states.front() << "\n";
    for (const auto& r : m.rows) {
      for (const auto& n : r.next)
        std::cout << "    " << p << r.state << " --> " << p << n << ": " << r.input << "\n";
    }
    std::cout << "  }\n";
  }
}

void print_json(const std::vector<Machine>& ms) {
  nlohmann::json doc = nlohmann::json::object();
  for (const auto& m : ms) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : m.rows)
      rows.push_back({{"state", r.state}, {"input", r.input}, {"next", r.next}});
    doc[m.name] = {{"initial", m.states.front()}, {"states", m.states}, {"transitions", rows}};
  }
  std::cout << doc.dump(1) << "\n";
}

}  // namespace

void register_states(CLI::App& app) {
  auto o = std::make_shared<StatesOptions>();
  auto* cmd = app.add_subcommand(
      "states",
      "The handshake state machines' tables, drawn from the code (text, Graphviz dot, "
      "Mermaid or JSON)");
  cmd->add_option("--role", o->role, "Only this role's machine")
      ->check(CLI::IsMember({"client", "server"}));
  auto* dot = cmd->add_flag("--dot", o->dot, "A Graphviz digraph (dot -Tsvg draws it)");
  auto* mermaid = cmd->add_flag("--mermaid", o->mermaid, "A Mermaid stateDiagram-v2");
  auto* json = cmd->add_flag("--json", o->json, "JSON: states, initial state, transitions");
  dot->excludes(mermaid)->excludes(json);
  mermaid->excludes(json);
  cmd->callback([o] {
    const auto ms = machines(*o);
    if (o->dot) {
      print_dot(ms);
    } else if (o->mermaid) {
      print_mermaid(ms);
    } else if (o->json) {
      print_json(ms);
    } else {
      print_text(ms);
    }
    set_exit_status(kExitOk);
  });
}

}  // namespace tlslab::cli

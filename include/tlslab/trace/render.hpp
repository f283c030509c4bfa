// Rendering of trace trees: indented text for people, JSON for tools.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "tlslab/trace/tree.hpp"

namespace tlslab::trace {

struct TextOptions {
  std::size_t indent = 0;          // spaces before the root
  std::size_t max_hex_bytes = 32;  // longer byte strings are shown as the first bytes + "…"
};

// One line per node: "+OFFSET  label <length> = value  decoded".
std::string render_text(const Node& node, const TextOptions& options = {});
// {"name","label","offset","length", "value"/"hex", "decoded", "children":[...]}.
nlohmann::json render_json(const Node& node);

}  // namespace tlslab::trace

// Rendering of trace trees as indented text for people (the JSON form, for tools, is in
// render_json.hpp, outside the installed library).
#pragma once

#include <string>

#include "tlslab/trace/tree.hpp"

namespace tlslab::trace {

struct TextOptions {
  std::size_t indent = 0;          // spaces before the root
  std::size_t max_hex_bytes = 32;  // longer byte strings are shown as the first bytes + "…"
};

// One line per node: "+OFFSET  label <length> = value  decoded".
std::string render_text(const Node& node, const TextOptions& options = {});

}  // namespace tlslab::trace

// Trace trees as JSON, for tools (`tlslab decode --json`, replay reports). Part of the tools
// library: not installed with libtlslab, whose public headers stay free of nlohmann.
#pragma once

#include <nlohmann/json.hpp>

#include "tlslab/trace/tree.hpp"

namespace tlslab::trace {

// {"name","label","kind","offset","length", "value"/"hex", "decoded", "children":[...]}.
nlohmann::json render_json(const Node& node);

}  // namespace tlslab::trace

// Trace trees as JSON (render_json.hpp): part of the tools library, which may use nlohmann.
#include "tlslab/trace/render_json.hpp"

#include <string_view>

namespace tlslab::trace {

namespace {

using Kind = codec::Field::Kind;

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::integer:
      return "integer";
    case Kind::bytes:
      return "bytes";
    case Kind::vector:
      return "vector";
    case Kind::structure:
      return "struct";
    case Kind::rest:
      return "bytes";
  }
  return "unknown";
}

}  // namespace

nlohmann::json render_json(const Node& n) {
  nlohmann::json j;
  j["name"] = n.name;
  if (n.label != n.name) j["label"] = n.label;
  j["kind"] = kind_name(n.kind);
  j["offset"] = n.offset;
  j["length"] = n.size;
  if (n.prefix_size > 0) j["prefix_length"] = n.prefix_size;
  if (n.kind == Kind::integer) j["value"] = n.value;
  if (n.kind == Kind::bytes || n.kind == Kind::vector || n.kind == Kind::rest) {
    j["hex"] = to_hex(n.bytes);
  }
  if (!n.decoded.empty()) j["decoded"] = n.decoded;
  if (!n.children.empty()) {
    auto& children = j["children"] = nlohmann::json::array();
    for (const auto& c : n.children)
      children.push_back(render_json(c));
  }
  return j;
}

}  // namespace tlslab::trace

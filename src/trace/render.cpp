// Trace trees as indented text (render.hpp).
#include "tlslab/trace/render.hpp"

#include <cstdio>
#include <string>

namespace tlslab::trace {

namespace {

using Kind = codec::Field::Kind;

std::string hex_int(std::uint64_t v, std::size_t bytes) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%0*llx", static_cast<int>(bytes * 2),
                static_cast<unsigned long long>(v));
  return buf;
}

std::string shown_hex(const Bytes& b, std::size_t max) {
  if (b.size() <= max) return to_hex(b);
  return to_hex(ByteView(b).first(max)) + "…";
}

void render_line(const Node& n, std::size_t depth, const TextOptions& o, std::string& out) {
  char offset[16];
  std::snprintf(offset, sizeof offset, "+%-6zu", n.offset);
  out += offset;
  out.append(o.indent + 2 * depth, ' ');
  out += n.label;
  switch (n.kind) {
    case Kind::integer:
      // Code points show hex and their name; plain numbers (lengths, limits) show decimal.
      out += " = ";
      out += n.decoded.empty() ? std::to_string(n.value) : hex_int(n.value, n.size);
      break;
    case Kind::bytes:
    case Kind::rest:
      out += " [" + std::to_string(n.size) + "]";
      if (!n.bytes.empty()) out += " = " + shown_hex(n.bytes, o.max_hex_bytes);
      break;
    case Kind::vector:
      out += " <" + std::to_string(n.prefix_size) + "+" + std::to_string(n.value) + ">";
      if (!n.bytes.empty()) out += " = " + shown_hex(n.bytes, o.max_hex_bytes);
      break;
    case Kind::structure:
      if (depth == 0) {
        out += " (" + std::to_string(n.size) + " bytes)";
      } else if (n.prefix_size > 0) {
        out += " <" + std::to_string(n.prefix_size) + "+" + std::to_string(n.value) + ">";
      } else {
        out += " [" + std::to_string(n.size) + "]";
      }
      break;
  }
  if (!n.decoded.empty()) out += "  " + n.decoded;
  out += '\n';
  for (const auto& c : n.children)
    render_line(c, depth + 1, o, out);
}

}  // namespace

std::string render_text(const Node& node, const TextOptions& options) {
  std::string out;
  render_line(node, 0, options, out);
  return out;
}

}  // namespace tlslab::trace

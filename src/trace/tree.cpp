#include "tlslab/trace/tree.hpp"

#include <string>

#include "tlslab/error.hpp"

namespace tlslab::trace {

TreeBuilder::TreeBuilder(std::string root_name, std::size_t shift) : shift_(shift) {
  root_.name = std::move(root_name);
  root_.label = root_.name;
  root_.offset = 0;
  stack_.emplace_back(0, &root_);
}

void TreeBuilder::on_field(const codec::Field& f) {
  // Close the structures the field is not inside of (parsers read strictly in order).
  while (stack_.size() > 1 && stack_.back().first > f.depth)
    stack_.pop_back();
  Node& parent = *stack_.back().second;
  Node node;
  node.name = std::string(f.name);
  node.kind = f.kind;
  node.offset = f.offset + shift_;
  node.size = f.size;
  node.prefix_size = f.prefix_size;
  node.value = f.value;
  if (f.kind != codec::Field::Kind::integer && f.kind != codec::Field::Kind::structure) {
    node.bytes.assign(f.body.begin(), f.body.end());
  }
  parent.children.push_back(std::move(node));
  if (f.kind == codec::Field::Kind::structure) {
    stack_.emplace_back(f.depth + 1, &parent.children.back());
  }
}

namespace {

void finish_node(Node& n) {
  if (n.kind == codec::Field::Kind::integer) {
    n.decoded = decode_integer(n.name, n.value);
  } else if (n.kind != codec::Field::Kind::structure) {
    n.decoded = decode_bytes(n.name, n.bytes);
  }
  // A list of same-named items prints as list[i] (cipher_suites[3]).
  bool same = n.children.size() > 1;
  for (const auto& c : n.children)
    same = same && c.name == n.children.front().name;
  for (std::size_t i = 0; i < n.children.size(); ++i) {
    Node& c = n.children[i];
    c.label = same || (n.children.size() == 1 && (c.name == "extension" || c.name == "certificate"))
                  ? n.name + "[" + std::to_string(i) + "]"
                  : c.name;
    finish_node(c);
  }
  // An extension is named by its type.
  if (n.name == "extension" && !n.children.empty() && n.children.front().name == "extension_type") {
    n.decoded = n.children.front().decoded;
  }
}

}  // namespace

Node TreeBuilder::finish(std::size_t root_size) {
  root_.size = root_size;
  stack_.clear();
  finish_node(root_);
  return std::move(root_);
}

MessageTrace trace_handshake_message(ByteView message, const messages::ParseContext& ctx) {
  MessageTrace out;
  codec::Reader header(message, "Handshake");
  const auto msg_type = message.empty() ? std::uint8_t{0xff} : message[0];
  const auto name = messages::message_name(msg_type);
  TreeBuilder builder(name ? std::string(*name) : std::string("Handshake"));
  header.observe(&builder);
  try {
    (void)header.u8("msg_type");
    const std::uint32_t length = header.u24("length");
    header.observe(nullptr);  // the body is reported as a structure, its fields by the parser
    const ByteView body = header.bytes(length, "body");
    header.expect_end();
    builder.on_field(
        codec::Field{codec::Field::Kind::structure, "body", 4, length, 0, length, body, 0});
    // The body's fields are children of "body": report them one level deeper, offsets + 4.
    struct Shift final : codec::FieldObserver {
      codec::FieldObserver* inner;
      void on_field(const codec::Field& f) override {
        codec::Field g = f;
        g.offset += 4;
        g.depth += 1;
        inner->on_field(g);
      }
    } shift;
    shift.inner = &builder;
    out.message = messages::parse_message(msg_type, body, ctx, &shift);
  } catch (const Error& e) {
    out.error = e;
  }
  out.tree = builder.finish(message.size());
  return out;
}

}  // namespace tlslab::trace

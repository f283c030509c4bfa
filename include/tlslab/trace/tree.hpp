// The annotated tree a trace prints: one node per field a parser read (codec::FieldObserver),
// with its offset, length, value and the decoded name of its code point. Because the tree is
// built from the parse functions' own reads, it always shows exactly what the parser saw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/codec/reader.hpp"
#include "tlslab/error.hpp"
#include "tlslab/messages/handshake.hpp"

namespace tlslab::trace {

struct Node {
  std::string name;   // the field name the parser used ("cipher_suite")
  std::string label;  // what to print ("cipher_suites[3]")
  codec::Field::Kind kind = codec::Field::Kind::structure;
  std::size_t offset = 0;       // from the start of the traced unit
  std::size_t size = 0;         // bytes covered, prefix included
  std::size_t prefix_size = 0;  // length prefix bytes of vectors
  std::uint64_t value = 0;      // integers; body length for vectors/structures
  Bytes bytes;                  // body bytes of bytes/vector/rest leaves
  std::string decoded;          // "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "\"example.com\""
  std::vector<Node> children;
};

// Builds a tree from observed fields. `shift` is added to every offset (e.g. 4 to count from the
// start of a handshake message rather than its body).
class TreeBuilder final : public codec::FieldObserver {
 public:
  explicit TreeBuilder(std::string root_name, std::size_t shift = 0);
  void on_field(const codec::Field& field) override;
  // Finishes labels (array indices) and decoded names; the builder is spent afterwards.
  Node finish(std::size_t root_size);

 private:
  Node root_;
  std::size_t shift_;
  std::vector<std::pair<std::size_t, Node*>> stack_;  // (depth, node) of open structures
};

// The decoded meaning of an integer field, by field name ("cipher_suite" -> suite name), or ""
// when the name has no registry.
std::string decode_integer(std::string_view field_name, std::uint64_t value);
// The meaning of a byte field worth showing as text (host names, ALPN ids), or "".
std::string decode_bytes(std::string_view field_name, ByteView bytes);

// A whole handshake message (header + body) as a tree rooted at its RFC name, offsets from the
// message's first byte. On a parse error the tree holds what was read before it and `error`
// says what failed.
struct MessageTrace {
  Node tree;
  std::optional<Error> error;
  std::optional<messages::Message> message;  // when parsing succeeded (views into the input)
};
MessageTrace trace_handshake_message(ByteView message, const messages::ParseContext& ctx);

}  // namespace tlslab::trace

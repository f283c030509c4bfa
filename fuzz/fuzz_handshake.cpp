// Fuzz target for every handshake message parser, the trace built from it and its renderers.
// Input: one byte selecting the key exchange the ServerKeyExchange/ClientKeyExchange layouts
// depend on (0 none, 1 ECDHE, 2 DHE, 3 RSA), then one whole handshake message (header + body).
// Oracle: a message that parses re-serialises to exactly its bytes (every encoding tlslab
// accepts is canonical), and parses again to the same bytes; failures are tlslab::Error.
#include <cstdint>
#include <cstdlib>

#include "tlslab/error.hpp"
#include "tlslab/messages/handshake.hpp"
#include "tlslab/trace/render.hpp"
#include "tlslab/trace/render_json.hpp"
#include "tlslab/trace/tree.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  tlslab::messages::ParseContext ctx;
  switch (data[0] & 3) {
    case 1:
      ctx.key_exchange = tlslab::registry::KeyExchange::ecdhe;
      break;
    case 2:
      ctx.key_exchange = tlslab::registry::KeyExchange::dhe;
      break;
    case 3:
      ctx.key_exchange = tlslab::registry::KeyExchange::rsa;
      break;
    default:
      break;
  }
  const tlslab::ByteView message(data + 1, size - 1);
  const auto t = tlslab::trace::trace_handshake_message(message, ctx);
  // The renderers must cope with any (partial) tree.
  (void)tlslab::trace::render_text(t.tree);
  (void)tlslab::trace::render_json(t.tree).dump();
  if (t.error) {
    if (t.error->reason().empty()) std::abort();
    return 0;
  }
  if (!t.message) std::abort();
  tlslab::Bytes again;
  tlslab::messages::serialize_message(*t.message, again);
  if (again.size() != message.size() || !std::equal(again.begin(), again.end(), message.begin())) {
    std::abort();
  }
  return 0;
}

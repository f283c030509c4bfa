// Fuzz target for hello extension blocks and every typed extension body.
// Input: one byte choosing the origin (even: ClientHello, odd: ServerHello), then an extension
// block (uint16 length + extensions). Oracle: a block that parses re-serialises to the bytes it
// consumed.
#include <cstdint>
#include <cstdlib>

#include "tlslab/error.hpp"
#include "tlslab/messages/extensions.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const auto origin = (data[0] & 1) ? tlslab::messages::Origin::server_hello
                                    : tlslab::messages::Origin::client_hello;
  const tlslab::ByteView block(data + 1, size - 1);
  tlslab::codec::Reader r(block, "Hello");
  tlslab::messages::Extensions ext;
  try {
    ext = tlslab::messages::Extensions::parse(r, origin);
  } catch (const tlslab::Error& e) {
    if (e.reason().empty()) std::abort();
    return 0;
  }
  tlslab::Bytes again;
  tlslab::codec::Writer w(again);
  ext.serialize(w);
  const std::size_t consumed = block.size() - r.remaining();
  if (again.size() != consumed || !std::equal(again.begin(), again.end(), block.begin())) {
    std::abort();
  }
  return 0;
}

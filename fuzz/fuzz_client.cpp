// Fuzz target: tlslab's client, fed the server's side of a handshake (handshake_fixture.hpp has
// the input framing, the setup and the oracle). Seeds: fuzz/corpus/client, recorded server
// flights from make_handshake_seeds.cpp, which replay to the end of the handshake.
#include "handshake_fixture.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)tlslab::fuzz::run_input(tlslab::fuzz::Role::client, tlslab::ByteView(data, size));
  return 0;
}

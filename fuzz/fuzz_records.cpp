// Fuzz target for the record deframer, handshake reassembly, Alert and ChangeCipherSpec parsing.
// Input: one byte giving the chunk size the stream is fed in (1..256), then the stream.
// Oracle: the records returned, re-framed, equal the stream's prefix they came from, and every
// reassembled message is a prefix-consistent slice of the handshake bytes fed.
#include <cstdint>
#include <cstdlib>

#include "tlslab/error.hpp"
#include "tlslab/record/framing.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::size_t chunk = std::size_t{data[0]} + 1;
  const tlslab::ByteView stream(data + 1, size - 1);
  tlslab::record::Deframer deframer;
  tlslab::record::HandshakeAssembler handshake;
  tlslab::Bytes reframed;
  tlslab::Bytes handshake_in;
  tlslab::Bytes handshake_out;
  try {
    for (std::size_t i = 0; i < stream.size(); i += chunk) {
      deframer.feed(stream.subspan(i, std::min(chunk, stream.size() - i)));
      while (auto r = deframer.next()) {
        tlslab::record::write_record(static_cast<tlslab::record::ContentType>(r->type), r->version,
                                     r->fragment, reframed);
        switch (r->type) {
          case 20:
            tlslab::record::parse_change_cipher_spec(r->fragment);
            break;
          case 21:
            (void)tlslab::record::AlertMessage::parse(r->fragment).serialize();
            break;
          case 22:
            handshake.add(r->fragment);
            handshake_in.insert(handshake_in.end(), r->fragment.begin(), r->fragment.end());
            while (auto m = handshake.next()) {
              handshake_out.insert(handshake_out.end(), m->begin(), m->end());
            }
            break;
          default:
            break;
        }
      }
    }
  } catch (const tlslab::Error& e) {
    if (e.reason().empty()) std::abort();
  }
  if (reframed.size() > stream.size() ||
      !std::equal(reframed.begin(), reframed.end(), stream.begin())) {
    std::abort();
  }
  if (handshake_out.size() > handshake_in.size() ||
      !std::equal(handshake_out.begin(), handshake_out.end(), handshake_in.begin())) {
    std::abort();
  }
  return 0;
}

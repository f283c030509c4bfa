// Fuzz target for the codec: the input is a small program of Reader operations followed by the
// data they read. Whatever is read is written back with the Writer; the oracle is that the
// bytes written equal the bytes consumed (read -> write round trip), and that a failure is a
// tlslab::Error with decode_error and a non-empty reason — never a crash or an overread.
#include <cstdint>
#include <cstdlib>

#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"
#include "tlslab/error.hpp"

namespace {

using tlslab::ByteView;
using tlslab::codec::Reader;
using tlslab::codec::Writer;

void check(bool ok) {
  if (!ok) std::abort();
}

// Executes ops[i..] against r, mirroring into w; returns the next op index.
std::size_t run(Reader& r, Writer& w, ByteView ops, std::size_t i, int depth) {
  while (i < ops.size()) {
    const std::uint8_t op = ops[i++];
    const std::size_t min = op >> 4;  // declared minimum 0..15
    switch (op & 0x0f) {
      case 0:
        w.u8(r.u8("u8"));
        break;
      case 1:
        w.u16(r.u16("u16"));
        break;
      case 2:
        w.u24(r.u24("u24"));
        break;
      case 3:
        w.u32(r.u32("u32"));
        break;
      case 4:
        w.u64(r.u64("u64"));
        break;
      case 5:
        w.opaque8("opaque8", r.opaque8("opaque8", min));
        break;
      case 6:
        w.opaque16("opaque16", r.opaque16("opaque16", min, 0xffff, 2), min);
        break;
      case 7:
        w.opaque24("opaque24", r.opaque24("opaque24", 0, 0xffffff, 1 + min % 3));
        break;
      case 8:
      case 9:
      case 10: {
        if (depth >= 12) return i;
        Reader sub = (op & 0x0f) == 8   ? r.sub8("sub8", min)
                     : (op & 0x0f) == 9 ? r.sub16("sub16", min)
                                        : r.sub24("sub24", min);
        auto body = [&](Writer& inner) {
          i = run(sub, inner, ops, i, depth + 1);
          inner.bytes(sub.rest());
        };
        if ((op & 0x0f) == 8) {
          w.sub8("sub8", body, min);
        } else if ((op & 0x0f) == 9) {
          w.sub16("sub16", body, min);
        } else {
          w.sub24("sub24", body, min);
        }
        break;
      }
      case 11:
        w.bytes(r.bytes(min, "fixed"));
        break;
      case 12:
        r.expect_end();
        break;
      case 13:
        return i;  // end of this nesting level
      default:
        w.bytes(r.rest());
        break;
    }
  }
  return i;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t n_ops = std::min<std::size_t>(data[0], size - 1);
  const ByteView ops(data + 1, n_ops);
  const ByteView payload(data + 1 + n_ops, size - 1 - n_ops);
  tlslab::Bytes out;
  Writer w(out);
  Reader r(payload, "fuzz");
  try {
    run(r, w, ops, 0, 0);
  } catch (const tlslab::Error& e) {
    check(e.alert() == tlslab::AlertDescription::decode_error);
    check(!e.reason().empty());
    return 0;
  }
  const std::size_t consumed = r.offset();
  check(consumed <= payload.size());
  check(out.size() == consumed);
  check(std::equal(out.begin(), out.end(), payload.begin()));
  return 0;
}

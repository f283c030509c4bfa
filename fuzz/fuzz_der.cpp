// Fuzz target for the DER/BER reader. The first byte picks DER or BER; the rest is walked as a
// tree of elements, each primitive universal element read with its typed reader. Oracles: in
// DER mode a fully accepted input re-encodes with the writer to exactly its bytes (DER is
// canonical); every OBJECT IDENTIFIER survives dotted -> encode_oid; a UTCTime re-encodes to its
// text. Failures must be tlslab::Error with a reason; anything else aborts.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "tlslab/error.hpp"
#include "tlslab/pki/der.hpp"
#include "tlslab/pki/der_writer.hpp"
#include "tlslab/pki/oid.hpp"

namespace {

using namespace tlslab;
namespace der = pki::der;

void check(bool ok) {
  if (!ok) std::abort();
}

void typed(const der::Element& e, der::Reader& parent) {
  if (e.tag.cls != der::Class::universal || e.tag.constructed) return;
  der::Reader r = parent.nested(e.encoding, "typed");
  switch (e.tag.number) {
    case 1:
      (void)r.boolean("boolean");
      break;
    case 2:
      (void)r.integer("integer");
      break;
    case 3:
      (void)r.bit_string("bit_string");
      break;
    case 5:
      r.null("null");
      break;
    case 6: {
      const pki::Oid oid = r.oid("oid");
      const std::string dotted = oid.dotted();
      const Bytes again = pki::encode_oid(dotted);
      check(again.size() == oid.contents().size() &&
            std::equal(again.begin(), again.end(), oid.contents().begin()));
      (void)oid.id();
      (void)oid.display_name();
      break;
    }
    case 23:
    case 24: {
      const der::Time t = r.time("time");
      if (!t.generalized) {
        Bytes out;
        der::Writer w(out);
        w.time(t.seconds);
        check(out.size() == e.encoding.size() &&
              std::equal(out.begin(), out.end(), e.encoding.begin()));
      }
      break;
    }
    default:
      if (e.tag.number == 12 || (e.tag.number >= 18 && e.tag.number <= 22) ||
          (e.tag.number >= 25 && e.tag.number <= 28) || e.tag.number == 30) {
        (void)der::to_utf8(r.string("string"));
      }
      break;
  }
  r.expect_end();
}

void walk(der::Reader& r, der::Writer& w, int depth) {
  if (depth > 64) return;
  for (std::size_t i = 0; !r.empty(); ++i) {
    const der::Element e = r.read({"element", i});
    check(e.encoding.size() >= e.contents.size());
    if (e.tag == der::Tag::universal(4, true) && r.encoding() == der::Encoding::ber) {
      der::Reader again = r.nested(e.encoding, "octets");
      const der::OctetString octets = again.octets("octets");
      check(octets.view().size() <= e.encoding.size());
      w.element(der::Tag::universal(4), octets.view());
    } else if (e.tag.constructed) {
      der::Reader sub = r.enter(e, {"element", i});
      w.constructed(e.tag, [&](der::Writer& inner) { walk(sub, inner, depth + 1); });
    } else {
      typed(e, r);
      w.element(e.tag, e.contents);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto mode = (data[0] & 1) != 0 ? der::Encoding::ber : der::Encoding::der;
  const ByteView input(data + 1, size - 1);
  Bytes out;
  der::Writer w(out);
  try {
    der::Reader r(input, "fuzz", AlertDescription::bad_certificate, mode);
    walk(r, w, 0);
  } catch (const Error& e) {
    check(!e.reason().empty());
    return 0;
  }
  if (mode == der::Encoding::der) {
    check(out.size() == input.size() && std::equal(out.begin(), out.end(), input.begin()));
  }
  return 0;
}

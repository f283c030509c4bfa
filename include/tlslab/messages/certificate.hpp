// Certificate (RFC 5246 §7.4.2, §7.4.6): the sender's chain, leaf first, as DER views.
#pragma once

#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"

namespace tlslab::messages {

struct Certificate {
  std::vector<ByteView> certificate_list;  // ASN.1Cert certificate_list<0..2^24-1>, each <1..>

  static Certificate parse(codec::Reader& r);
  static Certificate parse(ByteView body);
  void serialize(codec::Writer& w) const;
};

}  // namespace tlslab::messages

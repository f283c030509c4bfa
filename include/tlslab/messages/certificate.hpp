// Certificate (RFC 5246 §7.4.2, §7.4.6): the sender's chain, leaf first, as DER views.
#pragma once

#include <string_view>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"
#include "tlslab/messages/parse.hpp"

namespace tlslab::messages {

struct Certificate {
  static constexpr HandshakeType kType = HandshakeType::certificate;
  static constexpr std::string_view kName = "Certificate";
  std::vector<ByteView> certificate_list;  // ASN.1Cert certificate_list<0..2^24-1>, each <1..>

  static Certificate parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

}  // namespace tlslab::messages

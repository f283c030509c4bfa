// Finished (RFC 5246 §7.4.9): verify_data[verify_data_length], 12 bytes for every TLS 1.2
// cipher suite tlslab knows (no suite defines another length).
#pragma once

#include "tlslab/bytes.hpp"
#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"

namespace tlslab::messages {

struct Finished {
  static constexpr std::size_t kVerifyDataLength = 12;
  ByteView verify_data;

  // Another length is decode_error.
  static Finished parse(codec::Reader& r);
  static Finished parse(ByteView body);
  void serialize(codec::Writer& w) const;
};

}  // namespace tlslab::messages

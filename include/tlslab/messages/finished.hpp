// Finished (RFC 5246 §7.4.9): verify_data[verify_data_length], 12 bytes for every TLS 1.2
// cipher suite tlslab knows (no suite defines another length).
#pragma once

#include <string_view>

#include "tlslab/bytes.hpp"
#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"
#include "tlslab/messages/parse.hpp"

namespace tlslab::messages {

struct Finished {
  static constexpr HandshakeType kType = HandshakeType::finished;
  static constexpr std::string_view kName = "Finished";
  static constexpr std::size_t kVerifyDataLength = 12;
  ByteView verify_data;

  // Another length is decode_error.
  static Finished parse(codec::Reader& r);
  void serialize(codec::Writer& w) const;
};

}  // namespace tlslab::messages

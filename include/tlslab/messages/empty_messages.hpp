// The handshake messages with an empty body: HelloRequest (RFC 5246 §7.4.1.1) and
// ServerHelloDone (§7.4.5). Parsing checks that the body is empty (decode_error otherwise).
#pragma once

#include "tlslab/bytes.hpp"
#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"

namespace tlslab::messages {

struct HelloRequest {
  static HelloRequest parse(codec::Reader& r);
  static HelloRequest parse(ByteView body);
  void serialize(codec::Writer&) const {}
};

struct ServerHelloDone {
  static ServerHelloDone parse(codec::Reader& r);
  static ServerHelloDone parse(ByteView body);
  void serialize(codec::Writer&) const {}
};

}  // namespace tlslab::messages

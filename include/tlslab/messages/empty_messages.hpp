// The handshake messages with an empty body: HelloRequest (RFC 5246 §7.4.1.1) and
// ServerHelloDone (§7.4.5). Parsing checks that the body is empty (decode_error otherwise).
#pragma once

#include <string_view>

#include "tlslab/bytes.hpp"
#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"
#include "tlslab/messages/parse.hpp"

namespace tlslab::messages {

struct HelloRequest {
  static constexpr HandshakeType kType = HandshakeType::hello_request;
  static constexpr std::string_view kName = "HelloRequest";
  static HelloRequest parse(codec::Reader& r);
  void serialize(codec::Writer&) const {}
};

struct ServerHelloDone {
  static constexpr HandshakeType kType = HandshakeType::server_hello_done;
  static constexpr std::string_view kName = "ServerHelloDone";
  static ServerHelloDone parse(codec::Reader& r);
  void serialize(codec::Writer&) const {}
};

}  // namespace tlslab::messages

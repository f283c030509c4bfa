// The handshake transcript (RFC 5246 §7.4.9 "handshake_messages"): every handshake message sent
// or received, header included, except HelloRequest. Kept as bytes because the hash is not
// known until the ServerHello picks a suite, and because Ed25519 CertificateVerify signs the
// messages themselves (RFC 8422 §5.10), not a hash of them.
#pragma once

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/provider.hpp"

namespace tlslab::handshake {

class Transcript {
 public:
  void add(ByteView message) { bytes_.insert(bytes_.end(), message.begin(), message.end()); }
  ByteView bytes() const noexcept { return bytes_; }
  crypto::Digest hash(crypto::Provider& p, crypto::HashAlgorithm h) const {
    return p.hash(h, bytes_);
  }
  void clear() noexcept { bytes_.clear(); }

 private:
  Bytes bytes_;
};

}  // namespace tlslab::handshake

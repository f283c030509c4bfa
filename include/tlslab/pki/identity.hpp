// What the TLS layer asks of the PKI layer (issue 14: layers only point down, so these live
// here and handshake/config.hpp uses them): a local identity (chain and key), and the
// verification of a peer's chain, which TrustStore implements.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/provider.hpp"

namespace tlslab::pki {

// A certificate chain (DER, leaf first) and the private key of its leaf.
struct Identity {
  std::vector<Bytes> chain;
  std::shared_ptr<const crypto::PrivateKey> key;
};

// What the leaf must be good for. `any`: no EKU/keyUsage purpose check (as `openssl verify`
// without -purpose); the handshake asks for server_auth or client_auth.
enum class Purpose { any, server_auth, client_auth };

// What path validation returns about a peer it accepted.
struct VerifiedPeer {
  std::shared_ptr<const crypto::PublicKey> public_key;  // the leaf's
  std::string subject;                                  // RFC 2253 form, for people
  std::vector<std::string> chain_subjects;              // leaf to anchor
};

// Validates a peer's chain. Throws tlslab::Error with the alert the rejection maps to
// (bad_certificate, unsupported_certificate, certificate_expired, unknown_ca,
// certificate_unknown) and a reason naming the certificate and the rule.
class ChainVerifier {
 public:
  virtual ~ChainVerifier() = default;
  virtual VerifiedPeer verify(const std::vector<ByteView>& chain, Purpose purpose,
                              const std::string& host_name, std::int64_t now) const = 0;
  // The DER subject names of the trust anchors, for CertificateRequest.certificate_authorities.
  virtual std::vector<Bytes> anchor_names() const = 0;
};

}  // namespace tlslab::pki

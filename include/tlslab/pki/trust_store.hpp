// A set of trust anchors implementing pki::ChainVerifier: the TLS layer hands it the
// peer's Certificate message (leaf first) and gets back the leaf's key or an Error carrying the
// alert (path_validation.hpp has the table).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/provider.hpp"
#include "tlslab/pki/identity.hpp"
#include "tlslab/pki/path_validation.hpp"
#include "tlslab/pki/x509.hpp"

namespace tlslab::pki {

class TrustStore : public ChainVerifier {
 public:
  explicit TrustStore(std::shared_ptr<crypto::Provider> provider);

  // Anchors from DER certificates; Error(decode_error) for one that does not parse.
  void add(ByteView der);
  void add(const Certificate& anchor);
  // Every certificate of a PEM or DER file's contents (reading files is the caller's: the cli's
  // trust_files.hpp); Error(decode_error) naming the PEM block when one does not parse.
  // Returns how many were new.
  std::size_t add_certificates(ByteView file);

  const std::vector<Certificate>& anchors() const noexcept { return anchors_; }

  // What verify() accepts and how much work it may do (SHA-1, RSA key sizes, budgets).
  void set_policy(const ValidationPolicy& policy) { policy_ = policy; }
  const ValidationPolicy& policy() const noexcept { return policy_; }

  // chain[0] is the peer's leaf, the rest untrusted intermediates in any order. `host_name`
  // empty: no name check (client certificates). Malformed certificates: bad_certificate.
  VerifiedPeer verify(const std::vector<ByteView>& chain, Purpose purpose,
                      const std::string& host_name, std::int64_t now) const override;
  std::vector<Bytes> anchor_names() const override;

 private:
  std::shared_ptr<crypto::Provider> provider_;
  std::vector<Certificate> anchors_;
  ValidationPolicy policy_;
};

}  // namespace tlslab::pki

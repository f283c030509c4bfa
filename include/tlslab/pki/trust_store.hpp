// A set of trust anchors implementing handshake::ChainVerifier: the TLS layer hands it the
// peer's Certificate message (leaf first) and gets back the leaf's key or an Error carrying the
// alert (path_validation.hpp has the table).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/provider.hpp"
#include "tlslab/handshake/config.hpp"
#include "tlslab/pki/path_validation.hpp"
#include "tlslab/pki/x509.hpp"

namespace tlslab::pki {

class TrustStore : public handshake::ChainVerifier {
 public:
  explicit TrustStore(std::shared_ptr<crypto::Provider> provider);

  // Anchors from DER certificates; Error(decode_error) for one that does not parse.
  void add(ByteView der);
  void add(const Certificate& anchor);
  // Every certificate of a PEM or DER file.
  void add_file(const std::string& path);
  // Every *.pem / *.crt / *.cer file of a directory (e.g. /etc/ssl/certs); files without any
  // certificate are skipped (the directory holds other things too). Returns how many were added.
  std::size_t add_directory(const std::string& path);

  const std::vector<Certificate>& anchors() const noexcept { return anchors_; }

  // What verify() accepts and how much work it may do (SHA-1, RSA key sizes, budgets).
  void set_policy(const ValidationPolicy& policy) { policy_ = policy; }
  const ValidationPolicy& policy() const noexcept { return policy_; }

  // chain[0] is the peer's leaf, the rest untrusted intermediates in any order. `host_name`
  // empty: no name check (client certificates). Malformed certificates: bad_certificate.
  handshake::VerifiedPeer verify(const std::vector<ByteView>& chain, handshake::Purpose purpose,
                                 const std::string& host_name, std::int64_t now) const override;
  std::vector<Bytes> anchor_names() const override;

 private:
  std::shared_ptr<crypto::Provider> provider_;
  std::vector<Certificate> anchors_;
  ValidationPolicy policy_;
};

}  // namespace tlslab::pki

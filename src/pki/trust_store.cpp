// TrustStore: trust anchors plus path validation behind pki::ChainVerifier.
#include "tlslab/pki/trust_store.hpp"

#include <algorithm>

#include "tlslab/error.hpp"

namespace tlslab::pki {

TrustStore::TrustStore(std::shared_ptr<crypto::Provider> provider)
    : provider_(std::move(provider)) {
  if (!provider_) fail(AlertDescription::internal_error, "TrustStore: no crypto provider");
}

void TrustStore::add(ByteView der) {
  add(Certificate::parse(der, AlertDescription::decode_error));
}

void TrustStore::add(const Certificate& anchor) {
  const bool dup = std::any_of(anchors_.begin(), anchors_.end(), [&](const Certificate& a) {
    return std::equal(a.der().begin(), a.der().end(), anchor.der().begin(), anchor.der().end());
  });
  if (!dup) anchors_.push_back(anchor);
}

std::size_t TrustStore::add_certificates(ByteView file) {
  const std::size_t before = anchors_.size();
  for (const auto& c : load_certificates(file, AlertDescription::decode_error))
    add(c);
  return anchors_.size() - before;
}

VerifiedPeer TrustStore::verify(const std::vector<ByteView>& chain, Purpose purpose,
                                const std::string& host_name, std::int64_t now) const {
  if (chain.empty()) fail(AlertDescription::bad_certificate, "peer sent no certificate");
  std::vector<Certificate> certs;
  certs.reserve(chain.size());
  for (std::size_t i = 0; i < chain.size(); ++i) {
    try {
      certs.push_back(Certificate::parse(chain[i], AlertDescription::bad_certificate));
    } catch (const Error& e) {
      fail(e.alert(), "peer certificate_list[" + std::to_string(i) + "]: " + e.reason());
    }
  }
  ValidationOptions o;
  o.purpose = purpose;
  o.host_name = host_name;
  o.now = now;
  o.policy = policy_;
  const std::vector<Certificate> intermediates(certs.begin() + 1, certs.end());
  const auto path = validate_path(certs.front(), intermediates, anchors_, *provider_, o);
  VerifiedPeer peer;
  const auto& key = path.front().public_key().key;  // present: validation checked it
  peer.public_key = provider_->import_public_key(*key);
  peer.subject = path.front().subject().rfc2253();
  for (const auto& c : path)
    peer.chain_subjects.push_back(c.subject().rfc2253());
  return peer;
}

std::vector<Bytes> TrustStore::anchor_names() const {
  std::vector<Bytes> names;
  for (const auto& a : anchors_)
    names.emplace_back(a.subject().der.begin(), a.subject().der.end());
  return names;
}

}  // namespace tlslab::pki

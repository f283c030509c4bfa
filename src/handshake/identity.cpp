// The client's choice of identity for a CertificateRequest: the three tests of RFC 5246 §7.4.4/
// §7.4.6 (certificate type, a signature algorithm the server accepts, a chain leading to one of
// the named CAs), each reported so that a person can see why an identity was skipped.
#include <algorithm>
#include <string>

#include "certificates.hpp"
#include "engine.hpp"
#include "tlslab/registry.hpp"

namespace tlslab::handshake::detail {

std::uint8_t certificate_type_for(crypto::KeyType key) {
  return key == crypto::KeyType::rsa ? 1 /* rsa_sign */ : 64 /* ecdsa_sign */;
}

std::optional<std::uint16_t> common_scheme(const std::vector<std::uint16_t>& ours,
                                           const std::vector<std::uint16_t>& theirs,
                                           crypto::KeyType key) {
  for (auto s : ours) {
    if (std::find(theirs.begin(), theirs.end(), s) == theirs.end()) continue;
    if (crypto::key_supports(key, static_cast<crypto::SignatureScheme>(s))) return s;
  }
  return std::nullopt;
}

IdentityChoice choose_client_identity(const std::vector<Identity>& identities,
                                      const std::vector<std::uint16_t>& our_schemes,
                                      const messages::CertificateRequest& request) {
  IdentityChoice out;
  if (identities.empty()) {
    out.reasons.push_back("no client identity is configured");
    return out;
  }
  for (std::size_t i = 0; i < identities.size(); ++i) {
    const Identity& id = identities[i];
    const auto key = id.key->type();
    std::string who = "identity " + std::to_string(i);
    std::vector<CertificateFacts> chain;
    for (const auto& der : id.chain)
      chain.push_back(certificate_facts(der));
    if (!chain.empty()) who += " (" + chain.front().subject_text + ")";
    who += ", " + std::string(crypto::key_type_name(key)) + " key: ";

    const std::uint8_t wanted = certificate_type_for(key);
    const ByteView types = request.certificate_types;
    if (std::find(types.begin(), types.end(), wanted) == types.end()) {
      std::string listed;
      for (auto t : types) {
        listed += (listed.empty() ? "" : ", ") +
                  std::string(registry::certificate_type_name(t).value_or("unknown"));
      }
      out.reasons.push_back(who + "skipped: its certificate type " +
                            std::string(*registry::certificate_type_name(wanted)) +
                            " is not among the requested [" + listed + "]");
      continue;
    }
    const auto scheme = common_scheme(our_schemes, request.supported_signature_algorithms, key);
    if (!scheme) {
      out.reasons.push_back(who +
                            "skipped: no signature scheme both we and the server accept for it");
      continue;
    }
    if (!request.certificate_authorities.empty()) {
      bool issued = false;
      for (const auto& c : chain) {
        for (auto ca : request.certificate_authorities) {
          const Bytes name(ca.begin(), ca.end());
          issued = issued || c.issuer == name || c.subject == name;
        }
      }
      if (!issued) {
        out.reasons.push_back(who +
                              "skipped: no certificate of its chain is issued by or equal to "
                              "any of the " +
                              std::to_string(request.certificate_authorities.size()) +
                              " CAs the server named");
        continue;
      }
    }
    out.index = i;
    out.scheme = *scheme;
    out.reasons.push_back(who + "chosen, signing with " + scheme_label(*scheme));
    // Later identities are not examined: the first fit wins, in configuration order.
    break;
  }
  return out;
}

}  // namespace tlslab::handshake::detail

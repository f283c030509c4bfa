// The client's choice of identity for a CertificateRequest: the three tests of RFC 5246 §7.4.4/
// §7.4.6 (certificate type, a signature algorithm the server accepts, a chain leading to one of
// the named CAs), each reported so that a person can see why an identity was skipped.
#include <algorithm>
#include <string>

#include "certificates.hpp"
#include "engine.hpp"
#include "tlslab/error.hpp"
#include "tlslab/registry.hpp"

namespace tlslab::handshake::detail {

using Outcome = IdentityVerdict::Outcome;

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

IdentityFacts identity_facts(const Identity& identity, std::size_t index) {
  IdentityFacts out;
  out.key_type = identity.key->type();
  out.certificate_type = certificate_type_for(out.key_type);
  try {
    for (const auto& der : identity.chain) {
      auto facts = certificate_facts(der);
      if (out.names.empty()) out.subject_text = facts.subject_text;
      out.names.push_back(std::move(facts.subject));
      out.names.push_back(std::move(facts.issuer));
    }
  } catch (const Error& e) {
    fail(AlertDescription::internal_error,
         "client configuration: identity " + std::to_string(index) + ": " + e.what());
  }
  return out;
}

namespace {

std::string certificate_types_text(ByteView types) {
  std::string listed;
  for (auto t : types) {
    listed += (listed.empty() ? "" : ", ") +
              std::string(registry::certificate_type_name(t).value_or("unknown"));
  }
  return listed;
}

bool issued_by_named_ca(const IdentityFacts& id, const messages::CertificateRequest& request) {
  for (const auto& name : id.names) {
    for (ByteView ca : request.certificate_authorities) {
      if (std::equal(name.begin(), name.end(), ca.begin(), ca.end())) return true;
    }
  }
  return false;
}

}  // namespace

std::string describe(const IdentityVerdict& v, const messages::CertificateRequest& request) {
  std::string who = "identity " + std::to_string(v.index);
  if (!v.subject.empty()) who += " (" + v.subject + ")";
  who += ", " + v.key_type + " key: ";
  switch (v.outcome) {
    case Outcome::chosen:
      return who + "chosen, signing with " + scheme_label(v.signature_scheme);
    case Outcome::certificate_type_not_requested:
      return who + "skipped: its certificate type " +
             std::string(registry::certificate_type_name(v.certificate_type).value_or("unknown")) +
             " is not among the requested [" + certificate_types_text(request.certificate_types) +
             "]";
    case Outcome::no_common_signature_scheme:
      return who + "skipped: no signature scheme both we and the server accept for it";
    case Outcome::issuer_not_named:
      return who + "skipped: no certificate of its chain is issued by or equal to any of the " +
             std::to_string(request.certificate_authorities.size()) + " CAs the server named";
  }
  return who;
}

IdentityChoice choose_client_identity(const std::vector<IdentityFacts>& identities,
                                      const std::vector<std::uint16_t>& our_schemes,
                                      const messages::CertificateRequest& request) {
  IdentityChoice out;
  for (std::size_t i = 0; i < identities.size(); ++i) {
    const IdentityFacts& id = identities[i];
    IdentityVerdict v;
    v.index = i;
    v.subject = id.subject_text;
    v.key_type = std::string(crypto::key_type_name(id.key_type));
    v.certificate_type = id.certificate_type;
    const ByteView types = request.certificate_types;
    const auto scheme =
        common_scheme(our_schemes, request.supported_signature_algorithms, id.key_type);
    if (std::find(types.begin(), types.end(), id.certificate_type) == types.end()) {
      v.outcome = Outcome::certificate_type_not_requested;
    } else if (!scheme) {
      v.outcome = Outcome::no_common_signature_scheme;
    } else if (!request.certificate_authorities.empty() && !issued_by_named_ca(id, request)) {
      v.outcome = Outcome::issuer_not_named;
    } else {
      v.outcome = Outcome::chosen;
      v.signature_scheme = *scheme;
    }
    out.verdicts.push_back(v);
    if (v.outcome == Outcome::chosen) {
      out.index = i;
      out.scheme = *scheme;
      break;  // later identities are not examined: the first fit wins, in configuration order
    }
  }
  return out;
}

}  // namespace tlslab::handshake::detail

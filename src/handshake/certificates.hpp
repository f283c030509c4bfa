// Internal: what the handshake needs to know about certificates (from the PKI layer), and the
// client's choice among its identities for a CertificateRequest (RFC 5246 §7.4.4, §7.4.6).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tlslab/crypto/provider.hpp"
#include "tlslab/handshake/config.hpp"
#include "tlslab/messages/certificate_request.hpp"

namespace tlslab::handshake::detail {

struct CertificateFacts {
  Bytes subject;             // DER Name
  Bytes issuer;              // DER Name
  std::string subject_text;  // RFC 2253
  crypto::PublicKeyMaterial public_key;
};

// Parses a DER certificate (bad_certificate on failure, naming the field).
CertificateFacts certificate_facts(ByteView der);

// The ClientCertificateType a key signs with (RFC 5246 §7.4.4; RFC 8422 §5.5 uses ecdsa_sign
// for ECDSA and Ed25519 keys alike).
std::uint8_t certificate_type_for(crypto::KeyType key);

struct IdentityChoice {
  std::optional<std::size_t> index;  // the identity chosen, if any
  std::uint16_t scheme = 0;          // the signature scheme CertificateVerify will use
  // One line per identity: why it was (or was not) chosen.
  std::vector<std::string> reasons;
};

// Chooses the first identity whose key type is among certificate_types, whose key can make a
// signature the server accepts (our preference order first), and — when the server names CAs —
// one of whose chain certificates is issued by or equal to a named CA.
IdentityChoice choose_client_identity(const std::vector<Identity>& identities,
                                      const std::vector<std::uint16_t>& our_schemes,
                                      const messages::CertificateRequest& request);

// The first scheme of `ours` that `theirs` lists and `key` can sign with.
std::optional<std::uint16_t> common_scheme(const std::vector<std::uint16_t>& ours,
                                           const std::vector<std::uint16_t>& theirs,
                                           crypto::KeyType key);

}  // namespace tlslab::handshake::detail

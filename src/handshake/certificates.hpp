// Internal: what the handshake needs to know about certificates (from the PKI layer), and the
// client's choice among its identities for a CertificateRequest (RFC 5246 §7.4.4, §7.4.6).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tlslab/crypto/provider.hpp"
#include "tlslab/handshake/config.hpp"
#include "tlslab/handshake/events.hpp"
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

// What the choice of identity reads from one configured identity: computed once, when the
// client is built, not at every CertificateRequest.
struct IdentityFacts {
  crypto::KeyType key_type = crypto::KeyType::rsa;
  std::uint8_t certificate_type = 0;  // certificate_type_for(key_type)
  std::string subject_text;           // the leaf's, RFC 2253
  std::vector<Bytes> names;           // DER subject and issuer of every chain certificate
};

// Parses the identity's chain. A certificate that does not parse is internal_error naming the
// identity: it is our configuration, not the peer's message, that is wrong.
IdentityFacts identity_facts(const Identity& identity, std::size_t index);

struct IdentityChoice {
  std::optional<std::size_t> index;       // the identity chosen, if any
  std::uint16_t scheme = 0;               // the signature scheme CertificateVerify will use
  std::vector<IdentityVerdict> verdicts;  // one per identity examined, in order
};

// Chooses the first identity whose key type is among certificate_types, whose key can make a
// signature the server accepts (our preference order first), and — when the server names CAs —
// one of whose chain certificates is issued by or equal to a named CA.
IdentityChoice choose_client_identity(const std::vector<IdentityFacts>& identities,
                                      const std::vector<std::uint16_t>& our_schemes,
                                      const messages::CertificateRequest& request);

// A verdict in words: "identity 1 (CN=client), EC P-256 key: skipped: ...".
std::string describe(const IdentityVerdict& verdict, const messages::CertificateRequest& request);

// The first scheme of `ours` that `theirs` lists and `key` can sign with.
std::optional<std::uint16_t> common_scheme(const std::vector<std::uint16_t>& ours,
                                           const std::vector<std::uint16_t>& theirs,
                                           crypto::KeyType key);

}  // namespace tlslab::handshake::detail

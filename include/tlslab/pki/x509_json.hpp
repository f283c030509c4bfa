// Certificates as JSON, for tools (`tlslab x509 show --json`, the PKCS#12 inspector). Part of
// the tools library: not installed with libtlslab, whose public headers stay free of nlohmann.
#pragma once

#include <nlohmann/json.hpp>

#include "tlslab/crypto/provider.hpp"
#include "tlslab/pki/x509.hpp"

namespace tlslab::pki {

// The same content as JSON: version, serial (hex), signature_algorithm, issuer and subject (RFC
// 2253), validity (ISO 8601 and epoch seconds), public_key {algorithm, type, bits, ...},
// extensions [{oid, name, critical, value: [lines], parsed fields}], unhandled critical
// extensions, "sha256" (of the DER) and "spki_sha256" (of the SubjectPublicKeyInfo DER) as
// lower-case hex — the figures `openssl x509 -fingerprint -sha256` and
// `openssl pkey -pubout -outform DER | sha256sum` give.
nlohmann::json certificate_json(const Certificate& cert, crypto::Provider& provider);

}  // namespace tlslab::pki

// Human and machine views of certificates: text laid out like `openssl x509 -noout -text` (so
// the two can be read side by side) plus the SHA-256 fingerprints, and a JSON document with the
// same content (x509_json.hpp). Used by `tlslab x509 show` and by the PKCS#12 inspector.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tlslab/crypto/provider.hpp"
#include "tlslab/pki/x509.hpp"

namespace tlslab::pki {

// "Jan  3 12:00:00 2024 GMT" (ASN1_TIME_print's form).
std::string openssl_time(std::int64_t seconds_since_epoch);
// "2024-01-03T12:00:00Z".
std::string iso8601_time(std::int64_t seconds_since_epoch);

// The value of an extension as OpenSSL prints it under the extension's name, one string per
// line, without indentation: "CA:TRUE, pathlen:0"; the AKI's "keyid:..", "DirName:..",
// "serial:.." lines; "Permitted:", "  DNS:example.com", ... Extensions tlslab does not know are
// printed as OpenSSL does (the extnValue's bytes, non-printable ones as '.').
std::vector<std::string> extension_lines(const Extension& extension);

// `openssl x509 -noout -text`'s layout, followed by "SHA256 Fingerprint=AB:CD:.." of the DER and
// "SPKI SHA256=..." of the SubjectPublicKeyInfo DER.
std::string certificate_text(const Certificate& cert, crypto::Provider& provider);

// The serial number as upper-case hex without the sign byte ("0A1B..."), as in the JSON form.
std::string serial_hex(const Certificate& cert);

}  // namespace tlslab::pki

// PEM (RFC 7468 textual encoding; RFC 1421 framing as OpenSSL reads it): every block of a file
// with its label, and the writer.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tlslab/bytes.hpp"

namespace tlslab::pki {

struct PemBlock {
  std::string label;     // "CERTIFICATE", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", ...
  Bytes der;             // the decoded contents
  std::size_t line = 0;  // 1-based line of the BEGIN line, for messages
};

// All PEM blocks of `text`, in order. As in OpenSSL, anything outside the blocks is ignored
// (comments, the "Bag Attributes" and "subject=" lines `openssl pkcs12` prints), the base64 may
// be wrapped at any width with LF or CRLF line ends, and white space inside it is skipped.
// Throws tlslab::Error(decode_error) naming the line: a BEGIN without its END, an END whose
// label differs, a character outside base64 (line and column), misplaced or missing padding,
// RFC 1421 headers (legacy "Proc-Type: 4,ENCRYPTED" keys are not supported). A text without any
// block gives an empty vector.
std::vector<PemBlock> parse_pem(std::string_view text);

// Whether `data` contains a PEM BEGIN line (else it is taken as DER).
bool looks_like_pem(ByteView data);

// "-----BEGIN label-----", base64 in 64-character lines, "-----END label-----", LF line ends.
std::string encode_pem(std::string_view label, ByteView der);

// Strict base64 (RFC 4648 §4, with padding); ASCII white space is skipped. `what` names the
// input in the error.
Bytes decode_base64(std::string_view text, std::string_view what = "base64");
std::string encode_base64(ByteView data);

}  // namespace tlslab::pki

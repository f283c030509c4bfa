// Decoded names for trace fields: the field names the parsers use select the registry.
#include <cstdio>
#include <string>

#include "tlslab/alert.hpp"
#include "tlslab/error.hpp"
#include "tlslab/pki/der.hpp"
#include "tlslab/pki/name.hpp"
#include "tlslab/registry.hpp"
#include "tlslab/trace/tree.hpp"

namespace tlslab::trace {

using namespace registry;

namespace {

std::string or_unknown(std::optional<std::string_view> name) {
  return name ? std::string(*name) : std::string("unknown");
}

std::string signature_algorithm_text(std::uint16_t v) {
  if (auto n = signature_scheme_name(v)) return std::string(*n);
  if (is_grease(v)) return "GREASE";
  // TLS 1.2 SignatureAndHashAlgorithm {hash, signature} (RFC 5246 §7.4.1.4.1).
  return "{" + or_unknown(hash_algorithm_name(static_cast<std::uint8_t>(v >> 8))) + ", " +
         or_unknown(signature_algorithm_name(static_cast<std::uint8_t>(v & 0xff))) + "}";
}

}  // namespace

std::string decode_integer(std::string_view f, std::uint64_t value) {
  const auto v16 = static_cast<std::uint16_t>(value);
  const auto v8 = static_cast<std::uint8_t>(value);
  if (f == "client_version" || f == "server_version" || f == "version") return version_name(v16);
  if (f == "cipher_suite") {
    if (auto n = cipher_suite_name(v16)) return std::string(*n);
    return is_grease(v16) ? "GREASE" : "unknown";
  }
  if (f == "extension_type") {
    if (auto n = extension_name(v16)) return std::string(*n);
    return is_grease(v16) ? "GREASE" : "unknown";
  }
  if (f == "named_group" || f == "named_curve") {
    if (auto n = group_name(v16)) return std::string(*n);
    return is_grease(v16) ? "GREASE" : "unknown";
  }
  if (f == "signature_algorithm") return signature_algorithm_text(v16);
  if (f == "compression_method") return or_unknown(compression_method_name(v8));
  if (f == "certificate_type") return or_unknown(certificate_type_name(v8));
  if (f == "ec_point_format") return or_unknown(ec_point_format_name(v8));
  if (f == "curve_type") return or_unknown(ec_curve_type_name(v8));
  if (f == "max_fragment_length") return or_unknown(max_fragment_length_name(v8));
  if (f == "name_type") return v8 == 0 ? "host_name" : "unknown";
  if (f == "status_type") return v8 == 1 ? "ocsp" : "unknown";
  if (f == "msg_type") return or_unknown(handshake_type_name(v8));
  if (f == "content_type") return or_unknown(content_type_name(v8));
  if (f == "level") return std::string(alert_level_label(static_cast<AlertLevel>(v8)));
  if (f == "description") return or_unknown(alert_name(v8));
  return {};
}

namespace {

// A CertificateRequest's DistinguishedName (RFC 5246 §7.4.4) is a DER Name: shown as RFC 2253
// text, or as why it does not parse (the message itself treats it as opaque).
std::string distinguished_name_text(ByteView der) {
  try {
    pki::der::Reader r(der, "DistinguishedName");
    const auto name = pki::read_name(r, "Name");
    r.expect_end();
    const std::string text = name.rfc2253();
    return text.empty() ? "(empty name)" : text;
  } catch (const Error& e) {
    return std::string("not a DER Name: ") + e.what();
  }
}

}  // namespace

std::string decode_bytes(std::string_view f, ByteView bytes) {
  if (f == "distinguished_name") return distinguished_name_text(bytes);
  if (f != "host_name" && f != "protocol_name") return {};
  std::string out = "\"";
  for (std::uint8_t b : bytes) {
    if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
      out.push_back(static_cast<char>(b));
    } else {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02x", b);
      out += buf;
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace tlslab::trace

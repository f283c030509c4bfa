// The alert registry (RFC 5246 §7.2, RFC 8446 §6, IANA "TLS Alerts"): one table of names.
#include "tlslab/alert.hpp"

#include <array>
#include <utility>

namespace tlslab {
namespace {

constexpr std::array<std::pair<AlertDescription, std::string_view>, 37> kAlerts{{
    {AlertDescription::close_notify, "close_notify"},
    {AlertDescription::unexpected_message, "unexpected_message"},
    {AlertDescription::bad_record_mac, "bad_record_mac"},
    {AlertDescription::decryption_failed_RESERVED, "decryption_failed_RESERVED"},
    {AlertDescription::record_overflow, "record_overflow"},
    {AlertDescription::decompression_failure_RESERVED, "decompression_failure_RESERVED"},
    {AlertDescription::handshake_failure, "handshake_failure"},
    {AlertDescription::no_certificate_RESERVED, "no_certificate_RESERVED"},
    {AlertDescription::bad_certificate, "bad_certificate"},
    {AlertDescription::unsupported_certificate, "unsupported_certificate"},
    {AlertDescription::certificate_revoked, "certificate_revoked"},
    {AlertDescription::certificate_expired, "certificate_expired"},
    {AlertDescription::certificate_unknown, "certificate_unknown"},
    {AlertDescription::illegal_parameter, "illegal_parameter"},
    {AlertDescription::unknown_ca, "unknown_ca"},
    {AlertDescription::access_denied, "access_denied"},
    {AlertDescription::decode_error, "decode_error"},
    {AlertDescription::decrypt_error, "decrypt_error"},
    {AlertDescription::too_many_cids_requested, "too_many_cids_requested"},
    {AlertDescription::export_restriction_RESERVED, "export_restriction_RESERVED"},
    {AlertDescription::protocol_version, "protocol_version"},
    {AlertDescription::insufficient_security, "insufficient_security"},
    {AlertDescription::internal_error, "internal_error"},
    {AlertDescription::inappropriate_fallback, "inappropriate_fallback"},
    {AlertDescription::user_canceled, "user_canceled"},
    {AlertDescription::no_renegotiation, "no_renegotiation"},
    {AlertDescription::missing_extension, "missing_extension"},
    {AlertDescription::unsupported_extension, "unsupported_extension"},
    {AlertDescription::certificate_unobtainable_RESERVED, "certificate_unobtainable_RESERVED"},
    {AlertDescription::unrecognized_name, "unrecognized_name"},
    {AlertDescription::bad_certificate_status_response, "bad_certificate_status_response"},
    {AlertDescription::bad_certificate_hash_value_RESERVED, "bad_certificate_hash_value_RESERVED"},
    {AlertDescription::unknown_psk_identity, "unknown_psk_identity"},
    {AlertDescription::certificate_required, "certificate_required"},
    {AlertDescription::general_error, "general_error"},
    {AlertDescription::no_application_protocol, "no_application_protocol"},
    {AlertDescription::ech_required, "ech_required"},
}};

}  // namespace

std::optional<std::string_view> alert_name(std::uint8_t description) noexcept {
  for (const auto& [code, name] : kAlerts) {
    if (static_cast<std::uint8_t>(code) == description) return name;
  }
  return std::nullopt;
}

std::string_view alert_label(AlertDescription description) noexcept {
  return alert_name(static_cast<std::uint8_t>(description)).value_or("unassigned");
}

std::string_view alert_level_label(AlertLevel level) noexcept {
  switch (level) {
    case AlertLevel::warning:
      return "warning";
    case AlertLevel::fatal:
      return "fatal";
  }
  return "unassigned";
}

}  // namespace tlslab

// Replay's checks of the peers' credentials: each Certificate message against the vector's
// certificates for that role and its chain against the vector's trust anchors at the capture time
// (RFC 5280 §6 through pki::validate_path, with serverAuth and the server name for the server,
// clientAuth for the client), and the two signatures made with the leaves' keys:
// ServerKeyExchange (RFC 5246 §7.4.3, RFC 8422 §5.4) and CertificateVerify (RFC 5246 §7.4.8).
#include <algorithm>
#include <cstdio>

#include "replay_internal.hpp"
#include "tlslab/crypto/algorithms.hpp"
#include "tlslab/pki/path_validation.hpp"
#include "tlslab/pki/x509.hpp"

namespace tlslab::vectors::detail {

namespace {

std::string scheme_text(std::uint16_t code) {
  const auto name = crypto::signature_scheme_name(static_cast<crypto::SignatureScheme>(code));
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%04x", code);
  return name.empty() ? std::string(buf) : std::string(name) + " (" + buf + ")";
}

std::shared_ptr<const crypto::PublicKey> import_leaf_key(ReplayState& s,
                                                         const pki::Certificate& leaf) {
  if (!leaf.public_key().key) {
    diverge("Certificate.certificate_list[0]: unsupported public key (" +
            leaf.public_key().unsupported_reason + ")");
  }
  try {
    return s.provider.import_public_key(*leaf.public_key().key);
  } catch (const Error& e) {
    diverge("Certificate.certificate_list[0]: " + e.reason());
  }
}

}  // namespace

void check_certificate(ReplayState& s, Direction from, const messages::Certificate& m) {
  const bool server = from == Direction::server;
  if (m.certificate_list.empty()) {
    s.note(std::string("the ") + (server ? "server" : "client") + " sent no certificate");
    return;
  }
  const std::vector<Bytes>& given =
      server ? s.vector.server_certificates : s.vector.client_certificates;
  const std::string role = server ? "server" : "client";
  for (std::size_t i = 0; i < given.size() && i < m.certificate_list.size(); ++i) {
    if (!std::equal(given[i].begin(), given[i].end(), m.certificate_list[i].begin(),
                    m.certificate_list[i].end())) {
      diverge("Certificate.certificate_list[" + std::to_string(i) +
              "]: differs from the vector's certificates." + role + "[" + std::to_string(i) + "]");
    }
  }
  std::vector<pki::Certificate> chain;
  for (std::size_t i = 0; i < m.certificate_list.size(); ++i) {
    try {
      chain.push_back(pki::Certificate::parse(m.certificate_list[i]));
    } catch (const Error& e) {
      diverge("Certificate.certificate_list[" + std::to_string(i) + "]: " + e.reason());
    }
  }
  (server ? s.server_key : s.client_key) = import_leaf_key(s, chain[0]);
  if (s.vector.trust_anchors.empty()) {
    s.note("no trust_anchors in the vector: the " + role + " chain is not validated");
    return;
  }
  std::vector<pki::Certificate> anchors;
  for (std::size_t i = 0; i < s.vector.trust_anchors.size(); ++i) {
    try {
      anchors.push_back(pki::Certificate::parse(s.vector.trust_anchors[i]));
    } catch (const Error& e) {
      diverge("trust_anchors[" + std::to_string(i) + "]: " + e.reason());
    }
  }
  pki::ValidationOptions options;
  options.purpose = server ? pki::Purpose::server_auth : pki::Purpose::client_auth;
  options.host_name = server ? s.vector.server_name : std::string();
  options.now = s.vector.captured_at;
  options.policy = s.policy;
  const std::vector<pki::Certificate> intermediates(chain.begin() + 1, chain.end());
  const auto result = pki::check_path(chain[0], intermediates, anchors, s.provider, options);
  if (!result.ok) {
    diverge("Certificate: the " + role +
            " chain does not validate against the vector's trust "
            "anchors at " +
            pki::format_time(options.now) + ": " + result.reason + " (" +
            std::string(alert_label(result.alert)) + ")");
  }
  std::string path;
  for (const auto& c : result.chain)
    path += (path.empty() ? "" : " <- ") + c.describe();
  (server ? s.report.server_chain : s.report.client_chain) = path;
  s.note(role + " chain validated (" + (server ? "serverAuth" : "clientAuth") +
         (options.host_name.empty() ? "" : ", host " + options.host_name) + ", at " +
         pki::format_time(options.now) + "): " + path);
}

void check_server_key_exchange(ReplayState& s, const messages::ServerKeyExchange& m) {
  if (!s.server_key) diverge("ServerKeyExchange: no server certificate came before it");
  Bytes signed_data(s.client_random->begin(), s.client_random->end());
  signed_data.insert(signed_data.end(), s.server_random->begin(), s.server_random->end());
  signed_data.insert(signed_data.end(), m.params.begin(), m.params.end());
  const auto scheme = static_cast<crypto::SignatureScheme>(m.signature_algorithm);
  if (!crypto::key_supports(s.server_key->type(), scheme)) {
    diverge("ServerKeyExchange.signature_algorithm: " + scheme_text(m.signature_algorithm) +
            " does not fit the server certificate's key");
  }
  if (!s.server_key->verify(scheme, signed_data, m.signature)) {
    diverge(
        "ServerKeyExchange.signature: does not verify over client_random + server_random + "
        "params with the server certificate's key (" +
        scheme_text(m.signature_algorithm) + ")");
  }
  s.report.server_key_exchange_verified = true;
  s.note("ServerKeyExchange signature verified (" + scheme_text(m.signature_algorithm) + ")");
}

void check_certificate_verify(ReplayState& s, const messages::CertificateVerify& m) {
  if (!s.client_key) diverge("CertificateVerify: no client certificate came before it");
  const auto scheme = static_cast<crypto::SignatureScheme>(m.signature_algorithm);
  if (!crypto::key_supports(s.client_key->type(), scheme)) {
    diverge("CertificateVerify.signature_algorithm: " + scheme_text(m.signature_algorithm) +
            " does not fit the client certificate's key");
  }
  if (!s.client_key->verify(scheme, s.transcript.bytes(), m.signature)) {
    diverge(
        "CertificateVerify.signature: does not verify over the handshake messages with the "
        "client certificate's key (" +
        scheme_text(m.signature_algorithm) + ")" + s.transcript_hint());
  }
  s.report.certificate_verify_verified = true;
  s.note("CertificateVerify signature verified (" + scheme_text(m.signature_algorithm) + ")");
}

}  // namespace tlslab::vectors::detail

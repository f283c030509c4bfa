#include "proofs.hpp"

#include <string>

#include "engine.hpp"  // scheme_label
#include "tlslab/error.hpp"

namespace tlslab::handshake::detail {

namespace {
std::string scheme_text(crypto::SignatureScheme scheme) {
  return scheme_label(static_cast<std::uint16_t>(scheme));
}
}  // namespace

std::pair<ChainVerified, pki::VerifiedPeer> Verify::chain(const ChainVerifier& verifier,
                                                          const std::vector<ByteView>& chain,
                                                          Purpose purpose,
                                                          const std::string& host_name,
                                                          std::int64_t now) {
  auto peer = verifier.verify(chain, purpose, host_name, now);  // throws bad_certificate & co.
  return {ChainVerified("chain verified"), std::move(peer)};
}

PeerAuthenticated Verify::server(ChainVerified) noexcept {
  return PeerAuthenticated("server chain verified");
}

PeerAuthenticated Verify::server_unverified(const CommonConfig& config) {
  if (config.verifier) {
    fail(AlertDescription::internal_error,
         "a verifier is configured: the server's chain cannot be accepted unverified");
  }
  return PeerAuthenticated("server chain NOT verified (no trust anchors configured)");
}

PeerAuthenticated Verify::client(ChainVerified, const crypto::PublicKey& key,
                                 crypto::SignatureScheme scheme, ByteView handshake_messages,
                                 ByteView signature) {
  if (!key.verify(scheme, handshake_messages, signature)) {
    fail(AlertDescription::decrypt_error,
         "CertificateVerify.signature: does not verify over the handshake with the client "
         "certificate's key (" +
             scheme_text(scheme) + ")");
  }
  return PeerAuthenticated("client chain verified, CertificateVerify checked");
}

PeerAuthenticated Verify::no_client_certificate(ClientAuth client_auth) {
  if (client_auth == ClientAuth::required) {
    fail(AlertDescription::handshake_failure,
         "Certificate: the client sent no certificate and one is required");
  }
  return PeerAuthenticated(client_auth == ClientAuth::none ? "no client certificate requested"
                                                           : "no client certificate sent");
}

KeyExchangeBound Verify::server_key_exchange(const crypto::PublicKey& key,
                                             crypto::SignatureScheme scheme, ByteView signed_data,
                                             ByteView signature) {
  if (!key.verify(scheme, signed_data, signature)) {
    fail(AlertDescription::decrypt_error,
         "ServerKeyExchange.signature: does not verify with the server certificate's key (" +
             scheme_text(scheme) + ")");
  }
  return KeyExchangeBound("ServerKeyExchange signature checked");
}

KeyExchangeBound Verify::rsa_key_transport() noexcept {
  return KeyExchangeBound("RSA key transport to the certificate's key");
}

KeyExchangeBound Verify::our_key_exchange() noexcept {
  return KeyExchangeBound("our own key exchange");
}

FinishedVerified Verify::finished(Sender peer, ByteView received,
                                  const std::array<std::uint8_t, 12>& expected) {
  if (!equal_constant_time(received, expected)) {
    fail(AlertDescription::decrypt_error, std::string("Finished.verify_data: the ") +
                                              (peer == Sender::client ? "client's" : "server's") +
                                              " does not match the transcript");
  }
  return FinishedVerified("Finished verified");
}

std::pair<PeerAuthenticated, KeyExchangeBound> Verify::resumed(const Session&) noexcept {
  return {PeerAuthenticated("settled by the resumed session's full handshake"),
          KeyExchangeBound("settled by the resumed session's full handshake")};
}

}  // namespace tlslab::handshake::detail

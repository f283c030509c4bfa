// Proof, not booleans (src/handshake/proofs.hpp): the traffic state is built only from the three
// proofs, a proof cannot be made or copied outside the checking code, and a server cannot be
// configured to ask for client certificates it has no way to verify.
#include <type_traits>

#include "../test_util.hpp"
#include "pair.hpp"
#include "src/handshake/certificates.hpp"
#include "src/handshake/engine.hpp"

using namespace tlslab;
using namespace tlslab::handshake;
using namespace tlslab::handshake::detail;

// Only Verify makes proofs, and each is consumed once.
static_assert(!std::is_constructible_v<PeerAuthenticated, std::string_view>);
static_assert(!std::is_constructible_v<KeyExchangeBound, const char*>);
static_assert(!std::is_default_constructible_v<FinishedVerified>);
static_assert(!std::is_copy_constructible_v<ChainVerified>);
static_assert(!std::is_copy_assignable_v<PeerAuthenticated>);
static_assert(std::is_nothrow_move_constructible_v<FinishedVerified>);

TEST_CASE("proofs: the traffic state needs all three, each from its check") {
  CommonConfig config;
  config.provider = crypto::make_default_provider();
  Engine e(config, true);
  CHECK_TLS_ERROR(e.enter_traffic(), AlertDescription::internal_error,
                  "without proof that the peer's Finished was verified");

  const std::array<std::uint8_t, 12> expected{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  std::array<std::uint8_t, 12> wrong = expected;
  wrong[11] ^= 1;
  CHECK_TLS_ERROR(Verify::finished(Sender::server, wrong, expected),
                  AlertDescription::decrypt_error,
                  "Finished.verify_data: the server's does not match the transcript");
  e.peer_finished.emplace(Verify::finished(Sender::server, expected, expected));
  CHECK_TLS_ERROR(e.enter_traffic(), AlertDescription::internal_error,
                  "without proof that the peer was authenticated");

  // A client without a verifier may accept the server unverified (said so); with one it may not.
  e.peer_authenticated.emplace(Verify::server_unverified(config));
  CHECK_TLS_ERROR(e.enter_traffic(), AlertDescription::internal_error,
                  "without proof that the key exchange is bound to the peer's key");
  e.key_exchange_bound.emplace(Verify::rsa_key_transport());
  CHECK_FALSE(e.in_traffic());
  e.enter_traffic();
  REQUIRE(e.in_traffic());
  CHECK(e.authenticated->peer() == "server chain NOT verified (no trust anchors configured)");
  CHECK(e.authenticated->key_exchange() == "RSA key transport to the certificate's key");
  // The proofs were consumed.
  CHECK_FALSE(e.peer_finished.has_value());
  CHECK_FALSE(e.peer_authenticated.has_value());

  CommonConfig verifying = config;
  verifying.verifier = test::captures_trust(config.provider);
  CHECK_TLS_ERROR(Verify::server_unverified(verifying), AlertDescription::internal_error,
                  "cannot be accepted unverified");
  CHECK_TLS_ERROR(Verify::no_client_certificate(ClientAuth::required),
                  AlertDescription::handshake_failure, "one is required");
  CHECK(Verify::no_client_certificate(ClientAuth::optional).how() == "no client certificate sent");
}

TEST_CASE("proofs: a bad ServerKeyExchange or CertificateVerify signature gives no proof") {
  std::shared_ptr<crypto::Provider> p = crypto::make_default_provider();
  const auto id = test::load_identity(*p, "client-p256");
  const Bytes message = test::hex("00010203");
  const auto scheme = crypto::SignatureScheme::ecdsa_secp256r1_sha256;
  Bytes signature = id.key->sign(scheme, message, *p);
  const auto leaf = p->import_public_key(certificate_facts(id.chain.front()).public_key);
  CHECK(Verify::server_key_exchange(*leaf, scheme, message, signature).how() ==
        "ServerKeyExchange signature checked");
  signature.back() ^= 1;
  CHECK_TLS_ERROR(Verify::server_key_exchange(*leaf, scheme, message, signature),
                  AlertDescription::decrypt_error, "ServerKeyExchange.signature: does not verify");
}

TEST_CASE("proofs: client authentication without a verifier is a configuration error") {
  std::shared_ptr<crypto::Provider> p = crypto::make_default_provider();
  for (ClientAuth mode : {ClientAuth::optional, ClientAuth::required}) {
    ServerConfig s;
    s.provider = p;
    s.identities = {test::load_identity(*p, "server-p256")};
    s.client_auth = mode;
    CHECK_TLS_ERROR(Connection::server(s), AlertDescription::internal_error,
                    "client authentication (optional or required) needs a verifier");
    s.verifier = test::captures_trust(p);
    CHECK(Connection::server(s) != nullptr);
  }
  ServerConfig none;
  none.provider = p;
  CHECK_TLS_ERROR(Connection::server(none), AlertDescription::internal_error,
                  "server configuration: no identity");
}

TEST_CASE("a client identity whose certificate does not parse is a configuration error") {
  // The identities' facts are read once, when the connection is built: a broken chain is found
  // then, not as an alert to a server that asked for a certificate.
  std::shared_ptr<crypto::Provider> p = crypto::make_default_provider();
  ClientConfig c;
  c.provider = p;
  c.identities = {test::load_identity(*p, "client-p256"), test::load_identity(*p, "client-rsa")};
  CHECK(Connection::client(c) != nullptr);
  c.identities[1].chain.front().resize(10);
  CHECK_TLS_ERROR(Connection::client(c), AlertDescription::internal_error,
                  "client configuration: identity 1: ");
}

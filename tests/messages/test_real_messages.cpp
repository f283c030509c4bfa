// Every plaintext handshake message that OpenSSL and GnuTLS sent in the captures parses, shows
// the expected fields, and re-serialises to exactly its bytes.
#include <map>

#include "../capture_util.hpp"
#include "tlslab/messages/handshake.hpp"
#include "tlslab/trace/render.hpp"
#include "tlslab/trace/render_json.hpp"
#include "tlslab/trace/tree.hpp"

using namespace tlslab;
using namespace tlslab::messages;
using tlslab::test::Capture;

namespace {

struct Expectation {
  std::string_view suite;
  std::vector<HandshakeType> client;
  std::vector<HandshakeType> server;
  bool client_certificate;  // a non-empty client Certificate
};

using T = HandshakeType;
const std::map<std::string, Expectation>& expectations() {
  static const std::map<std::string, Expectation> m{
      {"openssl-ecdhe-ecdsa-aes128gcm-mtls",
       {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        {T::client_hello, T::certificate, T::client_key_exchange, T::certificate_verify},
        {T::server_hello, T::certificate, T::server_key_exchange, T::certificate_request,
         T::server_hello_done, T::new_session_ticket},
        true}},
      {"openssl-ecdhe-rsa-aes256gcm-p384-mtls",
       {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        {T::client_hello, T::certificate, T::client_key_exchange, T::certificate_verify},
        {T::server_hello, T::certificate, T::server_key_exchange, T::certificate_request,
         T::server_hello_done, T::new_session_ticket},
        true}},
      {"openssl-dhe-rsa-aes128gcm",
       {"TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
        {T::client_hello, T::certificate, T::client_key_exchange},
        {T::server_hello, T::certificate, T::server_key_exchange, T::certificate_request,
         T::server_hello_done, T::new_session_ticket},
        false}},
      {"openssl-rsa-aes128gcm-mtls",
       {"TLS_RSA_WITH_AES_128_GCM_SHA256",
        {T::client_hello, T::certificate, T::client_key_exchange, T::certificate_verify},
        {T::server_hello, T::certificate, T::certificate_request, T::server_hello_done,
         T::new_session_ticket},
        true}},
      {"openssl-ecdhe-rsa-aes128cbc-sha256",
       {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
        {T::client_hello, T::client_key_exchange},
        {T::server_hello, T::certificate, T::server_key_exchange, T::server_hello_done,
         T::new_session_ticket},
        false}},
      {"openssl-ecdhe-rsa-aes256cbc-sha-noetm",
       {"TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        {T::client_hello, T::client_key_exchange},
        {T::server_hello, T::certificate, T::server_key_exchange, T::server_hello_done,
         T::new_session_ticket},
        false}},
      {"gnutls-client-openssl-server-chacha20-mtls",
       {"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        {T::client_hello, T::certificate, T::client_key_exchange, T::certificate_verify},
        {T::server_hello, T::certificate, T::server_key_exchange, T::certificate_request,
         T::server_hello_done, T::new_session_ticket},
        true}},
      {"openssl-client-gnutls-server-ecdsa-mtls",
       {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        {T::client_hello, T::certificate, T::client_key_exchange, T::certificate_verify},
        {T::server_hello, T::certificate, T::server_key_exchange, T::certificate_request,
         T::server_hello_done, T::new_session_ticket},
        true}},
      {"gnutls-client-openssl-server-rsa-aes128cbc-noems",
       {"TLS_RSA_WITH_AES_128_CBC_SHA",
        {T::client_hello, T::client_key_exchange},
        {T::server_hello, T::certificate, T::server_hello_done, T::new_session_ticket},
        false}},
      // The server requires a certificate, the client sends none: the server's alert ends it.
      {"openssl-alert-client-cert-missing",
       {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        {T::client_hello, T::certificate, T::client_key_exchange},
        {T::server_hello, T::certificate, T::server_key_exchange, T::certificate_request,
         T::server_hello_done},
        false}},
      // Abbreviated handshakes (RFC 5246 §7.3): only the hellos are in plaintext.
      {"openssl-resume-session-id",
       {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", {T::client_hello}, {T::server_hello}, false}},
      {"openssl-resume-ticket",
       {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", {T::client_hello}, {T::server_hello}, false}},
      // The second set: the default suite over P-256, Ed25519 certificates, EMS off, DHE with CBC.
      // gnutls-serv requests a certificate by default: the client answers with an empty one.
      {"openssl-client-gnutls-server-ecdsa-chacha20-p256",
       {"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        {T::client_hello, T::certificate, T::client_key_exchange},
        {T::server_hello, T::certificate, T::server_key_exchange, T::certificate_request,
         T::server_hello_done, T::new_session_ticket},
        false}},
      {"openssl-ecdhe-rsa-aes128gcm-ed25519-mtls",
       {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        {T::client_hello, T::certificate, T::client_key_exchange, T::certificate_verify},
        {T::server_hello, T::certificate, T::server_key_exchange, T::certificate_request,
         T::server_hello_done, T::new_session_ticket},
        true}},
      {"openssl-ecdhe-rsa-aes256gcm-noems",
       {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        {T::client_hello, T::client_key_exchange},
        {T::server_hello, T::certificate, T::server_key_exchange, T::server_hello_done,
         T::new_session_ticket},
        false}},
      {"openssl-ecdhe-ed25519-server-aes256gcm-mtls",
       {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        {T::client_hello, T::certificate, T::client_key_exchange, T::certificate_verify},
        {T::server_hello, T::certificate, T::server_key_exchange, T::certificate_request,
         T::server_hello_done, T::new_session_ticket},
        true}},
      {"gnutls-client-openssl-server-dhe-rsa-aes256cbc-sha256",
       {"TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
        {T::client_hello, T::client_key_exchange},
        {T::server_hello, T::certificate, T::server_key_exchange, T::server_hello_done,
         T::new_session_ticket},
        false}},
      // The third set: tlslab as one side (or both), run with --seed (vectors/README.md).
      {"tlslab-client-openssl-server-ecdsa-mtls",
       {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        {T::client_hello, T::certificate, T::client_key_exchange, T::certificate_verify},
        {T::server_hello, T::certificate, T::server_key_exchange, T::certificate_request,
         T::server_hello_done, T::new_session_ticket},
        true}},
      {"tlslab-client-openssl-server-rsa-aes128cbc-noems",
       {"TLS_RSA_WITH_AES_128_CBC_SHA",
        {T::client_hello, T::client_key_exchange},
        {T::server_hello, T::certificate, T::server_hello_done, T::new_session_ticket},
        false}},
      {"openssl-client-tlslab-server-rsa-chacha20-mtls",
       {"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        {T::client_hello, T::certificate, T::client_key_exchange, T::certificate_verify},
        {T::server_hello, T::certificate, T::server_key_exchange, T::certificate_request,
         T::server_hello_done, T::new_session_ticket},
        true}},
      {"openssl-client-tlslab-server-ecdsa-p384-ed25519",
       {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        {T::client_hello, T::certificate, T::client_key_exchange, T::certificate_verify},
        {T::server_hello, T::certificate, T::server_key_exchange, T::certificate_request,
         T::server_hello_done, T::new_session_ticket},
        true}},
      {"openssl-client-tlslab-server-alert-no-client-cert",
       {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        {T::client_hello, T::certificate, T::client_key_exchange},
        {T::server_hello, T::certificate, T::server_key_exchange, T::certificate_request,
         T::server_hello_done},
        false}},
      {"tlslab-client-tlslab-server-ed25519-mtls",
       {"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        {T::client_hello, T::certificate, T::client_key_exchange, T::certificate_verify},
        {T::server_hello, T::certificate, T::server_key_exchange, T::certificate_request,
         T::server_hello_done, T::new_session_ticket},
        true}},
  };
  return m;
}

std::vector<HandshakeType> types_of(const std::vector<Message>& ms) {
  std::vector<HandshakeType> out;
  for (const auto& m : ms)
    out.push_back(message_type(m));
  return out;
}

// Parses (with the trace observer), re-serialises and compares.
std::vector<Message> round_trip_all(const std::vector<Bytes>& raw, const ParseContext& ctx,
                                    const std::string& who) {
  std::vector<Message> out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    CAPTURE(who);
    CAPTURE(i);
    const auto t = trace::trace_handshake_message(raw[i], ctx);
    REQUIRE_MESSAGE(!t.error, (t.error ? t.error->reason() : std::string()));
    REQUIRE(t.message.has_value());
    Bytes again;
    serialize_message(*t.message, again);
    CHECK_MESSAGE(again == raw[i], "re-serialised " << t.tree.name << " differs");
    // The trace covers the whole message: the last leaf ends at the message's end.
    CHECK(t.tree.size == raw[i].size());
    out.push_back(*t.message);
  }
  return out;
}

}  // namespace

TEST_CASE("captured OpenSSL and GnuTLS handshake messages round-trip byte-exact") {
  const auto names = test::capture_names();
  REQUIRE(names.size() >= expectations().size());
  for (const auto& name : names) {
    CAPTURE(name);
    const auto it = expectations().find(name);
    REQUIRE_MESSAGE(it != expectations().end(), "no expectation for capture " << name);
    const Expectation& want = it->second;
    const Capture c = test::load_capture(name);
    const auto client_raw = test::plaintext_handshake_messages(c.client);
    const auto server_raw = test::plaintext_handshake_messages(c.server);
    REQUIRE(!server_raw.empty());

    // The ServerHello decides how the key-exchange messages are laid out.
    const ServerHello sh = parse<ServerHello>(ByteView(server_raw[0]).subspan(4));
    const auto* suite = registry::find_cipher_suite(sh.cipher_suite);
    REQUIRE(suite != nullptr);
    CHECK(suite->name == want.suite);
    const ParseContext ctx{suite->key_exchange};

    const auto server = round_trip_all(server_raw, ctx, "server");
    const auto client = round_trip_all(client_raw, ctx, "client");
    CHECK(types_of(server) == want.server);
    CHECK(types_of(client) == want.client);

    const auto& ch = std::get<ClientHello>(client.front());
    CHECK(ch.client_version == 0x0303);
    CHECK(ch.offers(sh.cipher_suite));
    CHECK(ch.extensions.present);
    CHECK(ch.extensions.find(ExtensionType::signature_algorithms) != nullptr);
    CHECK(sh.session_id.size() <= 32);

    for (const auto& m : server) {
      if (const auto* cr = std::get_if<CertificateRequest>(&m)) {
        CHECK(cr->certificate_types.size() >= 1);
        CHECK(cr->supported_signature_algorithms.size() >= 1);
      }
      if (const auto* ske = std::get_if<ServerKeyExchange>(&m)) {
        if (suite->key_exchange == registry::KeyExchange::dhe) {
          CHECK(ske->dh_p.size() == 256);  // OpenSSL picks ffdhe2048 for an RSA-2048 key
          CHECK(test::copy(ske->dh_g) == Bytes{2});
        } else {
          CHECK(ske->curve_type == 3);
          CHECK(ske->public_key.size() >= 32);
        }
        CHECK(ske->signature.size() > 0);
      }
      if (const auto* cert = std::get_if<Certificate>(&m)) {
        CHECK(cert->certificate_list.size() >= 1);
        CHECK(cert->certificate_list[0][0] == 0x30);  // a DER SEQUENCE
      }
    }
    for (const auto& m : client) {
      if (const auto* cert = std::get_if<Certificate>(&m)) {
        CHECK(cert->certificate_list.empty() == !want.client_certificate);
      }
    }
  }
}

TEST_CASE("the trace names fields and code points") {
  const Capture c = test::load_capture("openssl-ecdhe-ecdsa-aes128gcm-mtls");
  const auto client_raw = test::plaintext_handshake_messages(c.client);
  const auto t = trace::trace_handshake_message(client_raw.front(), {});
  REQUIRE(!t.error);
  const std::string text = trace::render_text(t.tree);
  CHECK(text.rfind("+0     ClientHello (", 0) == 0);
  CHECK(text.find("client_version = 0x0303  TLS 1.2") != std::string::npos);
  CHECK(text.find("= 0xc02b  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256") != std::string::npos);
  CHECK(text.find("cipher_suites[0]") != std::string::npos);
  CHECK(text.find("host_name <2+9> = 6c6f63616c686f7374  \"localhost\"") != std::string::npos);
  CHECK(text.find("protocol_name_list[0] <1+2> = 6832  \"h2\"") != std::string::npos);
  CHECK(text.find("server_name") != std::string::npos);
  CHECK(text.find("named_group") != std::string::npos);
  const auto json = trace::render_json(t.tree);
  CHECK(json["name"] == "ClientHello");
  CHECK(json["length"] == client_raw.front().size());
  CHECK(json["children"][0]["name"] == "msg_type");
  CHECK(json["children"][0]["decoded"] == "client_hello");
}

TEST_CASE("the trace shows a CertificateRequest's CA names as text") {
  // certificate_authorities: the DER Name CN=x, then two bytes that are not a Name.
  const Bytes cr =
      test::hex("0d00001c 01 01 0002 0401 0014 000e 300c310a300806035504030c0178 0002 0102");
  const auto t = trace::trace_handshake_message(cr, {});
  REQUIRE_MESSAGE(!t.error, (t.error ? t.error->reason() : std::string()));
  const std::string text = trace::render_text(t.tree);
  CHECK(text.find("300c310a300806035504030c0178  CN=x") != std::string::npos);
  CHECK(text.find("0102  not a DER Name:") != std::string::npos);
}

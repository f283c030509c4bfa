// What tlsfuzzer found in the server (issue 12), as tests that need no network and no
// tlsfuzzer: each hand-made ClientHello or record gets exactly the answer the RFC and tlsfuzzer
// expect (docs/conformance.md lists the tlsfuzzer entries behind them).
#include <stdexcept>
#include <string>

#include "../crypto/forwarding_provider.hpp"
#include "pair.hpp"
#include "tlslab/codec/writer.hpp"
#include "tlslab/registry.hpp"

using namespace tlslab;
using namespace tlslab::handshake;
using tlslab::test::events_of;
using tlslab::test::hex;
using tlslab::test::load_identity;
using tlslab::test::pump;

namespace {

constexpr std::uint16_t kDheRsaAes128Gcm = 0x009e;
constexpr std::uint16_t kEcdheRsaAes128Gcm = 0xc02f;

// A ClientHello record: client_version 3,3, a fixed random, no session_id, `suites`, the
// compression methods given, and `extensions` (the bytes of the extension list, without its
// length; empty: no extension block at all).
Bytes client_hello(const std::vector<std::uint16_t>& suites, const Bytes& extensions,
                   const Bytes& compression = {0}, ByteView session_id = {}) {
  Bytes body;
  codec::Writer w(body);
  w.u16(0x0303);
  w.bytes(Bytes(32, 0x42));
  w.u8(static_cast<std::uint8_t>(session_id.size()));
  w.bytes(session_id);
  w.u16(static_cast<std::uint16_t>(2 * suites.size()));
  for (auto s : suites)
    w.u16(s);
  w.u8(static_cast<std::uint8_t>(compression.size()));
  w.bytes(compression);
  if (!extensions.empty()) {
    w.u16(static_cast<std::uint16_t>(extensions.size()));
    w.bytes(extensions);
  }
  Bytes record = {22, 3, 3};
  const std::size_t n = body.size() + 4;
  record.push_back(static_cast<std::uint8_t>(n >> 8));
  record.push_back(static_cast<std::uint8_t>(n));
  record.push_back(1);
  record.push_back(static_cast<std::uint8_t>(body.size() >> 16));
  record.push_back(static_cast<std::uint8_t>(body.size() >> 8));
  record.push_back(static_cast<std::uint8_t>(body.size()));
  record.insert(record.end(), body.begin(), body.end());
  return record;
}

// signature_algorithms: rsa_pss_rsae_sha256, rsa_pkcs1_sha256.
const Bytes kSigAlgs = hex("000d 0006 0004 0804 0401");

Bytes supported_groups(const std::vector<std::uint16_t>& groups) {
  Bytes out;
  codec::Writer w(out);
  w.u16(10);
  w.u16(static_cast<std::uint16_t>(2 * groups.size() + 2));
  w.u16(static_cast<std::uint16_t>(2 * groups.size()));
  for (auto g : groups)
    w.u16(g);
  return out;
}

Bytes cat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::unique_ptr<Connection> server(std::vector<std::uint16_t> suites) {
  static const std::shared_ptr<crypto::Provider> p = crypto::make_default_provider();
  ServerConfig s;
  s.events = true;
  s.provider = p;
  s.identities = {load_identity(*p, "server-rsa")};
  s.cipher_suites = std::move(suites);
  return Connection::server(std::move(s));
}

// The alerts the server sent.
std::vector<AlertDescription> sent_alerts(Connection& c) {
  std::vector<AlertDescription> out;
  for (const auto& a : events_of<AlertEvent>(c.take_events())) {
    if (a.direction == Direction::sent) out.push_back(a.description);
  }
  return out;
}

std::string reason(const Connection& c) {
  return c.error() ? c.error()->reason() : "";
}

}  // namespace

TEST_CASE("RFC 7919 §4: DHE falls back to ffdhe2048 unless the client lists FFDHE groups") {
  SUBCASE("no supported_groups at all") {
    auto s = server({kDheRsaAes128Gcm});
    s->feed(client_hello({kDheRsaAes128Gcm}, kSigAlgs));
    REQUIRE_MESSAGE(!s->failed(), reason(*s));
    CHECK(s->negotiated().cipher_suite == kDheRsaAes128Gcm);
    CHECK(s->negotiated().group == std::uint16_t{0x0100});
  }
  SUBCASE("only elliptic curves listed") {
    auto s = server({kDheRsaAes128Gcm});
    s->feed(client_hello({kDheRsaAes128Gcm}, cat(kSigAlgs, supported_groups({0x0017}))));
    REQUIRE_MESSAGE(!s->failed(), reason(*s));
    CHECK(s->negotiated().group == std::uint16_t{0x0100});
  }
  SUBCASE("an FFDHE group of ours listed: that one") {
    auto s = server({kDheRsaAes128Gcm});
    s->feed(client_hello({kDheRsaAes128Gcm}, cat(kSigAlgs, supported_groups({0x01fd, 0x0101}))));
    REQUIRE_MESSAGE(!s->failed(), reason(*s));
    CHECK(s->negotiated().group == std::uint16_t{0x0101});
  }
  SUBCASE("only FFDHE groups we lack: insufficient_security") {
    // 0x01fd: an FFDHE code point of the private-use range (RFC 7919 §6), none of ours.
    auto s = server({kDheRsaAes128Gcm});
    s->feed(client_hello({kDheRsaAes128Gcm}, cat(kSigAlgs, supported_groups({0x01fd}))));
    REQUIRE(s->failed());
    CHECK(sent_alerts(*s) == std::vector{AlertDescription::insufficient_security});
    CHECK(reason(*s).find("none of the client's FFDHE groups") != std::string::npos);
  }
  SUBCASE("FFDHE groups we lack, but ECDHE fits: ECDHE") {
    auto s = server({kDheRsaAes128Gcm, kEcdheRsaAes128Gcm});
    s->feed(client_hello({kDheRsaAes128Gcm, kEcdheRsaAes128Gcm},
                         cat(kSigAlgs, supported_groups({0x01fd, 0x0017}))));
    REQUIRE_MESSAGE(!s->failed(), reason(*s));
    CHECK(s->negotiated().cipher_suite == kEcdheRsaAes128Gcm);
  }
}

TEST_CASE("RFC 8422 §5.1.2: ec_point_formats without uncompressed is illegal_parameter") {
  auto s = server({kEcdheRsaAes128Gcm});
  // ec_point_formats: ansiX962_compressed_prime (1) only.
  s->feed(client_hello({kEcdheRsaAes128Gcm},
                       cat(cat(kSigAlgs, supported_groups({0x0017})), hex("000b 0002 01 01"))));
  REQUIRE(s->failed());
  CHECK(sent_alerts(*s) == std::vector{AlertDescription::illegal_parameter});
  CHECK(reason(*s).find("lacks uncompressed(0)") != std::string::npos);
  // With uncompressed among them it is fine.
  auto ok = server({kEcdheRsaAes128Gcm});
  ok->feed(client_hello({kEcdheRsaAes128Gcm},
                        cat(cat(kSigAlgs, supported_groups({0x0017})), hex("000b 0003 02 0100"))));
  CHECK_MESSAGE(!ok->failed(), reason(*ok));
}

TEST_CASE("compression_methods without null is illegal_parameter") {
  auto s = server({kEcdheRsaAes128Gcm});
  s->feed(client_hello({kEcdheRsaAes128Gcm}, kSigAlgs, {1}));
  REQUIRE(s->failed());
  CHECK(sent_alerts(*s) == std::vector{AlertDescription::illegal_parameter});
}

TEST_CASE("a ClientHello longer than any well-formed one is decode_error") {
  auto s = server({kEcdheRsaAes128Gcm});
  s->feed(hex("16 0303 0004 01 020145"));
  REQUIRE(s->failed());
  CHECK(sent_alerts(*s) == std::vector{AlertDescription::decode_error});
}

TEST_CASE("a two-byte ChangeCipherSpec is unexpected_message") {
  auto s = server({kEcdheRsaAes128Gcm});
  s->feed(client_hello({kEcdheRsaAes128Gcm}, cat(kSigAlgs, supported_groups({0x0017}))));
  REQUIRE_MESSAGE(!s->failed(), reason(*s));
  (void)s->take_events();
  s->feed(hex("14 0303 0002 0101"));
  REQUIRE(s->failed());
  CHECK(sent_alerts(*s) == std::vector{AlertDescription::unexpected_message});
}

TEST_CASE("warning alerts: four in a row are tolerated, the fifth is unexpected_message") {
  const Bytes warning = hex("15 0303 0002 01 2b");  // warning(1) unsupported_certificate(43)
  auto s = server({kEcdheRsaAes128Gcm});
  s->feed(client_hello({kEcdheRsaAes128Gcm}, cat(kSigAlgs, supported_groups({0x0017}))));
  for (int i = 0; i < 4; ++i)
    s->feed(warning);
  REQUIRE_MESSAGE(!s->failed(), reason(*s));
  (void)s->take_events();
  s->feed(warning);
  REQUIRE(s->failed());
  CHECK(sent_alerts(*s) == std::vector{AlertDescription::unexpected_message});
  CHECK(reason(*s) == "Alert: 5 warning alerts in a row (at most 4)");
}

TEST_CASE("RFC 5246 §7.4.1.2: resuming a session without offering its suite is illegal_parameter") {
  const std::shared_ptr<crypto::Provider> p = crypto::make_default_provider();
  const auto cache = make_session_cache();
  auto make_server = [&] {
    ServerConfig s;
    s.events = true;
    s.provider = p;
    s.identities = {load_identity(*p, "server-rsa")};
    s.session_cache = cache;
    return s;
  };
  ClientConfig c;
  c.events = true;
  c.provider = p;
  c.cipher_suites = {kEcdheRsaAes128Gcm};
  auto first = test::connect(c, make_server());
  REQUIRE(first.client->handshake_complete());
  const auto session = first.client->session();
  REQUIRE(session.has_value());
  REQUIRE(!session->session_id.empty());

  // With extended_master_secret: the session was made with it (RFC 7627 §5.3).
  const Bytes extensions = cat(cat(kSigAlgs, supported_groups({0x0017})), hex("0017 0000"));
  // Offering the session's suite among others resumes.
  auto resumed = Connection::server(make_server());
  resumed->feed(client_hello({0xc030, kEcdheRsaAes128Gcm}, extensions, {0}, session->session_id));
  REQUIRE_MESSAGE(!resumed->failed(), reason(*resumed));
  CHECK(resumed->negotiated().resumed);
  // The session's SessionID, offering only TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384.
  auto refused = Connection::server(make_server());
  refused->feed(client_hello({0xc030}, extensions, {0}, session->session_id));
  REQUIRE(refused->failed());
  CHECK(sent_alerts(*refused) == std::vector{AlertDescription::illegal_parameter});
  CHECK(reason(*refused).find("without offering it") != std::string::npos);
  // RFC 5246 §7.2.2: a session whose connection ended in a fatal alert is not resumed again.
  auto after = Connection::server(make_server());
  after->feed(client_hello({0xc030, kEcdheRsaAes128Gcm}, extensions, {0}, session->session_id));
  REQUIRE_MESSAGE(!after->failed(), reason(*after));
  CHECK_FALSE(after->negotiated().resumed);
}

namespace {

// The default provider, except that generating a key share throws a non-tlslab exception, as a
// library below could (std::bad_alloc, a Crypto++ exception).
class ThrowingProvider final : public test::ForwardingProvider {
 public:
  std::string_view name() const noexcept override { return "throwing"; }
  std::unique_ptr<crypto::KeyShare> generate_key_share(crypto::NamedGroup) override {
    throw std::runtime_error("key share generator broke");
  }
};

}  // namespace

TEST_CASE("the connection boundary: an exception from below becomes internal_error") {
  auto p = std::make_shared<ThrowingProvider>();
  ServerConfig config;
  config.events = true;
  config.provider = p;
  config.identities = {load_identity(*p, "server-rsa")};
  config.cipher_suites = {kEcdheRsaAes128Gcm};
  auto s = Connection::server(std::move(config));
  CHECK_NOTHROW(
      s->feed(client_hello({kEcdheRsaAes128Gcm}, cat(kSigAlgs, supported_groups({0x0017})))));
  REQUIRE(s->failed());
  CHECK(s->error()->alert() == AlertDescription::internal_error);
  CHECK(reason(*s) ==
        "internal error while processing the peer's records: key share generator broke");
  CHECK(sent_alerts(*s) == std::vector{AlertDescription::internal_error});
  // The alert is the last record on the wire (plaintext: no keys yet).
  const Bytes out = s->take_output();
  REQUIRE(out.size() >= 7);
  CHECK(Bytes(out.end() - 7, out.end()) == hex("15 0303 0002 02 50"));
  // After the failure, feed() changes nothing and never throws.
  CHECK_NOTHROW(s->feed(client_hello({kEcdheRsaAes128Gcm}, kSigAlgs)));
  CHECK(s->take_output().empty());
}

namespace {

// server_name with the given entries (type, name).
Bytes server_name(const std::vector<std::pair<std::uint8_t, std::string>>& entries) {
  Bytes list;
  codec::Writer l(list);
  for (const auto& [type, name] : entries) {
    l.u8(type);
    l.u16(static_cast<std::uint16_t>(name.size()));
    l.bytes(view(name));
  }
  Bytes out;
  codec::Writer w(out);
  w.u16(0);
  w.u16(static_cast<std::uint16_t>(list.size() + 2));
  w.u16(static_cast<std::uint16_t>(list.size()));
  w.bytes(list);
  return out;
}

std::unique_ptr<Connection> sni_server(UnknownServerName policy) {
  static const std::shared_ptr<crypto::Provider> p = crypto::make_default_provider();
  ServerConfig s;
  s.events = true;
  s.provider = p;
  s.identities = {load_identity(*p, "server-rsa")};  // for localhost
  s.cipher_suites = {kEcdheRsaAes128Gcm};
  s.unknown_server_name = policy;
  return Connection::server(std::move(s));
}

Bytes sni_hello(const std::vector<std::pair<std::uint8_t, std::string>>& entries) {
  return client_hello({kEcdheRsaAes128Gcm},
                      cat(cat(kSigAlgs, supported_groups({0x0017})), server_name(entries)));
}

}  // namespace

TEST_CASE("RFC 6066 §3: server_name is checked against the server's certificates") {
  SUBCASE("our name: no alert, acknowledged") {
    auto s = sni_server(UnknownServerName::warn);
    s->feed(sni_hello({{0, "localhost"}}));
    REQUIRE_MESSAGE(!s->failed(), reason(*s));
    CHECK(sent_alerts(*s).empty());
    CHECK(s->negotiated().server_name == "localhost");
  }
  SUBCASE("unknown name types are skipped, host_name first or last") {
    for (const auto& entries :
         {std::vector<std::pair<std::uint8_t, std::string>>{{0, "localhost"}, {1, "xyz"}},
          std::vector<std::pair<std::uint8_t, std::string>>{{1, "xyz"}, {0, "localhost"}}}) {
      auto s = sni_server(UnknownServerName::warn);
      s->feed(sni_hello(entries));
      REQUIRE_MESSAGE(!s->failed(), reason(*s));
      CHECK(sent_alerts(*s).empty());
      CHECK(s->negotiated().server_name == "localhost");
    }
  }
  SUBCASE("another name: a warning unrecognized_name before the ServerHello, by default") {
    auto s = sni_server(UnknownServerName::warn);
    s->feed(sni_hello({{0, "www.localhost"}}));
    REQUIRE_MESSAGE(!s->failed(), reason(*s));
    CHECK(sent_alerts(*s) == std::vector{AlertDescription::unrecognized_name});
    const Bytes out = s->take_output();
    CHECK(Bytes(out.begin(), out.begin() + 7) == hex("15 0303 0002 01 70"));
    CHECK(out[7] == 22);  // then the ServerHello's record
  }
  SUBCASE("another name, fatal policy") {
    auto s = sni_server(UnknownServerName::fatal);
    s->feed(sni_hello({{0, "www.localhost"}}));
    REQUIRE(s->failed());
    CHECK(sent_alerts(*s) == std::vector{AlertDescription::unrecognized_name});
    CHECK(reason(*s) ==
          "ClientHello.server_name: \"www.localhost\" is not a name of this server's certificates");
  }
  SUBCASE("another name, ignore policy") {
    auto s = sni_server(UnknownServerName::ignore);
    s->feed(sni_hello({{0, "www.localhost"}}));
    REQUIRE_MESSAGE(!s->failed(), reason(*s));
    CHECK(sent_alerts(*s).empty());
  }
  SUBCASE("bytes that are no DNS name: illegal_parameter") {
    for (const std::string& bad :
         {std::string("localhos\0t", 10), std::string("localhos\at"),
          std::string("localhos\xc4\x85t"), std::string("localhost\x1b[31mBAD\x1b[0;37m")}) {
      auto s = sni_server(UnknownServerName::warn);
      s->feed(sni_hello({{0, bad}}));
      REQUIRE(s->failed());
      CHECK(sent_alerts(*s) == std::vector{AlertDescription::illegal_parameter});
      CHECK(reason(*s).find("is not part of an ASCII DNS name") != std::string::npos);
    }
  }
  SUBCASE("two host_names: illegal_parameter") {
    auto s = sni_server(UnknownServerName::warn);
    s->feed(sni_hello({{0, "localhost"}, {0, "localhost"}}));
    REQUIRE(s->failed());
    CHECK(sent_alerts(*s) == std::vector{AlertDescription::illegal_parameter});
  }
}

TEST_CASE(
    "RFC 7919: ffdhe4096, ffdhe6144 and ffdhe8192 negotiate when the client lists only them") {
  const std::shared_ptr<crypto::Provider> p = crypto::make_default_provider();
  for (std::uint16_t group : {0x0102, 0x0103, 0x0104}) {
    CAPTURE(group);
    ClientConfig c;
    c.events = true;
    c.provider = p;
    c.cipher_suites = {kDheRsaAes128Gcm};
    c.groups = {group};
    ServerConfig s;
    s.events = true;
    s.provider = p;
    s.identities = {load_identity(*p, "server-rsa")};
    s.cipher_suites = {kDheRsaAes128Gcm};
    auto pair = test::connect(std::move(c), std::move(s));
    REQUIRE_MESSAGE(pair.client->handshake_complete(), reason(*pair.client)
                                                           << " / " << reason(*pair.server));
    CHECK(pair.server->negotiated().group == group);
    pair.client->write(view(std::string("ping")));
    pump(*pair.client, *pair.server);
    CHECK(pair.server->read() == Bytes{'p', 'i', 'n', 'g'});
  }
}

TEST_CASE("prefer_client_cipher_order: the client's order decides among our suites") {
  const std::vector<std::uint16_t> ours = {kEcdheRsaAes128Gcm, 0xc030};
  const Bytes hello =
      client_hello({0xc030, kEcdheRsaAes128Gcm}, cat(kSigAlgs, supported_groups({0x0017})));
  auto by_us = server(ours);
  by_us->feed(hello);
  CHECK(by_us->negotiated().cipher_suite == kEcdheRsaAes128Gcm);
  const std::shared_ptr<crypto::Provider> p = crypto::make_default_provider();
  ServerConfig s;
  s.events = true;
  s.provider = p;
  s.identities = {load_identity(*p, "server-rsa")};
  s.cipher_suites = ours;
  s.prefer_client_cipher_order = true;
  auto by_client = Connection::server(std::move(s));
  by_client->feed(hello);
  REQUIRE_MESSAGE(!by_client->failed(), reason(*by_client));
  CHECK(by_client->negotiated().cipher_suite == 0xc030);
}

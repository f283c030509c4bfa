// Golden transcripts: with deterministic providers (scripted randomness) and a fixed clock, a
// handshake is reproduced byte for byte. The expected bytes of each direction are committed in
// tests/data/golden/; TLSLAB_UPDATE_GOLDEN=1 rewrites them (review the diff before committing).
#include <cstdlib>
#include <fstream>

#include "pair.hpp"
#include "tlslab/crypto/deterministic_provider.hpp"

using namespace tlslab;
using namespace tlslab::handshake;

namespace {

struct Transcript {
  Bytes client;  // every byte the client sent, in order
  Bytes server;
  std::vector<std::string> keylog;
};

std::shared_ptr<crypto::Provider> seeded(std::uint8_t seed) {
  crypto::Script script;
  script.seed = std::array<std::uint8_t, 32>{};
  (*script.seed)[0] = seed;
  return crypto::make_deterministic_provider(std::move(script));
}

Transcript run(const std::string& server_key, const std::string& client_key, std::uint16_t suite) {
  auto client_provider = seeded(1);
  auto server_provider = seeded(2);
  ClientConfig c;
  c.provider = client_provider;
  c.server_name = "localhost";
  c.cipher_suites = {suite};
  c.identities = {test::load_identity(*client_provider, "client-" + client_key)};
  c.clock = [] { return std::int64_t{1798761600}; };
  Transcript t;
  c.keylog = [&t](const std::string& line) { t.keylog.push_back(line); };
  ServerConfig s;
  s.provider = server_provider;
  s.cipher_suites = {suite};
  s.identities = {test::load_identity(*server_provider, "server-" + server_key)};
  s.client_auth = ClientAuth::required;
  s.verifier = test::captures_trust(crypto::make_default_provider());
  s.send_ca_names = false;  // as when the goldens were recorded: the wire stays byte for byte
  s.clock = c.clock;
  auto client = Connection::client(std::move(c));
  auto server = Connection::server(std::move(s));
  client->start();
  for (int i = 0; i < 10; ++i) {
    const Bytes a = client->take_output();
    t.client.insert(t.client.end(), a.begin(), a.end());
    if (!a.empty()) server->feed(a);
    const Bytes b = server->take_output();
    t.server.insert(t.server.end(), b.begin(), b.end());
    if (!b.empty()) client->feed(b);
    if (a.empty() && b.empty()) break;
  }
  REQUIRE(client->handshake_complete());
  client->write(view(std::string("golden")));
  const Bytes data = client->take_output();
  t.client.insert(t.client.end(), data.begin(), data.end());
  return t;
}

void check_golden(const std::string& name, const Transcript& t) {
  const auto path = test::data_path("golden/" + name + ".hex");
  const std::string actual = "client " + to_hex(t.client) + "\nserver " + to_hex(t.server) + "\n";
  if (std::getenv("TLSLAB_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path) << actual;
    MESSAGE("rewrote " << path.string());
    return;
  }
  const std::string expected = test::read_text(path);
  CHECK_MESSAGE(actual == expected, "transcript " << name << " differs from " << path.string());
}

}  // namespace

TEST_CASE("deterministic handshakes reproduce the golden transcripts byte for byte") {
  const auto a = run("p256", "p256", 0xc02b);
  const auto b = run("p256", "p256", 0xc02b);
  CHECK(a.client == b.client);
  CHECK(a.server == b.server);
  REQUIRE(a.keylog.size() == 1);
  CHECK(a.keylog[0].rfind("CLIENT_RANDOM ", 0) == 0);
  CHECK(a.keylog[0].size() == 14 + 64 + 1 + 96);
  check_golden("ecdhe-ecdsa-aes128gcm-p256-mtls", a);
  check_golden("ecdhe-rsa-chacha20-rsa-pss-mtls", run("rsa", "rsa", 0xcca8));
  check_golden("ecdhe-ecdsa-aes256gcm-ed25519-mtls", run("ed25519", "ed25519", 0xc02c));
}

// Writes the seed corpora of the per-role handshake fuzz targets: for each scenario, a real
// in-memory handshake between the role under test (configured exactly as the fuzz target does,
// handshake_fixture.hpp) and a peer restricted to one suite, group and key type; the peer's
// flights become the frames of one seed. Because the fuzzing provider's randomness and key shares
// are fixed, the role behaves identically when the seed is replayed, so the recorded Finished
// verifies and a seed reaches the traffic state. Each seed is replayed here before it is
// written; tests/handshake/test_fuzz_seeds.cpp checks the committed ones.
//
// Usage: make-handshake-seeds DIR   (writes DIR/client/* and DIR/server/*, e.g. DIR = fuzz/corpus)
// Rerun after a change to the handshake's messages or to tests/data/captures/pki.
#include <filesystem>
#include <iostream>

#include "handshake_fixture.hpp"

using namespace tlslab;
using namespace tlslab::fuzz;
using crypto::NamedGroup;

namespace {

struct Scenario {
  const char* name;  // the client seeds add how the server asks for a client certificate
  std::uint16_t suite;
  NamedGroup group;
  const char* peer_key;  // the peer's identity key type
  handshake::ClientAuth client_auth = handshake::ClientAuth::required;  // when the peer serves
  std::uint8_t chunk = 0;                                               // replay piece size
  bool peer_without_ems = false;  // the peer refuses extended_master_secret (RFC 7627)
};

const Scenario kScenarios[] = {
    {"ecdhe-ecdsa-aes128gcm-p256-x25519", 0xc02b, NamedGroup::x25519, "p256"},
    {"ecdhe-ecdsa-aes256gcm-p384-secp384r1", 0xc02c, NamedGroup::secp384r1, "p384"},
    {"ecdhe-ecdsa-chacha20-ed25519-x25519-bytewise", 0xcca9, NamedGroup::x25519, "ed25519",
     handshake::ClientAuth::required, 1},
    {"ecdhe-rsa-aes128gcm-rsa-secp256r1-chunked", 0xc02f, NamedGroup::secp256r1, "rsa",
     handshake::ClientAuth::optional, 7},
    {"ecdhe-rsa-chacha20-rsa-x25519", 0xcca8, NamedGroup::x25519, "rsa",
     handshake::ClientAuth::none},
    {"ecdhe-ecdsa-aes256cbc-sha384-p256-x25519", 0xc024, NamedGroup::x25519, "p256"},
    {"ecdhe-rsa-aes128cbc-sha-rsa-x25519-chunked", 0xc013, NamedGroup::x25519, "rsa",
     handshake::ClientAuth::required, 100},
    {"dhe-rsa-aes128gcm-rsa-ffdhe2048", 0x009e, NamedGroup::ffdhe2048, "rsa"},
    {"rsa-aes128gcm-rsa", 0x009c, NamedGroup::x25519, "rsa"},
    {"ecdhe-rsa-aes256cbc-sha384-rsa-secp384r1-no-ems", 0xc028, NamedGroup::secp384r1, "rsa",
     handshake::ClientAuth::required, 0, true},
    {"ecdhe-ecdsa-aes128gcm-ed25519-x25519-no-ems", 0xc02b, NamedGroup::x25519, "ed25519",
     handshake::ClientAuth::none, 0, true},
};

// Runs the handshake, returning the peer's flights as one seed (empty if it did not complete).
Bytes record_seed(Role role, const Scenario& sc) {
  auto& f = Fixture::get();
  std::unique_ptr<Connection> client;
  std::unique_ptr<Connection> server;
  const std::vector<std::uint16_t> suites{sc.suite};
  const std::vector<std::uint16_t> groups{static_cast<std::uint16_t>(sc.group)};
  if (role == Role::client) {
    client = Connection::client(target_client_config());
    handshake::ServerConfig s;
    s.provider = crypto::make_fuzzing_provider(kServerStream);
    s.cipher_suites = suites;
    s.groups = groups;
    s.identities = {f.identities.at(std::string("server-") + sc.peer_key)};
    s.verifier = f.verifier;
    s.client_auth = sc.client_auth;
    s.alpn = {"h2"};
    if (sc.peer_without_ems) s.ems = handshake::ExtendedMasterSecret::off;
    s.clock = [] { return kNow; };
    server = Connection::server(std::move(s));
  } else {
    handshake::ClientConfig c;
    c.provider = crypto::make_fuzzing_provider(kClientStream);
    c.cipher_suites = suites;
    c.groups = groups;
    c.identities = {f.identities.at(std::string("client-") + sc.peer_key)};
    c.verifier = f.verifier;
    c.server_name = "localhost";
    c.alpn = {"http/1.1"};
    if (sc.peer_without_ems) c.ems = handshake::ExtendedMasterSecret::off;
    c.clock = [] { return kNow; };
    client = Connection::client(std::move(c));
    server = Connection::server(target_server_config());
  }
  Connection& peer = role == Role::client ? *server : *client;
  Bytes seed;
  client->start();
  for (int round = 0; round < 10; ++round) {
    const Bytes c = client->take_output();
    if (!c.empty()) {
      if (role == Role::server) append_frame(seed, sc.chunk, c);
      server->feed(c);
    }
    const Bytes s = server->take_output();
    if (!s.empty()) {
      if (role == Role::client) append_frame(seed, sc.chunk, s);
      client->feed(s);
    }
    if (c.empty() && s.empty()) break;
  }
  if (!client->handshake_complete() || !server->handshake_complete()) {
    std::cerr << sc.name
              << ": handshake failed: " << (client->error() ? client->error()->reason() : "")
              << " / " << (server->error() ? server->error()->reason() : "") << "\n";
    return {};
  }
  // A last flight of application data and close_notify, so the seeds also reach read().
  const std::string hello = "hello from the peer";
  peer.write(ByteView(reinterpret_cast<const std::uint8_t*>(hello.data()), hello.size()));
  peer.close();
  append_frame(seed, sc.chunk, peer.take_output());
  return seed;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make-handshake-seeds CORPUS_DIR\n";
    return 2;
  }
  int bad = 0;
  for (Role role : {Role::client, Role::server}) {
    const auto dir = std::filesystem::path(argv[1]) / (role == Role::client ? "client" : "server");
    std::filesystem::create_directories(dir);
    for (const auto& sc : kScenarios) {
      std::string name = sc.name;
      if (role == Role::client) {
        name += sc.client_auth == handshake::ClientAuth::required   ? "-auth-required"
                : sc.client_auth == handshake::ClientAuth::optional ? "-auth-optional"
                                                                    : "-auth-none";
      }
      const Bytes seed = record_seed(role, sc);
      const auto replay = seed.empty() ? Outcome{} : run_input(role, seed);
      const std::string expected = "hello from the peer";
      if (!replay.complete ||
          std::string(replay.application_data.begin(), replay.application_data.end()) != expected) {
        std::cerr << dir.filename().string() << "/" << name
                  << ": the seed does not replay to the end: " << replay.error << "\n";
        ++bad;
        continue;
      }
      std::ofstream(dir / name, std::ios::binary)
          .write(reinterpret_cast<const char*>(seed.data()),
                 static_cast<std::streamsize>(seed.size()));
      std::cout << (dir / name).string() << ": " << seed.size() << " bytes\n";
    }
  }
  return bad == 0 ? 0 : 1;
}

// In-memory client/server pairs for handshake tests, with identities from tests/data/captures/pki
// (made by vectors/capture.py with openssl).
#pragma once

#include <memory>
#include <string>

#include "../test_util.hpp"
#include "tlslab/connection.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/pki/keys.hpp"
#include "tlslab/pki/pem.hpp"
#include "tlslab/pki/trust_store.hpp"

namespace tlslab::test {

inline std::vector<Bytes> load_certificates(const std::string& name) {
  std::vector<Bytes> out;
  for (auto& block : pki::parse_pem(read_text(data_path("captures/pki/" + name + ".pem")))) {
    out.push_back(std::move(block.der));
  }
  return out;
}

// "server-rsa", "client-p256", ...: the leaf and the CA.
inline pki::Identity load_identity(crypto::Provider& provider, const std::string& name) {
  pki::Identity id;
  id.chain = load_certificates(name);
  const auto ca = load_certificates("ca");
  id.chain.insert(id.chain.end(), ca.begin(), ca.end());
  const std::string key = read_text(data_path("captures/pki/" + name + ".key"));
  id.key = provider.import_private_key(pki::load_private_key(view(key), std::nullopt).key);
  return id;
}

// The captures CA as the one trust anchor: what a server asking for client certificates verifies
// them with (Connection::server refuses client authentication without a verifier).
inline std::shared_ptr<const pki::ChainVerifier> captures_trust(
    std::shared_ptr<crypto::Provider> provider) {
  auto store = std::make_shared<pki::TrustStore>(std::move(provider));
  for (const auto& der : load_certificates("ca"))
    store->add(der);
  return store;
}

// Moves bytes between the two until neither has anything to send. Returns the number of
// flights exchanged.
inline int pump(Connection& client, Connection& server) {
  int flights = 0;
  for (int round = 0; round < 20; ++round) {
    bool moved = false;
    Bytes c = client.take_output();
    if (!c.empty()) {
      server.feed(c);
      moved = true;
      ++flights;
    }
    Bytes s = server.take_output();
    if (!s.empty()) {
      client.feed(s);
      moved = true;
      ++flights;
    }
    if (!moved) break;
  }
  return flights;
}

struct Pair {
  std::unique_ptr<Connection> client;
  std::unique_ptr<Connection> server;
};

// Both sides keep their events (CommonConfig::events): the tests read them.
inline Pair connect(handshake::ClientConfig c, handshake::ServerConfig s) {
  c.events = true;
  s.events = true;
  Pair p{Connection::client(std::move(c)), Connection::server(std::move(s))};
  p.client->start();
  pump(*p.client, *p.server);
  return p;
}

template <class T>
std::vector<T> events_of(const std::vector<handshake::Event>& events) {
  std::vector<T> out;
  for (const auto& e : events) {
    if (const auto* x = std::get_if<T>(&e)) out.push_back(*x);
  }
  return out;
}

}  // namespace tlslab::test

// Full TLS 1.2 handshakes between tlslab's own client and server in memory, per server key type
// (RSA-2048, P-256, P-384, Ed25519; the test PKI of tests/data/captures/pki), with and without
// client authentication (the client's key of the same type). Each handshake is complete: both
// connections made from their configurations, ECDHE over X25519 (the default first group), the
// peer chains validated against the test CA by a TrustStore, both Finished checked.
//
//   BM_Handshake/<key>/<auth>             default provider; counter handshakes_per_s
//   BM_Resumption/<key>/mutual/<how>     abbreviated handshakes resuming by session_id or
//                                         ticket; counter resumptions_per_s
//   BM_HandshakeCryptoShare/<key>/<auth>  the same through a timing decorator of the default
//                                         provider (timing_provider.hpp): crypto_ns and
//                                         non_crypto_ns per handshake (thread CPU time),
//                                         non_crypto_share of the handshake's CPU time (crypto
//                                         slightly inflated: the decorator's clock reads count
//                                         as crypto; provider_calls says how many)
//
// One "handshake" is both sides' work: client and server run in the same thread. Rates are per
// CPU second (Google Benchmark's kIsRate divides by CPU time), so a loaded machine changes them
// less than wall-clock figures.
//
// Run: bench/bench-handshake --benchmark_min_time=0.5 (or `meson test --benchmark`).
#include <benchmark/benchmark.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>

#include "timing_provider.hpp"
#include "tlslab/connection.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/pki/keys.hpp"
#include "tlslab/pki/pem.hpp"
#include "tlslab/pki/trust_store.hpp"

namespace tlslab::bench {
namespace {

constexpr std::int64_t kNow = 1798761600;  // 2027-01-01, inside the test PKI's validity

std::string read_pki(const std::string& name) {
  const std::string path = std::string(TLSLAB_SOURCE_DIR) + "/tests/data/captures/pki/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<Bytes> certificates(const std::string& name) {
  std::vector<Bytes> out;
  for (auto& block : pki::parse_pem(read_pki(name + ".pem")))
    out.push_back(std::move(block.der));
  return out;
}

pki::Identity identity(crypto::Provider& p, const std::string& name) {
  pki::Identity id;
  id.chain = certificates(name);
  const auto ca = certificates("ca");
  id.chain.insert(id.chain.end(), ca.begin(), ca.end());
  const std::string key = read_pki(name + ".key");
  id.key = p.import_private_key(
      pki::load_private_key(ByteView(reinterpret_cast<const std::uint8_t*>(key.data()), key.size()),
                            std::nullopt)
          .key);
  return id;
}

// Everything a handshake needs, made once per benchmark (outside the timed loop).
struct Setup {
  std::shared_ptr<crypto::Provider> provider;
  std::shared_ptr<pki::TrustStore> trust;
  pki::Identity server;
  pki::Identity client;
  std::uint16_t suite = 0;

  Setup(std::shared_ptr<crypto::Provider> p, const std::string& key)
      : provider(std::move(p)), trust(std::make_shared<pki::TrustStore>(provider)) {
    for (const auto& der : certificates("ca"))
      trust->add(der);
    server = identity(*provider, "server-" + key);
    client = identity(*provider, "client-" + key);
    // The AES-128-GCM ECDHE suite the server's key can authenticate.
    suite = key == "rsa" ? 0xc02f : 0xc02b;
  }
};

handshake::ClientConfig client_config(const Setup& s, bool mutual) {
  handshake::ClientConfig c;
  c.provider = s.provider;
  c.cipher_suites = {s.suite};
  c.server_name = "localhost";
  c.verifier = s.trust;
  c.clock = [] { return kNow; };
  if (mutual) c.identities = {s.client};
  return c;
}

handshake::ServerConfig server_config(const Setup& s, bool mutual) {
  handshake::ServerConfig sv;
  sv.provider = s.provider;
  sv.cipher_suites = {s.suite};
  sv.identities = {s.server};
  sv.verifier = s.trust;
  sv.clock = [] { return kNow; };
  sv.client_auth = mutual ? handshake::ClientAuth::required : handshake::ClientAuth::none;
  return sv;
}

// One handshake between connections made from the configurations. The client's session when
// both sides completed; `resumed` says whether it was an abbreviated one.
std::optional<handshake::Session> run_pair(const handshake::ClientConfig& c,
                                           const handshake::ServerConfig& sv,
                                           bool* resumed = nullptr) {
  auto client = Connection::client(c);
  auto server = Connection::server(sv);
  client->start();
  for (int flight = 0; flight < 8; ++flight) {
    const Bytes to_server = client->take_output();
    if (!to_server.empty()) server->feed(to_server);
    const Bytes to_client = server->take_output();
    if (!to_client.empty()) client->feed(to_client);
    if (to_server.empty() && to_client.empty()) break;
  }
  if (!client->handshake_complete() || !server->handshake_complete()) return std::nullopt;
  if (resumed != nullptr) *resumed = server->negotiated().resumed;
  return client->session();
}

// One full handshake; false if it did not complete.
bool handshake_once(const Setup& s, bool mutual) {
  return run_pair(client_config(s, mutual), server_config(s, mutual)).has_value();
}

void bm_handshake(benchmark::State& state, const std::string& key, bool mutual) {
  const Setup setup(crypto::make_default_provider(), key);
  for (auto _ : state) {
    if (!handshake_once(setup, mutual)) {
      state.SkipWithError("handshake did not complete");
      return;
    }
  }
  state.counters["handshakes_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void bm_crypto_share(benchmark::State& state, const std::string& key, bool mutual) {
  CryptoClock clock;
  const Setup setup(std::make_shared<TimingProvider>(
                        std::shared_ptr<crypto::Provider>(crypto::make_default_provider()), clock),
                    key);
  clock = CryptoClock{};              // the setup's key imports are not part of a handshake
  std::chrono::nanoseconds total{0};  // CPU time of the handshakes
  for (auto _ : state) {
    const auto start = thread_cpu_now();
    const bool ok = handshake_once(setup, mutual);
    total += thread_cpu_now() - start;
    if (!ok) {
      state.SkipWithError("handshake did not complete");
      return;
    }
  }
  const auto n = static_cast<double>(state.iterations());
  const double total_ns = static_cast<double>(total.count()) / n;
  const double crypto_ns = static_cast<double>(clock.spent.count()) / n;
  state.counters["crypto_ns"] = crypto_ns;
  state.counters["non_crypto_ns"] = total_ns - crypto_ns;
  state.counters["non_crypto_share"] = (total_ns - crypto_ns) / total_ns;
  state.counters["provider_calls"] = static_cast<double>(clock.calls) / n;
}

// Abbreviated handshakes (RFC 5246 §7.3) resuming one session made by a full handshake before
// the timed loop: by SessionID from the server's cache, or by RFC 5077 ticket (the server keeps
// no state; each resumption opens the ticket). Counter resumptions_per_s.
void bm_resumption(benchmark::State& state, const std::string& key, bool ticket) {
  const Setup setup(crypto::make_default_provider(), key);
  auto c = client_config(setup, true);
  auto sv = server_config(setup, true);
  c.session_tickets = ticket;
  if (ticket) {
    sv.ticket_keys = std::make_shared<handshake::TicketKeys>(setup.provider);
  } else {
    sv.session_cache = handshake::make_session_cache();
  }
  c.session = run_pair(c, sv);
  if (!c.session) {
    state.SkipWithError("the full handshake did not complete");
    return;
  }
  for (auto _ : state) {
    bool resumed = false;
    if (!run_pair(c, sv, &resumed) || !resumed) {
      state.SkipWithError("the session was not resumed");
      return;
    }
  }
  state.counters["resumptions_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void register_all() {
  for (const char* key : {"rsa", "p256", "p384", "ed25519"}) {
    for (bool mutual : {false, true}) {
      const std::string suffix = std::string("/") + key + (mutual ? "/mutual" : "/server_only");
      const std::string k = key;
      benchmark::RegisterBenchmark(("BM_Handshake" + suffix).c_str(), [k, mutual](
                                                                          benchmark::State& s) {
        bm_handshake(s, k, mutual);
      })->Unit(benchmark::kMicrosecond);
      benchmark::RegisterBenchmark(
          ("BM_HandshakeCryptoShare" + suffix).c_str(),
          [k, mutual](benchmark::State& s) { bm_crypto_share(s, k, mutual); })
          ->Unit(benchmark::kMicrosecond);
    }
  }
  // Abbreviated handshakes per key type, with client authentication carried in the session.
  for (const char* key : {"rsa", "p256", "p384", "ed25519"}) {
    for (bool ticket : {false, true}) {
      const std::string k = key;
      const std::string name =
          std::string("BM_Resumption/") + key + "/mutual/" + (ticket ? "ticket" : "session_id");
      benchmark::RegisterBenchmark(name.c_str(), [k, ticket](benchmark::State& s) {
        bm_resumption(s, k, ticket);
      })->Unit(benchmark::kMicrosecond);
    }
  }
}

}  // namespace
}  // namespace tlslab::bench

int main(int argc, char** argv) {
  tlslab::bench::register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

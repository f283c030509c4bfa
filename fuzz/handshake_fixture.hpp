// The shared setup of the per-role handshake fuzz targets (fuzz_client.cpp, fuzz_server.cpp), of
// their seed generator (make_handshake_seeds.cpp) and of the test that the seeds reach the end
// of the handshake (tests/handshake/test_fuzz_seeds.cpp).
//
// One role is set up exactly as it was when the seeds were recorded: the fuzzing provider (fixed
// randomness and key shares, keyed-hash signatures; see fuzzing_provider.hpp), every implemented
// suite, fixed identities of all four key types from tests/data/captures/pki (loaded once: no
// key generation in the loop), a trust store of that PKI's CA, mutual TLS (the server requires a
// client certificate) and a fixed clock. The fuzz input is the peer's side of the conversation:
//
//   input  = frame*
//   frame  = chunk (u8) || length (u16, big-endian) || bytes (length, or what is left)
//
// Each frame is one peer flight. It is fed in pieces of `chunk` bytes (0: all at once), so record
// and message boundaries land anywhere; the role's output is taken after every piece. Fewer than
// three bytes left form a last frame fed whole.
//
// Oracle (abort() on violation, so libFuzzer reports it):
//  (a) handshake_complete() or application data delivered only with proof in the event stream
//      that the peer's Finished matched: the harness recomputes the master secret from the
//      premaster secret the engine reported (RFC 5246 §8.1 / RFC 7627 §4) and the peer's
//      verify_data (RFC 5246 §7.4.9) from it and the messages reported before that Finished,
//      and requires a ChangeCipherSpec received before it. For a
//      full handshake also: the trust store accepted the peer's chain in this run; for the
//      server (client authentication required) the client's CertificateVerify is checked again
//      with the accepted leaf key over the messages before it, and negotiated().client_certificate
//      is set.
//  (b) feed() never throws; a failure leaves failed() with a reason, and unless the failure is
//      the peer's own fatal alert, a fatal alert record with the error's description is queued.
//  (c) after failed(), feed() changes nothing: no output, no events, no data, same state.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "tlslab/connection.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/crypto/fuzzing_provider.hpp"
#include "tlslab/handshake/key_schedule.hpp"
#include "tlslab/pki/keys.hpp"
#include "tlslab/pki/pem.hpp"
#include "tlslab/pki/trust_store.hpp"
#include "tlslab/registry.hpp"

#ifndef TLSLAB_FUZZ_PKI_DIR
#error "TLSLAB_FUZZ_PKI_DIR must name tests/data/captures/pki (fuzz/meson.build sets it)"
#endif

namespace tlslab::fuzz {

enum class Role { client, server };

// 2027-01-01T00:00:00Z, inside the validity of the test PKI.
inline constexpr std::int64_t kNow = 1798761600;
// The random streams of the two roles (their randoms and key shares must differ).
inline constexpr std::uint8_t kClientStream = 1;
inline constexpr std::uint8_t kServerStream = 2;
inline constexpr const char* kKeyTypes[] = {"rsa", "p256", "p384", "ed25519"};

[[noreturn]] inline void violation(const std::string& what) {
  std::fprintf(stderr, "handshake fuzz oracle: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

inline std::string read_pki_file(const std::string& name) {
  const std::string path = std::string(TLSLAB_FUZZ_PKI_DIR) + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) violation("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::vector<Bytes> pem_certificates(const std::string& name) {
  std::vector<Bytes> out;
  for (auto& block : pki::parse_pem(read_pki_file(name + ".pem")))
    out.push_back(std::move(block.der));
  return out;
}

// The peer's chain is validated for real (path validation over the test CA with the default
// provider) and the leaf key handed to the engine is re-imported through the fuzzing provider,
// so that the handshake's signatures are the cheap fake ones. Accepted chains are cached by their
// exact bytes (the recorded chains come back on almost every execution); rejections are not.
// Each run records what it accepted, for the oracle.
class RecordingVerifier final : public pki::ChainVerifier {
 public:
  struct Accepted {
    pki::Purpose purpose;
    std::shared_ptr<const crypto::PublicKey> key;
  };

  RecordingVerifier()
      : store_(std::shared_ptr<crypto::Provider>(crypto::make_default_provider())),
        importer_(crypto::make_fuzzing_provider()) {
    for (const auto& der : pem_certificates("ca"))
      store_.add(der);
  }

  pki::VerifiedPeer verify(const std::vector<ByteView>& chain, pki::Purpose purpose,
                           const std::string& host_name, std::int64_t now) const override {
    Bytes key{static_cast<std::uint8_t>(purpose)};
    key.insert(key.end(), host_name.begin(), host_name.end());
    key.push_back(0);
    for (int shift = 56; shift >= 0; shift -= 8)
      key.push_back(static_cast<std::uint8_t>(now >> shift));
    for (const auto& c : chain) {
      const auto n = c.size();
      key.insert(key.end(), {static_cast<std::uint8_t>(n >> 16), static_cast<std::uint8_t>(n >> 8),
                             static_cast<std::uint8_t>(n)});
      key.insert(key.end(), c.begin(), c.end());
    }
    auto found = cache_.find(key);
    if (found == cache_.end()) {
      auto peer = store_.verify(chain, purpose, host_name, now);  // throws when rejected
      peer.public_key = importer_->import_public_key(peer.public_key->material());
      if (cache_.size() >= 256) cache_.clear();
      found = cache_.emplace(std::move(key), std::move(peer)).first;
    }
    accepted_.push_back({purpose, found->second.public_key});
    return found->second;
  }
  std::vector<Bytes> anchor_names() const override { return store_.anchor_names(); }

  void begin_run() { accepted_.clear(); }
  const std::vector<Accepted>& accepted() const { return accepted_; }

 private:
  pki::TrustStore store_;
  std::unique_ptr<crypto::Provider> importer_;
  mutable std::map<Bytes, pki::VerifiedPeer> cache_;
  mutable std::vector<Accepted> accepted_;
};

// Identities and the verifier, made once per process.
struct Fixture {
  std::map<std::string, pki::Identity> identities;  // "server-rsa", "client-p256", ...
  std::shared_ptr<RecordingVerifier> verifier = std::make_shared<RecordingVerifier>();

  Fixture() {
    // The wrapped keys do not refer to the provider that imported them, so one import serves
    // every fresh provider of the fuzz loop.
    auto importer = crypto::make_fuzzing_provider();
    const auto ca = pem_certificates("ca");
    for (const char* role : {"server-", "client-"}) {
      for (const char* type : kKeyTypes) {
        const std::string name = std::string(role) + type;
        pki::Identity id;
        id.chain = pem_certificates(name);
        id.chain.insert(id.chain.end(), ca.begin(), ca.end());
        const std::string key = read_pki_file(name + ".key");
        id.key = importer->import_private_key(
            pki::load_private_key(
                ByteView(reinterpret_cast<const std::uint8_t*>(key.data()), key.size()),
                std::nullopt)
                .key);
        identities.emplace(name, std::move(id));
      }
    }
  }

  static Fixture& get() {
    static Fixture f;
    return f;
  }
};

inline std::vector<std::uint16_t> implemented_suites() {
  std::vector<std::uint16_t> out;
  for (const auto& s : registry::cipher_suites()) {
    if (s.implemented) out.push_back(s.code);
  }
  return out;
}

inline std::vector<std::uint16_t> all_groups() {
  using crypto::NamedGroup;
  return {static_cast<std::uint16_t>(NamedGroup::x25519),
          static_cast<std::uint16_t>(NamedGroup::secp256r1),
          static_cast<std::uint16_t>(NamedGroup::secp384r1),
          static_cast<std::uint16_t>(NamedGroup::ffdhe2048)};
}

// The role under test, configured identically for recording and fuzzing.
inline handshake::ClientConfig target_client_config() {
  auto& f = Fixture::get();
  handshake::ClientConfig c;
  c.provider = crypto::make_fuzzing_provider(kClientStream);
  c.cipher_suites = implemented_suites();
  c.groups = all_groups();
  for (const char* type : kKeyTypes)
    c.identities.push_back(f.identities.at(std::string("client-") + type));
  c.verifier = f.verifier;
  c.server_name = "localhost";
  c.alpn = {"h2", "http/1.1"};
  c.clock = [] { return kNow; };
  c.events = true;  // the event code runs under the fuzzer too (bounded by max_events)
  return c;
}

inline handshake::ServerConfig target_server_config() {
  auto& f = Fixture::get();
  handshake::ServerConfig s;
  s.provider = crypto::make_fuzzing_provider(kServerStream);
  s.cipher_suites = implemented_suites();
  s.groups = all_groups();
  for (const char* type : kKeyTypes)
    s.identities.push_back(f.identities.at(std::string("server-") + type));
  s.verifier = f.verifier;
  s.client_auth = handshake::ClientAuth::required;
  s.alpn = {"http/1.1", "h2"};
  s.clock = [] { return kNow; };
  s.events = true;
  return s;
}

struct Frame {
  std::uint8_t chunk = 0;
  ByteView bytes;
};

inline std::vector<Frame> parse_frames(ByteView data) {
  std::vector<Frame> frames;
  std::size_t pos = 0;
  while (pos < data.size()) {
    if (data.size() - pos < 3) {
      frames.push_back({0, data.subspan(pos)});
      break;
    }
    const std::uint8_t chunk = data[pos];
    const std::size_t length = (std::size_t{data[pos + 1]} << 8) | data[pos + 2];
    pos += 3;
    const std::size_t n = std::min(length, data.size() - pos);
    frames.push_back({chunk, data.subspan(pos, n)});
    pos += n;
  }
  return frames;
}

inline void append_frame(Bytes& out, std::uint8_t chunk, ByteView bytes) {
  out.push_back(chunk);
  out.push_back(static_cast<std::uint8_t>(bytes.size() >> 8));
  out.push_back(static_cast<std::uint8_t>(bytes.size()));
  out.insert(out.end(), bytes.begin(), bytes.end());
}

// ---- the oracle ----------------------------------------------------------------------------

inline bool is_transcript_message(const handshake::MessageEvent& m) {
  return m.msg_type != 0xff && m.msg_type != 0;  // not ChangeCipherSpec, not HelloRequest
}

// (a): the peer's Finished, recomputed from what the engine reported.
inline void check_handshake_proof(Role role, const Connection& conn,
                                  const std::vector<handshake::Event>& events,
                                  const RecordingVerifier& verifier) {
  using handshake::Direction;
  using handshake::MessageEvent;
  static auto oracle_provider = crypto::make_default_provider();
  const auto* suite = registry::find_cipher_suite(conn.negotiated().cipher_suite);
  if (suite == nullptr) violation("traffic without a negotiated cipher suite");

  Bytes transcript;
  std::optional<Bytes> transcript_before_cv;
  const MessageEvent* certificate_verify = nullptr;
  const SecretBytes* master = nullptr;
  bool ccs_received = false;
  bool finished_ok = false;
  const SecretBytes* pre_master = nullptr;
  std::optional<handshake::Random> client_random;
  std::optional<handshake::Random> server_random;
  for (const auto& e : events) {
    if (const auto* s = std::get_if<handshake::SecretEvent>(&e)) {
      // The master secret must come from the reported premaster secret (RFC 5246 §8.1, RFC 7627
      // §4: the session hash covers the messages up to ClientKeyExchange, all reported by now).
      if (s->label == "pre_master_secret") pre_master = &s->value;
      if (s->label == "master_secret" || s->label == "extended_master_secret") {
        master = &s->value;
        if (pre_master == nullptr) {
          // A resumed session's master secret comes from the session, not from this handshake.
          if (!conn.negotiated().resumed) violation("master secret without a premaster secret");
          continue;
        }
        SecretBytes expected;
        if (s->label == "extended_master_secret") {
          const auto session_hash = oracle_provider->hash(suite->prf_hash, transcript);
          expected = handshake::extended_master_secret(*oracle_provider, suite->prf_hash,
                                                       *pre_master, session_hash.view());
        } else {
          if (!client_random || !server_random) violation("master secret before the hellos");
          expected = handshake::master_secret(*oracle_provider, suite->prf_hash, *pre_master,
                                              *client_random, *server_random);
        }
        if (expected != s->value) violation(s->label + " does not derive from the premaster");
      }
      continue;
    }
    const auto* m = std::get_if<MessageEvent>(&e);
    if (m == nullptr) continue;
    if ((m->msg_type == 1 || m->msg_type == 2) && m->raw.size() >= 38) {
      // Hello.random follows the header (4) and the version (2).
      auto& r = m->msg_type == 1 ? client_random : server_random;
      r.emplace();
      std::copy_n(m->raw.begin() + 6, 32, r->begin());
    }
    if (m->direction == Direction::received && m->msg_type == 0xff) ccs_received = true;
    if (m->direction == Direction::received && m->msg_type == 20) {
      if (!ccs_received) violation("peer Finished accepted without a ChangeCipherSpec before it");
      if (master == nullptr) violation("peer Finished accepted before any master secret");
      if (m->raw.size() != 16) violation("peer Finished of the wrong size accepted");
      const auto hash = oracle_provider->hash(suite->prf_hash, transcript);
      const auto expected = handshake::verify_data(
          *oracle_provider, suite->prf_hash, *master,
          role == Role::client ? handshake::Sender::server : handshake::Sender::client,
          hash.view());
      if (!std::equal(expected.begin(), expected.end(), m->raw.begin() + 4)) {
        violation("peer Finished accepted but its verify_data does not match the transcript");
      }
      finished_ok = true;
      break;
    }
    if (m->direction == Direction::received && m->msg_type == 15) {
      certificate_verify = m;
      transcript_before_cv = transcript;
    }
    if (is_transcript_message(*m))
      transcript.insert(transcript.end(), m->raw.begin(), m->raw.end());
  }
  if (!finished_ok) violation("handshake complete or data delivered without the peer's Finished");
  if (conn.negotiated().resumed) return;

  const auto purpose = role == Role::client ? pki::Purpose::server_auth : pki::Purpose::client_auth;
  std::shared_ptr<const crypto::PublicKey> peer_key;
  for (const auto& a : verifier.accepted()) {
    if (a.purpose == purpose) peer_key = a.key;
  }
  if (!peer_key) violation("full handshake complete without the peer's chain accepted");
  if (role == Role::server) {
    // Client authentication is required: certificate + CertificateVerify, checked again here.
    if (!conn.negotiated().client_certificate) violation("no client certificate recorded");
    if (certificate_verify == nullptr) violation("complete without a client CertificateVerify");
    const Bytes& raw = certificate_verify->raw;
    if (raw.size() < 8) violation("short CertificateVerify accepted");
    const auto scheme = static_cast<crypto::SignatureScheme>((raw[4] << 8) | raw[5]);
    const std::size_t sig_len = (std::size_t{raw[6]} << 8) | raw[7];
    if (raw.size() != 8 + sig_len) violation("CertificateVerify with a bad length accepted");
    if (!peer_key->verify(scheme, *transcript_before_cv, ByteView(raw).subspan(8))) {
      violation("CertificateVerify accepted that does not verify with the client's key");
    }
  }
}

inline bool has_alert_record(ByteView out) {
  std::size_t pos = 0;
  while (pos + 5 <= out.size()) {
    if (out[pos] == 21) return true;
    pos += 5 + ((std::size_t{out[pos + 3]} << 8) | out[pos + 4]);
  }
  return false;
}

struct Outcome {
  bool complete = false;
  bool failed = false;
  std::optional<AlertDescription> alert;  // of the failure
  std::string error;
  Bytes application_data;
};

// Runs one input against the role under test and checks the oracle after every feed.
inline Outcome run_input(Role role, ByteView data) {
  auto& fixture = Fixture::get();
  fixture.verifier->begin_run();
  std::unique_ptr<Connection> conn = role == Role::client
                                         ? Connection::client(target_client_config())
                                         : Connection::server(target_server_config());
  conn->start();  // the client's ClientHello; nothing for a server
  (void)conn->take_output();
  std::vector<handshake::Event> events = conn->take_events();
  Outcome outcome;
  bool wrote = false;
  bool proven = false;
  for (const Frame& frame : parse_frames(data)) {
    const std::size_t step = frame.chunk == 0 ? frame.bytes.size() : frame.chunk;
    for (std::size_t pos = 0; pos < frame.bytes.size() || (pos == 0 && frame.bytes.empty());
         pos += step) {
      const ByteView piece = frame.bytes.subspan(pos, std::min(step, frame.bytes.size() - pos));
      const bool failed_before = conn->failed();
      const std::string state_before = conn->state_name();
      const std::string reason_before = failed_before ? conn->error()->reason() : "";
      try {
        conn->feed(piece);
      } catch (const std::exception& e) {
        violation(std::string("feed() threw: ") + e.what());
      } catch (...) {
        violation("feed() threw a non-exception");
      }
      const Bytes out = conn->take_output();
      auto batch = conn->take_events();
      Bytes data_in = conn->read();
      if (failed_before) {  // (c)
        if (!out.empty() || !batch.empty() || !data_in.empty() ||
            conn->state_name() != state_before || !conn->failed() ||
            conn->error()->reason() != reason_before) {
          violation("feed() after failure changed the connection");
        }
      } else if (conn->failed()) {  // (b)
        const Error& err = *conn->error();
        if (err.reason().empty()) violation("failure without a reason");
        bool peer_alert = false;
        bool alert_sent = false;
        for (const auto& e : batch) {
          if (const auto* a = std::get_if<handshake::AlertEvent>(&e)) {
            if (a->direction == handshake::Direction::received && a->level == AlertLevel::fatal) {
              peer_alert = true;
            }
            if (a->direction == handshake::Direction::sent && a->level == AlertLevel::fatal &&
                a->description == err.alert()) {
              alert_sent = true;
            }
          }
        }
        if (!peer_alert && (!alert_sent || !has_alert_record(out))) {
          violation("failure (" + err.reason() + ") without a fatal alert queued");
        }
      }
      events.insert(events.end(), std::make_move_iterator(batch.begin()),
                    std::make_move_iterator(batch.end()));
      if (!proven && (conn->handshake_complete() || !data_in.empty())) {  // (a)
        // What it proves cannot change later: the events before it are never rewritten.
        check_handshake_proof(role, *conn, events, *fixture.verifier);
        proven = true;
      }
      if (!data_in.empty() && !conn->handshake_complete()) {
        violation("application data delivered before the handshake completed");
      }
      outcome.application_data.insert(outcome.application_data.end(), data_in.begin(),
                                      data_in.end());
      if (conn->handshake_complete() && !conn->failed() && !wrote) {
        // Exercise our write side once: it must work in the traffic state.
        const std::uint8_t ping[] = {'p', 'i', 'n', 'g'};
        conn->write(ping);
        if (conn->take_output().empty()) violation("write() in the traffic state sent nothing");
        wrote = true;
      }
      if (frame.bytes.empty()) break;
    }
  }
  outcome.complete = conn->handshake_complete();
  outcome.failed = conn->failed();
  if (conn->error()) {
    outcome.alert = conn->error()->alert();
    outcome.error = conn->error()->reason();
  }
  return outcome;
}

}  // namespace tlslab::fuzz

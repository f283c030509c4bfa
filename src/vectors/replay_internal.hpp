// Internal: the state replay carries from record to record, shared by its parts: the driver
// (replay.cpp: records, protection, dispatch), the secrets (replay_secrets.cpp: key log, master
// secret, key block) and the peers' credentials (replay_credentials.cpp: chains and signatures).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "tlslab/crypto/provider.hpp"
#include "tlslab/handshake/key_schedule.hpp"
#include "tlslab/handshake/transcript.hpp"
#include "tlslab/messages/handshake.hpp"
#include "tlslab/record/channel.hpp"
#include "tlslab/vectors/replay.hpp"

namespace tlslab::vectors::detail {

// Thrown at a divergence; the driver adds the record it was found in.
struct Diverged {
  std::string what;
};
[[noreturn]] inline void diverge(std::string what) {
  throw Diverged{std::move(what)};
}

struct SideState {
  record::Channel channel;  // read only: replay sends nothing
  std::size_t messages = 0;
};

struct ReplayState {
  ReplayState(const Vector& v, crypto::Provider& p, ReplayReport& r,
              const pki::ValidationPolicy& pol)
      : vector(v), provider(p), report(r), policy(pol) {}

  const Vector& vector;
  crypto::Provider& provider;
  ReplayReport& report;
  const pki::ValidationPolicy& policy;
  SideState client, server;
  RecordInfo current;  // the record being replayed

  handshake::Transcript transcript;
  // "ClientHello (record 0)" for each message in the transcript: a Finished or CertificateVerify
  // that does not verify names them, since a changed byte in a message nothing else checks
  // (the hellos, CertificateRequest, ServerHelloDone, ClientKeyExchange) only shows there.
  std::vector<std::string> transcript_messages;
  std::optional<handshake::Random> client_random, server_random;
  std::uint16_t client_version = 0;
  Bytes client_session_id;
  const registry::CipherSuiteInfo* suite = nullptr;
  SecretBytes master;  // empty until known
  std::optional<handshake::KeyBlock> keys;
  std::shared_ptr<const crypto::PublicKey> server_key, client_key;
  bool fatal_alert = false;

  SideState& side(Direction d) { return d == Direction::client ? client : server; }
  void add_to_transcript(ByteView raw, const std::string& label) {
    transcript.add(raw);
    transcript_messages.push_back(label + " (record " + std::to_string(current.index) + ")");
  }
  // "; it covers ClientHello (record 0), ..., a changed byte in any of them shows here".
  std::string transcript_hint() const {
    std::string out = "; the transcript covers ";
    for (std::size_t i = 0; i < transcript_messages.size(); ++i) {
      out += (i == 0 ? "" : ", ") + transcript_messages[i];
    }
    return out + ": a byte changed in any of them shows here";
  }
  void note(std::string text) {
    report.trace.push_back({TraceEntry::Kind::note, current, std::move(text), std::nullopt});
  }
};

// replay_secrets.cpp -----------------------------------------------------------------------------

// The secret of the key-log line `LABEL <first_hex> <secret>` (case-insensitive hex), if any.
std::optional<Bytes> keylog_lookup(const std::vector<std::string>& keylog, std::string_view label,
                                   std::string_view first_hex);
// After the ServerHello: the master secret from the key log's CLIENT_RANDOM line, if there is
// one, and then the key block. Without one, a static-RSA handshake waits for the
// ClientKeyExchange; anything else diverges here.
void secrets_after_server_hello(ReplayState& s);
// After a static-RSA ClientKeyExchange (already in the transcript): the premaster from the key
// log's RSA line or decrypted with the server's key, and the (extended) master secret from it.
void secrets_after_client_key_exchange(ReplayState& s, const messages::ClientKeyExchange& cke);

// replay_credentials.cpp -------------------------------------------------------------------------

// A Certificate message: compared with the vector's certificates for that role, validated against
// the trust anchors at the capture time (serverAuth and the server name, or clientAuth), and its
// leaf's key kept for the signatures.
void check_certificate(ReplayState& s, Direction from, const messages::Certificate& m);
// RFC 5246 §7.4.3: signature over client_random + server_random + params.
void check_server_key_exchange(ReplayState& s, const messages::ServerKeyExchange& m);
// RFC 5246 §7.4.8: signature over the handshake messages so far (the transcript before it).
void check_certificate_verify(ReplayState& s, const messages::CertificateVerify& m);

}  // namespace tlslab::vectors::detail

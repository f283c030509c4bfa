// Replaying a vector in verify mode (issue 7): every record of both directions is deframed, every
// handshake message reassembled, parsed and re-serialized byte-exact; the keys are derived from
// the vector's secrets (the key log's master secret for this client_random, or for static RSA the
// premaster decrypted with the server's key); every protected record is decrypted; both Finished
// messages, the ServerKeyExchange and CertificateVerify signatures and both certificate chains
// (against the vector's trust anchors at its capture time) are checked, and then the vector's
// expectations. Replay stops at the first divergence and says where it is: record, message and
// field.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tlslab/crypto/provider.hpp"
#include "tlslab/pki/path_validation.hpp"
#include "tlslab/trace/tree.hpp"
#include "tlslab/vectors/vector.hpp"

namespace tlslab::vectors {

// Records are numbered from 0 across the whole vector, in flight order.
struct RecordInfo {
  std::size_t index = 0;
  Direction direction = Direction::client;
  std::uint8_t content_type = 0;
  bool is_protected = false;
  // "server, handshake, protected": how divergences and the trace name the record.
  std::string describe() const;
};

// One line of the trace: a record, or a handshake message (with its annotated tree) or a note
// ("keys derived from the key log's master secret") inside the record before it.
struct TraceEntry {
  enum class Kind { record, message, note };
  Kind kind = Kind::record;
  RecordInfo record;
  std::string text;                 // the record or note line, or the message's name
  std::optional<trace::Node> tree;  // messages
};

struct Divergence {
  std::optional<RecordInfo> record;  // none: found at the end of the vector
  std::string what;                  // "Finished.verify_data differs: expected ..., got ..."
  // "record 7 (server, handshake, protected): Finished.verify_data differs: ..." or
  // "end of vector: ...".
  std::string text() const;
};

struct ReplayReport {
  std::vector<TraceEntry> trace;
  std::optional<Divergence> divergence;
  bool ok() const noexcept { return !divergence.has_value(); }

  std::size_t records = 0;
  std::size_t messages = 0;  // handshake messages parsed and re-serialized
  std::optional<std::uint16_t> suite;
  bool extended_master_secret = false;
  bool encrypt_then_mac = false;
  bool resumed = false;
  std::string master_secret_source;  // "key log (CLIENT_RANDOM)", "server RSA key", ...
  // Static RSA: the master secret was also computed from the premaster (RFC 5246 §8.1, RFC 7627
  // §4) and, when the key log had it too, found equal.
  bool master_secret_recomputed = false;
  std::size_t finished_verified = 0;
  bool server_key_exchange_verified = false;
  bool certificate_verify_verified = false;
  std::string server_chain;  // "CN=... <- CN=tlslab test CA" when validated, else empty
  std::string client_chain;
  std::string client_protection;  // Protection::name() of each direction after its CCS
  std::string server_protection;
  std::string client_application_data;
  std::string server_application_data;
  std::vector<AlertDescription> client_alerts;
  std::vector<AlertDescription> server_alerts;
  // By record index: the plaintext of each application_data record and the description of each
  // alert, so that the act-as modes can write the same data and close at the same place.
  std::vector<std::pair<std::size_t, Bytes>> application_data_records;
  std::vector<std::pair<std::size_t, AlertDescription>> alert_records;
};

// `policy`: what the certificate chains are validated under (allow_sha1 for old captures).
ReplayReport replay(const Vector& vector, crypto::Provider& provider,
                    const pki::ValidationPolicy& policy = {});

}  // namespace tlslab::vectors

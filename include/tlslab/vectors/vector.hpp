// A captured handshake as a test vector (vectors/README.md documents the JSON format): where it
// came from, how each side was configured, the certificates, keys and secrets that are known, the
// records each side sent in order, and what the handshake is expected to end in. Read and
// written with nlohmann-json; every error names the JSON field ("flights[3].records[1]: not hex").
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tlslab/alert.hpp"
#include "tlslab/bytes.hpp"

namespace tlslab::vectors {

inline constexpr std::string_view kFormatName = "tlslab-vector";
inline constexpr int kFormatVersion = 1;

enum class Direction { client, server };
std::string_view direction_name(Direction d) noexcept;

// One side of the capture: which program, which version, how it was run, and how it was
// configured (free-form: the capture script records the options the command line set).
struct Provenance {
  std::string producer;
  std::string version;
  std::vector<std::string> command;
  std::optional<int> exit_status;
  nlohmann::json config = nlohmann::json::object();
};

// The records one side sent before the other side spoke again, each exactly as on the wire
// (header included). A trailing partial record of a cut stream is kept as its own entry.
struct Flight {
  Direction direction = Direction::client;
  std::vector<Bytes> records;
};

struct ExpectedAlert {
  Direction sender = Direction::server;
  AlertDescription description = AlertDescription::handshake_failure;
};

struct Expectations {
  std::optional<std::uint16_t> suite;  // the negotiated cipher suite
  std::optional<bool> resumed;         // abbreviated handshake (RFC 5246 §7.3)
  std::optional<ExpectedAlert> alert;  // the fatal alert the handshake ends in
};

struct Vector {
  int format_version = kFormatVersion;
  std::string name;
  std::string description;
  std::int64_t captured_at = 0;  // seconds since the epoch: the clock for chain validation
  std::string server_name;       // the host name the client checked, or empty
  Provenance client;
  Provenance server;
  // DER certificates by role, leaf first.
  std::vector<Bytes> client_certificates;
  std::vector<Bytes> server_certificates;
  // Private key files (PEM or DER, as pki::load_private_key reads them), when known.
  std::optional<Bytes> client_private_key;
  std::optional<Bytes> server_private_key;
  std::vector<Bytes> trust_anchors;  // DER
  // NSS key-log lines (CLIENT_RANDOM <client_random> <master_secret>, RSA <8 bytes> <premaster>).
  std::vector<std::string> keylog;
  std::optional<std::array<std::uint8_t, 32>> client_random;
  std::optional<std::array<std::uint8_t, 32>> server_random;
  // Ephemeral private keys by role, when one side was deterministic; free-form for now.
  nlohmann::json ephemeral_keys = nlohmann::json::object();
  std::vector<Flight> flights;
  Expectations expect;
};

// Parses a vector document. Malformed input: Error(decode_error, "<field>: <what>").
Vector parse_vector(std::string_view json_text);
Vector parse_vector(const nlohmann::json& doc);
// The document for a vector: certificates and anchors as PEM, bytes as lowercase hex.
nlohmann::json vector_to_json(const Vector& v);
std::string write_vector(const Vector& v);

// "2026-11-27T08:42:53Z" <-> seconds since the epoch (UTC, RFC 3339 with a Z or +00:00 offset).
std::int64_t parse_utc_time(std::string_view text);
std::string format_utc_time(std::int64_t seconds);

}  // namespace tlslab::vectors

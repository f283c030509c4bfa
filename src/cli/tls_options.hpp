// The options `tlslab client` and `tlslab server` share, with openssl s_client/s_server's
// spelling where they overlap: algorithm lists (colon-separated IANA names), identities
// (--cert/--key pairs, --p12), trust anchors, ALPN, key log, trace.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "password.hpp"
#include "tlslab/handshake/config.hpp"
#include "tlslab/pki/trust_store.hpp"

namespace tlslab::cli {

struct TlsOptions {
  std::string cipher;   // "ALL", "DEFAULT" or IANA names separated by ':'
  std::string groups;   // "x25519:secp256r1"
  std::string sigalgs;  // "ecdsa_secp256r1_sha256:rsa_pss_rsae_sha256"
  std::string alpn;     // "h2,http/1.1" (comma-separated, as openssl's -alpn)
  std::vector<std::string> certs;
  std::vector<std::string> keys;
  std::vector<std::string> p12s;
  PasswordOptions password;
  std::string keylog;
  std::uint16_t record_size_limit = 0;
  std::string ems = "prefer";  // RFC 7627 extended master secret: prefer | require | off
  bool trace = false;
  bool json = false;
  // Accept SHA-1 signatures in the peer's certificate chain (pki::ValidationPolicy::allow_sha1).
  bool allow_sha1 = false;
  // Reproducible runs for capturing vectors (vectors/README.md, act-as modes): every random byte
  // and ephemeral key from this seed (64 hex digits), a fixed clock, and the side's description
  // written to a file. Never for real use: the "randomness" is as public as the seed.
  std::string seed;
  std::string time;  // RFC 3339 UTC or seconds since the epoch
  std::string vector_side;
};

// Adds the shared options to `cmd`.
void add_tls_options(CLI::App* cmd, TlsOptions& o);

// A problem with the options' values (exit status 2), e.g. an unknown cipher suite name.
struct OptionError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::vector<std::uint16_t> parse_cipher_list(const std::string& text);
std::vector<std::uint16_t> parse_group_list(const std::string& text);
std::vector<std::uint16_t> parse_sigalg_list(const std::string& text);

// The provider for `o`: the default one, or with --seed the deterministic one (with a warning on
// stderr naming `command`). OptionError for a malformed seed.
std::shared_ptr<crypto::Provider> make_provider(const TlsOptions& o, const char* command);

// With --seed or --time: a fixed clock (--time, or the time now) in `config`; returns it.
std::optional<std::int64_t> apply_fixed_clock(const TlsOptions& o, handshake::CommonConfig& config);

// With --vector-side FILE: writes {"config": {"tlslab": <config>}, "ephemeral_keys": {"seed":
// ...}, "time": ...} for vectors/capture.py (needs --seed).
void write_vector_side(const TlsOptions& o, const nlohmann::json& config, std::int64_t time);

// Fills the algorithm lists, ALPN, key log and record size limit of `config`, and loads the
// identities: each --cert with the --key at the same position (the key file may also be the
// cert file), then each --p12. Errors loading files: tlslab::Error or std::runtime_error with
// the file named.
void apply_tls_options(const TlsOptions& o, handshake::CommonConfig& config);

// Runs `setup` (reading options and files); on failure prints "tlslab COMMAND: reason" on stderr
// and returns the exit status: 2 for OptionError and PasswordUsageError, 1 for the rest.
std::optional<int> run_setup(const char* command, const std::function<void()>& setup);

// Trust anchors from files or directories (PEM or DER), validating under the policy `o` asks
// for (--allow-sha1).
std::shared_ptr<pki::TrustStore> load_trust_store(const std::shared_ptr<crypto::Provider>& p,
                                                  const std::vector<std::string>& paths,
                                                  const TlsOptions& o);

}  // namespace tlslab::cli

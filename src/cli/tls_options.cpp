#include "tls_options.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <tuple>

#include "files.hpp"
#include "keylog.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/crypto/deterministic_provider.hpp"
#include "tlslab/pki/keys.hpp"
#include "tlslab/pki/pem.hpp"
#include "tlslab/pki/pkcs12.hpp"
#include "tlslab/pki/x509.hpp"
#include "tlslab/registry.hpp"
#include "tlslab/vectors/vector.hpp"

namespace tlslab::cli {

void add_tls_options(CLI::App* cmd, TlsOptions& o) {
  cmd->add_option("--cipher", o.cipher,
                  "Cipher suites in preference order, IANA names separated by ':'; ALL: every "
                  "suite tlslab implements; DEFAULT: the default set");
  cmd->add_option("--groups", o.groups, "Groups, e.g. x25519:secp256r1:secp384r1:ffdhe2048");
  cmd->add_option("--sigalgs", o.sigalgs,
                  "Signature schemes, e.g. ecdsa_secp256r1_sha256:rsa_pss_rsae_sha256");
  cmd->add_option("--alpn", o.alpn, "ALPN protocols, comma-separated, e.g. h2,http/1.1");
  cmd->add_option("--cert", o.certs, "Certificate chain (PEM, leaf first); repeat for more")
      ->type_name("FILE");
  cmd->add_option("--key", o.keys, "Private key of the --cert at the same position (PEM/DER)")
      ->type_name("FILE");
  cmd->add_option("--p12", o.p12s, "Identity from a PKCS#12 (.p12/.pfx) file; repeatable")
      ->type_name("FILE");
  add_password_options(cmd, o.password, "--p12 and encrypted --key files");
  cmd->add_option("--keylog", o.keylog,
                  "Append the NSS key log to FILE (default: $SSLKEYLOGFILE when set)");
  cmd->add_option("--record-size-limit", o.record_size_limit,
                  "Announce RFC 8449 record_size_limit (64..16384)")
      ->check(CLI::Range(64, 16384));
  cmd->add_option("--ems", o.ems,
                  "Extended master secret (RFC 7627): use it when the peer does (prefer), "
                  "insist on it (require), or never (off)")
      ->check(CLI::IsMember({"prefer", "require", "off"}))
      ->capture_default_str();
  cmd->add_flag("--trace", o.trace, "Print every handshake message, state and secret to stderr");
  cmd->add_flag("--allow-sha1", o.allow_sha1,
                "Accept SHA-1 signatures in the peer's certificate chain (refused by default: "
                "SHA-1 collisions are practical; for old PKIs and captures)");
  auto* seed = cmd->add_option("--seed", o.seed,
                               "TESTING ONLY: every random byte and ephemeral key from this seed "
                               "(64 hex digits), for reproducible captures (vectors/README.md)")
                   ->type_name("HEX");
  cmd->add_option("--time", o.time,
                  "Fixed clock (RFC 3339 UTC or seconds since the epoch) for certificate checks "
                  "and sessions; with --seed the default is the time at start")
      ->type_name("WHEN");
  cmd->add_option("--vector-side", o.vector_side,
                  "With --seed: write this side's configuration, seed and clock as JSON for a "
                  "vector's act-as modes (vectors/capture.py reads it)")
      ->type_name("FILE")
      ->needs(seed);
  cmd->add_flag("--json", o.json, "With --trace: JSON Lines instead of text");
}

namespace {

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, sep)) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::vector<std::uint16_t> parse_names(
    const std::string& text, const char* what,
    std::optional<std::uint16_t> (*code_of)(std::string_view) noexcept) {
  std::vector<std::uint16_t> out;
  for (const auto& name : split(text, ':')) {
    const auto code = code_of(name);
    if (!code) throw OptionError(std::string("unknown ") + what + " \"" + name + "\"");
    out.push_back(*code);
  }
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

std::vector<std::uint16_t> parse_cipher_list(const std::string& text) {
  if (text.empty() || text == "DEFAULT") return handshake::default_cipher_suites();
  std::vector<std::uint16_t> out;
  if (text == "ALL") {
    // Every implemented suite: the defaults (AEAD with forward secrecy) first, then the rest
    // strongest first, as OpenSSL orders ALL: forward secrecy (ECDHE, then DHE) before RSA key
    // transport, AEAD before CBC, larger keys first. A server then prefers DHE to static RSA
    // and AES-256-CBC to AES-128-CBC (what tlsfuzzer's test-ffdhe-negotiation.py and
    // test-resumption-with-wrong-ciphers.py expect of a server-preference order).
    out = handshake::default_cipher_suites();
    std::vector<const registry::CipherSuiteInfo*> rest;
    for (const auto& s : registry::cipher_suites()) {
      if (s.implemented && std::find(out.begin(), out.end(), s.code) == out.end()) {
        rest.push_back(&s);
      }
    }
    auto rank = [](const registry::CipherSuiteInfo* s) {
      const int kx = s->key_exchange == registry::KeyExchange::ecdhe ? 0
                     : s->key_exchange == registry::KeyExchange::dhe ? 1
                                                                     : 2;
      const int bulk = s->bulk == registry::BulkKind::aead ? 0 : 1;
      return std::tuple(kx, bulk, -static_cast<int>(s->enc_key_length()));
    };
    std::stable_sort(rest.begin(), rest.end(),
                     [&](const auto* a, const auto* b) { return rank(a) < rank(b); });
    for (const auto* s : rest)
      out.push_back(s->code);
    return out;
  }
  for (const auto& name : split(text, ':')) {
    const auto* s = registry::find_cipher_suite(std::string_view(name));
    if (s == nullptr) throw OptionError("unknown cipher suite \"" + name + "\"");
    if (!s->implemented) throw OptionError("cipher suite " + name + " is not implemented");
    out.push_back(s->code);
  }
  return out;
}

std::vector<std::uint16_t> parse_group_list(const std::string& text) {
  return parse_names(text, "group", registry::group_code);
}

std::vector<std::uint16_t> parse_sigalg_list(const std::string& text) {
  return parse_names(text, "signature scheme", registry::signature_scheme_code);
}

void apply_tls_options(const TlsOptions& o, handshake::CommonConfig& config) {
  config.cipher_suites = parse_cipher_list(o.cipher);
  if (!o.groups.empty()) config.groups = parse_group_list(o.groups);
  if (!o.sigalgs.empty()) config.signature_schemes = parse_sigalg_list(o.sigalgs);
  config.alpn = split(o.alpn, ',');
  config.keylog = open_keylog(o.keylog);
  config.record_size_limit = o.record_size_limit;
  config.events = true;  // the CLI prints the handshake as it happens
  config.record_events = o.trace;
  config.ems = o.ems == "off"       ? handshake::ExtendedMasterSecret::off
               : o.ems == "require" ? handshake::ExtendedMasterSecret::require
                                    : handshake::ExtendedMasterSecret::prefer;

  if (o.keys.size() > o.certs.size()) throw OptionError("--key without a --cert");
  std::optional<std::string> password;
  bool password_read = false;
  auto get_password = [&](const std::string& file) {
    if (!password_read) {
      password = read_password(o.password, file);
      password_read = true;
    }
    return password;
  };
  for (std::size_t i = 0; i < o.certs.size(); ++i) {
    const std::string& cert_file = o.certs[i];
    const std::string& key_file = i < o.keys.size() ? o.keys[i] : cert_file;
    pki::Identity id;
    const std::string cert_text = read_file(cert_file);
    for (const auto& cert : pki::load_certificates(view(cert_text))) {
      id.chain.emplace_back(cert.der().begin(), cert.der().end());
    }
    const std::string key_text = read_file(key_file);
    const bool encrypted = key_text.find("ENCRYPTED") != std::string::npos;
    const auto key = pki::load_private_key(
        view(key_text), encrypted ? get_password(key_file) : std::optional<std::string>{});
    id.key = config.provider->import_private_key(key.key);
    const auto leaf = pki::Certificate::parse(id.chain.front());
    if (!leaf.public_key().key || !pki::key_matches(*id.key, *leaf.public_key().key)) {
      throw std::runtime_error(key_file + ": the key does not match the certificate in " +
                               cert_file);
    }
    config.identities.push_back(std::move(id));
  }
  for (const auto& file : o.p12s) {
    const std::string data = read_file(file);
    const auto contents = pki::load_pkcs12(view(data), get_password(file), *config.provider);
    config.identities.push_back(pki::pkcs12_identity(contents, *config.provider));
  }
}

std::shared_ptr<crypto::Provider> make_provider(const TlsOptions& o, const char* command) {
  if (o.seed.empty()) return crypto::make_default_provider();
  Bytes seed;
  try {
    seed = from_hex(o.seed);
  } catch (const std::exception&) {
    seed.clear();
  }
  if (seed.size() != 32) throw OptionError("--seed wants 64 hex digits (32 bytes)");
  crypto::Script script;
  script.seed.emplace();
  std::copy(seed.begin(), seed.end(), script.seed->begin());
  std::cerr << "tlslab " << command
            << ": WARNING: --seed: every random byte and key comes from the seed; for test "
               "captures only\n";
  return crypto::make_deterministic_provider(std::move(script));
}

std::optional<std::int64_t> apply_fixed_clock(const TlsOptions& o,
                                              handshake::CommonConfig& config) {
  if (o.time.empty() && o.seed.empty()) return std::nullopt;
  std::int64_t t = handshake::system_clock_now();
  if (!o.time.empty()) {
    try {
      if (std::all_of(o.time.begin(), o.time.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        t = std::stoll(o.time);
      } else {
        t = vectors::parse_utc_time(o.time);
      }
    } catch (const std::exception&) {
      throw OptionError("--time \"" + o.time +
                        "\": neither RFC 3339 UTC (2026-11-27T08:42:53Z) nor seconds");
    }
  }
  config.clock = [t] { return t; };
  return t;
}

void write_vector_side(const TlsOptions& o, const nlohmann::json& config, std::int64_t time) {
  if (o.vector_side.empty()) return;
  const nlohmann::json doc = {{"config", {{"tlslab", config}}},
                              {"ephemeral_keys", {{"seed", o.seed}}},
                              {"time", vectors::format_utc_time(time)}};
  std::ofstream out(o.vector_side);
  out << doc.dump(1) << '\n';
  if (!out) throw std::runtime_error("cannot write " + o.vector_side);
}

std::optional<int> run_setup(const char* command, const std::function<void()>& setup) {
  const std::string prefix = std::string("tlslab ") + command + ": ";
  try {
    setup();
    return std::nullopt;
  } catch (const OptionError& e) {
    std::cerr << prefix << e.what() << '\n';
    return 2;
  } catch (const PasswordUsageError& e) {
    std::cerr << prefix << e.what() << '\n';
    return 2;
  } catch (const Error& e) {
    std::cerr << prefix << e.reason() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << prefix << e.what() << '\n';
    return 1;
  }
}

std::shared_ptr<pki::TrustStore> load_trust_store(const std::shared_ptr<crypto::Provider>& p,
                                                  const std::vector<std::string>& paths,
                                                  const TlsOptions& o) {
  auto store = std::make_shared<pki::TrustStore>(p);
  pki::ValidationPolicy policy;
  policy.allow_sha1 = o.allow_sha1;
  store->set_policy(policy);
  for (const auto& path : paths) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) throw std::runtime_error("cannot read " + path);
    add_trust_anchors(*store, path);
  }
  return store;
}

}  // namespace tlslab::cli

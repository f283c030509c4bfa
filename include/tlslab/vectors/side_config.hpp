// What the act-as modes need to rebuild one of tlslab's own sides of a vector: its configuration
// (`<role>.config.tlslab`) and its randomness (`secrets.ephemeral_keys.<role>`), both documented
// in vectors/README.md. `tlslab client/server --seed ... --vector-side FILE` writes them with
// describe_config(), so a capture records exactly the configuration the side ran with, not a
// second description of it that could drift.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "tlslab/crypto/deterministic_provider.hpp"
#include "tlslab/handshake/config.hpp"

namespace tlslab::vectors {

// The parts of a configuration that change bytes on the wire, as JSON with IANA names:
// cipher_suites, groups, signature_schemes (an empty list, which means "the defaults" and lets
// a client add the FFDHE groups when it offers DHE, is written as "default"), alpn,
// extended_master_secret, record_size_limit; a client's server_name, session_tickets and
// max_fragment_length; a server's client_auth, send_ca_names, session_cache, session_tickets and
// session_lifetime. Identities and trust anchors are not in it: a vector carries those as its
// certificates, private_keys and trust_anchors.
nlohmann::json describe_config(const handshake::ClientConfig& config);
nlohmann::json describe_config(const handshake::ServerConfig& config);

// The inverse, onto `config` (absent members keep their value). `field` names the JSON object
// in errors: Error(decode_error, "<field>.groups[1]: unknown group \"x448\"").
void apply_config(const nlohmann::json& doc, const std::string& field,
                  handshake::ClientConfig& config);
void apply_config(const nlohmann::json& doc, const std::string& field,
                  handshake::ServerConfig& config);

// `secrets.ephemeral_keys.<role>`: {"seed": 64 hex digits} for a side run with --seed, or, for
// published vectors, {"random": hex (the bytes the side drew, in order), "keys": [{"group":
// "x25519", "private": hex}, ...], "seed": optional continuation}.
crypto::Script script_from_json(const nlohmann::json& doc, const std::string& field);
nlohmann::json script_seed_json(const std::array<std::uint8_t, 32>& seed);

}  // namespace tlslab::vectors

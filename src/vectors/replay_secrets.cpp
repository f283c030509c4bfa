// Replay's secrets: the master secret of the connection from the vector's NSS key log
// (CLIENT_RANDOM <client_random> <master_secret>), or for static RSA from the premaster — the
// key log's RSA line (RSA <first 8 bytes of the EncryptedPreMasterSecret> <premaster>) or the
// server's RSA key — through RFC 5246 §8.1 or, with extended_master_secret, RFC 7627 §4; then the
// key block (RFC 5246 §6.3).
#include <algorithm>
#include <cctype>
#include <sstream>

#include "replay_internal.hpp"
#include "tlslab/pki/keys.hpp"

namespace tlslab::vectors::detail {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

void derive_key_block(ReplayState& s) {
  s.keys = handshake::derive_key_block(s.provider, *s.suite, s.master, *s.client_random,
                                       *s.server_random);
}

}  // namespace

std::optional<Bytes> keylog_lookup(const std::vector<std::string>& keylog, std::string_view label,
                                   std::string_view first_hex) {
  const std::string wanted = lower(first_hex);
  for (const auto& line : keylog) {
    std::istringstream in(line);
    std::string l, first, secret;
    if (!(in >> l >> first >> secret) || l != label || lower(first) != wanted) continue;
    if (secret.size() % 2 != 0 || !std::all_of(secret.begin(), secret.end(), [](unsigned char c) {
          return std::isxdigit(c) != 0;
        })) {
      diverge("secrets.keylog: the " + std::string(label) + " line for " + first +
              " has a secret that is not hex");
    }
    return from_hex(secret);
  }
  return std::nullopt;
}

void secrets_after_server_hello(ReplayState& s) {
  const std::string cr = to_hex(*s.client_random);
  if (const auto ms = keylog_lookup(s.vector.keylog, "CLIENT_RANDOM", cr)) {
    if (ms->size() != handshake::kMasterSecretSize) {
      diverge("secrets.keylog: the CLIENT_RANDOM line for " + cr + " has a " +
              std::to_string(ms->size()) + "-byte secret; a master secret has 48 bytes");
    }
    s.master.assign(ms->begin(), ms->end());
    s.report.master_secret_source = "key log (CLIENT_RANDOM)";
    derive_key_block(s);
    s.note("keys derived from the key log's master secret for client_random " + cr);
    return;
  }
  const bool rsa = s.suite->key_exchange == registry::KeyExchange::rsa;
  if (rsa && !s.report.resumed) return;  // the premaster comes with the ClientKeyExchange
  diverge("secrets.keylog: no CLIENT_RANDOM line for client_random " + cr +
          (rsa ? " (a resumed handshake needs the master secret)" : ""));
}

void secrets_after_client_key_exchange(ReplayState& s, const messages::ClientKeyExchange& cke) {
  // EncryptedPreMasterSecret<0..2^16-1> (RFC 5246 §7.4.7.1): exchange_keys is its body.
  const ByteView encrypted = cke.exchange_keys;
  SecretBytes premaster;
  std::string source;
  const std::string first = to_hex(encrypted.first(std::min<std::size_t>(8, encrypted.size())));
  if (const auto pm = keylog_lookup(s.vector.keylog, "RSA", first)) {
    premaster.assign(pm->begin(), pm->end());
    source = "key log (RSA premaster)";
  } else if (s.vector.server_private_key) {
    std::shared_ptr<const crypto::PrivateKey> key;
    try {
      const auto info = pki::load_private_key(*s.vector.server_private_key, std::nullopt);
      key = s.provider.import_private_key(info.key);
    } catch (const Error& e) {
      diverge("private_keys.server: " + e.reason());
    }
    if (key->type() != crypto::KeyType::rsa) {
      diverge("private_keys.server: not an RSA key, cannot decrypt the premaster");
    }
    std::array<std::uint8_t, 48> pm{};
    // A wrong key gives random bytes here (RFC 5246 §7.4.7.1), seen as a Finished mismatch.
    key->decrypt_premaster(encrypted, s.client_version, pm, s.provider);
    premaster.assign(pm.begin(), pm.end());
    secure_wipe(pm.data(), pm.size());
    source = "server RSA key (private_keys.server)";
  } else if (s.master.empty()) {
    diverge("secrets.keylog: no CLIENT_RANDOM line for client_random " + to_hex(*s.client_random) +
            ", no RSA line for " + first +
            " and no private_keys.server to decrypt the premaster with");
  } else {
    return;  // the key log's master secret is all there is
  }
  if (premaster.size() != 48) {
    diverge("secrets.keylog: the RSA premaster for " + first + " has " +
            std::to_string(premaster.size()) + " bytes, not 48");
  }
  const SecretBytes computed =
      s.report.extended_master_secret
          ? handshake::extended_master_secret(
                s.provider, s.suite->prf_hash, premaster,
                s.transcript.hash(s.provider, s.suite->prf_hash).view())
          : handshake::master_secret(s.provider, s.suite->prf_hash, premaster, *s.client_random,
                                     *s.server_random);
  if (!s.master.empty()) {
    if (!equal_constant_time(computed, s.master)) {
      diverge(
          "secrets.keylog: the CLIENT_RANDOM master secret differs from the one the premaster "
          "from the " +
          source + " gives");
    }
    s.report.master_secret_recomputed = true;
    s.note("the master secret computed from the premaster (" + source + ") equals the key log's");
    return;
  }
  s.master = computed;
  s.report.master_secret_recomputed = true;
  s.report.master_secret_source = source;
  derive_key_block(s);
  s.note(std::string("keys derived from the premaster (") + source + ")" +
         (s.report.extended_master_secret ? " with the session hash (RFC 7627 §4)" : ""));
}

}  // namespace tlslab::vectors::detail

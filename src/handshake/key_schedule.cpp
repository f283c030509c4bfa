#include "tlslab/handshake/key_schedule.hpp"

#include "tlslab/crypto/prf.hpp"
#include "tlslab/error.hpp"

namespace tlslab::handshake {

namespace {
Bytes concat(const Random& a, const Random& b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}
}  // namespace

SecretBytes master_secret(crypto::Provider& p, crypto::HashAlgorithm prf_hash,
                          ByteView pre_master_secret, const Random& client_random,
                          const Random& server_random) {
  SecretBytes out(kMasterSecretSize);
  crypto::tls12_prf(p, prf_hash, pre_master_secret, "master secret",
                    concat(client_random, server_random), out);
  return out;
}

SecretBytes extended_master_secret(crypto::Provider& p, crypto::HashAlgorithm prf_hash,
                                   ByteView pre_master_secret, ByteView session_hash) {
  SecretBytes out(kMasterSecretSize);
  crypto::tls12_prf(p, prf_hash, pre_master_secret, "extended master secret", session_hash, out);
  return out;
}

KeyBlock derive_key_block(crypto::Provider& p, const registry::CipherSuiteInfo& suite,
                          ByteView master_secret, const Random& client_random,
                          const Random& server_random) {
  if (!suite.implemented) {
    fail(AlertDescription::internal_error,
         "key block: suite " + std::string(suite.name) + " is not implemented");
  }
  const std::size_t mac = suite.mac_key_length();
  const std::size_t key = suite.enc_key_length();
  const std::size_t iv = suite.fixed_iv_length();
  SecretBytes block(2 * (mac + key + iv));
  crypto::tls12_prf(p, suite.prf_hash, master_secret, "key expansion",
                    concat(server_random, client_random), block);
  KeyBlock out;
  auto take = [&, pos = std::size_t{0}](std::size_t n) mutable {
    SecretBytes part(block.begin() + static_cast<std::ptrdiff_t>(pos),
                     block.begin() + static_cast<std::ptrdiff_t>(pos + n));
    pos += n;
    return part;
  };
  out.client_write.mac_key = take(mac);
  out.server_write.mac_key = take(mac);
  out.client_write.enc_key = take(key);
  out.server_write.enc_key = take(key);
  out.client_write.fixed_iv = take(iv);
  out.server_write.fixed_iv = take(iv);
  return out;
}

std::array<std::uint8_t, 12> verify_data(crypto::Provider& p, crypto::HashAlgorithm prf_hash,
                                         ByteView master_secret, Sender sender,
                                         ByteView transcript_hash) {
  std::array<std::uint8_t, 12> out{};
  crypto::tls12_prf(p, prf_hash, master_secret,
                    sender == Sender::client ? "client finished" : "server finished",
                    transcript_hash, out);
  return out;
}

}  // namespace tlslab::handshake

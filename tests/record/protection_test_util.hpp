// Helpers shared by the record protection tests: keys and suites by name, a check that an
// operation fails with exactly the one bad_record_mac reason, and records crafted directly from
// the crypto primitives (to make what tlslab's seal() never makes: wrong padding, oversize
// plaintexts).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "../test_util.hpp"
#include "src/record/protection_internal.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/record/protection.hpp"
#include "tlslab/registry.hpp"

namespace tlslab::test {

inline const registry::CipherSuiteInfo& suite_named(const std::string& name) {
  const auto* s = registry::find_cipher_suite(name);
  REQUIRE_MESSAGE(s != nullptr, "no suite " << name);
  return *s;
}

inline SecretBytes secret_hex(std::string_view h) {
  const Bytes b = from_hex(h);
  return SecretBytes(b.begin(), b.end());
}

// Keys of the right sizes for `suite`, each byte distinct from the others.
inline record::TrafficKeys test_keys(const registry::CipherSuiteInfo& suite, std::uint8_t seed) {
  record::TrafficKeys k;
  auto fill = [&](SecretBytes& v, std::size_t n, std::uint8_t base) {
    v.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      v[i] = static_cast<std::uint8_t>(seed + base + 3 * i);
  };
  fill(k.mac_key, suite.mac_key_length(), 0x10);
  fill(k.enc_key, suite.enc_key_length(), 0x50);
  fill(k.fixed_iv, suite.fixed_iv_length(), 0x90);
  return k;
}

// The record as open() sees it; `fragment` must outlive the result.
inline record::Record as_record(std::uint8_t type, std::uint16_t version, Bytes& fragment) {
  record::Record r;
  r.type = type;
  r.version = version;
  r.fragment = MutableByteView(fragment);
  return r;
}

// The fragment of a whole record produced by seal().
inline Bytes fragment_of(const Bytes& whole_record) {
  REQUIRE(whole_record.size() >= record::kHeaderSize);
  return Bytes(whole_record.begin() + record::kHeaderSize, whole_record.end());
}

// Runs `f` and checks it throws bad_record_mac with the one shared reason.
template <class F>
void check_bad_record_mac(F&& f) {
  bool thrown = false;
  try {
    f();
  } catch (const Error& e) {
    thrown = true;
    CHECK_MESSAGE(e.alert() == AlertDescription::bad_record_mac,
                  "alert was " << alert_label(e.alert()) << ": " << e.reason());
    CHECK(e.reason() == record::detail::kBadRecordMacReason);
  }
  CHECK_MESSAGE(thrown, "no error thrown");
}

inline Bytes ad_bytes(std::uint64_t seq, std::uint8_t type, std::uint16_t version,
                      std::size_t length) {
  Bytes ad;
  for (int i = 7; i >= 0; --i)
    ad.push_back(static_cast<std::uint8_t>(seq >> (8 * i)));
  ad.push_back(type);
  ad.push_back(static_cast<std::uint8_t>(version >> 8));
  ad.push_back(static_cast<std::uint8_t>(version));
  ad.push_back(static_cast<std::uint8_t>(length >> 8));
  ad.push_back(static_cast<std::uint8_t>(length));
  return ad;
}

inline Bytes hmac_of(crypto::Provider& p, const registry::CipherSuiteInfo& suite,
                     const SecretBytes& key, const Bytes& ad, ByteView data) {
  auto mac = p.hmac(suite.mac_hash, key);
  mac->update(ad);
  mac->update(data);
  return copy(mac->finish().view());
}

// A MAC-then-encrypt fragment IV || E(content) where `content` is given whole (plaintext, MAC
// and padding as the test wants them).
inline Bytes cbc_encrypt(crypto::Provider& p, const registry::CipherSuiteInfo& suite,
                         const SecretBytes& key, const Bytes& iv, Bytes content) {
  p.cbc(suite.cbc, key)->encrypt(iv, content);
  Bytes out = iv;
  out.insert(out.end(), content.begin(), content.end());
  return out;
}

// plaintext || MAC || padding with padding_length `pad` whose bytes are `pad_byte` (normally
// pad), MAC over `mac_over_length` bytes of plaintext (normally all of it).
inline Bytes mte_content(crypto::Provider& p, const registry::CipherSuiteInfo& suite,
                         const SecretBytes& mac_key, std::uint64_t seq, std::uint8_t type,
                         std::uint16_t version, const Bytes& plaintext, std::size_t pad) {
  Bytes content = plaintext;
  const Bytes mac =
      hmac_of(p, suite, mac_key, ad_bytes(seq, type, version, plaintext.size()), plaintext);
  content.insert(content.end(), mac.begin(), mac.end());
  content.insert(content.end(), pad + 1, static_cast<std::uint8_t>(pad));
  return content;
}

}  // namespace tlslab::test

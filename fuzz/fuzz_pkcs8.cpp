// Fuzz target for key encodings: the input as PKCS#8, PKCS#1, SEC1, SubjectPublicKeyInfo and
// EncryptedPrivateKeyInfo (decrypted with a fixed password and a low iteration cap). Oracles:
// the writers are idempotent on what the readers accept (parse -> encode -> parse -> encode
// gives the same bytes and the same key), which for openssl's canonical encodings in the seed
// corpus means parse -> encode reproduces the input. Anything but tlslab::Error aborts.
#include <cstdint>
#include <cstdlib>

#include "tlslab/error.hpp"
#include "tlslab/pki/keys.hpp"

namespace {

using namespace tlslab;

void check(bool ok) {
  if (!ok) std::abort();
}

bool same(ByteView a, ByteView b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

void round_trip(const pki::PrivateKeyInfo& info) {
  SecretBytes first;
  try {
    first = pki::encode_pkcs8(info);
  } catch (const Error& e) {
    // Only an RSA key without CRT components cannot be written; the readers never make one.
    check(false);
  }
  const pki::PrivateKeyInfo again = pki::parse_pkcs8(first);
  const SecretBytes second = pki::encode_pkcs8(again);
  check(same(first, second));
  check(again.type() == info.type());
}

template <class F>
void attempt(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    check(!e.reason().empty());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView input(data, size);
  attempt([&] {
    const pki::PrivateKeyInfo info = pki::parse_pkcs8(input);
    round_trip(info);
  });
  attempt([&] { round_trip(pki::parse_rsa_private_key(input)); });
  attempt([&] { round_trip(pki::parse_ec_private_key(input)); });
  attempt([&] {
    const pki::SubjectPublicKeyInfo spki = pki::parse_spki(input);
    check(same(spki.der, input));
    if (spki.key) {
      const Bytes encoded = pki::encode_spki(*spki.key);
      const pki::SubjectPublicKeyInfo again = pki::parse_spki(encoded);
      check(again.key && pki::same_public_key(*again.key, *spki.key));
      check(same(pki::encode_spki(*again.key), encoded));
    }
  });
  attempt([&] {
    const auto enc = pki::parse_encrypted_pkcs8(input);
    if (enc.pbes2) (void)enc.pbes2->describe();
    pki::PbeLimits limits;
    limits.max_iterations = 2048;
    round_trip(pki::decrypt_pkcs8(input, "tlslab test password", limits));
  });
  return 0;
}

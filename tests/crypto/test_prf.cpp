// The TLS 1.2 PRF (RFC 5246 §5). RFC 5246 publishes no vectors; the ones used everywhere were
// posted to the IETF TLS working group list ("TLS 1.2 PRF test vectors",
// https://www.ietf.org/mail-archive/web/tls/current/msg03416.html): P_SHA256 with 100 bytes and
// P_SHA384 with 148 bytes of output, label "test label".
#include <algorithm>
#include <string>

#include "../test_util.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/crypto/prf.hpp"

namespace tlslab::crypto {
namespace {

using test::hex;

TEST_CASE("prf: IETF TLS list vector, P_SHA256, 100 bytes") {
  auto provider = make_default_provider();
  const Bytes secret = hex("9b be 43 6b a9 40 f0 17 b1 76 52 84 9a 71 db 35");
  const Bytes seed = hex("a0 ba 9f 93 6c da 31 18 27 a6 f7 96 ff d5 19 8c");
  Bytes out(100);
  tls12_prf(*provider, HashAlgorithm::sha256, secret, "test label", seed, out);
  CHECK(out == hex("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
                   "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
                   "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
                   "87347b66"));

  // A shorter request yields a prefix of the same stream (P_hash is iterated "as many times as
  // necessary" and the excess discarded, §5).
  Bytes prefix(45);
  tls12_prf(*provider, HashAlgorithm::sha256, secret, "test label", seed, prefix);
  CHECK(std::equal(prefix.begin(), prefix.end(), out.begin()));
}

TEST_CASE("prf: IETF TLS list vector, P_SHA384, 148 bytes") {
  auto provider = make_default_provider();
  const Bytes secret = hex("b8 0b 73 3d 6c ee fc dc 71 56 6e a4 8e 55 67 df");
  const Bytes seed = hex("cd 66 5c f6 a8 44 7d d6 ff 8b 27 55 5e db 74 65");
  Bytes out(148);
  tls12_prf(*provider, HashAlgorithm::sha384, secret, "test label", seed, out);
  CHECK(out == hex("7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cd"
                   "e9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd"
                   "8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d918425"
                   "9b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee6"
                   "91c8f3a26854308d5eaa3be85e0990703d73e56f"));
}

Bytes concat(ByteView a, ByteView b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

// P_hash written out literally from RFC 5246 §5, with a fresh one-shot HMAC for every A(i) and
// every block and the inputs concatenated, so it shares none of tls12_prf's buffering or Mac
// reuse.
Bytes prf_by_hand(Provider& provider, HashAlgorithm h, ByteView secret, std::string_view label,
                  ByteView seed, std::size_t length) {
  const Bytes label_seed = concat(view(label), seed);  // PRF's seed for P_hash
  Bytes a = label_seed;                                // A(0)
  Bytes out;
  while (out.size() < length) {
    const Digest next = provider.hmac(h, secret, a);  // A(i) = HMAC(secret, A(i-1))
    a.assign(next.view().begin(), next.view().end());
    const Digest block = provider.hmac(h, secret, concat(a, label_seed));
    out.insert(out.end(), block.view().begin(), block.view().end());
  }
  out.resize(length);
  return out;
}

TEST_CASE("prf: equals P_hash computed by hand from HMAC, odd lengths") {
  auto provider = make_default_provider();
  const Bytes secret =
      hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
          "202122232425262728292a2b2c2d2e2f");  // 48 bytes, like a master secret
  const Bytes seed =
      hex("f0e1d2c3b4a5968778695a4b3c2d1e0f00112233445566778899aabbccddeeff"
          "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  for (const HashAlgorithm h : {HashAlgorithm::sha256, HashAlgorithm::sha384}) {
    // 13: less than one block; 33 and 49: one byte into the second block of SHA-256/SHA-384;
    // 104: the TLS key block of AES-256-CBC-SHA256 (several blocks, ragged end).
    for (const std::size_t length :
         {std::size_t{13}, std::size_t{33}, std::size_t{49}, std::size_t{104}}) {
      CAPTURE(hash_name(h));
      CAPTURE(length);
      Bytes out(length);
      tls12_prf(*provider, h, secret, "key expansion", seed, out);
      CHECK(out == prf_by_hand(*provider, h, secret, "key expansion", seed, length));
    }
  }
}

TEST_CASE("prf: label, seed and secret each change the output; empty output is a no-op") {
  auto provider = make_default_provider();
  const Bytes secret(48, 0x42);
  const Bytes seed(64, 0x17);
  auto prf48 = [&](ByteView s, std::string_view label, ByteView sd) {
    Bytes out(48);
    tls12_prf(*provider, HashAlgorithm::sha256, s, label, sd, out);
    return out;
  };
  const Bytes base = prf48(secret, "master secret", seed);
  CHECK(base == prf_by_hand(*provider, HashAlgorithm::sha256, secret, "master secret", seed, 48));
  CHECK(prf48(secret, "extended master secret", seed) != base);
  Bytes other_seed = seed;
  other_seed.back() ^= 1;
  CHECK(prf48(secret, "master secret", other_seed) != base);
  Bytes other_secret = secret;
  other_secret.front() ^= 0x80;
  CHECK(prf48(other_secret, "master secret", seed) != base);

  Bytes nothing;
  tls12_prf(*provider, HashAlgorithm::sha256, secret, "master secret", seed, nothing);
  CHECK(nothing.empty());
}

}  // namespace
}  // namespace tlslab::crypto

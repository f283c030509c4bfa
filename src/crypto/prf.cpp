// The TLS 1.2 PRF (RFC 5246 §5):
//   PRF(secret, label, seed) = P_<hash>(secret, label + seed)
//   P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ...
//   A(0) = seed, A(i) = HMAC(secret, A(i-1))
// built on Provider::hmac so that every provider gets the same PRF.
#include "tlslab/crypto/prf.hpp"

#include <algorithm>

#include "tlslab/bytes.hpp"

namespace tlslab::crypto {
namespace {

// A(i) and each output block are derived from the secret; wipe them however we leave.
struct WipedDigest {
  Digest d;
  WipedDigest() = default;
  WipedDigest(const WipedDigest&) = delete;
  WipedDigest& operator=(const WipedDigest&) = delete;
  ~WipedDigest() { secure_wipe(&d, sizeof d); }

  // finish()'s result is materialised in `t` (guaranteed copy elision), copied, and wiped, so
  // no stray copy of it is left on the stack.
  void take(Mac& mac) {
    Digest t = mac.finish();
    d = t;
    secure_wipe(&t, sizeof t);
  }
};

}  // namespace

void tls12_prf(Provider& provider, HashAlgorithm hash, ByteView secret, std::string_view label,
               ByteView seed, MutableByteView out) {
  if (out.empty()) return;
  // One keyed HMAC for the whole expansion: finish() leaves it keyed, so the key is processed
  // and the object allocated once, not for every A(i) and output block.
  const auto mac = provider.hmac(hash, secret);
  const ByteView label_bytes = view(label);

  // "label + seed" is fed as two updates instead of being concatenated: no allocation.
  WipedDigest a;  // A(1) = HMAC(secret, A(0)), A(0) = label + seed
  mac->update(label_bytes);
  mac->update(seed);
  a.take(*mac);

  WipedDigest block;
  std::size_t done = 0;
  while (true) {
    mac->update(a.d.view());
    mac->update(label_bytes);
    mac->update(seed);
    block.take(*mac);
    const std::size_t n = std::min(block.d.size, out.size() - done);
    std::copy_n(block.d.bytes.begin(), n, out.begin() + static_cast<std::ptrdiff_t>(done));
    done += n;
    if (done == out.size()) break;
    mac->update(a.d.view());  // A(i+1) = HMAC(secret, A(i))
    a.take(*mac);
  }
}

}  // namespace tlslab::crypto

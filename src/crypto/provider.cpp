#include "tlslab/crypto/provider.hpp"

namespace tlslab::crypto {

Digest Provider::hash(HashAlgorithm h, ByteView data) {
  auto ctx = hash(h);
  ctx->update(data);
  return ctx->finish();
}

Digest Provider::hmac(HashAlgorithm h, ByteView key, ByteView data) {
  auto mac = hmac(h, key);
  mac->update(data);
  return mac->finish();
}

}  // namespace tlslab::crypto

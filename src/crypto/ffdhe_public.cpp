#include <algorithm>

#include "ffdhe_groups.hpp"
#include "tlslab/crypto/ffdhe.hpp"

namespace tlslab::crypto {

namespace {
ByteView strip(ByteView v) {
  while (!v.empty() && v.front() == 0)
    v = v.subspan(1);
  return v;
}
}  // namespace

ByteView ffdhe_prime(NamedGroup group) {
  return impl::ffdhe_prime(group);
}

std::optional<NamedGroup> ffdhe_group_of(ByteView p, ByteView g) {
  const ByteView generator = strip(g);
  if (generator.size() != 1 || generator[0] != 2) return std::nullopt;
  for (NamedGroup group : {NamedGroup::ffdhe2048, NamedGroup::ffdhe3072, NamedGroup::ffdhe4096,
                           NamedGroup::ffdhe6144, NamedGroup::ffdhe8192}) {
    const ByteView prime = impl::ffdhe_prime(group);
    const ByteView given = strip(p);
    if (std::equal(given.begin(), given.end(), prime.begin(), prime.end())) return group;
  }
  return std::nullopt;
}

}  // namespace tlslab::crypto

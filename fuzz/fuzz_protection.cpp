// Fuzz target for record protection (src/record/*protection*.cpp).
// Input: byte 0 picks the protection (kKinds, modulo), byte 1 is the content type, the rest is a
// record fragment (cut to 2^14 + 2048 bytes, as the deframer would).
// Oracles:
// - open() on the fragment with fixed keys never crashes and fails only with bad_record_mac
//   (always the one shared reason) or record_overflow;
// - the fragment's first 2^14 bytes, sealed and opened again, give back the same bytes.
// fuzz/make_protection_seeds.py writes valid records under the same keys as seeds.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "src/record/protection_internal.hpp"
#include "tlslab/crypto/deterministic_provider.hpp"
#include "tlslab/error.hpp"
#include "tlslab/record/protection.hpp"

namespace {

using namespace tlslab;

struct Kind {
  std::uint16_t suite;  // 0: null protection
  bool encrypt_then_mac;
};
// Keep in step with KINDS in fuzz/make_protection_seeds.py.
constexpr Kind kKinds[] = {
    {0x0000, false},  // null
    {0xc02f, false},  // TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
    {0xc030, false},  // TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
    {0xcca8, false},  // TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
    {0xc013, false},  // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, MAC-then-encrypt
    {0xc013, true},   // ... encrypt_then_mac
    {0xc028, false},  // TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, MAC-then-encrypt
    {0xc028, true},   // ... encrypt_then_mac
    {0x000a, false},  // TLS_RSA_WITH_3DES_EDE_CBC_SHA, MAC-then-encrypt
    {0x003c, true},   // TLS_RSA_WITH_AES_128_CBC_SHA256, encrypt_then_mac
};
constexpr std::size_t kKindCount = sizeof(kKinds) / sizeof(kKinds[0]);

// mac_key[i] = 0x10 + i, enc_key[i] = 0x50 + i, fixed_iv[i] = 0x90 + i (mod 256).
record::TrafficKeys fuzz_keys(const registry::CipherSuiteInfo& s) {
  record::TrafficKeys k;
  auto fill = [](SecretBytes& v, std::size_t n, std::uint8_t base) {
    v.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      v[i] = static_cast<std::uint8_t>(base + i);
  };
  fill(k.mac_key, s.mac_key_length(), 0x10);
  fill(k.enc_key, s.enc_key_length(), 0x50);
  fill(k.fixed_iv, s.fixed_iv_length(), 0x90);
  return k;
}

crypto::Provider& provider() {
  // Deterministic CBC IVs, so a finding reproduces.
  static const std::unique_ptr<crypto::Provider> p = [] {
    crypto::Script script;
    script.seed = std::array<std::uint8_t, 32>{};
    return crypto::make_deterministic_provider(std::move(script));
  }();
  return *p;
}

std::unique_ptr<record::Protection> make(const Kind& kind) {
  if (kind.suite == 0) return record::make_null_protection();
  const auto* suite = registry::find_cipher_suite(kind.suite);
  if (suite == nullptr) std::abort();
  return record::make_protection(provider(), *suite, fuzz_keys(*suite), kind.encrypt_then_mac);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const Kind& kind = kKinds[data[0] % kKindCount];
  const std::uint8_t type = data[1];
  const std::size_t n = std::min(size - 2, record::kMaxCiphertext);
  tlslab::Bytes fragment(data + 2, data + 2 + n);

  // 1. Arbitrary bytes as a protected fragment.
  {
    auto receiver = make(kind);
    record::Record r;
    r.type = type;
    r.version = 0x0303;
    r.fragment = tlslab::MutableByteView(fragment);
    try {
      const tlslab::MutableByteView plain = receiver->open(r);
      if (plain.size() > record::kMaxPlaintext) std::abort();
      if (plain.data() < fragment.data() ||
          plain.data() + plain.size() > fragment.data() + fragment.size()) {
        std::abort();  // not in place
      }
      if (receiver->sequence_number() != 1) std::abort();
    } catch (const tlslab::Error& e) {
      if (e.alert() == tlslab::AlertDescription::bad_record_mac) {
        if (e.reason() != record::detail::kBadRecordMacReason) std::abort();
      } else if (e.alert() != tlslab::AlertDescription::record_overflow) {
        std::abort();
      }
      if (receiver->sequence_number() != 0) std::abort();
    }
  }

  // 2. The same bytes as a plaintext: seal, then open.
  {
    const tlslab::ByteView plaintext(data + 2, std::min(size - 2, record::kMaxPlaintext));
    auto sender = make(kind);
    auto receiver = make(kind);
    tlslab::Bytes out;
    sender->seal(static_cast<record::ContentType>(type), 0x0303, plaintext, out);
    if (out.size() < record::kHeaderSize || out[0] != type) std::abort();
    const std::size_t length = (std::size_t{out[3]} << 8) | out[4];
    if (length != out.size() - record::kHeaderSize || length > record::kMaxCiphertext ||
        length > plaintext.size() + sender->overhead()) {
      std::abort();
    }
    record::Record r;
    r.type = type;
    r.version = 0x0303;
    r.fragment = tlslab::MutableByteView(out).subspan(record::kHeaderSize);
    const tlslab::MutableByteView opened = receiver->open(r);
    if (opened.size() != plaintext.size() ||
        (!plaintext.empty() &&
         std::memcmp(opened.data(), plaintext.data(), plaintext.size()) != 0)) {
      std::abort();
    }
  }
  return 0;
}

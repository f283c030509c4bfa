// The receive path of CBC MAC-then-encrypt in constant time: Lucky13 (AlFardan and Paterson,
// "Lucky Thirteen: Breaking the TLS and DTLS Record Protocols", IEEE S&P 2013; CVE-2013-0169)
// showed that the time to check padding and MAC, even with one error for both, reveals the
// padding length and so, over many sessions, plaintext. What varies and how it is hidden:
//
// 1. Checking the padding: always the same 256 bytes (or the whole content, if shorter; the
//    length is public) with masks selecting the bytes that are padding, and no early exit.
// 2. Where the MAC is: its offset depends on the padding; it is copied out by scanning every
//    possible offset and keeping the bytes at the right one with a mask.
// 3. The MAC computation: the plaintext length, and so the number of times the hash's
//    compression function runs, depends on the padding. As in s2n (tls/s2n_cbc.c,
//    s2n_verify_cbc; Albrecht and Paterson, "Lucky Microseconds", EUROCRYPT 2016, on why the
//    count of compression calls is what matters), the HMAC is computed over the length the
//    padding implies, and then a throwaway hash of the same algorithm is fed exactly the number
//    of blocks that brings the total to what the longest possible plaintext would cost. The sum
//    of compression calls is then a function of the public record length only.
// 4. The comparison: constant time, and its result is combined with the padding result before
//    anything branches on either.
// A bad padding is treated as no padding at all (nothing stripped), so the MAC is still
// computed and compared over a plausible length and the failure looks like any other.
#include <algorithm>
#include <array>

#include "cbc_internal.hpp"
#include "constant_time.hpp"
#include "protection_internal.hpp"

namespace tlslab::record::detail {
namespace {

// The longest padding TLS allows: padding_length is one byte, plus the length byte itself.
constexpr std::size_t kMaxPaddingWithLength = 256;

// Compression-function calls the inner hash of HMAC makes for `n` message bytes after the key
// block: Merkle–Damgård padding appends 0x80 and the message bit length (8 bytes for SHA-1 and
// SHA-256, 16 for SHA-384, i.e. block/8) and rounds up to whole blocks. The constant key block
// and outer hash are left out; they are the same every time. `block_shift` is log2(block size),
// a shift rather than a division so the time cannot depend on `n`.
std::size_t message_blocks(std::size_t n, std::size_t block, std::size_t block_shift) noexcept {
  return (n + 1 + block / 8 + block - 1) >> block_shift;
}

}  // namespace

std::size_t verify_mac_then_encrypt(crypto::Mac& mac, crypto::HashContext& filler,
                                    std::uint64_t sequence_number, std::uint8_t type,
                                    std::uint16_t version, ByteView decrypted) {
  const std::size_t mac_size = crypto::digest_size(mac.algorithm());
  const std::size_t len = decrypted.size();  // public
  const std::uint8_t* data = decrypted.data();

  // 1. padding_length and the padding bytes (RFC 5246 §6.2.3.2: each byte equals the length).
  const std::size_t pad = data[len - 1];
  ct::Mask good = ct::ge(len, pad + 1 + mac_size);  // MAC and padding fit in the content
  const std::size_t to_check = std::min(kMaxPaddingWithLength, len);
  for (std::size_t i = 0; i < to_check; ++i) {
    const ct::Mask in_padding = ct::le(i, pad);
    good &= ~(in_padding & ~ct::eq(data[len - 1 - i], pad));
  }
  const std::size_t stripped = good & (pad + 1);
  const std::size_t plaintext_len = len - mac_size - stripped;

  // 3. The MAC over the plaintext the padding implies, then the filler blocks.
  const auto ad = additional_data(sequence_number, type, version, plaintext_len);
  mac.update(ad);
  mac.update(ByteView(data, plaintext_len));
  const crypto::Digest expected = mac.finish();

  const std::size_t block = crypto::hash_block_size(mac.algorithm());
  const std::size_t shift = block == 128 ? 7 : 6;
  const std::size_t longest = ad.size() + (len - mac_size);
  const std::size_t extra_blocks = message_blocks(longest, block, shift) -
                                   message_blocks(ad.size() + plaintext_len, block, shift);
  // The longest and the shortest reading differ by 256 bytes, a whole number of blocks of 64 or
  // 128 bytes, so the block counts differ by at most 256 / block: never more than 256 bytes.
  static constexpr std::array<std::uint8_t, kMaxPaddingWithLength> kZeros{};
  filler.update(ByteView(kZeros.data(), extra_blocks * block));

  // 2. The received MAC: scan every offset it can start at (plaintext_len is between
  // len - mac_size - 256 and len - mac_size) and keep the bytes at the real one.
  std::array<std::uint8_t, 64> received{};
  const std::size_t last_start = len - mac_size;
  const std::size_t first_start =
      last_start > kMaxPaddingWithLength ? last_start - kMaxPaddingWithLength : 0;
  for (std::size_t start = first_start; start <= last_start; ++start) {
    const auto here = static_cast<std::uint8_t>(ct::eq(start, plaintext_len));
    for (std::size_t k = 0; k < mac_size; ++k)
      received[k] |= data[start + k] & here;
  }

  // 4. Compare, and only then decide.
  std::size_t diff = 0;
  for (std::size_t k = 0; k < mac_size; ++k)
    diff |= received[k] ^ expected.bytes[k];
  good &= ct::is_zero(diff);
  if (good == 0) fail_bad_record_mac();
  return plaintext_len;
}

}  // namespace tlslab::record::detail

// The initial protection state TLS_NULL_WITH_NULL_NULL (RFC 5246 §6.1): records go out as they
// are, but each still uses up a sequence number, so the numbers are right when a cipher starts.
// (In TLS 1.2 ChangeCipherSpec resets them to 0 anyway, with the new state; counting keeps the
// object honest about what it has seen.)
#include <algorithm>

#include "protection_internal.hpp"

namespace tlslab::record::detail {
namespace {

class NullProtection final : public Protection {
 public:
  explicit NullProtection(std::uint64_t first) : sequence_(first) {}

  std::string_view name() const noexcept override { return "null"; }
  bool is_null() const noexcept override { return true; }

  void seal(ContentType type, std::uint16_t version, ByteView plaintext, Bytes& out) override {
    check_seal_size(name(), plaintext.size());
    (void)sequence_.current();
    const std::size_t at = begin_record(out, type, version, plaintext.size());
    std::copy(plaintext.begin(), plaintext.end(), out.begin() + static_cast<std::ptrdiff_t>(at));
    sequence_.advance();
  }

  MutableByteView open(const Record& record) override {
    (void)sequence_.current();
    check_opened_size(record.fragment.size());
    sequence_.advance();
    return record.fragment;
  }

  std::uint64_t sequence_number() const noexcept override { return sequence_.peek(); }
  std::size_t overhead() const noexcept override { return 0; }

 private:
  SequenceNumber sequence_;
};

}  // namespace

std::unique_ptr<Protection> make_null_protection(std::uint64_t first_sequence_number) {
  return std::make_unique<NullProtection>(first_sequence_number);
}

}  // namespace tlslab::record::detail

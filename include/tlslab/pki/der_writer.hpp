// Writing DER (X.690 §10): the encoders behind the SubjectPublicKeyInfo and PKCS#8 writers, and
// the tests' hand-built certificates. Constructed elements are scopes, as in codec::Writer: the
// body writes the contents and the (minimal, definite) length is inserted when it returns.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>

#include "tlslab/bytes.hpp"
#include "tlslab/pki/der.hpp"
#include "tlslab/pki/oid.hpp"

namespace tlslab::pki::der {

class Writer {
 public:
  explicit Writer(Bytes& out) noexcept : out_(out) {}

  // One element with the given contents.
  void element(Tag tag, ByteView contents);
  // A constructed element whose contents `body(*this)` writes.
  template <class Body>
  void constructed(Tag tag, Body&& body) {
    const std::size_t mark = out_.size();
    std::forward<Body>(body)(*this);
    close(tag, mark);
  }
  template <class Body>
  void sequence(Body&& body) {
    constructed(tags::sequence, std::forward<Body>(body));
  }
  template <class Body>
  void set(Body&& body) {
    constructed(tags::set, std::forward<Body>(body));
  }

  void boolean(bool v);
  // An INTEGER from its two's-complement contents, written as given (must be minimal).
  void integer(ByteView twos_complement);
  // A non-negative INTEGER from an unsigned big-endian magnitude (leading zeros are dropped and
  // a 0x00 sign octet added when the top bit is set).
  void unsigned_integer(ByteView magnitude);
  void small_unsigned(std::uint64_t v);
  void null();
  void oid(Oid oid);
  void oid(OidId id) { oid(Oid::of(id)); }
  void octet_string(ByteView contents) { element(tags::octet_string, contents); }
  void bit_string(ByteView bytes, unsigned unused_bits = 0);
  void string(Tag tag, std::string_view text) { element(tag, view(text)); }
  // UTCTime for 1950-2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5).
  void time(std::int64_t seconds_since_epoch);
  // An already-encoded element.
  void raw(ByteView der) { out_.insert(out_.end(), der.begin(), der.end()); }

  Bytes& buffer() noexcept { return out_; }

 private:
  void close(Tag tag, std::size_t mark);

  Bytes& out_;
};

// Identifier and length octets for an element of `length` contents octets.
Bytes encode_header(Tag tag, std::size_t length);

}  // namespace tlslab::pki::der

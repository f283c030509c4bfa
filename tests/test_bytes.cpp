#include "test_util.hpp"
#include "tlslab/bytes.hpp"

using tlslab::AlertDescription;
using tlslab::Bytes;

TEST_CASE("hex encoding and decoding") {
  CHECK(tlslab::to_hex(Bytes{0x00, 0xab, 0xff}) == "00abff");
  CHECK(tlslab::to_hex(Bytes{}).empty());
  CHECK(tlslab::from_hex("00AB ff\n0a:0B") == (Bytes{0x00, 0xab, 0xff, 0x0a, 0x0b}));
  CHECK_TLS_ERROR(tlslab::from_hex("0g"), AlertDescription::decode_error,
                  "character 'g' at position 1 is not a hex digit");
  CHECK_TLS_ERROR(tlslab::from_hex("abc"), AlertDescription::decode_error, "odd number of digits");
}

TEST_CASE("constant-time equality") {
  CHECK(tlslab::equal_constant_time(Bytes{1, 2, 3}, Bytes{1, 2, 3}));
  CHECK_FALSE(tlslab::equal_constant_time(Bytes{1, 2, 3}, Bytes{1, 2, 4}));
  CHECK_FALSE(tlslab::equal_constant_time(Bytes{1, 2}, Bytes{1, 2, 3}));
  CHECK(tlslab::equal_constant_time(Bytes{}, Bytes{}));
}

TEST_CASE("secure_wipe and SecretBytes") {
  Bytes b{1, 2, 3, 4};
  tlslab::secure_wipe(b.data(), b.size());
  CHECK(b == Bytes(4, 0));
  tlslab::secure_wipe(nullptr, 0);  // allowed
  tlslab::SecretBytes s(64, 0x42);
  s.resize(1000, 0x43);  // reallocation goes through the wiping allocator
  CHECK(s[0] == 0x42);
  CHECK(s[999] == 0x43);
}

TEST_CASE("alert registry names") {
  CHECK(tlslab::alert_label(AlertDescription::handshake_failure) == "handshake_failure");
  CHECK(tlslab::alert_label(AlertDescription::no_application_protocol) ==
        "no_application_protocol");
  CHECK(tlslab::alert_name(50) == std::string_view("decode_error"));
  CHECK_FALSE(tlslab::alert_name(3).has_value());
  CHECK(tlslab::alert_label(static_cast<AlertDescription>(3)) == "unassigned");
  CHECK(tlslab::alert_level_label(tlslab::AlertLevel::fatal) == "fatal");
  CHECK(tlslab::alert_level_label(static_cast<tlslab::AlertLevel>(9)) == "unassigned");
}

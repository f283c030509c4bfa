// The seeds of the per-role handshake fuzz targets (fuzz/corpus/client, fuzz/corpus/server, made
// by fuzz/make_handshake_seeds.cpp) are only useful if they replay to the end of the handshake
// through the same harness the fuzzers use: check that every one does, and that the harness's
// role really checks what it is fed (a corrupted Finished flight fails with an alert).
#include <filesystem>

#include "../test_util.hpp"

#define TLSLAB_FUZZ_PKI_DIR TLSLAB_SOURCE_DIR "/tests/data/captures/pki"
#include "../../fuzz/handshake_fixture.hpp"

using namespace tlslab;
using namespace tlslab::fuzz;
using tlslab::test::hex;

namespace {

std::vector<std::pair<std::string, Bytes>> seeds(const std::string& role) {
  std::vector<std::pair<std::string, Bytes>> out;
  const auto dir = std::filesystem::path(TLSLAB_SOURCE_DIR) / "fuzz" / "corpus" / role;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    out.emplace_back(entry.path().filename().string(),
                     Bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()});
  }
  return out;
}

void check_role(Role role, const std::string& dir) {
  const auto all = seeds(dir);
  REQUIRE(all.size() >= 11);
  for (const auto& entry : all) {
    const std::string& name = entry.first;  // (clang 14 cannot capture structured bindings)
    const Bytes& seed = entry.second;
    CAPTURE(name);
    const auto outcome = run_input(role, seed);
    CHECK_MESSAGE(outcome.complete, outcome.error);
    CHECK_FALSE(outcome.failed);
    CHECK(std::string(outcome.application_data.begin(), outcome.application_data.end()) ==
          "hello from the peer");

    // The flight with the peer's Finished is the one before the last (data) frame; its last
    // byte is inside the Finished record's tag or MAC. Flipped, the role must refuse.
    const auto frames = parse_frames(seed);
    REQUIRE(frames.size() >= 3);
    Bytes corrupted;
    for (std::size_t i = 0; i < frames.size(); ++i) {
      Bytes bytes(frames[i].bytes.begin(), frames[i].bytes.end());
      if (i + 2 == frames.size()) bytes.back() ^= 1;
      append_frame(corrupted, frames[i].chunk, bytes);
    }
    const auto bad = run_input(role, corrupted);
    CHECK_FALSE(bad.complete);
    CHECK(bad.failed);
    CHECK(bad.alert == AlertDescription::bad_record_mac);
    CHECK(bad.application_data.empty());
  }
}

}  // namespace

TEST_CASE("client fuzz seeds replay to the end of the handshake") {
  check_role(Role::client, "client");
}

TEST_CASE("server fuzz seeds replay to the end of the handshake") {
  check_role(Role::server, "server");
}

TEST_CASE("fuzz input framing: chunk, length, bytes; a short tail is one last frame") {
  const Bytes input = hex("00 0002 aabb 05 0009 cc0101");  // frames are views into the input
  const auto frames = parse_frames(input);
  REQUIRE(frames.size() == 2);
  CHECK(frames[0].chunk == 0);
  CHECK(Bytes(frames[0].bytes.begin(), frames[0].bytes.end()) == hex("aabb"));
  CHECK(frames[1].chunk == 5);  // the length says 9: the frame takes what is left
  CHECK(Bytes(frames[1].bytes.begin(), frames[1].bytes.end()) == hex("cc0101"));

  const Bytes short_tail = hex("00 0001 aa 0700");
  const auto tail = parse_frames(short_tail);
  REQUIRE(tail.size() == 2);
  CHECK(tail[1].chunk == 0);
  CHECK(Bytes(tail[1].bytes.begin(), tail[1].bytes.end()) == hex("0700"));
}

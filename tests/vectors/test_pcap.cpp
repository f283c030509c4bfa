// `tlslab vector from-pcap` (issue 7, item 4) on the captures of tests/data/pcap/make.sh (real
// curl <-> openssl s_server connections captured by tcpdump, with curl's SSLKEYLOGFILE): every
// TLS connection converts to a vector that replays green; what the conversion reads (ports,
// packets, bytes, randoms, SNI) equals what tshark read into manifest.json; the same frames under
// every other link type give the same vector; TCP reassembly on synthetic segments (out of
// order, retransmitted, overlapping, sequence wrap-around, gaps, limits); header errors name the
// packet and the field; a truncated file and a wrong key log are reported.
#include <doctest/doctest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "../test_util.hpp"
#include "tlslab/crypto/default_provider.hpp"
#include "tlslab/pki/x509.hpp"
#include "tlslab/vectors/pcap.hpp"
#include "tlslab/vectors/replay.hpp"

using namespace tlslab;
namespace pcap = vectors::pcap;
using vectors::Direction;

namespace {

std::string pcap_dir(const std::string& f) {
  return test::data_path("pcap/" + f).string();
}

nlohmann::json manifest() {
  return nlohmann::json::parse(test::read_text(test::data_path("pcap/manifest.json")));
}

std::vector<Bytes> trust_anchors() {
  std::vector<Bytes> out;
  const std::string pem = test::read_text(test::data_path("captures/pki/ca.pem"));
  for (const auto& cert : pki::load_certificates(view(pem))) {
    out.emplace_back(cert.der().begin(), cert.der().end());
  }
  return out;
}

vectors::ReplayReport replay(const vectors::Vector& v) {
  static auto provider = crypto::make_default_provider();
  return vectors::replay(v, *provider);
}

vectors::Vector convert(const pcap::Capture& capture, const pcap::TlsConnection& c,
                        const std::string& keylog_file, bool anchors = true) {
  const auto lines = pcap::parse_keylog(test::read_text(test::data_path("pcap/" + keylog_file)));
  pcap::VectorOptions o;
  o.name = "test";
  o.capture_file = capture.file;
  o.keylog = pcap::select_keylog(lines, c.client_random);
  if (anchors) o.trust_anchors = trust_anchors();
  return pcap::to_vector(capture, c, o);
}

// ---- a classic pcap file (the format tcpdump writes), to re-encapsulate real frames ----------

struct Frame {
  std::uint32_t seconds = 0;
  Bytes data;
};

std::uint32_t le32(const std::string& s, std::size_t at) {
  return static_cast<std::uint8_t>(s[at]) | (static_cast<std::uint8_t>(s[at + 1]) << 8) |
         (static_cast<std::uint8_t>(s[at + 2]) << 16) |
         (std::uint32_t{static_cast<std::uint8_t>(s[at + 3])} << 24);
}

// The frames of a little-endian classic pcap file (the global header is 24 bytes, each record
// header 16: seconds, microseconds, captured length, original length).
std::vector<Frame> read_frames(const std::string& file) {
  const std::string s = test::read_text(test::data_path("pcap/" + file));
  REQUIRE(le32(s, 0) == 0xa1b2c3d4);
  std::vector<Frame> out;
  for (std::size_t at = 24; at + 16 <= s.size();) {
    const std::uint32_t caplen = le32(s, at + 8);
    Frame f;
    f.seconds = le32(s, at);
    f.data.assign(s.begin() + static_cast<std::ptrdiff_t>(at + 16),
                  s.begin() + static_cast<std::ptrdiff_t>(at + 16 + caplen));
    out.push_back(std::move(f));
    at += 16 + caplen;
  }
  return out;
}

void put32(std::string& s, std::uint32_t v) {
  for (int i = 0; i < 4; ++i)
    s += static_cast<char>((v >> (8 * i)) & 0xff);
}

std::string write_pcap(int link_type, const std::vector<Frame>& frames) {
  std::string s;
  put32(s, 0xa1b2c3d4);
  s += std::string("\x02\x00\x04\x00", 4);  // version 2.4
  put32(s, 0);
  put32(s, 0);
  put32(s, 262144);  // snapshot length
  put32(s, static_cast<std::uint32_t>(link_type));
  for (const auto& f : frames) {
    put32(s, f.seconds);
    put32(s, 0);
    put32(s, static_cast<std::uint32_t>(f.data.size()));
    put32(s, static_cast<std::uint32_t>(f.data.size()));
    s.append(f.data.begin(), f.data.end());
  }
  return s;
}

// Reads a capture from memory, as the fuzz target does.
pcap::Capture from_memory(const std::string& bytes, pcap::TcpStream::Limits limits = {}) {
  return pcap::read_capture(view(bytes), "memory.pcap", limits);
}

// A fixture file of tests/data/pcap.
pcap::Capture read_pcap(const std::string& path) {
  return pcap::read_capture(view(test::read_text(path)), path);
}

std::vector<std::vector<Bytes>> flights_of(const vectors::Vector& v) {
  std::vector<std::vector<Bytes>> out;
  for (const auto& f : v.flights)
    out.push_back(f.records);
  return out;
}

// An Ethernet frame's payload under another link type's header.
Frame reencapsulate(const Frame& f, const Bytes& header) {
  Frame out{f.seconds, header};
  out.data.insert(out.data.end(), f.data.begin() + 14, f.data.end());
  return out;
}

}  // namespace

TEST_CASE("pcap: every TLS connection of the fixtures converts and replays green") {
  const auto m = manifest();
  std::size_t converted = 0;
  for (const auto& entry : m["captures"]) {
    const std::string file = entry["file"];
    CAPTURE(file);
    const auto capture = read_pcap(pcap_dir(file));
    CHECK(capture.packets == entry["packets"].get<std::size_t>());
    CHECK(capture.link_type == (entry["link_type"] == "ether" ? "EN10MB" : "LINUX_SLL2"));
    const auto tls = pcap::tls_connections(capture);
    REQUIRE(tls.size() == entry["connections"].size());
    for (std::size_t i = 0; i < tls.size(); ++i) {
      CAPTURE(i);
      const auto& c = tls[i];
      const auto& ref = entry["connections"][i];
      // What tshark read from the same file.
      CHECK(c.client_endpoint().port == ref["client_port"].get<int>());
      CHECK(c.server_endpoint().port == ref["server_port"].get<int>());
      CHECK(c.client_endpoint().ipv6 == (entry["ip"][i] == 6));
      CHECK(c.packets(Direction::client) == ref["packets"][0].get<std::size_t>());
      CHECK(c.packets(Direction::server) == ref["packets"][1].get<std::size_t>());
      CHECK(c.bytes(Direction::client) == ref["payload"][0].get<std::uint64_t>());
      CHECK(c.bytes(Direction::server) == ref["payload"][1].get<std::uint64_t>());
      REQUIRE(c.client_random.has_value());
      REQUIRE(c.server_random.has_value());
      CHECK(to_hex(*c.client_random) == ref["client_random"].get<std::string>());
      CHECK(to_hex(*c.server_random) == ref["server_random"].get<std::string>());
      CHECK(c.server_name == ref["sni"].get<std::string>());

      const auto v = convert(capture, c, entry["keylog"]);
      // This connection's CLIENT_RANDOM line, and OpenSSL's RSA line for static RSA.
      CHECK(pcap::keylog_has(v.keylog, c.client_random));
      CHECK(v.keylog.size() == (entry.contains("client_certificate") ? 2 : 1));
      CHECK(v.captured_at == c.tcp->first_seconds);
      CHECK(v.server_name == "localhost");
      CHECK(v.client.producer == "pcap");
      CHECK(v.client.config["link_type"] == capture.link_type);
      CHECK(v.flights.front().direction == Direction::client);
      const auto r = replay(v);
      if (r.divergence) FAIL_CHECK(r.divergence->text());
      CHECK(r.finished_verified == 2);
      CHECK(r.server_chain.find("CN=tlslab test CA") != std::string::npos);
      CHECK(r.server_application_data.find("hello from tlslab") != std::string::npos);
      if (entry.contains("client_certificate")) {
        // curl's OpenSSL sends the --cert leaf and completes the chain with the CA.
        const auto leaf = pki::load_certificates(
            view(test::read_text(test::data_path("captures/pki/client-rsa.pem"))));
        REQUIRE(v.client_certificates.size() == 2);
        CHECK(v.client_certificates[0] == test::copy(leaf.at(0).der()));
        CHECK(v.client_certificates[1] == trust_anchors().at(0));
        CHECK(r.client_chain.find("CN=tlslab test CA") != std::string::npos);
        CHECK(r.certificate_verify_verified);
        CHECK(r.suite == 0x009c);  // TLS_RSA_WITH_AES_128_GCM_SHA256
      } else {
        CHECK(r.server_key_exchange_verified);
      }
      ++converted;
    }
  }
  CHECK(converted == 5);
}

TEST_CASE("pcap: --list lines name the endpoints, packets, bytes, SNI and the key log") {
  const auto capture = read_pcap(pcap_dir("multi.pcapng"));
  const auto tls = pcap::tls_connections(capture);
  REQUIRE(tls.size() == 3);
  const auto lines = pcap::parse_keylog(test::read_text(test::data_path("pcap/multi.keylog")));
  const auto ref = manifest()["captures"][2]["connections"];
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& r = ref[i];
    const std::string host = i < 2 ? "127.0.0.1:" : "[::1]:";
    const std::string expected = std::to_string(i) + "  " + host +
                                 std::to_string(r["client_port"].get<int>()) + " -> " + host +
                                 std::to_string(r["server_port"].get<int>()) + "  packets " +
                                 std::to_string(r["packets"][0].get<int>()) + "/" +
                                 std::to_string(r["packets"][1].get<int>()) + "  bytes " +
                                 std::to_string(r["payload"][0].get<int>()) + "/" +
                                 std::to_string(r["payload"][1].get<int>()) + "  sni localhost";
    CHECK(pcap::describe(tls[i]) == expected);
    CHECK(pcap::describe(tls[i], &lines) == expected + "  key log: yes");
  }
  const std::vector<std::string> other =
      pcap::parse_keylog(test::read_text(test::data_path("pcap/ecdhe-rsa.keylog")));
  CHECK(pcap::describe(tls[0], &other).ends_with("  key log: no"));
}

TEST_CASE("pcap: the same frames under every link type give the same vector") {
  const auto frames = read_frames("ecdhe-rsa.pcap");
  const auto reference = read_pcap(pcap_dir("ecdhe-rsa.pcap"));
  const auto ref_tls = pcap::tls_connections(reference);
  REQUIRE(ref_tls.size() == 1);
  const auto ref_flights = flights_of(convert(reference, ref_tls[0], "ecdhe-rsa.keylog"));

  struct Case {
    int link_type;
    Bytes header;
    const char* name;
  };
  const Case cases[] = {
      {101, {}, "RAW"},             // LINKTYPE_RAW
      {0, {2, 0, 0, 0}, "NULL"},    // AF_INET, little-endian writer
      {0, {0, 0, 0, 2}, "NULL"},    // AF_INET, big-endian writer
      {108, {0, 0, 0, 2}, "LOOP"},  // network order
      {113,
       test::hex("0000030400060000000000000000"
                 "0800"),
       "LINUX_SLL"},
      {276,
       test::hex("0800"
                 "0000"
                 "00000001"
                 "0304"
                 "00"
                 "06"
                 "0000000000000000"),
       "LINUX_SLL2"},
  };
  for (const auto& k : cases) {
    CAPTURE(k.name);
    std::vector<Frame> out;
    for (const auto& f : frames)
      out.push_back(reencapsulate(f, k.header));
    const auto capture = from_memory(write_pcap(k.link_type, out));
    CHECK(capture.link_type == k.name);
    const auto tls = pcap::tls_connections(capture);
    REQUIRE(tls.size() == 1);
    CHECK(flights_of(convert(capture, tls[0], "ecdhe-rsa.keylog")) == ref_flights);
  }

  SUBCASE("VLAN tags, ARP and UDP frames are skipped or stripped") {
    std::vector<Frame> out;
    // ARP (ethertype 0x0806) and an IPv4 UDP datagram between them: not TCP.
    Frame arp{0, test::hex("ffffffffffff000000000001"
                           "0806"
                           "0001080006040001")};
    Frame udp{0, test::hex("000000000000000000000000"
                           "0800"
                           "4500001c00000000401100007f0000017f000001"
                           "00350035000800ff")};
    for (std::size_t i = 0; i < frames.size(); ++i) {
      Frame f = frames[i];
      if (i % 2 == 0) {  // 802.1Q tag after the addresses
        const Bytes tag = test::hex("81000005");
        f.data.insert(f.data.begin() + 12, tag.begin(), tag.end());
      }
      out.push_back(f);
      if (i == 3) out.push_back(arp);
      if (i == 5) out.push_back(udp);
    }
    const auto capture = from_memory(write_pcap(1, out));
    CHECK(capture.skipped_not_tcp == 2);
    CHECK(capture.packets == frames.size() + 2);
    const auto tls = pcap::tls_connections(capture);
    REQUIRE(tls.size() == 1);
    CHECK(flights_of(convert(capture, tls[0], "ecdhe-rsa.keylog")) == ref_flights);
  }
}

TEST_CASE("pcap: a lost server packet is a gap naming the connection, seq and offset") {
  const auto frames = read_frames("ecdhe-rsa.pcap");
  // Find the server's SYN-ACK and its first data packet with our own header parser.
  std::optional<std::uint32_t> server_isn;
  std::size_t dropped = 0;
  std::uint32_t dropped_seq = 0;
  for (std::size_t i = 0; i < frames.size() && dropped == 0; ++i) {
    const auto seg = pcap::parse_frame(1, frames[i].data, i + 1).segment;
    REQUIRE(seg.has_value());
    if ((seg->flags & pcap::kTcpSyn) && (seg->flags & pcap::kTcpAck)) server_isn = seg->seq;
    // The server is the sender of the SYN-ACK (frame 2); its first data packet is dropped.
    if (server_isn && !seg->payload.empty() &&
        seg->source == pcap::parse_frame(1, frames[1].data, 2).segment->source) {
      dropped = i;
      dropped_seq = seg->seq;
    }
  }
  REQUIRE(dropped > 0);
  std::vector<Frame> out;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    if (i != dropped) out.push_back(frames[i]);
  }
  const auto capture = from_memory(write_pcap(1, out));
  const auto tls = pcap::tls_connections(capture);
  REQUIRE(tls.size() == 1);
  const std::string expected = "the capture lost bytes at seq " + std::to_string(dropped_seq) +
                               " of the server->client stream (stream offset " +
                               std::to_string(dropped_seq - (*server_isn + 1)) + ")";
  CHECK_TLS_ERROR(convert(capture, tls[0], "ecdhe-rsa.keylog"), AlertDescription::decode_error,
                  expected);
  CHECK_TLS_ERROR(convert(capture, tls[0], "ecdhe-rsa.keylog"), AlertDescription::decode_error,
                  "connection 0 (127.0.0.1:");
}

TEST_CASE("pcap: a truncated file names the packet libpcap could not read") {
  const std::string whole = test::read_text(test::data_path("pcap/ecdhe-rsa.pcap"));
  const auto frames = read_frames("ecdhe-rsa.pcap");
  // Cut in the middle of the 4th packet's data.
  std::size_t at = 24;
  for (int i = 0; i < 3; ++i)
    at += 16 + frames[static_cast<std::size_t>(i)].data.size();
  const std::string cut = whole.substr(0, at + 16 + 10);
  CHECK_TLS_ERROR(from_memory(cut), AlertDescription::decode_error,
                  "memory.pcap: packet 4: truncated dump file");
  CHECK_TLS_ERROR(from_memory(whole.substr(0, 10)), AlertDescription::decode_error,
                  "memory.pcap: ");
}

TEST_CASE("pcap: a key log without this connection's line builds, and replay says no key") {
  const auto capture = read_pcap(pcap_dir("ecdhe-rsa.pcap"));
  const auto tls = pcap::tls_connections(capture);
  REQUIRE(tls.size() == 1);
  const auto v = convert(capture, tls[0], "multi.keylog");
  CHECK(v.keylog.empty());
  const auto r = replay(v);
  REQUIRE(r.divergence.has_value());
  CHECK(r.divergence->text().find("secrets.keylog: no CLIENT_RANDOM line for client_random " +
                                  to_hex(*tls[0].client_random)) != std::string::npos);
}

TEST_CASE("pcap: key-log files") {
  const std::string text =
      "# comment\n\nCLIENT_HANDSHAKE_TRAFFIC_SECRET aa bb\r\n"
      "CLIENT_RANDOM " +
      std::string(64, 'A') + " " + std::string(96, '1') +
      "\r\n"
      "RSA 0011223344556677 " +
      std::string(96, '2') + "\n";
  const auto lines = pcap::parse_keylog(text);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "CLIENT_RANDOM " + std::string(64, 'a') + " " + std::string(96, '1'));
  std::array<std::uint8_t, 32> cr{};
  cr.fill(0xaa);
  CHECK(pcap::keylog_has(lines, cr));
  CHECK(pcap::select_keylog(lines, cr).size() == 2);
  cr[0] = 0;
  CHECK_FALSE(pcap::keylog_has(lines, cr));
  CHECK(pcap::select_keylog(lines, cr) == std::vector<std::string>{lines[1]});
  CHECK_TLS_ERROR(pcap::parse_keylog("# x\nCLIENT_RANDOM 00 11\n"), AlertDescription::decode_error,
                  "key log line 2 (CLIENT_RANDOM): expected 32 and 48 bytes of hex, got 1 and 1");
  CHECK_TLS_ERROR(pcap::parse_keylog("RSA 0011\n"), AlertDescription::decode_error,
                  "key log line 1 (RSA): expected 2 fields after the label");
  CHECK_TLS_ERROR(pcap::parse_keylog("CLIENT_RANDOM zz 00\n"), AlertDescription::decode_error,
                  "key log line 1 (CLIENT_RANDOM): ");
}

// ---- TCP reassembly on synthetic segments ---------------------------------------------------

namespace {
Bytes counting(std::size_t from, std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i)
    b[i] = static_cast<std::uint8_t>(from + i);
  return b;
}
}  // namespace

TEST_CASE("tcp reassembly: out of order, retransmitted, overlapping") {
  const Bytes all = counting(0, 100);
  const std::uint32_t isn = 1000;
  pcap::TcpStream s;
  CHECK(s.add(isn, pcap::kTcpSyn, {}, 0, 1) == 0);
  const ByteView v(all);
  // Segments [0,10) [30,50) [10,30) arrive as [30,50) first: held, then delivered together.
  CHECK(s.add(isn + 1 + 30, pcap::kTcpAck, v.subspan(30, 20), 0, 2) == 0);
  CHECK(s.buffered() == 20);
  CHECK(s.gap() == 0u);  // the hole at 0 is not filled yet
  CHECK(s.add(isn + 1, pcap::kTcpAck, v.subspan(0, 10), 0, 3) == 10);
  CHECK(s.add(isn + 1 + 10, pcap::kTcpAck, v.subspan(10, 20), 0, 4) == 40);
  CHECK(s.buffered() == 0);
  CHECK_FALSE(s.gap().has_value());
  // A retransmission of [10,30) and a duplicate SYN: nothing new.
  CHECK(s.add(isn + 1 + 10, pcap::kTcpAck, v.subspan(10, 20), 0, 5) == 0);
  CHECK(s.add(isn, pcap::kTcpSyn, {}, 0, 6) == 0);
  CHECK(s.duplicate_bytes() == 20);
  // Overlapping: [40,60) brings 10 new bytes; held [70,80) and [75,90) overlap each other.
  CHECK(s.add(isn + 1 + 40, pcap::kTcpAck, v.subspan(40, 20), 0, 7) == 10);
  CHECK(s.add(isn + 1 + 70, pcap::kTcpAck, v.subspan(70, 10), 0, 8) == 0);
  CHECK(s.add(isn + 1 + 75, pcap::kTcpAck, v.subspan(75, 15), 0, 9) == 0);
  CHECK(s.add(isn + 1 + 55, pcap::kTcpAck, v.subspan(55, 20), 0, 10) == 30);
  CHECK(s.add(isn + 1 + 90, pcap::kTcpFin, v.subspan(90, 10), 0, 11) == 10);
  CHECK(s.data() == all);
  CHECK(s.contiguous() == 100);
  CHECK_FALSE(s.gap().has_value());
  CHECK(s.syn_seen());
}

TEST_CASE("tcp reassembly: sequence numbers wrapping around 2^32") {
  const Bytes all = counting(7, 64);
  const ByteView v(all);
  const std::uint32_t isn = 0xffffffe0u;  // offset 31 is seq 0
  pcap::TcpStream s;
  s.add(isn, pcap::kTcpSyn, {}, 0, 1);
  CHECK(s.add(isn + 1 + 40, pcap::kTcpAck, v.subspan(40, 24), 0, 2) == 0);  // seq 9, held
  CHECK(s.add(isn + 1, pcap::kTcpAck, v.subspan(0, 20), 0, 3) == 20);
  CHECK(s.add(isn + 1 + 20, pcap::kTcpAck, v.subspan(20, 20), 0, 4) == 44);  // crosses 2^32
  CHECK(s.add(isn + 1 + 10, pcap::kTcpAck, v.subspan(10, 30), 0, 5) == 0);   // retransmitted
  CHECK(s.data() == all);
  CHECK(s.seq_at(31) == 0u);
  CHECK(s.seq_at(64) == 33u);
}

TEST_CASE("tcp reassembly: gaps") {
  const Bytes all = counting(0, 60);
  const ByteView v(all);
  SUBCASE("a hole never filled") {
    pcap::TcpStream s;
    // No SYN in the capture: the first payload is offset 0.
    s.add(5000, pcap::kTcpAck, v.subspan(0, 10), 0, 1);
    s.add(5020, pcap::kTcpAck, v.subspan(20, 10), 0, 2);
    CHECK_FALSE(s.syn_seen());
    CHECK(s.gap() == 10u);
    CHECK(s.seq_at(10) == 5010u);
    CHECK(s.data().size() == 10);
  }
  SUBCASE("bytes beyond the snapshot length") {
    pcap::TcpStream s;
    s.add(99, pcap::kTcpSyn, {}, 0, 1);
    s.add(100, pcap::kTcpAck, v.subspan(0, 10), 5, 2);  // 15 on the wire, 10 captured
    CHECK(s.gap() == 10u);
    // A retransmission captured whole fills it: no gap any more.
    s.add(100, pcap::kTcpAck, v.subspan(0, 20), 0, 3);
    CHECK_FALSE(s.gap().has_value());
    CHECK(s.contiguous() == 20);
  }
  SUBCASE("the out-of-order limit ends the stream at its hole") {
    pcap::TcpStream s(pcap::TcpStream::Limits{16, 1 << 20});
    s.add(0, pcap::kTcpAck, v.subspan(0, 10), 0, 1);
    s.add(20, pcap::kTcpAck, v.subspan(20, 10), 0, 2);
    CHECK(s.buffered() == 10);
    s.add(30, pcap::kTcpAck, v.subspan(30, 10), 0, 3);  // 20 held > 16
    CHECK(s.buffered() == 0);
    CHECK(s.add(10, pcap::kTcpAck, v.subspan(10, 10), 0, 4) == 0);
    CHECK(s.gap() == 10u);
  }
  SUBCASE("the stream limit keeps a prefix and marks the rest") {
    pcap::TcpStream s(pcap::TcpStream::Limits{1 << 20, 25});
    s.add(0, pcap::kTcpAck, v.subspan(0, 20), 0, 1);
    s.add(20, pcap::kTcpAck, v.subspan(20, 20), 0, 2);
    CHECK(s.contiguous() == 40);
    CHECK(s.data() == test::copy(v.subspan(0, 25)));
    CHECK(s.truncated());
  }
}

// ---- header parsing ---------------------------------------------------------------------------

TEST_CASE("pcap headers: IPv6 extension headers, fragments and malformed headers") {
  const Bytes tcp = test::hex(
      "1f90c350"
      "00000064"
      "00000000"
      "5018ffff"
      "00000000"
      "abcd");
  auto ipv6 = [&tcp](std::uint8_t next, const Bytes& ext) {
    Bytes p = test::hex("60000000");
    const std::size_t len = ext.size() + tcp.size();
    p.push_back(static_cast<std::uint8_t>(len >> 8));
    p.push_back(static_cast<std::uint8_t>(len));
    p.push_back(next);
    p.push_back(64);
    const Bytes addr = test::hex("00000000000000000000000000000001");
    p.insert(p.end(), addr.begin(), addr.end());
    p.insert(p.end(), addr.begin(), addr.end());
    p.insert(p.end(), ext.begin(), ext.end());
    p.insert(p.end(), tcp.begin(), tcp.end());
    return p;
  };
  // Hop-by-Hop (8 bytes) -> Destination Options (16 bytes) -> TCP.
  const Bytes ext = test::hex(
      "3c00010400000000"
      "0601000000000000"
      "0000000000000000");
  const auto r = pcap::parse_frame(101, ipv6(0, ext), 3);
  REQUIRE(r.segment.has_value());
  CHECK(r.segment->source.text() == "[::1]:8080");
  CHECK(r.segment->destination.port == 50000);
  CHECK(r.segment->seq == 100u);
  CHECK(test::copy(r.segment->payload) == test::hex("abcd"));
  // A Fragment header with offset 8: skipped as a fragment; an atomic one (offset 0, M=0) is not.
  CHECK(pcap::parse_frame(101, ipv6(44, test::hex("0600004000000001")), 4).skipped ==
        pcap::Skip::ip_fragment);
  CHECK(pcap::parse_frame(101, ipv6(44, test::hex("0600000000000001")), 5).segment.has_value());
  CHECK(pcap::parse_frame(101, ipv6(50, {}), 6).skipped == pcap::Skip::ipsec);
  // An extension header running past the packet.
  CHECK_TLS_ERROR(pcap::parse_frame(101, ipv6(0, test::hex("06ff")), 7),
                  AlertDescription::decode_error, "packet 7: IPv6 header.extension.data: needs");

  const Bytes v4 = test::hex("4300002800000000400600007f0000017f000001");
  CHECK_TLS_ERROR(pcap::parse_frame(101, v4, 9), AlertDescription::decode_error,
                  "packet 9: IPv4 header.ihl: 3 words, below the minimum of 5");
  Bytes short_tcp = test::hex("4500002800000000400600007f0000017f000001");
  const Bytes bad_tcp = test::hex("1f90c350000000640000000030180000000000000000");
  short_tcp.insert(short_tcp.end(), bad_tcp.begin(), bad_tcp.end());
  short_tcp[3] = static_cast<std::uint8_t>(short_tcp.size());
  CHECK_TLS_ERROR(pcap::parse_frame(101, short_tcp, 10), AlertDescription::decode_error,
                  "packet 10: TCP header.data_offset: 3 words, below the minimum of 5");
  CHECK_TLS_ERROR(pcap::parse_frame(1, test::hex("0000"), 11), AlertDescription::decode_error,
                  "packet 11: link-layer header.destination and source addresses: needs 12 bytes");
  CHECK_TLS_ERROR(pcap::CaptureBuilder("x.pcap", 147), AlertDescription::decode_error,
                  "x.pcap: link type 147 is not supported");
}

// Captures as vectors (issue 7, item 4): a pcap or pcapng file (read with libpcap) and an NSS
// key log become a vector (vector.hpp) of one TLS connection in it. Our own code is the part
// that needs a fuzzer: link-layer, IPv4/IPv6 and TCP header parsing on views into libpcap's
// buffers, and a TCP reassembler per connection and direction. Every error is
// Error(decode_error, ...) naming the packet number (1-based, as Wireshark numbers them) and the
// field, or the connection and stream offset for bytes the capture lost.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/vectors/vector.hpp"

namespace tlslab::vectors::pcap {

// ---- link, IP and TCP headers (pcap_headers.cpp) --------------------------------------------

struct Endpoint {
  bool ipv6 = false;
  std::array<std::uint8_t, 16> address{};  // IPv4 in the first 4 bytes
  std::uint16_t port = 0;
  // "127.0.0.1:4433", "[::1]:4433"
  std::string text() const;
  auto operator<=>(const Endpoint&) const = default;
};

// TCP flags (RFC 9293 §3.1) the reassembler uses.
inline constexpr std::uint8_t kTcpFin = 0x01;
inline constexpr std::uint8_t kTcpSyn = 0x02;
inline constexpr std::uint8_t kTcpRst = 0x04;
inline constexpr std::uint8_t kTcpAck = 0x10;

struct TcpSegment {
  Endpoint source;
  Endpoint destination;
  std::uint32_t seq = 0;
  std::uint8_t flags = 0;
  ByteView payload;              // the captured part of the payload (a view into the frame)
  std::size_t payload_lost = 0;  // payload bytes the IP length announces beyond the snapshot
};

// Why a frame carried no TCP segment of use (counted, and shown by --list).
enum class Skip { not_ip, not_tcp, ip_fragment, ipsec };

// One captured frame of link type `link_type` (a LINKTYPE_/DLT_ value: Ethernet, Linux cooked
// v1/v2, BSD null and loop, raw IP). Either a TCP segment, or why it was skipped; malformed
// headers throw Error(decode_error, "packet N: IPv4 header: ..."). Supported link types are
// checked by link_type_name() first.
struct FrameResult {
  std::optional<TcpSegment> segment;
  std::optional<Skip> skipped;
};
FrameResult parse_frame(int link_type, ByteView frame, std::size_t packet_number);
// "EN10MB", "LINUX_SLL2", ...; std::nullopt for a link type we cannot parse.
std::optional<std::string> link_type_name(int link_type);

// ---- TCP reassembly (pcap_tcp.cpp) ------------------------------------------------------------

// One direction of a TCP connection as a byte stream (RFC 9293 §3.4, §3.10.7.4): sequence
// numbers unwrapped to 64-bit stream offsets (offset 0 = the first byte after the SYN, or the
// first payload byte seen when the capture has no SYN), retransmitted and duplicate bytes
// dropped, out-of-order segments held until the hole before them is filled, overlaps trimmed to
// the new bytes. What the capture never got (a hole never filled, bytes beyond the snapshot
// length) is a gap: the stream ends there.
class TcpStream {
 public:
  struct Limits {
    std::size_t max_out_of_order = 4u << 20;  // bytes held ahead of a hole
    std::size_t max_stream = 64u << 20;       // bytes kept; beyond, only counted
  };
  TcpStream() = default;
  explicit TcpStream(Limits limits) : limits_(limits) {}

  // Adds a segment; returns how many new bytes became contiguous. `lost` = payload bytes that
  // followed `payload` on the wire but are not in the capture.
  std::size_t add(std::uint32_t seq, std::uint8_t flags, ByteView payload, std::size_t lost,
                  std::size_t packet_number);

  const Bytes& data() const noexcept { return data_; }  // contiguous bytes from offset 0
  std::uint64_t contiguous() const noexcept { return next_; }
  // The first stream offset the capture lost, if any (checked at the end of the capture too:
  // bytes still held behind a hole mean the hole was never filled).
  std::optional<std::uint64_t> gap() const;
  // The sequence number of a stream offset (for messages: Wireshark shows sequence numbers).
  std::uint32_t seq_at(std::uint64_t offset) const noexcept {
    return static_cast<std::uint32_t>(base_ + offset);
  }
  bool syn_seen() const noexcept { return syn_; }
  bool truncated() const noexcept { return next_ > data_.size(); }  // above max_stream
  std::size_t duplicate_bytes() const noexcept { return duplicates_; }
  std::size_t buffered() const noexcept { return buffered_; }

 private:
  void deliver(ByteView bytes);
  void drain();

  Limits limits_;
  bool started_ = false;  // base_ is known
  bool syn_ = false;
  std::uint32_t base_ = 0;  // sequence number of offset 0
  std::uint64_t next_ = 0;  // first offset not yet contiguous
  Bytes data_;
  std::map<std::uint64_t, Bytes> pending_;  // out-of-order segments by offset
  std::size_t buffered_ = 0;
  std::size_t duplicates_ = 0;
  std::optional<std::uint64_t> lost_at_;
  bool overflow_ = false;  // max_out_of_order reached: the stream ends at next_
};

// ---- connections in a capture (pcap_capture.cpp, pcap_file.cpp) ------------------------------

enum class Side { a, b };  // a: the source of the connection's first packet

struct Connection {
  Endpoint a, b;
  std::array<TcpStream, 2> streams;  // [0]: a -> b, [1]: b -> a
  std::array<std::size_t, 2> packets{};
  std::array<std::uint64_t, 2> payload_bytes{};  // as captured, retransmissions included
  std::optional<Side> syn_sender;                // the side that sent a SYN without ACK
  std::int64_t first_seconds = 0;                // timestamp of the first packet
  std::size_t first_packet = 0;
  // Direction runs in capture order: each the side and the contiguous end of its stream after
  // the last packet of the run. Flights are cut from them (pcap_vector.cpp).
  struct Run {
    Side side;
    std::uint64_t end;
  };
  std::vector<Run> runs;
};

struct Capture {
  std::string file;       // as given
  std::string link_type;  // link_type_name()
  std::size_t packets = 0;
  std::size_t skipped_not_tcp = 0;      // not IP, not TCP
  std::size_t skipped_fragments = 0;    // IP fragments (not reassembled) and IPsec
  std::vector<Connection> connections;  // in order of their first packet
};

// Builds the connections of a capture packet by packet. The file readers use it; tests feed it
// frames directly.
class CaptureBuilder {
 public:
  CaptureBuilder(std::string file, int link_type, TcpStream::Limits limits = {});
  void add_frame(ByteView frame, std::int64_t seconds);
  Capture finish() &&;

 private:
  Capture capture_;
  int link_type_;
  TcpStream::Limits limits_;
  std::map<std::pair<Endpoint, Endpoint>, std::size_t> by_tuple_;  // (src, dst) -> connection
};

// Reads a pcap or pcapng file's bytes with libpcap; `name` (the file's) is used in messages.
// Malformed: Error(decode_error, "NAME: packet N: <libpcap's or our message>").
Capture read_capture(ByteView file, const std::string& name, TcpStream::Limits limits = {});
// "libpcap version 1.10.3 (with TPACKET_V3)": the provenance of converted vectors.
std::string libpcap_version();

// ---- TLS connections and vectors (pcap_tls.cpp, pcap_vector.cpp) ----------------------------

// A connection whose client's first bytes are a TLS handshake record starting a ClientHello.
struct TlsConnection {
  std::size_t index = 0;  // among the capture's TLS connections, from 0
  const Connection* tcp = nullptr;
  Side client = Side::a;  // the SYN sender, else the side that sent the ClientHello
  Endpoint client_endpoint() const { return client == Side::a ? tcp->a : tcp->b; }
  Endpoint server_endpoint() const { return client == Side::a ? tcp->b : tcp->a; }
  const TcpStream& client_stream() const { return tcp->streams[client == Side::a ? 0 : 1]; }
  const TcpStream& server_stream() const { return tcp->streams[client == Side::a ? 1 : 0]; }
  std::size_t packets(Direction d) const;
  std::uint64_t bytes(Direction d) const;

  // From the plaintext handshake (whatever could be parsed before each side's ChangeCipherSpec).
  std::string server_name;  // the ClientHello's SNI host_name
  std::optional<std::array<std::uint8_t, 32>> client_random;
  std::optional<std::array<std::uint8_t, 32>> server_random;
  std::vector<Bytes> client_certificates;
  std::vector<Bytes> server_certificates;
};

std::vector<TlsConnection> tls_connections(const Capture& capture);

// Where each complete TLS record of a stream ends (RFC 5246 §6.2.1: 5-byte header with a 16-bit
// length); bytes after the last end are a partial record.
std::vector<std::size_t> record_ends(ByteView stream);

// "0  127.0.0.1:43210 -> 127.0.0.1:4433  packets 9/8  bytes 1063/1441  sni localhost  key log:
// yes" (the key-log column only when `keylog` is given).
std::string describe(const TlsConnection& c, const std::vector<std::string>* keylog = nullptr);

// The lines of an NSS key-log file (comments, blank lines, TLS 1.3 labels dropped). A
// CLIENT_RANDOM or RSA line whose fields are not hex of the right length: Error(decode_error,
// "key log line N: ...").
std::vector<std::string> parse_keylog(std::string_view text);
// The CLIENT_RANDOM lines for `client_random` and every RSA line.
std::vector<std::string> select_keylog(const std::vector<std::string>& lines,
                                       const std::optional<std::array<std::uint8_t, 32>>& cr);
bool keylog_has(const std::vector<std::string>& lines,
                const std::optional<std::array<std::uint8_t, 32>>& client_random);

struct VectorOptions {
  std::string name;                  // the vector's name
  std::string capture_file;          // shown in the description and provenance
  std::vector<std::string> keylog;   // already selected for the connection
  std::vector<Bytes> trust_anchors;  // DER
};

// The vector of one TLS connection: records cut from each direction's stream, each record in the
// flight of the packet that completed it (a record cannot be answered before it is whole, so
// this order is the order the peers acted in); a trailing partial record ends its direction's
// last flight. A gap in either stream: Error(decode_error, "connection N (...): the capture lost
// bytes at seq X of the server->client stream (stream offset Y) ...").
Vector to_vector(const Capture& capture, const TlsConnection& connection,
                 const VectorOptions& options);

}  // namespace tlslab::vectors::pcap

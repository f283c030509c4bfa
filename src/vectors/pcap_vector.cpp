// One TLS connection of a capture as a vector: each direction's stream cut into records, the
// records put into flights in the order the peers acted, and what the capture tells about the
// connection (time, SNI, randoms, chains) plus the key-log lines for it.
#include <filesystem>

#include "tlslab/error.hpp"
#include "tlslab/vectors/pcap.hpp"

namespace tlslab::vectors::pcap {
namespace {

std::string connection_label(const TlsConnection& c) {
  return "connection " + std::to_string(c.index) + " (" + c.client_endpoint().text() + " -> " +
         c.server_endpoint().text() + ")";
}

void check_complete(const TlsConnection& c, Direction d, const TcpStream& s,
                    std::size_t max_stream) {
  const char* name = d == Direction::client ? "client->server" : "server->client";
  if (const auto gap = s.gap()) {
    fail(AlertDescription::decode_error,
         connection_label(c) + ": the capture lost bytes at seq " + std::to_string(s.seq_at(*gap)) +
             " of the " + name + " stream (stream offset " + std::to_string(*gap) +
             "): the vector cannot be built from that direction past it");
  }
  if (s.truncated()) {
    fail(AlertDescription::decode_error,
         connection_label(c) + ": the " + name + " stream has " + std::to_string(s.contiguous()) +
             " bytes, above the limit of " + std::to_string(max_stream) + " kept per direction");
  }
}

struct Cut {
  std::vector<std::size_t> ends;  // of the complete records
  std::size_t next = 0;           // the first record not yet in a flight
  std::size_t start = 0;          // its offset
};

}  // namespace

Vector to_vector(const Capture& capture, const TlsConnection& c, const VectorOptions& options) {
  const TcpStream::Limits limits;
  check_complete(c, Direction::client, c.client_stream(), limits.max_stream);
  check_complete(c, Direction::server, c.server_stream(), limits.max_stream);

  Vector v;
  v.name = options.name;
  const std::string file = std::filesystem::path(options.capture_file).filename().string();
  v.description =
      "converted from " + file + " " + connection_label(c) + " by tlslab vector from-pcap";
  v.captured_at = c.tcp->first_seconds;
  v.server_name = c.server_name;
  for (const Direction d : {Direction::client, Direction::server}) {
    Provenance& p = d == Direction::client ? v.client : v.server;
    p.producer = "pcap";
    p.version = libpcap_version();
    p.config = {
        {"file", file},
        {"link_type", capture.link_type},
        {"connection", c.index},
        {"first_packet", c.tcp->first_packet},
        {"endpoint", (d == Direction::client ? c.client_endpoint() : c.server_endpoint()).text()}};
  }
  v.client_certificates = c.client_certificates;
  v.server_certificates = c.server_certificates;
  v.trust_anchors = options.trust_anchors;
  v.keylog = options.keylog;
  v.client_random = c.client_random;
  v.server_random = c.server_random;

  // A record goes into the flight of the packet that completed it: a peer cannot answer a
  // record before it has all of it, so this order is one the peers could have acted in, and
  // replay's two deframers see each direction's records in stream order. A trailing partial
  // record (a stream cut mid-record) ends its direction's last flight.
  const ByteView client_data = c.client_stream().data();
  const ByteView server_data = c.server_stream().data();
  Cut cuts[2] = {{record_ends(client_data)}, {record_ends(server_data)}};
  std::size_t last_run[2] = {0, 0};
  const auto& runs = c.tcp->runs;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    last_run[runs[i].side == c.client ? 0 : 1] = i;
  }
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::size_t d = runs[i].side == c.client ? 0 : 1;
    const ByteView data = d == 0 ? client_data : server_data;
    Cut& cut = cuts[d];
    std::vector<Bytes> records;
    while (cut.next < cut.ends.size() && cut.ends[cut.next] <= runs[i].end) {
      records.emplace_back(data.begin() + static_cast<std::ptrdiff_t>(cut.start),
                           data.begin() + static_cast<std::ptrdiff_t>(cut.ends[cut.next]));
      cut.start = cut.ends[cut.next++];
    }
    if (i == last_run[d] && cut.start < data.size()) {
      records.emplace_back(data.begin() + static_cast<std::ptrdiff_t>(cut.start), data.end());
      cut.start = data.size();
    }
    if (records.empty()) continue;
    const Direction direction = d == 0 ? Direction::client : Direction::server;
    if (!v.flights.empty() && v.flights.back().direction == direction) {
      auto& into = v.flights.back().records;
      into.insert(into.end(), records.begin(), records.end());
    } else {
      v.flights.push_back({direction, std::move(records)});
    }
  }
  return v;
}

}  // namespace tlslab::vectors::pcap

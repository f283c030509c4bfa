// Fuzz target for `tlslab vector from-pcap` (issue 7, item 4): the input is a capture file
// (pcap or pcapng, read by libpcap from memory through fmemopen) and goes through our link/IP/TCP
// header parsing, the TCP reassembler, the TLS-connection detection and the conversion of every
// TLS connection to a vector. Oracles: failures are tlslab::Error only; a converted vector's
// flights alternate direction and, per direction, their records concatenate to exactly the
// reassembled stream, each a whole record but the last; reassembly never keeps more than its
// limits. Anything else aborts.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "tlslab/error.hpp"
#include "tlslab/vectors/pcap.hpp"

namespace {

using namespace tlslab;
namespace pcap = vectors::pcap;

void check(bool ok) {
  if (!ok) std::abort();
}

void check_vector(const pcap::TlsConnection& c, const vectors::Vector& v) {
  Bytes streams[2];
  for (std::size_t i = 0; i < v.flights.size(); ++i) {
    const auto& f = v.flights[i];
    check(!f.records.empty());
    if (i > 0) check(f.direction != v.flights[i - 1].direction);
    Bytes& into = streams[f.direction == vectors::Direction::client ? 0 : 1];
    for (const auto& r : f.records)
      into.insert(into.end(), r.begin(), r.end());
  }
  check(streams[0] == c.client_stream().data());
  check(streams[1] == c.server_stream().data());
  for (int d = 0; d < 2; ++d) {
    // Every record whole (header + its length) except possibly the stream's last.
    const auto ends = pcap::record_ends(streams[d]);
    check(ends.empty() || ends.back() <= streams[d].size());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  pcap::TcpStream::Limits limits;
  limits.max_out_of_order = 64 * 1024;
  limits.max_stream = 256 * 1024;
  pcap::Capture capture;
  try {
    capture = pcap::read_capture({data, size}, "fuzz.pcap", limits);
  } catch (const Error&) {
    return 0;
  }
  for (const auto& tcp : capture.connections) {
    for (const auto& s : tcp.streams) {
      check(s.buffered() <= limits.max_out_of_order);
      check(s.data().size() <= limits.max_stream);
      check(s.data().size() <= s.contiguous());
    }
  }
  for (const auto& c : pcap::tls_connections(capture)) {
    (void)pcap::describe(c);
    pcap::VectorOptions o;
    o.name = "fuzz";
    o.capture_file = capture.file;
    try {
      check_vector(c, pcap::to_vector(capture, c, o));
    } catch (const Error&) {
      check(c.client_stream().gap() || c.server_stream().gap() || c.client_stream().truncated() ||
            c.server_stream().truncated());
    }
  }
  return 0;
}

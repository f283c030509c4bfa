// The connections of a capture, packet by packet: each frame's TCP segment goes to the
// connection of its 4-tuple and to the reassembler of its direction; the direction runs (who sent
// the bytes that became contiguous, in capture order) are what flights are cut from.
#include <utility>

#include "tlslab/error.hpp"
#include "tlslab/vectors/pcap.hpp"

namespace tlslab::vectors::pcap {

CaptureBuilder::CaptureBuilder(std::string file, int link_type, TcpStream::Limits limits)
    : link_type_(link_type), limits_(limits) {
  capture_.file = std::move(file);
  const auto name = link_type_name(link_type);
  if (!name) {
    fail(AlertDescription::decode_error,
         capture_.file + ": link type " + std::to_string(link_type) +
             " is not supported (Ethernet, Linux cooked v1/v2, BSD null/loop and raw IP are)");
  }
  capture_.link_type = *name;
}

void CaptureBuilder::add_frame(ByteView frame, std::int64_t seconds) {
  const std::size_t number = ++capture_.packets;
  FrameResult result;
  try {
    result = parse_frame(link_type_, frame, number);
  } catch (const Error& e) {
    fail(e.alert(), capture_.file + ": " + e.reason());
  }
  if (result.skipped) {
    if (*result.skipped == Skip::ip_fragment || *result.skipped == Skip::ipsec) {
      ++capture_.skipped_fragments;
    } else {
      ++capture_.skipped_not_tcp;
    }
    return;
  }
  const TcpSegment& s = *result.segment;
  const bool opening = (s.flags & kTcpSyn) != 0 && (s.flags & kTcpAck) == 0;
  auto found = by_tuple_.find({s.source, s.destination});
  // A SYN on a 4-tuple that already carried data is a new connection reusing the ports.
  if (found != by_tuple_.end() && opening) {
    const Connection& old = capture_.connections[found->second];
    if (old.payload_bytes[0] + old.payload_bytes[1] != 0) found = by_tuple_.end();
  }
  if (found == by_tuple_.end()) {
    Connection c;
    c.a = s.source;
    c.b = s.destination;
    c.streams = {TcpStream(limits_), TcpStream(limits_)};
    c.first_seconds = seconds;
    c.first_packet = number;
    capture_.connections.push_back(std::move(c));
    const std::size_t index = capture_.connections.size() - 1;
    by_tuple_[{s.source, s.destination}] = index;
    by_tuple_[{s.destination, s.source}] = index;
    found = by_tuple_.find({s.source, s.destination});
  }
  Connection& c = capture_.connections[found->second];
  const Side side = s.source == c.a ? Side::a : Side::b;
  const std::size_t dir = side == Side::a ? 0 : 1;
  if (opening && !c.syn_sender) c.syn_sender = side;
  ++c.packets[dir];
  c.payload_bytes[dir] += s.payload.size();
  const std::size_t added = c.streams[dir].add(s.seq, s.flags, s.payload, s.payload_lost, number);
  if (added == 0) return;
  if (c.runs.empty() || c.runs.back().side != side) {
    c.runs.push_back({side, c.streams[dir].contiguous()});
  } else {
    c.runs.back().end = c.streams[dir].contiguous();
  }
}

Capture CaptureBuilder::finish() && {
  return std::move(capture_);
}

}  // namespace tlslab::vectors::pcap

// TCP reassembly of one direction (RFC 9293): sequence numbers become 64-bit stream offsets,
// retransmitted bytes are dropped, out-of-order segments wait for the hole before them, and what
// the capture lost is remembered as a gap.
#include <algorithm>

#include "tlslab/vectors/pcap.hpp"

namespace tlslab::vectors::pcap {

std::size_t TcpStream::add(std::uint32_t seq, std::uint8_t flags, ByteView payload,
                           std::size_t lost, std::size_t /*packet_number*/) {
  // The SYN occupies one sequence number (RFC 9293 §3.4): the data starts after it, also for
  // data carried on the SYN itself (TCP Fast Open, RFC 7413).
  std::uint32_t data_seq = seq;
  if ((flags & kTcpSyn) != 0) {
    data_seq = seq + 1;
    if (!started_) {
      base_ = data_seq;
      started_ = true;
      syn_ = true;
    }
  }
  // After the out-of-order limit was hit the stream ends at its gap.
  if (overflow_ || (payload.empty() && lost == 0)) return 0;
  if (!started_) {  // the capture began after the handshake: the first payload is offset 0
    base_ = data_seq;
    started_ = true;
  }
  // Unwrap: the offset nearest to the next expected byte (a segment is never 2^31 away from
  // it), so a stream crossing 2^32 keeps growing.
  const std::uint32_t expected = static_cast<std::uint32_t>(base_ + next_);
  const auto delta = static_cast<std::int32_t>(data_seq - expected);
  std::int64_t offset = static_cast<std::int64_t>(next_) + delta;
  const std::uint64_t before = next_;
  const std::int64_t end = offset + static_cast<std::int64_t>(payload.size());
  if (lost != 0 && (!lost_at_ || static_cast<std::uint64_t>(end) < *lost_at_)) {
    lost_at_ = static_cast<std::uint64_t>(std::max<std::int64_t>(end, 0));
  }
  if (end <= static_cast<std::int64_t>(next_)) {  // all of it already delivered
    duplicates_ += payload.size();
    return 0;
  }
  if (offset < static_cast<std::int64_t>(next_)) {  // overlaps delivered bytes: keep the new
    const auto skip = static_cast<std::size_t>(static_cast<std::int64_t>(next_) - offset);
    duplicates_ += skip;
    payload = payload.subspan(skip);
    offset = static_cast<std::int64_t>(next_);
  }
  const auto at = static_cast<std::uint64_t>(offset);
  if (at == next_) {
    deliver(payload);
    drain();
    return static_cast<std::size_t>(next_ - before);
  }
  // Ahead of a hole: held, unless the limit is reached; then the hole is a gap for good.
  if (buffered_ + payload.size() > limits_.max_out_of_order) {
    overflow_ = true;
    pending_.clear();
    buffered_ = 0;
    return 0;
  }
  auto& held = pending_[at];
  if (payload.size() > held.size()) {
    buffered_ += payload.size() - held.size();
    held.assign(payload.begin(), payload.end());
  } else {
    duplicates_ += payload.size();
  }
  return 0;
}

void TcpStream::deliver(ByteView bytes) {
  const std::size_t room =
      limits_.max_stream > data_.size() ? limits_.max_stream - data_.size() : 0;
  // Only while nothing has been dropped: data_ must stay the prefix of the stream.
  if (data_.size() == next_) {
    data_.insert(data_.end(), bytes.begin(), bytes.begin() + std::min(room, bytes.size()));
  }
  next_ += bytes.size();
}

void TcpStream::drain() {
  while (!pending_.empty() && pending_.begin()->first <= next_) {
    auto node = pending_.extract(pending_.begin());
    const Bytes& held = node.mapped();
    buffered_ -= held.size();
    const std::uint64_t end = node.key() + held.size();
    if (end <= next_) {
      duplicates_ += held.size();
      continue;
    }
    const auto skip = static_cast<std::size_t>(next_ - node.key());
    duplicates_ += skip;
    deliver(ByteView(held).subspan(skip));
  }
}

std::optional<std::uint64_t> TcpStream::gap() const {
  // Bytes still held mean the hole before them was never filled; lost bytes at or beyond the
  // contiguous end were never seen at all.
  if (overflow_ || !pending_.empty() || (lost_at_ && *lost_at_ >= next_)) return next_;
  return std::nullopt;
}

}  // namespace tlslab::vectors::pcap

// Link-layer, IPv4, IPv6 and TCP headers of one captured frame, read with codec::Reader on a view
// into libpcap's buffer (no copies). Errors name the packet and the header field
// ("packet 12: IPv4 header.ihl: 3 words, below the minimum of 5").
#include <string>

#include "tlslab/codec/reader.hpp"
#include "tlslab/error.hpp"
#include "tlslab/vectors/pcap.hpp"

namespace tlslab::vectors::pcap {
namespace {

// The link types of the tcpdump.org registry we read. libpcap reports the DLT_ value, which for
// raw IP differs between systems (12 on Linux, 14 on OpenBSD; LINKTYPE_RAW 101 in files).
constexpr int kNull = 0;           // BSD loopback: 4-byte address family in the writer's order
constexpr int kEthernet = 1;       // DLT_EN10MB
constexpr int kRaw = 12;           // DLT_RAW
constexpr int kRawOpenBsd = 14;    // DLT_RAW on OpenBSD
constexpr int kRawLinktype = 101;  // LINKTYPE_RAW
constexpr int kLoop = 108;         // OpenBSD loopback: the family in network order
constexpr int kLinuxSll = 113;     // Linux cooked capture v1 (tcpdump -i any before libpcap 1.10)
constexpr int kIpv4Only = 228;     // DLT_IPV4
constexpr int kIpv6Only = 229;     // DLT_IPV6
constexpr int kLinuxSll2 = 276;    // Linux cooked capture v2

constexpr std::uint16_t kEtherIpv4 = 0x0800;
constexpr std::uint16_t kEtherIpv6 = 0x86dd;
constexpr std::uint8_t kProtoTcp = 6;

enum class Network { none, ipv4, ipv6, by_version };

std::string context(std::size_t packet, const char* header) {
  return "packet " + std::to_string(packet) + ": " + header;
}

Network from_ethertype(std::uint16_t type) {
  if (type == kEtherIpv4) return Network::ipv4;
  if (type == kEtherIpv6) return Network::ipv6;
  return Network::none;
}

// BSD null/loop headers carry the sender's AF_INET / AF_INET6, whose value for IPv6 differs
// between systems (Linux 10, NetBSD/OpenBSD 24, FreeBSD 28, macOS 30).
Network from_family(std::uint32_t family) {
  if (family == 2) return Network::ipv4;
  if (family == 10 || family == 24 || family == 28 || family == 30) return Network::ipv6;
  return Network::none;
}

// Strips the link-layer header; returns what follows it.
Network strip_link(int link_type, codec::Reader& r) {
  switch (link_type) {
    case kEthernet: {
      r.bytes(12, "destination and source addresses");
      std::uint16_t type = r.u16("ethertype");
      // IEEE 802.1Q / 802.1ad tags (at most two, as QinQ stacks them): TCI then the next type.
      for (int tags = 0; tags < 2 && (type == 0x8100 || type == 0x88a8 || type == 0x9100); ++tags) {
        r.u16("vlan_tci");
        type = r.u16("ethertype");
      }
      return from_ethertype(type);
    }
    case kLinuxSll:
      // packet type, ARPHRD type, address length, 8 address bytes, then the protocol.
      r.bytes(14, "packet_type, arphrd_type, address");
      return from_ethertype(r.u16("protocol"));
    case kLinuxSll2: {
      const std::uint16_t protocol = r.u16("protocol");
      r.bytes(18, "reserved, interface, arphrd_type, packet_type, address");
      return from_ethertype(protocol);
    }
    case kNull: {
      // Host byte order of the machine that wrote the file: a family is small, so a value
      // above 0xffff read little-endian was written big-endian.
      const ByteView f = r.bytes(4, "family");
      std::uint32_t family = f[0] | (f[1] << 8) | (f[2] << 16) | (std::uint32_t{f[3]} << 24);
      if (family > 0xffff) family = (std::uint32_t{f[0]} << 24) | (f[1] << 16) | (f[2] << 8) | f[3];
      return from_family(family);
    }
    case kLoop:
      return from_family(r.u32("family"));
    case kRaw:
    case kRawOpenBsd:
    case kRawLinktype:
      return Network::by_version;
    case kIpv4Only:
      return Network::ipv4;
    case kIpv6Only:
      return Network::ipv6;
    default:
      fail(AlertDescription::decode_error,
           "link type " + std::to_string(link_type) + " is not supported");
  }
}

struct IpPayload {
  Endpoint source, destination;
  ByteView data;         // the captured part of the IP payload
  std::size_t lost = 0;  // announced by the IP length, not captured
  std::optional<Skip> skipped;
};

// The IP payload length: what the header announces, of which `available` bytes were captured.
// A zero length is what Linux writes for packets captured before TCP segmentation offload
// split them: the captured bytes are then the whole payload (as Wireshark reads it).
void cut_payload(codec::Reader& r, std::size_t announced, IpPayload& out) {
  const std::size_t available = r.remaining();
  if (announced == 0 || announced <= available) {
    out.data = r.bytes(announced == 0 ? available : announced, "payload");
  } else {
    out.data = r.rest("payload");
    out.lost = announced - available;
  }
}

// RFC 791 §3.1.
IpPayload parse_ipv4(ByteView bytes, std::size_t packet) {
  const std::string ctx = context(packet, "IPv4 header");
  codec::Reader r(bytes, ctx);
  IpPayload out;
  const std::uint8_t version_ihl = r.u8("version_ihl");
  if (version_ihl >> 4 != 4) {
    r.fail(AlertDescription::decode_error, "version", std::to_string(version_ihl >> 4) + ", not 4");
  }
  const std::size_t ihl = version_ihl & 0x0f;
  if (ihl < 5) {
    r.fail(AlertDescription::decode_error, "ihl",
           std::to_string(ihl) + " words, below the minimum of 5");
  }
  r.u8("tos");
  const std::size_t total = r.u16("total_length");
  if (total != 0 && total < ihl * 4) {
    r.fail(AlertDescription::decode_error, "total_length",
           std::to_string(total) + " is shorter than the header (" + std::to_string(ihl * 4) +
               " bytes)");
  }
  r.u16("identification");
  const std::uint16_t fragment = r.u16("flags_fragment_offset");
  r.u8("ttl");
  const std::uint8_t protocol = r.u8("protocol");
  r.u16("header_checksum");
  out.source.address = {};
  out.destination.address = {};
  const ByteView src = r.bytes(4, "source");
  const ByteView dst = r.bytes(4, "destination");
  std::copy(src.begin(), src.end(), out.source.address.begin());
  std::copy(dst.begin(), dst.end(), out.destination.address.begin());
  r.bytes(ihl * 4 - 20, "options");
  // More-fragments set or a non-zero offset: a fragment. IP reassembly is not done; such
  // packets are counted as skipped and the stream shows the bytes as a gap.
  if ((fragment & 0x2000) != 0 || (fragment & 0x1fff) != 0) {
    out.skipped = Skip::ip_fragment;
    return out;
  }
  if (protocol != kProtoTcp) {
    out.skipped = Skip::not_tcp;
    return out;
  }
  cut_payload(r, total == 0 ? 0 : total - ihl * 4, out);
  return out;
}

// RFC 8200 §3 and §4: the fixed header, then the extension headers up to TCP.
IpPayload parse_ipv6(ByteView bytes, std::size_t packet) {
  const std::string ctx = context(packet, "IPv6 header");
  codec::Reader r(bytes, ctx);
  IpPayload out;
  const std::uint32_t first = r.u32("version_class_flow");
  if (first >> 28 != 6) {
    r.fail(AlertDescription::decode_error, "version", std::to_string(first >> 28) + ", not 6");
  }
  const std::size_t payload_length = r.u16("payload_length");
  std::uint8_t next = r.u8("next_header");
  r.u8("hop_limit");
  out.source.ipv6 = out.destination.ipv6 = true;
  const ByteView src = r.bytes(16, "source");
  const ByteView dst = r.bytes(16, "destination");
  std::copy(src.begin(), src.end(), out.source.address.begin());
  std::copy(dst.begin(), dst.end(), out.destination.address.begin());
  codec::Reader payload(ByteView{}, ctx);
  {
    IpPayload cut;
    cut_payload(r, payload_length, cut);
    out.lost = cut.lost;
    payload = codec::Reader(cut.data, ctx);
  }
  // Each extension header names the next one; a chain longer than this is not a real packet.
  for (int headers = 0; headers < 16; ++headers) {
    switch (next) {
      case kProtoTcp:
        out.data = payload.rest("payload");
        return out;
      case 0:      // Hop-by-Hop Options
      case 43:     // Routing
      case 60:     // Destination Options
      case 135:    // Mobility (RFC 6275)
      case 139:    // HIP (RFC 7401)
      case 140: {  // Shim6 (RFC 5533)
        next = payload.u8("extension.next_header");
        const std::size_t len = payload.u8("extension.hdr_ext_len");
        payload.bytes(len * 8 + 6, "extension.data");  // in 8-octet units, first 8 excluded
        break;
      }
      case 44: {  // Fragment (RFC 8200 §4.5)
        next = payload.u8("fragment.next_header");
        payload.u8("fragment.reserved");
        const std::uint16_t offset_flags = payload.u16("fragment.offset_flags");
        payload.u32("fragment.identification");
        // An atomic fragment (offset 0, M clear: RFC 6946) is a whole packet.
        if ((offset_flags & 0xfff8) != 0 || (offset_flags & 1) != 0) {
          out.skipped = Skip::ip_fragment;
          return out;
        }
        break;
      }
      case 51: {  // Authentication Header (RFC 4302 §2.2): length in 4-octet units, minus 2
        next = payload.u8("ah.next_header");
        const std::size_t len = payload.u8("ah.payload_len");
        payload.bytes((len + 2) * 4 - 2, "ah.data");
        break;
      }
      case 50:  // ESP: the rest is encrypted
        out.skipped = Skip::ipsec;
        return out;
      default:  // No Next Header (59), UDP, ICMPv6, ...
        out.skipped = Skip::not_tcp;
        return out;
    }
  }
  payload.fail(AlertDescription::decode_error, "next_header", "more than 16 extension headers");
}

}  // namespace

std::optional<std::string> link_type_name(int link_type) {
  switch (link_type) {
    case kNull:
      return "NULL";
    case kEthernet:
      return "EN10MB";
    case kRaw:
    case kRawOpenBsd:
    case kRawLinktype:
      return "RAW";
    case kLoop:
      return "LOOP";
    case kLinuxSll:
      return "LINUX_SLL";
    case kIpv4Only:
      return "IPV4";
    case kIpv6Only:
      return "IPV6";
    case kLinuxSll2:
      return "LINUX_SLL2";
    default:
      return std::nullopt;
  }
}

std::string Endpoint::text() const {
  std::string out;
  if (!ipv6) {
    for (int i = 0; i < 4; ++i)
      out += (i ? "." : "") + std::to_string(address[i]);
    return out + ":" + std::to_string(port);
  }
  // RFC 5952 §4: lowercase, no leading zeros, the longest run of two or more zero groups as ::.
  std::array<unsigned, 8> g{};
  for (int i = 0; i < 8; ++i)
    g[i] = (address[2 * i] << 8) | address[2 * i + 1];
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    int j = i;
    while (j < 8 && g[j] == 0)
      ++j;
    if (j - i > best_len && j - i >= 2) {
      best = i;
      best_len = j - i;
    }
    i = j == i ? i + 1 : j;
  }
  static const char* kDigits = "0123456789abcdef";
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    std::string group;
    for (unsigned v = g[i]; v != 0 || group.empty(); v >>= 4)
      group.insert(group.begin(), kDigits[v & 15]);
    out += group;
  }
  return "[" + out + "]:" + std::to_string(port);
}

FrameResult parse_frame(int link_type, ByteView frame, std::size_t packet_number) {
  FrameResult result;
  const std::string link_ctx = context(packet_number, "link-layer header");
  codec::Reader link(frame, link_ctx);
  Network network = strip_link(link_type, link);
  const ByteView rest = link.rest("network");
  if (network == Network::by_version) {
    if (rest.empty()) {
      fail(AlertDescription::decode_error, context(packet_number, "raw IP: empty packet"));
    }
    network = rest[0] >> 4 == 4 ? Network::ipv4 : rest[0] >> 4 == 6 ? Network::ipv6 : Network::none;
  }
  if (network == Network::none) {
    result.skipped = Skip::not_ip;
    return result;
  }
  const IpPayload ip =
      network == Network::ipv4 ? parse_ipv4(rest, packet_number) : parse_ipv6(rest, packet_number);
  if (ip.skipped) {
    result.skipped = ip.skipped;
    return result;
  }
  // RFC 9293 §3.1.
  const std::string tcp_ctx = context(packet_number, "TCP header");
  codec::Reader r(ip.data, tcp_ctx);
  TcpSegment s;
  s.source = ip.source;
  s.destination = ip.destination;
  s.source.port = r.u16("source_port");
  s.destination.port = r.u16("destination_port");
  s.seq = r.u32("sequence_number");
  r.u32("acknowledgment_number");
  const std::uint16_t offset_flags = r.u16("data_offset_flags");
  const std::size_t header = (offset_flags >> 12) * 4u;
  if (header < 20) {
    r.fail(AlertDescription::decode_error, "data_offset",
           std::to_string(header / 4) + " words, below the minimum of 5");
  }
  s.flags = static_cast<std::uint8_t>(offset_flags & 0xff);
  r.u16("window");
  r.u16("checksum");
  r.u16("urgent_pointer");
  if (ip.lost != 0 && r.remaining() < header - 20) {
    r.fail(AlertDescription::decode_error, "options",
           "cut by the capture's snapshot length (" + std::to_string(ip.lost) +
               " bytes of the packet not captured)");
  }
  r.bytes(header - 20, "options");
  s.payload = r.rest("payload");
  s.payload_lost = ip.lost;
  result.segment = s;
  return result;
}

}  // namespace tlslab::vectors::pcap

// Which connections of a capture are TLS, and what their plaintext handshake tells before the
// keys are needed: the SNI, both randoms and the certificate chains. Also the NSS key-log file
// (https://firefox-source-docs.mozilla.org/security/nss/legacy/key_log_format/).
#include <algorithm>
#include <cctype>
#include <sstream>

#include "tlslab/error.hpp"
#include "tlslab/messages/handshake.hpp"
#include "tlslab/record/channel.hpp"
#include "tlslab/vectors/pcap.hpp"

namespace tlslab::vectors::pcap {
namespace {

constexpr std::uint8_t kHandshake = 22;  // ContentType handshake (RFC 5246 §6.2.1)

// A handshake record (type 22, major version 3) whose first message is a ClientHello.
bool starts_with_client_hello(const TcpStream& s) {
  const Bytes& d = s.data();
  return d.size() >= 6 && d[0] == kHandshake && d[1] == 3 && d[5] == 1;
}

// Calls `on_message(msg_type, body)` for each handshake message of the plaintext records at the
// start of a stream, read by a record::Channel, up to the first record of another type
// (ChangeCipherSpec ends the plaintext). The stream is fed a piece at a time, so that what
// follows the plaintext (possibly megabytes) is neither copied nor read.
template <class F>
void plaintext_messages(ByteView stream, F on_message) {
  constexpr std::size_t kPiece = 4096;
  record::Channel channel;
  std::size_t fed = 0;
  for (;;) {
    auto in = channel.next();
    if (!in) {
      if (fed == stream.size()) return;
      const std::size_t n = std::min(kPiece, stream.size() - fed);
      channel.feed(stream.subspan(fed, n));
      fed += n;
      continue;
    }
    if (in->kind == record::Inbound::Kind::record &&
        static_cast<record::ContentType>(in->record.type) != record::ContentType::handshake) {
      return;
    }
    if (in->kind == record::Inbound::Kind::handshake_message) {
      on_message(in->data[0], in->data.subspan(messages::kHandshakeHeaderSize));
    }
  }
}

std::vector<Bytes> chain(ByteView body) {
  std::vector<Bytes> out;
  for (const ByteView cert : messages::parse<messages::Certificate>(body).certificate_list) {
    out.emplace_back(cert.begin(), cert.end());
  }
  return out;
}

void read_client_handshake(TlsConnection& c) {
  // What does not parse is left out: replay reports it with the record and the field.
  try {
    plaintext_messages(c.client_stream().data(), [&c](std::uint8_t type, ByteView body) {
      if (type == 1 && !c.client_random) {
        const auto hello = messages::parse<messages::ClientHello>(body);
        c.client_random = hello.random;
        if (const auto* names = hello.extensions.get<messages::ServerNameList>()) {
          for (const auto& entry : names->server_name_list) {
            if (entry.name_type == 0) {  // host_name (RFC 6066 §3)
              c.server_name.assign(entry.name.begin(), entry.name.end());
            }
          }
        }
      } else if (type == 11) {
        c.client_certificates = chain(body);
      }
    });
  } catch (const Error&) {
  }
}

void read_server_handshake(TlsConnection& c) {
  try {
    plaintext_messages(c.server_stream().data(), [&c](std::uint8_t type, ByteView body) {
      if (type == 2 && !c.server_random) {
        c.server_random = messages::parse<messages::ServerHello>(body).random;
      } else if (type == 11 && c.server_certificates.empty()) {
        c.server_certificates = chain(body);
      }
    });
  } catch (const Error&) {
  }
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return s;
}

}  // namespace

std::vector<std::size_t> record_ends(ByteView stream) {
  std::vector<std::size_t> ends;
  std::size_t at = 0;
  while (stream.size() - at >= record::kHeaderSize) {
    const std::size_t length = (std::size_t{stream[at + 3]} << 8) | stream[at + 4];
    if (stream.size() - at - record::kHeaderSize < length) break;
    at += record::kHeaderSize + length;
    ends.push_back(at);
  }
  return ends;
}

std::size_t TlsConnection::packets(Direction d) const {
  const bool a_sent = (d == Direction::client) == (client == Side::a);
  return tcp->packets[a_sent ? 0 : 1];
}

std::uint64_t TlsConnection::bytes(Direction d) const {
  return (d == Direction::client ? client_stream() : server_stream()).contiguous();
}

std::vector<TlsConnection> tls_connections(const Capture& capture) {
  std::vector<TlsConnection> out;
  for (const Connection& tcp : capture.connections) {
    TlsConnection c;
    c.tcp = &tcp;
    // The SYN sender is the client; without the SYN in the capture, the side that sent the
    // ClientHello.
    if (tcp.syn_sender) {
      c.client = *tcp.syn_sender;
    } else if (!starts_with_client_hello(tcp.streams[0]) &&
               starts_with_client_hello(tcp.streams[1])) {
      c.client = Side::b;
    }
    if (!starts_with_client_hello(c.client_stream())) continue;
    c.index = out.size();
    read_client_handshake(c);
    read_server_handshake(c);
    out.push_back(std::move(c));
  }
  return out;
}

std::string describe(const TlsConnection& c, const std::vector<std::string>* keylog) {
  std::ostringstream out;
  out << c.index << "  " << c.client_endpoint().text() << " -> " << c.server_endpoint().text()
      << "  packets " << c.packets(Direction::client) << "/" << c.packets(Direction::server)
      << "  bytes " << c.bytes(Direction::client) << "/" << c.bytes(Direction::server) << "  sni "
      << (c.server_name.empty() ? "-" : c.server_name);
  if (keylog) out << "  key log: " << (keylog_has(*keylog, c.client_random) ? "yes" : "no");
  return out.str();
}

std::vector<std::string> parse_keylog(std::string_view text) {
  std::vector<std::string> out;
  std::size_t number = 0;
  while (!text.empty()) {
    ++number;
    const std::size_t eol = text.find('\n');
    std::string line(text.substr(0, eol));
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
    std::istringstream fields(line);
    std::string label, first, second, extra;
    fields >> label >> first >> second >> extra;
    if (label.empty() || label[0] == '#') continue;
    std::size_t first_size = 0;
    if (label == "CLIENT_RANDOM") {
      first_size = 32;  // client_random, then the 48-byte master secret
    } else if (label == "RSA") {
      first_size = 8;  // the EncryptedPreMasterSecret's first 8 bytes, then the premaster
    } else {
      continue;  // TLS 1.3 traffic secrets and labels of later versions: not TLS 1.2
    }
    const std::string where = "key log line " + std::to_string(number) + " (" + label + "): ";
    if (second.empty() || !extra.empty()) {
      fail(AlertDescription::decode_error, where + "expected 2 fields after the label");
    }
    Bytes a, b;
    try {
      a = from_hex(first);
      b = from_hex(second);
    } catch (const Error& e) {
      fail(AlertDescription::decode_error, where + e.reason());
    }
    if (a.size() != first_size || b.size() != 48) {
      fail(AlertDescription::decode_error,
           where + "expected " + std::to_string(first_size) + " and 48 bytes of hex, got " +
               std::to_string(a.size()) + " and " + std::to_string(b.size()));
    }
    secure_wipe(b.data(), b.size());
    out.push_back(label + " " + lower(first) + " " + lower(second));
  }
  return out;
}

bool keylog_has(const std::vector<std::string>& lines,
                const std::optional<std::array<std::uint8_t, 32>>& client_random) {
  if (!client_random) return false;
  const std::string prefix = "CLIENT_RANDOM " + to_hex(*client_random) + " ";
  return std::any_of(lines.begin(), lines.end(),
                     [&prefix](const std::string& l) { return l.rfind(prefix, 0) == 0; });
}

std::vector<std::string> select_keylog(const std::vector<std::string>& lines,
                                       const std::optional<std::array<std::uint8_t, 32>>& cr) {
  std::vector<std::string> out;
  const std::string prefix = cr ? "CLIENT_RANDOM " + to_hex(*cr) + " " : std::string("-");
  for (const auto& l : lines) {
    if (l.rfind(prefix, 0) == 0 || l.rfind("RSA ", 0) == 0) out.push_back(l);
  }
  return out;
}

}  // namespace tlslab::vectors::pcap

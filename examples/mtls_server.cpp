// A mutual-TLS echo server over a socket, using only libtlslab's installed headers:
//   mtls_server PORT SERVER.p12 PASSWORD CA.pem   (PORT 0: any free port, printed)
// It accepts one client, requires a certificate issued by CA.pem, and echoes one message.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <unistd.h>

#include <iostream>
#include <string>
#include <tlslab/crypto/default_provider.hpp>
#include <tlslab/pki/pkcs12.hpp>
#include <tlslab/pki/trust_store.hpp>

#include "tls_socket.hpp"

int main(int argc, char** argv) {
  if (argc != 5) return std::cerr << "usage: mtls_server PORT SERVER.p12 PASSWORD CA.pem\n", 2;
  tlslab::handshake::ServerConfig config;
  config.provider = tlslab::crypto::make_default_provider();
  const auto p12 = tlslab::pki::load_pkcs12(read_file(argv[2]), argv[3], *config.provider);
  config.identities = {tlslab::pki::pkcs12_identity(p12, *config.provider)};
  auto trust = std::make_shared<tlslab::pki::TrustStore>(config.provider);
  trust->add_certificates(read_file(argv[4]));
  config.verifier = trust;
  config.client_auth = tlslab::handshake::ClientAuth::required;

  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{AF_INET, htons(static_cast<std::uint16_t>(std::stoi(argv[1]))), {}, {}};
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(listener, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(listener, 1) != 0)
    return std::perror("bind"), 1;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  std::cout << "listening on 127.0.0.1:" << ntohs(addr.sin_port) << std::endl;
  const int fd = ::accept(listener, nullptr, nullptr);

  auto tls = tlslab::Connection::server(config);
  while (tls->is_handshaking() && exchange(fd, *tls)) {
  }
  tlslab::Bytes message;
  while (tls->handshake_complete() && message.empty() && exchange(fd, *tls))
    message = tls->read();
  if (tls->failed()) return std::cerr << "TLS: " << tls->error()->what() << '\n', 1;
  std::cout << "client " << tls->negotiated().peer->subject
            << " says: " << std::string(message.begin(), message.end()) << std::endl;
  const std::string echo = "echo: " + std::string(message.begin(), message.end());
  tls->write(tlslab::ByteView(reinterpret_cast<const std::uint8_t*>(echo.data()), echo.size()));
  tls->close();
  flush(fd, *tls);
  ::close(fd);
  ::close(listener);
}

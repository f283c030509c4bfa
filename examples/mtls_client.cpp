// A mutual-TLS client over a socket, using only libtlslab's installed headers:
//   mtls_client PORT CLIENT.p12 PASSWORD CA.pem MESSAGE
// It verifies the server's chain against CA.pem and the name "localhost", proves its own
// identity from the .p12 file, sends MESSAGE and prints the answer.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <unistd.h>

#include <iostream>
#include <string>
#include <tlslab/crypto/default_provider.hpp>
#include <tlslab/pki/pkcs12.hpp>
#include <tlslab/pki/trust_store.hpp>
#include <tlslab/registry.hpp>

#include "tls_socket.hpp"

int main(int argc, char** argv) {
  if (argc != 6) return std::cerr << "usage: mtls_client PORT CLIENT.p12 PASSWORD CA.pem MSG\n", 2;
  tlslab::handshake::ClientConfig config;
  config.provider = tlslab::crypto::make_default_provider();
  const auto p12 = tlslab::pki::load_pkcs12(read_file(argv[2]), argv[3], *config.provider);
  config.identities = {tlslab::pki::pkcs12_identity(p12, *config.provider)};
  auto trust = std::make_shared<tlslab::pki::TrustStore>(config.provider);
  trust->add_certificates(read_file(argv[4]));
  config.verifier = trust;
  config.server_name = "localhost";

  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{AF_INET, htons(static_cast<std::uint16_t>(std::stoi(argv[1]))), {}, {}};
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    return std::perror("connect"), 1;

  auto tls = tlslab::Connection::client(config);
  tls->start();
  while (tls->is_handshaking() && exchange(fd, *tls)) {
  }
  if (!tls->handshake_complete()) {
    return std::cerr << "TLS: " << (tls->failed() ? tls->error()->what() : "EOF") << '\n', 1;
  }
  const std::string message = argv[5];
  tls->write(
      tlslab::ByteView(reinterpret_cast<const std::uint8_t*>(message.data()), message.size()));
  tlslab::Bytes answer;
  while (answer.empty() && exchange(fd, *tls))
    answer = tls->read();
  const auto suite = tlslab::registry::cipher_suite_name(tls->negotiated().cipher_suite);
  std::cout << "server " << tls->negotiated().peer->subject << " over " << suite.value_or("?")
            << " answers: " << std::string(answer.begin(), answer.end()) << std::endl;
  tls->close();
  flush(fd, *tls);
  ::close(fd);
  return answer.empty() ? 1 : 0;
}

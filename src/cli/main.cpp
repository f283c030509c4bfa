// The tlslab program: the top-level options and the subcommands (src/cli/cmd_*.cpp).
#include <cryptopp/config_ver.h>
#include <sodium.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

#include "commands.hpp"
#include "tlslab_version.h"

namespace tlslab::cli {
namespace {
int g_exit_status = kExitOk;
}  // namespace
void set_exit_status(int status) {
  g_exit_status = status;
}
int exit_status() {
  return g_exit_status;
}
}  // namespace tlslab::cli

namespace {

std::string version_text() {
  const int cryptopp = CRYPTOPP_VERSION;  // e.g. 870 for 8.7.0
  return std::string("tlslab ") + TLSLAB_VERSION + " (Crypto++ " + std::to_string(cryptopp / 100) +
         "." + std::to_string(cryptopp / 10 % 10) + "." + std::to_string(cryptopp % 10) +
         ", libsodium " + sodium_version_string() + ")";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "tlslab: a TLS 1.2 engine for studying, replaying and fuzzing handshakes "
      "(mutual TLS first)",
      "tlslab"};
  app.set_version_flag("-V,--version", version_text(),
                       "Print the version and the crypto libraries");
  app.footer(
      "Exit status: 0 success, 2 usage error.\n"
      "Documentation: README.md in the source tree.");
  app.require_subcommand(0, 1);
  tlslab::cli::register_demo(app);
  tlslab::cli::register_decode(app);
  tlslab::cli::register_x509(app);
  tlslab::cli::register_client(app);
  tlslab::cli::register_server(app);
  tlslab::cli::register_p12(app);     // PKI (issue 4, PKCS#12)
  tlslab::cli::register_replay(app);  // vectors (issue 7)
  tlslab::cli::register_vector(app);  // vectors (issue 7, from-pcap)
  tlslab::cli::register_states(app);  // the state tables (issue 14)
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help/--version print to stdout and succeed; every usage error exits with 2 (CLI11's own
    // codes, e.g. 109, would be meaningless to scripts).
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (app.get_subcommands().empty()) {
    std::cout << app.help();
    return 0;
  }
  return tlslab::cli::exit_status();
}

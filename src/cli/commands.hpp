// The tlslab subcommands. Each lives in its own src/cli/cmd_*.cpp and registers itself on the
// top-level CLI11 app; the callback it installs runs the command and returns its exit status
// through set_exit_status().
#pragma once

#include <CLI/CLI.hpp>

namespace tlslab::cli {

// Exit statuses shared by the subcommands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the command ran and the answer is "no"
inline constexpr int kExitUsage = 2;

void set_exit_status(int status);
int exit_status();

void register_decode(CLI::App& app);
void register_demo(CLI::App& app);
void register_x509(CLI::App& app);
void register_x509_verify(CLI::App& x509);  // `x509 verify`, on the x509 subcommand
void register_client(CLI::App& app);
void register_server(CLI::App& app);
// PKI (issue 4, PKCS#12): `p12 info`.
void register_p12(CLI::App& app);
// Vectors (issue 7): `replay VECTOR` (exit 4: malformed vector file).
inline constexpr int kExitMalformedVector = 4;
inline constexpr int kExitCannotAct = 3;  // `replay --act`: the vector lacks what acting needs
void register_replay(CLI::App& app);
// Vectors (issue 7, from-pcap): `vector from-pcap CAPTURE` (exit 4: unreadable capture).
inline constexpr int kExitMalformedCapture = 4;
void register_vector(CLI::App& app);
// `states` (issue 14 item 5): the state machines' tables as text, dot, Mermaid or JSON.
void register_states(CLI::App& app);

}  // namespace tlslab::cli

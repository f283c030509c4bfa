// Where the CLI gets passwords (of .p12 files, encrypted keys): never from argv, which shows in
// `ps` and shell history, but from --password-file (its first line), --password-env (the name of
// an environment variable), --no-password (an absent password), or a prompt without echo.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <stdexcept>
#include <string>

namespace tlslab::cli {

struct PasswordOptions {
  std::string file;
  std::string env;
  bool none = false;
};

// Adds --password-file, --password-env and --no-password to `cmd`.
void add_password_options(CLI::App* cmd, PasswordOptions& o, const std::string& what);

// A usage problem with the password options (exit status 2).
struct PasswordUsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The password, or nullopt for --no-password. Without any option, prompts on /dev/tty (without
// echo) for `file` when stdin is a terminal; otherwise PasswordUsageError.
std::optional<std::string> read_password(const PasswordOptions& o, const std::string& file);

}  // namespace tlslab::cli

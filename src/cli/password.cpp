#include "password.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "tlslab/bytes.hpp"

namespace tlslab::cli {

void add_password_options(CLI::App* cmd, PasswordOptions& o, const std::string& what) {
  cmd->add_option("--password-file", o.file,
                  "Read the password of " + what + " from the first line of FILE");
  cmd->add_option("--password-env", o.env,
                  "Read the password of " + what + " from the environment variable VAR")
      ->type_name("VAR");
  cmd->add_flag("--no-password", o.none,
                "No password (an absent one; a .p12 is also tried with the empty one, as openssl)");
}

namespace {

std::string prompt(const std::string& file) {
  std::FILE* tty = std::fopen("/dev/tty", "r+");
  if (tty == nullptr) throw PasswordUsageError("no password given and /dev/tty cannot be opened");
  std::fprintf(tty, "Password for %s: ", file.c_str());
  std::fflush(tty);
  termios old{};
  const int fd = fileno(tty);
  const bool is_tty = tcgetattr(fd, &old) == 0;
  if (is_tty) {
    termios quiet = old;
    quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
    tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  std::string out;
  for (int c = std::fgetc(tty); c != EOF && c != '\n'; c = std::fgetc(tty))
    out.push_back(static_cast<char>(c));
  if (is_tty) tcsetattr(fd, TCSAFLUSH, &old);
  std::fprintf(tty, "\n");
  std::fclose(tty);
  return out;
}

}  // namespace

std::optional<std::string> read_password(const PasswordOptions& o, const std::string& file) {
  const int sources = static_cast<int>(!o.file.empty()) + static_cast<int>(!o.env.empty()) +
                      static_cast<int>(o.none);
  if (sources > 1) {
    throw PasswordUsageError(
        "give at most one of --password-file, --password-env and --no-password");
  }
  if (o.none) return std::nullopt;
  if (!o.file.empty()) {
    std::ifstream in(o.file, std::ios::binary);
    if (!in) throw PasswordUsageError("cannot open password file " + o.file);
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  if (!o.env.empty()) {
    const char* value = std::getenv(o.env.c_str());
    if (value == nullptr) throw PasswordUsageError("environment variable " + o.env + " is not set");
    return std::string(value);
  }
  if (!isatty(STDIN_FILENO)) {
    throw PasswordUsageError(
        "no password for " + file +
        ": use --password-file, --password-env or --no-password (stdin is not a terminal)");
  }
  return prompt(file);
}

}  // namespace tlslab::cli

#include "keylog.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace tlslab::cli {

std::function<void(const std::string&)> open_keylog(const std::string& path) {
  std::string file = path;
  if (file.empty()) {
    const char* env = std::getenv("SSLKEYLOGFILE");
    if (env == nullptr || *env == '\0') return {};
    file = env;
  }
  // Appending, as NSS and OpenSSL do: one file can collect the secrets of many runs.
  auto out = std::make_shared<std::ofstream>(file, std::ios::app);
  if (!*out) {
    throw std::runtime_error("cannot open the key log file " + file + ": " + std::strerror(errno));
  }
  return [out](const std::string& line) {
    *out << line << '\n';
    out->flush();  // written at once: a crash later must not lose the secrets of this session
  };
}

}  // namespace tlslab::cli

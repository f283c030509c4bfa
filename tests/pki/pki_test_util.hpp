// Helpers for the PKI tests: the files tests/data/pki/make.sh made, and what openssl said about
// them.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../test_util.hpp"
#include "tlslab/bytes.hpp"

namespace tlslab::test {

inline std::filesystem::path pki_path(const std::string& relative) {
  return data_path("pki/" + relative);
}

inline Bytes read_bytes(const std::filesystem::path& p) {
  const std::string s = read_text(p);
  return Bytes(s.begin(), s.end());
}

// key=value lines (NAME.expect, passwords.txt).
inline std::map<std::string, std::string> read_expect(const std::filesystem::path& p) {
  std::map<std::string, std::string> out;
  std::istringstream in(read_text(p));
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

// The certificate names make.sh produced (every certs/NAME.expect), sorted.
inline std::vector<std::string> cert_names() {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(pki_path("certs"))) {
    if (e.path().extension() == ".expect") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// "AB:CD:.." -> "abcd..".
inline std::string plain_hex(const std::string& colon_hex) {
  return to_hex(from_hex(colon_hex));
}

}  // namespace tlslab::test

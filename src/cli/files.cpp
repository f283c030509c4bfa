#include "files.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "tlslab/error.hpp"

namespace tlslab::cli {

std::string read_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(AlertDescription::decode_error,
                "cannot read the " + std::string(what) + " " + path);
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

namespace {

std::size_t add_file(pki::TrustStore& store, const std::string& path) {
  const std::string data = read_file(path, "trust anchor file");
  try {
    return store.add_certificates(view(data));
  } catch (const Error& e) {
    fail(e.alert(), "trust store: " + path + ": " + e.reason());
  }
}

}  // namespace

std::size_t add_trust_anchors(pki::TrustStore& store, const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return add_file(store, path);
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(path)) {
    const auto ext = e.path().extension().string();
    if (ext == ".pem" || ext == ".crt" || ext == ".cer") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());  // a deterministic anchor order
  std::size_t added = 0;
  for (const auto& f : files) {
    try {
      added += add_file(store, f.string());
    } catch (const Error&) {
      // Not a certificate file (keys, bundles of other objects): not an anchor.
    }
  }
  return added;
}

vectors::Vector load_vector(const std::string& path) {
  const std::string text = read_file(path, "vector");
  try {
    return vectors::parse_vector(std::string_view(text));
  } catch (const Error& e) {
    fail(e.alert(), path + ": " + e.reason());
  }
}

vectors::pcap::Capture load_capture(const std::string& path,
                                    vectors::pcap::TcpStream::Limits limits) {
  const std::string data = read_file(path, "capture");
  return vectors::pcap::read_capture(view(data), path, limits);
}

}  // namespace tlslab::cli

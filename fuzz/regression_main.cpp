// Plain driver for the fuzz targets (no clang, no libFuzzer): runs LLVMFuzzerTestOneInput on
// every file of the corpus directories given as arguments, so the corpora are a regression test
// in the normal `meson test`. A target that finds a bug aborts, which fails the test.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  std::size_t files = 0;
  for (int a = 1; a < argc; ++a) {
    const std::filesystem::path dir(argv[a]);
    if (!std::filesystem::is_directory(dir)) {
      std::cerr << "not a corpus directory: " << dir << "\n";
      return 1;
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      const std::vector<std::uint8_t> data{std::istreambuf_iterator<char>(in),
                                           std::istreambuf_iterator<char>()};
      LLVMFuzzerTestOneInput(data.data(), data.size());
      ++files;
    }
  }
  if (files == 0) {
    std::cerr << "no corpus files found\n";
    return 1;
  }
  std::cout << files << " corpus inputs ran without a finding\n";
  return 0;
}

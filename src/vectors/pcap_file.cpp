// Reading pcap and pcapng files with libpcap (it knows both formats, their byte orders and
// timestamp resolutions); every frame goes to a CaptureBuilder.
#include <pcap/pcap.h>

#include <cstdio>
#include <memory>
#include <vector>

#include "tlslab/error.hpp"
#include "tlslab/vectors/pcap.hpp"

namespace tlslab::vectors::pcap {
namespace {

struct PcapClose {
  void operator()(pcap_t* p) const noexcept { pcap_close(p); }
};
using PcapHandle = std::unique_ptr<pcap_t, PcapClose>;

Capture read_all(pcap_t* p, const std::string& name, TcpStream::Limits limits) {
  CaptureBuilder builder(name, pcap_datalink(p), limits);
  for (std::size_t number = 1;; ++number) {
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    const int status = pcap_next_ex(p, &header, &data);
    if (status == PCAP_ERROR_BREAK) break;  // end of file
    if (status != 1) {
      // libpcap says what is wrong ("truncated dump file; tried to read 60 captured bytes, only
      // got 14"); we say where.
      fail(AlertDescription::decode_error,
           name + ": packet " + std::to_string(number) + ": " + pcap_geterr(p));
    }
    builder.add_frame(ByteView(data, header->caplen), header->ts.tv_sec);
  }
  return std::move(builder).finish();
}

}  // namespace

std::string libpcap_version() {
  return pcap_lib_version();
}

Capture read_capture(ByteView file, const std::string& name, TcpStream::Limits limits) {
  // libpcap reads from a FILE*: fmemopen over a copy (it wants a writable buffer, and refuses an
  // empty one, hence one spare byte).
  std::vector<char> copy(file.begin(), file.end());
  copy.push_back(0);
  std::FILE* stream = fmemopen(copy.data(), file.empty() ? 1 : file.size(), "rb");
  if (stream == nullptr) fail(AlertDescription::internal_error, name + ": fmemopen failed");
  char error[PCAP_ERRBUF_SIZE] = {};
  PcapHandle p(pcap_fopen_offline(stream, error));
  if (!p) {
    std::fclose(stream);  // libpcap closes it only once it owns it (pcap_close)
    fail(AlertDescription::decode_error, name + ": " + error);
  }
  return read_all(p.get(), name, limits);
}

}  // namespace tlslab::vectors::pcap

// The file system, for the commands (issue 14: file I/O stays out of the library, which takes
// bytes): whole files, trust anchors from files and directories, vectors and captures by path.
#pragma once

#include <string>

#include "tlslab/pki/trust_store.hpp"
#include "tlslab/vectors/pcap.hpp"
#include "tlslab/vectors/vector.hpp"

namespace tlslab::cli {

// A whole file; Error(decode_error, "cannot read the WHAT PATH") when it cannot be opened.
std::string read_file(const std::string& path, const char* what);

// Every certificate of a PEM or DER file (Error(decode_error, "trust store: PATH: ...") when one
// does not parse), or of every *.pem / *.crt / *.cer file of a directory such as /etc/ssl/certs,
// in name order, skipping files without a certificate (the directory holds other things too).
// Returns how many anchors were added.
std::size_t add_trust_anchors(pki::TrustStore& store, const std::string& path);

// A vector file; errors name the file ("PATH: field: what").
vectors::Vector load_vector(const std::string& path);

// A pcap or pcapng file; errors name the file ("PATH: packet N: ...").
vectors::pcap::Capture load_capture(const std::string& path,
                                    vectors::pcap::TcpStream::Limits limits = {});

}  // namespace tlslab::cli

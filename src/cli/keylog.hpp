// The NSS key-log file for the CLI's commands (--keylog FILE, else $SSLKEYLOGFILE), as browsers
// and curl write it, so that Wireshark can decrypt what tlslab sends.
#pragma once

#include <functional>
#include <string>

namespace tlslab::cli {

// A callback for CommonConfig::keylog that appends each line to `path`, or to the file named by
// the SSLKEYLOGFILE environment variable when `path` is empty; an empty function when neither is
// set. Throws std::runtime_error naming the file when it cannot be opened for appending.
std::function<void(const std::string&)> open_keylog(const std::string& path);

}  // namespace tlslab::cli

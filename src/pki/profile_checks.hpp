// The certificate profile path validation enforces beyond RFC 5280 §6 (internal to the pki
// layer): the structural MUSTs of RFC 5280 §4.1-§4.2 a conforming CA follows and the CA/Browser
// Forum baseline requirements, checked per certificate by the role it plays in the path.
#pragma once

#include <optional>
#include <string>

#include "tlslab/alert.hpp"
#include "tlslab/pki/x509.hpp"

namespace tlslab::pki::detail {

struct Failure {
  AlertDescription alert;
  std::string reason;
};

// `certificate "CN=leaf,O=Example"`, for reasons.
std::string who(const Certificate& c);

enum class Role { leaf, intermediate, anchor };

std::optional<Failure> check_profile(const Certificate& c, Role role);

}  // namespace tlslab::pki::detail

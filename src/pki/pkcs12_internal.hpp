// Pieces shared by the PKCS#12 sources (src/pki/pkcs12_*.cpp); not a public interface.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/pki/algorithm.hpp"
#include "tlslab/pki/der.hpp"
#include "tlslab/pki/pkcs12.hpp"

namespace tlslab::pki::pkcs12_detail {

// Throws Pkcs12Error(kind, reason).
[[noreturn]] void fail_kind(Pkcs12ErrorKind kind, std::string reason);
// A bound exceeded: "<where>: <what> <value> exceeds the limit <limit>".
[[noreturn]] void fail_limit(const std::string& where, std::string_view what, std::size_t value,
                             std::size_t limit);

// The running totals a file is checked against while its bags are read.
struct BagBudget {
  std::size_t bags = 0;
};

// pkcs12_bags.cpp: reads a SafeContents (the next element of `r`, a SEQUENCE OF SafeBag) into
// `out`, nested safeContentsBags flattened after their bag with depth + 1. Shrouded keys are
// kept encrypted.
void read_safe_contents(der::Reader& r, std::size_t depth, std::vector<Pkcs12Bag>& out,
                        BagBudget& budget, const Pkcs12Limits& limits);
// The same over a whole buffer (a plain or decrypted SafeContents), errors prefixed `context`.
void parse_safe_contents(ByteView der, const std::string& context, std::vector<Pkcs12Bag>& out,
                         BagBudget& budget, const Pkcs12Limits& limits);

// pkcs12_decrypt.cpp: the encryption named by an AlgorithmIdentifier (PBES2 or a pkcs-12PbeIds
// scheme); anything else is unsupported, naming the algorithm.
Pkcs12Encryption read_encryption(const AlgorithmIdentifier& algorithm, const der::Reader& at,
                                 der::FieldName field);

// One encoding of the password (see Pkcs12PasswordForm).
struct PasswordCandidate {
  Pkcs12PasswordForm form = Pkcs12PasswordForm::given;
  SecretBytes bmp;   // for the PKCS#12 KDF
  SecretBytes utf8;  // for PBKDF2 (PBES2, PBMAC1)
};
// OpenSSL's order of attempts for this password (see load_pkcs12). `for_mac`: the order MAC
// verification uses (absent before 00 00); else the one decryption without a MAC uses.
std::vector<PasswordCandidate> password_candidates(std::optional<std::string_view> password,
                                                   bool for_mac);

// Whether `candidate` verifies the MAC over `auth_safe` (its limits were checked when it was
// read).
bool mac_verifies(const Pkcs12Mac& mac, ByteView auth_safe, const PasswordCandidate& candidate,
                  crypto::Provider& provider);

// Decrypts with the encryption named by `algorithm_der` (an AlgorithmIdentifier as read).
// `where` starts the reasons. Wrong password: Error(decrypt_error); limits: illegal_parameter.
SecretBytes decrypt(ByteView algorithm_der, ByteView ciphertext, const PasswordCandidate& candidate,
                    const Pkcs12Limits& limits, const std::string& where);

}  // namespace tlslab::pki::pkcs12_detail

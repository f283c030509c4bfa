// Opening a PKCS#12 file with a password (RFC 7292 §5.1 in reverse): verify the MAC, decrypt
// each layer, open the shrouded keys, then pair the key with its certificate chain.
#include <algorithm>
#include <string>

#include "pkcs12_internal.hpp"
#include "tlslab/error.hpp"
#include "tlslab/pki/x509.hpp"

namespace tlslab::pki {

using namespace pkcs12_detail;

namespace {

// Parses the decrypted SafeContents; a decryption that "succeeded" with a wrong key (padding
// right by chance, or RC4 which has none) gives garbage that does not parse: report that as a
// wrong password, as decrypt_pkcs8 does.
template <class F>
void as_wrong_password_if_garbage(const std::string& where, F&& body) {
  try {
    body();
  } catch (const Error& e) {
    const Pkcs12ErrorKind k = Pkcs12Error::kind_of(e);
    if (k != Pkcs12ErrorKind::malformed) throw;
    fail_kind(Pkcs12ErrorKind::wrong_password,
              where + ": wrong password or corrupt data (the decrypted data does not parse: " +
                  e.reason() + ")");
  }
}

void open_safe(Pkcs12SafeContents& safe, std::size_t index, const PasswordCandidate& pw,
               BagBudget& budget, const Pkcs12Limits& limits) {
  const std::string where = "PKCS#12.AuthenticatedSafe[" + std::to_string(index) + "]";
  const SecretBytes plain =
      decrypt(safe.encryption_algorithm, safe.encrypted_content, pw, limits, where);
  std::vector<Pkcs12Bag> bags;
  BagBudget trial = budget;
  as_wrong_password_if_garbage(
      where, [&] { parse_safe_contents(plain, where + ".decrypted", bags, trial, limits); });
  budget = trial;
  safe.bags = std::move(bags);
  safe.decrypted = true;
}

void open_key(Pkcs12Bag& bag, const std::string& where, const PasswordCandidate& pw,
              const Pkcs12Limits& limits) {
  const SecretBytes plain =
      decrypt(bag.encryption_algorithm, bag.encrypted_data, pw, limits, where);
  as_wrong_password_if_garbage(where, [&] { bag.key = parse_pkcs8(plain); });
}

// Runs `attempt` with each candidate until one does not fail with a wrong password; returns it.
template <class F>
const PasswordCandidate& first_that_opens(const std::vector<PasswordCandidate>& candidates,
                                          F&& attempt) {
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    try {
      attempt(candidates[i]);
      return candidates[i];
    } catch (const Error& e) {
      if (Pkcs12Error::kind_of(e) != Pkcs12ErrorKind::wrong_password || i + 1 == candidates.size())
        throw;
    }
  }
  fail_kind(Pkcs12ErrorKind::wrong_password, "PKCS#12: no usable encoding of the password");
}

bool same_key_id(const Pkcs12Attributes& a, const Pkcs12Attributes& b) {
  return a.local_key_id && b.local_key_id && *a.local_key_id == *b.local_key_id;
}

void pair_chain(Pkcs12Contents& c, crypto::Provider& provider) {
  std::vector<Certificate> parsed;
  for (std::size_t i = 0; i < c.certificates.size(); ++i) {
    try {
      parsed.push_back(Certificate::parse(c.certificates[i].der, AlertDescription::decode_error));
    } catch (const Error& e) {
      throw Error(e.alert(), "PKCS#12 certificate " + std::to_string(i) + ": " + e.reason());
    }
  }
  std::vector<bool> used(parsed.size(), false);
  std::optional<std::size_t> leaf;
  if (!c.keys.empty()) {
    for (std::size_t i = 0; i < parsed.size() && !leaf; ++i) {
      if (same_key_id(c.key_attributes[0], c.certificates[i].attributes)) leaf = i;
    }
    if (!leaf) {
      std::shared_ptr<const crypto::PrivateKey> key;
      try {
        key = provider.import_private_key(c.keys[0].key);
      } catch (const Error& e) {
        c.notes.push_back("key not usable for pairing by public key: " + e.reason());
      }
      for (std::size_t i = 0; key && i < parsed.size() && !leaf; ++i) {
        const auto& pk = parsed[i].public_key().key;
        if (pk && key_matches(*key, *pk)) leaf = i;
      }
    }
  }
  if (leaf) {
    std::size_t current = *leaf;
    c.chain.push_back(current);
    used[current] = true;
    while (!parsed[current].self_issued()) {
      std::optional<std::size_t> next;
      for (std::size_t i = 0; i < parsed.size() && !next; ++i) {
        if (used[i]) continue;
        if (!std::ranges::equal(parsed[i].subject().der, parsed[current].issuer().der)) continue;
        // Name match first; the signature decides between candidates with the same name
        // when the issuer's key is one tlslab can import.
        bool signed_by = true;
        try {
          if (const auto& pk = parsed[i].public_key().key) {
            signed_by = parsed[current].verify_signature(*provider.import_public_key(*pk));
          }
        } catch (const Error&) {
          signed_by = true;  // unsupported algorithm: the name match stands
        }
        if (signed_by) next = i;
      }
      if (!next) break;
      current = *next;
      used[current] = true;
      c.chain.push_back(current);
    }
  }
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    if (!used[i]) c.extras.push_back(i);
  }
}

}  // namespace

Pkcs12Contents load_pkcs12(ByteView file, std::optional<std::string_view> password,
                           crypto::Provider& provider, const Pkcs12Limits& limits) {
  try {
    Pkcs12Contents c;
    c.structure = parse_pkcs12_structure(file, limits);
    Pkcs12Structure& s = c.structure;
    c.notes = s.notes;

    std::vector<PasswordCandidate> candidates = password_candidates(password, !!s.mac);
    if (candidates.empty()) {
      fail_kind(Pkcs12ErrorKind::wrong_password, "PKCS#12: the password is not valid UTF-8");
    }
    if (s.mac) {
      // RFC 7292 §5.1 step 4 in reverse: the MAC first; the encoding that verifies it is the
      // one the layers were encrypted with (one password for both, as every producer does).
      const PasswordCandidate* found = nullptr;
      for (const auto& pw : candidates) {
        if (mac_verifies(*s.mac, s.auth_safe, pw, provider)) {
          found = &pw;
          break;
        }
      }
      if (!found) {
        fail_kind(Pkcs12ErrorKind::wrong_password,
                  "PKCS#12.PFX.macData: MAC verification failed (" + s.mac->describe() +
                      "): wrong password or corrupt file");
      }
      c.mac_verified = true;
      c.password_form = found->form;
      candidates = {*found};
    }

    BagBudget budget;
    for (const auto& safe : s.safes)
      budget.bags += safe.bags.size();
    for (std::size_t i = 0; i < s.safes.size(); ++i) {
      Pkcs12SafeContents& safe = s.safes[i];
      if (safe.decrypted) continue;
      const PasswordCandidate& used = first_that_opens(
          candidates, [&](const PasswordCandidate& pw) { open_safe(safe, i, pw, budget, limits); });
      c.password_form = used.form;
    }

    for (std::size_t i = 0; i < s.safes.size(); ++i) {
      for (std::size_t j = 0; j < s.safes[i].bags.size(); ++j) {
        Pkcs12Bag& bag = s.safes[i].bags[j];
        const std::string where = "PKCS#12.AuthenticatedSafe[" + std::to_string(i) + "].SafeBag[" +
                                  std::to_string(j) + "] (" + bag.bag_id + ")";
        if (bag.type == Pkcs12Bag::Type::shrouded_key) {
          const PasswordCandidate& used = first_that_opens(
              candidates, [&](const PasswordCandidate& pw) { open_key(bag, where, pw, limits); });
          c.password_form = used.form;
        }
        if (bag.key) {
          c.keys.push_back(*bag.key);
          c.key_attributes.push_back(bag.attributes);
        } else if (bag.type == Pkcs12Bag::Type::cert && !bag.certificate.empty()) {
          c.certificates.push_back({bag.certificate, bag.attributes});
        }
        if (!bag.note.empty()) c.notes.push_back(where + ": " + bag.note);
      }
    }
    pair_chain(c, provider);
    return c;
  } catch (const Pkcs12Error&) {
    throw;
  } catch (const Error& e) {
    throw Pkcs12Error(Pkcs12Error::kind_of(e), e.reason());
  }
}

Identity pkcs12_identity(const Pkcs12Contents& contents, crypto::Provider& provider) {
  if (contents.keys.empty()) {
    fail_kind(Pkcs12ErrorKind::malformed, "PKCS#12: no private key in the file");
  }
  if (contents.chain.empty()) {
    fail_kind(Pkcs12ErrorKind::malformed,
              "PKCS#12: no certificate matches the private key (by localKeyId or public key)");
  }
  Identity id;
  for (const std::size_t i : contents.chain)
    id.chain.push_back(contents.certificates[i].der);
  id.key = provider.import_private_key(contents.keys[0].key);
  return id;
}

}  // namespace tlslab::pki

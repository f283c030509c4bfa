// describe_config / apply_config and the scripted randomness of a side (side_config.hpp).
#include "tlslab/vectors/side_config.hpp"

#include <algorithm>

#include "tlslab/error.hpp"
#include "tlslab/registry.hpp"

namespace tlslab::vectors {

using nlohmann::json;

namespace {

[[noreturn]] void bad(const std::string& field, const std::string& what) {
  fail(AlertDescription::decode_error, field + ": " + what);
}

template <class NameOf>
json name_list(const std::vector<std::uint16_t>& codes, NameOf name_of) {
  if (codes.empty()) return "default";
  json out = json::array();
  for (const auto code : codes) {
    const auto name = name_of(code);
    out.push_back(name ? json(std::string(*name)) : json(code));
  }
  return out;
}

// A list of names (or numbers for code points without one), or "default" for the empty list.
std::vector<std::uint16_t> codes(const json& v, const std::string& field, const char* what,
                                 std::optional<std::uint16_t> (*code_of)(std::string_view)) {
  if (v == "default") return {};
  if (!v.is_array()) bad(field, "neither \"default\" nor an array");
  std::vector<std::uint16_t> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string at = field + "[" + std::to_string(i) + "]";
    if (v[i].is_number_unsigned() && v[i].get<std::uint64_t>() <= 0xffff) {
      out.push_back(v[i].get<std::uint16_t>());
      continue;
    }
    if (!v[i].is_string()) bad(at, "not a name or a 16-bit number");
    const auto name = v[i].get<std::string>();
    const auto code = code_of(name);
    if (!code) bad(at, std::string("unknown ") + what + " \"" + name + "\"");
    out.push_back(*code);
  }
  return out;
}

std::optional<std::uint16_t> suite_code(std::string_view name) {
  const auto* s = registry::find_cipher_suite(name);
  return s ? std::optional<std::uint16_t>(s->code) : std::nullopt;
}
std::optional<std::uint16_t> group_code(std::string_view name) {
  return registry::group_code(name);
}
std::optional<std::uint16_t> scheme_code(std::string_view name) {
  return registry::signature_scheme_code(name);
}

// "default" in a vector's signature_schemes is the default list of vector format v1, when the
// vectors were first written: the live default has grown since (ecdsa_secp521r1_sha512 and the
// SHA-224 pairs, issue 12), and a recorded side must keep sending the bytes it sent. New side
// descriptions write the effective list out, so they never depend on a default.
std::vector<std::uint16_t> v1_default_signature_schemes() {
  return {0x0403, 0x0503, 0x0807, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601};
}

std::string ems_name(handshake::ExtendedMasterSecret ems) {
  switch (ems) {
    case handshake::ExtendedMasterSecret::require:
      return "require";
    case handshake::ExtendedMasterSecret::off:
      return "off";
    case handshake::ExtendedMasterSecret::prefer:
      break;
  }
  return "prefer";
}

std::string client_auth_name(handshake::ClientAuth a) {
  switch (a) {
    case handshake::ClientAuth::optional:
      return "optional";
    case handshake::ClientAuth::required:
      return "required";
    case handshake::ClientAuth::none:
      break;
  }
  return "none";
}

json describe_common(const handshake::CommonConfig& c) {
  return {{"cipher_suites", name_list(c.cipher_suites, registry::cipher_suite_name)},
          {"groups", name_list(c.groups, registry::group_name)},
          {"signature_schemes",
           name_list(c.signature_schemes.empty() ? handshake::default_signature_schemes()
                                                 : c.signature_schemes,
                     registry::signature_scheme_name)},
          {"alpn", c.alpn},
          {"extended_master_secret", ems_name(c.ems)},
          {"record_size_limit", c.record_size_limit}};
}

const json* member(const json& doc, const char* key) {
  const auto it = doc.find(key);
  return it == doc.end() ? nullptr : &*it;
}

bool get_bool(const json& doc, const char* key, const std::string& field, bool current) {
  const json* v = member(doc, key);
  if (v == nullptr) return current;
  if (!v->is_boolean()) bad(field + "." + key, "not true or false");
  return v->get<bool>();
}

std::uint64_t get_uint(const json& doc, const char* key, const std::string& field,
                       std::uint64_t current, std::uint64_t max) {
  const json* v = member(doc, key);
  if (v == nullptr) return current;
  // (nlohmann keeps a number written from a signed integer as signed, even when positive.)
  if (!v->is_number_integer() || v->get<std::int64_t>() < 0 || v->get<std::uint64_t>() > max) {
    bad(field + "." + key, "not a number from 0 to " + std::to_string(max));
  }
  return v->get<std::uint64_t>();
}

// One of `names`, as its index.
std::size_t get_choice(const json& doc, const char* key, const std::string& field,
                       std::initializer_list<const char*> names, std::size_t current) {
  const json* v = member(doc, key);
  if (v == nullptr) return current;
  std::size_t i = 0;
  std::string list;
  for (const char* n : names) {
    if (v->is_string() && v->get<std::string>() == n) return i;
    list += std::string(i == 0 ? "" : ", ") + n;
    ++i;
  }
  bad(field + "." + key, "must be one of " + list);
}

void apply_common(const json& doc, const std::string& field, handshake::CommonConfig& c) {
  if (!doc.is_object()) bad(field, "not an object");
  if (const json* v = member(doc, "cipher_suites")) {
    c.cipher_suites = codes(*v, field + ".cipher_suites", "cipher suite", suite_code);
    for (std::size_t i = 0; i < c.cipher_suites.size(); ++i) {
      const auto* s = registry::find_cipher_suite(c.cipher_suites[i]);
      if (s == nullptr || !s->implemented) {
        bad(field + ".cipher_suites[" + std::to_string(i) + "]", "not a suite tlslab implements");
      }
    }
  }
  if (const json* v = member(doc, "groups")) {
    c.groups = codes(*v, field + ".groups", "group", group_code);
  }
  if (const json* v = member(doc, "signature_schemes")) {
    c.signature_schemes =
        *v == "default" ? v1_default_signature_schemes()
                        : codes(*v, field + ".signature_schemes", "signature scheme", scheme_code);
  }
  if (const json* v = member(doc, "alpn")) {
    if (!v->is_array()) bad(field + ".alpn", "not an array");
    c.alpn.clear();
    for (std::size_t i = 0; i < v->size(); ++i) {
      if (!(*v)[i].is_string()) bad(field + ".alpn[" + std::to_string(i) + "]", "not a string");
      c.alpn.push_back((*v)[i].get<std::string>());
    }
  }
  c.ems = static_cast<handshake::ExtendedMasterSecret>(
      get_choice(doc, "extended_master_secret", field, {"prefer", "require", "off"},
                 static_cast<std::size_t>(c.ems)));
  c.record_size_limit = static_cast<std::uint16_t>(
      get_uint(doc, "record_size_limit", field, c.record_size_limit, 16384));
}

}  // namespace

// The enums' order is the order of the names above; keep them in step.
static_assert(static_cast<int>(handshake::ExtendedMasterSecret::prefer) == 0 &&
              static_cast<int>(handshake::ExtendedMasterSecret::require) == 1 &&
              static_cast<int>(handshake::ExtendedMasterSecret::off) == 2);
static_assert(static_cast<int>(handshake::ClientAuth::none) == 0 &&
              static_cast<int>(handshake::ClientAuth::optional) == 1 &&
              static_cast<int>(handshake::ClientAuth::required) == 2);

json describe_config(const handshake::ClientConfig& config) {
  json out = describe_common(config);
  out["server_name"] = config.server_name;
  out["session_tickets"] = config.session_tickets;
  out["max_fragment_length"] = config.max_fragment_length;
  return out;
}

json describe_config(const handshake::ServerConfig& config) {
  json out = describe_common(config);
  out["client_auth"] = client_auth_name(config.client_auth);
  out["send_ca_names"] = config.send_ca_names;
  out["prefer_client_cipher_order"] = config.prefer_client_cipher_order;
  static const char* const kUnknownServerName[] = {"warn", "fatal", "ignore"};
  out["unknown_server_name"] =
      kUnknownServerName[static_cast<std::size_t>(config.unknown_server_name)];
  out["session_cache"] = config.session_cache != nullptr;
  out["session_tickets"] = config.ticket_keys != nullptr;
  out["session_lifetime"] = config.session_lifetime;
  return out;
}

void apply_config(const json& doc, const std::string& field, handshake::ClientConfig& config) {
  apply_common(doc, field, config);
  if (const json* v = member(doc, "server_name")) {
    if (!v->is_string()) bad(field + ".server_name", "not a string");
    config.server_name = v->get<std::string>();
  }
  config.session_tickets = get_bool(doc, "session_tickets", field, config.session_tickets);
  config.max_fragment_length = static_cast<std::uint8_t>(
      get_uint(doc, "max_fragment_length", field, config.max_fragment_length, 4));
}

void apply_config(const json& doc, const std::string& field, handshake::ServerConfig& config) {
  apply_common(doc, field, config);
  config.client_auth = static_cast<handshake::ClientAuth>(
      get_choice(doc, "client_auth", field, {"none", "optional", "required"},
                 static_cast<std::size_t>(config.client_auth)));
  config.send_ca_names = get_bool(doc, "send_ca_names", field, config.send_ca_names);
  config.prefer_client_cipher_order =
      get_bool(doc, "prefer_client_cipher_order", field, config.prefer_client_cipher_order);
  // Absent from sides recorded before the server checked server_name: those ignored it.
  config.unknown_server_name = static_cast<handshake::UnknownServerName>(
      get_choice(doc, "unknown_server_name", field, {"warn", "fatal", "ignore"},
                 static_cast<std::size_t>(handshake::UnknownServerName::ignore)));
  if (get_bool(doc, "session_cache", field, config.session_cache != nullptr)) {
    if (!config.session_cache) config.session_cache = handshake::make_session_cache();
  } else {
    config.session_cache.reset();
  }
  // The ticket keys draw their key from config.provider (which must be set) when made: with a
  // seeded provider these are the first bytes drawn after the identities are loaded, the order
  // in which `tlslab server` makes them too.
  if (!get_bool(doc, "session_tickets", field, config.ticket_keys != nullptr)) {
    config.ticket_keys.reset();
  } else if (!config.ticket_keys) {
    config.ticket_keys = std::make_shared<handshake::TicketKeys>(config.provider);
  }
  config.session_lifetime = static_cast<std::int64_t>(
      get_uint(doc, "session_lifetime", field, static_cast<std::uint64_t>(config.session_lifetime),
               std::uint64_t{1} << 40));
}

crypto::Script script_from_json(const json& doc, const std::string& field) {
  if (!doc.is_object()) bad(field, "not an object");
  crypto::Script script;
  auto hex = [&](const json& v, const std::string& at) {
    if (!v.is_string()) bad(at, "not a hex string");
    try {
      return from_hex(v.get<std::string>());
    } catch (const std::exception&) {
      bad(at, "not hex");
    }
  };
  if (const json* v = member(doc, "seed")) {
    Bytes seed = hex(*v, field + ".seed");
    if (seed.size() != 32) bad(field + ".seed", std::to_string(seed.size()) + " bytes, not 32");
    script.seed.emplace();
    std::copy(seed.begin(), seed.end(), script.seed->begin());
    secure_wipe(seed.data(), seed.size());
  }
  if (const json* v = member(doc, "random")) script.random = hex(*v, field + ".random");
  if (const json* v = member(doc, "keys")) {
    if (!v->is_array()) bad(field + ".keys", "not an array");
    for (std::size_t i = 0; i < v->size(); ++i) {
      const std::string at = field + ".keys[" + std::to_string(i) + "]";
      const json& k = (*v)[i];
      if (!k.is_object() || !k.contains("group") || !k.contains("private")) {
        bad(at, "not an object with group and private");
      }
      const auto group = k["group"].is_string()
                             ? registry::group_code(k["group"].get<std::string>())
                             : std::nullopt;
      if (!group) bad(at + ".group", "not the name of a group");
      Bytes priv = hex(k["private"], at + ".private");
      script.ephemeral_keys.emplace_back(static_cast<crypto::NamedGroup>(*group),
                                         SecretBytes(priv.begin(), priv.end()));
      secure_wipe(priv.data(), priv.size());
    }
  }
  if (!script.seed && script.random.empty() && script.ephemeral_keys.empty()) {
    bad(field, "gives no seed, random or keys");
  }
  return script;
}

json script_seed_json(const std::array<std::uint8_t, 32>& seed) {
  return {{"seed", to_hex(seed)}};
}

}  // namespace tlslab::vectors

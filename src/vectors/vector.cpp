// Reading and writing the vector format (vectors/README.md). The reader is strict about what
// replay relies on (types, hex, directions, known names) and names the JSON field of every
// error; free-form parts (config, ephemeral_keys) are kept as they are.
#include "tlslab/vectors/vector.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <iomanip>
#include <sstream>

#include "tlslab/error.hpp"
#include "tlslab/pki/path_validation.hpp"
#include "tlslab/pki/pem.hpp"
#include "tlslab/registry.hpp"

namespace tlslab::vectors {

namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& field, const std::string& what) {
  fail(AlertDescription::decode_error, "vector field " + field + ": " + what);
}

const json* member(const json& obj, const std::string& key) {
  const auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

std::string get_string(const json& obj, const std::string& key, const std::string& field,
                       bool required) {
  const json* v = member(obj, key);
  if (v == nullptr) {
    if (required) bad(field, "missing");
    return {};
  }
  if (!v->is_string()) bad(field, "not a string");
  return v->get<std::string>();
}

Bytes hex_field(const json& v, const std::string& field) {
  if (!v.is_string()) bad(field, "not a string");
  const std::string text = v.get<std::string>();
  if (text.size() % 2 != 0) bad(field, "odd number of hex digits");
  for (const char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) bad(field, "not hex");
  }
  return from_hex(text);
}

// A certificate entry: PEM text (possibly several blocks) or the DER as hex.
void add_certificates(const json& v, const std::string& field, std::vector<Bytes>& out) {
  if (!v.is_string()) bad(field, "not a string");
  const std::string text = v.get<std::string>();
  if (text.find("-----BEGIN") == std::string::npos) {
    out.push_back(hex_field(v, field));
    return;
  }
  std::vector<pki::PemBlock> blocks;
  try {
    blocks = pki::parse_pem(text);
  } catch (const Error& e) {
    bad(field, e.reason());
  }
  std::size_t n = 0;
  for (auto& b : blocks) {
    if (b.label == "CERTIFICATE") {
      out.push_back(std::move(b.der));
      ++n;
    }
  }
  if (n == 0) bad(field, "no CERTIFICATE block");
}

std::vector<Bytes> certificate_list(const json& v, const std::string& field) {
  if (!v.is_array()) bad(field, "not an array");
  std::vector<Bytes> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    add_certificates(v[i], field + "[" + std::to_string(i) + "]", out);
  }
  return out;
}

Direction direction(const json& v, const std::string& field) {
  if (v == "client") return Direction::client;
  if (v == "server") return Direction::server;
  bad(field, "must be \"client\" or \"server\"");
}

std::array<std::uint8_t, 32> random_field(const json& v, const std::string& field) {
  const Bytes b = hex_field(v, field);
  if (b.size() != 32) bad(field, std::to_string(b.size()) + " bytes, a random has 32");
  std::array<std::uint8_t, 32> out{};
  std::copy(b.begin(), b.end(), out.begin());
  return out;
}

Provenance provenance(const json& doc, const std::string& key) {
  const json* v = member(doc, key);
  if (v == nullptr) bad(key, "missing");
  if (!v->is_object()) bad(key, "not an object");
  Provenance p;
  p.producer = get_string(*v, "producer", key + ".producer", true);
  p.version = get_string(*v, "version", key + ".version", false);
  if (const json* c = member(*v, "command")) {
    if (!c->is_array()) bad(key + ".command", "not an array");
    for (std::size_t i = 0; i < c->size(); ++i) {
      if (!(*c)[i].is_string()) bad(key + ".command[" + std::to_string(i) + "]", "not a string");
      p.command.push_back((*c)[i].get<std::string>());
    }
  }
  if (const json* s = member(*v, "exit_status")) {
    if (!s->is_number_integer()) bad(key + ".exit_status", "not an integer");
    p.exit_status = s->get<int>();
  }
  if (const json* c = member(*v, "config")) {
    if (!c->is_object()) bad(key + ".config", "not an object");
    p.config = *c;
  }
  return p;
}

std::optional<Bytes> key_text(const json& keys, const std::string& role) {
  const json* v = member(keys, role);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) bad("private_keys." + role, "not a string");
  const std::string text = v->get<std::string>();
  if (text.find("-----BEGIN") != std::string::npos) return Bytes(text.begin(), text.end());
  return hex_field(*v, "private_keys." + role);
}

Expectations expectations(const json& doc) {
  Expectations e;
  const json* v = member(doc, "expect");
  if (v == nullptr) return e;
  if (!v->is_object()) bad("expect", "not an object");
  if (const json* s = member(*v, "suite")) {
    if (!s->is_string()) bad("expect.suite", "not a string");
    const auto* info = registry::find_cipher_suite(s->get<std::string>());
    if (info == nullptr) bad("expect.suite", "unknown IANA cipher suite name " + s->dump());
    e.suite = info->code;
  }
  if (const json* r = member(*v, "resumed")) {
    if (!r->is_boolean()) bad("expect.resumed", "not a boolean");
    e.resumed = r->get<bool>();
  }
  if (const json* a = member(*v, "alert")) {
    if (!a->is_object()) bad("expect.alert", "not an object");
    ExpectedAlert alert;
    const json* sender = member(*a, "sender");
    if (sender == nullptr) bad("expect.alert.sender", "missing");
    alert.sender = direction(*sender, "expect.alert.sender");
    const std::string name = get_string(*a, "description", "expect.alert.description", true);
    bool found = false;
    for (int code = 0; code < 256 && !found; ++code) {
      const auto n = alert_name(static_cast<std::uint8_t>(code));
      if (n && *n == name) {
        alert.description = static_cast<AlertDescription>(code);
        found = true;
      }
    }
    if (!found) bad("expect.alert.description", "unknown alert \"" + name + "\"");
    e.alert = alert;
  }
  return e;
}

}  // namespace

std::string_view direction_name(Direction d) noexcept {
  return d == Direction::client ? "client" : "server";
}

std::int64_t parse_utc_time(std::string_view text) {
  std::tm tm{};
  std::istringstream in{std::string(text)};
  in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%S");
  if (in.fail()) fail(AlertDescription::decode_error, "not an RFC 3339 time");
  std::string rest;
  in >> rest;
  // Fractions of a second are dropped; the offset must be UTC.
  if (!rest.empty() && rest[0] == '.') rest.erase(0, rest.find_first_not_of("0123456789", 1));
  if (rest != "Z" && rest != "+00:00") {
    fail(AlertDescription::decode_error, "time zone \"" + rest + "\" is not UTC (Z)");
  }
  return static_cast<std::int64_t>(timegm(&tm));
}

std::string format_utc_time(std::int64_t seconds) {
  return pki::format_time(seconds);
}

Vector parse_vector(const json& doc) {
  if (!doc.is_object()) bad("(document)", "not a JSON object");
  if (get_string(doc, "format", "format", true) != kFormatName) {
    bad("format", "not \"" + std::string(kFormatName) + "\"");
  }
  Vector v;
  const json* version = member(doc, "format_version");
  if (version == nullptr) bad("format_version", "missing");
  if (!version->is_number_integer() || version->get<int>() != kFormatVersion) {
    bad("format_version", version->dump() + " is not supported (this reader knows " +
                              std::to_string(kFormatVersion) + ")");
  }
  v.name = get_string(doc, "name", "name", true);
  v.description = get_string(doc, "description", "description", false);
  const std::string when = get_string(doc, "captured_at", "captured_at", true);
  try {
    v.captured_at = parse_utc_time(when);
  } catch (const Error& e) {
    bad("captured_at", "\"" + when + "\": " + e.reason());
  }
  v.server_name = get_string(doc, "server_name", "server_name", false);
  v.client = provenance(doc, "client");
  v.server = provenance(doc, "server");
  if (const json* c = member(doc, "certificates")) {
    if (!c->is_object()) bad("certificates", "not an object");
    if (const json* l = member(*c, "client")) {
      v.client_certificates = certificate_list(*l, "certificates.client");
    }
    if (const json* l = member(*c, "server")) {
      v.server_certificates = certificate_list(*l, "certificates.server");
    }
  }
  if (const json* k = member(doc, "private_keys")) {
    if (!k->is_object()) bad("private_keys", "not an object");
    v.client_private_key = key_text(*k, "client");
    v.server_private_key = key_text(*k, "server");
  }
  if (const json* t = member(doc, "trust_anchors")) {
    v.trust_anchors = certificate_list(*t, "trust_anchors");
  }
  if (const json* s = member(doc, "secrets")) {
    if (!s->is_object()) bad("secrets", "not an object");
    if (const json* k = member(*s, "keylog")) {
      if (!k->is_array()) bad("secrets.keylog", "not an array");
      for (std::size_t i = 0; i < k->size(); ++i) {
        if (!(*k)[i].is_string()) bad("secrets.keylog[" + std::to_string(i) + "]", "not a string");
        v.keylog.push_back((*k)[i].get<std::string>());
      }
    }
    if (const json* r = member(*s, "client_random")) {
      v.client_random = random_field(*r, "secrets.client_random");
    }
    if (const json* r = member(*s, "server_random")) {
      v.server_random = random_field(*r, "secrets.server_random");
    }
    if (const json* e = member(*s, "ephemeral_keys")) {
      if (!e->is_object()) bad("secrets.ephemeral_keys", "not an object");
      v.ephemeral_keys = *e;
    }
  }
  const json* flights = member(doc, "flights");
  if (flights == nullptr) bad("flights", "missing");
  if (!flights->is_array()) bad("flights", "not an array");
  for (std::size_t i = 0; i < flights->size(); ++i) {
    const std::string field = "flights[" + std::to_string(i) + "]";
    const json& f = (*flights)[i];
    if (!f.is_object()) bad(field, "not an object");
    Flight flight;
    const json* d = member(f, "direction");
    if (d == nullptr) bad(field + ".direction", "missing");
    flight.direction = direction(*d, field + ".direction");
    const json* records = member(f, "records");
    if (records == nullptr) bad(field + ".records", "missing");
    if (!records->is_array()) bad(field + ".records", "not an array");
    for (std::size_t j = 0; j < records->size(); ++j) {
      flight.records.push_back(
          hex_field((*records)[j], field + ".records[" + std::to_string(j) + "]"));
    }
    v.flights.push_back(std::move(flight));
  }
  v.expect = expectations(doc);
  return v;
}

Vector parse_vector(std::string_view json_text) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::exception& e) {
    // parse_error, and out_of_range for a number no 64-bit type holds (found by fuzz-vector).
    fail(AlertDescription::decode_error, std::string("vector: not JSON: ") + e.what());
  }
  return parse_vector(doc);
}

json vector_to_json(const Vector& v) {
  auto pem_list = [](const std::vector<Bytes>& ders) {
    json out = json::array();
    for (const auto& d : ders)
      out.push_back(pki::encode_pem("CERTIFICATE", d));
    return out;
  };
  auto side = [](const Provenance& p) {
    json out = {{"producer", p.producer}, {"version", p.version}, {"command", p.command}};
    if (p.exit_status) out["exit_status"] = *p.exit_status;
    out["config"] = p.config;
    return out;
  };
  auto key = [](const Bytes& k) {
    const std::string text(k.begin(), k.end());
    return text.find("-----BEGIN") != std::string::npos ? text : to_hex(k);
  };
  json doc = {{"format", kFormatName},
              {"format_version", v.format_version},
              {"name", v.name},
              {"description", v.description},
              {"captured_at", format_utc_time(v.captured_at)}};
  if (!v.server_name.empty()) doc["server_name"] = v.server_name;
  doc["client"] = side(v.client);
  doc["server"] = side(v.server);
  json certs = json::object();
  if (!v.client_certificates.empty()) certs["client"] = pem_list(v.client_certificates);
  if (!v.server_certificates.empty()) certs["server"] = pem_list(v.server_certificates);
  doc["certificates"] = certs;
  json keys = json::object();
  if (v.client_private_key) keys["client"] = key(*v.client_private_key);
  if (v.server_private_key) keys["server"] = key(*v.server_private_key);
  doc["private_keys"] = keys;
  doc["trust_anchors"] = pem_list(v.trust_anchors);
  json secrets = {{"keylog", v.keylog}};
  if (v.client_random) secrets["client_random"] = to_hex(*v.client_random);
  if (v.server_random) secrets["server_random"] = to_hex(*v.server_random);
  if (!v.ephemeral_keys.empty()) secrets["ephemeral_keys"] = v.ephemeral_keys;
  doc["secrets"] = secrets;
  json flights = json::array();
  for (const auto& f : v.flights) {
    json records = json::array();
    for (const auto& r : f.records)
      records.push_back(to_hex(r));
    flights.push_back({{"direction", direction_name(f.direction)}, {"records", records}});
  }
  doc["flights"] = flights;
  json expect = json::object();
  if (v.expect.suite) {
    const auto name = registry::cipher_suite_name(*v.expect.suite);
    expect["suite"] = name ? std::string(*name) : std::to_string(*v.expect.suite);
  }
  if (v.expect.resumed) expect["resumed"] = *v.expect.resumed;
  if (v.expect.alert) {
    expect["alert"] = {{"sender", direction_name(v.expect.alert->sender)},
                       {"description", alert_label(v.expect.alert->description)}};
  }
  doc["expect"] = expect;
  return doc;
}

std::string write_vector(const Vector& v) {
  return vector_to_json(v).dump(1) + "\n";
}

}  // namespace tlslab::vectors

// act() (act.hpp): tlslab's state machine as one side of a vector, compared record by record.
#include "tlslab/vectors/act.hpp"

#include <algorithm>
#include <deque>

#include "tlslab/connection.hpp"
#include "tlslab/crypto/deterministic_provider.hpp"
#include "tlslab/pki/keys.hpp"
#include "tlslab/pki/trust_store.hpp"
#include "tlslab/registry.hpp"
#include "tlslab/trace/render.hpp"
#include "tlslab/vectors/side_config.hpp"

namespace tlslab::vectors {

namespace {

const nlohmann::json* side_config(const Vector& v, Direction role) {
  const auto& config = (role == Direction::client ? v.client : v.server).config;
  const auto it = config.find("tlslab");
  return it == config.end() ? nullptr : &*it;
}

const nlohmann::json* side_keys(const Vector& v, Direction role) {
  const auto it = v.ephemeral_keys.find(std::string(direction_name(role)));
  return it == v.ephemeral_keys.end() ? nullptr : &*it;
}

std::string record_kind(ByteView rec) {
  if (rec.empty()) return "an empty record";
  const auto name = registry::content_type_name(rec[0]);
  return (name ? std::string(*name) : "content type " + std::to_string(rec[0])) + ", " +
         std::to_string(rec.size()) + " bytes";
}

// Splits what the connection sent into whole records (it only ever emits whole ones).
void split_records(const Bytes& out, std::deque<Bytes>& records) {
  std::size_t at = 0;
  while (at + 5 <= out.size()) {
    const std::size_t len = 5 + (std::size_t{out[at + 3]} << 8 | out[at + 4]);
    const std::size_t end = std::min(out.size(), at + len);
    records.emplace_back(out.begin() + static_cast<std::ptrdiff_t>(at),
                         out.begin() + static_cast<std::ptrdiff_t>(end));
    at = end;
  }
  if (at < out.size())
    records.emplace_back(out.begin() + static_cast<std::ptrdiff_t>(at), out.end());
}

template <class Config>
void configure(const Vector& v, Direction role, crypto::Provider& verify_provider,
               const pki::ValidationPolicy& policy, std::shared_ptr<crypto::Provider> provider,
               Config& config, std::vector<std::string>& keylog) {
  const std::string name(direction_name(role));
  config.provider = provider;
  config.clock = [t = v.captured_at] { return t; };
  config.keylog = [&keylog](const std::string& line) { keylog.push_back(line); };
  const auto& chain = role == Direction::client ? v.client_certificates : v.server_certificates;
  const auto& key = role == Direction::client ? v.client_private_key : v.server_private_key;
  if (!chain.empty() && key) {
    pki::Identity id;
    id.chain = chain;
    try {
      id.key = provider->import_private_key(pki::load_private_key(*key, std::nullopt).key);
    } catch (const Error& e) {
      fail(AlertDescription::decode_error, "private_keys." + name + ": " + e.reason());
    }
    config.identities.push_back(std::move(id));
  }
  if (!v.trust_anchors.empty()) {
    // Chain validation draws no randomness; it runs on the verify provider so that tlslab's
    // scripted stream sees only what the protocol draws.
    auto store = std::make_shared<pki::TrustStore>(
        std::shared_ptr<crypto::Provider>(std::shared_ptr<void>(), &verify_provider));
    for (const auto& der : v.trust_anchors)
      store->add(der);
    store->set_policy(policy);
    config.verifier = store;
  }
  apply_config(*side_config(v, role), name + ".config.tlslab", config);
}

std::vector<const TraceEntry*> messages_of(const ReplayReport& r, std::size_t index) {
  std::vector<const TraceEntry*> out;
  for (const auto& e : r.trace) {
    if (e.kind == TraceEntry::Kind::message && e.record.index == index && e.tree) {
      out.push_back(&e);
    }
  }
  return out;
}

// The first differing message of record `index`: the captured vector's trace against the trace
// of the same vector with tlslab's record in its place (and tlslab's key-log line first, so that
// its record decrypts with its own keys).
std::string explain(const Vector& v, const ReplayReport& captured, std::size_t index,
                    const Bytes& ours, const std::vector<std::string>& our_keylog,
                    crypto::Provider& provider, const pki::ValidationPolicy& policy,
                    ActReport& report) {
  Vector mixed = v;
  mixed.keylog = our_keylog;
  mixed.keylog.insert(mixed.keylog.end(), v.keylog.begin(), v.keylog.end());
  mixed.client_random.reset();
  mixed.server_random.reset();
  mixed.expect = {};
  std::size_t at = 0;
  std::vector<Flight> flights;
  for (const auto& f : v.flights) {
    Flight g{f.direction, {}};
    for (const auto& rec : f.records) {
      if (at > index) break;
      g.records.push_back(at == index ? ours : rec);
      ++at;
    }
    if (!g.records.empty()) flights.push_back(std::move(g));
    if (at > index) break;
  }
  mixed.flights = std::move(flights);
  const auto produced = replay(mixed, provider, policy);

  const auto want = messages_of(captured, index);
  const auto got = messages_of(produced, index);
  trace::TextOptions plain;
  for (std::size_t i = 0; i < std::max(want.size(), got.size()); ++i) {
    const auto* w = i < want.size() ? want[i] : nullptr;
    const auto* g = i < got.size() ? got[i] : nullptr;
    if (w && g && trace::render_text(*w->tree, plain) == trace::render_text(*g->tree, plain)) {
      continue;
    }
    MessageDifference d;
    d.message = w ? w->text : g->text;
    if (w) d.captured = *w->tree;
    if (g) d.produced = *g->tree;
    report.difference = std::move(d);
    if (w && g) return w->text + " differs";
    return w ? "the capture has " + w->text + " here, tlslab's record has no such message"
             : "tlslab's record has " + g->text + ", the capture has no such message";
  }
  report.difference = MessageDifference{"record", std::nullopt, std::nullopt};
  if (produced.divergence && produced.divergence->record &&
      produced.divergence->record->index == index) {
    return "tlslab's record does not replay: " + produced.divergence->what;
  }
  return "the messages are the same; the record protection differs (explicit nonce, IV or MAC)";
}

}  // namespace

bool can_act(const Vector& v, Direction role) {
  return side_config(v, role) != nullptr && side_keys(v, role) != nullptr;
}

ActReport act(const Vector& v, Direction role, crypto::Provider& verify_provider,
              const pki::ValidationPolicy& policy) {
  ActReport report;
  report.role = role;
  const std::string name(direction_name(role));
  if (!side_config(v, role)) {
    report.unavailable = "cannot act as the " + name + ": " + name +
                         ".config.tlslab is missing (the side's tlslab configuration is not known)";
    return report;
  }
  if (!side_keys(v, role)) {
    report.unavailable = "cannot act as the " + name + ": secrets.ephemeral_keys." + name +
                         " is missing (the side's randomness is not known)";
    return report;
  }
  const std::shared_ptr<crypto::Provider> shared = crypto::make_deterministic_provider(
      script_from_json(*side_keys(v, role), "secrets.ephemeral_keys." + name));

  const auto verified = replay(v, verify_provider, policy);
  if (!verified.ok()) {
    report.divergence = verified.divergence;
    report.divergence->what =
        "verify mode (which act mode needs green first): " + verified.divergence->what;
    return report;
  }

  std::vector<std::string> keylog;
  std::unique_ptr<Connection> conn;
  if (role == Direction::client) {
    handshake::ClientConfig config;
    config.server_name = v.server_name;
    configure(v, role, verify_provider, policy, shared, config, keylog);
    conn = Connection::client(std::move(config));
    conn->start();
  } else {
    handshake::ServerConfig config;
    configure(v, role, verify_provider, policy, shared, config, keylog);
    conn = Connection::server(std::move(config));
  }

  std::deque<Bytes> pending;
  auto pull = [&] { split_records(conn->take_output(), pending); };
  auto where = [&] {
    std::string s = "tlslab is in state " + conn->state_name();
    if (conn->error()) s += ", after the error: " + conn->error()->reason();
    return s;
  };
  pull();
  // How verify mode named each record (protected or not), in record order: it was green, so
  // every record is there.
  std::vector<RecordInfo> infos;
  for (const auto& e : verified.trace) {
    if (e.kind == TraceEntry::Kind::record) infos.push_back(e.record);
  }
  std::size_t index = 0;
  for (const auto& flight : v.flights) {
    for (const auto& rec : flight.records) {
      const RecordInfo info =
          index < infos.size()
              ? infos[index]
              : RecordInfo{index, flight.direction, rec.empty() ? std::uint8_t{0} : rec[0], false};
      ++index;
      if (flight.direction != role) {
        // What tlslab sent and the capture has not shown yet stays queued: the peer may have
        // sent this record before ours reached it (a client's whole flight is on the wire
        // before the server's alert about its first message), so only the order of each side's
        // own records and "nothing before it was caused" are checked.
        conn->feed(rec);
        (void)conn->read();  // the peer's application data: not compared, only drained
        ++report.records_received;
        report.steps.push_back({info, false});
        pull();
        continue;
      }
      if (pending.empty() && conn->handshake_complete() && !conn->failed()) {
        for (const auto& [at, data] : verified.application_data_records) {
          if (at == info.index) conn->write(data);
        }
        for (const auto& [at, alert] : verified.alert_records) {
          if (at == info.index && alert == AlertDescription::close_notify) conn->close();
        }
        pull();
      }
      if (pending.empty()) {
        report.divergence =
            Divergence{info, "the capture has this record (" + record_kind(rec) + ") from the " +
                                 name + ", tlslab sent nothing (" + where() + ")"};
        report.state = conn->state_name();
        return report;
      }
      const Bytes ours = std::move(pending.front());
      pending.pop_front();
      if (ours != rec) {
        const auto diff = std::mismatch(rec.begin(), rec.end(), ours.begin(), ours.end());
        const std::string what =
            explain(v, verified, info.index, ours, keylog, verify_provider, policy, report);
        report.divergence =
            Divergence{info, "tlslab as the " + name + " sends different bytes: " + what +
                                 " (first at byte " + std::to_string(diff.first - rec.begin()) +
                                 " of the record; captured " + std::to_string(rec.size()) +
                                 " bytes, tlslab " + std::to_string(ours.size()) + ")"};
        report.state = conn->state_name();
        return report;
      }
      ++report.records_sent;
      report.steps.push_back({info, true});
    }
  }
  report.state = conn->state_name();
  if (!pending.empty()) {
    report.divergence = Divergence{
        std::nullopt, "tlslab as the " + name + " sent " + std::to_string(pending.size()) +
                          " record(s) more than the capture has, the first " +
                          record_kind(pending.front()) + " (" + where() + ")"};
  }
  return report;
}

}  // namespace tlslab::vectors

// The replay driver: the vector's records in flight order, each direction through its own
// record::Channel (deframing, protection, handshake reassembly); every handshake message traced,
// parsed and re-serialized byte-exact, then handed to the check its type calls for. The first
// divergence (a tlslab::Error from a parser or the record layer, or a failed check) ends the
// replay with the record it was found in.
#include <algorithm>

#include "replay_internal.hpp"
#include "tlslab/trace/tree.hpp"

namespace tlslab::vectors {

using detail::diverge;
using detail::ReplayState;
using detail::SideState;

std::string RecordInfo::describe() const {
  const auto name = registry::content_type_name(content_type);
  std::string out = std::string(direction_name(direction)) + ", " +
                    (name ? std::string(*name) : "content type " + std::to_string(content_type));
  if (is_protected) out += ", protected";
  return out;
}

std::string Divergence::text() const {
  if (!record) return "end of vector: " + what;
  return "record " + std::to_string(record->index) + " (" + record->describe() + "): " + what;
}

namespace {

std::string message_label(std::uint8_t type) {
  const auto name = messages::message_name(type);
  return name ? std::string(*name) : "handshake message type " + std::to_string(type);
}

// A message's own checks, after its trace and round trip; adds it to the transcript.
void handle_message(ReplayState& s, Direction from, ByteView raw, const messages::Message& msg) {
  using registry::ExtensionType;
  const std::uint8_t type = raw[0];
  SideState& side = s.side(from);
  if (side.messages == 0) {
    const std::uint8_t first = from == Direction::client ? 1 : 2;
    if (type != first) {
      diverge(message_label(type) + ": the " + std::string(direction_name(from)) +
              "'s first handshake message must be " + message_label(first));
    }
  }
  ++side.messages;
  bool in_transcript = type != 0;  // HelloRequest is not part of the handshake (RFC 5246 §7.4.1.1)
  if (const auto* ch = std::get_if<messages::ClientHello>(&msg)) {
    s.client_random = ch->random;
    s.client_version = ch->client_version;
    s.client_session_id.assign(ch->session_id.begin(), ch->session_id.end());
    if (s.vector.client_random && *s.vector.client_random != ch->random) {
      diverge("ClientHello.random differs: expected " + to_hex(*s.vector.client_random) +
              " (secrets.client_random), got " + to_hex(ch->random));
    }
  } else if (const auto* sh = std::get_if<messages::ServerHello>(&msg)) {
    if (!s.client_random) diverge("ServerHello: no ClientHello came before it");
    s.server_random = sh->random;
    if (s.vector.server_random && *s.vector.server_random != sh->random) {
      diverge("ServerHello.random differs: expected " + to_hex(*s.vector.server_random) +
              " (secrets.server_random), got " + to_hex(sh->random));
    }
    s.suite = registry::find_cipher_suite(sh->cipher_suite);
    if (s.suite == nullptr || !s.suite->implemented) {
      diverge(
          "ServerHello.cipher_suite: " + trace::decode_integer("cipher_suite", sh->cipher_suite) +
          " is not a suite tlslab can replay");
    }
    s.report.suite = sh->cipher_suite;
    if (s.vector.expect.suite && *s.vector.expect.suite != sh->cipher_suite) {
      diverge("ServerHello.cipher_suite differs: expected " +
              trace::decode_integer("cipher_suite", *s.vector.expect.suite) +
              " (expect.suite), got " + trace::decode_integer("cipher_suite", sh->cipher_suite));
    }
    s.report.extended_master_secret =
        sh->extensions.find(ExtensionType::extended_master_secret) != nullptr;
    // RFC 7366 §3: encrypt_then_mac applies to CBC suites only.
    s.report.encrypt_then_mac = s.suite->bulk == registry::BulkKind::cbc &&
                                sh->extensions.find(ExtensionType::encrypt_then_mac) != nullptr;
    // RFC 5246 §7.4.1.3 (and RFC 5077 §3.4 for tickets): the server echoes the client's session
    // ID to resume.
    s.report.resumed = !sh->session_id.empty() &&
                       std::equal(sh->session_id.begin(), sh->session_id.end(),
                                  s.client_session_id.begin(), s.client_session_id.end());
    if (s.vector.expect.resumed && *s.vector.expect.resumed != s.report.resumed) {
      diverge(std::string("ServerHello.session_id: the handshake is ") +
              (s.report.resumed ? "resumed" : "full") + ", expect.resumed says " +
              (*s.vector.expect.resumed ? "resumed" : "full"));
    }
    s.note(std::string("negotiated ") + std::string(s.suite->name) +
           (s.report.extended_master_secret ? ", extended_master_secret" : "") +
           (s.report.encrypt_then_mac ? ", encrypt_then_mac" : "") +
           (s.report.resumed ? ", resumed session" : ", full handshake"));
    s.add_to_transcript(raw, "ServerHello");
    detail::secrets_after_server_hello(s);
    return;
  } else if (const auto* cert = std::get_if<messages::Certificate>(&msg)) {
    detail::check_certificate(s, from, *cert);
  } else if (const auto* ske = std::get_if<messages::ServerKeyExchange>(&msg)) {
    detail::check_server_key_exchange(s, *ske);
  } else if (const auto* cke = std::get_if<messages::ClientKeyExchange>(&msg)) {
    s.add_to_transcript(raw, "ClientKeyExchange");  // in the session hash of RFC 7627 §4
    if (s.suite->key_exchange == registry::KeyExchange::rsa) {
      detail::secrets_after_client_key_exchange(s, *cke);
    }
    return;
  } else if (const auto* cv = std::get_if<messages::CertificateVerify>(&msg)) {
    detail::check_certificate_verify(s, *cv);
  } else if (const auto* fin = std::get_if<messages::Finished>(&msg)) {
    if (!side.channel.read_protected()) {
      diverge("Finished: sent in a plaintext record, before ChangeCipherSpec");
    }
    const auto expected = handshake::verify_data(
        s.provider, s.suite->prf_hash, s.master,
        from == Direction::client ? handshake::Sender::client : handshake::Sender::server,
        s.transcript.hash(s.provider, s.suite->prf_hash).view());
    if (!std::equal(expected.begin(), expected.end(), fin->verify_data.begin(),
                    fin->verify_data.end())) {
      diverge("Finished.verify_data differs: expected " + to_hex(expected) + ", got " +
              to_hex(fin->verify_data) + s.transcript_hint());
    }
    ++s.report.finished_verified;
    s.note(std::string(direction_name(from)) + " Finished verified (RFC 5246 §7.4.9)");
  }
  if (in_transcript) s.add_to_transcript(raw, message_label(type));
}

// `raw` stays valid until the channel's next next(): everything here is done before that.
void handle_handshake_message(ReplayState& s, Direction from, ByteView raw) {
  SideState& side = s.side(from);
  if (from == Direction::client && side.messages > 0 && !s.server_random) {
    diverge(message_label(raw[0]) +
            ": sent before the server's ServerHello (flights out of "
            "order?)");
  }
  messages::ParseContext ctx;
  if (s.suite) ctx.key_exchange = s.suite->key_exchange;
  auto traced = trace::trace_handshake_message(raw, ctx);
  s.report.trace.push_back(
      {TraceEntry::Kind::message, s.current, message_label(raw[0]), std::move(traced.tree)});
  if (traced.error) throw *traced.error;
  Bytes again;
  messages::serialize_message(*traced.message, again);
  if (!std::equal(again.begin(), again.end(), raw.begin(), raw.end())) {
    const auto diff = std::mismatch(raw.begin(), raw.end(), again.begin(), again.end());
    diverge(message_label(raw[0]) + ": re-serialization differs from the received bytes at byte " +
            std::to_string(diff.first - raw.begin()) + " of " + std::to_string(raw.size()));
  }
  ++s.report.messages;
  handle_message(s, from, raw, *traced.message);
}

void handle_change_cipher_spec(ReplayState& s, Direction from) {
  SideState& side = s.side(from);
  if (!s.keys) diverge("ChangeCipherSpec: the keys are not known yet");
  side.channel.set_read_protection(record::make_protection(
      s.provider, *s.suite, from == Direction::client ? s.keys->client_write : s.keys->server_write,
      s.report.encrypt_then_mac));
  const std::string name(side.channel.read_protection().name());
  (from == Direction::client ? s.report.client_protection : s.report.server_protection) = name;
  s.note(std::string(direction_name(from)) + " records protected from here: " + name);
}

void handle_alert(ReplayState& s, Direction from, const record::AlertMessage& alert) {
  (from == Direction::client ? s.report.client_alerts : s.report.server_alerts)
      .push_back(alert.description);
  s.report.alert_records.emplace_back(s.current.index, alert.description);
  s.note(std::string(direction_name(from)) +
         " alert: " + std::string(alert_level_label(alert.level)) + " " +
         std::string(alert_label(alert.description)));
  if (alert.description == AlertDescription::close_notify) return;
  const auto& want = s.vector.expect.alert;
  if (!want || want->sender != from || want->description != alert.description) {
    diverge("Alert.description: " + std::string(alert_label(alert.description)) + " from the " +
            std::string(direction_name(from)) +
            (want ? ", expect.alert says " + std::string(alert_label(want->description)) +
                        " from the " + std::string(direction_name(want->sender))
                  : ", and the vector expects no alert"));
  }
  s.fatal_alert = true;
}

void handle_application_data(ReplayState& s, Direction from, ByteView payload) {
  if (!s.side(from).channel.read_protected()) diverge("application data before ChangeCipherSpec");
  (from == Direction::client ? s.report.client_application_data : s.report.server_application_data)
      .append(payload.begin(), payload.end());
  s.report.application_data_records.emplace_back(s.current.index,
                                                 Bytes(payload.begin(), payload.end()));
}

// One vector record: exactly one TLS record, read by its direction's channel, then what it
// carried.
void replay_record(ReplayState& s, Direction from, ByteView bytes) {
  record::Channel& channel = s.side(from).channel;
  channel.feed(bytes);
  std::optional<record::Inbound> rec;
  try {
    rec = channel.next();
  } catch (const Error& e) {
    // Only the protection says bad_record_mac: with keys from a key log or a seed, a wrong key
    // shows here first.
    if (e.alert() != AlertDescription::bad_record_mac) throw;
    diverge("record protection: " + e.reason() + " (keys from the " +
            s.report.master_secret_source + ")");
  }
  if (!rec || channel.pending() != 0) {
    diverge("not one whole record: " + std::to_string(bytes.size()) +
            " bytes where the header announces " +
            (bytes.size() >= 5 ? std::to_string((bytes[3] << 8 | bytes[4]) + 5)
                               : std::string("a 5-byte header")));
  }
  using Kind = record::Inbound::Kind;
  while (const auto in = channel.next()) {
    switch (in->kind) {
      case Kind::record:
        break;  // not reached: one record was fed
      case Kind::handshake_message:
        handle_handshake_message(s, from, in->data);
        break;
      case Kind::change_cipher_spec:
        handle_change_cipher_spec(s, from);
        break;
      case Kind::alert:
        handle_alert(s, from, in->alert);
        break;
      case Kind::application_data:
        handle_application_data(s, from, in->data);
        break;
    }
  }
}

void finish(ReplayState& s) {
  for (const Direction d : {Direction::client, Direction::server}) {
    if (s.side(d).channel.mid_handshake_message()) {
      diverge("the " + std::string(direction_name(d)) + "'s last handshake message is incomplete");
    }
  }
  if (s.vector.expect.alert && !s.fatal_alert) {
    diverge("expect.alert: " + std::string(alert_label(s.vector.expect.alert->description)) +
            " from the " + std::string(direction_name(s.vector.expect.alert->sender)) +
            " never came");
  }
  if (!s.fatal_alert && s.report.finished_verified < 2) {
    diverge(std::to_string(s.report.finished_verified) +
            " of 2 Finished messages seen: the handshake did not complete");
  }
}

}  // namespace

ReplayReport replay(const Vector& vector, crypto::Provider& provider,
                    const pki::ValidationPolicy& policy) {
  ReplayReport report;
  ReplayState s(vector, provider, report, policy);
  std::size_t index = 0;
  bool at_end = false;
  try {
    for (const auto& flight : vector.flights) {
      SideState& side = s.side(flight.direction);
      for (const auto& bytes : flight.records) {
        s.current = RecordInfo{index, flight.direction, bytes.empty() ? std::uint8_t{0} : bytes[0],
                               side.channel.read_protected()};
        ++index;
        ++report.records;
        report.trace.push_back({TraceEntry::Kind::record, s.current,
                                std::to_string(bytes.size()) + " bytes", std::nullopt});
        replay_record(s, flight.direction, bytes);
      }
    }
    at_end = true;
    finish(s);
  } catch (const detail::Diverged& d) {
    report.divergence = Divergence{at_end ? std::nullopt : std::optional(s.current), d.what};
  } catch (const Error& e) {
    // A parser's or the record layer's own reason, which names the structure and field.
    report.divergence = Divergence{at_end ? std::nullopt : std::optional(s.current), e.reason()};
  }
  return report;
}

}  // namespace tlslab::vectors

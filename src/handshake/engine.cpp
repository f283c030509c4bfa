#include "engine.hpp"

#include <algorithm>
#include <functional>

#include "certificates.hpp"
#include "tlslab/error.hpp"

namespace tlslab::handshake::detail {

std::string_view input_name(Input i) noexcept {
  switch (i) {
    case Input::change_cipher_spec:
      return "ChangeCipherSpec";
    case Input::application_data:
      return "ApplicationData";
    default:
      return messages::message_name(static_cast<std::uint8_t>(i)).value_or("unknown");
  }
}

std::optional<Input> input_for_message(std::uint8_t msg_type) noexcept {
  for (Input i : kAllInputs) {
    if (static_cast<std::uint16_t>(i) == msg_type) return i;
  }
  return std::nullopt;
}

std::string suite_label(std::uint16_t code) {
  return registry::describe_u16(code, registry::cipher_suite_name(code));
}
std::string group_label(std::uint16_t code) {
  return registry::describe_u16(code, registry::group_name(code));
}
std::string scheme_label(std::uint16_t code) {
  return registry::describe_u16(code, registry::signature_scheme_name(code));
}

Engine::Engine(CommonConfig& c, bool client)
    : config(c), provider(*c.provider), is_client(client) {}

ByteView Engine::keep(Bytes bytes) {
  scratch_.push_back(std::move(bytes));
  return scratch_.back();
}

void Engine::send(const messages::Message& m) {
  Bytes raw;
  messages::serialize_message(m, raw);
  scratch_.clear();
  const auto type = static_cast<std::uint8_t>(messages::message_type(m));
  if (type != static_cast<std::uint8_t>(registry::HandshakeType::hello_request)) {
    transcript.add(raw);
  }
  send_records(record::ContentType::handshake, raw);
  emit_with([&] {
    return MessageEvent{Direction::sent, type, std::string(*messages::message_name(type)),
                        std::move(raw), parse_context.key_exchange};
  });
}

void Engine::send_change_cipher_spec() {
  const std::uint8_t ccs[1] = {record::kChangeCipherSpecValue};
  send_records(record::ContentType::change_cipher_spec, ccs);
  emit(MessageEvent{Direction::sent, 0xff, "ChangeCipherSpec", Bytes{1}, std::nullopt});
  // RFC 5246 §7.1: the sender switches its write state right after sending the message.
  channel.activate_pending_write();
}

void Engine::send_alert(AlertLevel level, AlertDescription description, const std::string& reason) {
  const record::AlertMessage a{level, description};
  const Bytes body = a.serialize();
  try {
    send_records(record::ContentType::alert, body);
  } catch (const Error&) {
    // The write state itself failed (e.g. sequence numbers exhausted): nothing more to send.
  }
  emit(AlertEvent{Direction::sent, level, description, reason});
}

void Engine::send_application_data(ByteView data) {
  send_records(record::ContentType::application_data, data);
}

void Engine::send_records(record::ContentType type, ByteView data) {
  if (!config.record_events || !config.events) {
    channel.send(type, data);
    return;
  }
  const std::function<void(const record::SentRecord&)> trace = [this](const record::SentRecord& s) {
    emit_with([&] {
      RecordEvent r;
      r.direction = Direction::sent;
      r.content_type = static_cast<std::uint8_t>(s.type);
      r.version = s.version;
      r.fragment.assign(s.fragment.begin(), s.fragment.end());
      if (s.is_protected) r.plaintext = Bytes(s.plaintext.begin(), s.plaintext.end());
      r.protection = std::string(s.protection);
      return r;
    });
  };
  channel.send(type, data, &trace);
}

void Engine::apply_max_fragment_length(std::size_t limit) {
  channel.apply_max_fragment_length(limit);
  emit_negotiated("max_fragment_length", std::to_string(limit));
}

void Engine::apply_record_size_limits(std::size_t ours, std::size_t peers) {
  channel.apply_record_size_limits(ours, peers);
  const auto& limits = channel.limits();
  emit_negotiated("record_size_limit", "we send at most " + std::to_string(limits.send_protected) +
                                           ", we accept at most " +
                                           std::to_string(limits.receive_protected));
}

void Engine::emit_secret(std::string label, ByteView value) {
  // No copy of a secret nobody reads.
  emit_with([&] { return SecretEvent{std::move(label), SecretBytes(value.begin(), value.end())}; });
}

void Engine::emit_negotiated(std::string what, std::string value) {
  emit(NegotiatedEvent{std::move(what), std::move(value)});
}

void Engine::emit_certificate(std::string decision, std::string detail) {
  emit(CertificateEvent{std::move(decision), std::move(detail), std::nullopt});
}

void Engine::derive_keys(ByteView pre_master_secret) {
  emit_secret("pre_master_secret", pre_master_secret);
  if (negotiated.extended_master_secret) {
    const auto session_hash = transcript.hash(provider, suite->prf_hash);
    master_secret =
        extended_master_secret(provider, suite->prf_hash, pre_master_secret, session_hash.view());
    emit_secret("session_hash", session_hash.view());
    emit_secret("extended_master_secret", master_secret);
  } else {
    master_secret = handshake::master_secret(provider, suite->prf_hash, pre_master_secret,
                                             client_random, server_random);
    emit_secret("master_secret", master_secret);
  }
  session.cipher_suite = suite->code;
  session.master_secret = master_secret;
  session.extended_master_secret = negotiated.extended_master_secret;
  derive_key_block();
}

void Engine::resume_keys(const Session& resumed) {
  session = resumed;
  master_secret = resumed.master_secret;
  emit_secret(resumed.extended_master_secret ? "extended_master_secret (resumed)"
                                             : "master_secret (resumed)",
              master_secret);
  if (!resumed.peer_chain.empty()) {
    const auto leaf = certificate_facts(resumed.peer_chain.front());
    negotiated.peer = VerifiedPeer{provider.import_public_key(leaf.public_key),
                                   resumed.peer_subject, resumed.peer_chain_subjects};
  }
  negotiated.client_certificate = resumed.client_certificate;
  // The certificates and the key exchange were verified in the handshake that established the
  // session; only the Finished messages remain to be checked (RFC 5246 §7.3).
  auto [peer, key_exchange] = Verify::resumed(resumed);
  peer_authenticated.emplace(std::move(peer));
  key_exchange_bound.emplace(std::move(key_exchange));
  derive_key_block();
}

void Engine::derive_key_block() {
  if (config.keylog) {
    // The NSS key-log format (as SSLKEYLOGFILE writes it): label, client_random, master secret.
    config.keylog("CLIENT_RANDOM " + to_hex(client_random) + " " + to_hex(master_secret));
  }
  KeyBlock keys =
      handshake::derive_key_block(provider, *suite, master_secret, client_random, server_random);
  const bool etm = negotiated.encrypt_then_mac;
  auto client = record::make_protection(provider, *suite, keys.client_write, etm);
  auto server = record::make_protection(provider, *suite, keys.server_write, etm);
  emit_secret("client_write_key", keys.client_write.enc_key);
  emit_secret("server_write_key", keys.server_write.enc_key);
  if (!keys.client_write.fixed_iv.empty()) {
    emit_secret("client_write_iv", keys.client_write.fixed_iv);
    emit_secret("server_write_iv", keys.server_write.fixed_iv);
  }
  if (!keys.client_write.mac_key.empty()) {
    emit_secret("client_write_mac_key", keys.client_write.mac_key);
    emit_secret("server_write_mac_key", keys.server_write.mac_key);
  }
  if (is_client) {
    channel.set_pending(std::move(server), std::move(client));
  } else {
    channel.set_pending(std::move(client), std::move(server));
  }
}

std::array<std::uint8_t, 12> Engine::compute_verify_data(Sender sender) const {
  const auto h = transcript.hash(provider, suite->prf_hash);
  return verify_data(provider, suite->prf_hash, master_secret, sender, h.view());
}

void Engine::activate_pending_read() {
  channel.activate_pending_read();
}

void Engine::check_peer_finished(Sender peer, ByteView verify_data, ByteView raw) {
  auto& expected = peer == Sender::client ? client_verify_data : server_verify_data;
  expected = compute_verify_data(peer);
  peer_finished.emplace(Verify::finished(peer, verify_data, expected));
  transcript.add(raw);
}

void Engine::enter_traffic() {
  if (!peer_authenticated || !key_exchange_bound || !peer_finished) {
    fail(AlertDescription::internal_error,
         std::string("entering the traffic state without proof that ") +
             (!peer_finished        ? "the peer's Finished was verified"
              : !peer_authenticated ? "the peer was authenticated"
                                    : "the key exchange is bound to the peer's key"));
  }
  authenticated.emplace(std::move(*peer_authenticated), std::move(*key_exchange_bound),
                        std::move(*peer_finished));
  peer_authenticated.reset();
  key_exchange_bound.reset();
  peer_finished.reset();
}

Engine::PeerChain Engine::accept_peer_chain(const std::vector<ByteView>& chain, Purpose purpose,
                                            const std::string& host_name, std::int64_t now) {
  const char* who = purpose == Purpose::server_auth ? "server" : "client";
  PeerChain out;
  if (config.verifier) {
    auto [proof, peer] = Verify::chain(*config.verifier, chain, purpose, host_name, now);
    emit_certificate(std::string(who) + " certificate accepted", peer.subject);
    out.key = peer.public_key;
    out.verified.emplace(std::move(proof));
    session.peer_subject = peer.subject;
    session.peer_chain_subjects = peer.chain_subjects;
    negotiated.peer = std::move(peer);
  } else {
    const auto facts = certificate_facts(chain.front());
    emit_certificate(std::string(who) + " certificate NOT verified",
                     facts.subject_text + " (no trust anchors configured)");
    out.key = provider.import_public_key(facts.public_key);
    negotiated.peer = VerifiedPeer{out.key, facts.subject_text, {facts.subject_text}};
    session.peer_subject = facts.subject_text;
    session.peer_chain_subjects = {facts.subject_text};
  }
  session.peer_chain.clear();
  for (auto der : chain)
    session.peer_chain.emplace_back(der.begin(), der.end());
  return out;
}

}  // namespace tlslab::handshake::detail

// The client's state machine (RFC 5246 §7.3 figure 1, client side): ClientHello; then the
// server's flight up to ServerHelloDone; then our Certificate, ClientKeyExchange,
// CertificateVerify, ChangeCipherSpec, Finished; then the server's NewSessionTicket,
// ChangeCipherSpec and Finished.
#include <algorithm>
#include <string>

#include "machines.hpp"
#include "tlslab/crypto/ffdhe.hpp"
#include "tlslab/error.hpp"
#include "tlslab/registry.hpp"

namespace tlslab::handshake::detail {

using messages::Extension;
using registry::ExtensionType;
using registry::KeyExchange;
using State = ClientMachine::State;

std::string_view ClientMachine::state_name(State s) noexcept {
  switch (s) { TLSLAB_CLIENT_STATES(TLSLAB_STATE_NAME) }
  return "unknown";
}

std::span<const Transition<ClientMachine>> ClientMachine::table() noexcept {
  using M = ClientMachine;
  // The next states each handler may answer with: a full handshake or a resumption (with a
  // ticket or without) after ServerHello; a signed key exchange or static RSA after the
  // server's Certificate; NewSessionTicket when one was announced.
  static constexpr Transition<M> kTable[] = {
      {State::expect_server_hello, Input::server_hello, &M::on_server_hello,
       next(State::expect_certificate, State::expect_new_session_ticket,
            State::expect_change_cipher_spec)},
      {State::expect_certificate, Input::certificate, &M::on_certificate,
       next(State::expect_server_key_exchange, State::expect_certificate_request_or_done)},
      {State::expect_server_key_exchange, Input::server_key_exchange, &M::on_server_key_exchange,
       next(State::expect_certificate_request_or_done)},
      {State::expect_certificate_request_or_done, Input::certificate_request,
       &M::on_certificate_request, next(State::expect_server_hello_done)},
      {State::expect_certificate_request_or_done, Input::server_hello_done,
       &M::on_server_hello_done,
       next(State::expect_new_session_ticket, State::expect_change_cipher_spec)},
      {State::expect_server_hello_done, Input::server_hello_done, &M::on_server_hello_done,
       next(State::expect_new_session_ticket, State::expect_change_cipher_spec)},
      {State::expect_new_session_ticket, Input::new_session_ticket, &M::on_new_session_ticket,
       next(State::expect_change_cipher_spec)},
      {State::expect_change_cipher_spec, Input::change_cipher_spec, &M::on_change_cipher_spec,
       next(State::expect_finished)},
      {State::expect_finished, Input::finished, &M::on_finished, next(State::traffic)},
      {State::traffic, Input::hello_request, &M::on_hello_request, next(State::traffic)},
      {State::traffic, Input::application_data, &M::on_application_data, next(State::traffic)},
  };
  return kTable;
}

ClientMachine::ClientMachine(ClientConfig c) : config(std::move(c)), engine(config, true) {
  for (std::size_t i = 0; i < config.identities.size(); ++i)
    identity_facts_.push_back(identity_facts(config.identities[i], i));
}

namespace {

bool is_ip_literal(const std::string& name) {
  // RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in HostName".
  if (name.find(':') != std::string::npos) return true;
  return !name.empty() && std::all_of(name.begin(), name.end(),
                                      [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

}  // namespace

void ClientMachine::start() {
  offered_suites_ = config.cipher_suites.empty() ? default_cipher_suites() : config.cipher_suites;
  bool ecdhe = false, dhe = false, cbc = false;
  for (auto code : offered_suites_) {
    const auto* s = registry::find_cipher_suite(code);
    if (s == nullptr || !s->implemented) {
      fail(AlertDescription::internal_error,
           "client configuration: cipher suite " + suite_label(code) + " is not implemented");
    }
    ecdhe |= s->key_exchange == KeyExchange::ecdhe;
    dhe |= s->key_exchange == KeyExchange::dhe;
    cbc |= s->bulk == registry::BulkKind::cbc;
  }
  offered_groups_ = config.groups.empty() ? default_groups() : config.groups;
  if (dhe && config.groups.empty()) {
    // RFC 7919 §3: a client offering DHE names the FFDHE groups it accepts.
    offered_groups_.push_back(static_cast<std::uint16_t>(crypto::NamedGroup::ffdhe2048));
    offered_groups_.push_back(static_cast<std::uint16_t>(crypto::NamedGroup::ffdhe3072));
  }
  offered_schemes_ =
      config.signature_schemes.empty() ? default_signature_schemes() : config.signature_schemes;

  engine.provider.fill(engine.client_random);
  messages::ClientHello ch;
  if (config.session) {
    const auto& session = *config.session;
    if (!contains(offered_suites_, session.cipher_suite)) {
      engine.emit_negotiated("resumption", "not offered: the session's cipher suite " +
                                               suite_label(session.cipher_suite) +
                                               " is not among the offered suites");
    } else if (!session.session_id.empty()) {
      offered_session_id_ = session.session_id;
    } else if (!session.ticket.empty() && config.session_tickets) {
      // RFC 5077 §3.4: with a ticket the client makes up a SessionID; the server echoes it when
      // it accepts the ticket, which is how the client learns that it resumed.
      offered_session_id_.resize(32);
      engine.provider.fill(offered_session_id_);
    }
    ch.session_id = offered_session_id_;
  }
  ch.client_version = 0x0303;
  ch.random = engine.client_random;
  ch.cipher_suites = offered_suites_;
  static constexpr std::uint8_t kNullCompression[] = {0};
  ch.compression_methods = kNullCompression;
  ch.extensions.present = true;
  auto add = [&](ExtensionType type, Bytes body) {
    ch.extensions.list.push_back(Extension{static_cast<std::uint16_t>(type), engine.keep(body)});
    offered_extensions_.push_back(static_cast<std::uint16_t>(type));
  };
  if (!config.server_name.empty() && !is_ip_literal(config.server_name)) {
    messages::ServerNameList sni;
    sni.server_name_list.push_back({0, view(config.server_name)});
    add(ExtensionType::server_name, encode(sni));
  }
  if (ecdhe) {
    static constexpr std::uint8_t kUncompressed[] = {0};
    add(ExtensionType::ec_point_formats, encode(messages::EcPointFormats{kUncompressed}));
  }
  if (ecdhe || dhe) {
    add(ExtensionType::supported_groups, encode(messages::SupportedGroups{offered_groups_}));
  }
  add(ExtensionType::signature_algorithms, encode(messages::SignatureAlgorithms{offered_schemes_}));
  if (!config.alpn.empty()) {
    messages::ApplicationLayerProtocolNegotiation alpn;
    for (const auto& p : config.alpn)
      alpn.protocol_name_list.push_back(view(p));
    add(ExtensionType::application_layer_protocol_negotiation, encode(alpn));
  }
  if (cbc) {
    add(ExtensionType::encrypt_then_mac, {});  // RFC 7366
    offered_etm_ = true;
  }
  if (config.max_fragment_length != 0) {
    if (config.max_fragment_length > 4) {
      fail(AlertDescription::internal_error,
           "client configuration: max_fragment_length must be 1..4 (512..4096 bytes)");
    }
    add(ExtensionType::max_fragment_length,
        encode(messages::MaxFragmentLength{config.max_fragment_length}));
  }
  if (config.record_size_limit != 0) {
    add(ExtensionType::record_size_limit,
        encode(messages::RecordSizeLimit{config.record_size_limit}));
  }
  if (config.session_tickets) {
    // RFC 5077 §3.2: empty to ask for a ticket, or the ticket of the session to resume.
    Bytes ticket;
    if (!offered_session_id_.empty()) ticket = config.session->ticket;
    add(ExtensionType::session_ticket, std::move(ticket));
  }
  if (config.ems != ExtendedMasterSecret::off) {
    add(ExtensionType::extended_master_secret, {});  // RFC 7627 §5.1
    offered_ems_ = true;
  }
  // RFC 5746 §3.4: an initial handshake carries an empty renegotiation_info.
  add(ExtensionType::renegotiation_info, encode(messages::RenegotiationInfo{}));
  engine.send(ch);
  state = State::expect_server_hello;
}

State ClientMachine::on_server_hello(const Incoming& in) {
  const auto& sh = std::get<messages::ServerHello>(*in.message);
  if (sh.server_version != 0x0303) {
    fail(AlertDescription::protocol_version,
         "ServerHello.server_version: " + registry::version_name(sh.server_version) +
             " was chosen; tlslab speaks TLS 1.2 only");
  }
  if (!contains(offered_suites_, sh.cipher_suite)) {
    fail(AlertDescription::illegal_parameter,
         "ServerHello.cipher_suite: " + suite_label(sh.cipher_suite) + " was not offered");
  }
  engine.suite = registry::find_cipher_suite(sh.cipher_suite);
  engine.server_random = sh.random;
  auto& n = engine.negotiated;
  n.cipher_suite = sh.cipher_suite;
  for (const auto& e : sh.extensions.list) {
    if (!contains(offered_extensions_, e.type)) {
      // RFC 5246 §7.4.1.4: an extension type in the ServerHello that the client did not offer.
      fail(AlertDescription::unsupported_extension,
           "ServerHello.extensions: " +
               registry::describe_u16(e.type, registry::extension_name(e.type)) +
               " was not offered");
    }
  }
  const auto* reneg = sh.extensions.get<messages::RenegotiationInfo>();
  if (reneg == nullptr || !reneg->renegotiated_connection.empty()) {
    // RFC 5746 §3.4: without the extension the server may be vulnerable (CVE-2009-3555); the
    // renegotiated_connection of an initial handshake is empty (a single zero length byte).
    fail(AlertDescription::handshake_failure,
         reneg == nullptr
             ? "ServerHello: no renegotiation_info; the server does not support secure "
               "renegotiation (RFC 5746)"
             : "ServerHello.renegotiation_info: not empty in an initial handshake");
  }
  n.extended_master_secret = sh.extensions.find(ExtensionType::extended_master_secret) != nullptr;
  if (offered_ems_ && !n.extended_master_secret && config.ems == ExtendedMasterSecret::require) {
    fail(AlertDescription::handshake_failure,
         "ServerHello: no extended_master_secret, and this client requires it (RFC 7627)");
  }
  if (sh.extensions.find(ExtensionType::encrypt_then_mac) != nullptr) {
    if (engine.suite->bulk != registry::BulkKind::cbc) {
      // RFC 7366 §3: a server that selects an AEAD suite "MUST NOT send an encrypt-then-MAC
      // response extension".
      fail(AlertDescription::illegal_parameter,
           "ServerHello.encrypt_then_mac: sent with the non-CBC suite " +
               std::string(engine.suite->name));
    }
    n.encrypt_then_mac = true;
  }
  if (const auto* chosen = sh.extensions.get<messages::ApplicationLayerProtocolNegotiation>()) {
    // Exactly one name: ServerHello parsing refuses any other count (RFC 7301 §3.1).
    const ByteView name = chosen->protocol_name_list.front();
    const std::string protocol(name.begin(), name.end());
    if (std::find(config.alpn.begin(), config.alpn.end(), protocol) == config.alpn.end()) {
      fail(AlertDescription::illegal_parameter,
           "ServerHello.application_layer_protocol_negotiation: \"" + protocol +
               "\" was not offered");
    }
    n.alpn = protocol;
  }
  if (sh.extensions.find(ExtensionType::server_name) != nullptr) n.server_name = config.server_name;
  negotiate_record_limits(sh);
  expect_ticket_ = sh.extensions.find(ExtensionType::session_ticket) != nullptr;
  engine.parse_context.key_exchange = engine.suite->key_exchange;
  engine.session.session_id.assign(sh.session_id.begin(), sh.session_id.end());
  engine.session.server_name = config.server_name;
  engine.session.established_at = config.clock();
  // RFC 5246 §7.4.1.3: the server resumes by echoing the offered SessionID.
  resumed_ = !offered_session_id_.empty() &&
             std::equal(sh.session_id.begin(), sh.session_id.end(), offered_session_id_.begin(),
                        offered_session_id_.end());
  if (resumed_) return resume(sh);
  if (!offered_session_id_.empty()) {
    engine.emit_negotiated("resumption", "refused by the server: full handshake");
  }
  engine.emit_negotiated("cipher_suite", suite_label(n.cipher_suite));
  engine.emit_negotiated("extended_master_secret", n.extended_master_secret ? "yes" : "no");
  if (engine.suite->bulk == registry::BulkKind::cbc) {
    engine.emit_negotiated("encrypt_then_mac", n.encrypt_then_mac ? "yes" : "no");
  }
  if (!n.alpn.empty()) engine.emit_negotiated("alpn", n.alpn);
  return State::expect_certificate;
}

void ClientMachine::negotiate_record_limits(const messages::ServerHello& sh) {
  const auto* mfl = sh.extensions.get<messages::MaxFragmentLength>();
  const auto* rsl = sh.extensions.get<messages::RecordSizeLimit>();
  if (mfl != nullptr && rsl != nullptr) {
    // RFC 8449 §5: a server that sees both "MUST ignore" max_fragment_length.
    fail(AlertDescription::illegal_parameter,
         "ServerHello: both max_fragment_length and record_size_limit (RFC 8449 §5)");
  }
  if (mfl != nullptr) {
    const auto& echoed = *mfl;
    if (echoed.value != config.max_fragment_length) {
      // RFC 6066 §4: the server's value must be the one requested.
      fail(AlertDescription::illegal_parameter,
           "ServerHello.max_fragment_length: " + std::to_string(echoed.limit()) +
               " differs from the requested " +
               std::to_string(messages::MaxFragmentLength{config.max_fragment_length}.limit()));
    }
    engine.apply_max_fragment_length(echoed.limit());
  }
  if (rsl != nullptr) {
    engine.apply_record_size_limits(config.record_size_limit, rsl->record_size_limit);
  }
}

State ClientMachine::resume(const messages::ServerHello& sh) {
  const Session& session = *config.session;
  auto& n = engine.negotiated;
  if (sh.cipher_suite != session.cipher_suite) {
    // RFC 5246 §7.4.1.3: a resumed session keeps its cipher suite.
    fail(AlertDescription::illegal_parameter,
         "ServerHello.cipher_suite: " + suite_label(sh.cipher_suite) +
             " differs from the resumed session's " + suite_label(session.cipher_suite));
  }
  if (session.extended_master_secret != n.extended_master_secret) {
    // RFC 7627 §5.3: the extension must be as it was in the original handshake, both ways.
    fail(AlertDescription::handshake_failure,
         std::string("ServerHello: resumes a session ") +
             (session.extended_master_secret ? "with" : "without") +
             " the extended master secret but " + (n.extended_master_secret ? "sends" : "omits") +
             " the extension (RFC 7627 §5.3)");
  }
  n.resumed = true;
  const std::int64_t established_at = session.established_at;
  engine.resume_keys(session);
  engine.session.session_id.assign(sh.session_id.begin(), sh.session_id.end());
  engine.session.established_at = established_at;
  engine.session.ticket_lifetime_hint = session.ticket_lifetime_hint;
  engine.emit_negotiated("cipher_suite", suite_label(n.cipher_suite));
  engine.emit_negotiated("extended_master_secret", n.extended_master_secret ? "yes" : "no");
  engine.emit_negotiated("resumption", session.ticket.empty() ? "resumed by SessionID"
                                                              : "resumed by SessionID or ticket");
  if (!n.alpn.empty()) engine.emit_negotiated("alpn", n.alpn);
  return expect_ticket_ ? State::expect_new_session_ticket : State::expect_change_cipher_spec;
}

State ClientMachine::on_certificate(const Incoming& in) {
  const auto& cert = std::get<messages::Certificate>(*in.message);
  if (cert.certificate_list.empty()) {
    fail(AlertDescription::bad_certificate, "Certificate: the server sent an empty chain");
  }
  auto chain = engine.accept_peer_chain(cert.certificate_list, Purpose::server_auth,
                                        config.server_name, config.clock());
  server_key_ = chain.key;
  engine.peer_authenticated.emplace(chain.verified ? Verify::server(std::move(*chain.verified))
                                                   : Verify::server_unverified(config));
  const auto key = server_key_->type();
  const bool rsa_suite = engine.suite->authentication == registry::Authentication::rsa;
  if (rsa_suite != (key == crypto::KeyType::rsa)) {
    fail(AlertDescription::unsupported_certificate,
         "Certificate: the server's " + std::string(crypto::key_type_name(key)) +
             " key cannot authenticate " + std::string(engine.suite->name));
  }
  if (engine.suite->key_exchange == KeyExchange::rsa) {
    engine.key_exchange_bound.emplace(Verify::rsa_key_transport());
    return State::expect_certificate_request_or_done;
  }
  return State::expect_server_key_exchange;
}

State ClientMachine::on_server_key_exchange(const Incoming& in) {
  const auto& ske = std::get<messages::ServerKeyExchange>(*in.message);
  if (ske.key_exchange == KeyExchange::ecdhe) {
    if (!contains(offered_groups_, ske.named_curve) ||
        crypto::is_ffdhe(static_cast<crypto::NamedGroup>(ske.named_curve))) {
      fail(AlertDescription::illegal_parameter,
           "ServerKeyExchange.named_curve: " + group_label(ske.named_curve) + " was not offered");
    }
    server_group_ = ske.named_curve;
    server_share_.assign(ske.public_key.begin(), ske.public_key.end());
  } else {
    const auto group = crypto::ffdhe_group_of(ske.dh_p, ske.dh_g);
    if (!group || !contains(offered_groups_, static_cast<std::uint16_t>(*group))) {
      // RFC 7919 §4: a client that does not recognise the group may abort; tlslab computes
      // only in the RFC 7919 groups it offered.
      fail(AlertDescription::insufficient_security,
           "ServerKeyExchange.dh_p: a " + std::to_string(ske.dh_p.size() * 8) +
               "-bit group that is not an offered RFC 7919 group");
    }
    server_group_ = static_cast<std::uint16_t>(*group);
    server_share_.assign(ske.dh_Ys.begin(), ske.dh_Ys.end());
  }
  if (!contains(offered_schemes_, ske.signature_algorithm) ||
      !crypto::key_supports(server_key_->type(),
                            static_cast<crypto::SignatureScheme>(ske.signature_algorithm))) {
    fail(AlertDescription::illegal_parameter,
         "ServerKeyExchange.signature_algorithm: " + scheme_label(ske.signature_algorithm) +
             " was not offered or does not fit the server's key");
  }
  // RFC 5246 §7.4.3: the signature covers client_random + server_random + params.
  Bytes signed_data(engine.client_random.begin(), engine.client_random.end());
  signed_data.insert(signed_data.end(), engine.server_random.begin(), engine.server_random.end());
  signed_data.insert(signed_data.end(), ske.params.begin(), ske.params.end());
  engine.key_exchange_bound.emplace(Verify::server_key_exchange(
      *server_key_, static_cast<crypto::SignatureScheme>(ske.signature_algorithm), signed_data,
      ske.signature));
  engine.negotiated.group = server_group_;
  engine.negotiated.signature_scheme = ske.signature_algorithm;
  engine.emit_negotiated("group", group_label(server_group_));
  engine.emit_negotiated("server_signature", scheme_label(ske.signature_algorithm));
  return State::expect_certificate_request_or_done;
}

State ClientMachine::on_certificate_request(const Incoming& in) {
  const auto& request = std::get<messages::CertificateRequest>(*in.message);
  identity_choice_ = choose_client_identity(identity_facts_, offered_schemes_, request);
  if (identity_facts_.empty()) {
    engine.emit_certificate("client identity", "no client identity is configured");
  }
  for (const auto& verdict : identity_choice_->verdicts) {
    // The words are made only for a connection that keeps its events.
    engine.emit_with([&] {
      return CertificateEvent{"client identity", describe(verdict, request), verdict};
    });
  }
  if (!identity_choice_->index) {
    engine.emit_certificate("client identity", "none fits: sending an empty Certificate");
  }
  return State::expect_server_hello_done;
}

State ClientMachine::on_server_hello_done(const Incoming&) {
  send_client_flight();
  return expect_ticket_ ? State::expect_new_session_ticket : State::expect_change_cipher_spec;
}

void ClientMachine::send_client_flight() {
  const Identity* identity = nullptr;
  const std::uint16_t scheme = identity_choice_ ? identity_choice_->scheme : 0;
  if (identity_choice_) {
    messages::Certificate cert;
    if (identity_choice_->index) {
      identity = &config.identities[*identity_choice_->index];
      for (const auto& der : identity->chain)
        cert.certificate_list.push_back(der);
    }
    engine.send(cert);
    engine.negotiated.client_certificate = identity != nullptr;
    engine.session.client_certificate = identity != nullptr;
  }

  // Only a ServerHello leads here, and it chose the suite; refuse rather than trust that (a
  // state forced by a test, or a future table change, would otherwise dereference null).
  if (engine.suite == nullptr || !server_key_) {
    fail(AlertDescription::internal_error,
         "ServerHelloDone: no cipher suite or server key was established before it");
  }
  SecretBytes pre_master_secret;
  messages::ClientKeyExchange cke;
  cke.key_exchange = engine.suite->key_exchange;
  std::unique_ptr<crypto::KeyShare> share;
  Bytes encrypted;
  if (cke.key_exchange == KeyExchange::rsa) {
    // RFC 5246 §7.4.7.1: client_version (the version offered in the ClientHello) + 46 random.
    pre_master_secret.resize(48);
    pre_master_secret[0] = 3;
    pre_master_secret[1] = 3;
    engine.provider.fill(MutableByteView(pre_master_secret).subspan(2));
    encrypted = server_key_->encrypt_pkcs1(pre_master_secret, engine.provider);
    cke.exchange_keys = encrypted;
  } else {
    share = engine.provider.generate_key_share(static_cast<crypto::NamedGroup>(server_group_));
    pre_master_secret = share->derive(server_share_);
    cke.exchange_keys = share->public_value();
  }
  engine.send(cke);

  // RFC 7627 §3: the session hash runs up to and including ClientKeyExchange, just sent.
  engine.derive_keys(pre_master_secret);

  if (identity != nullptr) {
    // RFC 5246 §7.4.8: the signature covers all handshake messages so far (Ed25519 signs them
    // as they are; the others hash them with the scheme's hash).
    const Bytes signature = identity->key->sign(static_cast<crypto::SignatureScheme>(scheme),
                                                engine.transcript.bytes(), engine.provider);
    messages::CertificateVerify cv;
    cv.signature_algorithm = scheme;
    cv.signature = signature;
    engine.send(cv);
  }
  engine.send_change_cipher_spec();
  engine.client_verify_data = engine.compute_verify_data(Sender::client);
  messages::Finished fin;
  fin.verify_data = engine.client_verify_data;
  engine.send(fin);
}

State ClientMachine::on_new_session_ticket(const Incoming& in) {
  const auto& nst = std::get<messages::NewSessionTicket>(*in.message);
  // RFC 5077 §3.3: an empty ticket means the server changed its mind; the session then lives
  // only under its SessionID, if it has one.
  engine.session.ticket.assign(nst.ticket.begin(), nst.ticket.end());
  engine.session.ticket_lifetime_hint = nst.ticket_lifetime_hint;
  return State::expect_change_cipher_spec;
}

State ClientMachine::on_change_cipher_spec(const Incoming&) {
  engine.activate_pending_read();
  return State::expect_finished;
}

State ClientMachine::on_finished(const Incoming& in) {
  const auto& fin = std::get<messages::Finished>(*in.message);
  engine.check_peer_finished(Sender::server, fin.verify_data, in.raw);
  if (resumed_) {
    // RFC 5246 §7.3: in an abbreviated handshake the server finishes first.
    engine.send_change_cipher_spec();
    engine.client_verify_data = engine.compute_verify_data(Sender::client);
    messages::Finished ours;
    ours.verify_data = engine.client_verify_data;
    engine.send(ours);
  }
  return State::traffic;
}

State ClientMachine::on_hello_request(const Incoming&) {
  // RFC 5746 §4.2 / RFC 5246 §7.2.2: renegotiation is refused with a warning.
  engine.send_alert(AlertLevel::warning, AlertDescription::no_renegotiation,
                    "HelloRequest: renegotiation is not supported");
  return State::traffic;
}

State ClientMachine::on_application_data(const Incoming& in) {
  engine.application_data.insert(engine.application_data.end(), in.raw.begin(), in.raw.end());
  return State::traffic;
}

}  // namespace tlslab::handshake::detail

// The server's state machine (RFC 5246 §7.3 figure 1, server side): ClientHello; our flight
// ServerHello, Certificate, ServerKeyExchange, CertificateRequest, ServerHelloDone; then the
// client's Certificate, ClientKeyExchange, CertificateVerify, ChangeCipherSpec, Finished; then our
// ChangeCipherSpec and Finished.
#include <algorithm>
#include <string>

#include "machines.hpp"
#include "tlslab/crypto/ffdhe.hpp"
#include "tlslab/error.hpp"
#include "tlslab/pki/host_name.hpp"
#include "tlslab/pki/x509.hpp"
#include "tlslab/registry.hpp"

namespace tlslab::handshake::detail {

using messages::Extension;
using registry::ExtensionType;
using registry::KeyExchange;
using State = ServerMachine::State;

std::string_view ServerMachine::state_name(State s) noexcept {
  switch (s) { TLSLAB_SERVER_STATES(TLSLAB_STATE_NAME) }
  return "unknown";
}

std::span<const Transition<ServerMachine>> ServerMachine::table() noexcept {
  using M = ServerMachine;
  // The next states each handler may answer with: a resumption, a full handshake with or
  // without a CertificateRequest after ClientHello; CertificateVerify only when the client
  // sent a certificate.
  static constexpr Transition<M> kTable[] = {
      {State::expect_client_hello, Input::client_hello, &M::on_client_hello,
       next(State::expect_certificate, State::expect_client_key_exchange,
            State::expect_change_cipher_spec)},
      {State::expect_certificate, Input::certificate, &M::on_certificate,
       next(State::expect_client_key_exchange)},
      {State::expect_client_key_exchange, Input::client_key_exchange, &M::on_client_key_exchange,
       next(State::expect_certificate_verify, State::expect_change_cipher_spec)},
      {State::expect_certificate_verify, Input::certificate_verify, &M::on_certificate_verify,
       next(State::expect_change_cipher_spec)},
      {State::expect_change_cipher_spec, Input::change_cipher_spec, &M::on_change_cipher_spec,
       next(State::expect_finished)},
      {State::expect_finished, Input::finished, &M::on_finished, next(State::traffic)},
      {State::traffic, Input::client_hello, &M::on_renegotiation_attempt, next(State::traffic)},
      {State::traffic, Input::application_data, &M::on_application_data, next(State::traffic)},
  };
  return kTable;
}

ServerMachine::ServerMachine(ServerConfig c) : config(std::move(c)), engine(config, false) {
  // The configuration's defaults, resolved once: every later step reads config.* as is.
  if (config.cipher_suites.empty()) config.cipher_suites = default_cipher_suites();
  if (config.signature_schemes.empty()) config.signature_schemes = default_signature_schemes();
  if (config.groups.empty()) {
    config.groups = default_groups();
    // ffdhe2048 first (the fallback for a client that lists no FFDHE group); the larger groups
    // only for a client that lists them (the client side offers 2048 and 3072 only): RFC 7919
    // §4 lets the server pick any group of the client's list.
    using crypto::NamedGroup;
    for (NamedGroup g : {NamedGroup::ffdhe2048, NamedGroup::ffdhe3072, NamedGroup::ffdhe4096,
                         NamedGroup::ffdhe6144, NamedGroup::ffdhe8192}) {
      config.groups.push_back(static_cast<std::uint16_t>(g));
    }
  }
}

namespace {

// RFC 5746 §3.6: the client signals secure renegotiation by the SCSV or the extension, which
// must be empty in an initial handshake.
bool client_signals_secure_renegotiation(const messages::ClientHello& ch) {
  const auto* reneg = ch.extensions.get<messages::RenegotiationInfo>();
  if (reneg != nullptr && !reneg->renegotiated_connection.empty()) {
    fail(AlertDescription::handshake_failure,
         "ClientHello.renegotiation_info: not empty in an initial handshake (RFC 5746 §3.6)");
  }
  return reneg != nullptr || ch.offers(registry::TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
}

bool key_fits_suite(crypto::KeyType key, const registry::CipherSuiteInfo& s) {
  return (s.authentication == registry::Authentication::rsa) == (key == crypto::KeyType::rsa);
}

}  // namespace

namespace {

// The host_name of the client's server_name extension ("" without one). Other name types are
// skipped (RFC 6066 §3); a host name that is not an ASCII DNS name — a NUL, a control
// character, an escape sequence, UTF-8 — is illegal_parameter, as tlsfuzzer expects: RFC 6066
// §3 makes HostName "the fully qualified DNS hostname ... represented as a byte string using
// ASCII encoding", and such bytes would otherwise reach logs and session lookups.
std::string client_host_name(const messages::ClientHello& ch) {
  const auto* list = ch.extensions.get<messages::ServerNameList>();
  if (list == nullptr) return {};
  for (const auto& entry : list->server_name_list) {
    if (entry.name_type != 0) continue;
    std::string name(entry.name.begin(), entry.name.end());
    for (std::size_t i = 0; i < name.size(); ++i) {
      const auto c = static_cast<unsigned char>(name[i]);
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_';
      if (!ok) {
        fail(AlertDescription::illegal_parameter,
             "ClientHello.server_name.host_name: byte 0x" + to_hex(ByteView(&entry.name[i], 1)) +
                 " at position " + std::to_string(i) +
                 " is not part of an ASCII DNS name (letters, digits, '-', '.', '_')");
      }
    }
    return name;
  }
  return {};
}

// RFC 7919 §6 reserves 256..511 for FFDHE groups, known to us or not.
bool is_ffdhe_code_point(std::uint16_t g) noexcept {
  return g >= 0x0100 && g <= 0x01ff;
}
}  // namespace

State ServerMachine::on_client_hello(const Incoming& in) {
  const auto& ch = std::get<messages::ClientHello>(*in.message);
  if (ch.client_version < 0x0303) {
    fail(AlertDescription::protocol_version,
         "ClientHello.client_version: " + registry::version_name(ch.client_version) +
             "; tlslab speaks TLS 1.2 only");
  }
  client_version_ = ch.client_version;
  host_name_ = client_host_name(ch);
  engine.client_random = ch.random;
  const auto client_groups = read_client_offer(ch);
  const bool client_ems = ch.extensions.find(ExtensionType::extended_master_secret) != nullptr;
  if (auto found = find_resumable(ch, client_ems)) {
    send_abbreviated_flight(ch, *found);
    return State::expect_change_cipher_spec;
  }
  const std::uint16_t group = choose_parameters(ch, client_groups);
  send_server_hello(ch, client_ems);
  send_certificate();
  if (engine.suite->key_exchange != KeyExchange::rsa) send_server_key_exchange(group);
  if (config.client_auth != ClientAuth::none) send_certificate_request();
  engine.send(messages::ServerHelloDone{});
  return requested_certificate_ ? State::expect_certificate : State::expect_client_key_exchange;
}

std::vector<std::uint16_t> ServerMachine::read_client_offer(const messages::ClientHello& ch) {
  // What the client supports. Without signature_algorithms a TLS 1.2 client accepts SHA-1 only
  // (RFC 5246 §7.4.1.4.1); without supported_groups, RFC 8422 §4 lets the server pick P-256.
  std::vector<std::uint16_t> client_groups;
  if (const auto* groups = ch.extensions.get<messages::SupportedGroups>()) {
    client_groups = groups->named_group_list;
  } else {
    client_groups = {static_cast<std::uint16_t>(crypto::NamedGroup::secp256r1)};
  }
  if (const auto* formats = ch.extensions.get<messages::EcPointFormats>()) {
    // RFC 8422 §5.1.2: a client that supports any of the curves and sends the extension without
    // the uncompressed format is refused with illegal_parameter.
    const ByteView list = formats->ec_point_format_list;
    const bool uncompressed = std::find(list.begin(), list.end(), 0) != list.end();
    const bool ec_groups = std::any_of(client_groups.begin(), client_groups.end(),
                                       [](std::uint16_t g) { return !is_ffdhe_code_point(g); });
    if (!uncompressed && ec_groups) {
      fail(AlertDescription::illegal_parameter,
           "ClientHello.ec_point_formats: the list lacks uncompressed(0), which RFC 8422 §5.1.2 "
           "requires of a client supporting the curves");
    }
  }
  if (const auto* algorithms = ch.extensions.get<messages::SignatureAlgorithms>()) {
    client_schemes_ = algorithms->supported_signature_algorithms;
  } else {
    client_schemes_ = {static_cast<std::uint16_t>(crypto::SignatureScheme::rsa_pkcs1_sha1),
                       static_cast<std::uint16_t>(crypto::SignatureScheme::ecdsa_sha1)};
  }
  return client_groups;
}

std::uint16_t ServerMachine::choose_parameters(const messages::ClientHello& ch,
                                               const std::vector<std::uint16_t>& client_groups) {
  const auto& our_suites = config.cipher_suites;
  const auto& our_groups = config.groups;
  const auto& our_schemes = config.signature_schemes;
  // Server preference: the first of our suites the client offers for which we have a group and
  // an identity whose key can sign something the client accepts. RFC 7919 §4: a client that
  // lists no FFDHE group says nothing about DHE groups, so DHE falls back to our first FFDHE
  // group (ffdhe2048 by default); one that lists FFDHE groups gets DHE only in one of them.
  const bool client_lists_ffdhe =
      std::any_of(client_groups.begin(), client_groups.end(), is_ffdhe_code_point);
  bool dhe_without_common_group = false;
  std::uint16_t group = 0;
  // With prefer_client_cipher_order the client's order decides among the suites we enable (as
  // OpenSSL does unless -serverpref); otherwise ours does.
  std::vector<std::uint16_t> candidates;
  if (config.prefer_client_cipher_order) {
    for (auto code : ch.cipher_suites) {
      if (contains(our_suites, code)) candidates.push_back(code);
    }
  } else {
    candidates = our_suites;
  }
  for (auto code : candidates) {
    const auto* s = registry::find_cipher_suite(code);
    if (s == nullptr || !s->implemented || !ch.offers(code)) continue;
    std::uint16_t g = 0;
    if (s->key_exchange != KeyExchange::rsa) {
      const bool dhe = s->key_exchange == KeyExchange::dhe;
      for (auto candidate : our_groups) {
        const bool ff = crypto::is_ffdhe(static_cast<crypto::NamedGroup>(candidate));
        if (ff != dhe) continue;
        if (contains(client_groups, candidate) || (ff && !client_lists_ffdhe)) {
          g = candidate;
          break;
        }
      }
      if (g == 0) {
        if (dhe && client_lists_ffdhe) dhe_without_common_group = true;
        continue;
      }
    }
    for (const auto& id : config.identities) {
      if (!key_fits_suite(id.key->type(), *s)) continue;
      std::uint16_t scheme = 0;
      if (s->key_exchange != KeyExchange::rsa) {
        const auto common = common_scheme(our_schemes, client_schemes_, id.key->type());
        if (!common) continue;
        scheme = *common;
      }
      identity_ = &id;
      ske_scheme_ = scheme;
      break;
    }
    if (identity_ != nullptr) {
      engine.suite = s;
      group = g;
      break;
    }
  }
  if (engine.suite == nullptr) {
    if (dhe_without_common_group) {
      // RFC 7919 §4: the client's FFDHE groups and ours do not meet, and no other suite fits.
      fail(AlertDescription::insufficient_security,
           "ClientHello.supported_groups: none of the client's FFDHE groups is one of ours, and "
           "no other cipher suite fits");
    }
    std::string offered;
    for (auto c : ch.cipher_suites)
      offered += "\n  " + suite_label(c);
    fail(AlertDescription::handshake_failure,
         "ClientHello: no cipher suite, group and identity in common; the client offered:" +
             offered);
  }
  return group;
}

void ServerMachine::send_server_hello(const messages::ClientHello& ch, bool client_ems) {
  auto& n = engine.negotiated;
  n.cipher_suite = engine.suite->code;
  engine.parse_context.key_exchange = engine.suite->key_exchange;

  const bool secure_renegotiation = client_signals_secure_renegotiation(ch);

  messages::ServerHello sh = new_server_hello();
  if (config.session_cache) {
    // RFC 5246 §7.4.1.3: a SessionID only when the session can be resumed by it.
    session_id_.resize(32);
    engine.provider.fill(session_id_);
    sh.session_id = session_id_;
  }
  auto add = [&](ExtensionType type, Bytes body) {
    sh.extensions.list.push_back(Extension{static_cast<std::uint16_t>(type), engine.keep(body)});
  };
  if (config.ticket_keys && ch.extensions.find(ExtensionType::session_ticket) != nullptr) {
    add(ExtensionType::session_ticket, {});  // RFC 5077 §3.2: a NewSessionTicket will follow
    issue_ticket_ = true;
  }
  if (secure_renegotiation)
    add(ExtensionType::renegotiation_info, encode(messages::RenegotiationInfo{}));
  if (client_ems && config.ems != ExtendedMasterSecret::off) {
    n.extended_master_secret = true;
    add(ExtensionType::extended_master_secret, {});
  } else if (config.ems == ExtendedMasterSecret::require) {
    fail(AlertDescription::handshake_failure,
         "ClientHello: no extended_master_secret, and this server requires it (RFC 7627)");
  }
  if (engine.suite->bulk == registry::BulkKind::cbc &&
      ch.extensions.find(ExtensionType::encrypt_then_mac) != nullptr) {
    n.encrypt_then_mac = true;
    add(ExtensionType::encrypt_then_mac, {});
  }
  if (const auto alpn = choose_alpn(ch))
    add(ExtensionType::application_layer_protocol_negotiation, *alpn);
  if (!host_name_.empty()) {
    n.server_name = host_name_;
    check_server_name();
    add(ExtensionType::server_name, {});  // RFC 6066 §3: an empty acknowledgement
  }
  negotiate_record_limits(ch, sh.extensions.list);
  if (engine.suite->key_exchange == KeyExchange::ecdhe &&
      ch.extensions.find(ExtensionType::ec_point_formats) != nullptr) {
    static constexpr std::uint8_t kUncompressed[] = {0};
    add(ExtensionType::ec_point_formats, encode(messages::EcPointFormats{kUncompressed}));
  }
  engine.send(sh);
  engine.emit_negotiated("cipher_suite", suite_label(n.cipher_suite));
  engine.emit_negotiated("extended_master_secret", n.extended_master_secret ? "yes" : "no");
  if (!n.alpn.empty()) engine.emit_negotiated("alpn", n.alpn);
  if (!n.server_name.empty()) engine.emit_negotiated("server_name", n.server_name);
}

void ServerMachine::send_certificate() {
  messages::Certificate cert;
  for (const auto& der : identity_->chain)
    cert.certificate_list.push_back(der);
  engine.send(cert);
}

void ServerMachine::send_server_key_exchange(std::uint16_t group) {
  auto& n = engine.negotiated;
  share_ = engine.provider.generate_key_share(static_cast<crypto::NamedGroup>(group));
  messages::ServerKeyExchange ske;
  ske.key_exchange = engine.suite->key_exchange;
  static constexpr std::uint8_t kGenerator[] = {2};
  if (ske.key_exchange == KeyExchange::ecdhe) {
    ske.named_curve = group;
    ske.public_key = share_->public_value();
  } else {
    ske.dh_p = crypto::ffdhe_prime(static_cast<crypto::NamedGroup>(group));
    ske.dh_g = kGenerator;
    ske.dh_Ys = share_->public_value();
  }
  const Bytes params = ske.encode_params();
  Bytes signed_data(engine.client_random.begin(), engine.client_random.end());
  signed_data.insert(signed_data.end(), engine.server_random.begin(), engine.server_random.end());
  signed_data.insert(signed_data.end(), params.begin(), params.end());
  const Bytes signature = identity_->key->sign(static_cast<crypto::SignatureScheme>(ske_scheme_),
                                               signed_data, engine.provider);
  ske.signature_algorithm = ske_scheme_;
  ske.signature = signature;
  engine.send(ske);
  n.group = group;
  n.signature_scheme = ske_scheme_;
  engine.emit_negotiated("group", group_label(group));
  engine.emit_negotiated("server_signature", scheme_label(ske_scheme_));
}

void ServerMachine::send_certificate_request() {
  messages::CertificateRequest cr;
  static constexpr std::uint8_t kTypes[] = {1 /* rsa_sign */, 64 /* ecdsa_sign */};
  cr.certificate_types = kTypes;
  cr.supported_signature_algorithms = config.signature_schemes;
  std::vector<Bytes> names;
  if (config.send_ca_names && config.verifier) names = config.verifier->anchor_names();
  for (const auto& name : names)
    cr.certificate_authorities.push_back(name);
  engine.send(cr);
  requested_certificate_ = true;
  client_schemes_ = config.signature_schemes;  // what a CertificateVerify may use from now on
}

std::optional<Bytes> ServerMachine::choose_alpn(const messages::ClientHello& ch) {
  auto& n = engine.negotiated;
  if (const auto* offered = ch.extensions.get<messages::ApplicationLayerProtocolNegotiation>();
      offered != nullptr && !config.alpn.empty()) {
    for (const auto& ours : config.alpn) {
      for (auto theirs : offered->protocol_name_list) {
        if (n.alpn.empty() && ByteView(view(ours)).size() == theirs.size() &&
            std::equal(theirs.begin(), theirs.end(), ours.begin())) {
          n.alpn = ours;
        }
      }
    }
    if (n.alpn.empty()) {
      // RFC 7301 §3.2: no protocol in common is a fatal no_application_protocol.
      fail(AlertDescription::no_application_protocol,
           "ClientHello.application_layer_protocol_negotiation: no protocol in common");
    }
    messages::ApplicationLayerProtocolNegotiation chosen;
    chosen.protocol_name_list.push_back(view(n.alpn));
    return encode(chosen);
  }
  return std::nullopt;
}

void ServerMachine::negotiate_record_limits(const messages::ClientHello& ch,
                                            std::vector<messages::Extension>& out) {
  if (const auto* theirs = ch.extensions.get<messages::RecordSizeLimit>()) {
    // RFC 8449 §5: record_size_limit wins; max_fragment_length is then ignored.
    const std::uint16_t ours = config.record_size_limit != 0
                                   ? config.record_size_limit
                                   : static_cast<std::uint16_t>(record::kMaxPlaintext);
    out.push_back(Extension{static_cast<std::uint16_t>(ExtensionType::record_size_limit),
                            engine.keep(encode(messages::RecordSizeLimit{ours}))});
    engine.apply_record_size_limits(ours, theirs->record_size_limit);
  } else if (const auto* asked = ch.extensions.get<messages::MaxFragmentLength>()) {
    out.push_back(Extension{static_cast<std::uint16_t>(ExtensionType::max_fragment_length),
                            engine.keep(encode(*asked))});
    // RFC 6066 §4: fragmenting starts at once, with the ServerHello's own record.
    engine.apply_max_fragment_length(asked->limit());
  }
}

State ServerMachine::on_certificate(const Incoming& in) {
  const auto& cert = std::get<messages::Certificate>(*in.message);
  if (cert.certificate_list.empty()) {
    engine.peer_authenticated.emplace(Verify::no_client_certificate(config.client_auth));
    engine.emit_certificate("no client certificate", "the client sent an empty Certificate");
    return State::expect_client_key_exchange;
  }
  auto chain =
      engine.accept_peer_chain(cert.certificate_list, Purpose::client_auth, {}, config.clock());
  if (!chain.verified) {
    // Connection::server refuses client authentication without a verifier; this is that rule
    // holding.
    fail(AlertDescription::internal_error, "Certificate: no verifier for the client's chain");
  }
  client_key_ = chain.key;
  client_chain_.emplace(std::move(*chain.verified));
  return State::expect_client_key_exchange;
}

State ServerMachine::on_client_key_exchange(const Incoming& in) {
  const auto& cke = std::get<messages::ClientKeyExchange>(*in.message);
  SecretBytes pre_master_secret;
  if (cke.key_exchange == KeyExchange::rsa) {
    pre_master_secret.resize(48);
    identity_->key->decrypt_premaster(cke.exchange_keys, client_version_,
                                      std::span<std::uint8_t, 48>(pre_master_secret.data(), 48),
                                      engine.provider);
  } else {
    pre_master_secret = share_->derive(cke.exchange_keys);
  }
  // RFC 7627 §3: the session hash runs up to and including ClientKeyExchange, which the
  // dispatcher added to the transcript before calling this handler.
  engine.derive_keys(pre_master_secret);
  engine.key_exchange_bound.emplace(Verify::our_key_exchange());
  // Without a client key here, no certificate was requested or an optional one was not sent:
  // there is nothing to verify.
  if (!client_key_ && !engine.peer_authenticated) {
    engine.peer_authenticated.emplace(Verify::no_client_certificate(config.client_auth));
  }
  return client_key_ ? State::expect_certificate_verify : State::expect_change_cipher_spec;
}

State ServerMachine::on_certificate_verify(const Incoming& in) {
  const auto& cv = std::get<messages::CertificateVerify>(*in.message);
  const auto scheme = static_cast<crypto::SignatureScheme>(cv.signature_algorithm);
  if (!contains(client_schemes_, cv.signature_algorithm) ||
      !crypto::key_supports(client_key_->type(), scheme)) {
    fail(AlertDescription::illegal_parameter,
         "CertificateVerify.signature_algorithm: " + scheme_label(cv.signature_algorithm) +
             " was not requested or does not fit the client's key");
  }
  if (!client_chain_) {
    fail(AlertDescription::internal_error, "CertificateVerify: no verified client chain");
  }
  engine.peer_authenticated.emplace(Verify::client(std::move(*client_chain_), *client_key_, scheme,
                                                   engine.transcript.bytes(), cv.signature));
  client_chain_.reset();
  engine.transcript.add(in.raw);
  engine.negotiated.client_certificate = true;
  engine.emit_certificate("client proved possession of its key",
                          "CertificateVerify with " + scheme_label(cv.signature_algorithm));
  return State::expect_change_cipher_spec;
}

State ServerMachine::on_change_cipher_spec(const Incoming&) {
  engine.activate_pending_read();
  return State::expect_finished;
}

State ServerMachine::on_finished(const Incoming& in) {
  const auto& fin = std::get<messages::Finished>(*in.message);
  engine.check_peer_finished(Sender::client, fin.verify_data, in.raw);
  if (resumed_) return State::traffic;  // our Finished went first (RFC 5246 §7.3)
  auto& session = engine.session;
  session.session_id = session_id_;
  session.server_name = engine.negotiated.server_name;
  session.established_at = config.clock();
  session.client_certificate = engine.negotiated.client_certificate;
  if (!session.client_certificate) {
    session.peer_chain.clear();
    session.peer_subject.clear();
    session.peer_chain_subjects.clear();
  }
  if (config.session_cache && !session_id_.empty()) config.session_cache->store(session);
  send_server_finished();
  return State::traffic;
}

void ServerMachine::send_server_finished() {
  if (issue_ticket_) {
    // RFC 5077 §3.3: the ticket goes after the client's Finished, before our ChangeCipherSpec.
    const Bytes ticket = config.ticket_keys->seal(engine.session);
    messages::NewSessionTicket nst;
    nst.ticket_lifetime_hint = static_cast<std::uint32_t>(config.session_lifetime);
    nst.ticket = ticket;
    engine.send(nst);
  }
  engine.send_change_cipher_spec();
  engine.server_verify_data = engine.compute_verify_data(Sender::server);
  messages::Finished ours;
  ours.verify_data = engine.server_verify_data;
  engine.send(ours);
}

std::optional<TicketKeys::Opened> ServerMachine::find_resumable(const messages::ClientHello& ch,
                                                                bool client_ems) {
  std::optional<TicketKeys::Opened> found;
  const char* how = "";
  bool by_session_id = false;
  if (const auto* t = ch.extensions.get<messages::SessionTicket>();
      t != nullptr && !t->ticket.empty() && config.ticket_keys) {
    found = config.ticket_keys->open(t->ticket);
    how = "ticket";
    if (!found) {
      engine.emit_negotiated("resumption", "ticket not accepted (unknown key or not authentic)");
    }
  }
  if (!found && !ch.session_id.empty() && config.session_cache) {
    if (auto cached = config.session_cache->find(ch.session_id)) {
      found = TicketKeys::Opened{std::move(*cached), false};
      how = "SessionID";
      by_session_id = true;
    } else {
      engine.emit_negotiated("resumption", "SessionID not in the cache");
    }
  }
  if (!found) return std::nullopt;
  const Session& s = found->session;
  auto refuse = [&](const std::string& why) {
    engine.emit_negotiated("resumption", std::string("not resumed (") + how + "): " + why);
    if (config.session_cache && !ch.session_id.empty()) config.session_cache->erase(ch.session_id);
    return std::nullopt;
  };
  const std::int64_t age = config.clock() - s.established_at;
  if (age < 0 || age > config.session_lifetime) {
    return refuse("the session is " + std::to_string(age) + " s old; the lifetime is " +
                  std::to_string(config.session_lifetime) + " s");
  }
  const auto& our_suites = config.cipher_suites;
  const auto* suite = registry::find_cipher_suite(s.cipher_suite);
  if (by_session_id && !ch.offers(s.cipher_suite)) {
    // RFC 5246 §7.4.1.2: a ClientHello resuming a session "MUST include at least the
    // cipher_suite from that session" — a client breaking that is refused, as tlsfuzzer's
    // test-resumption-with-wrong-ciphers.py expects.
    if (config.session_cache) config.session_cache->erase(ch.session_id);
    fail(AlertDescription::illegal_parameter,
         "ClientHello.cipher_suites: resumes a session made with " + suite_label(s.cipher_suite) +
             " without offering it (RFC 5246 §7.4.1.2)");
  }
  if (suite == nullptr || !suite->implemented || !contains(our_suites, s.cipher_suite) ||
      !ch.offers(s.cipher_suite)) {
    return refuse("its cipher suite " + suite_label(s.cipher_suite) +
                  " is not offered or not enabled");
  }
  if (s.extended_master_secret && !client_ems) {
    // RFC 7627 §5.3: "the server MUST abort the abbreviated handshake".
    fail(AlertDescription::handshake_failure,
         "ClientHello: resumes a session made with the extended master secret but omits the "
         "extension (RFC 7627 §5.3)");
  }
  if (!s.extended_master_secret && (client_ems || config.ems == ExtendedMasterSecret::require)) {
    // RFC 7627 §5.3: a session without it is not resumed when the extension is in play.
    return refuse("the session has no extended master secret");
  }
  const std::string& sni = host_name_;
  if (sni != s.server_name) {
    // RFC 6066 §3: a session is bound to the server name it was made for.
    return refuse("server_name \"" + sni + "\" differs from the session's \"" + s.server_name +
                  "\"");
  }
  if (config.client_auth == ClientAuth::required && !s.client_certificate) {
    return refuse("a client certificate is required and the session has none");
  }
  engine.emit_negotiated("resumption", std::string("resumed by ") + how);
  return found;
}

// RFC 6066 §3: a name none of our certificates is for. The RFC lets the server abort with a
// fatal unrecognized_name or go on; tlsfuzzer's default expectation (and OpenSSL's with a
// servername callback) is a warning-level unrecognized_name before the ServerHello, which is
// our default; ServerConfig::unknown_server_name picks another.
void ServerMachine::check_server_name() {
  if (config.unknown_server_name == UnknownServerName::ignore) return;
  for (const auto& id : config.identities) {
    if (id.chain.empty()) continue;
    try {
      if (pki::host_name_matches(pki::Certificate::parse(id.chain.front()), host_name_)) return;
    } catch (const Error&) {
      // Our own certificate does not parse: it matches nothing.
    }
  }
  const std::string reason =
      "ClientHello.server_name: \"" + host_name_ + "\" is not a name of this server's certificates";
  if (config.unknown_server_name == UnknownServerName::fatal) {
    fail(AlertDescription::unrecognized_name, reason);
  }
  engine.send_alert(AlertLevel::warning, AlertDescription::unrecognized_name, reason);
}

messages::ServerHello ServerMachine::new_server_hello() {
  messages::ServerHello sh;
  engine.provider.fill(engine.server_random);
  sh.random = engine.server_random;
  sh.cipher_suite = engine.suite->code;
  sh.extensions.present = true;
  return sh;
}

void ServerMachine::send_abbreviated_flight(const messages::ClientHello& ch,
                                            const TicketKeys::Opened& found) {
  auto& n = engine.negotiated;
  resumed_ = true;
  n.resumed = true;
  engine.suite = registry::find_cipher_suite(found.session.cipher_suite);
  n.cipher_suite = engine.suite->code;
  n.extended_master_secret = found.session.extended_master_secret;
  engine.parse_context.key_exchange = engine.suite->key_exchange;

  const bool secure_renegotiation = client_signals_secure_renegotiation(ch);
  messages::ServerHello sh = new_server_hello();
  // RFC 5246 §7.4.1.3 / RFC 5077 §3.4: echoing the client's SessionID says "resumed".
  session_id_.assign(ch.session_id.begin(), ch.session_id.end());
  sh.session_id = session_id_;
  auto add = [&](ExtensionType type, Bytes body) {
    sh.extensions.list.push_back(Extension{static_cast<std::uint16_t>(type), engine.keep(body)});
  };
  if (secure_renegotiation)
    add(ExtensionType::renegotiation_info, encode(messages::RenegotiationInfo{}));
  if (n.extended_master_secret) add(ExtensionType::extended_master_secret, {});
  if (engine.suite->bulk == registry::BulkKind::cbc &&
      ch.extensions.find(ExtensionType::encrypt_then_mac) != nullptr) {
    n.encrypt_then_mac = true;
    add(ExtensionType::encrypt_then_mac, {});
  }
  // A ticket sealed under a rotated-out key is renewed (RFC 5077 §3.3 allows a new ticket in
  // an abbreviated handshake when the ServerHello carries the extension).
  if (found.renew && config.ticket_keys) {
    add(ExtensionType::session_ticket, {});
    issue_ticket_ = true;
  }
  if (const auto alpn = choose_alpn(ch))
    add(ExtensionType::application_layer_protocol_negotiation, *alpn);
  n.server_name = found.session.server_name;
  negotiate_record_limits(ch, sh.extensions.list);
  // RFC 6066 §3: "When resuming a session, the server MUST NOT include a server_name extension".
  engine.send(sh);
  engine.resume_keys(found.session);
  engine.emit_negotiated("cipher_suite", suite_label(n.cipher_suite));
  engine.emit_negotiated("extended_master_secret", n.extended_master_secret ? "yes" : "no");
  if (n.client_certificate) {
    engine.emit_certificate("client certificate from the resumed session",
                            found.session.peer_subject);
  }
  send_server_finished();
}

State ServerMachine::on_renegotiation_attempt(const Incoming&) {
  // RFC 5746 §4.4 lets a server refuse renegotiation; it answers with a warning.
  engine.send_alert(AlertLevel::warning, AlertDescription::no_renegotiation,
                    "ClientHello after the handshake: renegotiation is not supported");
  return State::traffic;
}

State ServerMachine::on_application_data(const Incoming& in) {
  engine.application_data.insert(engine.application_data.end(), in.raw.begin(), in.raw.end());
  return State::traffic;
}

}  // namespace tlslab::handshake::detail

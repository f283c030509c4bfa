// Session state encoding, the in-memory session-ID cache and the ticket keys (session.hpp).
#include "tlslab/handshake/session.hpp"

#include <algorithm>
#include <array>
#include <list>
#include <unordered_map>

#include "tlslab/codec/reader.hpp"
#include "tlslab/codec/writer.hpp"
#include "tlslab/error.hpp"

namespace tlslab::handshake {

namespace {

constexpr std::uint8_t kSessionEncodingVersion = 1;

// The encoding's vectors, declared once for encode and decode (so that what decode refuses,
// encode refuses to write: a 47-byte master secret, a 33-byte session_id).
using codec::Bounds;
constexpr auto kMasterSecret = Bounds::u8(48, 48);
constexpr auto kSessionId = Bounds::u8(0, 32);  // SessionID<0..32>, RFC 5246 §7.4.1.2
constexpr auto kTicket = Bounds::u16();         // opaque ticket<0..2^16-1>, RFC 5077 §3.3
constexpr auto kServerName = Bounds::u8();
constexpr auto kPeerChain = Bounds::u24();
constexpr auto kCertificate = Bounds::u24(1);
constexpr auto kText = Bounds::u16();

ByteView view_of(const std::string& s) {
  return ByteView(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

std::string string_of(ByteView b) {
  return std::string(b.begin(), b.end());
}

}  // namespace

SecretBytes Session::encode() const {
  Bytes out;
  codec::Writer w(out);
  w.u8(kSessionEncodingVersion);
  w.u16(cipher_suite);
  w.opaque("Session.master_secret", master_secret, kMasterSecret);
  w.u8(extended_master_secret ? 1 : 0);
  w.opaque("Session.session_id", session_id, kSessionId);
  w.opaque("Session.ticket", ticket, kTicket);
  w.u32(ticket_lifetime_hint);
  w.u64(static_cast<std::uint64_t>(established_at));
  w.opaque("Session.server_name", view_of(server_name), kServerName);
  w.u8(client_certificate ? 1 : 0);
  w.sub("Session.peer_chain", kPeerChain, [&](codec::Writer&) {
    for (const auto& der : peer_chain)
      w.opaque("Session.peer_chain.certificate", der, kCertificate);
  });
  w.opaque("Session.peer_subject", view_of(peer_subject), kText);
  w.sub("Session.peer_chain_subjects", kText, [&](codec::Writer&) {
    for (const auto& s : peer_chain_subjects)
      w.opaque("Session.peer_chain_subjects.subject", view_of(s), kText);
  });
  SecretBytes secret(out.begin(), out.end());
  secure_wipe(out.data(), out.size());
  return secret;
}

Session Session::decode(ByteView bytes) {
  codec::Reader r(bytes, "Session");
  if (const auto version = r.u8("version"); version != kSessionEncodingVersion) {
    fail(AlertDescription::decode_error,
         "Session.version: " + std::to_string(version) + " is not a version tlslab wrote");
  }
  Session s;
  s.cipher_suite = r.u16("cipher_suite");
  const auto ms = r.opaque("master_secret", kMasterSecret);
  s.master_secret.assign(ms.begin(), ms.end());
  s.extended_master_secret = r.u8("extended_master_secret") != 0;
  const auto id = r.opaque("session_id", kSessionId);
  s.session_id.assign(id.begin(), id.end());
  const auto ticket = r.opaque("ticket", kTicket);
  s.ticket.assign(ticket.begin(), ticket.end());
  s.ticket_lifetime_hint = r.u32("ticket_lifetime_hint");
  s.established_at = static_cast<std::int64_t>(r.u64("established_at"));
  s.server_name = string_of(r.opaque("server_name", kServerName));
  s.client_certificate = r.u8("client_certificate") != 0;
  auto chain = r.sub("peer_chain", kPeerChain);
  while (!chain.empty()) {
    const auto der = chain.opaque("certificate", kCertificate);
    s.peer_chain.emplace_back(der.begin(), der.end());
  }
  s.peer_subject = string_of(r.opaque("peer_subject", kText));
  auto subjects = r.sub("peer_chain_subjects", kText);
  while (!subjects.empty())
    s.peer_chain_subjects.push_back(string_of(subjects.opaque("subject", kText)));
  r.expect_end();
  return s;
}

// ---- the session-ID cache --------------------------------------------------------------------

namespace {

class InMemorySessionCache final : public SessionCache {
 public:
  explicit InMemorySessionCache(std::size_t capacity) : capacity_(capacity) {}

  void store(const Session& session) override {
    if (session.session_id.empty() || capacity_ == 0) return;
    const std::lock_guard lock(mutex_);
    const std::string key = string_of(session.session_id);
    if (auto it = index_.find(key); it != index_.end()) {
      order_.erase(it->second);
      index_.erase(it);
    }
    order_.push_front(Entry{key, session});
    index_[key] = order_.begin();
    while (order_.size() > capacity_) {
      index_.erase(order_.back().key);
      order_.pop_back();
    }
  }

  std::optional<Session> find(ByteView session_id) override {
    const std::lock_guard lock(mutex_);
    const auto it = index_.find(string_of(session_id));
    if (it == index_.end()) return std::nullopt;
    return it->second->session;
  }

  void erase(ByteView session_id) override {
    const std::lock_guard lock(mutex_);
    const auto it = index_.find(string_of(session_id));
    if (it == index_.end()) return;
    order_.erase(it->second);
    index_.erase(it);
  }

 private:
  struct Entry {
    std::string key;
    Session session;
  };
  std::size_t capacity_;
  std::mutex mutex_;
  std::list<Entry> order_;  // most recently stored first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace

std::shared_ptr<SessionCache> make_session_cache(std::size_t capacity) {
  return std::make_shared<InMemorySessionCache>(capacity);
}

// ---- ticket keys -----------------------------------------------------------------------------

// AES-256-GCM rather than ChaCha20-Poly1305: both are in the provider; with AES-NI, Crypto++'s
// GCM seals a ~2 KB ticket faster than libsodium's ChaCha20-Poly1305 (bench-crypto's AEAD rows).
constexpr auto kTicketAead = crypto::AeadAlgorithm::aes_256_gcm;

struct TicketKeys::Key {
  std::array<std::uint8_t, kKeyNameSize> name{};
  std::unique_ptr<crypto::Aead> aead;
};

TicketKeys::TicketKeys(std::shared_ptr<crypto::Provider> provider, std::size_t keep_previous)
    : provider_(std::move(provider)), keep_previous_(keep_previous) {
  if (!provider_) fail(AlertDescription::internal_error, "TicketKeys: no provider");
  rotate();
}

TicketKeys::~TicketKeys() = default;

void TicketKeys::rotate() {
  auto key = std::make_unique<Key>();
  provider_->fill(key->name);
  SecretBytes secret(crypto::aead_key_size(kTicketAead));
  provider_->fill(secret);
  key->aead = provider_->aead(kTicketAead, secret);
  const std::lock_guard lock(mutex_);
  keys_.push_front(std::move(key));
  while (keys_.size() > keep_previous_ + 1)
    keys_.pop_back();
}

Bytes TicketKeys::current_key_name() const {
  const std::lock_guard lock(mutex_);
  return Bytes(keys_.front()->name.begin(), keys_.front()->name.end());
}

Bytes TicketKeys::seal(const Session& session) {
  Session state = session;
  state.ticket.clear();  // a ticket never carries a ticket
  const SecretBytes plain = state.encode();
  Bytes out;
  out.reserve(kKeyNameSize + crypto::kAeadNonceSize + plain.size() + crypto::kAeadTagSize);
  std::array<std::uint8_t, crypto::kAeadNonceSize> nonce{};
  provider_->fill(nonce);  // random 96-bit nonces: far below the 2^32 GCM bound per key
  const std::lock_guard lock(mutex_);
  const Key& key = *keys_.front();
  out.insert(out.end(), key.name.begin(), key.name.end());
  out.insert(out.end(), nonce.begin(), nonce.end());
  const std::size_t body = out.size();
  out.insert(out.end(), plain.begin(), plain.end());
  out.resize(out.size() + crypto::kAeadTagSize);
  const MutableByteView all(out);
  key.aead->seal(nonce, ByteView(key.name), all.subspan(body, plain.size()),
                 all.subspan(body + plain.size()));
  return out;
}

std::optional<TicketKeys::Opened> TicketKeys::open(ByteView ticket) {
  constexpr std::size_t kOverhead = kKeyNameSize + crypto::kAeadNonceSize + crypto::kAeadTagSize;
  if (ticket.size() <= kOverhead) return std::nullopt;
  const ByteView name = ticket.first(kKeyNameSize);
  const ByteView nonce = ticket.subspan(kKeyNameSize, crypto::kAeadNonceSize);
  const std::size_t body_size = ticket.size() - kOverhead;
  SecretBytes body(ticket.begin() + kKeyNameSize + crypto::kAeadNonceSize,
                   ticket.begin() + static_cast<std::ptrdiff_t>(
                                        kKeyNameSize + crypto::kAeadNonceSize + body_size));
  const ByteView tag = ticket.last(crypto::kAeadTagSize);
  const std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    Key& key = *keys_[i];
    if (!std::equal(name.begin(), name.end(), key.name.begin())) continue;
    if (!key.aead->open(nonce, name, body, tag)) return std::nullopt;
    try {
      return Opened{Session::decode(body), i != 0};
    } catch (const Error&) {
      return std::nullopt;  // authentic but not ours to read (another version): full handshake
    }
  }
  return std::nullopt;
}

}  // namespace tlslab::handshake

// Prints a connection's event stream for people: text (every message as an annotated tree,
// states, secrets, certificate decisions, records) or JSON Lines (one object per event). Shared
// by `tlslab demo`, `client` and `server`.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "tlslab/handshake/events.hpp"
#include "tlslab/registry.hpp"
#include "tlslab/trace/render.hpp"
#include "tlslab/trace/render_json.hpp"
#include "tlslab/trace/tree.hpp"

namespace tlslab::cli {

class EventPrinter {
 public:
  // `both_directions`: received messages and records are printed in full too (client/server:
  // the peer is not ours); the demo prints each once, by its sender.
  EventPrinter(std::ostream& out, bool json, bool hide_secrets, bool both_directions = false)
      : out_(out), json_(json), hide_secrets_(hide_secrets), both_(both_directions) {}

  void events(const char* side, std::vector<handshake::Event> events) {
    for (auto& e : events)
      std::visit([&](auto& x) { print(side, x); }, e);
  }
  void line(const char* side, const std::string& event, const std::string& text) {
    if (json_) {
      out_ << nlohmann::json{{"side", side}, {"event", event}, {"text", text}}.dump() << '\n';
    } else {
      out_ << "[" << side << "] " << text << '\n';
    }
  }

 private:
  void print(const char* side, const handshake::MessageEvent& m) {
    const bool sent = m.direction == handshake::Direction::sent;
    if (json_) {
      nlohmann::json j{{"side", side},
                       {"event", "message"},
                       {"direction", sent ? "sent" : "received"},
                       {"name", m.name},
                       {"hex", to_hex(m.raw)}};
      if (m.msg_type != 0xff) {
        j["tree"] =
            trace::render_json(trace::trace_handshake_message(m.raw, {m.key_exchange}).tree);
      }
      out_ << j.dump() << '\n';
      return;
    }
    if (!sent && !both_) {
      out_ << "[" << side << "] <- " << m.name << '\n';
      return;
    }
    out_ << "\n[" << side << "] " << (sent ? "->" : "<-") << " " << m.name << " (" << m.raw.size()
         << " bytes)\n";
    if (m.msg_type != 0xff) {
      out_ << trace::render_text(trace::trace_handshake_message(m.raw, {m.key_exchange}).tree,
                                 {.indent = 2, .max_hex_bytes = 24});
    }
  }
  void print(const char* side, const handshake::StateEvent& s) {
    if (json_) {
      out_ << nlohmann::json{{"side", side},
                             {"event", "state"},
                             {"from", s.from},
                             {"to", s.to},
                             {"input", s.input}}
                  .dump()
           << '\n';
      return;
    }
    out_ << "[" << side << "] state " << s.from << " -> " << s.to << " (on " << s.input << ")\n";
  }
  void print(const char* side, const handshake::SecretEvent& s) {
    const std::string value = hide_secrets_ ? "(hidden)" : to_hex(s.value);
    if (json_) {
      out_ << nlohmann::json{{"side", side},
                             {"event", "secret"},
                             {"label", s.label},
                             {"hex", value}}
                  .dump()
           << '\n';
      return;
    }
    out_ << "[" << side << "] secret " << s.label << " = " << value << '\n';
  }
  void print(const char* side, const handshake::AlertEvent& a) {
    const std::string text =
        std::string(a.direction == handshake::Direction::sent ? "sent" : "received") + " alert " +
        std::string(alert_level_label(a.level)) + " " + std::string(alert_label(a.description)) +
        (a.reason.empty() ? "" : ": " + a.reason);
    line(side, "alert", text);
  }
  static nlohmann::json identity_json(const handshake::IdentityVerdict& v) {
    using Outcome = handshake::IdentityVerdict::Outcome;
    const char* outcome = "chosen";
    switch (v.outcome) {
      case Outcome::chosen:
        break;
      case Outcome::certificate_type_not_requested:
        outcome = "certificate_type_not_requested";
        break;
      case Outcome::no_common_signature_scheme:
        outcome = "no_common_signature_scheme";
        break;
      case Outcome::issuer_not_named:
        outcome = "issuer_not_named";
        break;
    }
    nlohmann::json j{{"index", v.index},
                     {"subject", v.subject},
                     {"key_type", v.key_type},
                     {"certificate_type", v.certificate_type},
                     {"outcome", outcome}};
    if (v.outcome == Outcome::chosen) {
      j["signature_scheme"] =
          std::string(registry::signature_scheme_name(v.signature_scheme).value_or("unknown"));
    }
    return j;
  }
  void print(const char* side, const handshake::CertificateEvent& c) {
    if (json_) {
      nlohmann::json j{
          {"side", side}, {"event", "certificate"}, {"decision", c.decision}, {"detail", c.detail}};
      if (c.identity) j["identity"] = identity_json(*c.identity);
      out_ << j.dump() << '\n';
      return;
    }
    out_ << "[" << side << "] " << c.decision << ": " << c.detail << '\n';
  }
  void print(const char* side, const handshake::RecordEvent& r) {
    const auto type = registry::content_type_name(r.content_type);
    const bool sent = r.direction == handshake::Direction::sent;
    if (json_) {
      nlohmann::json j{{"side", side},
                       {"event", "record"},
                       {"direction", sent ? "sent" : "received"},
                       {"content_type", type ? *type : "unknown"},
                       {"version", r.version},
                       {"length", r.fragment.size()},
                       {"protection", r.protection},
                       {"fragment_hex", to_hex(r.fragment)}};
      if (r.plaintext) j["plaintext_hex"] = to_hex(*r.plaintext);
      out_ << j.dump() << '\n';
      return;
    }
    if (!sent && !both_) return;  // each record is shown once, by its sender
    out_ << "[" << side << "] " << (sent ? "sent" : "received") << " record "
         << (type ? *type : "unknown") << " " << registry::version_name(r.version) << " length "
         << r.fragment.size() << " (" << r.protection << ")\n";
    if (r.plaintext) {
      const auto shown = [](const Bytes& b) {
        return b.size() <= 48 ? to_hex(b) : to_hex(ByteView(b).first(48)) + "…";
      };
      out_ << "    ciphertext = " << shown(r.fragment)
           << "\n    plaintext  = " << shown(*r.plaintext) << '\n';
    }
  }
  void print(const char* side, const handshake::NegotiatedEvent& n) {
    if (json_) {
      out_ << nlohmann::json{{"side", side},
                             {"event", "negotiated"},
                             {"what", n.what},
                             {"value", n.value}}
                  .dump()
           << '\n';
      return;
    }
    out_ << "[" << side << "] negotiated " << n.what << ": " << n.value << '\n';
  }

  std::ostream& out_;
  bool json_;
  bool hide_secrets_;
  bool both_;
};

}  // namespace tlslab::cli

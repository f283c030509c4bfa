// `tlslab decode`: reads the TLS records one side of a connection sent and prints every record
// and every handshake message as an annotated tree (or JSON Lines). Protected records (after
// ChangeCipherSpec) are shown as such; there are no keys here.
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>

#include "commands.hpp"
#include "tlslab/error.hpp"
#include "tlslab/messages/handshake.hpp"
#include "tlslab/record/channel.hpp"
#include "tlslab/trace/render.hpp"
#include "tlslab/trace/render_json.hpp"
#include "tlslab/trace/tree.hpp"

namespace tlslab::cli {
namespace {

struct DecodeOptions {
  std::string input = "-";
  bool hex = false;
  bool json = false;
  bool roundtrip = false;
  std::string key_exchange;  // "", "ecdhe", "dhe", "rsa"
};

Bytes read_input(const DecodeOptions& o) {
  std::string raw;
  if (o.input == "-") {
    raw.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(o.input, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + o.input);
    raw.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (o.hex) return from_hex(raw);
  return Bytes(raw.begin(), raw.end());
}

std::optional<registry::KeyExchange> parse_key_exchange(const std::string& s) {
  if (s == "ecdhe") return registry::KeyExchange::ecdhe;
  if (s == "dhe") return registry::KeyExchange::dhe;
  if (s == "rsa") return registry::KeyExchange::rsa;
  return std::nullopt;
}

// A ClientKeyExchange seen without a ServerHello: an ECDHE point is an 8-bit vector that fills
// the body. RSA and DHE bodies start with a 16-bit length L = size - 2 instead, so their first
// byte is L >> 8, which can never equal size - 1: the test below is unambiguous.
std::optional<registry::KeyExchange> infer_key_exchange(ByteView message) {
  if (message.size() < 5 || message[0] != 16) return std::nullopt;
  const ByteView body = message.subspan(4);
  if (body.size() > 1 && body[0] == body.size() - 1) {
    return registry::KeyExchange::ecdhe;
  }
  return std::nullopt;
}

class Printer {
 public:
  explicit Printer(bool json) : json_(json) {}

  void record(std::size_t index, const record::ReceivedRecord& r) {
    const bool is_protected = r.is_protected;
    const auto type_name = registry::content_type_name(r.type);
    if (json_) {
      nlohmann::json j{{"event", "record"},
                       {"index", index},
                       {"offset", r.offset},
                       {"content_type", r.type},
                       {"content_type_name", type_name ? *type_name : "unknown"},
                       {"version", r.version},
                       {"version_name", registry::version_name(r.version)},
                       {"length", r.length},
                       {"protected", is_protected}};
      if (is_protected) j["ciphertext_hex"] = to_hex(r.ciphertext);
      std::cout << j.dump() << '\n';
      return;
    }
    std::cout << "record " << index << " at offset " << r.offset << ": "
              << (type_name ? *type_name : "unknown") << "(" << int(r.type) << ") "
              << registry::version_name(r.version) << " length " << r.length;
    if (is_protected) {
      std::cout << "  [protected: no keys]\n    ciphertext = " << to_hex(r.ciphertext);
    }
    std::cout << '\n';
  }

  void message(std::size_t record_index, ByteView raw, const trace::MessageTrace& t) {
    if (json_) {
      nlohmann::json j{{"event", "handshake_message"},
                       {"record", record_index},
                       {"message", t.tree.name},
                       {"hex", to_hex(raw)},
                       {"tree", trace::render_json(t.tree)}};
      if (t.error) j["error"] = error_json(*t.error);
      std::cout << j.dump() << '\n';
      return;
    }
    std::cout << trace::render_text(t.tree, {.indent = 2, .max_hex_bytes = 32});
    if (t.error) std::cout << "    !! " << t.error->reason() << '\n';
  }

  void simple(std::string_view event, std::string text) {
    if (json_) {
      std::cout << nlohmann::json{{"event", event}, {"text", text}}.dump() << '\n';
    } else {
      std::cout << "  " << text << '\n';
    }
  }

  static nlohmann::json error_json(const Error& e) {
    return {{"alert", alert_label(e.alert())}, {"reason", e.reason()}};
  }

 private:
  bool json_;
};

int run_decode(const DecodeOptions& o) {
  Bytes input;
  try {
    input = read_input(o);
  } catch (const std::exception& e) {
    std::cerr << "tlslab decode: " << e.what() << '\n';
    return kExitUsage;
  }
  Printer out(o.json);
  record::Channel channel;
  messages::ParseContext ctx;
  if (!o.key_exchange.empty()) ctx.key_exchange = parse_key_exchange(o.key_exchange);
  bool roundtrip_failed = false;
  std::size_t records = 0;
  std::size_t messages_seen = 0;
  using Kind = record::Inbound::Kind;
  try {
    channel.feed(input);
    while (auto in = channel.next()) {
      const std::size_t index = records == 0 ? 0 : records - 1;  // the record `in` came in
      switch (in->kind) {
        case Kind::record:
          out.record(records++, in->record);
          break;
        case Kind::change_cipher_spec:
          out.simple("change_cipher_spec", "ChangeCipherSpec: what follows is protected");
          channel.read_without_keys();  // nothing to parse without keys
          break;
        case Kind::alert:
          out.simple("alert", "Alert: " + std::string(alert_level_label(in->alert.level)) + " " +
                                  std::string(alert_label(in->alert.description)));
          break;
        case Kind::application_data:
          fail(AlertDescription::unexpected_message,
               "record " + std::to_string(index) +
                   ": application data before ChangeCipherSpec is not allowed");
        case Kind::handshake_message: {
          const ByteView raw = in->data;
          ++messages_seen;
          if (!ctx.key_exchange) {
            if (auto k = infer_key_exchange(raw)) ctx.key_exchange = k;
          }
          const std::uint8_t msg_type = raw[0];
          if (!ctx.key_exchange && (msg_type == 12 || msg_type == 16)) {
            fail(AlertDescription::unexpected_message,
                 std::string(*messages::message_name(msg_type)) + " in record " +
                     std::to_string(index) +
                     ": its layout depends on the key exchange the ServerHello chose, which this "
                     "stream does not contain; pass --key-exchange dhe or rsa");
          }
          const auto t = trace::trace_handshake_message(raw, ctx);
          out.message(index, raw, t);
          if (t.error) throw *t.error;
          if (const auto* sh = std::get_if<messages::ServerHello>(&*t.message)) {
            if (const auto* s = registry::find_cipher_suite(sh->cipher_suite)) {
              ctx.key_exchange = s->key_exchange;
            }
          }
          if (o.roundtrip) {
            Bytes again;
            messages::serialize_message(*t.message, again);
            if (!equal_constant_time(again, raw)) {
              roundtrip_failed = true;
              out.simple("roundtrip_mismatch",
                         t.tree.name + ": re-serialised bytes differ (" + to_hex(again) + ")");
            }
          }
          break;
        }
      }
    }
    if (channel.pending() > 0) {
      fail(AlertDescription::decode_error,
           "input ends inside a record: " + std::to_string(channel.pending()) +
               " bytes left over at offset " + std::to_string(channel.stream_offset()));
    }
    if (channel.mid_handshake_message()) {
      fail(AlertDescription::decode_error, "input ends inside a handshake message");
    }
  } catch (const Error& e) {
    if (o.json) {
      std::cout << nlohmann::json{{"event", "error"}, {"error", Printer::error_json(e)}}.dump()
                << '\n';
    }
    std::cerr << "tlslab decode: " << e.reason() << " (alert " << alert_label(e.alert()) << ")\n";
    return kExitFailure;
  }
  if (records == 0) {
    std::cerr << "tlslab decode: no records in the input\n";
    return kExitFailure;
  }
  if (roundtrip_failed) {
    std::cerr << "tlslab decode: some messages did not re-serialise to their bytes\n";
    return kExitFailure;
  }
  if (o.roundtrip && !o.json) {
    std::cout << "round trip: all " << messages_seen << " handshake messages re-serialise "
              << "byte-exact\n";
  }
  return kExitOk;
}

}  // namespace

void register_decode(CLI::App& app) {
  auto opts = std::make_shared<DecodeOptions>();
  auto* cmd = app.add_subcommand(
      "decode",
      "Print the TLS records of one direction of a connection and every handshake message in "
      "them, field by field");
  cmd->add_option("input", opts->input, "Binary record stream, or '-' for stdin (default)");
  cmd->add_flag("--hex", opts->hex, "The input is hex text (white space and ':' ignored)");
  cmd->add_flag("--json", opts->json, "One JSON object per record and message (JSON Lines)");
  cmd->add_flag("--roundtrip", opts->roundtrip,
                "Re-serialise every message; exit 1 unless each gives its exact bytes");
  cmd->add_option("--key-exchange", opts->key_exchange,
                  "Layout of ClientKeyExchange/ServerKeyExchange when no ServerHello precedes "
                  "them (ECDHE is recognised by itself)")
      ->check(CLI::IsMember({"ecdhe", "dhe", "rsa"}));
  cmd->footer("Exit status: 0 decoded, 1 malformed input or round-trip mismatch, 2 usage error.");
  cmd->callback([opts]() { set_exit_status(run_decode(*opts)); });
}

}  // namespace tlslab::cli

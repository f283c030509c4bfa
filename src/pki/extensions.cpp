// X.509 v3 extensions (RFC 5280 §4.2.1), printed as OpenSSL's v3 methods print them
// (crypto/x509/v3_*.c) so that `tlslab x509 show` reads like `openssl x509 -text`.
#include "tlslab/pki/extensions.hpp"

#include <cstdio>
#include <string>

#include "tlslab/error.hpp"

namespace tlslab::pki {

using der::FieldName;
using der::Tag;

namespace {

std::string ip_text(ByteView a) {
  char buf[8];
  std::string out;
  if (a.size() == 4) {
    for (std::size_t i = 0; i < 4; ++i) {
      if (i != 0) out += '.';
      out += std::to_string(a[i]);
    }
  } else if (a.size() == 16) {
    // OpenSSL 3.0 prints each 16-bit group in upper-case hex, without "::" compression.
    for (std::size_t i = 0; i < 16; i += 2) {
      if (i != 0) out += ':';
      std::snprintf(buf, sizeof buf, "%X", (unsigned{a[i]} << 8) | a[i + 1]);
      out += buf;
    }
  } else {
    out = "<invalid>";
  }
  return out;
}

}  // namespace

std::string colon_hex(ByteView bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i != 0) out += ':';
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

std::string GeneralName::to_string(bool constraint) const {
  switch (type) {
    case Type::other_name:
      // OpenSSL 3.0 prints the UTF8String of a few known types, "<unsupported>" for the rest.
      if (other_name_type.id() == OidId::ms_upn && !other_name_value.empty() &&
          other_name_value[0] == 0x0c) {
        try {
          der::Reader r(other_name_value, "otherName");
          const der::String s = r.string("value");
          if (s.tag == 12) return "othername: UPN::" + der::to_utf8(s);
        } catch (const Error&) {
          // not a valid UTF8String: printed as unsupported
        }
      }
      return "othername:<unsupported>";
    case Type::rfc822_name:
      return "email:" + std::string(text());
    case Type::dns_name:
      return "DNS:" + std::string(text());
    case Type::x400_address:
      return "X400Name:<unsupported>";
    case Type::directory_name:
      return "DirName:" + (constraint ? directory_name->oneline() : directory_name->slashed());
    case Type::edi_party_name:
      return "EdiPartyName:<unsupported>";
    case Type::uri:
      return "URI:" + std::string(text());
    case Type::ip_address:
      if (constraint) {
        const std::size_t half = value.size() / 2;
        return "IP:" + ip_text(value.subspan(0, half)) + "/" + ip_text(value.subspan(half));
      }
      return "IP Address:" + ip_text(value);
    case Type::registered_id:
      return "Registered ID:" + registered_id.display_name();
  }
  return "<unknown>";
}

GeneralName read_general_name(der::Reader& r, FieldName field, bool constraint) {
  const auto tag = r.peek();
  if (!tag || tag->cls != der::Class::context || tag->number > 8) {
    const der::Element e = r.read(field);  // reports a malformed element itself
    r.fail(field, "expected a GeneralName ([0]..[8]), found " + e.tag.describe());
  }
  GeneralName g;
  g.type = static_cast<GeneralName::Type>(tag->number);
  const std::size_t start = r.offset();
  switch (g.type) {
    case GeneralName::Type::other_name: {
      // AnotherName ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY }
      der::Reader on = r.constructed(Tag::context(0, true), field);
      g.other_name_type = on.oid("type-id");
      der::Reader value = on.constructed(Tag::context(0, true), "value");
      g.other_name_value = value.read("value").encoding;
      value.expect_end();
      on.expect_end();
      g.value = on.data();
      break;
    }
    case GeneralName::Type::rfc822_name:
    case GeneralName::Type::dns_name:
    case GeneralName::Type::uri: {
      const std::string_view s = r.implicit(Tag::context(tag->number, false)).ia5_string(field);
      g.value = view(s);
      break;
    }
    case GeneralName::Type::x400_address:
    case GeneralName::Type::edi_party_name:
      g.value = r.read(Tag::context(tag->number, true), field).contents;
      break;
    case GeneralName::Type::directory_name: {
      // Name is a CHOICE, so the [4] tag is explicit (X.680 §31.2.7).
      der::Reader dn = r.constructed(Tag::context(4, true), field);
      g.directory_name = read_name(dn, "Name");
      dn.expect_end();
      g.value = dn.data();
      break;
    }
    case GeneralName::Type::ip_address: {
      g.value = r.implicit(Tag::context(7, false)).octet_string(field);
      // §4.2.1.6: 4 or 16 bytes; §4.2.1.10: address and mask, 8 or 32 bytes.
      const std::size_t n = g.value.size();
      const bool ok = constraint ? (n == 8 || n == 32) : (n == 4 || n == 16);
      if (!ok) {
        r.fail(field, "iPAddress of " + std::to_string(n) + " bytes (want " +
                          (constraint ? "8 or 32" : "4 or 16") + ")");
      }
      break;
    }
    case GeneralName::Type::registered_id:
      g.registered_id = r.implicit(Tag::context(8, false)).oid(field);
      g.value = g.registered_id.contents();
      break;
  }
  // The whole element: from where it started to where the reader is now.
  const std::size_t consumed = r.offset() - start;
  const auto* end = r.data().data() + (r.data().size() - r.remaining());
  g.der = ByteView(end - consumed, consumed);
  return g;
}

std::vector<GeneralName> read_general_names(der::Reader& r, FieldName field) {
  der::Reader seq = r.sequence(field);
  if (seq.empty()) seq.fail({}, "empty GeneralNames (SIZE (1..MAX))");
  std::vector<GeneralName> names;
  for (std::size_t i = 0; !seq.empty(); ++i)
    names.push_back(read_general_name(seq, {"GeneralName", i}));
  return names;
}

BasicConstraints read_basic_constraints(der::Reader& r) {
  der::Reader seq = r.sequence("BasicConstraints");
  BasicConstraints bc;
  if (seq.next_is(der::tags::boolean)) bc.ca = seq.boolean("cA");
  if (!seq.empty()) bc.path_length = seq.small_unsigned("pathLenConstraint");
  seq.expect_end();
  r.expect_end();
  return bc;
}

KeyUsage read_key_usage(der::Reader& r) {
  const der::BitString bits = r.bit_string("KeyUsage");
  r.expect_end();
  KeyUsage ku;
  for (unsigned i = 0; i <= static_cast<unsigned>(KeyUsageBit::decipher_only); ++i) {
    if (bits.bit(i)) ku.bits = static_cast<std::uint16_t>(ku.bits | (1U << i));
  }
  return ku;
}

std::string KeyUsage::to_string() const {
  static constexpr const char* kNames[] = {
      "Digital Signature", "Non Repudiation", "Key Encipherment",
      "Data Encipherment", "Key Agreement",   "Certificate Sign",
      "CRL Sign",          "Encipher Only",   "Decipher Only",
  };
  std::string out;
  for (unsigned i = 0; i < std::size(kNames); ++i) {
    if (!has(static_cast<KeyUsageBit>(i))) continue;
    if (!out.empty()) out += ", ";
    out += kNames[i];
  }
  return out;
}

ExtendedKeyUsage read_extended_key_usage(der::Reader& r) {
  der::Reader seq = r.sequence("ExtKeyUsageSyntax");
  if (seq.empty()) seq.fail({}, "empty (SIZE (1..MAX))");
  ExtendedKeyUsage eku;
  for (std::size_t i = 0; !seq.empty(); ++i)
    eku.purposes.push_back(seq.oid({"KeyPurposeId", i}));
  r.expect_end();
  return eku;
}

bool ExtendedKeyUsage::has(OidId purpose) const noexcept {
  for (const Oid& p : purposes)
    if (p.id() == purpose) return true;
  return false;
}

std::string ExtendedKeyUsage::to_string() const {
  std::string out;
  for (const Oid& p : purposes) {
    if (!out.empty()) out += ", ";
    out += p.display_name();
  }
  return out;
}

AuthorityKeyIdentifier read_authority_key_identifier(der::Reader& r) {
  der::Reader seq = r.sequence("AuthorityKeyIdentifier");
  AuthorityKeyIdentifier aki;
  if (seq.next_is(Tag::context(0, false))) {
    aki.key_identifier = seq.implicit(Tag::context(0, false)).octet_string("keyIdentifier");
  }
  if (seq.next_is(Tag::context(1, true))) {
    der::Reader names = seq.constructed(Tag::context(1, true), "authorityCertIssuer");
    if (names.empty()) names.fail({}, "empty GeneralNames (SIZE (1..MAX))");
    for (std::size_t i = 0; !names.empty(); ++i)
      aki.issuer.push_back(read_general_name(names, {"GeneralName", i}));
  }
  if (seq.next_is(Tag::context(2, false))) {
    aki.serial = seq.implicit(Tag::context(2, false)).integer("authorityCertSerialNumber");
  }
  seq.expect_end();
  r.expect_end();
  // X.509 (2019) §9.2.2.1: issuer and serial number go together.
  if (aki.issuer.empty() != !aki.serial.has_value()) {
    seq.fail({},
             "authorityCertIssuer and authorityCertSerialNumber must both be present or "
             "both absent");
  }
  return aki;
}

ByteView read_subject_key_identifier(der::Reader& r) {
  const ByteView id = r.octet_string("SubjectKeyIdentifier");
  r.expect_end();
  return id;
}

NameConstraints read_name_constraints(der::Reader& r) {
  der::Reader seq = r.sequence("NameConstraints");
  NameConstraints nc;
  const auto subtrees = [&](unsigned tag, const char* name, std::vector<GeneralSubtree>& out) {
    auto list = seq.optional_constructed(Tag::context(tag, true), name);
    if (!list) return;
    if (list->empty()) list->fail({}, "empty GeneralSubtrees (SIZE (1..MAX))");
    for (std::size_t i = 0; !list->empty(); ++i) {
      der::Reader st = list->sequence({"GeneralSubtree", i});
      GeneralSubtree s;
      s.base = read_general_name(st, "base", true);
      if (st.next_is(Tag::context(0, false))) {
        s.minimum = st.implicit(Tag::context(0, false)).small_unsigned("minimum");
      }
      if (st.next_is(Tag::context(1, false))) {
        s.maximum = st.implicit(Tag::context(1, false)).small_unsigned("maximum");
      }
      st.expect_end();
      out.push_back(std::move(s));
    }
  };
  subtrees(0, "permittedSubtrees", nc.permitted);
  subtrees(1, "excludedSubtrees", nc.excluded);
  seq.expect_end();
  r.expect_end();
  // §4.2.1.10: "Conforming CAs MUST NOT issue certificates where name constraints is an empty
  // sequence."
  if (nc.permitted.empty() && nc.excluded.empty()) {
    seq.fail({}, "neither permittedSubtrees nor excludedSubtrees");
  }
  return nc;
}

}  // namespace tlslab::pki

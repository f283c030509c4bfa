// Certificate printing, following OpenSSL 3.0's X509_print_ex and the v3 extension printers
// (crypto/x509/t_x509.c, v3_*.c). The JSON form is x509_json.cpp, in the tools library.
#include "tlslab/pki/x509_print.hpp"

#include <cstdio>
#include <string>
#include <variant>

#include "tlslab/error.hpp"
#include "tlslab/pki/der_writer.hpp"

namespace tlslab::pki {

using der::Tag;

namespace {

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string lower_hex_colons(ByteView bytes) {
  std::string out = colon_hex(bytes);
  for (char& c : out)
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// OpenSSL's hex dumps of keys and signatures: "aa:bb:..", `per_line` bytes a line, each line
// prefixed by `indent`, lines ending in ':' except the last.
void hex_block(std::string& out, ByteView bytes, std::size_t per_line, const std::string& indent) {
  for (std::size_t i = 0; i < bytes.size(); i += per_line) {
    const ByteView line = bytes.subspan(i, std::min(per_line, bytes.size() - i));
    out += indent + lower_hex_colons(line);
    if (i + per_line < bytes.size()) out += ':';
    out += '\n';
  }
}

// ASN1_STRING_print: printable ASCII as is, line ends kept, everything else '.'.
std::vector<std::string> raw_lines(ByteView value) {
  std::vector<std::string> lines(1);
  for (const std::uint8_t c : value) {
    if (c == '\n') {
      lines.emplace_back();
    } else if (c == '\r') {
      continue;
    } else {
      lines.back() += (c < ' ' || c > '~') ? '.' : static_cast<char>(c);
    }
  }
  return lines;
}

std::string join(const std::vector<GeneralName>& names) {
  std::string out;
  for (const GeneralName& n : names) {
    if (!out.empty()) out += ", ";
    out += n.to_string();
  }
  return out;
}

// The display-only extensions (tlslab does not act on them). A parse failure falls back to the
// raw form, as OpenSSL does.
std::vector<std::string> policies_lines(der::Reader& r) {
  std::vector<std::string> lines;
  der::Reader seq = r.sequence("certificatePolicies");
  for (std::size_t i = 0; !seq.empty(); ++i) {
    der::Reader info = seq.sequence({"PolicyInformation", i});
    lines.push_back("Policy: " + info.oid("policyIdentifier").display_name());
    if (info.empty()) continue;
    der::Reader qualifiers = info.sequence("policyQualifiers");
    for (std::size_t j = 0; !qualifiers.empty(); ++j) {
      der::Reader q = qualifiers.sequence({"PolicyQualifierInfo", j});
      const Oid id = q.oid("policyQualifierId");
      if (id.id() == OidId::qt_cps) {
        lines.push_back("  CPS: " + std::string(q.ia5_string("cPSuri")));
      } else if (id.id() == OidId::qt_unotice) {
        lines.push_back("  User Notice:");
        der::Reader notice = q.sequence("UserNotice");
        if (notice.next_is(der::tags::sequence)) (void)notice.read("noticeRef");
        if (!notice.empty()) {
          lines.push_back("    Explicit Text: " + der::to_utf8(notice.string("explicitText")));
        }
      } else {
        lines.push_back("  Unknown Qualifier: " + id.dotted());
        (void)q.read("qualifier");
      }
      q.expect_end();
    }
    info.expect_end();
  }
  r.expect_end();
  return lines;
}

std::vector<std::string> access_lines(der::Reader& r) {
  std::vector<std::string> lines;
  der::Reader seq = r.sequence("AuthorityInfoAccessSyntax");
  for (std::size_t i = 0; !seq.empty(); ++i) {
    der::Reader ad = seq.sequence({"AccessDescription", i});
    const Oid method = ad.oid("accessMethod");
    const GeneralName location = read_general_name(ad, "accessLocation");
    ad.expect_end();
    lines.push_back(method.display_name() + " - " + location.to_string());
  }
  r.expect_end();
  return lines;
}

std::vector<std::string> crl_dp_lines(der::Reader& r) {
  std::vector<std::string> lines;
  der::Reader seq = r.sequence("CRLDistributionPoints");
  for (std::size_t i = 0; !seq.empty(); ++i) {
    der::Reader dp = seq.sequence({"DistributionPoint", i});
    if (auto name = dp.optional_constructed(Tag::context(0, true), "distributionPoint")) {
      if (auto full = name->optional_constructed(Tag::context(0, true), "fullName")) {
        lines.emplace_back("Full Name:");
        for (std::size_t j = 0; !full->empty(); ++j)
          lines.push_back("  " + read_general_name(*full, {"GeneralName", j}).to_string());
      } else {
        lines.emplace_back("Relative Name:");
        (void)name->read("nameRelativeToCRLIssuer");
      }
      name->expect_end();
    }
    if (dp.next_is(Tag::context(1, false))) {
      (void)dp.read("reasons");
      lines.emplace_back("Reasons: (present)");
    }
    if (auto issuer = dp.optional_constructed(Tag::context(2, true), "cRLIssuer")) {
      lines.emplace_back("CRL Issuer:");
      for (std::size_t j = 0; !issuer->empty(); ++j)
        lines.push_back("  " + read_general_name(*issuer, {"GeneralName", j}).to_string());
    }
    dp.expect_end();
  }
  r.expect_end();
  return lines;
}

std::string serial_text(const Certificate& cert) {
  const ByteView s = cert.serial();
  // ASN1_INTEGER_get_int64: values that fit print in decimal and hex on one line.
  ByteView magnitude = s;
  if (!magnitude.empty() && magnitude[0] == 0) magnitude = magnitude.subspan(1);
  if (!cert.serial_negative() &&
      (magnitude.size() < 8 || (magnitude.size() == 8 && (magnitude[0] & 0x80) == 0))) {
    std::uint64_t v = 0;
    for (const std::uint8_t b : magnitude)
      v = (v << 8) | b;
    char buf[64];
    std::snprintf(buf, sizeof buf, " %llu (0x%llx)\n", static_cast<unsigned long long>(v),
                  static_cast<unsigned long long>(v));
    return buf;
  }
  return std::string("\n            ") + (cert.serial_negative() ? "(Negative)" : "") +
         lower_hex_colons(magnitude) + "\n";
}

// RSASSA-PSS parameters as OpenSSL 3.0 prints them (rsa_pss_param_print), always indented by 8:
// the salt length as i2a_ASN1_INTEGER does (hex digits in whole bytes).
std::string pss_text(const SignatureAlgorithm& alg) {
  const std::string indent(8, ' ');
  const auto hash_name = [](crypto::HashAlgorithm h) { return oid_long_name(hash_oid(h)); };
  const bool default_hash = alg.hash == crypto::HashAlgorithm::sha1;
  const bool default_mgf = alg.pss.mgf1_hash == crypto::HashAlgorithm::sha1;
  std::string out;
  out += indent + "Hash Algorithm: " + std::string(hash_name(alg.hash)) +
         (default_hash ? " (default)" : "") + "\n";
  out += indent + "Mask Algorithm: mgf1 with " + std::string(hash_name(alg.pss.mgf1_hash)) +
         (default_mgf ? " (default)" : "") + "\n";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%zX", alg.pss.salt_length);
  std::string salt = buf;
  if (salt.size() % 2 != 0) salt = "0" + salt;
  out +=
      indent + " Salt Length: 0x" + salt + (alg.pss.salt_length == 20 ? " (default)" : "") + "\n";
  out += indent + "Trailer Field: 0x01 (default)\n";
  return out;
}

void public_key_text(std::string& out, const SubjectPublicKeyInfo& spki) {
  const std::string indent(16, ' ');
  out += "            Public Key Algorithm: " + spki.algorithm.oid.display_name() + "\n";
  if (!spki.key) {
    out += indent + "Unsupported: " + spki.unsupported_reason + "\n";
    hex_block(out, spki.subject_public_key, 15, indent + "    ");
    return;
  }
  std::visit(
      [&](const auto& key) {
        using T = std::decay_t<decltype(key)>;
        if constexpr (std::is_same_v<T, crypto::RsaPublicMaterial>) {
          out += indent + "Public-Key: (" + std::to_string(spki.bits()) + " bit)\n";
          out += indent + "Modulus:\n";
          Bytes modulus;
          if (!key.n.empty() && (key.n[0] & 0x80) != 0) modulus.push_back(0);
          modulus.insert(modulus.end(), key.n.begin(), key.n.end());
          hex_block(out, modulus, 15, indent + "    ");
          std::uint64_t e = 0;
          if (key.e.size() <= 8) {
            for (const std::uint8_t b : key.e)
              e = (e << 8) | b;
            char buf[64];
            std::snprintf(buf, sizeof buf, "Exponent: %llu (0x%llx)\n",
                          static_cast<unsigned long long>(e), static_cast<unsigned long long>(e));
            out += indent + buf;
          } else {
            out += indent + "Exponent: " + to_hex(key.e) + "\n";
          }
        } else if constexpr (std::is_same_v<T, crypto::EcPublicMaterial>) {
          const bool p256 = key.curve == crypto::NamedGroup::secp256r1;
          out += indent + "Public-Key: (" + std::to_string(spki.bits()) + " bit)\n";
          out += indent + "pub:\n";
          hex_block(out, key.point, 15, indent + "    ");
          out += indent + "ASN1 OID: " + (p256 ? "prime256v1" : "secp384r1") + "\n";
          out += indent + "NIST CURVE: " + (p256 ? "P-256" : "P-384") + "\n";
        } else {
          out += indent + "ED25519 Public-Key:\n";
          out += indent + "pub:\n";
          hex_block(out, key.key, 15, indent + "    ");
        }
      },
      *spki.key);
}

std::string fingerprint(crypto::Provider& provider, ByteView der) {
  return colon_hex(provider.hash(crypto::HashAlgorithm::sha256, der).view());
}

}  // namespace

std::string serial_hex(const Certificate& cert) {
  ByteView s = cert.serial();
  if (s.size() > 1 && s[0] == 0) s = s.subspan(1);
  std::string out = to_hex(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string openssl_time(std::int64_t t) {
  const der::CivilTime c = der::civil_from_time(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %2u %02u:%02u:%02u %lld GMT", kMonths[c.month - 1], c.day,
                c.hour, c.minute, c.second, static_cast<long long>(c.year));
  return buf;
}

std::string iso8601_time(std::int64_t t) {
  const der::CivilTime c = der::civil_from_time(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02uZ", static_cast<long long>(c.year),
                c.month, c.day, c.hour, c.minute, c.second);
  return buf;
}

std::vector<std::string> extension_lines(const Extension& ext) {
  der::Reader r(ext.value, "extnValue", AlertDescription::decode_error);
  try {
    switch (ext.oid.id()) {
      case OidId::basic_constraints: {
        const BasicConstraints bc = read_basic_constraints(r);
        std::string line = bc.ca ? "CA:TRUE" : "CA:FALSE";
        if (bc.path_length) line += ", pathlen:" + std::to_string(*bc.path_length);
        return {line};
      }
      case OidId::key_usage:
        return {read_key_usage(r).to_string()};
      case OidId::ext_key_usage:
        return {read_extended_key_usage(r).to_string()};
      case OidId::subject_alt_name:
      case OidId::issuer_alt_name: {
        const auto names = read_general_names(r, "GeneralNames");
        r.expect_end();
        return {join(names)};
      }
      case OidId::subject_key_identifier:
        return {colon_hex(read_subject_key_identifier(r))};
      case OidId::authority_key_identifier: {
        // v3_akid.c: the key identifier alone is printed bare, otherwise as "keyid:".
        const AuthorityKeyIdentifier aki = read_authority_key_identifier(r);
        std::vector<std::string> lines;
        const bool bare = aki.issuer.empty() && !aki.serial;
        if (aki.key_identifier) {
          lines.push_back((bare ? "" : "keyid:") + colon_hex(*aki.key_identifier));
        }
        for (const GeneralName& n : aki.issuer)
          lines.push_back(n.to_string());
        if (aki.serial) {
          // The INTEGER's magnitude, as OpenSSL prints ASN1_INTEGERs (no sign octet).
          ByteView serial = *aki.serial;
          if (serial.size() > 1 && serial[0] == 0) serial = serial.subspan(1);
          lines.push_back("serial:" + colon_hex(serial));
        }
        return lines;
      }
      case OidId::name_constraints: {
        const NameConstraints nc = read_name_constraints(r);
        std::vector<std::string> lines;
        const auto subtrees = [&](const char* title, const std::vector<GeneralSubtree>& list) {
          if (list.empty()) return;
          lines.emplace_back(title);
          for (const GeneralSubtree& s : list)
            lines.push_back("  " + s.base.to_string(true));
        };
        subtrees("Permitted:", nc.permitted);
        subtrees("Excluded:", nc.excluded);
        return lines;
      }
      case OidId::certificate_policies:
        return policies_lines(r);
      case OidId::authority_info_access:
      case OidId::subject_info_access:
        return access_lines(r);
      case OidId::crl_distribution_points:
      case OidId::freshest_crl:
        return crl_dp_lines(r);
      case OidId::netscape_cert_type: {
        // v3_bitst.c ns_cert_type_table.
        static constexpr const char* kNames[] = {
            "SSL Client", "SSL Server", "S/MIME",    "Object Signing",
            "Unused",     "SSL CA",     "S/MIME CA", "Object Signing CA",
        };
        const der::BitString bits = r.bit_string("NetscapeCertType");
        r.expect_end();
        std::string line;
        for (std::size_t i = 0; i < std::size(kNames); ++i) {
          if (!bits.bit(i)) continue;
          if (!line.empty()) line += ", ";
          line += kNames[i];
        }
        return {line};
      }
      case OidId::private_key_usage_period: {
        // PrivateKeyUsagePeriod ::= SEQUENCE { notBefore [0] IMPLICIT GeneralizedTime OPTIONAL,
        // notAfter [1] IMPLICIT GeneralizedTime OPTIONAL } (RFC 3280 §4.2.1.4), as v3_pku.c.
        der::Reader seq = r.sequence("PrivateKeyUsagePeriod");
        std::string line;
        const auto time = [&](unsigned tag, const char* label) {
          const auto e = seq.read_optional(Tag::context(tag, false), label);
          if (!e) return;
          std::string error;
          const std::string_view text(reinterpret_cast<const char*>(e->contents.data()),
                                      e->contents.size());
          const auto t = der::parse_time(text, true, error);
          if (!t) seq.fail(label, error);
          if (!line.empty()) line += ", ";
          line += std::string(label) + ": " + openssl_time(*t);
        };
        time(0, "Not Before");
        time(1, "Not After");
        seq.expect_end();
        r.expect_end();
        return {line};
      }
      case OidId::netscape_comment: {
        const std::string_view text = r.ia5_string("comment");
        r.expect_end();
        return {std::string(text)};
      }
      default:
        break;
    }
  } catch (const Error&) {
    // Malformed: printed raw below, as OpenSSL falls back to ASN1_STRING_print.
  }
  return raw_lines(ext.value);
}

std::string certificate_text(const Certificate& cert, crypto::Provider& provider) {
  std::string out = "Certificate:\n    Data:\n";
  out += "        Version: " + std::to_string(cert.version()) + " (0x" +
         std::to_string(cert.version() - 1) + ")\n";
  out += "        Serial Number:" + serial_text(cert);
  const SignatureAlgorithm& alg = cert.signature_algorithm();
  const bool pss = alg.kind == SignatureAlgorithm::Kind::rsa_pss;
  // (OpenSSL's trailing spaces after the PSS algorithm name and "Signature Value:" kept, so the
  // two outputs diff cleanly.)
  out += "        Signature Algorithm: " + alg.name() + (pss ? "        " : "") + "\n";
  if (pss) out += pss_text(alg);
  out += "        Issuer: " + cert.issuer().oneline() + "\n";
  out += "        Validity\n";
  out += "            Not Before: " + openssl_time(cert.not_before().seconds) + "\n";
  out += "            Not After : " + openssl_time(cert.not_after().seconds) + "\n";
  out += "        Subject: " + cert.subject().oneline() + "\n";
  out += "        Subject Public Key Info:\n";
  public_key_text(out, cert.public_key());
  const auto unique_id = [&](const char* title, const std::optional<der::BitString>& id) {
    if (!id) return;
    out += std::string("        ") + title + ":\n";
    hex_block(out, id->bytes, 18, "            ");
  };
  unique_id("Issuer Unique ID", cert.issuer_unique_id());
  unique_id("Subject Unique ID", cert.subject_unique_id());
  if (!cert.extensions().empty()) {
    out += "        X509v3 extensions:\n";
    for (const Extension& e : cert.extensions()) {
      out += "            " + e.oid.display_name() + ": " + (e.critical ? "critical" : "") + "\n";
      for (const std::string& line : extension_lines(e))
        out += "                " + line + "\n";
    }
  }
  out += "    Signature Algorithm: " + alg.name() + "\n";
  out += std::string("    Signature Value:") + (pss ? "        " : "") + "\n";
  if (pss) out += pss_text(alg);
  hex_block(out, cert.signature(), 18, "        ");
  out += "SHA256 Fingerprint=" + fingerprint(provider, cert.der()) + "\n";
  out += "SPKI SHA256=" + fingerprint(provider, cert.public_key().der) + "\n";
  if (!cert.unhandled_critical_extensions().empty()) {
    out += "Unhandled critical extensions (the certificate must be rejected):";
    for (const Oid& oid : cert.unhandled_critical_extensions())
      out += " " + oid.dotted();
    out += "\n";
  }
  return out;
}

}  // namespace tlslab::pki

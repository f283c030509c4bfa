// Certificate parsing (RFC 5280 §4.1) and loading from PEM/DER files.
#include "tlslab/pki/x509.hpp"

#include <string>

#include "tlslab/error.hpp"
#include "tlslab/pki/pem.hpp"

namespace tlslab::pki {

using der::Tag;

Certificate Certificate::parse(ByteView input, AlertDescription alert) {
  Certificate c;
  c.storage_ = std::make_shared<const Bytes>(input.begin(), input.end());
  const ByteView der = *c.storage_;

  der::Reader top(der, "Certificate", alert);
  const der::Element whole = top.read(der::tags::sequence, {});
  top.expect_end();
  c.der_ = whole.encoding;
  der::Reader cert = top.enter(whole, {});

  const der::Element tbs_element = cert.read(der::tags::sequence, "tbsCertificate");
  c.tbs_ = tbs_element.encoding;
  der::Reader tbs = cert.enter(tbs_element, "tbsCertificate");

  // version [0] EXPLICIT Version DEFAULT v1. An explicit v1 is not DER (a DEFAULT value is
  // omitted, X.690 §11.5) but old CAs wrote it and verifiers accept it.
  if (auto v = tbs.optional_constructed(Tag::context(0, true), "version")) {
    const auto value = v->small_unsigned("Version", 0xff);
    v->expect_end();
    if (value > 2)
      v->fail("Version", "unknown version " + std::to_string(value) + " (v1..v3 are 0..2)");
    c.version_ = static_cast<int>(value) + 1;
  }
  c.serial_ = tbs.integer("serialNumber");
  const SignatureAlgorithm inner = read_signature_algorithm(tbs, "signature");
  c.issuer_ = read_name(tbs, "issuer");
  {
    der::Reader validity = tbs.sequence("validity");
    c.not_before_ = validity.time("notBefore");
    c.not_after_ = validity.time("notAfter");
    validity.expect_end();
  }
  c.subject_ = read_name(tbs, "subject");
  c.spki_ = read_spki(tbs, "subjectPublicKeyInfo");
  const auto unique_id = [&](unsigned n, const char* name) -> std::optional<der::BitString> {
    if (!tbs.next_is(Tag::context(n, false))) return std::nullopt;
    // §4.1.2.8: only in version 2 or 3.
    if (c.version_ < 2) tbs.fail(name, "present in a version 1 certificate");
    return tbs.implicit(Tag::context(n, false)).bit_string(name);
  };
  c.issuer_uid_ = unique_id(1, "issuerUniqueID");
  c.subject_uid_ = unique_id(2, "subjectUniqueID");
  if (auto ext = tbs.optional_constructed(Tag::context(3, true), "extensions")) {
    // §4.1.2.9: only in version 3.
    if (c.version_ != 3) {
      tbs.fail("extensions", "present in a version " + std::to_string(c.version_) + " certificate");
    }
    c.parse_extensions(*ext);
  }
  tbs.expect_end();

  c.signature_algorithm_ = read_signature_algorithm(cert, "signatureAlgorithm");
  c.signature_ = cert.bit_string_bytes("signatureValue");
  cert.expect_end();
  // §4.1.1.2: "This field MUST contain the same algorithm identifier as the signature field in
  // the sequence tbsCertificate." Comparing the encodings also catches differing parameters.
  const ByteView a = c.signature_algorithm_.id.der;
  const ByteView b = inner.id.der;
  if (!std::equal(a.begin(), a.end(), b.begin(), b.end())) {
    cert.fail("signatureAlgorithm",
              "differs from tbsCertificate.signature (" + inner.name() + ") (RFC 5280 §4.1.1.2)");
  }
  return c;
}

void Certificate::parse_extensions(der::Reader& r) {
  der::Reader seq = r.sequence("Extensions");
  r.expect_end();
  if (seq.empty()) seq.fail({}, "empty Extensions (SIZE (1..MAX), RFC 5280 §4.1)");
  for (std::size_t i = 0; !seq.empty(); ++i) {
    const der::Element e = seq.read(der::tags::sequence, {"extension", i});
    der::Reader ext = seq.enter(e, {"extension", i});
    Extension x;
    x.der = e.encoding;
    x.oid = ext.oid("extnID");
    if (ext.next_is(der::tags::boolean)) x.critical = ext.boolean("critical");
    x.value = ext.octet_string("extnValue");
    ext.expect_end();
    // §4.2: "A certificate MUST NOT include more than one instance of a particular extension."
    for (const Extension& earlier : extensions_) {
      if (earlier.oid == x.oid) {
        ext.fail("extnID", "duplicate extension " + x.oid.display_name() + " (" + x.oid.dotted() +
                               ") (RFC 5280 §4.2)");
      }
    }
    // Errors inside a known extension name it ("...extension[5].subjectAltName.GeneralNames").
    const std::string_view short_name = x.oid.short_name();
    der::Reader value = ext.nested(x.value, short_name.empty() ? "extnValue" : short_name);
    x.understood = true;
    switch (x.oid.id()) {
      case OidId::basic_constraints:
        bc_ = read_basic_constraints(value);
        break;
      case OidId::key_usage:
        key_usage_ = read_key_usage(value);
        break;
      case OidId::ext_key_usage:
        eku_ = read_extended_key_usage(value);
        break;
      case OidId::subject_alt_name:
        san_ = read_general_names(value, "GeneralNames");
        value.expect_end();
        break;
      case OidId::issuer_alt_name:
        ian_ = read_general_names(value, "GeneralNames");
        value.expect_end();
        break;
      case OidId::subject_key_identifier:
        ski_ = read_subject_key_identifier(value);
        break;
      case OidId::authority_key_identifier:
        aki_ = read_authority_key_identifier(value);
        break;
      case OidId::name_constraints:
        nc_ = read_name_constraints(value);
        break;
      default:
        x.understood = false;
        if (x.critical) unhandled_critical_.push_back(x.oid);
        break;
    }
    extensions_.push_back(x);
  }
}

const Extension* Certificate::find_extension(OidId id) const noexcept {
  for (const Extension& e : extensions_)
    if (e.oid.id() == id) return &e;
  return nullptr;
}

bool Certificate::self_issued() const noexcept {
  return std::equal(issuer_.der.begin(), issuer_.der.end(), subject_.der.begin(),
                    subject_.der.end());
}

bool Certificate::verify_signature(const crypto::PublicKey& issuer_key) const {
  return pki::verify_signature(signature_algorithm_, issuer_key, tbs_, signature_,
                               "certificate " + describe());
}

std::vector<Certificate> load_certificates(ByteView file, AlertDescription alert) {
  std::vector<Certificate> out;
  if (!looks_like_pem(file)) {
    out.push_back(Certificate::parse(file, alert));
    return out;
  }
  const std::string_view text(reinterpret_cast<const char*>(file.data()), file.size());
  std::size_t index = 0;
  for (const PemBlock& block : parse_pem(text)) {
    ++index;
    if (block.label != "CERTIFICATE" && block.label != "X509 CERTIFICATE") continue;
    try {
      out.push_back(Certificate::parse(block.der, alert));
    } catch (const Error& e) {
      throw Error(e.alert(), "PEM block " + std::to_string(index) + " \"" + block.label +
                                 "\" (line " + std::to_string(block.line) + "): " + e.reason());
    }
  }
  if (out.empty()) fail(alert, "PEM: no CERTIFICATE block");
  return out;
}

}  // namespace tlslab::pki

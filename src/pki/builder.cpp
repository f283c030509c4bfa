#include "tlslab/pki/builder.hpp"

#include <algorithm>

#include "tlslab/error.hpp"
#include "tlslab/pki/der_writer.hpp"
#include "tlslab/pki/keys.hpp"
#include "tlslab/pki/x509.hpp"

namespace tlslab::pki {

namespace {

using der::Tag;

struct SignatureChoice {
  OidId algorithm;
  bool null_parameters;  // RSA PKCS#1 v1.5 carries NULL parameters (RFC 4055 §5)
  crypto::SignatureScheme scheme;
};

SignatureChoice signature_for(crypto::KeyType key) {
  switch (key) {
    case crypto::KeyType::rsa:
      return {OidId::sha256_with_rsa_encryption, true, crypto::SignatureScheme::rsa_pkcs1_sha256};
    case crypto::KeyType::ec_p256:
      return {OidId::ecdsa_with_sha256, false, crypto::SignatureScheme::ecdsa_secp256r1_sha256};
    case crypto::KeyType::ec_p384:
      return {OidId::ecdsa_with_sha384, false, crypto::SignatureScheme::ecdsa_secp384r1_sha384};
    case crypto::KeyType::ed25519:
      return {OidId::ed25519, false, crypto::SignatureScheme::ed25519};
  }
  fail(AlertDescription::internal_error, "issue_certificate: unsupported issuer key");
}

void write_algorithm(der::Writer& w, const SignatureChoice& s) {
  w.sequence([&](der::Writer& a) {
    a.oid(s.algorithm);
    if (s.null_parameters) a.null();
  });
}

void write_name(der::Writer& w, const std::vector<std::pair<OidId, std::string>>& attributes,
                const std::vector<std::pair<OidId, std::string>>& ia5 = {}) {
  const auto rdn = [&](der::Writer& name, OidId type, der::Tag tag, const std::string& value) {
    name.set([&](der::Writer& set) {
      set.sequence([&](der::Writer& atv) {
        atv.oid(type);
        atv.string(tag, value);
      });
    });
  };
  w.sequence([&](der::Writer& name) {
    // (no structured bindings: clang 14 cannot capture one in a lambda)
    for (const auto& attribute : attributes) {
      // RFC 5280 §4.1.2.4 / Appendix A: countryName is PrintableString; UTF8String for the
      // others is what current CAs write.
      rdn(name, attribute.first,
          attribute.first == OidId::country_name ? der::tags::printable_string
                                                 : der::tags::utf8_string,
          attribute.second);
    }
    for (const auto& attribute : ia5)
      rdn(name, attribute.first, der::tags::ia5_string, attribute.second);
  });
}

// RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's bytes.
Bytes key_identifier(crypto::Provider& p, const Bytes& spki_der) {
  const auto spki = parse_spki(spki_der);
  const auto digest = p.hash(crypto::HashAlgorithm::sha1, spki.subject_public_key);
  return Bytes(digest.view().begin(), digest.view().end());
}

template <class Body>
void extension(der::Writer& w, const CertificateTemplate& t, OidId id, bool critical, Body&& body) {
  if (std::find(t.omit_extensions.begin(), t.omit_extensions.end(), id) !=
      t.omit_extensions.end()) {
    return;
  }
  w.sequence([&](der::Writer& e) {
    e.oid(id);
    if (critical) e.boolean(true);
    Bytes value;
    der::Writer v(value);
    body(v);
    e.octet_string(value);
  });
}

// keyUsage named bits (RFC 5280 §4.2.1.3), DER: trailing zero bits dropped (X.690 §11.2.2).
void write_key_usage(der::Writer& w, std::initializer_list<unsigned> bits) {
  unsigned highest = 0;
  std::uint16_t mask = 0;
  for (unsigned b : bits) {
    mask |= static_cast<std::uint16_t>(0x8000U >> b);
    highest = std::max(highest, b);
  }
  const std::size_t bytes = highest / 8 + 1;
  Bytes out;
  for (std::size_t i = 0; i < bytes; ++i)
    out.push_back(static_cast<std::uint8_t>(mask >> (8 - 8 * i)));
  w.bit_string(out, static_cast<unsigned>(bytes * 8 - highest - 1));
}

}  // namespace

Bytes issue_certificate(crypto::Provider& provider, const CertificateTemplate& t,
                        const crypto::PublicKeyMaterial& subject_key,
                        const crypto::PrivateKey& issuer_key, ByteView issuer_der) {
  const SignatureChoice sig = signature_for(issuer_key.type());
  const Bytes spki = encode_spki(subject_key);
  const Bytes ski = key_identifier(provider, spki);
  std::optional<Certificate> issuer;
  if (!issuer_der.empty())
    issuer = Certificate::parse(issuer_der, AlertDescription::internal_error);

  Bytes tbs;
  der::Writer w(tbs);
  w.sequence([&](der::Writer& c) {
    c.constructed(Tag::context(0, true), [](der::Writer& v) { v.small_unsigned(2); });  // v3
    static constexpr std::uint8_t kOne[] = {1};
    if (t.raw_serial) {
      c.integer(*t.raw_serial);
    } else {
      c.unsigned_integer(t.serial.empty() ? ByteView(kOne) : ByteView(t.serial));
    }
    write_algorithm(c, sig);
    if (t.issuer_name) {
      c.raw(*t.issuer_name);
    } else if (issuer) {
      c.raw(issuer->subject().der);
    } else {
      write_name(c, t.subject, t.subject_ia5);
    }
    c.sequence([&](der::Writer& validity) {
      validity.time(t.not_before);
      validity.time(t.not_after);
    });
    write_name(c, t.subject, t.subject_ia5);
    c.raw(spki);
    c.constructed(Tag::context(3, true), [&](der::Writer& x) {
      x.sequence([&](der::Writer& list) {
        extension(list, t, OidId::basic_constraints, true, [&](der::Writer& v) {
          v.sequence([&](der::Writer& bc) {
            if (t.ca) bc.boolean(true);
            if (t.ca && t.path_len) bc.small_unsigned(*t.path_len);
          });
        });
        extension(list, t, OidId::key_usage, true, [&](der::Writer& v) {
          if (t.ca) {
            write_key_usage(v, {5, 6});  // keyCertSign, cRLSign
          } else if (std::holds_alternative<crypto::RsaPublicMaterial>(subject_key)) {
            write_key_usage(v, {0, 2});  // digitalSignature, keyEncipherment
          } else {
            write_key_usage(v, {0});  // digitalSignature
          }
        });
        if (!t.extended_key_usage.empty()) {
          extension(list, t, OidId::ext_key_usage, false, [&](der::Writer& v) {
            v.sequence([&](der::Writer& eku) {
              for (auto id : t.extended_key_usage)
                eku.oid(id);
            });
          });
        }
        if (!t.dns_names.empty() || !t.ip_addresses.empty() || !t.extra_alt_names.empty()) {
          extension(list, t, OidId::subject_alt_name, t.alt_names_critical, [&](der::Writer& v) {
            v.sequence([&](der::Writer& names) {
              for (const auto& dns : t.dns_names) {
                names.element(Tag::context(2, false), view(dns));  // dNSName IA5String
              }
              for (const auto& ip : t.ip_addresses) {
                names.element(Tag::context(7, false), ip);  // iPAddress OCTET STRING
              }
              for (const auto& raw : t.extra_alt_names)
                names.raw(raw);
            });
          });
        }
        extension(list, t, OidId::subject_key_identifier, false,
                  [&](der::Writer& v) { v.octet_string(ski); });
        if (issuer && issuer->subject_key_identifier()) {
          extension(list, t, OidId::authority_key_identifier, false, [&](der::Writer& v) {
            v.sequence([&](der::Writer& aki) {
              aki.element(Tag::context(0, false), *issuer->subject_key_identifier());
            });
          });
        }
        for (const auto& x : t.extra_extensions) {
          list.sequence([&](der::Writer& e) {
            e.oid(Oid(x.oid));
            if (x.critical) e.boolean(true);
            e.octet_string(x.value);
          });
        }
      });
    });
  });

  const Bytes signature = issuer_key.sign(sig.scheme, tbs, provider);
  Bytes cert;
  der::Writer out(cert);
  out.sequence([&](der::Writer& c) {
    c.raw(tbs);
    write_algorithm(c, sig);
    c.bit_string(signature);
  });
  return cert;
}

}  // namespace tlslab::pki

// DER pieces for hand-shaped certificates in the path validation tests: GeneralNames of every
// form, nameConstraints, and raw extensions for CertificateTemplate::extra_extensions.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/pki/builder.hpp"
#include "tlslab/pki/der_writer.hpp"
#include "tlslab/pki/oid.hpp"

namespace tlslab::test::path {

using pki::der::Tag;

template <class Body>
Bytes der_of(Body&& body) {
  Bytes out;
  pki::der::Writer w(out);
  body(w);
  return out;
}

// rfc822Name [1], dNSName [2], URI [6]: IA5String contents.
inline Bytes gn_text(unsigned tag, const std::string& text) {
  return der_of([&](pki::der::Writer& w) { w.element(Tag::context(tag, false), view(text)); });
}
inline Bytes gn_email(const std::string& s) {
  return gn_text(1, s);
}
inline Bytes gn_dns(const std::string& s) {
  return gn_text(2, s);
}
inline Bytes gn_uri(const std::string& s) {
  return gn_text(6, s);
}
// iPAddress [7]: 4/16 bytes in a subjectAltName, address + mask (8/32) in a constraint.
inline Bytes gn_ip(const Bytes& b) {
  return der_of([&](pki::der::Writer& w) { w.element(Tag::context(7, false), b); });
}

inline Bytes name_der(const std::vector<std::pair<pki::OidId, std::string>>& rdns) {
  return der_of([&](pki::der::Writer& w) {
    w.sequence([&](pki::der::Writer& name) {
      for (const auto& rdn : rdns) {
        const pki::OidId type = rdn.first;
        const std::string& value = rdn.second;
        name.set([&](pki::der::Writer& set) {
          set.sequence([&](pki::der::Writer& atv) {
            atv.oid(type);
            atv.string(pki::der::tags::utf8_string, value);
          });
        });
      }
    });
  });
}
// directoryName [4] EXPLICIT Name.
inline Bytes gn_dir(const std::vector<std::pair<pki::OidId, std::string>>& rdns) {
  const Bytes name = name_der(rdns);
  return der_of([&](pki::der::Writer& w) {
    w.constructed(Tag::context(4, true), [&](pki::der::Writer& d) { d.raw(name); });
  });
}
// otherName [0] { type-id, [0] EXPLICIT NULL }.
inline Bytes gn_other(const std::string& dotted) {
  const Bytes oid = pki::encode_oid(dotted);
  return der_of([&](pki::der::Writer& w) {
    w.constructed(Tag::context(0, true), [&](pki::der::Writer& on) {
      on.oid(pki::Oid(oid));
      on.constructed(Tag::context(0, true), [](pki::der::Writer& v) { v.null(); });
    });
  });
}

// NameConstraints ::= SEQUENCE { permittedSubtrees [0], excludedSubtrees [1] } with each
// GeneralSubtree holding only its base.
inline Bytes name_constraints(const std::vector<Bytes>& permitted,
                              const std::vector<Bytes>& excluded) {
  return der_of([&](pki::der::Writer& w) {
    w.sequence([&](pki::der::Writer& nc) {
      const auto subtrees = [&](unsigned tag, const std::vector<Bytes>& bases) {
        if (bases.empty()) return;
        nc.constructed(Tag::context(tag, true), [&](pki::der::Writer& list) {
          for (const auto& b : bases)
            list.sequence([&](pki::der::Writer& st) { st.raw(b); });
        });
      };
      subtrees(0, permitted);
      subtrees(1, excluded);
    });
  });
}

inline pki::CertificateTemplate::RawExtension raw_extension(pki::OidId id, bool critical,
                                                            Bytes value) {
  const ByteView oid = pki::Oid::of(id).contents();
  return {Bytes(oid.begin(), oid.end()), critical, std::move(value)};
}

inline pki::CertificateTemplate::RawExtension nc_extension(const std::vector<Bytes>& permitted,
                                                           const std::vector<Bytes>& excluded,
                                                           bool critical = true) {
  return raw_extension(pki::OidId::name_constraints, critical,
                       name_constraints(permitted, excluded));
}

}  // namespace tlslab::test::path

// SafeContents and SafeBags (RFC 7292 §4.2) with their attributes (§4.2, PKCS#9 friendlyName
// and localKeyId, RFC 2985 §5.5.1-2).
#include <string>

#include "pkcs12_internal.hpp"
#include "tlslab/error.hpp"
#include "tlslab/pki/keys.hpp"

namespace tlslab::pki::pkcs12_detail {
namespace {

using der::FieldName;
using der::Reader;

Pkcs12Attributes read_attributes(Reader& set, const Pkcs12Limits& limits) {
  Pkcs12Attributes out;
  std::size_t i = 0;
  while (!set.empty()) {
    if (i == limits.max_attributes) {
      fail_limit(set.path("Attribute"), "number of attributes", i + 1, limits.max_attributes);
    }
    Reader attr = set.sequence(FieldName("Attribute", i));
    const Oid id = attr.oid("attrId");
    const der::Element values = attr.read(der::tags::set, "attrValues");
    attr.expect_end();
    Reader vr = attr.enter(values, "attrValues");
    if (id == OidId::friendly_name && !out.friendly_name) {
      // RFC 7292 §4.2 / RFC 2985 §5.5.1: friendlyName is a single BMPString.
      const der::String s = vr.string("friendlyName");
      if (s.tag != der::tags::bmp_string.number) vr.fail("friendlyName", "not a BMPString");
      vr.expect_end();
      out.friendly_name = der::to_utf8(s);
    } else if (id == OidId::local_key_id && !out.local_key_id) {
      const ByteView v = vr.octets("localKeyId").view();
      vr.expect_end();
      out.local_key_id = Bytes(v.begin(), v.end());
    } else {
      out.others.push_back(
          {id.display_name(), Bytes(values.encoding.begin(), values.encoding.end())});
    }
    ++i;
  }
  return out;
}

Pkcs12Bag::Type bag_type(OidId id) noexcept {
  switch (id) {
    case OidId::key_bag:
      return Pkcs12Bag::Type::key;
    case OidId::pkcs8_shrouded_key_bag:
      return Pkcs12Bag::Type::shrouded_key;
    case OidId::cert_bag:
      return Pkcs12Bag::Type::cert;
    case OidId::crl_bag:
      return Pkcs12Bag::Type::crl;
    case OidId::secret_bag:
      return Pkcs12Bag::Type::secret;
    case OidId::safe_contents_bag:
      return Pkcs12Bag::Type::safe_contents;
    default:
      return Pkcs12Bag::Type::unknown;
  }
}

// A DER structure inside the BER layers (a PrivateKeyInfo) is parsed by the strict parsers;
// their errors are put under the bag's path.
template <class F>
auto nested(const Reader& at, FieldName field, F&& body) {
  try {
    return body();
  } catch (const Error& e) {
    throw Error(e.alert(), at.path(field) + ": " + e.reason());
  }
}

}  // namespace

void read_safe_contents(Reader& r, std::size_t depth, std::vector<Pkcs12Bag>& out,
                        BagBudget& budget, const Pkcs12Limits& limits) {
  Reader seq = r.sequence("SafeContents");
  for (std::size_t i = 0; !seq.empty(); ++i) {
    if (budget.bags == limits.max_bags) {
      fail_limit(seq.path(FieldName("SafeBag", i)), "number of SafeBags in the file",
                 budget.bags + 1, limits.max_bags);
    }
    ++budget.bags;
    Reader bag = seq.sequence(FieldName("SafeBag", i));
    const Oid id = bag.oid("bagId");
    Reader value = bag.constructed(der::Tag::context(0, true), "bagValue");
    Pkcs12Bag b;
    b.type = bag_type(id.id());
    b.bag_id = id.display_name();
    b.depth = depth;
    if (auto attrs = bag.optional_constructed(der::tags::set, "bagAttributes")) {
      b.attributes = read_attributes(*attrs, limits);
    }
    bag.expect_end();

    switch (b.type) {
      case Pkcs12Bag::Type::key: {
        // RFC 7292 §4.2.1: KeyBag ::= PrivateKeyInfo.
        const der::Element e = value.read(der::tags::sequence, "PrivateKeyInfo");
        b.key = nested(value, "PrivateKeyInfo", [&] { return parse_pkcs8(e.encoding); });
        break;
      }
      case Pkcs12Bag::Type::shrouded_key: {
        // §4.2.2: PKCS8ShroudedKeyBag ::= EncryptedPrivateKeyInfo.
        Reader epki = value.sequence("EncryptedPrivateKeyInfo");
        const AlgorithmIdentifier alg = read_algorithm_identifier(epki, "encryptionAlgorithm");
        b.encryption = read_encryption(alg, epki, "encryptionAlgorithm");
        b.encryption_algorithm.assign(alg.der.begin(), alg.der.end());
        const ByteView data = epki.octets("encryptedData").view();
        b.encrypted_data.assign(data.begin(), data.end());
        epki.expect_end();
        break;
      }
      case Pkcs12Bag::Type::cert: {
        // §4.2.3: CertBag { certId, certValue [0] EXPLICIT }; x509Certificate is an OCTET
        // STRING holding the DER certificate.
        Reader cb = value.sequence("CertBag");
        const Oid cert_id = cb.oid("certId");
        Reader cv = cb.constructed(der::Tag::context(0, true), "certValue");
        if (cert_id == OidId::x509_certificate_type) {
          const ByteView cert = cv.octets("x509Certificate").view();
          b.certificate.assign(cert.begin(), cert.end());
          cv.expect_end();
        } else {
          b.note = "certificate type " + cert_id.display_name() + " skipped (only x509Certificate)";
        }
        cb.expect_end();
        break;
      }
      case Pkcs12Bag::Type::safe_contents: {
        // §4.2.6: a SafeContents inside a bag; the depth is bounded (each level costs stack).
        if (depth + 1 > limits.max_depth) {
          fail_limit(value.path("SafeContents"), "safeContentsBag nesting depth", depth + 1,
                     limits.max_depth);
        }
        out.push_back(std::move(b));
        read_safe_contents(value, depth + 1, out, budget, limits);
        value.expect_end();
        continue;
      }
      case Pkcs12Bag::Type::crl:
      case Pkcs12Bag::Type::secret:
      case Pkcs12Bag::Type::unknown:
        b.note = b.bag_id + " skipped (tlslab reads keys and X.509 certificates)";
        value.read("bagValue");
        break;
    }
    value.expect_end();
    out.push_back(std::move(b));
  }
}

void parse_safe_contents(ByteView der, const std::string& context, std::vector<Pkcs12Bag>& out,
                         BagBudget& budget, const Pkcs12Limits& limits) {
  Reader r(der, context, AlertDescription::decode_error, der::Encoding::ber);
  read_safe_contents(r, 0, out, budget, limits);
  r.expect_end();
}

}  // namespace tlslab::pki::pkcs12_detail

namespace tlslab::pki {

std::string_view Pkcs12Bag::type_name(Type t) noexcept {
  switch (t) {
    case Type::key:
      return "keyBag";
    case Type::shrouded_key:
      return "pkcs8ShroudedKeyBag";
    case Type::cert:
      return "certBag";
    case Type::crl:
      return "crlBag";
    case Type::secret:
      return "secretBag";
    case Type::safe_contents:
      return "safeContentsBag";
    case Type::unknown:
      return "unknown";
  }
  return "unknown";
}

}  // namespace tlslab::pki

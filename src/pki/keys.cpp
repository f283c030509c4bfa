// Key encodings: SubjectPublicKeyInfo, PKCS#8 (plain and PBES2-encrypted), PKCS#1, SEC1,
// Ed25519 (RFC 8410).
#include "tlslab/pki/keys.hpp"

#include <algorithm>
#include <string>
#include <variant>

#include "tlslab/error.hpp"
#include "tlslab/pki/der_writer.hpp"
#include "tlslab/pki/pem.hpp"

namespace tlslab::pki {

using crypto::EcPrivateMaterial;
using crypto::EcPublicMaterial;
using crypto::Ed25519PrivateMaterial;
using crypto::Ed25519PublicMaterial;
using crypto::KeyType;
using crypto::NamedGroup;
using crypto::PrivateKeyMaterial;
using crypto::PublicKeyMaterial;
using crypto::RsaPrivateMaterial;
using crypto::RsaPublicMaterial;
using der::FieldName;
using der::Tag;

namespace {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

constexpr std::size_t kEd25519KeySize = 32;  // RFC 8032 §5.1.5

Bytes copy(ByteView v) {
  return {v.begin(), v.end()};
}

ByteView strip_zeros(ByteView v) {
  std::size_t i = 0;
  while (i < v.size() && v[i] == 0)
    ++i;
  return v.subspan(i);
}

bool same_integer(ByteView a, ByteView b) {
  const ByteView x = strip_zeros(a);
  const ByteView y = strip_zeros(b);
  return std::equal(x.begin(), x.end(), y.begin(), y.end());
}

std::optional<NamedGroup> curve_from_oid(OidId id) noexcept {
  switch (id) {
    case OidId::prime256v1:
      return NamedGroup::secp256r1;
    case OidId::secp384r1:
      return NamedGroup::secp384r1;
    default:
      return std::nullopt;
  }
}

OidId curve_oid(NamedGroup g) noexcept {
  return g == NamedGroup::secp256r1 ? OidId::prime256v1 : OidId::secp384r1;
}

std::size_t field_bytes(NamedGroup g) noexcept {
  return g == NamedGroup::secp256r1 ? 32 : 48;
}

[[noreturn]] void unsupported(const der::Reader& r, FieldName field, const std::string& what) {
  throw Error(AlertDescription::unsupported_certificate, r.path(field) + ": " + what);
}

// ECParameters ::= CHOICE { namedCurve OBJECT IDENTIFIER, implicitCurve NULL, specifiedCurve }
// (RFC 5480 §2.1.1: only namedCurve in PKIX). Returns the group, or sets `why`.
std::optional<NamedGroup> read_curve(der::Reader& r, FieldName field, std::string& why) {
  if (!r.next_is(der::tags::oid)) {
    (void)r.read(field);
    why =
        "explicit or implicit curve parameters are not supported (RFC 5480 §2.1.1 requires a "
        "named curve)";
    return std::nullopt;
  }
  const Oid oid = r.oid(field);
  const auto group = curve_from_oid(oid.id());
  if (!group) why = "curve " + oid.display_name() + " is not supported";
  return group;
}

NamedGroup require_curve(der::Reader& r, FieldName field) {
  std::string why;
  const std::size_t at = r.offset();
  const auto group = read_curve(r, field, why);
  if (!group) unsupported(r, field, why + " (at offset " + std::to_string(at) + ")");
  return *group;
}

// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 §A.1.1)
RsaPublicMaterial read_rsa_public(der::Reader& r) {
  der::Reader seq = r.sequence("RSAPublicKey");
  RsaPublicMaterial m;
  m.n = copy(seq.unsigned_integer("modulus"));
  m.e = copy(seq.unsigned_integer("publicExponent"));
  seq.expect_end();
  if (m.n.empty()) seq.fail("modulus", "is zero");
  if (m.e.empty()) seq.fail("publicExponent", "is zero");
  return m;
}

// An uncompressed SEC1 point for `group`, or the reason it cannot be used.
EcPublicMaterial read_ec_point(const der::Reader& r, FieldName field, NamedGroup group,
                               ByteView point) {
  if (!point.empty() && (point[0] == 0x02 || point[0] == 0x03)) {
    unsupported(r, field, "compressed EC points are not supported");
  }
  const std::size_t want = 1 + 2 * field_bytes(group);
  if (point.size() != want || point[0] != 0x04) {
    r.fail(field, "EC point of " + std::to_string(point.size()) + " bytes is not an uncompressed " +
                      std::string(crypto::group_name(group)) + " point (0x04 and " +
                      std::to_string(want) + " bytes)");
  }
  return {group, copy(point)};
}

// RSAPrivateKey (RFC 8017 §A.1.2).
PrivateKeyInfo read_rsa_private(der::Reader& r) {
  der::Reader seq = r.sequence("RSAPrivateKey");
  const auto version = seq.small_unsigned("version");
  if (version == 1) unsupported(seq, "version", "multi-prime RSA keys are not supported");
  if (version != 0) seq.fail("version", "must be 0 (two-prime)");
  RsaPrivateMaterial m;
  m.n = copy(seq.unsigned_integer("modulus"));
  m.e = copy(seq.unsigned_integer("publicExponent"));
  m.d = copy(seq.unsigned_integer("privateExponent"));
  m.p = copy(seq.unsigned_integer("prime1"));
  m.q = copy(seq.unsigned_integer("prime2"));
  m.dp = copy(seq.unsigned_integer("exponent1"));
  m.dq = copy(seq.unsigned_integer("exponent2"));
  m.qinv = copy(seq.unsigned_integer("coefficient"));
  seq.expect_end();
  if (m.n.empty() || m.e.empty() || m.d.empty() || m.p.empty() || m.q.empty()) {
    seq.fail({}, "a component is zero");
  }
  return {std::move(m), std::nullopt};
}

// ECPrivateKey (RFC 5915 §3).
PrivateKeyInfo read_ec_private(der::Reader& r, std::optional<NamedGroup> outer) {
  der::Reader seq = r.sequence("ECPrivateKey");
  if (seq.small_unsigned("version") != 1) seq.fail("version", "must be 1 (ecPrivkeyVer1)");
  const ByteView scalar = seq.octet_string("privateKey");
  std::optional<NamedGroup> group = outer;
  if (auto params = seq.optional_constructed(Tag::context(0, true), "parameters")) {
    const NamedGroup inner = require_curve(*params, "namedCurve");
    params->expect_end();
    if (outer && *outer != inner) {
      seq.fail("parameters", "curve " + std::string(crypto::group_name(inner)) +
                                 " differs from the AlgorithmIdentifier's " +
                                 std::string(crypto::group_name(*outer)));
    }
    group = inner;
  }
  if (!group) seq.fail("parameters", "missing: the curve is not given anywhere");
  std::optional<PublicKeyMaterial> pub;
  if (auto pk = seq.optional_constructed(Tag::context(1, true), "publicKey")) {
    const ByteView point = pk->bit_string_bytes("point");
    pk->expect_end();
    pub = read_ec_point(*pk, "point", *group, point);
  }
  seq.expect_end();
  // RFC 5915 §3: an octet string of ceiling(log2(n)/8) bytes. Some old encoders dropped leading
  // zero bytes; those keys are left-padded rather than refused.
  const std::size_t size = field_bytes(*group);
  if (scalar.empty() || scalar.size() > size) {
    seq.fail("privateKey", "scalar of " + std::to_string(scalar.size()) + " bytes for " +
                               std::string(crypto::group_name(*group)) + " (want " +
                               std::to_string(size) + ")");
  }
  EcPrivateMaterial m{*group, Bytes(size - scalar.size(), 0)};
  m.scalar.insert(m.scalar.end(), scalar.begin(), scalar.end());
  return {std::move(m), std::move(pub)};
}

PrivateKeyInfo read_pkcs8(der::Reader& top) {
  der::Reader seq = top.sequence({});
  const auto version = seq.small_unsigned("version");
  // RFC 5958 §2: v1(0) without, v2(1) possibly with the public key.
  if (version > 1) seq.fail("version", "must be 0 or 1, got " + std::to_string(version));
  AlgorithmIdentifier alg = read_algorithm_identifier(seq, "privateKeyAlgorithm");
  const ByteView private_key = seq.octet_string("privateKey");
  (void)seq.read_optional(Tag::context(0, true), "attributes");
  std::optional<der::Element> public_key = seq.read_optional(Tag::context(1, false), "publicKey");
  seq.expect_end();
  if (public_key && version == 0) seq.fail("publicKey", "present in a version 0 (v1) key");

  der::Reader inner = seq.nested(private_key, "privateKey");
  der::Reader& params = alg.parameters_reader;
  PrivateKeyInfo info;
  switch (alg.oid.id()) {
    case OidId::rsa_encryption:
      if (!alg.parameters_absent() && !alg.parameters_null()) {
        params.fail({}, "rsaEncryption parameters must be NULL");
      }
      info = read_rsa_private(inner);
      break;
    case OidId::ec_public_key: {
      if (alg.parameters_absent()) params.fail({}, "id-ecPublicKey parameters must be present");
      const NamedGroup group = require_curve(params, "namedCurve");
      params.expect_end();
      info = read_ec_private(inner, group);
      break;
    }
    case OidId::ed25519: {
      // RFC 8410 §7: parameters absent; privateKey holds CurvePrivateKey ::= OCTET STRING.
      if (!alg.parameters_absent()) params.fail({}, "ED25519 parameters must be absent");
      const ByteView seed = inner.octet_string("CurvePrivateKey");
      if (seed.size() != kEd25519KeySize) {
        inner.fail("CurvePrivateKey",
                   "Ed25519 private key of " + std::to_string(seed.size()) + " bytes (want 32)");
      }
      info.key = Ed25519PrivateMaterial{copy(seed)};
      break;
    }
    case OidId::rsassa_pss:
      unsupported(seq, "privateKeyAlgorithm", "RSASSA-PSS-restricted RSA keys are not supported");
    default:
      unsupported(seq, "privateKeyAlgorithm",
                  "private key algorithm " + alg.oid.display_name() + " is not supported");
  }
  inner.expect_end();
  if (public_key) {
    // [1] IMPLICIT BIT STRING: the contents are a BIT STRING's.
    const ByteView c = public_key->contents;
    if (c.empty() || c[0] != 0) seq.fail("publicKey", "must be a whole number of bytes");
    const ByteView bytes = c.subspan(1);
    if (std::holds_alternative<Ed25519PrivateMaterial>(info.key)) {
      if (bytes.size() != kEd25519KeySize) seq.fail("publicKey", "Ed25519 key must be 32 bytes");
      info.public_key = Ed25519PublicMaterial{copy(bytes)};
    } else if (const auto* ec = std::get_if<EcPrivateMaterial>(&info.key)) {
      info.public_key = read_ec_point(seq, "publicKey", ec->curve, bytes);
    }
  }
  top.expect_end();
  return info;
}

void wipe(Bytes& b) noexcept {
  secure_wipe(b.data(), b.size());
}

}  // namespace

// --- public keys ----------------------------------------------------------------------------

crypto::KeyType key_type(const PublicKeyMaterial& key) noexcept {
  return std::visit(Overloaded{
                        [](const RsaPublicMaterial&) { return KeyType::rsa; },
                        [](const EcPublicMaterial& ec) {
                          return ec.curve == NamedGroup::secp256r1 ? KeyType::ec_p256
                                                                   : KeyType::ec_p384;
                        },
                        [](const Ed25519PublicMaterial&) { return KeyType::ed25519; },
                    },
                    key);
}

std::size_t key_bits(const PublicKeyMaterial& key) noexcept {
  return std::visit(Overloaded{
                        [](const RsaPublicMaterial& rsa) -> std::size_t {
                          const ByteView n = strip_zeros(rsa.n);
                          if (n.empty()) return 0;
                          std::size_t bits = n.size() * 8;
                          for (std::uint8_t top = n[0]; (top & 0x80) == 0; top <<= 1)
                            --bits;
                          return bits;
                        },
                        [](const EcPublicMaterial& ec) { return field_bytes(ec.curve) * 8; },
                        [](const Ed25519PublicMaterial&) -> std::size_t { return 256; },
                    },
                    key);
}

std::size_t SubjectPublicKeyInfo::bits() const noexcept {
  return key ? key_bits(*key) : 0;
}

bool same_public_key(const PublicKeyMaterial& a, const PublicKeyMaterial& b) {
  if (a.index() != b.index()) return false;
  if (const auto* x = std::get_if<RsaPublicMaterial>(&a)) {
    const auto& y = std::get<RsaPublicMaterial>(b);
    return same_integer(x->n, y.n) && same_integer(x->e, y.e);
  }
  if (const auto* x = std::get_if<EcPublicMaterial>(&a)) {
    const auto& y = std::get<EcPublicMaterial>(b);
    return x->curve == y.curve && x->point == y.point;
  }
  return std::get<Ed25519PublicMaterial>(a).key == std::get<Ed25519PublicMaterial>(b).key;
}

SubjectPublicKeyInfo read_spki(der::Reader& r, FieldName field) {
  const der::Element e = r.read(der::tags::sequence, field);
  der::Reader seq = r.enter(e, field);
  SubjectPublicKeyInfo s;
  s.der = e.encoding;
  s.algorithm = read_algorithm_identifier(seq, "algorithm");
  const der::BitString bits = seq.bit_string("subjectPublicKey");
  seq.expect_end();
  s.subject_public_key = bits.bytes;
  der::Reader& params = s.algorithm.parameters_reader;
  const auto whole_bytes = [&] {
    if (bits.unused_bits != 0) seq.fail("subjectPublicKey", "has unused bits");
  };
  switch (s.algorithm.oid.id()) {
    case OidId::rsa_encryption: {
      // RFC 3279 §2.3.1: the parameters MUST be NULL.
      if (!s.algorithm.parameters_null()) params.fail({}, "rsaEncryption parameters must be NULL");
      whole_bytes();
      der::Reader key = seq.nested(bits.bytes, "subjectPublicKey");
      s.key = read_rsa_public(key);
      key.expect_end();
      break;
    }
    case OidId::ec_public_key: {
      if (s.algorithm.parameters_absent()) {
        params.fail({}, "id-ecPublicKey parameters must be present (RFC 5480 §2.1.1)");
      }
      std::string why;
      const auto group = read_curve(params, "namedCurve", why);
      params.expect_end();
      whole_bytes();
      if (!group) {
        s.unsupported_reason = why;
      } else if (!bits.bytes.empty() && (bits.bytes[0] == 0x02 || bits.bytes[0] == 0x03)) {
        s.unsupported_reason = "compressed EC points are not supported";
      } else {
        s.key = read_ec_point(seq, "subjectPublicKey", *group, bits.bytes);
      }
      break;
    }
    case OidId::ed25519:
      // RFC 8410 §3/§4: no parameters, the 32-byte public key as the BIT STRING.
      if (!s.algorithm.parameters_absent()) params.fail({}, "ED25519 parameters must be absent");
      whole_bytes();
      if (bits.bytes.size() != kEd25519KeySize) {
        seq.fail("subjectPublicKey",
                 "Ed25519 public key of " + std::to_string(bits.bytes.size()) + " bytes (want 32)");
      }
      s.key = Ed25519PublicMaterial{copy(bits.bytes)};
      break;
    case OidId::rsassa_pss:
      s.unsupported_reason = "RSASSA-PSS-restricted RSA keys are not supported";
      break;
    default:
      s.unsupported_reason =
          "public key algorithm " + s.algorithm.oid.display_name() + " is not supported";
      break;
  }
  return s;
}

SubjectPublicKeyInfo parse_spki(ByteView der, AlertDescription alert) {
  der::Reader r(der, "SubjectPublicKeyInfo", alert);
  SubjectPublicKeyInfo s = read_spki(r, {});
  r.expect_end();
  return s;
}

PublicKeyMaterial public_key_from_spki(ByteView der, AlertDescription alert) {
  SubjectPublicKeyInfo s = parse_spki(der, alert);
  if (!s.key)
    fail(AlertDescription::unsupported_certificate,
         "SubjectPublicKeyInfo: " + s.unsupported_reason);
  return std::move(*s.key);
}

Bytes encode_spki(const PublicKeyMaterial& key) {
  Bytes out;
  der::Writer w(out);
  w.sequence([&](der::Writer& spki) {
    std::visit(Overloaded{
                   [&](const RsaPublicMaterial& rsa) {
                     spki.sequence([](der::Writer& alg) {
                       alg.oid(OidId::rsa_encryption);
                       alg.null();
                     });
                     Bytes inner;
                     der::Writer k(inner);
                     k.sequence([&](der::Writer& seq) {
                       seq.unsigned_integer(rsa.n);
                       seq.unsigned_integer(rsa.e);
                     });
                     spki.bit_string(inner);
                   },
                   [&](const EcPublicMaterial& ec) {
                     spki.sequence([&](der::Writer& alg) {
                       alg.oid(OidId::ec_public_key);
                       alg.oid(curve_oid(ec.curve));
                     });
                     spki.bit_string(ec.point);
                   },
                   [&](const Ed25519PublicMaterial& ed) {
                     spki.sequence([](der::Writer& alg) { alg.oid(OidId::ed25519); });
                     spki.bit_string(ed.key);
                   },
               },
               key);
  });
  return out;
}

// --- private keys ---------------------------------------------------------------------------

PrivateKeyInfo::~PrivateKeyInfo() {
  std::visit(Overloaded{
                 [](RsaPrivateMaterial& m) {
                   for (Bytes* b : {&m.d, &m.p, &m.q, &m.dp, &m.dq, &m.qinv})
                     wipe(*b);
                 },
                 [](EcPrivateMaterial& m) { wipe(m.scalar); },
                 [](Ed25519PrivateMaterial& m) { wipe(m.seed); },
             },
             key);
}

crypto::KeyType PrivateKeyInfo::type() const noexcept {
  return std::visit(Overloaded{
                        [](const RsaPrivateMaterial&) { return KeyType::rsa; },
                        [](const EcPrivateMaterial& ec) {
                          return ec.curve == NamedGroup::secp256r1 ? KeyType::ec_p256
                                                                   : KeyType::ec_p384;
                        },
                        [](const Ed25519PrivateMaterial&) { return KeyType::ed25519; },
                    },
                    key);
}

PrivateKeyInfo parse_pkcs8(ByteView der, AlertDescription alert) {
  der::Reader r(der, "PrivateKeyInfo", alert);
  return read_pkcs8(r);
}

PrivateKeyInfo parse_rsa_private_key(ByteView der, AlertDescription alert) {
  der::Reader r(der, "PKCS#1", alert);
  PrivateKeyInfo info = read_rsa_private(r);
  r.expect_end();
  return info;
}

PrivateKeyInfo parse_ec_private_key(ByteView der, AlertDescription alert,
                                    std::optional<NamedGroup> curve) {
  der::Reader r(der, "SEC1", alert);
  PrivateKeyInfo info = read_ec_private(r, curve);
  r.expect_end();
  return info;
}

SecretBytes encode_pkcs8(const PrivateKeyInfo& info) {
  Bytes inner;  // the privateKey OCTET STRING's contents
  Bytes out;
  der::Writer w(out);
  const auto* ed_public =
      info.public_key ? std::get_if<Ed25519PublicMaterial>(&*info.public_key) : nullptr;
  w.sequence([&](der::Writer& seq) {
    seq.small_unsigned(ed_public != nullptr ? 1 : 0);
    std::visit(
        Overloaded{
            [&](const RsaPrivateMaterial& m) {
              if (m.p.empty() || m.q.empty() || m.dp.empty() || m.dq.empty() || m.qinv.empty()) {
                fail(AlertDescription::internal_error,
                     "PKCS#8 writer: the RSA key lacks its CRT components");
              }
              seq.sequence([](der::Writer& alg) {
                alg.oid(OidId::rsa_encryption);
                alg.null();
              });
              der::Writer k(inner);
              k.sequence([&](der::Writer& rsa) {
                rsa.small_unsigned(0);
                for (const Bytes* b : {&m.n, &m.e, &m.d, &m.p, &m.q, &m.dp, &m.dq, &m.qinv})
                  rsa.unsigned_integer(*b);
              });
            },
            [&](const EcPrivateMaterial& m) {
              seq.sequence([&](der::Writer& alg) {
                alg.oid(OidId::ec_public_key);
                alg.oid(curve_oid(m.curve));
              });
              der::Writer k(inner);
              k.sequence([&](der::Writer& ec) {
                ec.small_unsigned(1);
                ec.octet_string(m.scalar);
                if (info.public_key) {
                  if (const auto* p = std::get_if<EcPublicMaterial>(&*info.public_key)) {
                    ec.constructed(Tag::context(1, true),
                                   [&](der::Writer& pk) { pk.bit_string(p->point); });
                  }
                }
              });
            },
            [&](const Ed25519PrivateMaterial& m) {
              seq.sequence([](der::Writer& alg) { alg.oid(OidId::ed25519); });
              der::Writer k(inner);
              k.octet_string(m.seed);
            },
        },
        info.key);
    seq.octet_string(inner);
    if (ed_public != nullptr) {
      Bytes bits{0};
      bits.insert(bits.end(), ed_public->key.begin(), ed_public->key.end());
      seq.element(Tag::context(1, false), bits);
    }
  });
  SecretBytes result(out.begin(), out.end());
  wipe(inner);
  wipe(out);
  return result;
}

EncryptedPrivateKeyInfo parse_encrypted_pkcs8(ByteView der, AlertDescription alert) {
  der::Reader r(der, "EncryptedPrivateKeyInfo", alert);
  der::Reader seq = r.sequence({});
  EncryptedPrivateKeyInfo info;
  info.algorithm = read_algorithm_identifier(seq, "encryptionAlgorithm");
  info.encrypted_data = seq.octet_string("encryptedData");
  seq.expect_end();
  r.expect_end();
  if (info.algorithm.oid.id() == OidId::pbes2) {
    info.pbes2 = read_pbes2_parameters(info.algorithm.parameters_reader);
  }
  return info;
}

PrivateKeyInfo decrypt_pkcs8(ByteView der, std::string_view password, const PbeLimits& limits,
                             AlertDescription alert) {
  const EncryptedPrivateKeyInfo info = parse_encrypted_pkcs8(der, alert);
  if (!info.pbes2) {
    fail(AlertDescription::unsupported_certificate,
         "EncryptedPrivateKeyInfo.encryptionAlgorithm: " + info.algorithm.oid.display_name() +
             " is not supported (only PBES2)");
  }
  const SecretBytes plain = pbes2_decrypt(*info.pbes2, view(password), info.encrypted_data, limits);
  try {
    return parse_pkcs8(plain, alert);
  } catch (const Error& e) {
    if (e.alert() == AlertDescription::unsupported_certificate) throw;
    // The padding happened to look right (1 in 256 for a wrong key), but the plaintext is not a
    // key: a wrong password far more often than a corrupt file.
    throw Error(AlertDescription::decrypt_error,
                "EncryptedPrivateKeyInfo: wrong password or corrupt data (the decrypted data is "
                "not PKCS#8: " +
                    e.reason() + ")");
  }
}

PrivateKeyInfo load_private_key(ByteView file, std::optional<std::string_view> password,
                                const PbeLimits& limits) {
  const auto encrypted = [&](ByteView der, const std::string& where) {
    if (!password) {
      fail(AlertDescription::decrypt_error, where + ": encrypted private key needs a password");
    }
    return decrypt_pkcs8(der, *password, limits);
  };
  const auto prefixed = [](const std::string& where, auto&& body) -> PrivateKeyInfo {
    try {
      return body();
    } catch (const Error& e) {
      throw Error(e.alert(), where + ": " + e.reason());
    }
  };
  if (looks_like_pem(file)) {
    const std::string_view text(reinterpret_cast<const char*>(file.data()), file.size());
    for (const PemBlock& block : parse_pem(text)) {
      const std::string where =
          "PEM block \"" + block.label + "\" (line " + std::to_string(block.line) + ")";
      if (block.label == "PRIVATE KEY") {
        return prefixed(where, [&] { return parse_pkcs8(block.der); });
      }
      if (block.label == "ENCRYPTED PRIVATE KEY") {
        return prefixed(where, [&] { return encrypted(block.der, "ENCRYPTED PRIVATE KEY"); });
      }
      if (block.label == "RSA PRIVATE KEY") {
        return prefixed(where, [&] { return parse_rsa_private_key(block.der); });
      }
      if (block.label == "EC PRIVATE KEY") {
        return prefixed(where, [&] { return parse_ec_private_key(block.der); });
      }
    }
    fail(AlertDescription::decode_error,
         "PEM: no PRIVATE KEY, ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block");
  }
  // DER: tell the four apart by the elements after the outer SEQUENCE's first.
  der::Reader r(file, "private key (DER)");
  der::Reader seq = r.sequence({});
  if (seq.next_is(der::tags::sequence))
    return prefixed("DER", [&] { return encrypted(file, "EncryptedPrivateKeyInfo"); });
  const auto version = seq.small_unsigned("version");
  if (version == 1 && seq.next_is(der::tags::octet_string)) {
    return parse_ec_private_key(file);
  }
  if (seq.next_is(der::tags::sequence)) return parse_pkcs8(file);
  return parse_rsa_private_key(file);
}

bool key_matches(const crypto::PrivateKey& key, const PublicKeyMaterial& certified) {
  return same_public_key(key.public_key().material(), certified);
}

}  // namespace tlslab::pki

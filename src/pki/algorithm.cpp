// AlgorithmIdentifiers: signature algorithms (RFC 4055 §3.1/§5, RFC 5758 §3.2, RFC 8410 §3) and
// hash/HMAC identifiers (RFC 5754, RFC 8018 §B.1.1), and signature verification through the
// crypto provider's keys.
#include "tlslab/pki/algorithm.hpp"

#include <string>

#include "tlslab/error.hpp"

namespace tlslab::pki {

using crypto::HashAlgorithm;
using der::FieldName;
using der::Tag;

AlgorithmIdentifier read_algorithm_identifier(der::Reader& r, FieldName field) {
  const der::Element e = r.read(der::tags::sequence, field);
  der::Reader seq = r.enter(e, field);
  AlgorithmIdentifier a;
  a.der = e.encoding;
  a.oid = seq.oid("algorithm");
  if (!seq.empty()) a.parameters = seq.read("parameters").encoding;
  seq.expect_end();
  a.parameters_reader = seq.nested(a.parameters, "parameters");
  return a;
}

std::optional<HashAlgorithm> hash_from_oid(OidId id) noexcept {
  switch (id) {
    case OidId::sha1:
      return HashAlgorithm::sha1;
    case OidId::sha224:
      return HashAlgorithm::sha224;
    case OidId::sha256:
      return HashAlgorithm::sha256;
    case OidId::sha384:
      return HashAlgorithm::sha384;
    case OidId::sha512:
      return HashAlgorithm::sha512;
    default:
      return std::nullopt;
  }
}

std::optional<HashAlgorithm> hmac_hash_from_oid(OidId id) noexcept {
  switch (id) {
    case OidId::hmac_with_sha1:
      return HashAlgorithm::sha1;
    case OidId::hmac_with_sha224:
      return HashAlgorithm::sha224;
    case OidId::hmac_with_sha256:
      return HashAlgorithm::sha256;
    case OidId::hmac_with_sha384:
      return HashAlgorithm::sha384;
    case OidId::hmac_with_sha512:
      return HashAlgorithm::sha512;
    default:
      return std::nullopt;
  }
}

OidId hash_oid(HashAlgorithm h) noexcept {
  switch (h) {
    case HashAlgorithm::sha1:
      return OidId::sha1;
    case HashAlgorithm::sha224:
      return OidId::sha224;
    case HashAlgorithm::sha256:
      return OidId::sha256;
    case HashAlgorithm::sha384:
      return OidId::sha384;
    case HashAlgorithm::sha512:
      return OidId::sha512;
  }
  return OidId::unknown;
}

OidId hmac_oid(HashAlgorithm h) noexcept {
  switch (h) {
    case HashAlgorithm::sha1:
      return OidId::hmac_with_sha1;
    case HashAlgorithm::sha224:
      return OidId::hmac_with_sha224;
    case HashAlgorithm::sha256:
      return OidId::hmac_with_sha256;
    case HashAlgorithm::sha384:
      return OidId::hmac_with_sha384;
    case HashAlgorithm::sha512:
      return OidId::hmac_with_sha512;
  }
  return OidId::unknown;
}

namespace {

// A hash AlgorithmIdentifier; std::nullopt (with `why`) for a hash tlslab does not have.
std::optional<HashAlgorithm> read_hash(der::Reader& r, FieldName field, std::string& why) {
  AlgorithmIdentifier a = read_algorithm_identifier(r, field);
  // RFC 5754 §2: parameters absent (preferred) or NULL.
  if (!a.parameters_absent() && !a.parameters_null()) {
    a.parameters_reader.fail({}, "hash parameters must be absent or NULL");
  }
  const auto h = hash_from_oid(a.oid.id());
  if (!h) why = "hash " + a.oid.display_name() + " is not supported";
  return h;
}

}  // namespace

HashAlgorithm read_hash_algorithm(der::Reader& r, FieldName field) {
  std::string why;
  const std::size_t at = r.offset();
  const auto h = read_hash(r, field, why);
  if (!h) {
    throw Error(AlertDescription::unsupported_certificate,
                r.path(field) + ": " + why + " (at offset " + std::to_string(at) + ")");
  }
  return *h;
}

std::optional<crypto::SignatureScheme> SignatureAlgorithm::scheme() const noexcept {
  using S = crypto::SignatureScheme;
  switch (kind) {
    case Kind::rsa_pkcs1:
      switch (hash) {
        case HashAlgorithm::sha1:
          return S::rsa_pkcs1_sha1;
        case HashAlgorithm::sha256:
          return S::rsa_pkcs1_sha256;
        case HashAlgorithm::sha384:
          return S::rsa_pkcs1_sha384;
        case HashAlgorithm::sha512:
          return S::rsa_pkcs1_sha512;
        default:
          return std::nullopt;
      }
    case Kind::ecdsa:
      // The TLS 1.2 meaning of these code points: the hash only, any curve (RFC 8422 §5.1.3),
      // which is what X.509's ecdsa-with-SHA* identifiers say too.
      switch (hash) {
        case HashAlgorithm::sha1:
          return S::ecdsa_sha1;
        case HashAlgorithm::sha256:
          return S::ecdsa_secp256r1_sha256;
        case HashAlgorithm::sha384:
          return S::ecdsa_secp384r1_sha384;
        case HashAlgorithm::sha512:
          return S::ecdsa_secp521r1_sha512;
        default:
          return std::nullopt;
      }
    case Kind::rsa_pss:
      if (pss.mgf1_hash != hash || pss.salt_length != crypto::digest_size(hash)) {
        return std::nullopt;
      }
      switch (hash) {
        case HashAlgorithm::sha256:
          return S::rsa_pss_rsae_sha256;
        case HashAlgorithm::sha384:
          return S::rsa_pss_rsae_sha384;
        case HashAlgorithm::sha512:
          return S::rsa_pss_rsae_sha512;
        default:
          return std::nullopt;
      }
    case Kind::ed25519:
      return S::ed25519;
    case Kind::unsupported:
      break;
  }
  return std::nullopt;
}

SignatureAlgorithm read_signature_algorithm(der::Reader& r, FieldName field) {
  SignatureAlgorithm s;
  s.id = read_algorithm_identifier(r, field);
  der::Reader& params = s.id.parameters_reader;
  const std::string name = s.id.oid.display_name();

  const auto rsa = [&](HashAlgorithm h) {
    // RFC 4055 §5: the parameters MUST be NULL; some encoders omit them, which every verifier
    // tolerates.
    if (!s.id.parameters_absent() && !s.id.parameters_null()) {
      params.fail({}, name + " parameters must be NULL");
    }
    s.kind = SignatureAlgorithm::Kind::rsa_pkcs1;
    s.hash = h;
  };
  const auto ecdsa = [&](HashAlgorithm h) {
    // RFC 5758 §3.2: the parameters MUST be absent.
    if (!s.id.parameters_absent()) params.fail({}, name + " parameters must be absent");
    s.kind = SignatureAlgorithm::Kind::ecdsa;
    s.hash = h;
  };
  const auto unsupported = [&](std::string why) {
    s.kind = SignatureAlgorithm::Kind::unsupported;
    s.unsupported_reason = std::move(why);
  };

  switch (s.id.oid.id()) {
    case OidId::sha1_with_rsa_encryption:
      rsa(HashAlgorithm::sha1);
      break;
    case OidId::sha256_with_rsa_encryption:
      rsa(HashAlgorithm::sha256);
      break;
    case OidId::sha384_with_rsa_encryption:
      rsa(HashAlgorithm::sha384);
      break;
    case OidId::sha512_with_rsa_encryption:
      rsa(HashAlgorithm::sha512);
      break;
    case OidId::ecdsa_with_sha1:
      ecdsa(HashAlgorithm::sha1);
      break;
    case OidId::ecdsa_with_sha256:
      ecdsa(HashAlgorithm::sha256);
      break;
    case OidId::ecdsa_with_sha384:
      ecdsa(HashAlgorithm::sha384);
      break;
    case OidId::ecdsa_with_sha512:
      ecdsa(HashAlgorithm::sha512);
      break;
    case OidId::ed25519:
      // RFC 8410 §3: the parameters MUST be absent.
      if (!s.id.parameters_absent()) params.fail({}, "ED25519 parameters must be absent");
      s.kind = SignatureAlgorithm::Kind::ed25519;
      break;
    case OidId::rsassa_pss: {
      // RFC 4055 §3.1: present for signatures; every field has a default.
      if (s.id.parameters_absent()) {
        params.fail({}, "RSASSA-PSS-params must be present in a signature algorithm");
      }
      der::Reader seq = params.sequence("RSASSA-PSS-params");
      std::string why;
      s.kind = SignatureAlgorithm::Kind::rsa_pss;
      s.hash = HashAlgorithm::sha1;
      s.pss = {};
      if (auto h = seq.optional_constructed(Tag::context(0, true), "hashAlgorithm")) {
        const auto hash = read_hash(*h, "hash", why);
        h->expect_end();
        if (hash) s.hash = *hash;
        if (!hash) unsupported("RSASSA-PSS: " + why);
      }
      if (auto m = seq.optional_constructed(Tag::context(1, true), "maskGenAlgorithm")) {
        AlgorithmIdentifier mgf = read_algorithm_identifier(*m, "mgf");
        m->expect_end();
        if (mgf.oid.id() != OidId::mgf1) {
          unsupported("RSASSA-PSS: mask generation function " + mgf.oid.display_name() +
                      " is not supported");
        } else {
          const auto hash = read_hash(mgf.parameters_reader, "hash", why);
          mgf.parameters_reader.expect_end();
          if (hash) s.pss.mgf1_hash = *hash;
          if (!hash) unsupported("RSASSA-PSS MGF1: " + why);
        }
      }
      if (auto sl = seq.optional_constructed(Tag::context(2, true), "saltLength")) {
        s.pss.salt_length = static_cast<std::size_t>(sl->small_unsigned("saltLength", 0xffff));
        sl->expect_end();
      }
      if (auto tf = seq.optional_constructed(Tag::context(3, true), "trailerField")) {
        // RFC 8017 §A.2.3: trailerFieldBC(1) is the only value.
        if (tf->small_unsigned("trailerField") != 1) {
          tf->fail("trailerField", "must be 1 (trailerFieldBC)");
        }
        tf->expect_end();
      }
      seq.expect_end();
      params.expect_end();
      s.pss.hash = s.hash;
      break;
    }
    default:
      unsupported("signature algorithm " + name + " is not supported");
      break;
  }
  return s;
}

bool verify_signature(const SignatureAlgorithm& algorithm, const crypto::PublicKey& key,
                      ByteView message, ByteView signature, std::string_view what) {
  using Kind = SignatureAlgorithm::Kind;
  using crypto::KeyType;
  if (algorithm.kind == Kind::unsupported) {
    fail(AlertDescription::unsupported_certificate,
         std::string(what) + ": " + algorithm.unsupported_reason);
  }
  const KeyType type = key.type();
  bool fits = false;
  switch (algorithm.kind) {
    case Kind::rsa_pkcs1:
    case Kind::rsa_pss:
      fits = type == KeyType::rsa;
      break;
    case Kind::ecdsa:
      fits = type == KeyType::ec_p256 || type == KeyType::ec_p384;
      break;
    case Kind::ed25519:
      fits = type == KeyType::ed25519;
      break;
    case Kind::unsupported:
      break;
  }
  if (!fits) {
    fail(AlertDescription::bad_certificate,
         std::string(what) + ": signature algorithm " + algorithm.name() + " does not fit the " +
             std::string(crypto::key_type_name(type)) + " key that should verify it");
  }
  if (const auto scheme = algorithm.scheme()) return key.verify(*scheme, message, signature);
  return crypto::verify_rsa_pss(key, algorithm.pss, message, signature);
}

}  // namespace tlslab::pki

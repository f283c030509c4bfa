// The outer layers of a PFX (RFC 7292 §4, §4.1), readable without a password: PFX, authSafe,
// MacData (or PBMAC1, RFC 9579), the AuthenticatedSafe's ContentInfos with their EncryptedData
// (RFC 5652 §8), and the plain SafeContents.
#include <string>

#include "pkcs12_internal.hpp"
#include "tlslab/error.hpp"

namespace tlslab::pki {

using der::FieldName;
using der::Reader;
using namespace pkcs12_detail;

namespace {

// PBMAC1-params (RFC 9579 §3 / RFC 8018 §A.5) with PBKDF2 as the KDF and an HMAC as the MAC.
void read_pbmac1(Reader params, Pkcs12Mac& mac, const Pkcs12Limits& limits) {
  Reader seq = params.sequence("PBMAC1-params");
  AlgorithmIdentifier kdf = read_algorithm_identifier(seq, "keyDerivationFunc");
  if (kdf.oid.id() != OidId::pbkdf2) {
    fail_kind(Pkcs12ErrorKind::unsupported,
              seq.path("keyDerivationFunc") + ": PBMAC1 key derivation " + kdf.oid.display_name() +
                  " is not supported (only PBKDF2)");
  }
  Reader kp = kdf.parameters_reader.sequence("PBKDF2-params");
  if (!kp.next_is(der::tags::octet_string)) {
    fail_kind(Pkcs12ErrorKind::unsupported,
              kp.path("salt") + ": PBKDF2 otherSource salts are not supported");
  }
  const ByteView salt = kp.octet_string("salt");
  mac.salt.assign(salt.begin(), salt.end());
  const auto iterations = kp.small_unsigned("iterationCount", 0xffffffff);
  if (iterations == 0) kp.fail("iterationCount", "must be at least 1");
  mac.iterations = static_cast<std::uint32_t>(iterations);
  // RFC 9579 §4: keyLength is mandatory for PBMAC1. Its value sizes the derived key, so it is
  // bounded before anything is derived (CVE-2025-11187: an unchecked keyLength overflowed
  // OpenSSL's fixed key buffer).
  if (!kp.next_is(der::tags::integer)) kp.fail("keyLength", "missing (RFC 9579 requires it)");
  const auto key_length = kp.small_unsigned("keyLength", 0xffffffff);
  if (key_length == 0) kp.fail("keyLength", "must be at least 1");
  if (key_length > limits.max_pbmac1_key_length) {
    fail_limit(kp.path("keyLength"), "PBMAC1 key length", key_length, limits.max_pbmac1_key_length);
  }
  mac.key_length = static_cast<std::size_t>(key_length);
  mac.kdf_prf = crypto::HashAlgorithm::sha1;
  if (!kp.empty()) {
    AlgorithmIdentifier prf = read_algorithm_identifier(kp, "prf");
    if (!prf.parameters_absent() && !prf.parameters_null()) {
      prf.parameters_reader.fail({}, "PRF parameters must be NULL");
    }
    const auto h = hmac_hash_from_oid(prf.oid.id());
    if (!h) {
      fail_kind(Pkcs12ErrorKind::unsupported,
                kp.path("prf") + ": PBKDF2 PRF " + prf.oid.display_name() + " is not supported");
    }
    mac.kdf_prf = *h;
  }
  kp.expect_end();
  kdf.parameters_reader.expect_end();
  AlgorithmIdentifier scheme = read_algorithm_identifier(seq, "messageAuthScheme");
  const auto h = hmac_hash_from_oid(scheme.oid.id());
  if (!h) {
    fail_kind(Pkcs12ErrorKind::unsupported, seq.path("messageAuthScheme") + ": " +
                                                scheme.oid.display_name() +
                                                " is not supported (hmacWithSHA1..SHA512 are)");
  }
  if (!scheme.parameters_absent() && !scheme.parameters_null()) {
    scheme.parameters_reader.fail({}, "HMAC parameters must be NULL");
  }
  mac.hash = *h;
  seq.expect_end();
  params.expect_end();
}

// MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
Pkcs12Mac read_mac_data(Reader& pfx, const Pkcs12Limits& limits) {
  Pkcs12Mac mac;
  Reader md = pfx.sequence("macData");
  Reader di = md.sequence("mac");
  const AlgorithmIdentifier alg = read_algorithm_identifier(di, "digestAlgorithm");
  const ByteView digest = di.octet_string("digest");
  mac.digest.assign(digest.begin(), digest.end());
  di.expect_end();
  const ByteView salt = md.octet_string("macSalt");
  std::uint64_t iterations = 1;
  if (md.next_is(der::tags::integer)) {
    iterations = md.small_unsigned("iterations", 0xffffffff);
    if (iterations == 0) md.fail("iterations", "must be at least 1");
  }
  md.expect_end();
  if (alg.oid == OidId::pbmac1) {
    mac.pbmac1 = true;
    read_pbmac1(alg.parameters_reader, mac, limits);
  } else {
    const auto h = hash_from_oid(alg.oid.id());
    if (!h || alg.oid == OidId::md5) {
      fail_kind(Pkcs12ErrorKind::unsupported,
                di.path("digestAlgorithm") + ": MAC digest " + alg.oid.display_name() +
                    " is not supported (SHA-1, SHA-2 and PBMAC1 are)");
    }
    if (!alg.parameters_absent() && !alg.parameters_null()) {
      alg.parameters_reader.fail({}, "digest parameters must be NULL or absent");
    }
    mac.hash = *h;
    mac.salt.assign(salt.begin(), salt.end());
    mac.iterations = static_cast<std::uint32_t>(iterations);
  }
  if (mac.iterations > limits.pbe.max_iterations) {
    fail_limit(
        md.path(mac.pbmac1 ? "mac.digestAlgorithm.PBKDF2-params.iterationCount" : "iterations"),
        "iteration count", mac.iterations, limits.pbe.max_iterations);
  }
  if (mac.salt.size() > limits.pbe.max_salt_size) {
    fail_limit(md.path("macSalt"), "salt size", mac.salt.size(), limits.pbe.max_salt_size);
  }
  if (mac.digest.size() != crypto::digest_size(mac.hash)) {
    di.fail("digest", std::to_string(mac.digest.size()) + " bytes, HMAC-" +
                          std::string(crypto::hash_name(mac.hash)) + " gives " +
                          std::to_string(crypto::digest_size(mac.hash)));
  }
  return mac;
}

// The [0] IMPLICIT OCTET STRING encryptedContent of EncryptedContentInfo (RFC 5652 §6.1), in
// BER possibly constructed (segments of OCTET STRING).
Bytes read_encrypted_content(Reader& eci) {
  const auto tag = eci.peek();
  if (tag && *tag == der::Tag::context(0, false)) {
    const ByteView v = eci.implicit(der::Tag::context(0, false)).octet_string("encryptedContent");
    return Bytes(v.begin(), v.end());
  }
  if (tag && *tag == der::Tag::context(0, true) && eci.encoding() == der::Encoding::ber) {
    Reader segs = eci.constructed(der::Tag::context(0, true), "encryptedContent");
    Bytes out;
    while (!segs.empty()) {
      const ByteView part = segs.octets("segment").view();
      out.insert(out.end(), part.begin(), part.end());
    }
    return out;
  }
  eci.fail("encryptedContent", "missing (PKCS#12 needs the encrypted SafeContents here)");
}

Pkcs12SafeContents read_content_info(Reader& as, std::size_t index, BagBudget& budget,
                                     const Pkcs12Limits& limits) {
  Pkcs12SafeContents safe;
  Reader ci = as.sequence(FieldName("ContentInfo", index));
  const Oid type = ci.oid("contentType");
  Reader content = ci.constructed(der::Tag::context(0, true), "content");
  if (type == OidId::pkcs7_data) {
    const der::OctetString data = content.octets("data");
    Reader sc = content.nested(data.concatenated() ? ByteView{} : data.view(), "data");
    if (data.concatenated()) {
      // Reassembled from segments: parse the copy, named like the original.
      parse_safe_contents(data.view(), as.path(FieldName("ContentInfo", index)) + ".data",
                          safe.bags, budget, limits);
    } else {
      read_safe_contents(sc, 0, safe.bags, budget, limits);
      sc.expect_end();
    }
    safe.decrypted = true;
  } else if (type == OidId::pkcs7_encrypted_data) {
    // RFC 5652 §8: EncryptedData { version, encryptedContentInfo, unprotectedAttrs [1] OPTIONAL }
    Reader ed = content.sequence("EncryptedData");
    const auto version = ed.small_unsigned("version", 255);
    if (version != 0 && version != 2) {
      ed.fail("version", std::to_string(version) + " (0, or 2 with unprotectedAttrs)");
    }
    Reader eci = ed.sequence("encryptedContentInfo");
    const Oid ct = eci.oid("contentType");
    if (ct != OidId::pkcs7_data) {
      eci.fail("contentType", ct.display_name() + ", PKCS#12 encrypts data (SafeContents)");
    }
    const AlgorithmIdentifier alg = read_algorithm_identifier(eci, "contentEncryptionAlgorithm");
    safe.encryption = read_encryption(alg, eci, "contentEncryptionAlgorithm");
    safe.encryption_algorithm.assign(alg.der.begin(), alg.der.end());
    safe.encrypted_content = read_encrypted_content(eci);
    eci.expect_end();
    if (ed.next_is(der::Tag::context(1, true))) ed.read("unprotectedAttrs");
    ed.expect_end();
  } else if (type == OidId::pkcs7_enveloped_data) {
    fail_kind(
        Pkcs12ErrorKind::unsupported,
        ci.path("contentType") + ": envelopedData (public-key privacy mode) is not supported");
  } else {
    ci.fail("contentType", type.display_name() + ", expected data or encryptedData");
  }
  content.expect_end();
  ci.expect_end();
  return safe;
}

}  // namespace

Pkcs12Structure parse_pkcs12_structure(ByteView file, const Pkcs12Limits& limits) {
  if (file.size() > limits.max_file_size) {
    fail_limit("PKCS#12", "file size", file.size(), limits.max_file_size);
  }
  Pkcs12Structure out;
  Reader top(file, "PKCS#12", AlertDescription::decode_error, der::Encoding::ber);
  Reader pfx = top.sequence("PFX");
  const auto version = pfx.small_unsigned("version", 255);
  if (version != 3) pfx.fail("version", std::to_string(version) + ", RFC 7292 requires 3");

  // authSafe ContentInfo: data for password integrity mode; signedData is the public-key
  // integrity mode (RFC 7292 §3.1), which no common producer uses.
  Reader auth = pfx.sequence("authSafe");
  const Oid type = auth.oid("contentType");
  if (type == OidId::pkcs7_signed_data) {
    fail_kind(
        Pkcs12ErrorKind::unsupported,
        auth.path("contentType") + ": signedData (public-key integrity mode) is not supported");
  }
  if (type != OidId::pkcs7_data) {
    auth.fail("contentType", type.display_name() + ", expected data or signedData");
  }
  Reader content = auth.constructed(der::Tag::context(0, true), "content");
  const der::OctetString data = content.octets("data");
  out.auth_safe.assign(data.view().begin(), data.view().end());
  content.expect_end();
  auth.expect_end();
  if (!pfx.empty()) {
    out.mac = read_mac_data(pfx, limits);
  } else {
    out.notes.push_back("no MacData: no integrity check");
  }
  pfx.expect_end();
  top.expect_end();

  // AuthenticatedSafe ::= SEQUENCE OF ContentInfo (§4.1), over the MACed octets.
  Reader as_top(out.auth_safe, "PKCS#12.PFX.authSafe", AlertDescription::decode_error,
                der::Encoding::ber);
  Reader as = as_top.sequence("AuthenticatedSafe");
  BagBudget budget;
  for (std::size_t i = 0; !as.empty(); ++i) {
    if (i == limits.max_auth_safes) {
      fail_limit(as.path(FieldName("ContentInfo", i)), "number of ContentInfos", i + 1,
                 limits.max_auth_safes);
    }
    out.safes.push_back(read_content_info(as, i, budget, limits));
  }
  as_top.expect_end();
  return out;
}

}  // namespace tlslab::pki

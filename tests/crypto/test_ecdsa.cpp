// ECDSA on P-256 and P-384 against RFC 6979 Appendix A.2.5 and A.2.6: deterministic signing
// must reproduce the RFC's (r, s) exactly, and verification must accept them in the DER form TLS
// carries (RFC 8422 §5.4, Ecdsa-Sig-Value). TLS 1.2 lets any hash go with any curve
// (RFC 8422 §5.1.3), so each curve is tried with the five hashes that have a SignatureScheme:
// SHA-1, SHA-224 (ecdsa_sha224, 0x0303), SHA-256, SHA-384 and SHA-512. (The SHA-224 values were
// checked against python-ecdsa's RFC 6979 signer, which reproduces the other rows too.)
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "../test_util.hpp"
#include "tlslab/crypto/default_provider.hpp"

namespace {

using namespace tlslab;
using namespace tlslab::crypto;
using tlslab::test::hex;

// A minimal DER encoder for the expected signatures, written here so that the expectation does
// not come from the code under test (X.690 §8.3 INTEGER, §10.1 definite short/long lengths).
Bytes der_length(std::size_t n) {
  if (n < 0x80) return {static_cast<std::uint8_t>(n)};
  return {0x81, static_cast<std::uint8_t>(n)};
}
Bytes der_integer(Bytes value) {
  std::size_t zeros = 0;
  while (zeros + 1 < value.size() && value[zeros] == 0)
    ++zeros;
  value.erase(value.begin(), value.begin() + static_cast<std::ptrdiff_t>(zeros));
  if (value[0] & 0x80) value.insert(value.begin(), 0x00);
  Bytes out = {0x02};
  const Bytes len = der_length(value.size());
  out.insert(out.end(), len.begin(), len.end());
  out.insert(out.end(), value.begin(), value.end());
  return out;
}
Bytes der_sequence(const Bytes& content) {
  Bytes out = {0x30};
  const Bytes len = der_length(content.size());
  out.insert(out.end(), len.begin(), len.end());
  out.insert(out.end(), content.begin(), content.end());
  return out;
}
Bytes ecdsa_sig_value(const Bytes& r_der, const Bytes& s_der) {
  Bytes content = r_der;
  content.insert(content.end(), s_der.begin(), s_der.end());
  return der_sequence(content);
}
Bytes der_signature(const std::string& r, const std::string& s) {
  return ecdsa_sig_value(der_integer(hex(r)), der_integer(hex(s)));
}

// Splits a DER Ecdsa-Sig-Value into r || s, each left-padded to `size` bytes (short form
// lengths only, which is all P-256 and P-384 signatures need).
Bytes der_to_p1363(const Bytes& der, std::size_t size) {
  REQUIRE(der.size() >= 2);
  REQUIRE(der[0] == 0x30);
  REQUIRE(der[1] == der.size() - 2);
  Bytes out;
  std::size_t pos = 2;
  for (int i = 0; i < 2; ++i) {
    REQUIRE(der.at(pos) == 0x02);
    std::size_t len = der.at(pos + 1);
    pos += 2;
    Bytes v(der.begin() + static_cast<std::ptrdiff_t>(pos),
            der.begin() + static_cast<std::ptrdiff_t>(pos + len));
    pos += len;
    while (v.size() > size && v[0] == 0)
      v.erase(v.begin());
    REQUIRE(v.size() <= size);
    out.insert(out.end(), size - v.size(), 0x00);
    out.insert(out.end(), v.begin(), v.end());
  }
  REQUIRE(pos == der.size());
  return out;
}

struct NoRandom final : RandomSource {
  void fill(MutableByteView) override { FAIL("ECDSA signing drew from the caller's generator"); }
};

struct Vector {
  SignatureScheme scheme;
  const char* message;
  const char* r;
  const char* s;
};

struct CurveCase {
  const char* section;
  NamedGroup curve;
  KeyType type;
  std::size_t size;
  const char* x;
  const char* ux;
  const char* uy;
  const char* order;
  std::vector<Vector> vectors;
};

using S = SignatureScheme;

// RFC 6979 A.2.5. ECDSA, 256 Bits (Prime Field), curve NIST P-256.
const CurveCase kP256 = {
    "RFC 6979 A.2.5",
    NamedGroup::secp256r1,
    KeyType::ec_p256,
    32,
    "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
    "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6",
    "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299",
    "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551",
    {
        {S::ecdsa_sha1, "sample",
         "61340C88C3AAEBEB4F6D667F672CA9759A6CCAA9FA8811313039EE4A35471D32",
         "6D7F147DAC089441BB2E2FE8F7A3FA264B9C475098FDCF6E00D7C996E1B8B7EB"},
        {S::ecdsa_sha224, "sample",
         "53B2FFF5D1752B2C689DF257C04C40A587FABABB3F6FC2702F1343AF7CA9AA3F",
         "B9AFB64FDC03DC1A131C7D2386D11E349F070AA432A4ACC918BEA988BF75C74C"},
        {S::ecdsa_secp256r1_sha256, "sample",
         "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
         "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"},
        {S::ecdsa_secp384r1_sha384, "sample",
         "0EAFEA039B20E9B42309FB1D89E213057CBF973DC0CFC8F129EDDDC800EF7719",
         "4861F0491E6998B9455193E34E7B0D284DDD7149A74B95B9261F13ABDE940954"},
        {S::ecdsa_secp521r1_sha512, "sample",
         "8496A60B5E9B47C825488827E0495B0E3FA109EC4568FD3F8D1097678EB97F00",
         "2362AB1ADBE2B8ADF9CB9EDAB740EA6049C028114F2460F96554F61FAE3302FE"},
        {S::ecdsa_sha1, "test", "0CBCC86FD6ABD1D99E703E1EC50069EE5C0B4BA4B9AC60E409E8EC5910D81A89",
         "01B9D7B73DFAA60D5651EC4591A0136F87653E0FD780C3B1BC872FFDEAE479B1"},
        {S::ecdsa_sha224, "test",
         "C37EDB6F0AE79D47C3C27E962FA269BB4F441770357E114EE511F662EC34A692",
         "C820053A05791E521FCAAD6042D40AEA1D6B1A540138558F47D0719800E18F2D"},
        {S::ecdsa_secp256r1_sha256, "test",
         "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
         "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"},
        {S::ecdsa_secp384r1_sha384, "test",
         "83910E8B48BB0C74244EBDF7F07A1C5413D61472BD941EF3920E623FBCCEBEB6",
         "8DDBEC54CF8CD5874883841D712142A56A8D0F218F5003CB0296B6B509619F2C"},
        {S::ecdsa_secp521r1_sha512, "test",
         "461D93F31B6540894788FD206C07CFA0CC35F46FA3C91816FFF1040AD1581A04",
         "39AF9F15DE0DB8D97E72719C74820D304CE5226E32DEDAE67519E840D1194E55"},
    },
};

// RFC 6979 A.2.6. ECDSA, 384 Bits (Prime Field), curve NIST P-384.
const CurveCase kP384 = {
    "RFC 6979 A.2.6",
    NamedGroup::secp384r1,
    KeyType::ec_p384,
    48,
    "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D8"
    "96D5724E4C70A825F872C9EA60D2EDF5",
    "EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64"
    "DEF8F0EA9055866064A254515480BC13",
    "8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9F54CA84B3F1C9DB1"
    "288B231C3AE0D4FE7344FD2533264720",
    "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF"
    "581A0DB248B0A77AECEC196ACCC52973",
    {
        {S::ecdsa_sha1, "sample",
         "EC748D839243D6FBEF4FC5C4859A7DFFD7F3ABDDF72014540C16D73309834FA3"
         "7B9BA002899F6FDA3A4A9386790D4EB2",
         "A3BCFA947BEEF4732BF247AC17F71676CB31A847B9FF0CBC9C9ED4C1A5B3FACF"
         "26F49CA031D4857570CCB5CA4424A443"},
        {S::ecdsa_sha224, "sample",
         "42356E76B55A6D9B4631C865445DBE54E056D3B3431766D0509244793C3F9366"
         "450F76EE3DE43F5A125333A6BE060122",
         "9DA0C81787064021E78DF658F2FBB0B042BF304665DB721F077A4298B095E483"
         "4C082C03D83028EFBF93A3C23940CA8D"},
        {S::ecdsa_secp256r1_sha256, "sample",
         "21B13D1E013C7FA1392D03C5F99AF8B30C570C6F98D4EA8E354B63A21D3DAA33"
         "BDE1E888E63355D92FA2B3C36D8FB2CD",
         "F3AA443FB107745BF4BD77CB3891674632068A10CA67E3D45DB2266FA7D1FEEB"
         "EFDC63ECCD1AC42EC0CB8668A4FA0AB0"},
        {S::ecdsa_secp384r1_sha384, "sample",
         "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C"
         "81A648152E44ACF96E36DD1E80FABE46",
         "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94F"
         "A329C145786E679E7B82C71A38628AC8"},
        {S::ecdsa_secp521r1_sha512, "sample",
         "ED0959D5880AB2D869AE7F6C2915C6D60F96507F9CB3E047C0046861DA4A799C"
         "FE30F35CC900056D7C99CD7882433709",
         "512C8CCEEE3890A84058CE1E22DBC2198F42323CE8ACA9135329F03C068E5112"
         "DC7CC3EF3446DEFCEB01A45C2667FDD5"},
        {S::ecdsa_sha1, "test",
         "4BC35D3A50EF4E30576F58CD96CE6BF638025EE624004A1F7789A8B8E43D0678"
         "ACD9D29876DAF46638645F7F404B11C7",
         "D5A6326C494ED3FF614703878961C0FDE7B2C278F9A65FD8C4B7186201A29916"
         "95BA1C84541327E966FA7B50F7382282"},
        {S::ecdsa_sha224, "test",
         "E8C9D0B6EA72A0E7837FEA1D14A1A9557F29FAA45D3E7EE888FC5BF954B5E624"
         "64A9A817C47FF78B8C11066B24080E72",
         "07041D4A7A0379AC7232FF72E6F77B6DDB8F09B16CCE0EC3286B2BD43FA8C614"
         "1C53EA5ABEF0D8231077A04540A96B66"},
        {S::ecdsa_secp256r1_sha256, "test",
         "6D6DEFAC9AB64DABAFE36C6BF510352A4CC27001263638E5B16D9BB51D451559"
         "F918EEDAF2293BE5B475CC8F0188636B",
         "2D46F3BECBCC523D5F1A1256BF0C9B024D879BA9E838144C8BA6BAEB4B53B47D"
         "51AB373F9845C0514EEFB14024787265"},
        {S::ecdsa_secp384r1_sha384, "test",
         "8203B63D3C853E8D77227FB377BCF7B7B772E97892A80F36AB775D509D7A5FEB"
         "0542A7F0812998DA8F1DD3CA3CF023DB",
         "DDD0760448D42D8A43AF45AF836FCE4DE8BE06B485E9B61B827C2F13173923E0"
         "6A739F040649A667BF3B828246BAA5A5"},
        {S::ecdsa_secp521r1_sha512, "test",
         "A0D5D090C9980FAF3C2CE57B7AE951D31977DD11C775D314AF55F76C676447D0"
         "6FB6495CD21B4B6E340FC236584FB277",
         "976984E59B4C77B0E8E4460DCA3D9F20E07B9BB1F63BEEFAF576F6B2E8B22463"
         "4A2092CD3792E0159AD9CEE37659C736"},
    },
};

Bytes uncompressed(const CurveCase& c) {
  Bytes point = {0x04};
  const Bytes x = hex(c.ux);
  const Bytes y = hex(c.uy);
  point.insert(point.end(), x.begin(), x.end());
  point.insert(point.end(), y.begin(), y.end());
  return point;
}

void check_curve(const CurveCase& c) {
  CAPTURE(c.section);
  auto provider = make_default_provider();
  const auto key = provider->import_private_key(EcPrivateMaterial{c.curve, hex(c.x)});
  CHECK(key->type() == c.type);
  CHECK(key->bits() == c.size * 8);
  // U = xG as the RFC gives it.
  const auto derived = std::get<EcPublicMaterial>(key->public_key().material());
  CHECK(derived.curve == c.curve);
  CHECK(to_hex(derived.point) == to_hex(uncompressed(c)));
  CHECK(std::get<EcPrivateMaterial>(key->material()).scalar == hex(c.x));

  const auto pub = provider->import_public_key(EcPublicMaterial{c.curve, uncompressed(c)});
  CHECK(pub->type() == c.type);

  for (const auto& v : c.vectors) {
    CAPTURE(signature_scheme_name(v.scheme));
    CAPTURE(v.message);
    const Bytes expected_rs = [&] {
      Bytes rs = hex(v.r);
      const Bytes s = hex(v.s);
      rs.insert(rs.end(), s.begin(), s.end());
      return rs;
    }();
    NoRandom none;
    const Bytes ours = key->sign(v.scheme, view(std::string(v.message)), none);
    CHECK(to_hex(der_to_p1363(ours, c.size)) == to_hex(expected_rs));
    const Bytes der = der_signature(v.r, v.s);
    CHECK(to_hex(ours) == to_hex(der));  // and the DER is the minimal one
    CHECK(pub->verify(v.scheme, view(std::string(v.message)), der));
    CHECK(key->public_key().verify(v.scheme, view(std::string(v.message)), der));
    // The other message, and the same signature under another hash, fail.
    const std::string other = std::string(v.message) == "sample" ? "test" : "sample";
    CHECK_FALSE(pub->verify(v.scheme, view(other), der));
    const auto other_hash = v.scheme == S::ecdsa_secp256r1_sha256 ? S::ecdsa_secp384r1_sha384
                                                                  : S::ecdsa_secp256r1_sha256;
    CHECK_FALSE(pub->verify(other_hash, view(std::string(v.message)), der));
  }
}

}  // namespace

TEST_CASE("ECDSA P-256: RFC 6979 A.2.5 deterministic signatures") {
  check_curve(kP256);
}

TEST_CASE("ECDSA P-384: RFC 6979 A.2.6 deterministic signatures") {
  check_curve(kP384);
}

TEST_CASE("ECDSA: malformed and forged signatures are rejected") {
  auto provider = make_default_provider();
  const CurveCase& c = kP256;
  const auto pub = provider->import_public_key(EcPublicMaterial{c.curve, uncompressed(c)});
  const Vector& v = c.vectors[2];  // SHA-256, "sample"
  const std::string message = v.message;
  const Bytes r = hex(v.r);
  const Bytes s = hex(v.s);
  const Bytes good = der_signature(v.r, v.s);
  REQUIRE(pub->verify(v.scheme, view(message), good));

  SUBCASE("a flipped bit in r, in s, or in the message") {
    Bytes bad = good;
    bad[10] ^= 0x01;
    CHECK_FALSE(pub->verify(v.scheme, view(message), bad));
    bad = good;
    bad.back() ^= 0x80;
    CHECK_FALSE(pub->verify(v.scheme, view(message), bad));
    std::string altered = message;
    altered[0] ^= 0x01;
    CHECK_FALSE(pub->verify(v.scheme, view(altered), good));
  }
  SUBCASE("r or s zero, or not below n") {
    CHECK_FALSE(
        pub->verify(v.scheme, view(message), ecdsa_sig_value(der_integer({0x00}), der_integer(s))));
    CHECK_FALSE(
        pub->verify(v.scheme, view(message), ecdsa_sig_value(der_integer(r), der_integer({0x00}))));
    CHECK_FALSE(pub->verify(v.scheme, view(message),
                            ecdsa_sig_value(der_integer(hex(c.order)), der_integer(s))));
    CHECK_FALSE(pub->verify(v.scheme, view(message),
                            ecdsa_sig_value(der_integer(r), der_integer(hex(c.order)))));
    // r + n has the same value mod n but is out of range (and longer than the order).
    CHECK_FALSE(pub->verify(v.scheme, view(message),
                            ecdsa_sig_value(der_integer(Bytes(33, 0xff)), der_integer(s))));
  }
  SUBCASE("non-minimal DER") {
    // r = EF.. needs exactly one 0x00; a second one is not DER.
    Bytes padded_r = {0x02, 0x22, 0x00, 0x00};
    padded_r.insert(padded_r.end(), r.begin(), r.end());
    CHECK_FALSE(pub->verify(v.scheme, view(message), ecdsa_sig_value(padded_r, der_integer(s))));
    // r without the 0x00 is a negative INTEGER.
    Bytes negative_r = {0x02, 0x20};
    negative_r.insert(negative_r.end(), r.begin(), r.end());
    CHECK_FALSE(pub->verify(v.scheme, view(message), ecdsa_sig_value(negative_r, der_integer(s))));
    // Long-form length where the short form fits.
    Bytes long_form = {0x30, 0x81};
    long_form.insert(long_form.end(), good.begin() + 1, good.end());
    CHECK_FALSE(pub->verify(v.scheme, view(message), long_form));
    // A SET instead of a SEQUENCE.
    Bytes set = good;
    set[0] = 0x31;
    CHECK_FALSE(pub->verify(v.scheme, view(message), set));
  }
  SUBCASE("trailing garbage, truncation, raw r||s, empty") {
    Bytes trailing = good;
    trailing.push_back(0x00);
    CHECK_FALSE(pub->verify(v.scheme, view(message), trailing));
    CHECK_FALSE(pub->verify(v.scheme, view(message), ByteView(good).first(good.size() - 1)));
    Bytes rs = r;
    rs.insert(rs.end(), s.begin(), s.end());
    CHECK_FALSE(pub->verify(v.scheme, view(message), rs));
    CHECK_FALSE(pub->verify(v.scheme, view(message), Bytes{}));
  }
  SUBCASE("schemes of other key types") {
    CHECK_FALSE(pub->verify(S::rsa_pkcs1_sha256, view(message), good));
    CHECK_FALSE(pub->verify(S::rsa_pss_rsae_sha256, view(message), good));
    CHECK_FALSE(pub->verify(S::ed25519, view(message), good));
  }
}

TEST_CASE("ECDSA: invalid keys are refused") {
  auto provider = make_default_provider();
  const CurveCase& c = kP256;

  Bytes off_curve = uncompressed(c);
  off_curve.back() ^= 0x01;  // Uy + 1 (or - 1): not on the curve
  CHECK_TLS_ERROR(provider->import_public_key(EcPublicMaterial{c.curve, off_curve}),
                  AlertDescription::bad_certificate, "point is not on the curve");
  // x = p (out of the field) with the old y.
  Bytes big_x = uncompressed(c);
  const Bytes p = hex("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF");
  std::copy(p.begin(), p.end(), big_x.begin() + 1);
  CHECK_TLS_ERROR(provider->import_public_key(EcPublicMaterial{c.curve, big_x}),
                  AlertDescription::bad_certificate, "not on the curve");
  // A P-256 point handed in as P-384.
  CHECK_TLS_ERROR(
      provider->import_public_key(EcPublicMaterial{NamedGroup::secp384r1, uncompressed(c)}),
      AlertDescription::bad_certificate, "not an uncompressed point");
  Bytes compressed = {0x02};
  const Bytes x = hex(c.ux);
  compressed.insert(compressed.end(), x.begin(), x.end());
  CHECK_TLS_ERROR(provider->import_public_key(EcPublicMaterial{c.curve, compressed}),
                  AlertDescription::bad_certificate, "not an uncompressed point");
  Bytes wrong_prefix = uncompressed(c);
  wrong_prefix[0] = 0x06;
  CHECK_TLS_ERROR(provider->import_public_key(EcPublicMaterial{c.curve, wrong_prefix}),
                  AlertDescription::bad_certificate, "not an uncompressed point");
  CHECK_TLS_ERROR(
      provider->import_public_key(EcPublicMaterial{NamedGroup::x25519, uncompressed(c)}),
      AlertDescription::unsupported_certificate, "not supported");

  CHECK_TLS_ERROR(provider->import_private_key(EcPrivateMaterial{c.curve, Bytes(32, 0x00)}),
                  AlertDescription::bad_certificate, "not in [1, n-1]");
  CHECK_TLS_ERROR(provider->import_private_key(EcPrivateMaterial{c.curve, hex(c.order)}),
                  AlertDescription::bad_certificate, "not in [1, n-1]");
  CHECK_TLS_ERROR(provider->import_private_key(EcPrivateMaterial{c.curve, hex("01")}),
                  AlertDescription::bad_certificate, "scalar is 1 bytes, want 32");
}

TEST_CASE("ECDSA: generated keys, and what EC keys cannot do") {
  auto provider = make_default_provider();
  for (const KeyType type : {KeyType::ec_p256, KeyType::ec_p384}) {
    CAPTURE(key_type_name(type));
    const auto key = provider->generate_private_key(type);
    CHECK(key->type() == type);
    const std::string message = "generated";
    NoRandom none;
    const Bytes sig = key->sign(S::ecdsa_secp384r1_sha384, view(message), none);
    CHECK(key->public_key().verify(S::ecdsa_secp384r1_sha384, view(message), sig));
    // Deterministic: the same message gives the same signature.
    CHECK(key->sign(S::ecdsa_secp384r1_sha384, view(message), none) == sig);
    // Export and re-import keep the key.
    const auto again = provider->import_private_key(key->material());
    CHECK(again->public_key().verify(S::ecdsa_secp384r1_sha384, view(message), sig));
    const auto pub_again = provider->import_public_key(key->public_key().material());
    CHECK(pub_again->verify(S::ecdsa_secp384r1_sha384, view(message), sig));

    CHECK_TLS_ERROR(key->sign(S::rsa_pss_rsae_sha256, view(message), none),
                    AlertDescription::internal_error, "cannot sign with rsa_pss_rsae_sha256");
    CHECK_TLS_ERROR(key->sign(S::ed25519, view(message), none), AlertDescription::internal_error,
                    "cannot sign with ed25519");
    CHECK_TLS_ERROR(key->public_key().encrypt_pkcs1(Bytes(48), *provider),
                    AlertDescription::internal_error, "cannot encrypt");
    std::array<std::uint8_t, 48> premaster{};
    CHECK_TLS_ERROR(key->decrypt_premaster(Bytes(64), 0x0303, premaster, *provider),
                    AlertDescription::internal_error, "cannot decrypt");
  }
}

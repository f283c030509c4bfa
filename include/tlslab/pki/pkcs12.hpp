// PKCS#12 (RFC 7292) key stores: the PFX structure as producers write it (OpenSSL 1.x/3.x,
// GnuTLS, Java keytool, Windows, Python cryptography), its integrity check (the HMAC of §B.2 and
// PBMAC1 of RFC 9579), the decryption of its encrypted layers (PBES2 and the legacy
// pkcs-12PbeIds), the bags inside, and the key with its certificate chain as a TLS identity.
//
// The layers, outside in (RFC 7292 §4, §4.1, §4.2):
//   PFX { version 3, authSafe ContentInfo(data), macData MacData OPTIONAL }
//   authSafe's content = AuthenticatedSafe: SEQUENCE OF ContentInfo, each `data` (plain
//     SafeContents) or `encryptedData` (EncryptedData whose content decrypts to SafeContents)
//   SafeContents: SEQUENCE OF SafeBag { bagId, [0] EXPLICIT bagValue, bagAttributes OPTIONAL }
// PKCS#12 layers are read as BER (Java, Windows and old OpenSSL write indefinite lengths and
// constructed OCTET STRINGs); what is inside them (keys, certificates) stays strict DER.
//
// Errors are Pkcs12Error (a tlslab::Error) whose kind() says what went wrong; the reason names
// the layer and field ("PFX.macData.mac.digestAlgorithm: ...", "AuthenticatedSafe[1]
// (EncryptedData, pbeWithSHA1And40BitRC2-CBC): ...").
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tlslab/bytes.hpp"
#include "tlslab/crypto/algorithms.hpp"
#include "tlslab/crypto/pkcs12_pbe.hpp"
#include "tlslab/crypto/provider.hpp"
#include "tlslab/error.hpp"
#include "tlslab/pki/identity.hpp"
#include "tlslab/pki/keys.hpp"
#include "tlslab/pki/oid.hpp"
#include "tlslab/pki/pbes2.hpp"

namespace tlslab::pki {

// What kind of failure a Pkcs12Error is. The alert it carries follows from it:
//   wrong_password  decrypt_error           the MAC does not verify, or decryption fails
//   malformed       decode_error            not valid ASN.1 / not the structure RFC 7292 wants
//   unsupported     unsupported_certificate valid but not handled (signed-data integrity mode,
//                                           an unknown cipher, a DSA key)
//   limit           illegal_parameter       a Pkcs12Limits bound was exceeded (hostile file)
enum class Pkcs12ErrorKind : std::uint8_t { wrong_password, malformed, unsupported, limit };
std::string_view pkcs12_error_kind_name(Pkcs12ErrorKind k) noexcept;

class Pkcs12Error : public Error {
 public:
  Pkcs12Error(Pkcs12ErrorKind kind, std::string reason);
  Pkcs12ErrorKind kind() const noexcept { return kind_; }
  // The kind a tlslab::Error from a lower layer stands for (by its alert, as in the table).
  static Pkcs12ErrorKind kind_of(const Error& e) noexcept;

 private:
  Pkcs12ErrorKind kind_;
};

// Bounds against hostile files; each failure names the field and the limit.
struct Pkcs12Limits {
  PbeLimits pbe;  // iterations (KDFs and MAC too), salt and data sizes
  std::size_t max_file_size = 16 * 1024 * 1024;
  std::size_t max_auth_safes = 64;  // ContentInfos in the AuthenticatedSafe
  std::size_t max_bags = 1024;      // SafeBags in the whole file
  std::size_t max_depth = 4;        // safeContentsBag nesting (RFC 7292 §4.2.6)
  std::size_t max_attributes = 64;  // per bag
  // PBMAC1's PBKDF2 keyLength (mandatory, RFC 9579 §4) sizes the HMAC key: the file chooses
  // it, so it is bounded before anything is derived (CVE-2025-11187: OpenSSL derived it into a
  // buffer of EVP_MAX_MD_SIZE bytes without checking). 64 is the largest HMAC output (SHA-512).
  std::size_t max_pbmac1_key_length = 64;
};

// The integrity protection of the file (PFX.macData).
struct Pkcs12Mac {
  bool pbmac1 = false;  // RFC 9579 PBMAC1; else the RFC 7292 §B HMAC with the PKCS#12 KDF
  crypto::HashAlgorithm hash = crypto::HashAlgorithm::sha1;  // the HMAC's (and KDF's) hash
  Bytes digest;                                              // the stored MAC
  Bytes salt;                    // MacData.macSalt, or PBKDF2's for PBMAC1
  std::uint32_t iterations = 1;  // MacData.iterations (DEFAULT 1), or PBKDF2's for PBMAC1
  // PBMAC1 only: PBKDF2's PRF and keyLength.
  crypto::HashAlgorithm kdf_prf = crypto::HashAlgorithm::sha1;
  std::size_t key_length = 0;

  // "HMAC-SHA-256, PKCS#12 KDF, 2048 iterations, salt 8 bytes" /
  // "PBMAC1 HMAC-SHA-256, PBKDF2 hmacWithSHA256, key 32 bytes, 2048 iterations, salt 16 bytes".
  std::string describe() const;
};

// How an EncryptedData layer or a shrouded key bag is encrypted.
struct Pkcs12Encryption {
  enum class Scheme : std::uint8_t { pbes2, pkcs12_pbe };
  Scheme scheme = Scheme::pbes2;
  std::string algorithm;  // the OID's name ("PBES2", "pbeWithSHA1And40BitRC2-CBC")
  // pkcs12_pbe: the cipher, salt and iterations of pkcs-12PbeParams (RFC 7292 Appendix C).
  crypto::Pkcs12PbeCipher cipher = crypto::Pkcs12PbeCipher::des_ede3_cbc;
  Bytes salt;
  std::uint32_t iterations = 0;
  std::string parameters;  // for people: "PBES2, PBKDF2 hmacWithSHA256, 2048 iterations, ..."
};

struct Pkcs12Attributes {
  std::optional<std::string> friendly_name;  // BMPString as UTF-8
  std::optional<Bytes> local_key_id;
  struct Other {
    std::string oid;  // display name or dotted
    Bytes values;     // the SET OF values, DER as read
  };
  std::vector<Other> others;
};

struct Pkcs12Bag {
  enum class Type : std::uint8_t { key, shrouded_key, cert, crl, secret, safe_contents, unknown };
  Type type = Type::unknown;
  std::string bag_id;     // OID name ("pkcs8ShroudedKeyBag") or dotted
  std::size_t depth = 0;  // 0 for a bag of an AuthenticatedSafe entry, +1 per safeContentsBag
  Pkcs12Attributes attributes;
  std::optional<Pkcs12Encryption> encryption;  // shrouded_key
  std::optional<PrivateKeyInfo> key;           // key; shrouded_key once decrypted
  // shrouded_key: the EncryptedPrivateKeyInfo's encryptionAlgorithm (as encoded) and
  // encryptedData, kept for decryption.
  Bytes encryption_algorithm;
  Bytes encrypted_data;
  Bytes certificate;  // cert with x509Certificate: the DER
  std::string note;   // why a bag was skipped

  static std::string_view type_name(Type t) noexcept;
};

// One ContentInfo of the AuthenticatedSafe with its bags (safeContentsBag contents follow their
// bag, in file order, with depth + 1).
struct Pkcs12SafeContents {
  std::optional<Pkcs12Encryption> encryption;  // EncryptedData; std::nullopt for plain data
  bool decrypted = false;                      // false when encrypted and not opened
  // EncryptedData: contentEncryptionAlgorithm (as encoded) and encryptedContent (reassembled).
  Bytes encryption_algorithm;
  Bytes encrypted_content;
  std::vector<Pkcs12Bag> bags;
};

// Which encoding of the password opened the file (OpenSSL's order of attempts).
enum class Pkcs12PasswordForm : std::uint8_t {
  given,         // the password as given (BMPString for the KDF, UTF-8 for PBES2/PBMAC1)
  empty_bmp,     // "" as the BMPString 00 00
  absent,        // no password: zero bytes
  bytes_as_bmp,  // OpenSSL's pre-1.1.0 encoding of a non-ASCII password
};
std::string_view pkcs12_password_form_name(Pkcs12PasswordForm f) noexcept;

// A PFX as read without a password: the MAC parameters and the AuthenticatedSafe entries, plain
// ones with their bags (keyBags parsed), encrypted ones with their algorithm only.
struct Pkcs12Structure {
  std::optional<Pkcs12Mac> mac;  // std::nullopt: no integrity check (`openssl pkcs12 -nomac`)
  Bytes auth_safe;               // the MACed octets (authSafe content after BER reassembly)
  std::vector<Pkcs12SafeContents> safes;
  std::vector<std::string> notes;
};

Pkcs12Structure parse_pkcs12_structure(ByteView file, const Pkcs12Limits& limits = {});

// A certificate of the file with the attributes of its bag.
struct Pkcs12Certificate {
  Bytes der;
  Pkcs12Attributes attributes;
};

// Everything a password opens.
struct Pkcs12Contents {
  Pkcs12Structure structure;  // with every layer decrypted and shrouded keys opened
  bool mac_verified = false;  // false only when the file has no MacData
  Pkcs12PasswordForm password_form = Pkcs12PasswordForm::given;

  // The private keys in file order, with their bag's attributes.
  std::vector<PrivateKeyInfo> keys;
  std::vector<Pkcs12Attributes> key_attributes;
  // Every certificate in file order.
  std::vector<Pkcs12Certificate> certificates;
  // The first key's chain as indices into `certificates`: the leaf (localKeyId equal to the
  // key's, else the certificate whose public key is the key's), then its issuer, and so on
  // (issuer name equal to subject and, where the key type allows, signature verified). Empty
  // when no certificate belongs to the key. `extras`: the certificates in neither, file order.
  std::vector<std::size_t> chain;
  std::vector<std::size_t> extras;
  std::vector<std::string> notes;  // "no MacData: no integrity check", skipped bags, ...
};

// Opens the file. `password` is UTF-8; std::nullopt ("no password") and "" are treated alike,
// as `openssl pkcs12` treats an empty password. As `openssl pkcs12` does: with an empty (or absent)
// password the MAC is tried with the absent form and then with 00 00; a non-ASCII password that
// fails is retried in the pre-1.1.0 byte encoding; the form that verifies the MAC also decrypts.
// Without MacData, each encrypted layer is tried with the candidate forms in the same order. The
// provider imports keys to pair them with certificates and checks chain signatures.
Pkcs12Contents load_pkcs12(ByteView file, std::optional<std::string_view> password,
                           crypto::Provider& provider, const Pkcs12Limits& limits = {});

// The first key and its chain as a TLS identity (leaf first). Error when there is no key or no
// certificate for it.
Identity pkcs12_identity(const Pkcs12Contents& contents, crypto::Provider& provider);

}  // namespace tlslab::pki

#include "../test_util.hpp"
#include "tlslab/crypto/algorithms.hpp"

using namespace tlslab::crypto;

TEST_CASE("hash properties") {
  CHECK(digest_size(HashAlgorithm::sha1) == 20);
  CHECK(digest_size(HashAlgorithm::sha224) == 28);
  CHECK(digest_size(HashAlgorithm::sha256) == 32);
  CHECK(digest_size(HashAlgorithm::sha384) == 48);
  CHECK(digest_size(HashAlgorithm::sha512) == 64);
  CHECK(hash_block_size(HashAlgorithm::sha256) == 64);
  CHECK(hash_block_size(HashAlgorithm::sha384) == 128);
  CHECK(hash_name(HashAlgorithm::sha384) == "SHA-384");
}

TEST_CASE("cipher properties") {
  CHECK(aead_key_size(AeadAlgorithm::aes_128_gcm) == 16);
  CHECK(aead_key_size(AeadAlgorithm::aes_256_gcm) == 32);
  CHECK(aead_key_size(AeadAlgorithm::chacha20_poly1305) == 32);
  CHECK(cbc_key_size(CbcAlgorithm::des_ede3_cbc) == 24);
  CHECK(cbc_block_size(CbcAlgorithm::des_ede3_cbc) == 8);
  CHECK(cbc_block_size(CbcAlgorithm::aes_256_cbc) == 16);
  CHECK(aead_name(AeadAlgorithm::chacha20_poly1305) == "ChaCha20-Poly1305");
  CHECK(cbc_name(CbcAlgorithm::aes_128_cbc) == "AES-128-CBC");
}

TEST_CASE("groups carry their IANA code points") {
  CHECK(static_cast<int>(NamedGroup::x25519) == 29);
  CHECK(static_cast<int>(NamedGroup::ffdhe3072) == 257);
  CHECK(group_name(NamedGroup::secp384r1) == "secp384r1");
  CHECK(is_ffdhe(NamedGroup::ffdhe2048));
  CHECK_FALSE(is_ffdhe(NamedGroup::x25519));
  CHECK(group_name(static_cast<NamedGroup>(0x1234)) == "unknown");
}

TEST_CASE("signature schemes: family, hash and key compatibility") {
  CHECK(static_cast<int>(SignatureScheme::rsa_pss_rsae_sha256) == 0x0804);
  CHECK(signature_family(SignatureScheme::rsa_pkcs1_sha384) == SignatureFamily::rsa_pkcs1);
  CHECK(signature_family(SignatureScheme::rsa_pss_rsae_sha512) == SignatureFamily::rsa_pss);
  CHECK(signature_family(SignatureScheme::ecdsa_sha1) == SignatureFamily::ecdsa);
  CHECK_FALSE(signature_family(static_cast<SignatureScheme>(0x0808)).has_value());
  CHECK(signature_hash(SignatureScheme::ecdsa_secp384r1_sha384) == HashAlgorithm::sha384);
  CHECK_FALSE(signature_hash(SignatureScheme::ed25519).has_value());
  CHECK(key_supports(KeyType::rsa, SignatureScheme::rsa_pss_rsae_sha256));
  CHECK_FALSE(key_supports(KeyType::rsa, SignatureScheme::ed25519));
  // TLS 1.2: the ECDSA hash is not bound to the curve.
  CHECK(key_supports(KeyType::ec_p256, SignatureScheme::ecdsa_secp384r1_sha384));
  CHECK(key_supports(KeyType::ec_p384, SignatureScheme::ecdsa_secp256r1_sha256));
  CHECK_FALSE(key_supports(KeyType::ed25519, SignatureScheme::ecdsa_secp256r1_sha256));
  CHECK_FALSE(key_supports(KeyType::ec_p256, static_cast<SignatureScheme>(0x0808)));
  CHECK(signature_scheme_name(SignatureScheme::ed25519) == "ed25519");
  CHECK(key_type_name(KeyType::ec_p384) == "EC P-384");
}

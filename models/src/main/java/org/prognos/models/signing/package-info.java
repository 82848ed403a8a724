/**
 * Who vouches for a bundle. Checksums ({@link org.prognos.models.bundle}) prove that a bundle's files are the ones its
 * manifest lists, but anyone who can write to the registry can rewrite the manifest too. Here a bundle is signed: the
 * Ed25519 signature of the exact bytes of {@code manifest.json} (which hold every file's SHA-256) is stored beside it
 * as {@code signature.json}, and a service or command given a {@link org.prognos.models.signing.TrustList} uses only
 * bundles signed by one of its keys.
 *
 * <pre>
 * SigningKey key = SigningKey.generate();                       // or SigningKey.read(Path.of("ops.key"))
 * KeyFiles.write(key, Path.of("keys"), "ops");                  // keys/ops.key (0600) and keys/ops.pub
 * registry.sign(ref, new BundleSigner(key));                    // or registry.publish(contents, signer)
 * BundleTrust trust = TrustList.read(List.of(Path.of("keys/ops.pub")));
 * LoadedBundle b = registry.load("pump@production", trust);     // refused unless signed by ops
 * </pre>
 *
 * <p>{@link org.prognos.models.signing.SigningKey} and {@link org.prognos.models.signing.KeyFiles} hold keys as PEM
 * files (the formats {@code openssl genpkey -algorithm ed25519} uses); {@link org.prognos.models.signing.KeyId} names a
 * key by its public key's fingerprint; {@link org.prognos.models.signing.BundleSigner} writes the signature atomically;
 * {@link org.prognos.models.signing.BundleTrust} is either {@code Unchecked} (no trust list: checksums only) or a
 * {@link org.prognos.models.signing.TrustList}, whose {@link org.prognos.models.signing.Verification} is one of
 * {@code Verified}, {@code Unsigned}, {@code UnknownKey}, {@code BadSignature}, {@code UncoveredFile} or
 * {@code Malformed}; a refusal is a {@link org.prognos.models.BundleSignatureException} whose {@code reason()} names the
 * case.
 *
 * <p>Only the JDK's own Ed25519 ({@code java.security}, Java 15+) is used: no extra library. What signing does not
 * cover: {@code aliases.json} is not signed, so whoever can write to the registry can still point {@code production}
 * at an older version that was signed; keep the registry's write access narrow and rotate keys by listing the new one
 * beside the old, re-signing, then removing the old one.
 */
package org.prognos.models.signing;

package org.prognos.models.signing;

import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link TrustList} found when it checked a bundle. Exactly one case is trusted ({@link Verified}); every
 * other case refuses the bundle, names itself in one word ({@link #reason()}: a log field and metric label) and says
 * in a sentence what is wrong and what to do ({@link #explain}).
 */
public sealed interface Verification {
    /** Whether the bundle may be used. */
    boolean trusted();

    /** The case in one lower-case word, for logs and metric labels. */
    String reason();

    /** What was found, about the bundle named {@code bundle} ({@code name:version}). */
    String explain(String bundle);

    /**
     * Signed by a key of the trust list, over the exact manifest bytes loaded.
     *
     * @param keyId the signing key
     */
    record Verified(KeyId keyId) implements Verification {
        @Override
        public boolean trusted() {
            return true;
        }

        @Override
        public String reason() {
            return "verified";
        }

        @Override
        public String explain(String bundle) {
            return bundle + " is signed by trusted key " + keyId;
        }
    }

    /** No {@code signature.json}. */
    record Unsigned() implements Verification {
        @Override
        public boolean trusted() {
            return false;
        }

        @Override
        public String reason() {
            return "unsigned";
        }

        @Override
        public String explain(String bundle) {
            return bundle + " is not signed (no " + BundleSignature.FILE + "); sign it with 'prognos models sign --registry DIR"
                    + " --key KEY " + bundle + "' using a key the trust list holds";
        }
    }

    /**
     * Signed by a key the trust list does not hold (another team's, or a rotated-out one).
     *
     * @param keyId the key named in {@code signature.json}
     * @param listed the keys the list holds
     */
    record UnknownKey(KeyId keyId, Set<KeyId> listed) implements Verification {
        public UnknownKey {
            listed = Set.copyOf(listed);
        }

        @Override
        public boolean trusted() {
            return false;
        }

        @Override
        public String reason() {
            return "unknown-key";
        }

        @Override
        public String explain(String bundle) {
            return bundle + " is signed by key " + keyId + ", which the trust list does not hold (it holds "
                    + new TreeSet<>(listed.stream().map(KeyId::value).toList()) + "); re-sign it with a trusted key or add"
                    + " that key's .pub to the trust list";
        }
    }

    /**
     * Names a trusted key, but the signature is not that key's signature of these manifest bytes.
     *
     * @param keyId the key named in {@code signature.json}
     * @param why   what the signature file says was signed instead (a hint, not evidence)
     */
    record BadSignature(KeyId keyId, String why) implements Verification {
        @Override
        public boolean trusted() {
            return false;
        }

        @Override
        public String reason() {
            return "bad-signature";
        }

        @Override
        public String explain(String bundle) {
            return bundle + ": the signature by key " + keyId + " does not match its manifest.json: " + why;
        }
    }

    /**
     * A file in the bundle directory that no manifest checksum covers (and so no signature vouches for).
     *
     * @param file the first such file, by name
     */
    record UncoveredFile(String file) implements Verification {
        @Override
        public boolean trusted() {
            return false;
        }

        @Override
        public String reason() {
            return "uncovered-file";
        }

        @Override
        public String explain(String bundle) {
            return bundle + " holds '" + file + "', which its manifest does not list: no checksum or signature vouches for it;"
                    + " remove it or publish a new version";
        }
    }

    /**
     * A {@code signature.json} that cannot be read as one.
     *
     * @param problem what is wrong with it
     */
    record Malformed(String problem) implements Verification {
        @Override
        public boolean trusted() {
            return false;
        }

        @Override
        public String reason() {
            return "malformed-signature";
        }

        @Override
        public String explain(String bundle) {
            return bundle + ": its " + BundleSignature.FILE + " cannot be read: " + problem;
        }
    }
}

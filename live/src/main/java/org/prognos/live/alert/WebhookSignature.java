package org.prognos.live.alert;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How an alert webhook's request is labelled and signed, whoever posts it (the service's alert outbox, a Flink job):
 * a receiver checks one scheme. The signature is {@code sha256=} and the hex HMAC-SHA256, under the webhook's secret,
 * of the timestamp header, a dot and the body; a receiver recomputes it, compares in constant time, and refuses old
 * timestamps (replays).
 */
public final class WebhookSignature {
    /** The alert's stable id. */
    public static final String ALERT_ID = "X-Prognos-Alert-Id";
    /** {@code opened}, {@code closed} or {@code acked}. */
    public static final String EVENT = "X-Prognos-Event";
    /** The same for every attempt at one event for one webhook. */
    public static final String DELIVERY = "X-Prognos-Delivery";
    /** 1, 2, …: the attempt. */
    public static final String ATTEMPT = "X-Prognos-Attempt";
    /** The attempt's Unix time in seconds, part of what is signed. */
    public static final String TIMESTAMP = "X-Prognos-Timestamp";
    /** {@code sha256=} and the hex HMAC-SHA256 of the timestamp, a dot and the body. */
    public static final String SIGNATURE = "X-Prognos-Signature";
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    /** A signer under {@code secret} (copied; must not be empty). */
    public WebhookSignature(byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("the webhook signing secret is empty");
        }
        this.key = new SecretKeySpec(secret.clone(), HMAC);
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of {@code timestamp + "." + body}. */
    public String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }
}

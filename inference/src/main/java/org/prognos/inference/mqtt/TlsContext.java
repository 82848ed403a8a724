package org.prognos.inference.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.prognos.PrognosException;
import org.prognos.inference.MqttConfig;

/** Trust and key managers from {@link MqttConfig.Tls}: a PEM CA file, a PKCS#12 client key store. */
final class TlsContext {
    private TlsContext() {
    }

    /** Trust for the CA certificates in the config's PEM file; empty means the JVM's default trust. */
    static Optional<TrustManagerFactory> trust(MqttConfig.Tls tls) {
        if (tls.caFile() == null) {
            return Optional.empty();
        }
        Path file = Path.of(tls.caFile());
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new PrognosException("mqtt.tls.caFile " + file + " holds no PEM certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return Optional.of(tmf);
        } catch (IOException | GeneralSecurityException e) {
            throw new PrognosException("cannot read mqtt.tls.caFile " + file + ": " + e.getMessage(), e);
        }
    }

    /** The client certificate of the config's PKCS#12 key store, its password from the environment. */
    static Optional<KeyManagerFactory> keys(MqttConfig.Tls tls, Map<String, String> env) {
        if (tls.keyStore() == null) {
            return Optional.empty();
        }
        Path file = Path.of(tls.keyStore());
        String var = tls.keyStorePasswordEnv() == null ? "MQTT_KEYSTORE_PASSWORD" : tls.keyStorePasswordEnv();
        char[] password = env.getOrDefault(var, "").toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            return Optional.of(kmf);
        } catch (IOException | GeneralSecurityException e) {
            throw new PrognosException("cannot read mqtt.tls.keyStore " + file + " with the password in $" + var + ": "
                    + e.getMessage(), e);
        }
    }
}

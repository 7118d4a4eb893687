package dev.detour.team;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** HMAC-SHA256 under the team secret: signs what this box publishes and checks what others did. */
public final class Signer {
    private static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public Signer(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the team secret must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public Envelope sign(Envelope unsigned) {
        return unsigned.withSig(HexFormat.of().formatHex(mac(unsigned.signedBytes())));
    }

    /** Whether the envelope carries a valid signature; compared in constant time. */
    public boolean verify(Envelope envelope) {
        if (envelope.sig() == null || envelope.sig().isBlank()) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(envelope.sig());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(envelope.signedBytes()));
    }

    public static String nonce() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private byte[] mac(byte[] data) {
        return macs.get().doFinal(data);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}

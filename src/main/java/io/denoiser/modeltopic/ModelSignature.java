package io.denoiser.modeltopic;

import io.denoiser.model.InvalidModelException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;

/**
 * The signed envelope of a model record on the models topic: the whole {@code DNM1} record (metadata,
 * parameters and any embedding) signed with Ed25519.
 *
 * <pre>
 * "DNS1" | key id length u8 | key id (ASCII hex) | signature length u16 | signature | DNM1 record
 * </pre>
 */
public final class ModelSignature {

    static final byte[] MAGIC = {'D', 'N', 'S', '1'};
    private static final int MAX_KEY_ID = 64;
    private static final int MAX_SIGNATURE = 1024;

    /** A parsed envelope; nothing inside {@code payload} has been read yet. */
    record Envelope(String keyId, byte[] signature, byte[] payload) {
    }

    private ModelSignature() {
    }

    public static byte[] sign(byte[] record, KeyPair key) {
        byte[] keyId = SigningKeys.keyId(key.getPublic()).getBytes(StandardCharsets.US_ASCII);
        byte[] signature;
        try {
            Signature signer = Signature.getInstance(SigningKeys.ALGORITHM);
            signer.initSign(key.getPrivate());
            signer.update(record);
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign the model record", e);
        }
        return ByteBuffer.allocate(MAGIC.length + 1 + keyId.length + 2 + signature.length + record.length)
                .put(MAGIC).put((byte) keyId.length).put(keyId).putShort((short) signature.length).put(signature)
                .put(record).array();
    }

    static boolean isSigned(byte[] bytes) {
        return bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** Splits an envelope, checking every length against the bytes present before copying anything. */
    static Envelope open(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.position(MAGIC.length);
        int keyIdLength = remaining(buffer, 1) ? buffer.get() & 0xff : -1;
        if (keyIdLength < 1 || keyIdLength > MAX_KEY_ID || !remaining(buffer, keyIdLength + 2)) {
            throw new InvalidModelException("signed envelope truncated or malformed (key id)");
        }
        byte[] keyId = new byte[keyIdLength];
        buffer.get(keyId);
        int signatureLength = buffer.getShort() & 0xffff;
        if (signatureLength < 1 || signatureLength > MAX_SIGNATURE || !remaining(buffer, signatureLength + 1)) {
            throw new InvalidModelException("signed envelope truncated or malformed (signature)");
        }
        byte[] signature = new byte[signatureLength];
        buffer.get(signature);
        byte[] payload = Arrays.copyOfRange(bytes, buffer.position(), bytes.length);
        return new Envelope(new String(keyId, StandardCharsets.US_ASCII), signature, payload);
    }

    static boolean verifies(Envelope envelope, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance(SigningKeys.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(envelope.payload());
            return verifier.verify(envelope.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean remaining(ByteBuffer buffer, int count) {
        return buffer.remaining() >= count;
    }
}

package io.denoiser.modeltopic;

import io.denoiser.model.InvalidModelException;
import io.denoiser.model.ModelRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which model records from the topic may run: those signed by one of the configured public keys, checked
 * before a byte of the record itself is parsed; unsigned ones only when explicitly allowed. With no keys and
 * unsigned records refused (the default), only the models shipped in the jar run.
 */
public final class ModelTrust {

    private final Map<String, PublicKey> keys;
    private final boolean allowUnsigned;

    private ModelTrust(Map<String, PublicKey> keys, boolean allowUnsigned) {
        this.keys = Map.copyOf(keys);
        this.allowUnsigned = allowUnsigned;
    }

    public static ModelTrust of(List<PublicKey> keys, boolean allowUnsigned) {
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        keys.forEach(key -> byId.put(SigningKeys.keyId(key), key));
        return new ModelTrust(byId, allowUnsigned);
    }

    /** Trusts nothing from the topic. */
    public static ModelTrust none() {
        return new ModelTrust(Map.of(), false);
    }

    /** Public keys from PEM files, or from every {@code *.pub} / {@code *.pem} file of a directory. */
    public static List<PublicKey> readKeys(List<Path> paths) throws IOException {
        List<PublicKey> keys = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".pub") || f.toString().endsWith(".pem"))
                            .sorted().toList()) {
                        keys.add(SigningKeys.readPublic(file));
                    }
                }
            } else {
                keys.add(SigningKeys.readPublic(path));
            }
        }
        return keys;
    }

    /** Verifies, then decodes; throws {@link InvalidModelException} saying why a record may not run. */
    public ModelRecord open(byte[] bytes) {
        if (!ModelSignature.isSigned(bytes)) {
            if (!allowUnsigned) {
                throw new InvalidModelException(InvalidModelException.Reason.UNSIGNED,
                        "unsigned model record (signature checking is on)");
            }
            return ModelRecordCodec.decode(bytes);
        }
        ModelSignature.Envelope envelope = ModelSignature.open(bytes);
        PublicKey key = keys.get(envelope.keyId());
        if (key == null) {
            throw new InvalidModelException(InvalidModelException.Reason.UNKNOWN_KEY,
                    "signed by unknown key " + envelope.keyId());
        }
        if (!ModelSignature.verifies(envelope, key)) {
            throw new InvalidModelException(InvalidModelException.Reason.BAD_SIGNATURE,
                    "bad signature for key " + envelope.keyId());
        }
        return ModelRecordCodec.decode(envelope.payload());
    }

    /** The record inside an envelope, or the bytes themselves, for tools reading their own topic. */
    public static byte[] unsigned(byte[] bytes) {
        return ModelSignature.isSigned(bytes) ? ModelSignature.open(bytes).payload() : bytes;
    }

    /** The id of the key that signed {@code bytes}, or "unsigned"; throws if the envelope is malformed. */
    public static String signer(byte[] bytes) {
        return ModelSignature.isSigned(bytes) ? ModelSignature.open(bytes).keyId() : "unsigned";
    }

    public int keyCount() {
        return keys.size();
    }
}

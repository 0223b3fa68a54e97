package org.conv4j.zoo.data;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** A published checksum: SHA-256 when given as 64 hex digits, MD5 when given as 32. */
final class Checksum {
    private final String algorithm;
    private final String hex;

    Checksum(String hex) {
        String normalized = hex.trim().toLowerCase(Locale.ROOT);
        if (!normalized.matches("[0-9a-f]*")) {
            throw new IllegalArgumentException("checksum '" + hex + "' is not hexadecimal");
        }
        this.algorithm = switch (normalized.length()) {
            case 64 -> "SHA-256";
            case 32 -> "MD5";
            default -> throw new IllegalArgumentException("checksum '" + hex + "' has " + normalized.length()
                    + " hex digits, expected 64 (SHA-256) or 32 (MD5)");
        };
        this.hex = normalized;
    }

    String algorithm() {
        return algorithm;
    }

    String hex() {
        return hex;
    }

    /** A fresh digest of this checksum's algorithm. */
    MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm + ", which every Java platform must have", e);
        }
    }

    /** A SHA-256 digest, for downloads whose publisher gives no checksum (computed, not compared). */
    static MessageDigest sha256() {
        return new Checksum("0".repeat(64)).newDigest();
    }

    static String hexOf(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}

package dev.lectern.review.review;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * The reference a reviewer knows a proposal by, instead of its id. Proposal ids are UUIDv7: their first 48 bits
 * are the submission time in milliseconds, and sorting by them is submission order. A reference is the first 128
 * bits of HMAC-SHA256(secret, reviewer id, proposal id), written as a UUID of version 8 (RFC 9562, custom): no
 * time in it, a different one for each reviewer of the same proposal (two reviewers cannot line their lists up
 * by id), stable for as long as the secret is, and without the secret nobody can tell which proposal it stands
 * for. Only the reviewer's own active assignments resolve it (see {@link ReviewService}). Plain Java.
 */
public final class ReviewerRef {

    private static final String HMAC = "HmacSHA256";

    private ReviewerRef() {
    }

    public static UUID of(byte[] secret, UUID reviewerId, UUID proposalId) {
        ByteBuffer message = ByteBuffer.allocate(32);
        message.putLong(reviewerId.getMostSignificantBits()).putLong(reviewerId.getLeastSignificantBits());
        message.putLong(proposalId.getMostSignificantBits()).putLong(proposalId.getLeastSignificantBits());
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance(HMAC);
            hmac.init(new SecretKeySpec(secret, HMAC));
            mac = hmac.doFinal(message.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
        ByteBuffer bits = ByteBuffer.wrap(mac, 0, 16);
        long high = bits.getLong();
        long low = bits.getLong();
        high = (high & ~0xF000L) | 0x8000L;                       // version 8
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;  // RFC 9562 variant
        return new UUID(high, low);
    }
}

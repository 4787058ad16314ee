package io.modelwatch.core.profile;

/**
 * Everything a run needs from the reference data, computed once and stored (placeholder; being written).
 */
public final class ReferenceProfile {

    /** Serialises the profile. */
    public byte[] toBytes() {
        throw new UnsupportedOperationException("being written");
    }

    /** Reads a profile written by {@link #toBytes()}. */
    public static ReferenceProfile fromBytes(byte[] bytes) {
        throw new UnsupportedOperationException("being written");
    }
}

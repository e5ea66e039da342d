package org.hivemesh.adapters.persistence.jooq;

import java.util.ArrayList;
import java.util.List;

/** Splits a list for statements: IN lists and multi-row inserts stay inside both databases' limits on bound values. */
final class Chunks {
    static final int IN_LIST = 500;

    private Chunks() {
    }

    static <T> List<List<T>> of(List<T> all, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            chunks.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return chunks;
    }
}

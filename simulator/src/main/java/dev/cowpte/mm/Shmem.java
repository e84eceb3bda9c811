package dev.cowpte.mm;

import java.util.HashMap;
import java.util.Map;

/**
 * The shmem object behind a {@code MAP_SHARED} anonymous mapping: its page cache, a frame per
 * page index, holding one reference of its own on each frame. Every process that maps it
 * (including children that inherited the mapping) sees the same frames.
 */
final class Shmem {
    final long id;
    final Map<Long, Integer> pages = new HashMap<>();
    /** Number of vmas that map this object; its frames are released when none are left. */
    int users;

    Shmem(long id) {
        this.id = id;
    }
}

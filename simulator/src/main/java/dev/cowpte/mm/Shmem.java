package dev.cowpte.mm;

/**
 * A page cache object: the shmem object behind a {@code MAP_SHARED} anonymous mapping, or a
 * regular file on a disk file system (its {@code address_space}). Its pages are a frame per page
 * index, holding one reference of its own on each frame. Every process that maps it (including
 * children that inherited the mapping) sees the same frames. A shmem object's frames go with its
 * last mapping; a file's stay in the cache for the machine's life, mapped or not.
 */
final class Shmem {
    final long id;
    final ShmemPages pages = new ShmemPages();
    /** Number of vmas that map this object; its frames are released when none are left (shmem only). */
    int users;
    /** The file's name, or null for a shmem object. */
    final String fileName;
    /** The file's size in pages (0 for shmem, which has no end). */
    final long filePages;

    Shmem(long id) {
        this(id, null, 0);
    }

    private Shmem(long id, String fileName, long filePages) {
        this.id = id;
        this.fileName = fileName;
        this.filePages = filePages;
    }

    static Shmem file(long id, String name, long pages) {
        return new Shmem(id, name, pages);
    }

    /** A regular file's cache, as opposed to shmem. */
    boolean file() {
        return fileName != null;
    }
}

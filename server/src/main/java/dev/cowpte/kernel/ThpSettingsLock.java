package dev.cowpte.kernel;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps kernel runs that depend on the machine's THP settings apart from a run that changes them
 * ({@link MthpSysfs}): every kernel run holds it shared, a run with folio sizes below 2 MiB holds
 * it alone, in this JVM (a read-write lock) and across processes (a lock on a file in the
 * temporary folder, which concurrent test forks and commands share). Without it a huge-page
 * scenario compared while another run has set 64 KiB folios would see them.
 */
final class ThpSettingsLock implements AutoCloseable {
    private static final ReentrantReadWriteLock LOCAL = new ReentrantReadWriteLock();
    private static final Path FILE = Path.of(System.getProperty("java.io.tmpdir"), "cowpte-thp-settings.lock");
    private static final Object SHARED = new Object();
    /** Runs of this JVM holding the shared file lock, and that lock while any does. */
    private static int sharers;
    private static FileChannel sharedChannel;
    private static FileLock sharedLock;

    private final Lock local;
    private final boolean exclusive;
    private FileChannel channel;
    private FileLock lock;

    private ThpSettingsLock(boolean exclusive) {
        this.exclusive = exclusive;
        this.local = exclusive ? LOCAL.writeLock() : LOCAL.readLock();
    }

    /** Waits for the lock: alone when {@code exclusive} (the run changes the settings), else shared. */
    static ThpSettingsLock acquire(boolean exclusive) throws IOException {
        ThpSettingsLock l = new ThpSettingsLock(exclusive);
        l.local.lock();
        try {
            if (exclusive) {
                l.channel = open();
                l.lock = l.channel.lock(0, Long.MAX_VALUE, false);
            } else {
                synchronized (SHARED) {
                    if (sharers == 0) {
                        sharedChannel = open();
                        sharedLock = sharedChannel.lock(0, Long.MAX_VALUE, true);
                    }
                    sharers++;
                }
            }
        } catch (IOException | RuntimeException e) {
            l.local.unlock();
            throw e;
        }
        return l;
    }

    private static FileChannel open() throws IOException {
        return FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    @Override
    public void close() throws IOException {
        try {
            if (exclusive) {
                lock.release();
                channel.close();
            } else {
                synchronized (SHARED) {
                    if (--sharers == 0) {
                        sharedLock.release();
                        sharedChannel.close();
                        sharedLock = null;
                        sharedChannel = null;
                    }
                }
            }
        } finally {
            local.unlock();
        }
    }
}

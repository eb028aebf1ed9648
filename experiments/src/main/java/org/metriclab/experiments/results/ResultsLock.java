package org.metriclab.experiments.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-writer guarantee of a results directory: an operating-system lock on {@link #FILE} inside it,
 * held from before rows.csv is opened until the tables are written. A second {@code run} or
 * {@code run --resume} on the same directory, from any process, is refused while the first holds it.
 * The holder writes its process id into the file so the refusal can name it; on release the file is
 * emptied but kept, because deleting it would let two later writers lock two different files.
 * The operating system drops the lock when the holder dies (kill -9 included), so a crash never leaves
 * the directory locked.
 */
public final class ResultsLock implements AutoCloseable {
    /** The lock file's name inside a results directory. */
    public static final String FILE = ".metriclab.lock";
    /**
     * Lock files this JVM holds. Checked before a channel is opened: on POSIX systems closing any channel
     * on a file drops every lock the process holds on it, so a refused second attempt from this JVM must
     * never open (and close) a channel of its own.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private ResultsLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates {@code dir} if needed and locks it for this process.
     *
     * @throws ResultsBusyException when another writer holds the lock
     */
    public static ResultsLock acquire(Path dir) {
        FileChannel ch = null;
        Path file = dir.resolve(FILE);
        boolean claimed = false;
        try {
            Files.createDirectories(dir);
            file = dir.toRealPath().resolve(FILE);
            if (!HELD.add(file)) {
                throw new ResultsBusyException(dir, Long.toString(ProcessHandle.current().pid()));
            }
            claimed = true;
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new ResultsBusyException(dir, holder(ch));
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
            return new ResultsLock(file, ch, lock);
        } catch (RuntimeException e) {
            release(ch, claimed, file);
            throw e;
        } catch (IOException e) {
            release(ch, claimed, file);
            throw new UncheckedIOException("cannot lock results directory " + dir + " (" + file.getFileName() + "): " + e.getMessage(), e);
        }
    }

    /** The process id the holder wrote, or "unknown" while it has not written it yet. */
    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        ch.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
        return text.matches("\\d+") ? text : "unknown";
    }

    /** Undoes a failed {@link #acquire}: closes its channel and forgets its claim. */
    private static void release(FileChannel ch, boolean claimed, Path file) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the lock attempt already failed; that failure is the one reported
            }
        }
        if (claimed) {
            HELD.remove(file);
        }
    }

    /** Empties the lock file and releases the lock. */
    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
            HELD.remove(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the results directory lock: " + e.getMessage(), e);
        }
    }

    /** Another writer holds a results directory's lock; the message names its process id and the ways out. */
    public static final class ResultsBusyException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String holderPid;

        ResultsBusyException(Path dir, String holderPid) {
            super(dir + " is in use by another metriclab run (PID " + holderPid + "); wait for it to finish, or choose another --out");
            this.holderPid = holderPid;
        }

        /** The holder's process id as written in the lock file, or "unknown". */
        public String holderPid() {
            return holderPid;
        }
    }
}

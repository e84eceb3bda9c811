package dev.cowpte.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the native controller from the C source that ships inside cowpte (copied from the
 * repository's {@code oracle/} folder at build time) with the system C compiler, once per
 * version of the source: the binary is kept in a cache folder under a name that is the
 * source's hash. Nothing is downloaded.
 */
public final class OracleBuild {
    private static final String RESOURCES = "oracle/";

    private OracleBuild() {
    }

    /** Where built helpers are kept: {@code cowpte.cache} or {@code COWPTE_CACHE}, else the user's cache. */
    public static Path cacheDir() {
        String prop = System.getProperty("cowpte.cache");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("COWPTE_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("cowpte");
    }

    /** The built controller, building it first when this version of the source was never built. */
    public static Path ensureBuilt() throws IOException {
        Map<String, byte[]> sources = sources();
        if (sources.isEmpty()) {
            throw new IOException("this cowpte was built without the kernel helper's C source");
        }
        Path dir = cacheDir().resolve("oracle-" + hash(sources));
        Path binary = dir.resolve("cowpte-oracle");
        if (Files.isExecutable(binary)) {
            return binary;
        }
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir.getParent(), "build-");
        try {
            List<String> cfiles = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : sources.entrySet()) {
                Files.write(work.resolve(e.getKey()), e.getValue());
                if (e.getKey().endsWith(".c")) {
                    cfiles.add(e.getKey());
                }
            }
            String cc = compiler();
            String out = compile(work, cc, cfiles, true);
            if (out != null) {
                String dynamic = compile(work, cc, cfiles, false);
                if (dynamic != null) {
                    throw new IOException("the C compiler (" + cc + ") could not build the kernel helper:\n" + dynamic);
                }
            }
            Files.setPosixFilePermissions(work.resolve("cowpte-oracle"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(work.resolve("cowpte-oracle"), binary, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return binary;
        } finally {
            try (Stream<Path> files = Files.list(work)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    /** The C compiler: {@code CC} when set, else {@code cc}. */
    public static String compiler() {
        String cc = System.getenv("CC");
        return cc == null || cc.isBlank() ? "cc" : cc;
    }

    /** Null when it built, else what the compiler said. */
    private static String compile(Path work, String cc, List<String> cfiles, boolean staticLink) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(cc, "-O2", "-std=gnu11", "-o", "cowpte-oracle"));
        if (staticLink) {
            cmd.add("-static");
        }
        cmd.addAll(cfiles);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("no C compiler: '" + cc + "' could not be started (" + e.getMessage()
                    + "); install one (Debian: apt-get install gcc) or set CC", e);
        }
        try {
            String said = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "the compiler did not finish within 120 s";
            }
            return p.exitValue() == 0 ? null : said;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while compiling the kernel helper");
        }
    }

    /** The helper's source files by name, from the jar or the classes folder. */
    static Map<String, byte[]> sources() throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        URL dir = OracleBuild.class.getResource(RESOURCES);
        if (dir == null) {
            return out;
        }
        try {
            URI uri = dir.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                boolean opened = false;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                    opened = true;
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                try {
                    readAll(fs.provider().getPath(uri), out);
                } finally {
                    if (opened) {
                        fs.close();
                    }
                }
            } else {
                readAll(Path.of(uri), out);
            }
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        return out;
    }

    private static void readAll(Path dir, Map<String, byte[]> out) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString().replace("/", "");
                if (name.endsWith(".c") || name.endsWith(".h")) {
                    try (InputStream in = Files.newInputStream(p)) {
                        out.put(name, in.readAllBytes());
                    }
                }
            }
        }
    }

    private static String hash(Map<String, byte[]> sources) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : sources.entrySet()) {
                d.update(e.getKey().getBytes());
                d.update((byte) 0);
                d.update(e.getValue());
            }
            return HexFormat.of().formatHex(d.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.ftracelab.census;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.InputFiles;
import dev.ftracelab.util.InputLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Measures the text of kernel modules and images: every {@code .ko} (also {@code .ko.xz} and
 * {@code .ko.gz}, as distributions ship them) and {@code vmlinux} under the given folders, or the
 * files given. A file that cannot be read or parsed is skipped with the reason; the rest is counted.
 *
 * <pre>{@code
 * CensusResult r = Census.builder().path(Path.of("/lib/modules/6.12.48+deb13-riscv64")).build().run();
 * r.skipped().forEach(System.err::println);
 * ModuleGrowth total = r.totals().get(0);
 * }</pre>
 */
public final class Census {
    /** Most files parsed at once: each holds a whole (inflated) file in memory. */
    public static final int MAX_THREADS = 64;

    private final List<Path> paths;
    private final int threads;
    private final InputLimits limits;

    private Census(Builder b) {
        this.paths = List.copyOf(b.paths);
        this.threads = b.threads;
        this.limits = b.limits;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configures a census. */
    public static final class Builder {
        private final List<Path> paths = new ArrayList<>();
        private int threads = Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
        private InputLimits limits = InputLimits.DEFAULTS;

        /** A {@code .ko}, a {@code vmlinux}, or a folder searched for them. */
        public Builder path(Path p) {
            paths.add(p);
            return this;
        }

        public Builder paths(List<Path> ps) {
            paths.addAll(ps);
            return this;
        }

        /** Files parsed at once (default: one per CPU). */
        public Builder threads(int n) {
            if (n < 1 || n > MAX_THREADS) {
                throw new IllegalArgumentException("threads must be in 1.." + MAX_THREADS + ", got " + n);
            }
            threads = n;
            return this;
        }

        /** How large a file may be, inflated (default {@link InputLimits#DEFAULTS}: 1 GiB). */
        public Builder limits(InputLimits l) {
            limits = java.util.Objects.requireNonNull(l, "limits");
            return this;
        }

        public Census build() {
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("a census needs at least one path");
            }
            return new Census(this);
        }
    }

    /** A file read: its text, and its image layout if it is a kernel image (else null). */
    private record Read(ModuleText module, KernelImage image) {
    }

    /** One file to read, and the name its module gets. */
    record Input(Path file, String module) {
    }

    /** Finds the files, reads them in parallel, and returns modules in the order found. */
    public CensusResult run() {
        List<Skipped> skipped = new ArrayList<>();
        List<Input> inputs = new ArrayList<>();
        for (Path p : paths) {
            discover(p, inputs, skipped);
        }
        List<Object> outcomes;
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            outcomes = pool.submit(() -> inputs.parallelStream().map(this::readOne).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("census interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("census failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
        List<ModuleText> modules = new ArrayList<>();
        List<KernelImage> images = new ArrayList<>();
        for (Object o : outcomes) {
            if (o instanceof Read r) {
                modules.add(r.module);
                if (r.image != null) {
                    images.add(r.image);
                }
            } else {
                skipped.add((Skipped) o);
            }
        }
        return new CensusResult(modules, skipped, images);
    }

    private Object readOne(Input in) {
        try {
            ElfFile elf = ElfFile.parse(bytes(in.file, limits.inflated()), in.file.toString());
            ModuleText m = ModuleText.read(elf, in.module);
            return new Read(m, KernelImage.ifImage(elf, m).orElse(null));
        } catch (BadInputException e) {
            // The reason without the path, which the Skipped names already: "offset 0x12: unsupported e_machine ...".
            String msg = e.source().filter(in.file.toString()::equals).isPresent()
                    ? e.location().map(l -> l + ": ").orElse("") + e.reason() : e.getMessage();
            return new Skipped(in.file.toString(), msg);
        } catch (IOException | UncheckedIOException e) {
            return new Skipped(in.file.toString(), "cannot read: " + e.getMessage());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // A file malformed in a way the ELF reader's checks did not foresee must not stop the census of the rest.
            return new Skipped(in.file.toString(), "malformed: " + e);
        }
    }

    /** The file's bytes, decompressed by its suffix; at most {@code max} of them. */
    static byte[] bytes(Path file, long max) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".zst")) {
            throw new IOException("zstd-compressed, which the census cannot read: decompress it with unzstd first");
        }
        if (!name.endsWith(".xz") && !name.endsWith(".gz")) {
            if (Files.size(file) > max) {
                throw new BadInputException(file.toString(), null, "larger than " + InputFiles.size(max)
                        + ": expected a kernel module or image (census --max-inflated raises the limit)");
            }
            return Files.readAllBytes(file);
        }
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = name.endsWith(".xz") ? new XZInputStream(raw) : new GZIPInputStream(raw)) {
            // bounded: a few MB of gzip can claim gigabytes
            return InputFiles.readAtMost(in, max, file.toString(), name.endsWith(".xz") ? "xz data" : "gzip data",
                    "census --max-inflated raises the limit");
        }
    }

    private static void discover(Path p, List<Input> inputs, List<Skipped> skipped) {
        if (Files.isRegularFile(p)) {
            inputs.add(new Input(p, moduleName(p.getFileName().toString())));
        } else if (Files.isDirectory(p)) {
            try (Stream<Path> walk = Files.walk(p)) {
                walk.filter(Files::isRegularFile).filter(f -> isKernelObject(f.getFileName().toString())).sorted()
                        .forEach(f -> inputs.add(new Input(f, moduleName(p.relativize(f).toString().replace('\\', '/')))));
            } catch (IOException | UncheckedIOException e) {
                skipped.add(new Skipped(p.toString(), "cannot list the folder: " + e.getMessage()));
            }
        } else {
            skipped.add(new Skipped(p.toString(), Files.exists(p) ? "not a regular file or folder" : "no such file or folder"));
        }
    }

    /** Whether a file found in a folder is a module or a kernel image: {@code *.ko[.xz|.gz|.zst]}, {@code vmlinux*}. */
    static boolean isKernelObject(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".ko") || n.endsWith(".ko.xz") || n.endsWith(".ko.gz") || n.endsWith(".ko.zst")
                || n.startsWith("vmlinux") && !n.endsWith(".map");
    }

    /** A module's name: its path without a compression suffix. */
    static String moduleName(String path) {
        for (String suffix : new String[] {".xz", ".gz", ".zst"}) {
            if (path.endsWith(suffix)) {
                return path.substring(0, path.length() - suffix.length());
            }
        }
        return path;
    }
}

package dev.ftracelab.vmlinux;

import dev.ftracelab.util.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The kernels {@code datasets/fetch-kernels.sh} fetched: one folder per image package under
 * {@code ${XDG_CACHE_HOME:-~/.cache}/ftrace-lab/kernels}, the -dbg vmlinux in
 * {@code usr/lib/debug/boot/vmlinux-*}.
 *
 * <pre>{@code
 * Optional<Path> v = KernelCache.standard().vmlinux("linux-image-6.12.117+deb13-riscv64");
 * Path p = KernelCache.standard().resolve("linux-image-6.12.117+deb13-riscv64"); // or a file path as it is
 * }</pre>
 *
 * @param dir the cache folder
 */
public record KernelCache(Path dir) {
    /** The cache the fetch script fills by default. */
    public static KernelCache standard() {
        return of(System.getenv());
    }

    /** The default cache under the given environment ({@code XDG_CACHE_HOME}, else {@code HOME}). */
    static KernelCache of(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new KernelCache(base.resolve("ftrace-lab").resolve("kernels"));
    }

    /** The vmlinux of image package {@code packageName}, if it was fetched with its -dbg package. */
    public Optional<Path> vmlinux(String packageName) {
        Path boot = dir.resolve(packageName).resolve("usr/lib/debug/boot");
        if (!Files.isDirectory(boot)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(boot)) {
            return s.filter(p -> p.getFileName().toString().startsWith("vmlinux-") && Files.isRegularFile(p)).sorted()
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The image packages with a vmlinux in the cache, sorted by name. */
    public List<String> packages() {
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.map(p -> p.getFileName().toString()).filter(n -> vmlinux(n).isPresent()).sorted().forEach(out::add);
            } catch (IOException e) {
                return out;
            }
        }
        return out;
    }

    /**
     * The shortest {@code --vmlinux} argument naming {@code v}: its package's name when it is this
     * cache's vmlinux of that package, else its path.
     */
    public String argument(Vmlinux v) {
        Path p = Path.of(v.source()).toAbsolutePath().normalize();
        Path rel = p.startsWith(dir.toAbsolutePath().normalize()) ? dir.toAbsolutePath().normalize().relativize(p) : null;
        if (rel != null && rel.getNameCount() > 1 && vmlinux(rel.getName(0).toString()).map(x -> x.toAbsolutePath()
                .normalize().equals(p)).orElse(false)) {
            return rel.getName(0).toString();
        }
        return v.source();
    }

    /**
     * What {@code --vmlinux ARG} names: a file, or the name of an image package in this cache.
     *
     * @throws BadInputException if it is neither, naming the packages the cache has
     */
    public Path resolve(String arg) {
        Path file = Path.of(arg);
        if (Files.exists(file) || arg.contains("/")) {
            return file;
        }
        return vmlinux(arg).orElseThrow(() -> new BadInputException(arg, null, "no such file, nor a fetched package in "
                + dir + (packages().isEmpty() ? " (empty: run datasets/fetch-kernels.sh)" : ": expected one of "
                + String.join(", ", packages()))));
    }
}

package dev.ftracelab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import dev.ftracelab.vmlinux.KernelCache;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The notebook runner: executes every {@code notebooks/*.ipynb} headless with {@code jupyter
 * nbconvert --execute} on the project's IJava kernelspec, fails on any cell error, and checks
 * that each notebook showed at least one image and one table. Executed copies and HTML go to
 * {@code build/notebooks/}; the committed notebooks are never touched.
 *
 * <p>Run only this: {@code ./mvnw -B verify -DskipUnitTests -Dit.test=NotebooksIT}.
 */
class NotebooksIT {
    private static final Path ROOT = Path.of(System.getProperty("ftracelab.root", "..")).toAbsolutePath().normalize();
    private static final Path OUT = ROOT.resolve("build/notebooks");
    private static final Path JUPYTER_DIR = ROOT.resolve("build/jupyter");

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsOnTheRealKernel() throws IOException {
        Assumptions.assumeFalse(Boolean.getBoolean("skipNotebooks"), "notebooks skipped with -DskipNotebooks");
        assertTrue(Files.isRegularFile(JUPYTER_DIR.resolve("kernels/ftrace-lab/kernel.json")),
                "the build installs the kernelspec into build/jupyter during 'package'");
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(ROOT.resolve("notebooks"))) {
            notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertTrue(!notebooks.isEmpty(), "no notebooks found in " + ROOT.resolve("notebooks"));
        Files.createDirectories(OUT);
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> run(nb)));
    }

    private static void run(Path notebook) throws Exception {
        String name = notebook.getFileName().toString();
        requireKernels(name, new ObjectMapper().readTree(notebook.toFile()).path("metadata").path("ftracelab")
                .path("needs_kernels"));
        Path executed = OUT.resolve(name);
        nbconvert(List.of("--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=ftrace-lab",
                "--ExecutePreprocessor.timeout=1200",
                "--output-dir", OUT.toString(), notebook.toString()));
        nbconvert(List.of("--to", "html", "--output-dir", OUT.toString(), executed.toString()));

        JsonNode nb = new ObjectMapper().readTree(executed.toFile());
        int images = 0;
        int tables = 0;
        List<String> errors = new ArrayList<>();
        for (JsonNode cell : nb.get("cells")) {
            for (JsonNode out : cell.path("outputs")) {
                String type = out.path("output_type").asText();
                if (type.equals("error")) {
                    errors.add(cell.path("id").asText() + ": " + out.path("ename").asText() + ": "
                            + out.path("evalue").asText());
                }
                if (out.path("name").asText().equals("stderr")) {
                    errors.add(cell.path("id").asText() + " wrote to stderr: " + text(out.path("text")));
                }
                JsonNode data = out.path("data");
                if (data.has("image/png")) {
                    images++;
                }
                if (text(data.path("text/html")).contains("<table")) {
                    tables++;
                }
            }
        }
        assertEquals(List.of(), errors, name + ": cells failed");
        assertTrue(images > 0, name + ": no image/png output");
        assertTrue(tables > 0, name + ": no table (text/html) output");
        assertTrue(Files.size(OUT.resolve(name.replace(".ipynb", ".html"))) > 0);
    }

    /**
     * A notebook that runs real kernels names them in its metadata ({@code ftracelab.needs_kernels});
     * without them in the fetch script's cache it is skipped, saying how to fetch them, unless
     * {@code FTRACELAB_REQUIRE_KERNELS=1} (CI, after fetching them) makes that a failure.
     */
    private static void requireKernels(String name, JsonNode needs) {
        List<String> missing = new ArrayList<>();
        needs.forEach(k -> {
            if (KernelCache.standard().vmlinux(k.asText()).isEmpty()) {
                missing.add(k.asText());
            }
        });
        String why = name + " needs " + String.join(", ", missing) + " in " + KernelCache.standard().dir()
                + ": datasets/fetch-kernels.sh fetches them (README, \"Real kernels in the loop\")";
        if (!missing.isEmpty() && "1".equals(System.getenv("FTRACELAB_REQUIRE_KERNELS"))) {
            throw new AssertionError(why + " (FTRACELAB_REQUIRE_KERNELS=1)");
        }
        Assumptions.assumeTrue(missing.isEmpty(), why);
    }

    private static String text(JsonNode node) {
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            node.forEach(n -> sb.append(n.asText()));
            return sb.toString();
        }
        return node.asText("");
    }

    private static void nbconvert(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getenv().getOrDefault("JUPYTER", "jupyter"));
        cmd.add("nbconvert");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // Everything Jupyter reads or writes stays inside build/: no user or system kernelspecs.
        Map<String, String> env = pb.environment();
        env.put("JUPYTER_PATH", JUPYTER_DIR.toString());
        env.put("JUPYTER_CONFIG_DIR", JUPYTER_DIR.resolve("config").toString());
        env.put("JUPYTER_RUNTIME_DIR", JUPYTER_DIR.resolve("runtime").toString());
        env.put("JUPYTER_DATA_DIR", JUPYTER_DIR.resolve("data").toString());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            fail("cannot run '" + cmd.get(0) + "': install Jupyter's nbconvert (Debian: apt-get install"
                    + " jupyter-nbconvert jupyter-client; or conda env create -f environment.yml),"
                    + " or skip notebooks with -DskipNotebooks");
            return;
        }
        byte[] log = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("nbconvert timed out: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0) {
            String s = new String(log);
            fail("nbconvert exited " + p.exitValue() + ": " + String.join(" ", cmd) + "\n"
                    + s.substring(Math.max(0, s.length() - 6000)));
        }
    }
}

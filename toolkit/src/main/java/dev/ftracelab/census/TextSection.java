package dev.ftracelab.census;

/**
 * An executable section of a module.
 *
 * @param name e.g. {@code .text}, {@code .init.text}
 * @param address its address in a {@code vmlinux}, 0 in a {@code .ko}
 * @param size bytes
 * @param alignment {@code sh_addralign}
 */
public record TextSection(String name, long address, long size, long alignment) {
}

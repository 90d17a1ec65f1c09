package org.segforge.cli;

/** PLACEHOLDER entry point; the picocli command tree is being built. */
public final class SegForge {
    private SegForge() {}

    public static void main(String[] args) {
        System.out.println("SegForge");
    }
}

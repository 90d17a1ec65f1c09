package org.segforge.cli.demo;

import java.io.PrintStream;

/**
 * What every demo section gets: the data, the seed every random choice derives from, whether to
 * run the quick variant (tests) and where to print progress lines.
 */
public record DemoContext(DemoData data, long seed, boolean quick, PrintStream log) {}

package org.segforge.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process and captures what it prints (stdout of commands included). */
public final class CliRunner {
    public record Result(int exitCode, String out, String err) {}

    private CliRunner() {}

    public static synchronized Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = SegForge.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(code, out + captured.toString(StandardCharsets.UTF_8), err + capturedErr.toString(StandardCharsets.UTF_8));
    }
}

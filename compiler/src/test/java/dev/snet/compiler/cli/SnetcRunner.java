package dev.snet.compiler.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs snetc in-process and captures what it prints. */
public final class SnetcRunner {
    private SnetcRunner() {}

    public record Outcome(int exit, String out, String err) {}

    public static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Snetc.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(exit, out.toString(), err.toString());
    }
}

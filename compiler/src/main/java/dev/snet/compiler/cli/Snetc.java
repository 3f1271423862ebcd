package dev.snet.compiler.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The snetc command line. Exit codes: 0 success, 1 diagnostics, 2 usage error, 3 internal error. */
@Command(name = "snetc", mixinStandardHelpOptions = true, version = "snetc 0.1.0",
        description = "Compiles .snet descriptions of efficient convolutional networks.",
        subcommands = {CheckCommand.class, SummaryCommand.class, CompileCommand.class, RunCommand.class, BenchCommand.class, GraphCommand.class, ExportCommand.class,
                CommandLine.HelpCommand.class})
public final class Snetc implements Runnable {
    public static final int OK = 0;
    public static final int DIAGNOSTICS = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "on an internal error, print its stack trace (also SNETC_DEBUG=1)")
    boolean debug;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs snetc in-process (tests use this); never throws. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Snetc());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> internalError(err, ex, debugRequested(parsed)));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("snetc: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return USAGE;
        });
        try {
            return cl.execute(args);
        } catch (Throwable t) {
            return internalError(err, t, java.util.Arrays.asList(args).contains("--debug"));
        }
    }

    /** One line for users; the stack trace for whoever debugs snetc ({@code --debug} or {@code SNETC_DEBUG=1}). */
    static int internalError(PrintWriter err, Throwable t, boolean debug) {
        err.println("internal error: " + t + " (please report; --debug prints where it happened)");
        if (debug || "1".equals(System.getenv("SNETC_DEBUG"))) t.printStackTrace(err);
        err.flush();
        return INTERNAL;
    }

    private static boolean debugRequested(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) return true;
        }
        return false;
    }
}

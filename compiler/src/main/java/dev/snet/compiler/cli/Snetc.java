package dev.snet.compiler.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The snetc command line. Exit codes: 0 success, 1 diagnostics, 2 usage error, 3 internal error. */
@Command(name = "snetc", mixinStandardHelpOptions = true, version = "snetc 0.1.0",
        description = "Compiles .snet descriptions of efficient convolutional networks.",
        subcommands = {CheckCommand.class, SummaryCommand.class, CompileCommand.class, RunCommand.class, BenchCommand.class, DevicesCommand.class, GraphCommand.class, ExportCommand.class, ScoreCommand.class, SearchCommand.class,
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
        int exit = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        // PrintStream keeps write errors to itself: a full disk or a closed pipe must not look like success.
        if (System.out.checkError() && exit == OK) exit = outputLost(new PrintWriter(System.err, true));
        System.exit(exit);
    }

    private static int outputLost(PrintWriter err) {
        err.println("snetc: error writing standard output (disk full or pipe closed?)");
        err.flush();
        return DIAGNOSTICS;
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
        int[] exit = {INTERNAL};
        Throwable[] failure = {null};
        // The front end and the elaborator recurse over the source's nesting; a deep stack of their own
        // lets generated or hand-written models nest thousands of levels (see tooDeep for the rest).
        Thread worker = new Thread(null, () -> {
            try {
                exit[0] = cl.execute(args);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "snetc", STACK_BYTES);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return internalError(err, e, false);
        }
        if (failure[0] instanceof StackOverflowError) return tooDeep(err, args);
        if (failure[0] instanceof OutOfMemoryError) {
            err.println(String.format("error: out of memory (this JVM may use %,d MB): use a smaller batch or fewer --threads,"
                    + " or give it more with SNETC_JAVA_OPTS=-Xmx8g", Runtime.getRuntime().maxMemory() >> 20));
            err.flush();
            return DIAGNOSTICS;
        }
        if (failure[0] != null) return internalError(err, failure[0], java.util.Arrays.asList(args).contains("--debug"));
        return out.checkError() && exit[0] == OK ? outputLost(err) : exit[0];
    }

    /** Room for about a hundred thousand levels of nesting; reserved, not committed, until used. */
    private static final long STACK_BYTES = 1L << 30;

    /** Nesting beyond even that stack: the user's input, reported as such (where depends on the command). */
    private static int tooDeep(PrintWriter err, String[] args) {
        String file = java.util.Arrays.stream(args).skip(1).filter(a -> a.endsWith(".snet")).findFirst().orElse("the input");
        err.println("error: " + file + ": nesting too deep for snetc (expressions, blocks or calls nested hundreds of thousands of levels);"
                + " flatten the deepest part, for example with a `repeat` or intermediate `let`s");
        err.flush();
        return DIAGNOSTICS;
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

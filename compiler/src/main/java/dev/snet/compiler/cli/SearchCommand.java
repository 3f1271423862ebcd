package dev.snet.compiler.cli;

import dev.snet.compiler.Frontend;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.export.SnetExport;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.proxy.Proxy;
import dev.snet.compiler.render.FrontPlot;
import dev.snet.compiler.search.Budget;
import dev.snet.compiler.search.Candidate;
import dev.snet.compiler.search.Metric;
import dev.snet.compiler.search.Objective;
import dev.snet.compiler.search.Pareto;
import dev.snet.compiler.search.Progress;
import dev.snet.compiler.search.RankCorrelation;
import dev.snet.compiler.search.ScoringEngine;
import dev.snet.compiler.search.SearchRun;
import dev.snet.compiler.search.Settings;
import dev.snet.compiler.search.Space;
import dev.snet.compiler.search.Study;
import dev.snet.compiler.search.Trial;
import dev.snet.compiler.source.SourceFile;
import dev.snet.compiler.util.Json;
import dev.snet.runtime.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Searches a space's choices for the best architectures under budgets, and keeps the study in SQLite.",
                "Costs (macs, params, arena) are exact, proxies (naswot, zen) training-free, latency measured on the compiled model.",
                "The same seed and settings give the same trials, whatever --workers; --resume continues a stopped study.",
                "At the end: the Pareto front as a table, and on request a plot, concrete .snet files and JSON lines."})
final class SearchCommand implements Callable<Integer> {
    /** Beyond this many candidates, grid search is refused: random or evolution samples the space instead. */
    static final int MAX_GRID = 100_000;

    @Parameters(paramLabel = "SPACE", arity = "0..1", description = "the .snet search space (not needed with --show)")
    Path file;

    @Option(names = "-P", paramLabel = "NAME=VALUE", description = "fix a parameter or a choice for the whole search")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--strategy", defaultValue = "evolution", paramLabel = "random|evolution|grid", description = "how to pick candidates (default evolution)")
    String strategy;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the strategy and the proxies (default 0)")
    long seed;

    @Option(names = "--trials", defaultValue = "100", description = "random: candidates to score (default 100)")
    int trials;

    @Option(names = "--population", defaultValue = "50", description = "evolution: candidates per generation (default 50)")
    int population;

    @Option(names = "--generations", defaultValue = "20", description = "evolution: generations, the first one random (default 20)")
    int generations;

    @Option(names = "--top-k", defaultValue = "10", description = "evolution: parents, the best so far (default 10)")
    int topK;

    @Option(names = "--mutations", description = "evolution: mutated children per generation (default population / 2)")
    Integer mutations;

    @Option(names = "--crossovers", description = "evolution: crossed children per generation (default population / 2)")
    Integer crossovers;

    @Option(names = "--mutation-prob", defaultValue = "0.1", description = "evolution: chance each choice is redrawn (default 0.1)")
    double mutationProbability;

    @Option(names = "--budget", paramLabel = "METRIC<=VALUE", description = "a limit, e.g. macs<=330M, params<=1M, arena<=2MB, latency<=5ms (repeatable)")
    List<String> budgetTexts = new ArrayList<>();

    @Option(names = "--objective", paramLabel = "[-]METRIC", description = "what to maximise (- to minimise), e.g. zen, -macs (repeatable; default zen)")
    List<String> objectiveTexts = new ArrayList<>();

    @Option(names = "--proxy", paramLabel = "naswot|zen", description = "also compute this proxy for every candidate (repeatable)")
    List<String> extraProxies = new ArrayList<>();

    @Option(names = "--proxy-report", description = "compute both proxies and print the rank correlations between all proxies (with params and macs)")
    boolean proxyReport;

    @Option(names = "--naswot-batch", defaultValue = "64", description = "NASWOT's batch (default 64)")
    int naswotBatch;

    @Option(names = "--zen-batch", defaultValue = "16", description = "Zen-score's batch (default 16)")
    int zenBatch;

    @Option(names = "--gamma", defaultValue = "0.01", description = "Zen-score's perturbation (default 0.01)")
    double gamma;

    @Option(names = "--latency-batch", defaultValue = "1", description = "batch at which latency is measured (default 1)")
    int latencyBatch;

    @Option(names = "--latency-threads", defaultValue = "1", description = "threads with which latency is measured (default 1)")
    int latencyThreads;

    @Option(names = "--workers", description = "threads scoring candidates (default: the cores)")
    Integer workers;

    @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark",
            description = "where candidates are scored: worker threads here, or Apache Spark (default local)")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "spark: the master, e.g. local[2], spark://host:7077, yarn (default: spark-submit's, else local[--workers])")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "spark: a Spark setting, e.g. --conf spark.executor.memory=4g (repeatable)")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(names = "--db", paramLabel = "STUDY.sqlite", description = "keep the study in this SQLite file (needed for --resume and --show)")
    Path db;

    @Option(names = "--resume", description = "continue the study in --db with the same space and settings")
    boolean resume;

    @Option(names = "--show", description = "print the front of the study in --db (and --plot/--export it) without searching")
    boolean show;

    @Option(names = "--export", paramLabel = "DIR", description = "write the best architectures as standalone .snet files")
    Path exportDir;

    @Option(names = "--top", defaultValue = "3", description = "how many to --export (default 3)")
    int top;

    @Option(names = "--plot", converter = OutputFile.class, paramLabel = "FRONT.png|.svg", description = "draw the candidates against two metrics")
    Path plot;

    @Option(names = "--plot-axes", paramLabel = "X,Y", description = "the plot's metrics (default: macs and the first objective)")
    String plotAxes;

    @Option(names = "--json", description = "print one JSON line per trial and one for the result, instead of tables")
    boolean json;

    @Mixin
    DiagnosticOptions diagnosticOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** A mistake in the command line, said in one line (exit 2). */
    private static final class Usage extends Exception {
        Usage(String message) { super(message); }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Plan plan = plan();
            if (show) return show(plan, out, err);
            return search(plan, out, err);
        } catch (Usage e) {
            err.println("snetc search: " + e.getMessage());
            err.flush();
            return Snetc.USAGE;
        } catch (Study.StudyException e) {
            return SourceArgs.error(err, e.getMessage());
        } catch (SearchRun.Diverged e) {
            return SourceArgs.error(err, "--resume: " + e.getMessage());
        } catch (ScoringEngine.EngineFailure e) {
            return SourceArgs.error(err, "--engine " + engine + ": " + e.getMessage() + (db != null ? "; the trials so far are in " + db + ": --resume continues" : ""));
        }
    }

    /** The parsed and checked command line. */
    private record Plan(List<Budget> budgets, List<Objective> objectives, List<Metric> proxies, Metric[] axes) {}

    private Plan plan() throws Usage {
        if (!List.of("random", "evolution", "grid").contains(strategy)) throw new Usage("--strategy " + strategy + ": choose random, evolution or grid");
        if (trials < 1) throw new Usage("--trials must be at least 1");
        if (population < 2 || generations < 1 || topK < 1) throw new Usage("--population must be at least 2, --generations and --top-k at least 1");
        if (mutations != null && mutations < 0 || crossovers != null && crossovers < 0) throw new Usage("--mutations and --crossovers must not be negative");
        if (!(mutationProbability >= 0 && mutationProbability <= 1)) throw new Usage("--mutation-prob must be from 0 to 1");
        if (naswotBatch < 2 || zenBatch < 2 || naswotBatch > 4096 || zenBatch > 4096) throw new Usage("--naswot-batch and --zen-batch must be from 2 to 4096");
        if (!(gamma > 0) || !Double.isFinite(gamma)) throw new Usage("--gamma must be a positive number");
        if (latencyBatch < 1 || latencyBatch > 4096 || latencyThreads < 1 || latencyThreads > 256) throw new Usage("--latency-batch must be 1-4096, --latency-threads 1-256");
        if (workers != null && (workers < 1 || workers > 256)) throw new Usage("--workers must be from 1 to 256");
        if (top < 1) throw new Usage("--top must be at least 1");
        if (!List.of("local", "spark").contains(engine)) throw new Usage("--engine " + engine + ": choose local or spark");
        if (engine.equals("local") && (master != null || !sparkConf.isEmpty())) throw new Usage("--master and --conf configure --engine spark");
        if (resume && db == null) throw new Usage("--resume continues a study kept in a database: give its --db");
        if (show && db == null) throw new Usage("--show prints a study kept in a database: give its --db");
        if (show && resume) throw new Usage("--show reads a study and --resume continues one: use one of them");
        if (!show && file == null) throw new Usage("give the search space, a .snet file with `choice`s");
        if (plot != null && !(plot.toString().endsWith(".png") || plot.toString().endsWith(".svg"))) throw new Usage("--plot " + plot + ": name a .png or .svg file");
        List<Budget> budgets = new ArrayList<>();
        List<Objective> objectives = new ArrayList<>();
        try {
            for (String b : budgetTexts) budgets.add(Budget.parse(b));
            for (String o : objectiveTexts.isEmpty() ? List.of("zen") : objectiveTexts) objectives.add(Objective.parse(o));
        } catch (IllegalArgumentException e) {
            throw new Usage(e.getMessage());
        }
        if (objectives.stream().map(Objective::metric).distinct().count() < objectives.size()) throw new Usage("--objective: each metric once");
        List<Metric> proxies = new ArrayList<>();
        for (Objective o : objectives) if (o.metric().isProxy() && !proxies.contains(o.metric())) proxies.add(o.metric());
        for (Budget b : budgets) if (b.metric().isProxy() && !proxies.contains(b.metric())) proxies.add(b.metric());
        for (String p : extraProxies) {
            Metric m = Metric.named(p).filter(Metric::isProxy).orElseThrow(() -> new Usage("--proxy " + p + ": choose naswot or zen"));
            if (!proxies.contains(m)) proxies.add(m);
        }
        if (proxyReport) for (Metric m : List.of(Metric.NASWOT, Metric.ZEN)) if (!proxies.contains(m)) proxies.add(m);
        proxies.sort(java.util.Comparator.naturalOrder());
        Metric[] axes = null;
        if (plotAxes != null) {
            String[] parts = plotAxes.split(",");
            if (parts.length != 2) throw new Usage("--plot-axes " + plotAxes + ": give two metrics, e.g. macs,zen");
            axes = new Metric[2];
            for (int i = 0; i < 2; i++) {
                String name = parts[i].trim();
                axes[i] = Metric.named(name).orElseThrow(() -> new Usage("--plot-axes: no metric `" + name + "`; metrics: " + Metric.names()));
            }
        }
        Plan plan = new Plan(budgets, objectives, proxies, axes);
        if (axes != null && java.util.Arrays.asList(axes).contains(Metric.ARENA) && !needsArena(plan)) {
            throw new Usage("--plot-axes: arena is planned only when a --budget or --objective names it (planning costs a third of the"
                    + " search's cost stage); add e.g. --budget arena<=1GB");
        }
        if (axes != null && java.util.Arrays.asList(axes).contains(Metric.LATENCY)
                && budgets.stream().noneMatch(b -> b.metric() == Metric.LATENCY) && objectives.stream().noneMatch(o -> o.metric() == Metric.LATENCY)) {
            throw new Usage("--plot-axes: latency is measured only when a --budget or --objective names it");
        }
        return plan;
    }

    private int search(Plan plan, PrintWriter out, PrintWriter err) throws Study.StudyException, InterruptedException, Usage {
        checkDestinations();
        Optional<SourceFile> source = SourceArgs.read(file, err, diagnosticOptions);
        if (source.isEmpty()) return Snetc.DIAGNOSTICS;
        Diagnostics diagnostics = new Diagnostics();
        Optional<Frontend.Checked> checked = Frontend.elaborate(source.get(), file, overrides, diagnostics);
        diagnosticOptions.print(diagnostics, err);
        if (diagnostics.hasErrors() || checked.isEmpty() || checked.get().graph().isEmpty()) return Snetc.DIAGNOSTICS;
        Frontend.Checked c = checked.get();
        if (c.result().unresolved().isEmpty()) {
            return SourceArgs.error(err, file + ": nothing to search: " + (c.result().choices().isEmpty() ? "the model declares no `choice`"
                    : "every choice is fixed by -P") + "; write one, e.g. `width: float = choice [0.5, 1.0]` or `let k = choice [3, 5]`");
        }
        Space space = new Space(c.unit(), c.model(), overrides);
        List<Candidate> grid = List.of();
        if (strategy.equals("grid")) {
            BigInteger size = c.spaceSize().models();
            if (size.compareTo(BigInteger.valueOf(MAX_GRID)) > 0) {
                throw new Usage("--strategy grid: the space has " + size + " candidates, more than " + MAX_GRID + "; use random or evolution");
            }
            grid = space.enumerate(MAX_GRID);
        }
        int half = population / 2;
        Settings settings = new Settings(strategy, seed, trials, population, generations, topK, mutations != null ? mutations : half,
                crossovers != null ? crossovers : population - half, mutationProbability, plan.budgets(), plan.objectives(), plan.proxies(),
                naswotBatch, zenBatch, gamma, latencyBatch, latencyThreads, overrides, needsArena(plan));
        int threads = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        // The launcher says whether stderr is a terminal (System.console() is about stdin and stdout).
        Progress progress = new Progress(err, "1".equals(System.getenv("SNETC_TTY")), plan.objectives().get(0));
        SearchRun.Listener listener = json ? (t, h, n) -> {
            out.println(Json.write(trialJson(t)));
            out.flush();
            progress.trialDone(t, h, n);
        } : progress;
        List<Trial> trialsDone;
        int resumed;
        long started = System.nanoTime();
        // The engine first: a cluster that cannot be reached must not leave a new, empty study behind.
        try (ScoringEngine engine = engine(c, space, settings, threads);
             Study study = db == null ? null : Study.open(db, !resume)) {
            if (study != null) study.begin(file.toAbsolutePath().normalize().toString(), spaceHash(c.unit()), settings.key(), resume, spec.root().version()[0]);
            SearchRun run = new SearchRun(space, settings, SearchRun.strategy(space, settings, grid), engine, study, listener);
            trialsDone = run.run();
            resumed = run.resumed();
        } finally {
            progress.finish();
        }
        elapsedSeconds = (System.nanoTime() - started) / 1e9;
        return report(space, trialsDone, resumed, plan, settings, out, err);
    }

    /** How long the search itself took (not the JVM's start), for the result line. */
    private double elapsedSeconds = Double.NaN;

    /** The local engine, or one from a module on the class path (Spark), found by name. */
    private ScoringEngine engine(Frontend.Checked c, Space space, Settings settings, int threads) throws Usage, Study.StudyException {
        if (engine.equals("local")) return dev.snet.compiler.search.Engines.local(space, settings, threads);
        for (dev.snet.compiler.search.EngineProvider p : java.util.ServiceLoader.load(dev.snet.compiler.search.EngineProvider.class)) {
            if (!p.name().equals(engine)) continue;
            try {
                return p.open(dev.snet.compiler.search.ScoringSpec.of(c.unit(), settings),
                        new dev.snet.compiler.search.EngineProvider.Options(master, sparkConf, threads));
            } catch (IOException e) {
                throw new Study.StudyException("cannot read the space's files: " + SourceArgs.reason(e));
            } catch (dev.snet.compiler.search.EngineProvider.EngineException e) {
                throw new Study.StudyException("--engine " + engine + ": " + e.getMessage());
            }
        }
        throw new Usage("--engine " + engine + ": the " + engine + " engine is not on the class path; run searches through the snetc launcher,"
                + " which adds the search-spark module for --engine spark (or put search-spark's jar and its dependencies on the class path)");
    }

    private int show(Plan given, PrintWriter out, PrintWriter err) throws Study.StudyException, Usage {
        try (Study study = Study.openReadOnly(db)) {
            Map<Integer, String[]> studies = study.studies();
            if (studies.isEmpty()) return SourceArgs.error(err, "--db " + db + ": holds no study yet");
            int id = studies.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
            study.select(id);
            String[] info = studies.get(id);
            Map<String, Object> settings = dev.snet.compiler.search.StudySettings.read(info[1]);
            List<Objective> objectives = dev.snet.compiler.search.StudySettings.objectives(settings);
            List<Trial> trialsDone = new ArrayList<>(study.trials().values());
            out.println("study " + id + " of " + info[0] + ": " + trialsDone.size() + " trials; settings " + info[1]);
            Plan plan = new Plan(List.of(), objectives, List.of(), given.axes());  // the study's objectives, the command's plot axes
            Space space = null;
            if (exportDir != null) {
                Optional<Frontend.Checked> reloaded = reload(Path.of(info[0]), dev.snet.compiler.search.StudySettings.fixed(settings), err);
                if (reloaded.isEmpty()) return Snetc.DIAGNOSTICS;
                if (!spaceHash(reloaded.get().unit()).equals(info[2])) {
                    return SourceArgs.error(err, "--export: " + info[0] + " (or a file it imports) changed since the study ran;"
                            + " the trials' encodings may no longer mean the same architectures. Export from an unchanged copy of the space");
                }
                space = new Space(reloaded.get().unit(), reloaded.get().model(), dev.snet.compiler.search.StudySettings.fixed(settings));
            }
            return report(space, trialsDone, 0, plan, null, out, err);
        }
    }

    private Optional<Frontend.Checked> reload(Path spaceFile, Map<String, String> fixed, PrintWriter err) {
        Optional<SourceFile> source = SourceArgs.read(spaceFile, err, diagnosticOptions);
        if (source.isEmpty()) return Optional.empty();
        Diagnostics d = new Diagnostics();
        Optional<Frontend.Checked> c = Frontend.elaborate(source.get(), spaceFile, fixed, d);
        diagnosticOptions.print(d, err);
        return c.filter(x -> !d.hasErrors());
    }

    /** The front, the report, the plot and the exports. */
    private int report(Space space, List<Trial> all, int resumed, Plan plan, Settings settings, PrintWriter out, PrintWriter err) {
        List<Objective> objectives = plan.objectives();
        List<Trial> ranked = Pareto.rank(all, objectives);
        List<Trial> front = Pareto.front(all, objectives);
        long infeasible = all.stream().filter(t -> t.state() == Trial.State.INFEASIBLE).count();
        long failed = all.stream().filter(t -> t.state() == Trial.State.FAILED).count();
        if (!json) {
            out.printf("%d trials: %d scored, %d outside a budget, %d failed%s%s%n", all.size(), ranked.size(), infeasible, failed,
                    resumed > 0 ? " (" + resumed + " taken from the study)" : "",
                    Double.isNaN(elapsedSeconds) ? "" : String.format(Locale.ROOT, ", in %.1f s", elapsedSeconds));
        }
        if (ranked.isEmpty()) {
            String why = all.stream().filter(t -> t.note() != null).findFirst().map(t -> " (trial " + t.number() + ": " + t.note() + ")").orElse("");
            return SourceArgs.error(err, "no candidate within the budgets among " + all.size() + " evaluated" + why
                    + "; loosen a --budget; nothing exported");
        }
        if (!json) {
            out.println(objectives.size() == 1 ? "best by " + objectives.get(0) + ":" : "Pareto front (" + objectives.stream().map(Objective::toString)
                    .reduce((a, b) -> a + ", " + b).orElse("") + "):");
            printTable(out, objectives.size() == 1 ? ranked.subList(0, Math.min(10, ranked.size())) : front, objectives);
        }
        if (proxyReport) printProxyReport(out, ranked);
        List<String> written = new ArrayList<>();
        try {
            if (plot != null) {
                writePlot(all, front, plan, objectives);
                written.add(plot.toString());
            }
            if (exportDir != null) written.addAll(export(space, ranked.subList(0, Math.min(top, ranked.size())), settings));
        } catch (IOException e) {
            return SourceArgs.error(err, "cannot write the results: " + SourceArgs.reason(e));
        }
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("trials", all.size());
            o.put("front", front.stream().map(Trial::number).toList());
            o.put("best", ranked.get(0).number());
            o.put("written", written);
            if (!Double.isNaN(elapsedSeconds)) o.put("seconds", Math.round(elapsedSeconds * 1000) / 1000.0);
            out.println(Json.write(o));
        } else {
            for (String w : written) out.println("wrote " + w);
        }
        out.flush();
        return Snetc.OK;
    }

    private static void printTable(PrintWriter out, List<Trial> rows, List<Objective> objectives) {
        List<Metric> columns = new ArrayList<>();
        objectives.forEach(o -> columns.add(o.metric()));
        for (Metric m : Metric.values()) if (!columns.contains(m) && rows.stream().anyMatch(t -> t.metrics().containsKey(m))) columns.add(m);
        StringBuilder head = new StringBuilder(String.format("  %6s %4s", "trial", "gen"));
        for (Metric m : columns) head.append(String.format(" %12s", m.key()));
        out.println(head.append("  encoding"));
        for (Trial t : rows) {
            StringBuilder row = new StringBuilder(String.format("  %6d %4d", t.number(), t.generation()));
            for (Metric m : columns) row.append(String.format(" %12s", m.format(t.metric(m))));
            out.println(row.append("  ").append(t.candidate().encoding()));
        }
    }

    private static void printProxyReport(PrintWriter out, List<Trial> scored) {
        List<Metric> proxies = new ArrayList<>(List.of(Metric.PARAMS, Metric.MACS));
        for (Metric m : List.of(Metric.NASWOT, Metric.ZEN)) if (scored.stream().allMatch(t -> t.metrics().containsKey(m))) proxies.add(m);
        out.printf("rank correlation over %d candidates (Spearman rho / Kendall tau):%n", scored.size());
        for (int i = 0; i < proxies.size(); i++) {
            for (int j = i + 1; j < proxies.size(); j++) {
                final Metric x = proxies.get(i), y = proxies.get(j);
                double[] a = scored.stream().mapToDouble(t -> t.metric(x)).toArray();
                double[] b = scored.stream().mapToDouble(t -> t.metric(y)).toArray();
                out.printf(Locale.ROOT, "  %-7s %-7s %7.3f  %7.3f%n", x.key(), y.key(), RankCorrelation.spearman(a, b), RankCorrelation.kendall(a, b));
            }
        }
    }

    private void writePlot(List<Trial> all, List<Trial> front, Plan plan, List<Objective> objectives) throws IOException {
        Metric x, y;
        if (plan.axes() != null) {
            x = plan.axes()[0];
            y = plan.axes()[1];
        } else {
            y = objectives.get(0).metric();
            x = y == Metric.MACS ? (objectives.size() > 1 ? objectives.get(1).metric() : Metric.PARAMS) : Metric.MACS;
        }
        java.util.Set<Integer> onFront = new java.util.HashSet<>(front.stream().map(Trial::number).toList());
        List<FrontPlot.Point> points = all.stream().filter(t -> t.state() != Trial.State.FAILED)
                .map(t -> new FrontPlot.Point(t.metric(x), t.metric(y), onFront.contains(t.number()), t.complete(),
                        "trial " + t.number() + ": " + t.candidate().encoding())).toList();
        String title = "snetc search: " + all.size() + " candidates, " + front.size() + " on the front";
        AtomicFiles.write(plot, o -> o.write(plot.toString().endsWith(".svg")
                ? FrontPlot.svg(points, title, x.key(), y.key()).getBytes(StandardCharsets.UTF_8)
                : FrontPlot.png(points, title, x.key(), y.key())));
    }

    private List<String> export(Space space, List<Trial> best, Settings settings) throws IOException {
        Files.createDirectories(exportDir);
        List<String> written = new ArrayList<>();
        for (int i = 0; i < best.size(); i++) {
            Trial t = best.get(i);
            Optional<Graph> graph = space.graph(t.candidate(), new Diagnostics());
            if (graph.isEmpty()) throw new IOException("trial " + t.number() + " (" + t.candidate().encoding() + ") no longer elaborates");
            Graph g = graph.get();
            String name = space.modelName() + "_" + (i + 1);
            List<String> header = new ArrayList<>();
            header.add("Exported by snetc search from " + (file != null ? file : "study " + db) + (db != null ? ", study " + db : "") + ": rank " + (i + 1)
                    + ", trial " + t.number() + ".");
            if (!space.fixed().isEmpty()) header.add("fixed: " + space.fixed());
            header.add("encoding: " + t.candidate().encoding());
            StringBuilder metrics = new StringBuilder("metrics:");
            t.metrics().forEach((m, v) -> metrics.append(' ').append(m.key()).append('=').append(m.format(v).replace(" ", "")));
            header.add(metrics.toString());
            if (settings != null) header.add("settings: " + settings.key());
            String text = SnetExport.of(g, name, header);
            Path target = exportDir.resolve(name + ".snet");
            AtomicFiles.write(target, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
            written.add(target.toString());
        }
        return written;
    }

    private static boolean needsArena(Plan plan) {
        return plan.budgets().stream().anyMatch(b -> b.metric() == Metric.ARENA) || plan.objectives().stream().anyMatch(o -> o.metric() == Metric.ARENA);
    }

    /** Fails before any work when a result could not be written. */
    private void checkDestinations() throws Usage {
        if (plot != null) {
            Optional<String> problem = SourceArgs.unwritable(plot);
            if (problem.isPresent()) throw new Usage("--plot: " + problem.get());
            if (!Files.isWritable(plot.toAbsolutePath().getParent())) throw new Usage("--plot " + plot + ": its directory is not writable");
        }
        if (exportDir != null) {
            Path d = exportDir.toAbsolutePath();
            if (Files.exists(d) && !Files.isDirectory(d)) throw new Usage("--export " + exportDir + ": not a directory");
            Path existing = d;
            while (existing != null && !Files.exists(existing)) existing = existing.getParent();
            if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
                throw new Usage("--export " + exportDir + ": cannot create or write it (" + existing + " is not a writable directory)");
            }
        }
    }

    static Map<String, Object> trialJson(Trial t) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("trial", t.number());
        o.put("generation", t.generation());
        o.put("state", t.state().name().toLowerCase(Locale.ROOT));
        o.put("encoding", t.candidate().encoding());
        Map<String, Object> m = new LinkedHashMap<>();
        t.metrics().forEach((k, v) -> m.put(k.key(), Double.isFinite(v) ? v : null));
        o.put("metrics", m);
        if (t.note() != null) o.put("note", t.note());
        o.put("seconds", (t.finishedMillis() - t.startedMillis()) / 1000.0);
        o.put("finished_ms", t.finishedMillis());
        return o;
    }

    /** SHA-256 of the space file and every file it imports, each with its name: a study's space is all of them. */
    static String spaceHash(dev.snet.compiler.syntax.Loader.Unit unit) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (Path p : unit.files()) {
                d.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update(dev.snet.compiler.syntax.Loader.read(p).getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
            }
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("hashing the space's files, just read: " + e, e);
        }
    }
}

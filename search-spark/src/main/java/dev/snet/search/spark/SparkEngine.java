package dev.snet.search.spark;

import dev.snet.compiler.search.EngineProvider;
import dev.snet.compiler.search.JobScorer;
import dev.snet.compiler.search.ScoringEngine;
import dev.snet.compiler.search.ScoringSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

/**
 * Scores each generation as one Spark job: the candidates' jobs are the partitions (one each, so
 * that idle executors take the next), an executor turns a job into its result with the space and
 * settings it was sent, and the driver, this process, hands the results back to the search in
 * trial order. The strategy and the study never leave the driver, so the trials are the local
 * engine's. Spark retries a task whose executor is lost; a candidate that fails by itself comes
 * back as a failed trial.
 */
final class SparkEngine implements ScoringEngine {
    /** How long an unreachable master or a cluster with no free executor may keep a search waiting. */
    static final int CONNECT_SECONDS = 5, EXECUTOR_SECONDS = 30;

    private final JavaSparkContext spark;
    private final ScoreJob function;

    private SparkEngine(JavaSparkContext spark, ScoreJob function) {
        this.spark = spark;
        this.function = function;
    }

    static SparkEngine start(ScoringSpec spec, EngineProvider.Options options) throws EngineProvider.EngineException {
        // spark-submit passes its --master as spark.master; snetc's --master wins, local[--workers] is the default.
        String master = options.master() != null ? options.master() : System.getProperty("spark.master", "local[" + options.workers() + "]");
        checkReachable(master);
        // Executors run the vector kernels, as this process does (the same kernels give the same scores), and
        // need what Spark needs of the JDK.
        String executorOptions = "--add-modules=jdk.incubator.vector " + jvmOptions();
        SparkConf conf = new SparkConf().setAppName("snetc search").setMaster(master)
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.executor.extraJavaOptions", executorOptions);
        for (Map.Entry<String, String> e : options.conf().entrySet()) {
            conf.set(e.getKey(), e.getKey().equals("spark.executor.extraJavaOptions") ? executorOptions + " " + e.getValue() : e.getValue());
        }
        if (!master.startsWith("local")) {  // snet's own jars go with the application, beside any the user (or spark-submit) gave
            List<String> jars = new ArrayList<>(ourJars());
            if (conf.contains("spark.jars")) jars.addAll(0, List.of(conf.get("spark.jars").split(",")));
            conf.set("spark.jars", String.join(",", jars.stream().filter(j -> !j.isBlank()).distinct().toList()));
        }
        JavaSparkContext spark;
        try {
            spark = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new EngineProvider.EngineException("Spark did not start with master " + master + ": " + e.getMessage());
        }
        spark.setLogLevel("WARN");
        if (!master.startsWith("local")) awaitExecutor(spark, master);
        return new SparkEngine(spark, new ScoreJob(spec, UUID.randomUUID().toString()));
    }

    private static String jvmOptions() throws EngineProvider.EngineException {
        try (var in = SparkEngine.class.getResourceAsStream("jvm.options")) {
            if (in == null) throw new EngineProvider.EngineException("search-spark is built without its jvm.options resource");
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new EngineProvider.EngineException("cannot read search-spark's jvm.options: " + e.getMessage());
        }
    }

    /** A standalone master that does not answer is reported now, not after Spark's minute of retries. */
    private static void checkReachable(String master) throws EngineProvider.EngineException {
        if (!master.startsWith("spark://")) return;
        List<String> failures = new ArrayList<>();
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) throw new EngineProvider.EngineException("--master " + master + ": give host:port, e.g. spark://127.0.0.1:7077");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))), CONNECT_SECONDS * 1000);
                return;
            } catch (IOException | NumberFormatException e) {
                failures.add(hostPort + " (" + e.getMessage() + ")");
            }
        }
        throw new EngineProvider.EngineException("cannot reach the Spark master at " + String.join(", ", failures)
                + "; is it running (sbin/start-master.sh) and is the port right?");
    }

    private static void awaitExecutor(JavaSparkContext spark, String master) throws EngineProvider.EngineException {
        long deadline = System.nanoTime() + EXECUTOR_SECONDS * 1_000_000_000L;
        while (spark.sc().getExecutorMemoryStatus().size() <= 1) {  // the driver counts as one
            if (System.nanoTime() > deadline) {
                spark.stop();
                throw new EngineProvider.EngineException("the master " + master + " gave this search no executor within " + EXECUTOR_SECONDS
                        + " s; do its workers have free cores and memory (spark.executor.memory)?");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                spark.stop();
                throw new EngineProvider.EngineException("interrupted while waiting for an executor");
            }
        }
    }

    /** The jars executors need: snetc's (compiler, runtime and their libraries) and this module's. */
    private static List<String> ourJars() throws EngineProvider.EngineException {
        List<String> jars = new ArrayList<>();
        for (Class<?> c : List.of(ScoringSpec.class, SparkEngine.class)) {
            try {
                Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isRegularFile(p) && !jars.contains(p.toString())) jars.add(p.toString());
            } catch (URISyntaxException | SecurityException | NullPointerException e) {
                throw new EngineProvider.EngineException("cannot locate snet's jars to send to the executors: " + e);
            }
        }
        return jars;
    }

    @Override
    public void score(List<Job> jobs, Consumer<Result> done) {
        if (jobs.isEmpty()) return;
        List<Result> results;
        try {
            results = new ArrayList<>(spark.parallelize(jobs, jobs.size()).map(function).collect());
        } catch (Exception e) {  // Spark's Java API throws its checked SparkException without declaring it
            throw new EngineFailure("a Spark job failed beyond its retries: " + firstLine(e.getMessage()), e);
        }
        results.sort(Comparator.comparingInt(Result::number));
        results.forEach(done);
    }

    private static String firstLine(String s) {
        if (s == null) return "(no message)";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() { spark.stop(); }

    /** What an executor runs for each candidate; the unpacked space is kept per executor JVM and search. */
    static final class ScoreJob implements Function<Job, Result> {
        private static final Map<String, JobScorer> SCORERS = new ConcurrentHashMap<>();

        private final ScoringSpec spec;
        private final String search;

        ScoreJob(ScoringSpec spec, String search) {
            this.spec = spec;
            this.search = search;
        }

        @Override
        public Result call(Job job) throws IOException {
            JobScorer scorer = SCORERS.get(search);
            if (scorer == null) {
                synchronized (SCORERS) {
                    scorer = SCORERS.get(search);
                    if (scorer == null) {
                        scorer = spec.scorer();
                        SCORERS.put(search, scorer);
                    }
                }
            }
            return scorer.score(job);
        }
    }
}

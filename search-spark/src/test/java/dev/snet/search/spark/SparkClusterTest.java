package dev.snet.search.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster on the loopback interface: a Master and two Workers of one core each,
 * started from Spark's own classes on this test's class path. A search submitted to it gives the
 * local engine's trials, with tasks run on both workers (Spark's event log says where); an executor
 * killed in the middle of the search is replaced, its tasks retried, and the trials stay the same.
 * Every process is stopped at the end, executors included.
 */
class SparkClusterTest {
    @TempDir
    Path tmp;

    private final List<Process> daemons = new ArrayList<>();

    @AfterEach
    void stopCluster() throws Exception {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : daemons) {
            all.add(p.toHandle());
            all.addAll(p.descendants().toList());  // the workers' executors
        }
        for (Process p : daemons) p.destroy();  // SIGTERM: a worker stops its executors on the way out
        for (Process p : daemons) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (all.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) Thread.sleep(100);
        List<ProcessHandle> left = all.stream().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        assertTrue(left.isEmpty(), "processes left behind: " + left.stream().map(ProcessHandle::pid).toList());
    }

    /** The executor JVMs the workers run now. */
    private List<ProcessHandle> executors() {
        return daemons.stream().skip(1).flatMap(Process::descendants).filter(ProcessHandle::isAlive).toList();
    }

    @Test
    void aSearchRunsOnBothWorkersAndSurvivesALostExecutor() throws Exception {
        int masterPort = freePort(), masterUi = freePort();
        Path sparkHome = Files.createDirectories(tmp.resolve("spark-home/jars"));
        Map<String, String> env = Map.of("SPARK_HOME", sparkHome.getParent().toString(), "SPARK_SCALA_VERSION", "2.13",
                "JAVA_HOME", System.getProperty("java.home"), "SPARK_LOCAL_IP", "127.0.0.1");
        daemons.add(daemon("master", env, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(masterPort),
                "--webui-port", Integer.toString(masterUi)));
        String master = "spark://127.0.0.1:" + masterPort;
        for (int i = 1; i <= 2; i++) {
            daemons.add(daemon("worker" + i, env, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "1536m",
                    "--webui-port", Integer.toString(freePort()), "--work-dir", tmp.resolve("work" + i).toString(), master));
        }
        awaitAliveWorkers(masterUi, 2);

        SparkSearchTest.Run local = SparkSearchTest.snetc(SparkSearchTest.SEARCH, "--workers", "2");
        Path events = Files.createDirectories(tmp.resolve("events"));
        String[] cluster = {"--engine", "spark", "--master", master, "--conf", "spark.executor.extraClassPath=" + System.getProperty("java.class.path"),
                "--conf", "spark.executor.extraJavaOptions=-Dsnet.test.cluster=" + tmp,
                "--conf", "spark.executor.memory=1g", "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.compress=false",
                "--conf", "spark.eventLog.dir=" + events.toUri()};
        SparkSearchTest.Run onCluster = SparkSearchTest.snetc(SparkSearchTest.SEARCH, cluster);
        assertEquals(0, onCluster.code(), onCluster.err());
        assertEquals(local.trials(), onCluster.trials());
        assertEquals(local.result(), onCluster.result());
        assertTrue(executorsThatRanTasks(events).size() >= 2, "both workers' executors ran tasks: " + executorsThatRanTasks(events));

        // The same search again, with one executor killed while it runs: Spark retries its tasks elsewhere.
        Path db = tmp.resolve("study.sqlite");
        Thread killer = new Thread(() -> killOneExecutorOnceBusy(db));
        killer.start();
        SparkSearchTest.Run survived = SparkSearchTest.snetc(SparkSearchTest.SEARCH, concat(cluster, "--db", db.toString()));
        killer.join();
        assertEquals(0, survived.code(), survived.err());
        assertEquals(local.trials(), survived.trials());
        assertTrue(killed, "an executor was killed during the search");
    }

    private volatile boolean killed;

    /**
     * Waits for the study's first trials (those a budget rejects are recorded while the first
     * generation is admitted, just before its job), then kills one executor with SIGKILL.
     */
    private void killOneExecutorOnceBusy(Path db) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try {
            while (System.nanoTime() < deadline) {
                if (Files.exists(db) && Files.size(db) > 0) {
                    List<ProcessHandle> executors = executors();
                    if (executors.size() >= 2 && trials(db) >= 3) {
                        Thread.sleep(700);  // the generation's job has been submitted: its tasks are on the executors now
                        executors.get(0).destroyForcibly();
                        killed = true;
                        return;
                    }
                }
                Thread.sleep(50);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int trials(Path db) {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement();
             var r = s.executeQuery("SELECT count(*) FROM trial")) {
            return r.next() ? r.getInt(1) : 0;
        } catch (java.sql.SQLException notYet) {
            return 0;
        }
    }

    private Process daemon(String name, Map<String, String> env, String main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(System.getProperty("spark.jvm.options").split(" ")));
        command.addAll(List.of("-Xmx512m", "-Dsnet.test.cluster=" + tmp, "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private void awaitAliveWorkers(int masterUi, int count) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUi + "/json/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(last);
                if (m.find() && Integer.parseInt(m.group(1)) >= count) return;
            } catch (IOException notYet) {
                // the master is still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the master did not see " + count + " workers in 90 s: " + last + "\nmaster log: "
                + Files.readString(tmp.resolve("master.log")));
    }

    /** Executor ids of the tasks that ended, from Spark's event logs. */
    private static Set<String> executorsThatRanTasks(Path events) throws IOException {
        Set<String> ids = new TreeSet<>();
        Pattern id = Pattern.compile("\"Executor ID\"\\s*:\\s*\"([^\"]+)\"");
        try (Stream<Path> files = Files.walk(events)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.contains("\"Event\":\"SparkListenerTaskEnd\"")) continue;
                    Matcher m = id.matcher(line);
                    if (m.find()) ids.add(m.group(1));
                }
            }
        }
        return ids;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}

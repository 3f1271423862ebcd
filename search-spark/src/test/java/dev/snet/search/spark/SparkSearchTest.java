package dev.snet.search.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.cli.Snetc;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `--engine spark` in local mode: the local engine's trials, resumable across engines, and a clear error for a master that is not there. */
class SparkSearchTest {
    static final String SPACE = "../examples/models/search/shufflenet_v2_space.snet";
    static final String[] SEARCH = {"search", SPACE, "--strategy", "evolution", "--population", "8", "--generations", "3", "--top-k", "4",
            "--objective", "zen", "--objective", "-macs", "--budget", "macs<=30M", "--zen-batch", "4", "--seed", "5", "--json"};

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
        List<String> trials() {
            return out.lines().filter(l -> l.startsWith("{\"trial\"")).map(l -> l.replaceAll(", \"seconds\": [0-9.]+, \"finished_ms\": [0-9]+", ""))
                    .toList();
        }

        String result() {
            List<String> lines = out.lines().toList();
            return lines.get(lines.size() - 1).replaceAll(", \"seconds\": [0-9.]+", "");
        }
    }

    static Run snetc(String[] base, String... more) {
        String[] args = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Snetc.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void sparkLocalGivesTheLocalEnginesTrials() {
        Run local = snetc(SEARCH, "--workers", "2");
        Run spark = snetc(SEARCH, "--engine", "spark", "--master", "local[2]");
        assertEquals(0, local.code(), local.err());
        assertEquals(0, spark.code(), spark.err());
        assertTrue(local.trials().size() >= 24, local.out());
        assertEquals(local.trials(), spark.trials());
        assertEquals(local.result(), spark.result());
    }

    @Test
    void aStudyResumesOnTheOtherEngine() throws Exception {
        Path db = tmp.resolve("study.sqlite");
        Run whole = snetc(SEARCH, "--workers", "2");
        // Started locally and cut short (its last trials lost), finished on Spark...
        assertEquals(0, snetc(SEARCH, "--workers", "2", "--db", db.toString()).code());
        forgetTrialsFrom(db, 10);
        Run onSpark = snetc(SEARCH, "--engine", "spark", "--master", "local[2]", "--db", db.toString(), "--resume");
        assertEquals(0, onSpark.code(), onSpark.err());
        assertEquals(whole.trials(), onSpark.trials());
        // ...and the other way round.
        forgetTrialsFrom(db, 5);
        Run onLocal = snetc(SEARCH, "--workers", "1", "--db", db.toString(), "--resume");
        assertEquals(0, onLocal.code(), onLocal.err());
        assertEquals(whole.trials(), onLocal.trials());
        assertEquals(whole.result(), onLocal.result());
    }

    /** What a run stopped after trial {@code keep - 1} would have left. */
    private static void forgetTrialsFrom(Path db, int keep) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM metric WHERE trial >= " + keep);
            s.executeUpdate("DELETE FROM trial WHERE number >= " + keep);
        }
    }

    @Test
    void anUnreachableMasterIsAClearErrorWithinThirtySeconds() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();  // free now, and nobody listens on it after the close
        }
        Path db = tmp.resolve("never.sqlite");
        long start = System.nanoTime();
        Run r = snetc(SEARCH, "--engine", "spark", "--master", "spark://127.0.0.1:" + port, "--db", db.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("cannot reach the Spark master at 127.0.0.1:" + port), r.err());
        assertTrue(seconds < 30, "took " + seconds + " s");
        assertTrue(!java.nio.file.Files.exists(db), "no study is left behind");
        assertTrue(!r.err().contains("\tat "), r.err());
    }
}

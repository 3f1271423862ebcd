package dev.snet.compiler.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.cli.Snetc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search killed with SIGKILL in the middle of a generation and resumed ends with exactly the
 * trials, metrics and front of a run that was never interrupted; while the killed run was alive, a
 * second process on its study was refused.
 */
class SearchResumeTest {
    @TempDir
    Path tmp;

    private static final String[] SEARCH = {"search", SearchCommandTest.V2_SPACE, "--strategy", "evolution", "--population", "8", "--generations", "5",
            "--top-k", "4", "--objective", "zen", "--budget", "macs<=40M", "--zen-batch", "8", "--seed", "11", "--workers", "2"};

    @Test
    void killedAndResumedEqualsUninterrupted() throws Exception {
        Path killedDb = tmp.resolve("killed.sqlite");
        Process child = startChild(killedDb);
        int atKill;
        try {
            atKill = waitForTrials(killedDb, child, 10);
            assertTrue(child.isAlive(), "the child was still searching when killed (it had " + atKill + " trials)");
            SearchCommandTest.Run refused = SearchCommandTest.snetc(SearchCommandTest.concat(SEARCH, "--db", killedDb.toString(), "--resume"));
            assertEquals(1, refused.code(), refused.err());
            assertTrue(refused.err().contains("another snetc search is using this study"), refused.err());
        } finally {
            child.destroyForcibly();  // SIGKILL: no shutdown hook, no clean close
            child.waitFor(30, TimeUnit.SECONDS);
        }
        int recorded = trials(killedDb).size();
        SearchCommandTest.Run resumed = SearchCommandTest.snetc(SearchCommandTest.concat(SEARCH, "--db", killedDb.toString(), "--resume", "--json"));
        assertEquals(0, resumed.code(), resumed.err());
        Path cleanDb = tmp.resolve("clean.sqlite");
        SearchCommandTest.Run clean = SearchCommandTest.snetc(SearchCommandTest.concat(SEARCH, "--db", cleanDb.toString(), "--json"));
        assertEquals(0, clean.code(), clean.err());
        List<String> expected = trials(cleanDb);
        assertTrue(recorded > 0 && recorded < expected.size(), "killed mid-run: " + recorded + " of " + expected.size() + " trials recorded");
        assertEquals(expected, trials(killedDb));
        assertEquals(metrics(cleanDb), metrics(killedDb));
        assertEquals(lastLine(clean.out()), lastLine(resumed.out()), "the same front");
    }

    private Process startChild(Path db) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Snetc.class.getName()));
        command.addAll(List.of(SEARCH));
        command.addAll(List.of("--db", db.toString()));
        Path log = tmp.resolve("child.log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Polls the study until it holds {@code n} trials; returns how many it holds. */
    private static int waitForTrials(Path db, Process child, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (Files.exists(db)) {
                try {
                    int count = trials(db).size();
                    if (count >= n) return count;
                } catch (java.sql.SQLException notYet) {
                    // the schema is being created
                }
            }
            Thread.sleep(20);
        }
        return trials(db).size();
    }

    private static List<String> trials(Path db) throws Exception {
        return rows(db, "SELECT number, generation, encoding, state, seed, note FROM trial ORDER BY number", 6);
    }

    private static List<String> metrics(Path db) throws Exception {
        return rows(db, "SELECT trial, name, value FROM metric ORDER BY trial, name", 3);
    }

    private static List<String> rows(Path db, String query, int columns) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) row.append(r.getString(i)).append('|');
                out.add(row.toString());
            }
        }
        return out;
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.get(lines.size() - 1).replaceAll(", \"seconds\": [0-9.]+", "");
    }
}

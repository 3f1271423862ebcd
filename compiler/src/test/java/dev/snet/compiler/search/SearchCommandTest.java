package dev.snet.compiler.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.TestModels;
import dev.snet.compiler.analysis.Cost;
import dev.snet.compiler.cli.Snetc;
import dev.snet.compiler.exec.RawWeights;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Weight;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `snetc search` end to end, in process: strategies, reproducibility, the study, the results, and bad input. */
class SearchCommandTest {
    static final String TINY = "src/test/resources/search/tiny_space.snet";
    static final String FIXED = "src/test/resources/search/fixed.snet";
    static final String V2_SPACE = "../examples/models/search/shufflenet_v2_space.snet";

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
        /** The JSON trial lines without their timings: what must repeat exactly. */
        List<String> trials() {
            return out.lines().filter(l -> l.startsWith("{\"trial\"")).map(l -> l.replaceAll(", \"seconds\": [0-9.]+, \"finished_ms\": [0-9]+", "")).toList();
        }
    }

    static Run snetc(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Snetc.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static String[] args(String... parts) { return parts; }

    static String[] concat(String[] a, String... b) {
        String[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void gridVisitsEveryCandidateOnce() {
        Run r = snetc("search", TINY, "--strategy", "grid", "--json");
        assertEquals(0, r.code(), r.err());
        List<String> encodings = r.trials().stream().map(l -> l.replaceAll(".*\"encoding\": \"([^\"]*)\".*", "$1")).toList();
        assertEquals(12, encodings.size(), r.out());
        assertEquals(12, encodings.stream().distinct().count());
        assertTrue(encodings.contains("width=16 depth=2 s.0.k=5 s.1.k=3"), encodings.toString());
    }

    @Test
    void sameSeedSameTrialsWhateverTheWorkers() {
        String[] common = args("search", V2_SPACE, "--strategy", "evolution", "--population", "8", "--generations", "3", "--top-k", "4",
                "--objective", "zen", "--objective", "-macs", "--budget", "macs<=30M", "--zen-batch", "4", "--seed", "5", "--json");
        Run one = snetc(concat(common, "--workers", "1"));
        Run two = snetc(concat(common, "--workers", "2"));
        Run again = snetc(concat(common, "--workers", "2"));
        assertEquals(0, one.code(), one.err());
        assertTrue(one.trials().size() >= 24, one.out());
        assertEquals(one.trials(), two.trials());
        assertEquals(two.trials(), again.trials());
        Run otherSeed = snetc(concat(Arrays.copyOf(common, common.length - 3), "5", "--seed", "6", "--json"));
        assertFalse(one.trials().equals(otherSeed.trials()), "another seed, other trials");
    }

    @Test
    void randomSearchKeepsBudgetsAndNamesWhatItBroke() {
        Run r = snetc("search", TINY, "--strategy", "random", "--trials", "5", "--budget", "macs<=300K", "--objective", "naswot", "--naswot-batch", "8",
                "--seed", "1", "--json");
        assertEquals(0, r.code(), r.err());
        long complete = r.trials().stream().filter(l -> l.contains("\"complete\"")).count();
        assertEquals(5, complete, r.out());
        assertTrue(r.trials().stream().filter(l -> l.contains("\"infeasible\"")).allMatch(l -> l.contains("outside macs<=300K")), r.out());
    }

    @Test
    void exportedArchitecturesCompileToTheSameModel() throws Exception {
        Path export = tmp.resolve("best");
        Path plot = tmp.resolve("front.svg");
        Path db = tmp.resolve("study.sqlite");
        Run r = snetc("search", TINY, "--strategy", "grid", "--objective", "zen", "--objective", "-params", "--db", db.toString(),
                "--export", export.toString(), "--top", "3", "--plot", plot.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Pareto front (zen, -params)"), r.out());
        List<Path> files;
        try (Stream<Path> s = Files.list(export)) {
            files = s.sorted().toList();
        }
        assertEquals(3, files.size(), files.toString());
        for (Path f : files) {
            String text = Files.readString(f);
            assertFalse(text.contains("choice"), text);
            String encoding = text.lines().filter(l -> l.startsWith("# encoding: ")).findFirst().orElseThrow().substring("# encoding: ".length());
            Graph exported = TestModels.load(f, Map.of());
            Graph original = TestModels.load(Path.of(TINY), Candidate.parse(encoding).choices());
            assertEquals(Cost.totalMacs(original), Cost.totalMacs(exported), f.toString());
            assertEquals(Cost.totalParams(original), Cost.totalParams(exported), f.toString());
            assertEquals(keys(original), keys(exported), "the exported file reads the same weights");
            assertEquals(0, snetc("compile", f.toString(), "-o", tmp.resolve("java").toString()).code(), f.toString());
        }
        String svg = Files.readString(plot);
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(plot.toFile());
        assertEquals(12, svg.split("<title>trial ").length - 1, "one point per candidate");
        Run shown = snetc("search", "--show", "--db", db.toString());
        assertEquals(0, shown.code(), shown.err());
        assertTrue(shown.out().contains("12 trials: 12 scored"), shown.out());
    }

    @Test
    void latencyIsMeasuredOnTheCompiledModelWithinTheOtherBudgets() {
        Run r = snetc("search", TINY, "--strategy", "random", "--trials", "2", "--objective", "-latency", "--budget", "latency<=10s",
                "--budget", "params<=1500", "--seed", "4", "--json");
        assertEquals(0, r.code(), r.err());
        for (String line : r.trials()) {
            if (line.contains("\"complete\"")) assertTrue(line.matches(".*\"latency\": [0-9.E-]+.*"), line);
            else assertFalse(line.contains("\"latency\""), "not measured outside the other budgets: " + line);
        }
    }

    @Test
    void proxyReportAndScoreOfAModelFile() {
        Run r = snetc("search", TINY, "--strategy", "grid", "--objective", "-macs", "--proxy-report", "--naswot-batch", "8", "--zen-batch", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("rank correlation over 12 candidates"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith("naswot  zen")), r.out());
        Run score = snetc("score", FIXED, "--batch", "8");
        assertEquals(0, score.code(), score.err());
        assertTrue(score.out().lines().anyMatch(l -> l.startsWith("naswot ")) && score.out().lines().anyMatch(l -> l.startsWith("zen ")), score.out());
    }

    @Test
    void resumeKeepsTrialsABudgetRejectedAfterScoring() throws Exception {
        Path db = tmp.resolve("floor.sqlite");
        String[] search = args("search", TINY, "--strategy", "random", "--trials", "6", "--objective", "-macs", "--proxy", "zen",
                "--budget", "zen>=6.75", "--zen-batch", "4", "--seed", "2", "--json", "--db", db.toString());
        Run whole = snetc(search);
        assertEquals(0, whole.code(), whole.err());
        assertTrue(whole.trials().stream().anyMatch(l -> l.contains("outside zen>=6.75")), "the floor rejects some after scoring: " + whole.out());
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var st = c.createStatement()) {
            st.executeUpdate("DELETE FROM metric WHERE trial >= 4");
            st.executeUpdate("DELETE FROM trial WHERE number >= 4");
        }
        Run resumed = snetc(concat(search, "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(whole.trials(), resumed.trials());
    }

    @Test
    void showReadsAStudyWhileASearchHoldsItAndResumeCreatesNothing() throws Exception {
        Path db = tmp.resolve("held.sqlite");
        assertEquals(0, snetc("search", TINY, "--strategy", "grid", "--db", db.toString()).code());
        try (Study held = Study.open(db, false)) {
            Run shown = snetc("search", "--show", "--db", db.toString());
            assertEquals(0, shown.code(), shown.err());
            assertTrue(shown.out().contains("12 trials"), shown.out());
        }
        Path missing = tmp.resolve("missing.sqlite");
        Run r = snetc("search", TINY, "--strategy", "grid", "--db", missing.toString(), "--resume");
        assertEquals(1, r.code(), r.err());
        try (Stream<Path> left = Files.list(tmp)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("missing")), "no database or lock file made");
        }
    }

    @Test
    void nonFiniteScoresSurviveTheStudy() throws Exception {
        Path db = tmp.resolve("inf.sqlite");
        try (Study s = Study.open(db, true)) {
            s.begin("space", "sha", "{}", false, "test");
            Map<Metric, Double> m = new java.util.EnumMap<>(Metric.class);
            m.put(Metric.NASWOT, Double.NEGATIVE_INFINITY);
            m.put(Metric.ZEN, Double.POSITIVE_INFINITY);
            m.put(Metric.MACS, Double.NaN);
            m.put(Metric.PARAMS, 12.5);
            s.record(new Trial(0, 0, Candidate.parse("a=1"), Trial.State.COMPLETE, m, 1, 2, 3, null));
            Trial back = s.trials().get(0);
            assertEquals(Double.NEGATIVE_INFINITY, back.metric(Metric.NASWOT));
            assertEquals(Double.POSITIVE_INFINITY, back.metric(Metric.ZEN));
            assertTrue(Double.isNaN(back.metric(Metric.MACS)));
            assertEquals(12.5, back.metric(Metric.PARAMS));
        }
    }

    private static Map<String, List<Integer>> keys(Graph g) {
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        for (Weight.Raw w : RawWeights.expected(g)) m.put(w.key(), w.shape());
        return m;
    }

    @Test
    void aStudyRefusesASecondRun() throws Exception {
        Path db = tmp.resolve("s.sqlite");
        Run first = snetc("search", TINY, "--strategy", "grid", "--db", db.toString());
        assertEquals(0, first.code(), first.err());
        Run again = snetc("search", TINY, "--strategy", "grid", "--db", db.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("continue it with --resume"), again.err());
        Run resumed = snetc("search", TINY, "--strategy", "grid", "--db", db.toString(), "--resume");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("12 taken from the study"), resumed.out());
        try (Study held = Study.open(db, false)) {
            Run locked = snetc("search", TINY, "--strategy", "grid", "--db", db.toString(), "--resume");
            assertEquals(1, locked.code());
            assertTrue(locked.err().contains("already open") || locked.err().contains("another snetc search"), locked.err());
        }
    }

    @Test
    void badInputGetsOneClearLine() throws Exception {
        Path notDir = Files.writeString(tmp.resolve("file.txt"), "x");
        Path text = Files.writeString(tmp.resolve("notes.sqlite"), "not a database");
        record Case(String[] args, int code, String message) {}
        List<Case> cases = new ArrayList<>(List.of(
                new Case(args("search", FIXED), 1, "nothing to search"),
                new Case(args("search", TINY, "--budget", "macs<<3"), 2, "not a budget"),
                new Case(args("search", TINY, "--budget", "flops<=3M"), 2, "no metric `flops`"),
                new Case(args("search", TINY, "--budget", "latency<=5"), 2, "a unit is required"),
                new Case(args("search", TINY, "--objective", "accuracy"), 2, "no metric `accuracy`"),
                new Case(args("search", TINY, "--strategy", "bayes"), 2, "choose random, evolution or grid"),
                new Case(args("search", TINY, "--db", notDir.resolve("s.sqlite").toString()), 1, "does not exist"),
                new Case(args("search", TINY, "--db", text.toString()), 1, "not an SQLite database"),
                new Case(args("search", TINY, "--export", notDir.resolve("out").toString()), 2, "--export"),
                new Case(args("search", TINY, "--plot", tmp.resolve("front.gif").toString()), 2, ".png or .svg"),
                new Case(args("search", TINY, "--resume"), 2, "give its --db"),
                new Case(args("search", TINY, "--strategy", "grid", "--budget", "macs<=1K", "--export", tmp.resolve("none").toString()), 1,
                        "no candidate within the budgets among 12 evaluated")));
        for (Case c : cases) {
            Run r = snetc(c.args());
            assertEquals(c.code(), r.code(), String.join(" ", c.args()) + "\n" + r.err());
            assertTrue(r.err().contains(c.message()), String.join(" ", c.args()) + "\n" + r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
        assertEquals("not a database", Files.readString(text), "a file that is not a study is left as it was");
        assertFalse(Files.exists(tmp.resolve("none")), "nothing exported when nothing qualifies");
        assertFalse(Files.exists(notDir.resolveSibling("s.sqlite")));
    }
}

package dev.snet.compiler.search;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A search's record in an embedded SQLite database: one study per space file and settings, its
 * trials (state, encoding, seed, timings, note) and one row per metric value. Each trial is
 * committed as it finishes, so a run stopped at any point, even by {@code kill -9}, loses at most
 * the trials in flight; {@code --resume} replays the strategy and takes every trial already here
 * instead of measuring it again.
 *
 * <p>One process at a time: a study database is locked for the run by an OS lock on
 * {@code NAME.lock} beside it, which the OS releases if the process dies, and a second search on
 * it is refused. The lock file stays: deleting it would let a third process lock a new file while
 * a second still holds the old one.
 */
public final class Study implements AutoCloseable {
    /** A database that cannot be opened, locked or read, said in one line. */
    public static final class StudyException extends Exception {
        public StudyException(String message) { super(message); }
    }

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS study (
              id INTEGER PRIMARY KEY, space TEXT NOT NULL, space_sha256 TEXT NOT NULL, settings TEXT NOT NULL,
              created TEXT NOT NULL, snet TEXT NOT NULL, UNIQUE (space_sha256, settings));
            CREATE TABLE IF NOT EXISTS trial (
              study INTEGER NOT NULL REFERENCES study(id), number INTEGER NOT NULL, generation INTEGER NOT NULL,
              encoding TEXT NOT NULL, state TEXT NOT NULL, seed INTEGER NOT NULL, started_ms INTEGER NOT NULL,
              finished_ms INTEGER NOT NULL, note TEXT, PRIMARY KEY (study, number));
            CREATE TABLE IF NOT EXISTS metric (
              study INTEGER NOT NULL, trial INTEGER NOT NULL, name TEXT NOT NULL, value REAL,
              PRIMARY KEY (study, trial, name), FOREIGN KEY (study, trial) REFERENCES trial(study, number));
            """;

    private final Path path;
    private final Connection db;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private int study = -1;

    private Study(Path path, Connection db, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.db = db;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (creating if needed) and locks a study database. */
    public static Study open(Path path, boolean create) throws StudyException {
        Path abs = path.toAbsolutePath();
        if (Files.isDirectory(abs)) throw new StudyException("--db " + path + ": is a directory; give a file, e.g. " + path + "/study.sqlite");
        if (!create && !Files.exists(abs)) throw new StudyException("--db " + path + ": no such file");
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) throw new StudyException("--db " + path + ": directory " + dir + " does not exist");
        if (Files.exists(abs) && !Files.isWritable(abs)) throw new StudyException("--db " + path + ": not writable");
        if (!Files.exists(abs) && !Files.isWritable(dir)) throw new StudyException("--db " + path + ": cannot create it: directory " + dir + " is not writable");
        Path lockPath = dir.resolve(abs.getFileName() + ".lock");
        FileChannel channel = null;
        FileLock lock;
        boolean existed = Files.exists(abs);
        boolean lockExisted = Files.exists(lockPath);
        try {
            channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = channel.tryLock();
            if (lock == null) throw new StudyException("--db " + path + ": another snetc search is using this study; wait for it or give another --db");
        } catch (OverlappingFileLockException e) {
            close(channel);
            throw new StudyException("--db " + path + ": already open in this process");
        } catch (IOException e) {
            close(channel);
            throw new StudyException("--db " + path + ": cannot lock " + lockPath + ": " + e.getMessage());
        } catch (StudyException e) {
            close(channel);
            throw e;
        }
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + abs);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 5000");
                s.execute("PRAGMA foreign_keys = ON");
                s.execute("PRAGMA synchronous = NORMAL");
                for (String ddl : SCHEMA.split(";")) if (!ddl.isBlank()) s.execute(ddl);
            }
            return new Study(path, c, channel, lock);
        } catch (SQLException e) {
            release(channel, lock);
            if (!existed) {
                try {
                    if (!lockExisted) Files.deleteIfExists(lockPath);
                    Files.deleteIfExists(abs);
                } catch (IOException ignored) {
                    // reported below: the database could not be made
                }
            }
            throw new StudyException("--db " + path + ": " + (e.getMessage().contains("not a database") || e.getMessage().contains("SQLITE_NOTADB")
                    ? "not an SQLite database (snetc keeps studies in SQLite files; give a new file name)" : e.getMessage()));
        }
    }

    /**
     * Opens a study database to read, without its lock: {@code --show} works while a search is
     * writing (SQLite keeps readers consistent), and writes nothing, not even a lock file.
     */
    public static Study openReadOnly(Path path) throws StudyException {
        if (!Files.isRegularFile(path)) throw new StudyException("--db " + path + ": no such file");
        try {
            org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
            config.setReadOnly(true);
            config.setBusyTimeout(5000);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath(), config.toProperties());
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM study")) {
                r.next();
            }
            return new Study(path, c, null, null);
        } catch (SQLException e) {
            throw new StudyException("--db " + path + ": " + (e.getMessage().contains("no such table") || e.getMessage().contains("NOTADB")
                    || e.getMessage().contains("not a database") ? "not a snetc study (an SQLite file with its tables)" : e.getMessage()));
        }
    }

    /** The study for these settings: the existing one, or a new one unless {@code resume} asks for an existing one. */
    public boolean begin(String space, String spaceSha256, String settings, boolean resume, String snetVersion) throws StudyException {
        try {
            try (PreparedStatement q = db.prepareStatement("SELECT id FROM study WHERE space_sha256 = ? AND settings = ?")) {
                q.setString(1, spaceSha256);
                q.setString(2, settings);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        study = r.getInt(1);
                        if (!resume && trialCount() > 0) {
                            throw new StudyException("--db " + path + " already holds this study (" + trialCount() + " trials);"
                                    + " continue it with --resume, or give another --db");
                        }
                        return true;
                    }
                }
            }
            if (resume) throw new StudyException("--resume: " + path + " holds no study of this space with these settings"
                    + describeOthers() + "; drop --resume to start one");
            try (PreparedStatement ins = db.prepareStatement(
                    "INSERT INTO study (space, space_sha256, settings, created, snet) VALUES (?, ?, ?, datetime('now'), ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ins.setString(1, space);
                ins.setString(2, spaceSha256);
                ins.setString(3, settings);
                ins.setString(4, snetVersion);
                ins.executeUpdate();
                try (ResultSet k = ins.getGeneratedKeys()) {
                    k.next();
                    study = k.getInt(1);
                }
            }
            return false;
        } catch (SQLException e) {
            throw new StudyException("--db " + path + ": " + e.getMessage());
        }
    }

    private String describeOthers() throws SQLException {
        List<String> others = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT id, space, settings FROM study ORDER BY id")) {
            while (r.next()) others.add("study " + r.getInt(1) + " of " + r.getString(2) + " with " + r.getString(3));
        }
        return others.isEmpty() ? " (it holds no study)" : " (it holds: " + String.join("; ", others) + ")";
    }

    public int id() { return study; }

    public int trialCount() throws SQLException {
        try (PreparedStatement q = db.prepareStatement("SELECT count(*) FROM trial WHERE study = ?")) {
            q.setInt(1, study);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }

    /** The trials recorded so far, by number. */
    public Map<Integer, Trial> trials() throws StudyException {
        return trials(db, study);
    }

    private static Map<Integer, Trial> trials(Connection db, int study) throws StudyException {
        Map<Integer, Trial> out = new LinkedHashMap<>();
        try {
            Map<Integer, Map<Metric, Double>> metrics = new LinkedHashMap<>();
            try (PreparedStatement q = db.prepareStatement("SELECT trial, name, value FROM metric WHERE study = ?")) {
                q.setInt(1, study);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        Optional<Metric> m = Metric.named(r.getString(2));
                        double v = value(r.getObject(3));
                        if (m.isPresent()) metrics.computeIfAbsent(r.getInt(1), k -> new EnumMap<>(Metric.class)).put(m.get(), v);
                    }
                }
            }
            try (PreparedStatement q = db.prepareStatement(
                    "SELECT number, generation, encoding, state, seed, started_ms, finished_ms, note FROM trial WHERE study = ? ORDER BY number")) {
                q.setInt(1, study);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        int n = r.getInt(1);
                        out.put(n, new Trial(n, r.getInt(2), Candidate.parse(r.getString(3)), Trial.State.valueOf(r.getString(4)),
                                metrics.getOrDefault(n, Map.of()), r.getLong(5), r.getLong(6), r.getLong(7), r.getString(8)));
                    }
                }
            }
        } catch (SQLException | IllegalArgumentException e) {
            throw new StudyException("study database: " + e.getMessage());
        }
        return out;
    }

    /** A stored metric: a number, NULL for NaN, or the text inf / -inf. */
    private static double value(Object stored) {
        if (stored == null) return Double.NaN;
        if (stored instanceof Number n) return n.doubleValue();
        return switch (stored.toString()) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(stored.toString());
        };
    }

    /** Records a finished trial and its metrics in one transaction. */
    public synchronized void record(Trial t) throws StudyException {
        try {
            db.setAutoCommit(false);
            try (PreparedStatement ins = db.prepareStatement(
                    "INSERT OR REPLACE INTO trial (study, number, generation, encoding, state, seed, started_ms, finished_ms, note)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement met = db.prepareStatement("INSERT OR REPLACE INTO metric (study, trial, name, value) VALUES (?, ?, ?, ?)")) {
                ins.setInt(1, study);
                ins.setInt(2, t.number());
                ins.setInt(3, t.generation());
                ins.setString(4, t.candidate().encoding());
                ins.setString(5, t.state().name());
                ins.setLong(6, t.seed());
                ins.setLong(7, t.startedMillis());
                ins.setLong(8, t.finishedMillis());
                ins.setString(9, t.note());
                ins.executeUpdate();
                for (Map.Entry<Metric, Double> e : t.metrics().entrySet()) {
                    met.setInt(1, study);
                    met.setInt(2, t.number());
                    met.setString(3, e.getKey().key());
                    double v = e.getValue();
                    if (Double.isFinite(v)) met.setDouble(4, v);
                    else if (Double.isNaN(v)) met.setNull(4, java.sql.Types.REAL);
                    else met.setString(4, v > 0 ? "inf" : "-inf");  // SQLite has no infinities; NASWOT gives -inf for a singular K
                    met.addBatch();
                }
                met.executeBatch();
            }
            db.commit();
        } catch (SQLException e) {
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // the first failure is the one to report
            }
            throw new StudyException("cannot record trial " + t.number() + " in " + path + ": " + e.getMessage());
        } finally {
            try {
                db.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is closed or broken: the next call reports it
            }
        }
    }

    /** The studies in a database, for {@code --show}: id to (space, settings, the space's SHA-256). */
    public Map<Integer, String[]> studies() throws StudyException {
        Map<Integer, String[]> out = new LinkedHashMap<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT id, space, settings, space_sha256 FROM study ORDER BY id")) {
            while (r.next()) out.put(r.getInt(1), new String[] {r.getString(2), r.getString(3), r.getString(4)});
        } catch (SQLException e) {
            throw new StudyException("--db " + path + ": " + e.getMessage());
        }
        return out;
    }

    public void select(int id) { study = id; }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // every trial was committed when it finished
        }
        release(lockChannel, lock);
    }

    private static void release(FileChannel channel, FileLock lock) {
        if (lock == null) return;  // read-only: no lock was taken
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }
}

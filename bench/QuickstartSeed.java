import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeds the Quarkus Panache quickstart's table for bench/quickstart.sh: adds fruits to the three its
 * import.sql inserted until there are FRUITS rows (ids 1..FRUITS), moves its id sequence past them, runs
 * VACUUM (ANALYZE) and a CHECKPOINT, and writes a random sample of SAMPLE_SIZE ids. Run as a single-file
 * program (there is no psql in the embedded PostgreSQL binaries):
 *   java -cp postgresql.jar bench/QuickstartSeed.java JDBC_URL USER PASSWORD FRUITS IDS_OUT SAMPLE_SIZE
 * Prints "key=value" lines (seed_ms, fruits) that quickstart.sh reads.
 * With the single argument {@code --reads} instead of the last three, prints "reads=N": the rows PostgreSQL
 * has fetched from the fruit table by index so far (pg_stat_user_tables.idx_tup_fetch; a GET by id that
 * reaches the database fetches one), so that two calls around a load window tell how many requests the
 * quickstart answered from its second-level cache. The statistics are flushed after each transaction, so
 * the caller waits a second before asking.
 */
public class QuickstartSeed {

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[3].equals("--reads")) {
            try (Connection db = DriverManager.getConnection(args[0], args[1], args[2]);
                    Statement st = db.createStatement();
                    ResultSet rs = st.executeQuery("SELECT coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables "
                            + "WHERE relname = 'fruitentity'")) {
                System.out.println("reads=" + (rs.next() ? rs.getLong(1) : 0));
            }
            return;
        }
        if (args.length != 6) {
            System.err.println("usage: QuickstartSeed JDBC_URL USER PASSWORD FRUITS IDS_OUT SAMPLE_SIZE");
            System.err.println("       QuickstartSeed JDBC_URL USER PASSWORD --reads");
            System.exit(2);
        }
        long fruits = Long.parseLong(args[3]);
        int sample = Integer.parseInt(args[5]);
        try (Connection db = DriverManager.getConnection(args[0], args[1], args[2]);
                Statement st = db.createStatement()) {
            long start = System.nanoTime();
            // The table and sequence names are those Hibernate derives from the quickstart's FruitEntity.
            st.execute("INSERT INTO fruitentity (id, name) SELECT i, 'fruit-' || i "
                    + "FROM generate_series((SELECT coalesce(max(id), 0) + 1 FROM fruitentity), " + fruits + ") AS i");
            st.execute("ALTER SEQUENCE fruitentity_seq RESTART WITH " + (fruits + 1));
            // Separate statements: VACUUM cannot run inside a transaction. As in Seed.java: a settled
            // database rather than autovacuum and the checkpointer catching up with the bulk load.
            st.execute("VACUUM (ANALYZE) fruitentity");
            st.execute("CHECKPOINT");
            long millis = (System.nanoTime() - start) / 1_000_000;

            List<String> ids = new ArrayList<>(sample);
            try (ResultSet rs = st.executeQuery("SELECT id FROM fruitentity ORDER BY random() LIMIT " + sample)) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            Files.write(Path.of(args[4]), ids);
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM fruitentity")) {
                rs.next();
                System.out.println("fruits=" + rs.getLong(1));
            }
            System.out.println("seed_ms=" + millis);
        }
    }
}

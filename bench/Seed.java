import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads bench/seed.sql into the benchmark database and writes a sample of course ids for wrk.
 * Run as a single-file program (there is no psql in the embedded PostgreSQL binaries):
 *   java -cp postgresql.jar bench/Seed.java JDBC_URL USER PASSWORD SEED_SQL IDS_OUT SAMPLE_SIZE
 * Prints "seed_ms=N" and "courses=N" lines that run.sh reads.
 */
public class Seed {

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: Seed JDBC_URL USER PASSWORD SEED_SQL IDS_OUT SAMPLE_SIZE");
            System.exit(2);
        }
        String sql = Files.readString(Path.of(args[3]));
        int sample = Integer.parseInt(args[5]);
        try (Connection db = DriverManager.getConnection(args[0], args[1], args[2]);
                Statement st = db.createStatement()) {
            long start = System.nanoTime();
            st.execute(sql);
            // Separate statements: VACUUM cannot run in the implicit transaction of a multi-statement
            // execute. VACUUM sets hint bits and the visibility map, and the checkpoint flushes the load's
            // WAL, so that the benchmark measures a settled database rather than autovacuum and checkpoint
            // catching up with the bulk load.
            st.execute("VACUUM (ANALYZE) users");
            st.execute("VACUUM (ANALYZE) courses");
            st.execute("CHECKPOINT");
            long millis = (System.nanoTime() - start) / 1_000_000;

            List<String> ids = new ArrayList<>(sample);
            try (ResultSet rs = st.executeQuery("SELECT id FROM courses ORDER BY random() LIMIT " + sample)) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            Files.write(Path.of(args[4]), ids);

            try (ResultSet rs = st.executeQuery(
                    "SELECT count(*), count(*) FILTER (WHERE status = 'published') FROM courses")) {
                rs.next();
                System.out.println("courses=" + rs.getLong(1));
                System.out.println("published=" + rs.getLong(2));
            }
            System.out.println("seed_ms=" + millis);
        }
    }
}

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads bench/seed.sql into the benchmark database, writes a sample of course ids for wrk and the
 * (student, paid course) pairs for the write benchmark. Run as a single-file program (there is no psql in
 * the embedded PostgreSQL binaries):
 *   java -cp postgresql.jar bench/Seed.java JDBC_URL USER PASSWORD SEED_SQL IDS_OUT SAMPLE_SIZE PAIRS_OUT PAIRS
 * PAIRS_OUT gets PAIRS lines "userId<TAB>courseId<TAB>price<TAB>currency", each pair once, in random order.
 * Prints "key=value" lines (seed_ms, courses, published, students, pair_courses, pairs) that run.sh reads.
 */
public class Seed {

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("usage: Seed JDBC_URL USER PASSWORD SEED_SQL IDS_OUT SAMPLE_SIZE PAIRS_OUT PAIRS");
            System.exit(2);
        }
        String sql = Files.readString(Path.of(args[3]));
        int sample = Integer.parseInt(args[5]);
        int pairs = Integer.parseInt(args[7]);
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
            writePairs(db, pairs, Path.of(args[6]));
            System.out.println("seed_ms=" + millis);
        }
    }

    /**
     * Pairs of students and the published paid courses without a seat limit, so that every enrollment succeeds
     * and opens an invoice. Student j takes the k consecutive courses from j * k on (wrapping around), so a
     * student's courses are distinct and each course gets about the same number of students. The pairs are
     * shuffled, so that concurrent enrollments rarely queue on the same course row (enrolling locks it).
     */
    private static void writePairs(Connection db, int pairs, Path out) throws Exception {
        long students;
        long courses;
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT (SELECT count(*) FROM users WHERE role = 'student'),
                               (SELECT count(*) FROM courses
                                WHERE status = 'published' AND price_amount > 0 AND seat_capacity IS NULL)""")) {
            rs.next();
            students = rs.getLong(1);
            courses = rs.getLong(2);
        }
        if (students == 0) {
            throw new IllegalStateException("no students to enroll");
        }
        long perStudent = (pairs + students - 1) / students;
        if (perStudent > courses) {
            throw new IllegalStateException(pairs + " pairs need " + perStudent + " courses per student; there are "
                    + courses + " published paid courses without a seat limit");
        }
        try (Statement st = db.createStatement()) {
            st.execute("SELECT setseed(0.42)");  // the same shuffle every run
        }
        int written = 0;
        try (PreparedStatement ps = db.prepareStatement("""
                WITH c AS (SELECT id, price_amount, price_currency, row_number() OVER (ORDER BY id) - 1 AS i
                           FROM courses WHERE status = 'published' AND price_amount > 0 AND seat_capacity IS NULL),
                     s AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS j FROM users WHERE role = 'student')
                SELECT s.id, c.id, c.price_amount, c.price_currency
                FROM s CROSS JOIN generate_series(0, ? - 1) AS k
                     JOIN c ON c.i = (s.j * ? + k) % ?
                ORDER BY random()
                LIMIT ?""");
                BufferedWriter writer = Files.newBufferedWriter(out)) {
            ps.setLong(1, perStudent);
            ps.setLong(2, perStudent);
            ps.setLong(3, courses);
            ps.setInt(4, pairs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    writer.write(rs.getString(1) + '\t' + rs.getString(2) + '\t' + rs.getLong(3) + '\t' + rs.getString(4) + '\n');
                    written++;
                }
            }
        }
        if (written < pairs) {
            throw new IllegalStateException("only " + written + " pairs of " + pairs + " could be formed");
        }
        System.out.println("students=" + students);
        System.out.println("pair_courses=" + courses);
        System.out.println("pairs=" + written);
    }
}

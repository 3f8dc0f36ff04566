package dev.campus.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The authorization table (resource openapi/authorization-matrix.txt): for each operation, the status every kind
 * of caller gets. The one source of "who may call what" for the contract's descriptions (OpenApiCompletion)
 * and for AuthorizationMatrixTest, which calls every cell, so the documented rule cannot drift from the served one.
 */
public final class AuthorizationTable {

    private static final String RESOURCE = "/openapi/authorization-matrix.txt";

    private AuthorizationTable() {
    }

    /** The table as text: a header line of caller columns, then one line per operation id; comments dropped. */
    public static String text() {
        try (InputStream in = AuthorizationTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            StringBuilder table = new StringBuilder();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(line -> table.append(line).append('\n'));
            return table.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * "Who may call: ..." for an operation, from its row: a caller may call when their status is a success or a
     * refusal by state (409, 422); a student or instructor who may call only for their own resources is named
     * with "(own)". Null for an operation the table does not list.
     */
    public static String whoMayCall(String operationId) {
        List<String> lines = text().lines().toList();
        String[] columns = lines.get(0).split("\\s*\\|\\s*");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\\s*\\|\\s*");
            if (!cells[0].equals(operationId)) {
                continue;
            }
            List<String> callers = new ArrayList<>();
            for (int i = 1; i < columns.length; i++) {
                String column = columns[i];
                boolean allowed = allowed(cells[i]);
                if (column.endsWith(" own")) {
                    String role = column.substring(0, column.length() - 4);
                    boolean alsoOthers = i + 1 < columns.length && columns[i + 1].equals(role + " other") && allowed(cells[i + 1]);
                    if (allowed) {
                        callers.add(alsoOthers ? role : role + " (own)");
                    }
                    i++; // the "other" column is folded into this one
                } else if (allowed) {
                    callers.add(column);
                }
            }
            return "Who may call: " + (callers.isEmpty() ? "nobody" : String.join(", ", callers)) + ".";
        }
        return null;
    }

    private static boolean allowed(String status) {
        return status.startsWith("2") || status.equals("409") || status.equals("422");
    }
}

package dev.campus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;

/**
 * Rule: every way the connection pool says "no connection in time" is a database fault (503 with Retry-After),
 * never a 500. Found under overload by bench/run.sh: Agroal 3 throws a bare SQLException for it, which Hibernate
 * wraps in a GenericJDBCException.
 */
class DatabaseFaultsTest {

    @Test
    void aBareAgroalAcquisitionTimeoutIsADatabaseFault() {
        SQLException bare = new SQLException("Sorry, acquisition timeout!");
        assertThat(DatabaseProblems.isDatabaseFault(bare)).isTrue();
        assertThat(DatabaseProblems.isDatabaseFault(new GenericJDBCException("could not prepare statement", bare).getSQLException())).isTrue();
    }

    @Test
    void anAcquisitionTimeoutWithATimeoutCauseIsADatabaseFault() {
        assertThat(DatabaseProblems.isDatabaseFault(new SQLException("acquisition timeout", new TimeoutException()))).isTrue();
    }

    @Test
    void anOrdinarySqlErrorIsNot() {
        assertThat(DatabaseProblems.isDatabaseFault(new SQLException("syntax error", "42601"))).isFalse();
    }
}

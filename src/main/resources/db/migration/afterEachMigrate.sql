-- Flyway callback, run after each migration succeeded: the connection goes back to the application's pool, whose
-- requests run with the server's defaults, not with the migrations' timeouts (beforeEachMigrate.sql). After a failed
-- migration the start fails and the process exits: its pool goes with it.
RESET lock_timeout;
RESET statement_timeout;

-- Flyway callback, run before each pending migration on the connection that applies it (not a migration: it has no
-- version and no checksum). A migration waits at most 2 s for a lock: queued behind a long transaction, it would
-- otherwise make every request that touches the table wait behind it. It fails instead, so does the start, and
-- Kubernetes restarts the pod, which tries again, while the old pods keep serving. A statement stops after 25 s,
-- below the pool's socketTimeout (30 s); a migration that must run longer (CREATE INDEX CONCURRENTLY on a large
-- table, a backfill) says so itself (docs/development.md, "How to write a migration").
SET lock_timeout = '2s';
SET statement_timeout = '25s';

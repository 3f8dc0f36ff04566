-- Filters and sort orders of GET /api/v1/users. The id is the keyset tie-breaker of every order.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX users_role_idx ON users (role, created_at, id);
CREATE INDEX users_created_at_idx ON users (created_at, id);
CREATE INDEX users_display_name_idx ON users (display_name, id);
CREATE INDEX users_display_name_trgm_idx ON users USING gin (display_name gin_trgm_ops);
CREATE INDEX users_email_trgm_idx ON users USING gin (email gin_trgm_ops);

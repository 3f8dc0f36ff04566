-- The self-test of .ci/schema-compat-check applies this on top of the current schema, as if it were the current
-- code's newest migration: the check must fail. It breaks the rule the way V11 did (a new NOT NULL column without
-- a default): the previous release inserts enrollments without it, and each of those inserts fails.
ALTER TABLE enrollments ADD COLUMN enrolled_via varchar(20) NOT NULL;

-- Idempotency scopes are now stored as the SHA-256 (hex) of "sub:<token subject>\nPOST <path>", so that any
-- subject a verified token may carry fits the column. Keys stored before keep answering their retries: their
-- readable scope "user:<subject> POST <path>" is rewritten to the hash the service now computes.
UPDATE idempotency_keys
   SET scope = encode(sha256(convert_to('sub:' || m[1] || E'\n' || 'POST ' || m[2], 'UTF8')), 'hex')
  FROM (SELECT scope AS old_scope, regexp_match(scope, '^user:(.*) POST (/.*)$') AS m FROM idempotency_keys) parsed
 WHERE idempotency_keys.scope = parsed.old_scope AND parsed.m IS NOT NULL;

-- Anything else (anonymous scopes, which no longer occur) cannot be mapped and is dropped.
DELETE FROM idempotency_keys WHERE scope !~ '^[0-9a-f]{64}$';

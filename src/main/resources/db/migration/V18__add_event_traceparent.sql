-- The W3C traceparent of the request that wrote the event (null outside a trace), so that the Kafka relay's
-- producer span can link to it. A nullable column only: the previous release's inserts, which do not name it, keep
-- working.
ALTER TABLE events ADD COLUMN traceparent varchar(55);

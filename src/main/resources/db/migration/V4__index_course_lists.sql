-- Foreign key, filters and sort orders of GET /api/v1/courses.
CREATE INDEX courses_instructor_idx ON courses (instructor_id, created_at, id);
CREATE INDEX courses_status_idx ON courses (status, created_at, id);
CREATE INDEX courses_created_at_idx ON courses (created_at, id);
CREATE INDEX courses_title_idx ON courses (title, id);
CREATE INDEX courses_price_idx ON courses (price_amount, id);
CREATE INDEX courses_title_trgm_idx ON courses USING gin (title gin_trgm_ops);
CREATE INDEX courses_description_trgm_idx ON courses USING gin (description gin_trgm_ops);

-- Foreign keys, filters and the sort order (enrolledAt) of GET /api/v1/enrollments.
CREATE INDEX enrollments_user_idx ON enrollments (user_id, enrolled_at, id);
CREATE INDEX enrollments_course_idx ON enrollments (course_id, enrolled_at, id);
CREATE INDEX enrollments_status_idx ON enrollments (status, enrolled_at, id);
CREATE INDEX enrollments_enrolled_at_idx ON enrollments (enrolled_at, id);

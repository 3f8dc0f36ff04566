-- Lessons of a course, ordered by a gap-free position (1..n) that is unique per course.
CREATE TABLE lessons (
    id                uuid         PRIMARY KEY,
    course_id         uuid         NOT NULL,
    title             varchar(200) NOT NULL CHECK (length(btrim(title)) > 0),
    body              text         NOT NULL DEFAULT '',
    duration_minutes  integer      NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
    position          integer      NOT NULL CHECK (position >= 1),
    published         boolean      NOT NULL DEFAULT false,
    created_at        timestamptz  NOT NULL,
    updated_at        timestamptz  NOT NULL,
    version           bigint       NOT NULL DEFAULT 0,
    CONSTRAINT lessons_course_fk FOREIGN KEY (course_id) REFERENCES courses (id) ON DELETE CASCADE,
    -- Deferrable so that one UPDATE can renumber a whole course (reorder, insert, delete) without transient
    -- duplicates; it is still checked at the end of every statement.
    CONSTRAINT lessons_course_position_unique UNIQUE (course_id, position) DEFERRABLE INITIALLY IMMEDIATE
);
-- The unique constraint's index (course_id, position) serves the foreign key and the list order.

-- Learning progress: which lessons an enrollment has completed, and when.
CREATE TABLE lesson_completions (
    enrollment_id  uuid        NOT NULL,
    lesson_id      uuid        NOT NULL,
    completed_at   timestamptz NOT NULL,
    PRIMARY KEY (enrollment_id, lesson_id),
    CONSTRAINT lesson_completions_enrollment_fk FOREIGN KEY (enrollment_id) REFERENCES enrollments (id) ON DELETE CASCADE,
    -- Progress on a deleted lesson goes with it.
    CONSTRAINT lesson_completions_lesson_fk FOREIGN KEY (lesson_id) REFERENCES lessons (id) ON DELETE CASCADE
);

CREATE INDEX lesson_completions_lesson_idx ON lesson_completions (lesson_id);

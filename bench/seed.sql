-- Benchmark data: 50 instructors, 100,000 courses and 20,000 students, loaded after Flyway has created the
-- schema. The students are for the write benchmark (enroll and pay); no enrollments are loaded.
-- Every column is derived from the row number n, so each run loads the same data. Values are picked with
-- md5(n) rather than n % k so that status, price and title do not correlate with created_at (which
-- follows n): otherwise the status filter and the title/price orders would walk the same rows as createdAt.
-- Ids are UUIDv7-shaped (millisecond timestamp first), like the ones the app generates, so the primary key
-- index has the same insertion locality as in production.

INSERT INTO users (id, email, display_name, role, bio, time_zone, created_at, updated_at)
SELECT (lpad(to_hex((extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '7' || substr(md5('u' || n), 1, 3)
            || '8' || substr(md5('u' || n), 4, 15))::uuid,
       'instructor' || n || '@bench.campus.example',
       (ARRAY['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Linus', 'Ken', 'Frances'])[1 + n % 10]
            || ' ' || (ARRAY['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov'])[1 + n % 5] || ' ' || n,
       'instructor',
       'Teaches on Campus since ' || to_char(ts, 'YYYY') || '.',
       (ARRAY['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC'])[1 + n % 4],
       ts, ts
FROM generate_series(1, 50) AS n,
     LATERAL (SELECT timestamptz '2023-01-01 00:00:00+00' + n * interval '1 day') AS t(ts);

-- 100,000 courses created every ~5 minutes over about a year (2024-01-01 .. 2024-12-13).
WITH instructors AS (
    SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE email LIKE 'instructor%@bench.campus.example'
)
INSERT INTO courses (id, slug, title, description, instructor_id, status, price_amount, price_currency,
                     seat_capacity, published_at, archived_at, created_at, updated_at)
SELECT (lpad(to_hex((extract(epoch FROM c.ts) * 1000)::bigint), 12, '0') || '7' || substr(c.h, 1, 3)
            || '8' || substr(c.h, 4, 15))::uuid,
       -- unique thanks to the row number; matches ^[a-z0-9]+(-[a-z0-9]+)*$
       trim(BOTH '-' FROM regexp_replace(lower(c.title), '[^a-z0-9]+', '-', 'g')) || '-' || c.n,
       c.title,
       'Learn ' || c.topic || ' step by step: ' || c.level || ' lessons, exercises and a final project. '
            || 'Taught by practitioners; course #' || c.n || '.',
       (SELECT ids FROM instructors)[1 + c.n % 50],
       c.status,
       c.price,
       CASE WHEN c.r3 % 10 < 7 THEN 'EUR' ELSE 'USD' END,
       CASE WHEN c.r3 % 2 = 0 THEN NULL ELSE 10 + c.r3 % 491 END,
       CASE WHEN c.status <> 'draft' THEN c.ts + interval '2 days' END,
       CASE WHEN c.status = 'archived' THEN c.ts + interval '40 days' END,
       c.ts,
       c.ts + CASE c.status WHEN 'draft' THEN interval '3 hours' WHEN 'published' THEN interval '2 days'
                            ELSE interval '40 days' END
FROM (
    SELECT s.*,
           -- title from three word lists picked independently: ~9,000 distinct titles, many shared
           -- (so title order needs its id tie-breaker) and realistic words for q= search
           (ARRAY['Introduction to', 'Practical', 'Advanced', 'Mastering', 'Hands-on', 'Modern', 'Applied',
                  'The Complete Guide to', 'Fundamentals of', 'Effective', 'Professional', 'Essential',
                  'Zero to Hero:'])[1 + s.r1 % 13]
               || ' ' || s.topic ||
           (ARRAY['', '', '', ' for Beginners', ' for Professionals', ' in 30 Days', ' Bootcamp',
                  ': Best Practices', ': Projects', ' Crash Course', ' (2024 Edition)'])[1 + s.r2 % 11]
               || CASE WHEN s.r2 % 7 = 0 THEN ' Part ' || (1 + s.r1 % 5) ELSE '' END AS title,
           (ARRAY['beginner', 'intermediate', 'advanced'])[1 + s.r2 % 3] AS level,
           -- 60 % published, 25 % draft, 15 % archived
           CASE WHEN s.r3 % 100 < 60 THEN 'published' WHEN s.r3 % 100 < 85 THEN 'draft' ELSE 'archived' END AS status,
           -- 15 % free, the rest 9.00 .. 199.00 in steps of 0.50
           CASE WHEN s.r1 % 100 < 15 THEN 0 ELSE 900 + (s.r2 % 381) * 50 END AS price
    FROM (
        SELECT n, ts, h,
               ('x' || substr(h, 20, 7))::bit(28)::int AS r1,
               ('x' || substr(h, 27, 6))::bit(24)::int AS r2,
               ('x' || substr(md5('s' || n), 1, 7))::bit(28)::int AS r3,
               (ARRAY['SQL', 'PostgreSQL', 'Python', 'Java', 'Kotlin', 'Rust', 'Go', 'TypeScript', 'React',
                      'Kubernetes', 'Docker', 'Linux', 'Git', 'Machine Learning', 'Data Science', 'Statistics',
                      'Linear Algebra', 'Calculus', 'Watercolor Painting', 'Photography', 'Guitar',
                      'Piano', 'Spanish', 'Japanese', 'German', 'Public Speaking', 'Project Management',
                      'Product Design', 'UX Research', 'Accounting', 'Marketing', 'Negotiation', 'Cooking',
                      'Baking', 'Yoga', 'Chess', 'Creative Writing'])[1 + ('x' || substr(h, 16, 4))::bit(16)::int % 37] AS topic
        FROM generate_series(1, 100000) AS n,
             LATERAL (SELECT timestamptz '2024-01-01 00:00:00+00' + n * interval '5 minutes'
                                 + (n % 60) * interval '1 second',
                             md5(n::text)) AS g(ts, h)
    ) AS s
) AS c;

-- 20,000 students who signed up every ~25 minutes over 2024; the write benchmark enrolls them in paid courses.
INSERT INTO users (id, email, display_name, role, bio, time_zone, created_at, updated_at)
SELECT (lpad(to_hex((extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '7' || substr(md5('student' || n), 1, 3)
            || '8' || substr(md5('student' || n), 4, 15))::uuid,
       'student' || n || '@bench.campus.example',
       (ARRAY['Mia', 'Noah', 'Emma', 'Liam', 'Sofia', 'Lucas', 'Hana', 'Yuki', 'Omar', 'Lena'])[1 + n % 10]
            || ' ' || (ARRAY['Schmidt', 'Garcia', 'Tanaka', 'Smith', 'Rossi', 'Novak', 'Kim'])[1 + n % 7] || ' ' || n,
       'student',
       CASE WHEN n % 5 = 0 THEN 'Learning for fun and for work.' END,
       (ARRAY['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC', NULL])[1 + n % 5],
       ts, ts
FROM generate_series(1, 20000) AS n,
     LATERAL (SELECT timestamptz '2024-01-01 00:00:00+00' + n * interval '25 minutes' + (n % 60) * interval '1 second') AS t(ts);

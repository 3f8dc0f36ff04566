-- Demo data for dev mode only (flyway locations include db/demo in the dev profile). Idempotent: fixed ids
-- and ON CONFLICT (id) DO NOTHING, so it is safe against a database that already holds it.

-- Time-ordered (version 7 layout) ids derived from a kind and a number, stable across runs.
CREATE FUNCTION pg_temp.demo_id(kind text, n int) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
    SELECT (lpad(to_hex(1735689600000 + n * 1000 + length(kind)), 12, '0')
            || '7' || substr(md5(kind || n), 1, 3)
            || '8' || substr(md5(kind || n), 4, 15))::uuid
$$;

-- A dozen users of each role.
INSERT INTO users (id, email, display_name, role, bio, time_zone, created_at, updated_at)
SELECT pg_temp.demo_id(r.role, n),
       lower(f.first) || '.' || lower(l.last) || '.' || r.role || n || '@example.com',
       f.first || ' ' || l.last,
       r.role,
       CASE r.role WHEN 'instructor' THEN f.first || ' teaches ' || t.topic || ' and has shipped software for ' || (5 + n) || ' years.' END,
       (ARRAY['Europe/London', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney', NULL])[1 + n % 6],
       timestamptz '2025-01-01 09:00:00+00' + (r.ord * 12 + n) * interval '1 hour',
       timestamptz '2025-01-01 09:00:00+00' + (r.ord * 12 + n) * interval '1 hour'
FROM (VALUES ('student', 0), ('instructor', 1), ('admin', 2)) AS r(role, ord)
CROSS JOIN generate_series(1, 12) AS n
CROSS JOIN LATERAL (SELECT (ARRAY['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Linus', 'Frances', 'Ken', 'Radia', 'Niklaus'])[n] AS first) f
CROSS JOIN LATERAL (SELECT (ARRAY['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Torvalds', 'Allen', 'Thompson', 'Perlman', 'Wirth'])[1 + (n + r.ord * 5) % 12] AS last) l
CROSS JOIN LATERAL (SELECT (ARRAY['databases', 'distributed systems', 'compilers', 'algorithms', 'web APIs', 'testing'])[1 + n % 6] AS topic) t
ON CONFLICT (id) DO NOTHING;

-- Thirty courses taught by the instructors: drafts, published and archived, free and paid, some with seat limits.
INSERT INTO courses (id, slug, title, description, instructor_id, status, price_amount, price_currency, seat_capacity,
                     published_at, archived_at, created_at, updated_at)
SELECT pg_temp.demo_id('course', n),
       lower(regexp_replace(c.title, '[^A-Za-z0-9]+', '-', 'g')) || '-' || n,
       c.title || CASE WHEN n > 10 THEN ' ' || (ARRAY['II', 'III'])[1 + (n - 11) / 10] ELSE '' END,
       'A hands-on course on ' || lower(c.title) || ': short lessons, exercises and a final project.',
       pg_temp.demo_id('instructor', 1 + n % 12),
       s.status,
       (ARRAY[0, 1900, 4900, 9900, 14900])[1 + n % 5],
       (ARRAY['EUR', 'USD', 'EUR', 'GBP', 'EUR'])[1 + n % 5],
       CASE WHEN n % 4 = 0 THEN 10 + n END,
       CASE WHEN s.status <> 'draft' THEN timestamptz '2025-02-01 10:00:00+00' + n * interval '1 day' END,
       CASE WHEN s.status = 'archived' THEN timestamptz '2025-06-01 10:00:00+00' + n * interval '1 day' END,
       timestamptz '2025-01-15 10:00:00+00' + n * interval '1 day',
       timestamptz '2025-01-15 10:00:00+00' + n * interval '1 day'
FROM generate_series(1, 30) AS n
CROSS JOIN LATERAL (SELECT (ARRAY['Introduction to SQL', 'PostgreSQL Performance', 'REST API Design', 'Java Concurrency',
        'Quarkus in Practice', 'Testing Microservices', 'Kubernetes for Developers', 'Algorithms Refresher',
        'Event-Driven Architecture', 'Secure Coding'])[1 + (n - 1) % 10] AS title) c
CROSS JOIN LATERAL (SELECT (ARRAY['published', 'published', 'draft', 'published', 'archived'])[1 + n % 5] AS status) s
ON CONFLICT (id) DO NOTHING;

-- Four to eight lessons per course; every published or archived course has published lessons.
INSERT INTO lessons (id, course_id, title, body, duration_minutes, position, published, created_at, updated_at)
SELECT pg_temp.demo_id('lesson', n * 100 + p),
       pg_temp.demo_id('course', n),
       (ARRAY['Welcome and setup', 'Core concepts', 'A first working example', 'Going deeper', 'Common mistakes',
              'Performance', 'Project work', 'Wrap-up and next steps'])[p],
       '## ' || (ARRAY['Welcome and setup', 'Core concepts', 'A first working example', 'Going deeper', 'Common mistakes',
              'Performance', 'Project work', 'Wrap-up and next steps'])[p]
           || E'\n\nIn this lesson you will practise the ideas step by step.\n\n- read the notes\n- run the example\n- do the exercise',
       5 + (n * p) % 40,
       p,
       p < 4 + n % 5 OR n % 5 <> 2,
       timestamptz '2025-01-15 11:00:00+00' + n * interval '1 day' + p * interval '1 minute',
       timestamptz '2025-01-15 11:00:00+00' + n * interval '1 day' + p * interval '1 minute'
FROM generate_series(1, 30) AS n
CROSS JOIN generate_series(1, 8) AS p
WHERE p <= 4 + n % 5
ON CONFLICT (id) DO NOTHING;

-- Enrollments in every state: free and paid, pending, active, completed, cancelled (voided and refunded),
-- and one in a course archived since.
INSERT INTO enrollments (id, user_id, course_id, status, enrolled_at, activated_at, completed_at, cancelled_at, cancellation_reason, created_at, updated_at)
SELECT pg_temp.demo_id('enrollment', e.n), pg_temp.demo_id('student', e.student), pg_temp.demo_id('course', e.course), e.status,
       t.at,
       CASE WHEN e.status IN ('active', 'completed') OR e.invoice = 'refunded' THEN t.at + interval '1 hour' END,
       CASE WHEN e.status = 'completed' THEN t.at + interval '10 days' END,
       CASE WHEN e.status = 'cancelled' THEN t.at + interval '2 days' END,
       CASE WHEN e.status = 'cancelled' THEN (CASE e.invoice WHEN 'refunded' THEN 'invoice_refunded' ELSE 'invoice_voided' END) END,
       t.at, t.at
FROM (VALUES (1, 1, 5, 'active', NULL), (2, 2, 5, 'completed', NULL), (3, 3, 1, 'pending_payment', 'open'),
             (4, 4, 1, 'active', 'paid'), (5, 5, 6, 'cancelled', 'void'), (6, 6, 6, 'cancelled', 'refunded'),
             (7, 7, 3, 'active', 'paid'), (8, 8, 4, 'active', 'paid'), (9, 9, 10, 'active', NULL),
             (10, 10, 11, 'pending_payment', 'open')) AS e(n, student, course, status, invoice)
CROSS JOIN LATERAL (SELECT timestamptz '2025-03-01 12:00:00+00' + e.n * interval '1 day' AS at) t
ON CONFLICT (id) DO NOTHING;

-- Open invoices are due two days after the demo starts, so that the expiry job leaves them pending meanwhile.
INSERT INTO invoices (id, user_id, enrollment_id, amount, currency, status, paid_at, voided_at, refunded_at, due_at, created_at, updated_at)
SELECT pg_temp.demo_id('invoice', e.n), en.user_id, en.id, c.price_amount, c.price_currency, e.invoice,
       CASE WHEN e.invoice IN ('paid', 'refunded') THEN en.enrolled_at + interval '1 hour' END,
       CASE WHEN e.invoice = 'void' THEN en.enrolled_at + interval '2 days' END,
       CASE WHEN e.invoice = 'refunded' THEN en.enrolled_at + interval '2 days' END,
       CASE WHEN e.invoice = 'open' THEN now() + interval '48 hours' ELSE en.enrolled_at + interval '48 hours' END,
       en.enrolled_at, en.enrolled_at
FROM (VALUES (3, 'open'), (4, 'paid'), (5, 'void'), (6, 'refunded'), (7, 'paid'), (8, 'paid'), (10, 'open')) AS e(n, invoice)
JOIN enrollments en ON en.id = pg_temp.demo_id('enrollment', e.n)
JOIN courses c ON c.id = en.course_id
ON CONFLICT (id) DO NOTHING;

INSERT INTO payments (id, invoice_id, payment_reference, amount, currency, paid_at)
SELECT pg_temp.demo_id('payment', e.n), i.id, 'psp_demo_' || e.n, i.amount, i.currency, i.paid_at
FROM (VALUES (4), (6), (7), (8)) AS e(n)
JOIN invoices i ON i.id = pg_temp.demo_id('invoice', e.n)
ON CONFLICT (id) DO NOTHING;

-- Progress: half of course 5 for one student, all of it (hence completed) for another.
INSERT INTO lesson_completions (enrollment_id, lesson_id, completed_at)
SELECT pg_temp.demo_id('enrollment', p.enrollment), pg_temp.demo_id('lesson', 5 * 100 + p.lesson),
       timestamptz '2025-03-05 12:00:00+00' + p.lesson * interval '1 day'
FROM (VALUES (1, 1), (1, 2), (2, 1), (2, 2), (2, 3), (2, 4)) AS p(enrollment, lesson)
ON CONFLICT DO NOTHING;

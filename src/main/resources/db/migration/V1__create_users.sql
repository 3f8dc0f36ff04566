-- Users: profiles of students, instructors and admins.
CREATE TABLE users (
    id           uuid         PRIMARY KEY,
    email        varchar(254) NOT NULL CHECK (email = btrim(email) AND email LIKE '_%@_%'),
    display_name varchar(100) NOT NULL CHECK (length(btrim(display_name)) > 0),
    role         varchar(20)  NOT NULL CHECK (role IN ('student', 'instructor', 'admin')),
    bio          varchar(2000),
    time_zone    varchar(64),
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    version      bigint       NOT NULL DEFAULT 0
);

-- Emails are unique whatever their letter case; also serves ?email= lookups.
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));

/**
 * Feature: the catalogue, courses and their lessons (a lesson is a course's child and lives with it). Depends on
 * {@code user} (instructors) and {@code shared}; implements the user feature's {@link
 * dev.campus.user.RoleChangeRule}. Used by enrollment and billing, never the other way round.
 */
package dev.campus.course;

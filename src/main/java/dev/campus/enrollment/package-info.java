/**
 * Feature: enrollments of users in courses and their learning progress. Depends on {@code course}, {@code user}
 * and {@code shared}; what it needs of billing it declares as {@link dev.campus.enrollment.EnrollmentInvoices},
 * which billing implements, so billing depends on enrollment and never back.
 */
package dev.campus.enrollment;

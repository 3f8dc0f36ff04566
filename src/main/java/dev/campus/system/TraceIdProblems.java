package dev.campus.system;

import jakarta.inject.Singleton;

import dev.campus.shared.TraceIds;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemPostProcessor;
import io.quarkus.arc.Unremovable;

/**
 * Adds the request's trace id to every problem the exception mappers answer with, as the extension member
 * {@code traceId} (problems answered below Quarkus REST get it from {@code Problems.json}).
 */
@Singleton
@Unremovable
public class TraceIdProblems implements ProblemPostProcessor {

    /** Last: after the problem is complete (ProblemCompletion, 100; the library's instance default, 99). */
    @Override
    public int priority() {
        return 10;
    }

    @Override
    public HttpProblem apply(HttpProblem problem, ProblemContext context) {
        String traceId = TraceIds.current();
        if (traceId == null || problem.getParameters().containsKey(TraceIds.MEMBER)) {
            return problem;
        }
        return HttpProblem.builder(problem).with(TraceIds.MEMBER, traceId).build();
    }
}

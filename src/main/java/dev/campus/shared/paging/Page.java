package dev.campus.shared.paging;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list and the cursor of the next one (null on the last page). */
public record Page<T>(
        @Schema(required = true, description = "The items of this page, in the requested order") List<T> items,
        @Schema(description = "Opaque cursor of the next page; null on the last page", nullable = true) String nextCursor) {

    public <R> Page<R> map(Function<? super T, R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor);
    }
}

package dev.campus.shared;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.common.util.Encode;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Text PostgreSQL stores exactly as sent: no NUL (U+0000, which a text column refuses) and no unpaired UTF-16
 * surrogate (which has no UTF-8 form, so the driver would store '?'), sent as well-formed UTF-8 (no overlong
 * form, no stray byte). One rule, checked where text enters: every JSON body and every string in it ({@link Json})
 * and every path and query parameter ({@link Parameters}).
 * Headers the service stores (Idempotency-Key) are held to visible ASCII where they are read.
 */
public final class StorableText {

    public static final String MESSAGE = "must be text without NUL characters or unpaired UTF-16 surrogates";
    public static final String NOT_UTF8_MESSAGE = "is not well-formed UTF-8 (RFC 8259, 8.1)";
    static final String PARAMETER_MESSAGE = "must be percent-encoded UTF-8 text without NUL characters or unpaired surrogates";

    private StorableText() {
    }

    /** True when the text holds no NUL and every surrogate is half of a pair. */
    public static boolean isStorable(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000' || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /**
     * Decodes percent-encoded text as received (a path segment, a query name or value), refusing what a lenient
     * decoder would silently replace with U+FFFD: a bad escape, or bytes that are not UTF-8 (which is how an
     * unpaired surrogate arrives: %ED%A0%80). Null when the text is not exactly decodable.
     */
    static String decodeExactly(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c <= 0xFF) {
                bytes.write(c); // the HTTP layer hands raw request-line bytes over as ISO-8859-1 characters
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Whether a parameter as received decodes exactly to storable text. */
    static boolean isStorableParameter(String raw) {
        String text = decodeExactly(raw);
        return text != null && isStorable(text);
    }

    /** What a JSON string holding unstorable text is refused with; {@link JsonProblems} names the field. */
    public static final class Refused extends MismatchedInputException {
        Refused(JsonParser parser) {
            super(parser, "text " + MESSAGE, String.class);
        }
    }

    /** What a JSON body whose bytes are not UTF-8 is refused with (the body as a whole: no field is named). */
    public static final class NotUtf8 extends JsonParseException {
        NotUtf8() {
            super((JsonParser) null, NOT_UTF8_MESSAGE);
        }
    }

    /**
     * Every JSON string bound to a request (records, lists, merge patches) passes the rule, and every JSON body
     * read from bytes is first checked to be UTF-8 (RFC 8259, 8.1) by the JDK's strict decoder: Jackson's own
     * decoder reads an overlong form (C0 AF) as the character it spells ("/"), where a filter in front of the
     * service sees no such character, so the two would disagree about what the text says.
     */
    @Singleton
    public static class Json implements ObjectMapperCustomizer {

        @Override
        @SuppressWarnings("deprecation") // the factory of a built mapper has no other way to take a decorator
        public void customize(ObjectMapper mapper) {
            mapper.registerModule(new SimpleModule("storable-text").addDeserializer(String.class, new Deserializer()));
            mapper.getFactory().setInputDecorator(new Utf8Only());
        }
    }

    /** Refuses, before parsing, a JSON document read from bytes that are not well-formed UTF-8. */
    static final class Utf8Only extends InputDecorator {

        @Override
        public InputStream decorate(IOContext context, InputStream in) throws IOException {
            byte[] bytes = in.readAllBytes(); // bounded by quarkus.http.limits.max-body-size
            requireUtf8(bytes, 0, bytes.length);
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public InputStream decorate(IOContext context, byte[] bytes, int offset, int length) throws IOException {
            requireUtf8(bytes, offset, length);
            return null; // read as given
        }

        @Override
        public Reader decorate(IOContext context, Reader reader) {
            return reader; // characters, decoded already
        }

        private static void requireUtf8(byte[] bytes, int offset, int length) throws NotUtf8 {
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, offset, length));
            } catch (CharacterCodingException e) {
                throw new NotUtf8();
            }
        }
    }

    static final class Deserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            if (text != null && !isStorable(text)) {
                throw new Refused(parser);
            }
            return text;
        }
    }

    /**
     * Path and query parameters, checked as received (before percent-decoding hides a bad byte) once the
     * operation is matched; a refused one is a 400 naming it. Runs after the authentication filters.
     */
    public static class Parameters {

        @ServerRequestFilter(priority = Priorities.USER)
        public void check(UriInfo uri, HttpServerRequest request) {
            checkPath(uri.getPathParameters(), request.path());
            String query = request.query();
            if (query == null || query.isEmpty()) {
                return;
            }
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String rawName = (equals < 0 ? pair : pair.substring(0, equals)).replace('+', ' ');
                String name = decodeExactly(rawName);
                if (name == null || !isStorable(name)) {
                    throw Problems.invalid("query", name == null ? rawName : name, PARAMETER_MESSAGE);
                }
                if (equals >= 0 && !isStorableParameter(pair.substring(equals + 1))) {
                    throw Problems.invalid("query", name, PARAMETER_MESSAGE);
                }
            }
        }

        /** A segment can be refused only where a parameter matched it: fixed segments match their own text. */
        private static void checkPath(Map<String, List<String>> parameters, String rawPath) {
            if (parameters.isEmpty()) {
                return;
            }
            for (String segment : rawPath.split("/")) {
                if (!isStorableParameter(segment)) {
                    String value = Encode.decodePath(segment);
                    String name = parameters.entrySet().stream().filter(parameter -> parameter.getValue().contains(value))
                            .map(Map.Entry::getKey).findFirst().orElse(parameters.keySet().iterator().next());
                    throw Problems.invalid("path", name, PARAMETER_MESSAGE);
                }
            }
        }
    }
}

package dev.campus.system;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * A Quarkus setting that follows from whether one Campus variable is set: when {@code variable} is set (non-blank) or,
 * for {@code whenSet == false}, unset, {@code property} takes {@code value}. The source has ordinal 50, below
 * application.properties (250) and the environment (300), which can always overrule it. Registered per subclass in
 * META-INF/services/io.smallrye.config.ConfigSourceFactory.
 */
abstract class ConfigSwitch implements ConfigSourceFactory {

    private final String variable;
    private final boolean whenSet;
    private final String property;
    private final String value;

    ConfigSwitch(String variable, boolean whenSet, String property, String value) {
        this.variable = variable;
        this.whenSet = whenSet;
        this.property = property;
        this.value = value;
    }

    /** Returns the one-property source when the variable is (or, per whenSet, is not) set; otherwise none. */
    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String current = context.getValue(variable).getValue();
        boolean set = current != null && !current.isBlank();
        if (set != whenSet) {
            return List.of();
        }
        String name = property + "=" + value + " because " + variable + (whenSet ? " is set" : " is not set");
        return List.of(new MapBackedConfigSource(name, Map.of(property, value), 50) {
        });
    }

    /** Returns 50: below application.properties (250) and the environment (300). */
    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(50);
    }
}

package dev.campus;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.persistence.Entity;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import dev.campus.shared.ApiEnum;
import dev.campus.shared.VersionedEntity;
import dev.campus.system.ApiEnumSchemas;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The module rules of the code base, the map of docs/development.md's Layout: features depend one way (billing -> enrollment ->
 * course -> user), all of them on the toolkit {@code shared} (with {@code shared.paging}), which depends on no
 * feature; {@code event} (the feed) and {@code webhook} sit on top of every feature and nothing below depends on them; {@code system} (framework wiring) and {@code devmode} (dev-only code) are imported by nothing outside
 * them; a feature's HTTP resource is its own; entities stay behind DTOs.
 */
class ArchitectureTest {

    // ArchUnit fails a rule whose "that" part matches nothing, so none of these passes because nothing was imported.

    static final String ROOT = "dev.campus";
    static final String SHARED = ROOT + ".shared";
    static final String SYSTEM = ROOT + ".system";
    static final String DEVMODE = ROOT + ".devmode";
    static final List<String> BELOW = List.of("user", "course", "enrollment", "billing");
    /** Built on every feature (events feed, webhooks): no feature may depend on them. */
    static final List<String> ON_TOP = List.of("event", "webhook", "kafka");
    /** Each feature and the features it may depend on: the one direction, stated once. */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "user", Set.of(),
            "course", Set.of("user"),
            "enrollment", Set.of("course", "user"),
            "billing", Set.of("enrollment", "course", "user"),
            "event", Set.of("billing", "enrollment", "course", "user", "webhook"),
            "webhook", Set.of("billing", "enrollment", "course", "user", "event"),
            "kafka", Set.of("event"));
    static final List<String> FEATURES = List.of("user", "course", "enrollment", "billing", "event", "webhook", "kafka");

    static final JavaClasses MAIN_CLASSES = importMainClasses();

    /**
     * The main classes of dev.campus. Types they merely refer to (JAX-RS, JPA, Quarkus...) stay stubs known by
     * name, which is all the rules need; resolving them from the class path would take seconds.
     */
    static JavaClasses importMainClasses() {
        ArchConfiguration configuration = ArchConfiguration.get();
        boolean resolve = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        try {
            return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    static String[] featurePackages() {
        return FEATURES.stream().map(feature -> ROOT + "." + feature + "..").toArray(String[]::new);
    }

    /** The feature a class belongs to: "user" for dev.campus.user.*, empty for shared and the root. */
    static Optional<String> featureOf(JavaClass type) {
        String name = type.getPackageName();
        for (String feature : FEATURES) {
            String pkg = ROOT + "." + feature;
            if (name.equals(pkg) || name.startsWith(pkg + ".")) {
                return Optional.of(feature);
            }
        }
        return Optional.empty();
    }

    static boolean isEntity(JavaClass type) {
        return type.isAnnotatedWith(Entity.class);
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles()
                .because("a cycle between features means neither can be understood, changed or tested alone")
                .check(MAIN_CLASSES);
    }

    @Test
    void noFeatureAndNothingSharedDependsOnTheEventsFeedOrWebhooks() {
        String[] below = BELOW.stream().map(feature -> ROOT + "." + feature + "..").toArray(String[]::new);
        noClasses().that().resideInAnyPackage(below).or().resideInAPackage(SHARED + "..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".event..", ROOT + ".webhook..")
                .because("features report their changes through shared.events; the feed and the webhooks are built on top of them")
                .check(MAIN_CLASSES);
    }

    @Test
    void featuresDependOnlyOnTheFeaturesBelowThem() {
        classes().that().resideInAnyPackage(featurePackages())
                .should(new ArchCondition<JavaClass>("depend only on the features below their own (" + ALLOWED + ")") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        String feature = featureOf(origin).orElseThrow();
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            featureOf(dependency.getTargetClass())
                                    .filter(target -> !target.equals(feature) && !ALLOWED.get(feature).contains(target))
                                    .ifPresent(target -> events.add(SimpleConditionEvent.violated(dependency,
                                            feature + " may not depend on " + target + ": " + dependency.getDescription())));
                        }
                    }
                })
                .because("dependencies run billing -> enrollment -> course -> user; a lower feature that needs a higher one"
                        + " declares an interface the higher one implements (RoleChangeRule, EnrollmentInvoices)")
                .check(MAIN_CLASSES);
    }

    @Test
    void sharedDependsOnNoFeatureNorOnSystemOrDevmode() {
        noClasses().that().resideInAPackage(SHARED + "..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(featurePackages(), SYSTEM + "..", DEVMODE + ".."))
                .because("shared is the toolkit every feature builds on; a dependency back would tie all features together")
                .check(MAIN_CLASSES);
    }

    @Test
    void pagingBuildsOnlyOnShared() {
        noClasses().that().resideInAPackage(SHARED + ".paging..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(featurePackages(), SYSTEM + "..", DEVMODE + ".."))
                .because("paging is part of the toolkit")
                .check(MAIN_CLASSES);
    }

    @Test
    void nothingOutsideSystemUsesSystem() {
        noClasses().that().resideOutsideOfPackage(SYSTEM + "..").and().doNotHaveFullyQualifiedName(ROOT + ".Main")
                .should().dependOnClassesThat().resideInAPackage(SYSTEM + "..")
                .because("system is framework wiring (mappers, filters, OpenAPI completion, startup checks) that features"
                        + " reach only through the framework; Main sets up the HTTP layer before Quarkus starts")
                .check(MAIN_CLASSES);
    }

    @Test
    void nothingOutsideDevmodeUsesDevmode() {
        noClasses().that().resideOutsideOfPackage(DEVMODE + "..")
                .should().dependOnClassesThat().resideInAPackage(DEVMODE + "..")
                .because("dev-only code must be removable from the production build without breaking it")
                .check(MAIN_CLASSES);
    }

    @Test
    void devmodeEndpointsExistOnlyInTheDevProfile() {
        classes().that().resideInAPackage(DEVMODE + "..").and().areAnnotatedWith(Path.class)
                .should().beAnnotatedWith(IfBuildProfile.class)
                .because("a token endpoint in production would let anybody sign in as anybody")
                .check(MAIN_CLASSES);
    }

    @Test
    void everyPackageSaysWhatBelongsThereInAPackageInfo() {
        List<String> missing = MAIN_CLASSES.stream().map(JavaClass::getPackage)
                .filter(javaPackage -> !javaPackage.getName().equals(ROOT))
                .distinct()
                .filter(javaPackage -> javaPackage.tryGetPackageInfo().isEmpty())
                .map(JavaPackage::getName)
                .sorted()
                .toList();
        org.assertj.core.api.Assertions.assertThat(missing).as("packages without package-info.java").isEmpty();
    }

    @Test
    void everyApiEnumComponentHasItsValuesWrittenFromJava() {
        classes().that().implement(ApiEnum.class).and().doNotHaveSimpleName("CancellationReason")
                .should(new ArchCondition<JavaClass>("be listed by ApiEnumSchemas, which writes its values into the OpenAPI document") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        if (ApiEnumSchemas.types().stream().noneMatch(listed -> listed.getName().equals(type.getName()))) {
                            events.add(SimpleConditionEvent.violated(type, type.getName() + " is not listed in ApiEnumSchemas"));
                        }
                    }
                })
                .because("enum values are written once, in Java; the contract reads them from there (CancellationReason is"
                        + " the one enum the contract keeps inline, nullable, on EnrollmentResponse)")
                .check(MAIN_CLASSES);
    }

    static String[] concat(String[] packages, String... more) {
        return Stream.concat(Stream.of(packages), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void noClassOutsideAFeatureUsesThatFeaturesResource() {
        classes().should(new ArchCondition<JavaClass>("not use the *Resource class of another feature") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    Optional<String> targetFeature = featureOf(target);
                    if (targetFeature.isPresent() && target.getSimpleName().endsWith("Resource")
                            && !targetFeature.equals(featureOf(origin))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        }).because("a feature's HTTP resource is its adapter to the outside; other code uses the feature's entities and services")
                .check(MAIN_CLASSES);
    }

    @Test
    void resourcesExposeNoEntityInAPublicMethodSignature() {
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(Path.class).and().arePublic()
                .should(new ArchCondition<JavaMethod>("not take or return a JPA entity, also not as a type argument (RestResponse<E>, Page<E>, List<E>)") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        Stream.concat(Stream.of(method.getReturnType()), method.getParameterTypes().stream())
                                .map(JavaType::getAllInvolvedRawTypes)
                                .flatMap(java.util.Set::stream)
                                .filter(ArchitectureTest::isEntity)
                                .distinct()
                                .forEach(entity -> events.add(SimpleConditionEvent.violated(method,
                                        method.getFullName() + " exposes entity " + entity.getName() + " in "
                                                + method.getSourceCodeLocation())));
                    }
                })
                .because("requests and responses are DTOs, so the contract does not move when the table does")
                .check(MAIN_CLASSES);
    }

    @Test
    void entitiesLiveInFeaturePackagesAndAreActiveRecords() {
        classes().that().areAnnotatedWith(Entity.class)
                .should().resideInAnyPackage(featurePackages())
                .andShould().beAssignableTo(PanacheEntityBase.class)
                .because("every table belongs to one feature, and entities carry their own finders")
                .check(MAIN_CLASSES);
    }

    @Test
    void resourcesWithAnIdAndAVersionAreVersionedEntities() {
        classes().that().areAnnotatedWith(Entity.class).and().areNotAssignableTo(VersionedEntity.class)
                .should().haveSimpleNameEndingWith("Completion").orShould().haveSimpleName("Payment")
                .orShould().haveSimpleName("Event").orShould().haveSimpleName("WebhookDelivery")
                .because("every mutable resource has an id, a version (ETag) and timestamps; only write-once records"
                        + " (lesson completions, payments) do without")
                .check(MAIN_CLASSES);
    }

    @Test
    void noClassUsesClassForName() {
        noClasses().should().accessTargetWhere(DescribedPredicate.describe("Class.forName",
                        (JavaAccess<?> access) -> access.getTargetOwner().isEquivalentTo(Class.class)
                                && access.getName().equals("forName")))
                .because("reflection by name hides dependencies from the compiler and breaks native images")
                .check(MAIN_CLASSES);
    }

    @Test
    void everyListNamesItsCursorsUniquely() throws ReflectiveOperationException {
        Map<String, String> owners = new java.util.HashMap<>();
        for (JavaClass type : MAIN_CLASSES) {
            Optional<com.tngtech.archunit.core.domain.JavaField> field = type.tryGetField("SORTING");
            if (field.isPresent() && field.get().getRawType().isEquivalentTo(dev.campus.shared.paging.Sorting.class)) {
                String list = ((dev.campus.shared.paging.Sorting<?>) field.get().reflect().get(null)).list();
                String previous = owners.put(list, type.getName());
                org.junit.jupiter.api.Assertions.assertNull(previous, "list name '" + list + "' is used by "
                        + previous + " and " + type.getName() + ": a cursor of one would be read by the other");
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(owners.size() >= 8, "found the lists " + owners);
    }
}

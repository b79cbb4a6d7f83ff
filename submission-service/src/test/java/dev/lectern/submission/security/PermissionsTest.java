package dev.lectern.submission.security;

import dev.lectern.platform.security.Caller;

import dev.lectern.submission.event.EventResource;
import dev.lectern.submission.importing.ImportResource;
import dev.lectern.platform.problem.ProblemException;
import dev.lectern.submission.proposal.EventProposalResource;
import dev.lectern.submission.proposal.ProposalResource;
import dev.lectern.submission.security.Permissions.Action;
import dev.lectern.submission.security.Permissions.Facts;
import jakarta.ws.rs.HttpMethod;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The permission table as written in {@link Permissions}' javadoc is the one that governs the routes, and it decides
 * every cell as it says: plain JUnit, no service.
 */
class PermissionsTest {

    /** Every resource class of the service; {@link #theResourceListIsComplete} keeps it so. */
    static final List<Class<?>> RESOURCES = List.of(EventResource.class, EventProposalResource.class,
            ProposalResource.class, ImportResource.class);

    @Test
    void everyRouteIsGovernedByExactlyTheRowTheTableDocuments() throws IOException {
        Map<String, Action> documented = documentedRoutes();
        Map<String, Action> served = new TreeMap<>();
        for (Class<?> resource : RESOURCES) {
            jakarta.ws.rs.Path root = resource.getAnnotation(jakarta.ws.rs.Path.class);
            for (Method method : resource.getDeclaredMethods()) {
                String http = httpMethod(method);
                if (http == null) {
                    continue;
                }
                jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                String path = ("/" + root.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/")
                        .replaceAll("(.)/$", "$1");
                Requires requires = method.getAnnotation(Requires.class);
                assertNotNull(requires, http + " " + path + " names no row of the permission table (@Requires)");
                served.put(http + " " + path, requires.value());
            }
        }
        assertEquals(documented, served);
        // Every row of the table governs some route.
        assertEquals(EnumSet.allOf(Action.class), EnumSet.copyOf(served.values()));
    }

    @Test
    void theResourceListIsComplete() throws IOException {
        Path classes = Path.of("target", "classes");
        List<String> found = new ArrayList<>();
        try (var files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, PermissionsTest.class.getClassLoader());
                    if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                        found.add(type.getName());
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // not a class this test can load: not a resource either
                }
            }
        }
        assertEquals(Set.copyOf(RESOURCES.stream().map(Class::getName).toList()), Set.copyOf(found));
    }

    @Test
    void anonymousCallersMayOnlyReadEvents() {
        for (Action action : Action.values()) {
            if (action == Action.EVENT_READ) {
                assertDoesNotThrow(() -> Permissions.requireRole(Caller.ANONYMOUS, action, "e"));
            } else {
                assertEquals(401, refusal(() -> Permissions.requireRole(Caller.ANONYMOUS, action, "e")));
                assertEquals(401, refusal(() -> Permissions.require(Caller.ANONYMOUS, action, Facts.proposal("e", true))));
            }
        }
    }

    @Test
    void organizerRowsNeedTheRoleForEveryEventOrThisOne() {
        Caller unscoped = caller("organizer");
        Caller scoped = caller("organizer:e");
        Caller elsewhere = caller("organizer:other");
        Caller speaker = caller("speaker");
        for (Action action : List.of(Action.EVENT_UPDATE, Action.EVENT_PROPOSALS_READ, Action.EVENT_IMPORT)) {
            assertDoesNotThrow(() -> Permissions.require(unscoped, action, Facts.event("e")));
            assertDoesNotThrow(() -> Permissions.require(scoped, action, Facts.event("e")));
            assertEquals(403, refusal(() -> Permissions.require(elsewhere, action, Facts.event("e"))));
            assertEquals(403, refusal(() -> Permissions.require(speaker, action, Facts.event("e"))));
        }
        assertDoesNotThrow(() -> Permissions.require(unscoped, Action.EVENT_CREATE, Facts.event("e")));
        assertEquals(403, refusal(() -> Permissions.require(scoped, Action.EVENT_CREATE, Facts.event("e"))));
        assertEquals(403, refusal(() -> Permissions.require(speaker, Action.EVENT_CREATE, Facts.event("e"))));
    }

    @Test
    void aProposalIsCreatedBySpeakersOrTheEventsOrganizersNamingThemselvesAmongItsSpeakers() {
        assertDoesNotThrow(() -> Permissions.require(caller("speaker"), Action.PROPOSAL_CREATE, Facts.event("e")));
        assertDoesNotThrow(() -> Permissions.require(caller("organizer:e"), Action.PROPOSAL_CREATE, Facts.event("e")));
        assertEquals(403, refusal(() -> Permissions.require(caller("reviewer"), Action.PROPOSAL_CREATE, Facts.event("e"))));
        ProblemException notNamed = assertThrows(ProblemException.class, () ->
                Permissions.require(caller("speaker"), Action.PROPOSAL_CREATE, Facts.event("e").naming(false)));
        assertEquals(400, notNamed.status());
        assertEquals("speakers", notNamed.errors().get(0).field());
        assertEquals("submitter-not-speaker", notNamed.errors().get(0).code());
    }

    @Test
    void aProposalIsReadByItsSpeakersAndItsEventsOrganizersAndChangedByItsSpeakersOnly() {
        for (Caller who : List.of(caller("speaker"), caller(), caller("organizer:other"), caller("reviewer"))) {
            assertDoesNotThrow(() -> Permissions.require(who, Action.PROPOSAL_READ, Facts.proposal("e", true)));
            assertDoesNotThrow(() -> Permissions.require(who, Action.PROPOSAL_CHANGE, Facts.proposal("e", true)));
            assertEquals(404, refusal(() -> Permissions.require(who, Action.PROPOSAL_READ, Facts.proposal("e", false))));
            assertEquals(404, refusal(() -> Permissions.require(who, Action.PROPOSAL_CHANGE, Facts.proposal("e", false))));
        }
        for (Caller organizer : List.of(caller("organizer"), caller("organizer:e"))) {
            assertDoesNotThrow(() -> Permissions.require(organizer, Action.PROPOSAL_READ, Facts.proposal("e", false)));
            // An organizer is not a speaker: they read, they do not act for the speakers.
            assertEquals(404, refusal(() -> Permissions.require(organizer, Action.PROPOSAL_CHANGE, Facts.proposal("e", false))));
        }
        // A speaker cannot edit themselves off a proposal; one who is not a speaker learns nothing (404 first).
        assertEquals(400, refusal(() -> Permissions.require(caller("speaker"), Action.PROPOSAL_CHANGE,
                Facts.proposal("e", true).naming(false))));
        assertEquals(404, refusal(() -> Permissions.require(caller("speaker"), Action.PROPOSAL_CHANGE,
                Facts.proposal("e", false).naming(false))));
        assertDoesNotThrow(() -> Permissions.require(caller(), Action.PROPOSAL_LIST_OWN, Facts.event(null)));
    }

    private static Caller caller(String... groups) {
        return new Caller("someone@example.com", "someone@example.com", Set.of(groups));
    }

    private static int refusal(org.junit.jupiter.api.function.Executable check) {
        return assertThrows(ProblemException.class, check).status();
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** "GET /api/proposals/{id}" to its row, from the table in Permissions' javadoc (a row may go on over several lines). */
    static Map<String, Action> documentedRoutes() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/lectern/submission/security/Permissions.java"));
        String table = source.substring(source.indexOf("<pre>"), source.indexOf("</pre>"));
        Map<String, Action> routes = new TreeMap<>();
        Action row = null;
        for (String line : table.lines().toList()) {
            String[] cells = line.replaceFirst("^\\s*\\*\\s*", "").split("\\|");
            if (cells.length < 5 || cells[1].isBlank() && row == null || cells[1].trim().startsWith("-")
                    || cells[1].trim().equals("action")) {
                continue;
            }
            if (!cells[1].isBlank()) {
                row = Action.valueOf(cells[1].trim());
            }
            String route = cells[4].trim();
            if (!route.isEmpty()) {
                assertTrue(routes.put(route, row) == null, route + " is in two rows");
            }
        }
        return routes;
    }
}

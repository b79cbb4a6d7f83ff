package dev.lectern.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Prints a bearer token the local stack accepts: {@code TokenMain KEY_DIR ROLE SUBJECT [--event SLUG]
 * [--name NAME] [--email EMAIL] [--ttl-minutes N] [--issuer URL]}. The token is the last line of the output.
 * The issuer is the local one unless {@code --issuer} names another: {@code ./lectern token} passes the local
 * Keycloak's when the stack runs one, which signs with the same key.
 */
public final class TokenMain {

    private static final Set<String> ROLES = Set.of("organizer", "reviewer", "speaker");

    private TokenMain() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            fail("usage: lectern token ROLE SUBJECT [--event SLUG] [--name NAME] [--email EMAIL] [--ttl-minutes N]"
                    + " [--issuer URL]");
        }
        Path keyDir = Path.of(args[0]);
        String role = args[1];
        String subject = args[2];
        if (!ROLES.contains(role)) {
            fail("unknown role '" + role + "': use organizer, reviewer or speaker");
        }
        String event = null;
        String name = null;
        String email = subject.contains("@") ? subject : null;
        long ttlMinutes = 12 * 60;
        String issuer = Tokens.ISSUER;
        for (int i = 3; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                fail("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--event" -> event = value;
                case "--name" -> name = value;
                case "--email" -> email = value;
                case "--ttl-minutes" -> ttlMinutes = Long.parseLong(value);
                case "--issuer" -> issuer = value;
                default -> fail("unknown option " + option);
            }
        }
        String group = event == null || "speaker".equals(role) ? role : role + ":" + event;
        Tokens tokens = Tokens.loadOrCreate(keyDir);
        System.out.println("# " + role + (event == null ? "" : " of " + event) + " as " + subject
                + ", valid " + ttlMinutes + " minutes; use as: Authorization: Bearer <token>");
        System.out.println(tokens.mint(issuer, subject, List.of(group), email, name, Duration.ofMinutes(ttlMinutes)));
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}

package dev.lectern.review.assignment;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Conflicts of interest between a reviewer and a proposal's speakers, as data (HotCRP's lesson): the
 * kind is kept so an organizer can see why a pair was refused. Used by automatic assignment and by
 * manual assignment alike, so both refuse the same pairs.
 */
public final class Conflicts {

    /** Why a reviewer may not review a proposal. */
    public enum Kind {
        /** The reviewer is one of the speakers (same email, or their subject is a speaker's email). */
        SELF,
        /** The reviewer's affiliation is a speaker's affiliation, after normalisation. */
        AFFILIATION,
        /** The reviewer declared a conflict with one of the speakers (by email). */
        DECLARED_PERSON,
        /** The reviewer declared a conflict with a speaker's organisation. */
        DECLARED_ORGANISATION
    }

    /** A speaker as conflict checks see them; the name plays no part (names are not unique). */
    public record Speaker(String email, String affiliation) {
    }

    /** A reviewer reduced to the keys conflicts are found by. */
    public record ReviewerKeys(Set<String> self, String organisation, Set<String> declaredPeople,
                               Set<String> declaredOrganisations) {

        /**
         * @param conflicts declared conflicts: an entry with {@code @} is a person's email, any other an
         *                  organisation name
         */
        public static ReviewerKeys of(String subject, String email, String affiliation, List<String> conflicts) {
            Set<String> self = new HashSet<>();
            addIfPresent(self, Organisations.person(subject));
            addIfPresent(self, Organisations.person(email));
            Set<String> people = new HashSet<>();
            Set<String> organisations = new HashSet<>();
            for (String conflict : conflicts == null ? List.<String>of() : conflicts) {
                if (conflict == null) {
                    continue;
                }
                if (conflict.contains("@")) {
                    addIfPresent(people, Organisations.person(conflict));
                } else {
                    addIfPresent(organisations, Organisations.key(conflict));
                }
            }
            return new ReviewerKeys(Set.copyOf(self), Organisations.key(affiliation), Set.copyOf(people),
                    Set.copyOf(organisations));
        }
    }

    /** A proposal's speakers reduced to the keys conflicts are found by. */
    public record SpeakerKeys(Set<String> people, Set<String> organisations) {

        public static SpeakerKeys of(List<Speaker> speakers) {
            Set<String> people = new HashSet<>();
            Set<String> organisations = new HashSet<>();
            for (Speaker speaker : speakers) {
                addIfPresent(people, Organisations.person(speaker.email()));
                addIfPresent(organisations, Organisations.key(speaker.affiliation()));
            }
            return new SpeakerKeys(Set.copyOf(people), Set.copyOf(organisations));
        }
    }

    private Conflicts() {
    }

    /** The first conflict found, in the order of {@link Kind}; null when there is none. */
    public static Kind find(ReviewerKeys reviewer, SpeakerKeys speakers) {
        for (String person : speakers.people()) {
            if (reviewer.self().contains(person)) {
                return Kind.SELF;
            }
        }
        if (!reviewer.organisation().isEmpty() && speakers.organisations().contains(reviewer.organisation())) {
            return Kind.AFFILIATION;
        }
        for (String person : speakers.people()) {
            if (reviewer.declaredPeople().contains(person)) {
                return Kind.DECLARED_PERSON;
            }
        }
        for (String organisation : speakers.organisations()) {
            if (reviewer.declaredOrganisations().contains(organisation)) {
                return Kind.DECLARED_ORGANISATION;
            }
        }
        return null;
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (!value.isEmpty()) {
            set.add(value);
        }
    }
}

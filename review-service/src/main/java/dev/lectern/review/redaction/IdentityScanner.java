package dev.lectern.review.redaction;

import dev.lectern.review.assignment.Organisations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a proposal's own speakers in its reviewer-visible text. Plain Java.
 *
 * <p>Text and terms are compared in their {@link NormalisedText} form (no invisible characters, NFKC, case and
 * accents folded, simplified Chinese), and whatever is found is masked in the text as the speaker wrote it.
 *
 * <p>Certain (masked for reviewers, flagged for organizers):
 * <ul>
 *   <li>a speaker's full name, also with family and given name swapped, with any spaces or punctuation between the
 *       words ("HAN  MEIMEI", "Meimei-Han"); Latin words match whole words, Chinese characters anywhere, also with
 *       spaces between them;</li>
 *   <li>their email, also written {@code x(at)y}, {@code x [at] y dot z}, {@code x at y dot z};</li>
 *   <li>their affiliation, normalised as in {@link Organisations} ("Example Tech Co., Ltd." matches "example
 *       tech", 示例科技 matches 示例科技有限公司), with a legal form after it.</li>
 * </ul>
 * Uncertain (flagged for an organizer to judge, not masked: masking them would mangle text that names someone
 * else or nobody):
 * <ul>
 *   <li>an initial with another part of the name: "Y. Quarrington", "Y Quarrington", "Quarrington, Y." (and
 *       "M. Han" for Han Meimei: which part is the family name is not known);</li>
 *   <li>one part of a Latin name alone, as a whole word written with a capital ("Quarrington", not "quarrington"),
 *       at least two letters and not a digit. Parts that are everyday English words or name particles
 *       ({@link #EVERYDAY_WORDS}: he, long, young, king, song, sun, van, de...) are not searched alone: in running
 *       text they mean the word far more often than the speaker;</li>
 *   <li>a Chinese family name with a title or a familiar prefix (李老师, 王总, 小李, 老王), and a given name of two or
 *       more characters alone (晓明 of 王晓明). A single Chinese character alone is never searched: 李 is also in 行李.</li>
 * </ul>
 * An uncertain finding that overlaps a certain one, or a longer uncertain one, is not reported again.
 */
public final class IdentityScanner {

    public static final String MASK = "[redacted]";

    public enum Kind { SPEAKER_NAME, SPEAKER_EMAIL, AFFILIATION, NAME_WITH_INITIAL, NAME_PART }

    /** Certain findings are masked for reviewers; uncertain ones are only flagged, for an organizer to judge. */
    public enum Certainty { CERTAIN, UNCERTAIN }

    public record Speaker(String name, String email, String affiliation) {
    }

    /** One finding: which field, what kind of identity, the term as the speaker gave it, and how sure it is. */
    public record Match(String field, Kind kind, String term, Certainty certainty) {

        public Match(String field, Kind kind, String term) {
            this(field, kind, term, Certainty.CERTAIN);
        }
    }

    /** Whether a match in the original text counts: a lone Latin name part must be written with a capital. */
    private enum Check { NONE, CAPITALISED }

    private record Term(Kind kind, Certainty certainty, String term, Pattern pattern, Check check) {
    }

    private record Found(Term term, int start, int end) {
    }

    /** Name parts not searched alone (see the class comment); they still count in full names and with initials. */
    static final Set<String> EVERYDAY_WORDS = Set.of(
            "he", "an", "so", "go", "do", "no", "on", "in", "to", "me", "we", "us", "my", "by", "or", "as", "at", "is",
            "it", "be", "of", "up", "ma", "long", "young", "king", "song", "sun", "fan", "man", "may", "will", "rose",
            "white", "black", "brown", "green", "little", "hope", "mark", "bill", "grace", "joy", "page", "wood", "hill",
            "stone", "bell", "cook", "baker", "moon", "star", "rich", "love", "best", "good", "fine", "wise", "strong",
            "de", "da", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du", "dos", "das", "bin", "ibn",
            "al", "el", "ben", "mac", "mc", "st");

    /** Chinese family names of two characters; any other Chinese name's family name is its first character. */
    static final List<String> COMPOUND_FAMILY_NAMES = List.of("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐",
            "公孙", "夏侯", "尉迟", "长孙", "宇文", "轩辕", "端木", "司徒", "独孤", "南宫", "西门", "慕容", "呼延", "澹台");

    private static final String TITLES = "(?:先生|女士|小姐|老师|教授|博士|总|经理|同学|师傅)";
    private static final String FAMILIAR = "(?:老|小|阿)";

    private static final String LATIN = "[\\p{IsLatin}\\p{N}]";
    private static final String GAP = "[^\\p{L}\\p{N}]*";
    /** Legal-form words after an affiliation in the text are masked with it. */
    private static final String LEGAL_TAIL = "(?:" + GAP + "(?:inc|incorporated|ltd|limited|co|company|llc|gmbh"
            + "|corporation|corp)(?!" + LATIN + ")|股份有限公司|有限责任公司|有限公司|公司)*\\.?";
    private static final String AT = "(?:\\s*@\\s*|\\s*[(\\[{<]\\s*at\\s*[)\\]}>]\\s*|\\s+at\\s+)";
    private static final String DOT = "(?:\\s*\\.\\s*|\\s*[(\\[{<]\\s*dot\\s*[)\\]}>]\\s*|\\s+dot\\s+)";

    private IdentityScanner() {
    }

    /**
     * @param fields reviewer-visible fields in a stable order (title, abstract, description, tags[i])
     */
    public static List<Match> scan(Map<String, String> fields, List<Speaker> speakers) {
        List<Term> terms = terms(speakers);
        List<Match> matches = new ArrayList<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            for (Found found : find(NormalisedText.of(field.getValue()), terms)) {
                Match match = new Match(field.getKey(), found.term().kind(), found.term().term(), found.term().certainty());
                if (!matches.contains(match)) {
                    matches.add(match);
                }
            }
        }
        return matches;
    }

    /**
     * The text as written, with every certain mention of a speaker replaced by {@link #MASK}; text that names no
     * one comes back unchanged, and null stays null.
     */
    public static String mask(String text, List<Speaker> speakers) {
        if (text == null) {
            return null;
        }
        NormalisedText normalised = NormalisedText.of(text);
        List<Term> certain = terms(speakers).stream().filter(t -> t.certainty() == Certainty.CERTAIN).toList();
        List<int[]> ranges = new ArrayList<>();
        for (Found found : find(normalised, certain)) {
            ranges.add(new int[] {normalised.originalStart(found.start()), normalised.originalEnd(found.end())});
        }
        if (ranges.isEmpty()) {
            return text;
        }
        ranges.sort(Comparator.comparingInt(r -> r[0]));
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (int k = 0; k < ranges.size(); ) {
            int start = ranges.get(k)[0];
            int end = ranges.get(k)[1];
            for (k++; k < ranges.size() && ranges.get(k)[0] <= end; k++) {
                end = Math.max(end, ranges.get(k)[1]);
            }
            out.append(text, at, start).append(MASK);
            at = end;
        }
        return out.append(text, at, text.length()).toString();
    }

    public static Map<String, String> fields(String title, String abstractText, String description, List<String> tags) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", title);
        fields.put("abstract", abstractText);
        if (description != null) {
            fields.put("description", description);
        }
        for (int i = 0; tags != null && i < tags.size(); i++) {
            fields.put("tags[" + i + "]", tags.get(i));
        }
        return fields;
    }

    /** Every finding in the text (normalised positions); uncertain ones inside a certain one are left out. */
    private static List<Found> find(NormalisedText normalised, List<Term> terms) {
        List<Found> certain = new ArrayList<>();
        List<Found> uncertain = new ArrayList<>();
        String text = normalised.text();
        for (Term term : terms) {
            Matcher matcher = term.pattern().matcher(text);
            while (matcher.find()) {
                if (matcher.end() == matcher.start()) {
                    continue;
                }
                if (term.check() == Check.CAPITALISED && !capitalised(normalised, matcher.start(), matcher.end())) {
                    continue;
                }
                Found found = new Found(term, matcher.start(), matcher.end());
                (term.certainty() == Certainty.CERTAIN ? certain : uncertain).add(found);
            }
        }
        // The longest uncertain finding at a place is the one reported ("Y. Quarrington", not also "Quarrington").
        uncertain.sort(Comparator.comparingInt((Found f) -> f.start() - f.end()));
        List<Found> all = new ArrayList<>(certain);
        for (Found found : uncertain) {
            if (all.stream().noneMatch(c -> c.start() < found.end() && found.start() < c.end())) {
                all.add(found);
            }
        }
        return all;
    }

    /** Whether the first letter of what was found is a capital in the text as written. */
    private static boolean capitalised(NormalisedText normalised, int start, int end) {
        String original = normalised.original();
        for (int i = normalised.originalStart(start); i < normalised.originalEnd(end); ) {
            int cp = original.codePointAt(i);
            if (Character.isLetter(cp)) {
                return Character.isUpperCase(cp) || Character.isTitleCase(cp);
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    private static List<Term> terms(List<Speaker> speakers) {
        List<Term> terms = new ArrayList<>();
        for (Speaker speaker : speakers) {
            email(terms, speaker.email());
            name(terms, speaker.name());
            addWords(terms, Kind.AFFILIATION, Certainty.CERTAIN, speaker.affiliation(),
                    Organisations.words(NormalisedText.normalise(speaker.affiliation())), LEGAL_TAIL, Check.NONE);
        }
        return terms;
    }

    private static void email(List<Term> terms, String email) {
        if (email == null || email.isBlank()) {
            return;
        }
        String folded = NormalisedText.normalise(email.trim());
        int at = folded.lastIndexOf('@');
        if (at <= 0 || at == folded.length() - 1) {
            terms.add(new Term(Kind.SPEAKER_EMAIL, Certainty.CERTAIN, email, Pattern.compile(Pattern.quote(folded)), Check.NONE));
            return;
        }
        String regex = "(?<![\\p{L}\\p{N}._%+-])" + dotted(folded.substring(0, at)) + AT + dotted(folded.substring(at + 1))
                + "(?![\\p{L}\\p{N}-])";
        terms.add(new Term(Kind.SPEAKER_EMAIL, Certainty.CERTAIN, email, Pattern.compile(regex), Check.NONE));
    }

    /** The dot-separated parts of an email, each dot also as " dot ", "(dot)" or "[dot]". */
    private static String dotted(String part) {
        StringBuilder regex = new StringBuilder();
        String[] pieces = part.split("\\.", -1);
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                regex.append(DOT);
            }
            regex.append(Pattern.quote(pieces[i]));
        }
        return regex.toString();
    }

    private static void name(List<Term> terms, String name) {
        String plain = Organisations.plain(NormalisedText.normalise(name));
        if (plain.isEmpty()) {
            return;
        }
        List<String> parts = List.of(plain.split(" "));
        addWords(terms, Kind.SPEAKER_NAME, Certainty.CERTAIN, name, parts, "", Check.NONE);
        if (parts.size() == 2) {
            addWords(terms, Kind.SPEAKER_NAME, Certainty.CERTAIN, name, List.of(parts.get(1), parts.get(0)), "", Check.NONE);
        }
        if (parts.size() == 1 && isChinese(parts.get(0))) {
            chineseName(terms, name, parts.get(0));
            return;
        }
        for (int p = 0; p < parts.size(); p++) {
            String part = parts.get(p);
            if (!latinWord(part)) {
                continue;
            }
            if (parts.size() > 1 && part.codePointCount(0, part.length()) >= 2 && !EVERYDAY_WORDS.contains(part)) {
                terms.add(new Term(Kind.NAME_PART, Certainty.UNCERTAIN, name,
                        Pattern.compile("(?<!" + LATIN + ")" + Pattern.quote(part) + "(?!" + LATIN + ")"), Check.CAPITALISED));
            }
            for (int o = 0; o < parts.size(); o++) {
                String other = parts.get(o);
                if (o == p || !latinWord(other) || part.length() < 2) {
                    continue;
                }
                String initial = Pattern.quote(new String(Character.toChars(other.codePointAt(0))));
                String word = Pattern.quote(part);
                terms.add(new Term(Kind.NAME_WITH_INITIAL, Certainty.UNCERTAIN, name, Pattern.compile(
                        "(?<!" + LATIN + ")(?:" + initial + "(?:\\.\\s*|\\s+)" + word + "|" + word + ",\\s*" + initial
                                + "\\.)(?!" + LATIN + ")"), Check.NONE));
            }
        }
    }

    /** A Chinese name without spaces: its family name with a title or prefix, and a given name of 2+ characters. */
    private static void chineseName(List<Term> terms, String name, String word) {
        int length = word.codePointCount(0, word.length());
        if (length < 2 || length > 4) {
            return;
        }
        String family = COMPOUND_FAMILY_NAMES.stream().filter(word::startsWith).findFirst()
                .orElse(word.substring(0, word.offsetByCodePoints(0, 1)));
        String given = word.substring(family.length());
        String quoted = Pattern.quote(family);
        terms.add(new Term(Kind.NAME_PART, Certainty.UNCERTAIN, name,
                Pattern.compile(FAMILIAR + quoted + "|" + quoted + TITLES), Check.NONE));
        if (given.codePointCount(0, given.length()) >= 2) {
            terms.add(new Term(Kind.NAME_PART, Certainty.UNCERTAIN, name, Pattern.compile(Pattern.quote(given)), Check.NONE));
        }
    }

    private static void addWords(List<Term> terms, Kind kind, Certainty certainty, String original, List<String> words,
                                 String tail, Check check) {
        List<String> parts = words.stream().filter(w -> !w.isEmpty()).toList();
        int letters = parts.stream().mapToInt(String::length).sum();
        if (parts.isEmpty() || letters < 2) {
            return;
        }
        StringBuilder regex = new StringBuilder();
        String first = parts.get(0);
        if (isLatin(first.codePointAt(0))) {
            regex.append("(?<!").append(LATIN).append(')');
        }
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                regex.append(GAP);
            }
            // Within a Chinese word, spaces may still separate the characters.
            String word = parts.get(i);
            for (int c = 0; c < word.length(); ) {
                int cp = word.codePointAt(c);
                int next = c + Character.charCount(cp);
                regex.append(Pattern.quote(word.substring(c, next)));
                if (next < word.length() && !isLatin(cp)) {
                    regex.append("\\s*");
                }
                c = next;
            }
        }
        String last = parts.get(parts.size() - 1);
        if (isLatin(last.codePointBefore(last.length()))) {
            regex.append("(?!").append(LATIN).append(')');
        }
        regex.append(tail);
        terms.add(new Term(kind, certainty, original, Pattern.compile(regex.toString()), check));
    }

    private static boolean latinWord(String word) {
        return !word.isEmpty() && word.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN);
    }

    private static boolean isChinese(String word) {
        return !word.isEmpty() && word.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    private static boolean isLatin(int codePoint) {
        return Character.isDigit(codePoint) || Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.LATIN;
    }
}

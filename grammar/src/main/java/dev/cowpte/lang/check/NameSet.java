package dev.cowpte.lang.check;

import dev.cowpte.lang.ast.NameTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The names a written name stands for where it stands: {@code worker{i}} inside
 * {@code repeat 8 as i} is worker0 ... worker7. Held symbolically, as literal text and number
 * ranges, so that a repeat of a million never expands into a million names.
 */
public final class NameSet {
    /** Values a placeholder takes, lo..hi inclusive. */
    public record Span(long lo, long hi) {
        boolean contains(Span other) {
            return lo <= other.lo && other.hi <= hi;
        }

        boolean intersects(Span other) {
            return lo <= other.hi && other.lo <= hi;
        }

        long size() {
            return hi - lo + 1;
        }
    }

    /** Each part is a literal String or a Span. */
    private final List<Object> parts;

    private NameSet(List<Object> parts) {
        this.parts = parts;
    }

    public static NameSet of(String concrete) {
        return new NameSet(List.of(concrete));
    }

    /**
     * The names {@code name} stands for with the variables bound as given; null when it uses a
     * variable that is not bound (reported elsewhere) or a brace is malformed.
     */
    public static NameSet of(NameTemplate name, Map<String, Span> variables) {
        if (name.hasUnclosedBrace()) {
            return null;
        }
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (NameTemplate.Part part : name.parts()) {
            if (!part.variable()) {
                literal.append(part.text());
                continue;
            }
            Span span = variables.get(part.text());
            if (span == null) {
                return null;
            }
            if (span.lo == span.hi) {
                literal.append(span.lo);
            } else {
                parts.add(literal.toString());
                literal.setLength(0);
                parts.add(span);
            }
        }
        parts.add(literal.toString());
        return new NameSet(List.copyOf(parts));
    }

    public boolean isSingle() {
        return parts.size() == 1;
    }

    /** The one name, when {@link #isSingle()}. */
    public String single() {
        return (String) parts.get(0);
    }

    /** How many names, saturating at Long.MAX_VALUE. */
    public long count() {
        long count = 1;
        for (Object part : parts) {
            if (part instanceof Span span) {
                count = span.size() > Long.MAX_VALUE / count ? Long.MAX_VALUE : count * span.size();
            }
        }
        return count;
    }

    public boolean matches(String name) {
        return matchFrom(0, name, 0);
    }

    private boolean matchFrom(int part, String name, int at) {
        if (part == parts.size()) {
            return at == name.length();
        }
        if (parts.get(part) instanceof String literal) {
            return name.startsWith(literal, at) && matchFrom(part + 1, name, at + literal.length());
        }
        Span span = (Span) parts.get(part);
        int end = at;
        while (end < name.length() && end - at < 19 && Character.isDigit(name.charAt(end))) {
            end++;
            boolean noLeadingZero = end - at == 1 || name.charAt(at) != '0';
            if (noLeadingZero) {
                long value = Long.parseLong(name.substring(at, end));
                if (value >= span.lo && value <= span.hi && matchFrom(part + 1, name, end)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every name, or null when there are more than {@code limit}. */
    public List<String> expand(int limit) {
        if (count() > limit) {
            return null;
        }
        List<String> names = new ArrayList<>();
        names.add("");
        for (Object part : parts) {
            List<String> next = new ArrayList<>();
            for (String prefix : names) {
                if (part instanceof String literal) {
                    next.add(prefix + literal);
                } else {
                    Span span = (Span) part;
                    for (long v = span.lo; v <= span.hi; v++) {
                        next.add(prefix + v);
                    }
                }
            }
            names = next;
        }
        return names;
    }

    private boolean sameShape(NameSet other) {
        if (parts.size() != other.parts.size()) {
            return false;
        }
        for (int i = 0; i < parts.size(); i++) {
            Object mine = parts.get(i);
            Object theirs = other.parts.get(i);
            if (mine instanceof String && !mine.equals(theirs) || mine instanceof Span && !(theirs instanceof Span)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every name of {@code other} is one of these. */
    public boolean covers(NameSet other) {
        if (other.isSingle()) {
            return matches(other.single());
        }
        if (sameShape(other)) {
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i) instanceof Span span && !span.contains((Span) other.parts.get(i))) {
                    return false;
                }
            }
            return true;
        }
        List<String> names = other.expand(Limits.MAX_NAME_EXPANSION);
        return names != null && names.stream().allMatch(this::matches);
    }

    /** Whether some name is in both; when neither is small enough to tell, assumes not. */
    public boolean overlaps(NameSet other) {
        if (isSingle()) {
            return other.matches(single());
        }
        if (other.isSingle()) {
            return matches(other.single());
        }
        if (sameShape(other)) {
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i) instanceof Span span && !span.intersects((Span) other.parts.get(i))) {
                    return false;
                }
            }
            return true;
        }
        NameSet smaller = count() <= other.count() ? this : other;
        NameSet larger = smaller == this ? other : this;
        List<String> names = smaller.expand(Limits.MAX_NAME_EXPANSION);
        return names != null && names.stream().anyMatch(larger::matches);
    }

    /** A name from both, for messages; null when none is found. */
    public String firstCommon(NameSet other) {
        List<String> names = expand(Limits.MAX_NAME_EXPANSION);
        if (names != null) {
            return names.stream().filter(other::matches).findFirst().orElse(null);
        }
        names = other.expand(Limits.MAX_NAME_EXPANSION);
        return names == null ? null : names.stream().filter(this::matches).findFirst().orElse(null);
    }

    /** As shown in messages: worker{0..7}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Span span) {
                text.append('{').append(span.lo).append("..").append(span.hi).append('}');
            } else {
                text.append(part);
            }
        }
        return text.toString();
    }
}

package dev.cowpte.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * The frame table against a plain model that keeps every frame's counts apart and frees frames
 * one by one: random runs of faults, single allocations, maps, unmaps, pins, and whole tables
 * mapped and unmapped (in order, so that block counts are used, or shuffled, so that they are
 * not), after thousands of frames so that blocks and runs cross the 64Ki-frame sections. After
 * every operation each frame's mapcount, refcount and pin count, whether it is allocated, the
 * frames in use and the pfns handed out are what the model says.
 */
class FrameTableModelTest {
    enum Kind { RUN, WHOLE_RUN, ALLOC, MAP, UNMAP, PIN, UNPIN, MAP_TABLE, UNMAP_TABLE, HUGE, MAP_HUGE, UNMAP_HUGE,
        SPLIT_HUGE }

    record Op(Kind kind, int a, int b) {
    }

    @Provide
    Arbitrary<Op> op() {
        Arbitrary<Kind> kind = Arbitraries.frequency(Tuple.of(2, Kind.RUN), Tuple.of(3, Kind.WHOLE_RUN),
                Tuple.of(2, Kind.ALLOC), Tuple.of(3, Kind.MAP), Tuple.of(5, Kind.UNMAP), Tuple.of(1, Kind.PIN),
                Tuple.of(1, Kind.UNPIN), Tuple.of(4, Kind.MAP_TABLE), Tuple.of(4, Kind.UNMAP_TABLE),
                Tuple.of(2, Kind.HUGE), Tuple.of(2, Kind.MAP_HUGE), Tuple.of(2, Kind.UNMAP_HUGE),
                Tuple.of(1, Kind.SPLIT_HUGE));
        return Combinators.combine(kind, Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(0, 1 << 20)).as(Op::new);
    }

    /** What the frame table should hold, one frame at a time. */
    private static final class Model {
        final TreeMap<Integer, int[]> frames = new TreeMap<>(); // pfn -> {mapcount, refcount, pincount}
        final List<Integer> freed = new ArrayList<>(); // reused from the end
        int next = 1;

        /** A live frame chosen by {@code r}, or 0 when none. */
        int pick(int r) {
            if (frames.isEmpty()) {
                return 0;
            }
            Integer pfn = frames.ceilingKey(1 + r % next);
            return pfn != null ? pfn : frames.firstKey();
        }

        int alloc() {
            int pfn = freed.isEmpty() ? next++ : freed.remove(freed.size() - 1);
            frames.put(pfn, new int[3]);
            return pfn;
        }

        int run(int n) {
            if (!freed.isEmpty()) {
                return -1;
            }
            if (n == FrameTable.BLOCK_FRAMES && (next & (FrameTable.BLOCK_FRAMES - 1)) != 1) {
                next = ((next - 1) | (FrameTable.BLOCK_FRAMES - 1)) + 2;
            }
            int first = next;
            for (int k = 0; k < n; k++) {
                frames.put(next++, new int[] {1, 1, 0});
            }
            return first;
        }

        /** A 2 MiB page: a block of fresh pfns, whatever waits in the free list, mapped once. */
        int huge() {
            if ((next & (FrameTable.BLOCK_FRAMES - 1)) != 1) {
                next = ((next - 1) | (FrameTable.BLOCK_FRAMES - 1)) + 2;
            }
            int first = next;
            for (int k = 0; k < FrameTable.BLOCK_FRAMES; k++) {
                frames.put(next++, new int[] {1, 1, 0});
            }
            return first;
        }

        void map(int pfn) {
            frames.get(pfn)[0]++;
            frames.get(pfn)[1]++;
        }

        void unmap(int pfn) {
            frames.get(pfn)[0]--;
            put(pfn);
        }

        void put(int pfn) {
            if (--frames.get(pfn)[1] == 0) {
                frames.remove(pfn);
                freed.add(pfn);
            }
        }
    }

    /** A table of frames mapped through it, with its mappings still held. */
    private record Mapped(PageTable table, int[] pfns) {
    }

    @Provide
    Arbitrary<Integer> before() {
        // nothing, a few frames, or enough that the operations cross into the second or third section
        return Arbitraries.oneOf(Arbitraries.of(0, 3, 600), Arbitraries.integers().between(64_500, 65_600),
                Arbitraries.integers().between(130_500, 131_100));
    }

    @Property(tries = 150)
    void countsFreesAndPfnsAreThoseOfFrameByFrameWork(@ForAll("before") int before,
                                                      @ForAll @Size(max = 80) List<@From("op") Op> ops) {
        FrameTable f = new FrameTable();
        Model m = new Model();
        // single mappings each frame holds (unmap only takes those), and the tables mapped whole
        Map<Integer, Integer> singles = new HashMap<>();
        List<Mapped> tables = new ArrayList<>();
        // the huge PMD mappings held: the first pfn of the 2 MiB page each maps
        List<Integer> huge = new ArrayList<>();
        if (before > 1) {
            assertEquals(m.run(before), f.allocMappedRun(before, 0));
            for (int pfn = 1; pfn <= before; pfn++) {
                singles.put(pfn, 1);
            }
        }
        Set<Integer> touched = new HashSet<>();
        for (Op op : ops) {
            int pick = m.pick(op.a());
            touched.clear();
            touched.add(pick);
            switch (op.kind()) {
                case RUN, WHOLE_RUN -> {
                    int n = op.kind() == Kind.WHOLE_RUN ? FrameTable.BLOCK_FRAMES : 2 + op.b() % 700;
                    int first = m.run(n);
                    assertEquals(first, f.allocMappedRun(n, 0), "run of " + n);
                    for (int k = 0; first > 0 && k < n; k++) {
                        singles.put(first + k, 1);
                        touched.add(first + k);
                    }
                }
                case ALLOC -> {
                    int pfn = m.alloc();
                    assertEquals(pfn, f.alloc(0, false), "alloc");
                    touched.add(pfn);
                    singles.put(pfn, 0);
                    m.map(pfn);
                    f.map(pfn);
                    singles.merge(pfn, 1, Integer::sum);
                }
                case MAP -> {
                    if (pick != 0) {
                        m.map(pick);
                        f.map(pick);
                        singles.merge(pick, 1, Integer::sum);
                    }
                }
                case UNMAP -> {
                    if (pick != 0 && singles.getOrDefault(pick, 0) > 0) {
                        singles.merge(pick, -1, Integer::sum);
                        m.unmap(pick);
                        f.unmap(pick);
                    }
                }
                case PIN -> {
                    if (pick != 0) {
                        m.frames.get(pick)[2]++;
                        m.frames.get(pick)[1]++;
                        f.pin(pick);
                    }
                }
                case UNPIN -> {
                    if (pick != 0 && m.frames.get(pick)[2] > 0) {
                        m.frames.get(pick)[2]--;
                        m.put(pick);
                        f.unpin(pick);
                    }
                }
                case MAP_TABLE -> {
                    int[] pfns = tableOf(m, op);
                    if (pfns != null) {
                        PageTable t = new PageTable(Level.PTE, tables.size() + 1, 0);
                        int[] w = t.ptesForWrite();
                        for (int k = 0; k < pfns.length; k++) {
                            w[k] = PageTable.mkpte(pfns[k], op.b() % 3 == 0);
                            m.map(pfns[k]);
                            touched.add(pfns[k]);
                        }
                        assertEquals(FrameTable.BLOCK_FRAMES, f.mapTable(t));
                        tables.add(new Mapped(t, pfns));
                    }
                }
                case UNMAP_TABLE -> {
                    if (!tables.isEmpty()) {
                        Mapped t = tables.remove(op.b() % tables.size());
                        for (int pfn : t.pfns()) {
                            m.unmap(pfn);
                            touched.add(pfn);
                        }
                        assertEquals(FrameTable.BLOCK_FRAMES, f.unmapTable(t.table()));
                    }
                }
                case HUGE -> {
                    int first = m.huge();
                    assertEquals(first, f.allocHugePage(0), "huge page");
                    huge.add(first);
                    touched.add(first);
                }
                case MAP_HUGE -> {
                    if (!huge.isEmpty()) {
                        int first = huge.get(op.b() % huge.size());
                        for (int k = 0; k < FrameTable.BLOCK_FRAMES; k++) {
                            m.map(first + k);
                        }
                        f.mapHuge(first);
                        huge.add(first);
                        touched.add(first);
                    }
                }
                case UNMAP_HUGE -> {
                    if (!huge.isEmpty()) {
                        int first = huge.remove(op.b() % huge.size());
                        for (int k = 0; k < FrameTable.BLOCK_FRAMES; k++) {
                            m.unmap(first + k);
                        }
                        f.unmapHuge(first);
                        touched.add(first);
                    }
                }
                case SPLIT_HUGE -> {
                    if (!huge.isEmpty()) {
                        // the huge PMD becomes a PTE table mapping the block in order: counts stay
                        int first = huge.remove(op.b() % huge.size());
                        f.hugeSplit(first);
                        PageTable t = new PageTable(Level.PTE, tables.size() + 1, 0);
                        int[] w = t.ptesForWrite();
                        int[] pfns = new int[FrameTable.BLOCK_FRAMES];
                        for (int k = 0; k < pfns.length; k++) {
                            pfns[k] = first + k;
                            w[k] = PageTable.mkpte(first + k, op.a() % 2 == 0);
                        }
                        tables.add(new Mapped(t, pfns));
                        touched.add(first);
                    }
                }
                default -> throw new IllegalStateException();
            }
            Map<Integer, Integer> holds = new HashMap<>();
            huge.forEach(h -> holds.merge(h, 1, Integer::sum));
            for (Map.Entry<Integer, Integer> h : holds.entrySet()) {
                assertEquals(h.getValue(), f.pmdMapcount(h.getKey()), "huge PMDs of " + h.getKey() + " after " + op);
            }
            assertEquals(holds.size(), f.pmdMappedHugePages(), "PMD-mapped huge pages after " + op);
            check(f, m, op, touched);
        }
        check(f, m, null, m.frames.keySet());
    }

    /**
     * 512 live frames for a table: with {@code b} even, the whole block holding a live frame
     * when all its frames are live (block counts are used); else 512 live frames in any order.
     */
    private static int[] tableOf(Model m, Op op) {
        if (m.frames.size() < FrameTable.BLOCK_FRAMES) {
            return null;
        }
        int[] pfns = new int[FrameTable.BLOCK_FRAMES];
        if (op.b() % 2 == 0) {
            int first = ((m.pick(op.a()) - 1) & ~(FrameTable.BLOCK_FRAMES - 1)) + 1;
            boolean whole = true;
            for (int k = 0; k < pfns.length && whole; k++) {
                pfns[k] = first + k;
                whole = m.frames.containsKey(first + k);
            }
            if (whole) {
                return pfns;
            }
        }
        for (int k = 0; k < pfns.length; k++) {
            pfns[k] = m.pick(op.a() + k * 7919);
        }
        return pfns;
    }

    /** The frames an operation touched, the blocks around them, and the frames freed last. */
    private static void check(FrameTable f, Model m, Op op, Set<Integer> touched) {
        String after = op == null ? "the end" : op.toString();
        assertEquals(m.frames.size(), f.used(), "frames in use after " + after);
        assertEquals(m.next, f.limit(), "pfns handed out after " + after);
        Set<Integer> blocks = new HashSet<>();
        for (int pfn : touched) {
            if (pfn > 0 && blocks.add((pfn - 1) / FrameTable.BLOCK_FRAMES) && op != null) {
                int first = ((pfn - 1) & ~(FrameTable.BLOCK_FRAMES - 1)) + 1;
                for (int k = first; k < first + FrameTable.BLOCK_FRAMES; k++) {
                    checkFrame(f, m, k, after);
                }
            } else if (op == null) {
                checkFrame(f, m, pfn, after);
            }
        }
        for (int i = Math.max(0, m.freed.size() - 1000); i < m.freed.size(); i++) {
            assertFalse(f.allocated(m.freed.get(i)), "pfn " + m.freed.get(i) + " freed after " + after);
        }
    }

    private static void checkFrame(FrameTable f, Model m, int pfn, String after) {
        int[] c = m.frames.get(pfn);
        if (c == null) {
            assertFalse(f.allocated(pfn), "pfn " + pfn + " is no frame after " + after);
            return;
        }
        assertTrue(f.allocated(pfn), "pfn " + pfn + " allocated after " + after);
        assertEquals(c[0], f.mapcount(pfn), "mapcount of " + pfn + " after " + after);
        assertEquals(c[1], f.refcount(pfn), "refcount of " + pfn + " after " + after);
        assertEquals(c[2], f.pincount(pfn), "pincount of " + pfn + " after " + after);
    }
}
